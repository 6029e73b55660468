extension Sequence {
    /// The first `count` elements of `sorted(by: areInIncreasingOrder)`, in that order, found
    /// without sorting the rest: each element is compared with the last of those kept so far
    /// (and placed among them only when it goes before it). For a strict total order the result
    /// equals `sorted(by:).prefix(count)`; the feed takes its latest 50 entries of 100,000 so.
    func first(_ count: Int, sortedBy areInIncreasingOrder: (Element, Element) throws -> Bool) rethrows -> [Element] {
        guard count > 0 else { return [] }
        var kept: [Element] = []
        kept.reserveCapacity(count + 1)
        for element in self {
            if kept.count == count {
                guard try areInIncreasingOrder(element, kept[count - 1]) else { continue }
                kept.removeLast()
            }
            // After the kept elements it does not go before (binary search).
            var low = 0, high = kept.count
            while low < high {
                let middle = (low + high) / 2
                if try areInIncreasingOrder(element, kept[middle]) { high = middle } else { low = middle + 1 }
            }
            kept.insert(element, at: low)
        }
        return kept
    }
}
