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
            guard let base = bytes.baseAddress else { return }
            let count = bytes.count
            var copied = 0
            var index = 0
            while index < count {
                // Eight bytes at a time while none of them is to be escaped (most of a text).
                if index + 8 <= count, !mayNeedEscaping(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                    index += 8
                    continue
                }
                let replacement: StaticString
                switch base[index] {
                case 0x26: replacement = "&amp;"
                case 0x3C: replacement = "&lt;"
                case 0x3E: replacement = "&gt;"
                case 0x22: replacement = "&quot;"
                case 0x27: replacement = "&#39;"
                default:
                    index += 1
                    continue
                }
                output.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: index - copied))
                replacement.withUTF8Buffer { output.append(contentsOf: $0) }
                index += 1
                copied = index
            }
            output.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: count - copied))
        }
    }

    /// Whether any of the eight bytes of `word` is `"` (0x22), `&` or `'` (0x26, 0x27 once bit 0
    /// is set), `<` or `>` (0x3C, 0x3E once bit 1 is set): the exact test for a zero byte,
    /// `(v - 0x01…) & ~v & 0x80…`, on the word XORed with each.
    @inline(__always)
    private static func mayNeedEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ v: UInt64) -> Bool { (v &- ones) & ~v & highs != 0 }
        return hasZeroByte(word ^ (ones &* 0x22))
            || hasZeroByte((word | ones) ^ (ones &* 0x27))
            || hasZeroByte((word | (ones &* 0x02)) ^ (ones &* 0x3E))
    }

    private static func needsEscaping(_ byte: UInt8) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
    }
}
