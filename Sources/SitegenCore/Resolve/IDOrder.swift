/// Sorting IDs the way `String`'s `<` does, fast: the IDs' bytes are copied once, one after
/// another, into one buffer, and the sort compares each ID's first 8 bytes as an integer, then
/// the rest of the bytes in the buffer. (Comparing the strings at every step reads each from
/// wherever it is in memory again and again; half the event IDs of the 10,000-article corpus
/// begin with the same 32 bytes as another, so a longer integer prefix alone does not settle
/// them. Sorting the event IDs was most of numbering a large site's pages.)
enum IDOrder {
    /// One ID's sort key: its first 8 bytes, big-endian and zero-padded, where its bytes are in
    /// the buffer, and its position.
    private struct Key {
        var start: UInt64
        var offset: Int32
        var count: Int32
        var position: Int
    }

    /// `positions` sorted by their IDs (`String`'s `<`), equal IDs by position, and the ranges
    /// of the result where several positions have one ID (few or none).
    static func sorted(_ positions: [Int], by id: (Int) -> String) -> (sorted: [Int], shared: [Range<Int>]) {
        var bytes: [UInt8] = []
        var keys: [Key] = []
        keys.reserveCapacity(positions.count)
        for position in positions {
            let offset = bytes.count
            bytes += id(position).utf8
            var start: UInt64 = 0
            for index in 0..<8 {
                start <<= 8
                if offset + index < bytes.count { start |= UInt64(bytes[offset + index]) }
            }
            guard offset <= Int32.max - 128 else { return slowlySorted(positions, by: id) }
            keys.append(Key(start: start, offset: Int32(offset), count: Int32(bytes.count - offset), position: position))
        }
        // For text other than ASCII, `String` compares normalized text, not bytes.
        guard !bytes.contains(where: { $0 >= 0x80 }) else { return slowlySorted(positions, by: id) }

        return bytes.withUnsafeBufferPointer { bytes in
            /// -1, 0 or 1 as the ID of `left` sorts before, with or after that of `right`.
            func compare(_ left: Key, _ right: Key) -> Int {
                if left.start != right.start { return left.start < right.start ? -1 : 1 }
                let count = Int(min(left.count, right.count))
                var index = 8
                let base = UnsafeRawPointer(bytes.baseAddress!)
                while index + 8 <= count {
                    let a = base.loadUnaligned(fromByteOffset: Int(left.offset) + index, as: UInt64.self).bigEndian
                    let b = base.loadUnaligned(fromByteOffset: Int(right.offset) + index, as: UInt64.self).bigEndian
                    if a != b { return a < b ? -1 : 1 }
                    index += 8
                }
                while index < count {
                    let (a, b) = (bytes[Int(left.offset) + index], bytes[Int(right.offset) + index])
                    if a != b { return a < b ? -1 : 1 }
                    index += 1
                }
                return left.count == right.count ? 0 : left.count < right.count ? -1 : 1
            }
            keys.sort {
                let order = compare($0, $1)
                return order != 0 ? order < 0 : $0.position < $1.position
            }
            var shared: [Range<Int>] = []
            var start = 0
            for index in keys.indices.dropFirst() {
                if compare(keys[index], keys[index - 1]) == 0 { continue }
                if index - start > 1 { shared.append(start..<index) }
                start = index
            }
            if keys.count - start > 1 { shared.append(start..<keys.count) }
            return (keys.map(\.position), shared)
        }
    }

    /// ``sorted(_:by:)`` comparing the strings themselves.
    private static func slowlySorted(_ positions: [Int], by id: (Int) -> String) -> (sorted: [Int], shared: [Range<Int>]) {
        let sorted = positions.sorted { id($0) != id($1) ? id($0) < id($1) : $0 < $1 }
        var shared: [Range<Int>] = []
        var start = 0
        for index in sorted.indices.dropFirst() {
            if id(sorted[index]) == id(sorted[index - 1]) { continue }
            if index - start > 1 { shared.append(start..<index) }
            start = index
        }
        if sorted.count - start > 1 { shared.append(start..<sorted.count) }
        return (sorted, shared)
    }
}
