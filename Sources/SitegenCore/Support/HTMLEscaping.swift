import Foundation

/// Escaping for text placed in HTML or XML that sitegen writes itself (templates escape their own values).
public enum HTMLEscaping {
    /// Escapes `& < > " '`, in one pass over the UTF-8 bytes.
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: needsEscaping) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 16)
        append(text, escapedTo: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the UTF-8 of `text` to `output` with `& < > " '` escaped: the one escaper of
    /// template values and of the HTML and XML sitegen writes itself.
    static func append(_ text: String, escapedTo output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var copied = 0
            for index in bytes.indices {
                let replacement: StaticString
                switch bytes[index] {
                case 0x26: replacement = "&amp;"
                case 0x3C: replacement = "&lt;"
                case 0x3E: replacement = "&gt;"
                case 0x22: replacement = "&quot;"
                case 0x27: replacement = "&#39;"
                default: continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                replacement.withUTF8Buffer { output.append(contentsOf: $0) }
                copied = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<bytes.count]))
        }
    }

    private static func needsEscaping(_ byte: UInt8) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
    }
}
