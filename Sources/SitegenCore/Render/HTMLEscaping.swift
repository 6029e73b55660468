import Foundation

/// Escaping for text placed in HTML or XML that sitegen writes itself (templates escape their own values).
public enum HTMLEscaping {
    /// Escapes `& < > " '`, in one pass over the UTF-8 bytes.
    public static func escape(_ text: String) -> String {
        var text = text
        let escaped = text.withUTF8 { bytes -> [UInt8]? in
            var output: [UInt8]?
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
                if output == nil { output = []; output!.reserveCapacity(bytes.count + 16) }
                output!.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                replacement.withUTF8Buffer { output!.append(contentsOf: $0) }
                copied = index + 1
            }
            output?.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<bytes.count]))
            return output
        }
        return escaped.map { String(decoding: $0, as: UTF8.self) } ?? text
    }

    /// Escapes a URL for an `href`: characters that break attributes are percent-encoded or escaped.
    static func attributeURL(_ url: String) -> String {
        escape(url.replacingOccurrences(of: " ", with: "%20"))
    }
}
