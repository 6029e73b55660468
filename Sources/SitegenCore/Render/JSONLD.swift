/// schema.org structured data for a page, as a `<script type="application/ld+json">` body.
///
/// A small encoder of its own: keys sorted, strings escaped so the text cannot end its
/// `<script>` element (`<`, `>` and `&` as `\\u` escapes). Foundation's JSONSerialization
/// cost more than rendering the rest of a small page.
enum JSONLD {
    /// Serialises `object` (strings, numbers, booleans, arrays and dictionaries) with sorted keys.
    static func script(_ object: [String: Any]) -> String {
        var object = object
        object["@context"] = "https://schema.org"
        var output: [UInt8] = []
        output.reserveCapacity(512)
        write(object, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Drops the nil values of a dictionary literal.
    static func compact(_ object: [String: Any?]) -> [String: Any] {
        object.compactMapValues { $0 }
    }

    private static func write(_ value: Any, to output: inout [UInt8]) {
        switch value {
        case let text as String:
            writeString(text, to: &output)
        case let flag as Bool:
            output += (flag ? "true" : "false").utf8
        case let number as Int:
            output += String(number).utf8
        case let map as [String: Any]:
            output.append(UInt8(ascii: "{"))
            for (index, key) in map.keys.sorted().enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeString(key, to: &output)
                output.append(UInt8(ascii: ":"))
                write(map[key]!, to: &output)
            }
            output.append(UInt8(ascii: "}"))
        case let list as [Any]:
            output.append(UInt8(ascii: "["))
            for (index, item) in list.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(item, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        default:
            writeString(String(describing: value), to: &output)
        }
    }

    private static func writeString(_ text: String, to output: inout [UInt8]) {
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
