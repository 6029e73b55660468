/// schema.org structured data for a page, as a `<script type="application/ld+json">` body.
///
/// A small encoder of its own: keys sorted, strings escaped so the text cannot end its
/// `<script>` element (`<`, `>` and `&` as `\\u` escapes). Foundation's JSONSerialization
/// cost more than rendering the rest of a small page, and so did a `[String: Any]` of the values
/// (a dictionary per page and a dynamic cast per value): the values are typed (``Value``).
enum JSONLD {
    /// A value of structured data: a text, a list of texts or an object.
    indirect enum Value: ExpressibleByStringLiteral, ExpressibleByDictionaryLiteral {
        case text(String)
        case texts([String])
        case object(Object)

        init(stringLiteral text: String) { self = .text(text) }
        init(dictionaryLiteral fields: (String, Value?)...) { self = .object(Object(fields)) }
    }

    /// An object of structured data: its fields in any order (they are written sorted by key),
    /// a field given nil left out.
    struct Object: ExpressibleByDictionaryLiteral {
        private var fields: [(key: String, value: Value)]

        init(dictionaryLiteral fields: (String, Value?)...) { self.init(fields) }

        fileprivate init(_ fields: [(String, Value?)]) {
            self.fields = fields.compactMap { key, value in value.map { (key, $0) } }
        }

        /// The value of field `key`; setting nil removes the field.
        subscript(key: String) -> Value? {
            get { fields.first { $0.key == key }?.value }
            set {
                fields.removeAll { $0.key == key }
                if let newValue { fields.append((key, newValue)) }
            }
        }

        fileprivate func write(to output: inout [UInt8]) {
            output.append(UInt8(ascii: "{"))
            for (index, field) in fields.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeString(field.key, to: &output)
                output.append(UInt8(ascii: ":"))
                field.value.write(to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Serialises `object` with its `@context`, keys sorted.
    static func script(_ object: Object) -> String {
        var object = object
        object["@context"] = "https://schema.org"
        var output: [UInt8] = []
        output.reserveCapacity(512)
        object.write(to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    fileprivate static func writeString(_ text: String, to output: inout [UInt8]) {
        var text = text
        output.append(0x22)
        text.withUTF8 { bytes in
            var copied = 0
            for index in bytes.indices {
                let byte = bytes[index]
                let replacement: String
                switch byte {
                case 0x22: replacement = "\\\""
                case 0x5C: replacement = "\\\\"
                case 0x0A: replacement = "\\n"
                case 0x0D: replacement = "\\r"
                case 0x09: replacement = "\\t"
                case 0x3C: replacement = "\\u003c"
                case 0x3E: replacement = "\\u003e"
                case 0x26: replacement = "\\u0026"
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    // U+2028 and U+2029 end lines in JavaScript.
                    replacement = bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                case ..<0x20:
                    let hex = String(byte, radix: 16)
                    replacement = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default:
                    continue
                }
                guard index >= copied else { continue }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                output.append(contentsOf: replacement.utf8)
                copied = index + (byte == 0xE2 ? 3 : 1)
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<bytes.count]))
        }
        output.append(0x22)
    }
}

extension JSONLD.Value {
    fileprivate func write(to output: inout [UInt8]) {
        switch self {
        case .text(let text):
            JSONLD.writeString(text, to: &output)
        case .texts(let texts):
            output.append(UInt8(ascii: "["))
            for (index, text) in texts.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONLD.writeString(text, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            object.write(to: &output)
        }
    }
}
