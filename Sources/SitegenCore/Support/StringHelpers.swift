extension StringProtocol {
    /// The text without white space at either end: what Foundation's
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` gives (Unicode white space, line breaks
    /// included), without bridging to `NSString`. Text that needs no trimming is returned as it is.
    func trimmingWhitespace() -> String { trimming { $0.properties.isWhitespace } }

    /// The text without spaces and tabs at either end, like Foundation's
    /// `trimmingCharacters(in: .whitespaces)`: line breaks stay.
    func trimmingSpaces() -> String {
        trimming { $0 == "\t" || ($0.properties.isWhitespace && $0.properties.generalCategory == .spaceSeparator) }
    }

    private func trimming(_ isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        // Fast path: printable ASCII at both ends.
        if first.value > 0x20, first.value < 0x7F, last.value > 0x20, last.value < 0x7F { return String(self) }
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isTrimmed(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isTrimmed(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(self[start..<end])
    }
}

extension String {
    /// The lines of the text (split at `\n`, empty lines kept), found over UTF-8 bytes: much
    /// faster than splitting by `Character` for long texts.
    func lines() -> [Substring] {
        // The line breaks found with memchr, then each line cut at its byte offsets (a line
        // break is ASCII, so every cut is on a character boundary); the generic split of the
        // UTF-8 view was a sixth of an events file's load.
        var breaks: [Int] = []
        var copy = self
        copy.withUTF8 { bytes in
            var offset = 0
            while let position = ByteSearch.firstIndex(of: 0x0A, in: bytes, from: offset) {
                breaks.append(position)
                offset = position + 1
            }
        }
        var lines: [Substring] = []
        lines.reserveCapacity(breaks.count + 1)
        var start = utf8.startIndex
        for position in breaks {
            let end = utf8.index(utf8.startIndex, offsetBy: position)
            lines.append(self[start..<end])
            start = utf8.index(after: end)
        }
        lines.append(self[start..<utf8.endIndex])
        return lines
    }
}

extension Collection where Element == UInt8 {
    /// How many characters (Unicode scalars) these UTF-8 bytes hold: every byte that does not
    /// continue a multi-byte sequence starts one. Columns in messages are counted this way.
    var unicodeScalarCount: Int {
        reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
    }
}
