import Dispatch

/// Who references each page, as page numbers (``PageNumbers``): for each target, the distinct
/// pages that reference it, sorted, all in one array (a list per page would be an allocation for
/// each of a large site's hundreds of thousands of pages).
struct LinkTable: Sendable {
    /// Where each target's sources start in ``sources``; one more entry than there are pages.
    private let starts: [Int32]
    /// Where each target's sources end.
    private let ends: [Int32]
    /// Every target's sources, one run after another.
    private let sources: [Int32]

    /// The table of the links `found` (target number << 32 | source number) among `count` pages;
    /// each target's sources are sorted and made distinct on every core when `parallel`.
    init(count: Int, links found: [[UInt64]], parallel: Bool) {
        var starts = [Int32](repeating: 0, count: count + 1)
        for links in found {
            for link in links { starts[Int(link >> 32) + 1] += 1 }
        }
        for target in 0..<count { starts[target + 1] += starts[target] }
        var next = starts
        var sources = [Int32](repeating: 0, count: Int(starts[count]))
        for links in found {
            for link in links {
                let target = Int(link >> 32)
                sources[Int(next[target])] = Int32(truncatingIfNeeded: link)
                next[target] += 1
            }
        }
        // Each target's run sorted and made distinct in place; `next` becomes where it ends.
        let chunks = parallel && count >= 1024 ? 8 : 1
        sources.withUnsafeMutableBufferPointer { sources in
            next.withUnsafeMutableBufferPointer { ends in
                starts.withUnsafeBufferPointer { starts in
                    nonisolated(unsafe) let (sources, ends, starts) = (sources, ends, starts)
                    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                        for target in stride(from: chunk, to: count, by: chunks) {
                            let (start, end) = (Int(starts[target]), Int(ends[target]))
                            guard end - start > 1 else { continue }
                            var run = UnsafeMutableBufferPointer(rebasing: sources[start..<end])
                            run.sort()
                            var unique = 1
                            for index in 1..<run.count where run[index] != run[unique - 1] {
                                run[unique] = run[index]
                                unique += 1
                            }
                            ends[target] = Int32(start + unique)
                        }
                    }
                }
            }
        }
        self.starts = starts
        self.ends = next
        self.sources = sources
    }

    /// The pages that reference `target`, sorted and distinct.
    func sources(of target: Int32) -> ArraySlice<Int32> {
        sources[Int(starts[Int(target)])..<Int(ends[Int(target)])]
    }

    /// Whether no page references `target`.
    func isEmpty(_ target: Int32) -> Bool {
        starts[Int(target)] == ends[Int(target)]
    }

    /// The lists of ``Site/backlinks``, made on every core when `parallel`: for each page that
    /// others reference, in parts of the pages, its number and those pages in ``Ref`` order.
    func backlinkLists(_ pages: PageNumbers, parallel: Bool) -> [[(target: Int32, sources: [Ref])]] {
        let parts = stride(from: 0, to: pages.count, by: 4096).map { $0..<min($0 + 4096, pages.count) }
        return parts.parallelMap(minimumCount: 2, parallel: parallel) { part in
            part.compactMap { target in
                isEmpty(Int32(target)) ? nil : (Int32(target), sources(of: Int32(target)).map { pages.ref($0) })
            }
        }
    }

    /// ``Site/backlinks`` from its lists (``backlinkLists(_:parallel:)``).
    static func backlinks(_ lists: [[(target: Int32, sources: [Ref])]], _ pages: PageNumbers) -> [Ref: [Ref]] {
        var result: [Ref: [Ref]] = [:]
        result.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        for part in lists {
            for (target, sources) in part { result[pages.ref(target)] = sources }
        }
        return result
    }
}
