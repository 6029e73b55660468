/// Finds Pandoc-style citations, `[@id]` and `[@one; @two]`, in plain text.
enum CitationScanner {
    /// One bracketed citation group.
    struct Match: Equatable {
        /// UTF-8 byte range of the whole `[...]` in the scanned text.
        var range: Range<Int>
        /// The cited IDs with the UTF-8 offset of each `@`.
        var ids: [(id: String, offset: Int)]

        static func == (lhs: Match, rhs: Match) -> Bool {
            lhs.range == rhs.range && lhs.ids.map(\.id) == rhs.ids.map(\.id)
        }
    }

    /// Every citation group in `text`, in order.
    static func matches(in text: String) -> [Match] {
        let bytes = Array(text.utf8)
        var result: [Match] = []
        var index = 0
        while index + 1 < bytes.count {
            guard bytes[index] == UInt8(ascii: "["), bytes[index + 1] == UInt8(ascii: "@") else {
                index += 1
                continue
            }
            var end = index + 1
            while end < bytes.count, bytes[end] != UInt8(ascii: "]"), bytes[end] != UInt8(ascii: "[") { end += 1 }
            guard end < bytes.count, bytes[end] == UInt8(ascii: "]") else {
                index += 1
                continue
            }
            if let ids = parseGroup(bytes, from: index + 1, to: end) {
                result.append(Match(range: index..<(end + 1), ids: ids))
                index = end + 1
            } else {
                index += 1
            }
        }
        return result
    }

    /// Parses `@a; @b` between the brackets; nil if any part is not `@` followed by a word.
    private static func parseGroup(_ bytes: [UInt8], from start: Int, to end: Int) -> [(id: String, offset: Int)]? {
        var ids: [(id: String, offset: Int)] = []
        var partStart = start
        var position = start
        while position <= end {
            if position == end || bytes[position] == UInt8(ascii: ";") {
                var first = partStart
                var last = position
                while first < last, isSpace(bytes[first]) { first += 1 }
                while last > first, isSpace(bytes[last - 1]) { last -= 1 }
                guard last - first >= 2, bytes[first] == UInt8(ascii: "@") else { return nil }
                let idBytes = bytes[(first + 1)..<last]
                guard !idBytes.contains(where: isSpace) else { return nil }
                ids.append((String(decoding: idBytes, as: UTF8.self), first))
                partStart = position + 1
            }
            position += 1
        }
        return ids.isEmpty ? nil : ids
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
    }
}
