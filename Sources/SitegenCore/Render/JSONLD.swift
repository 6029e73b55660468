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
        var output = ""
        output.reserveCapacity(512)
        write(object, to: &output)
        return output
    }

    /// Drops the nil values of a dictionary literal.
    static func compact(_ object: [String: Any?]) -> [String: Any] {
        object.compactMapValues { $0 }
    }

    private static func write(_ value: Any, to output: inout String) {
        switch value {
        case let text as String:
            writeString(text, to: &output)
        case let flag as Bool:
            output += flag ? "true" : "false"
        case let number as Int:
            output += String(number)
        case let list as [Any]:
            output += "["
            for (index, item) in list.enumerated() {
                if index > 0 { output += "," }
                write(item, to: &output)
            }
            output += "]"
        case let map as [String: Any]:
            output += "{"
            for (index, key) in map.keys.sorted().enumerated() {
                if index > 0 { output += "," }
                writeString(key, to: &output)
                output += ":"
                write(map[key]!, to: &output)
            }
            output += "}"
        default:
            writeString(String(describing: value), to: &output)
        }
    }

    private static func writeString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "<": output += "\\u003c"
            case ">": output += "\\u003e"
            case "&": output += "\\u0026"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
