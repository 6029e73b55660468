import Foundation

/// The entities a rendered page shows: every entity it links to, except through the links of the
/// page's own text.
///
/// A page shows another entity's data (its name, title, date, role, outlet) only next to a link
/// to that entity's page: list items, "referenced by" sections, an event's actors, the sources
/// list of cited articles, relations, the network drawing's nodes, the previous and next links.
/// So the links a page holds are the entities whose change can change the page. Links are found in
/// the page's bytes, in either link style and absolute or relative: every `KINDS/ID/` (`actors/mali/`).
/// Finding one too many (a word that looks like a link) only renders a page again for nothing.
///
/// The links of a Markdown text are the exception: their text is the editor's and their address
/// follows the target's ID, so they show nothing of the target's value (a target added or removed
/// makes the text's link an error, or no longer one). An article that names an actor in its body
/// (`[Mali](actor:mali)`) need not be rendered again when the actor is renamed; 4,500 of the
/// 10,000 articles of the archive benchmark do so for its most named actor. The page's own text
/// (``ShowsOwnText``) is set aside when the page holds it: its links are counted and taken from
/// the page's. (Other pages' texts shown on a list, such as the timeline's event summaries, are
/// not set aside: those pages show the same entities' names beside them.)
enum PageLinks {
    /// The folders of the entity kinds whose pages are linked, as bytes, with the kinds' codes in
    /// ``RefNumbers`` (standalone pages live at the root and are not found here: any change to one
    /// renders every page again).
    private static let folders: [(kind: EntityKind, code: UInt8, bytes: [UInt8])] =
        [EntityKind.article, .actor, .event, .note].map { ($0, RefNumbers.kindCode($0), Array($0.folder.utf8)) }

    /// The entities a page shows: the numbers of those that have one in the table the page was
    /// read with, and the others.
    struct Shown: Sendable, Equatable {
        /// The numbers of the entities shown, ascending, each once.
        var numbers: [Int32] = []
        /// The entities shown that had no number, each once.
        var unnumbered: [Ref] = []

        /// Adds `ref`, as its number in `table` when it has one.
        mutating func insert(_ ref: Ref, numberedBy table: RefNumbers) {
            if let number = table.number(of: ref) {
                let place = numbers.firstIndex { $0 >= number } ?? numbers.count
                if place == numbers.count || numbers[place] != number { numbers.insert(number, at: place) }
            } else if !unnumbered.contains(ref) {
                unnumbered.append(ref)
            }
        }

        /// `numbers` ascending, each once.
        static func ascendingOnce(_ numbers: [Int32]) -> [Int32] {
            let sorted = numbers.sorted()
            var unique: [Int32] = []
            unique.reserveCapacity(sorted.count)
            for number in sorted where number != unique.last { unique.append(number) }
            return unique
        }

        /// The entities, as refs.
        func refs(numberedBy table: RefNumbers) -> Set<Ref> {
            Set(numbers.map { table[$0] } + unnumbered)
        }
    }

    /// Every entity linked from `data`, each once.
    static func refs(in data: Data) -> Set<Ref> {
        shown(in: data, besides: nil)
    }

    /// The entities whose value the page `data` shows: those it links to more often than its own
    /// text `ownText` does, when the page holds that text (every link, when it does not or there is none).
    static func shown(in data: Data, besides ownText: String?) -> Set<Ref> {
        let table = RefNumbers()
        return shown(in: data, besides: ownText, numberedBy: table).refs(numberedBy: table)
    }

    /// What ``shown(in:besides:)`` gives, by the entities' numbers in `table` (a String is made
    /// only of a link to an entity that has none).
    static func shown(in data: Data, besides ownText: String?, numberedBy table: RefNumbers) -> Shown {
        table.withLookUp { table in
            data.withUnsafeBytes { page in
                var links = tally(page, table)
                if var text = ownText, !text.isEmpty {
                    let textLinks = text.withUTF8 { text in tally(UnsafeRawBufferPointer(text), table) }
                    if !textLinks.isEmpty, text.withUTF8({ text in contains(page, text) }) {
                        links.subtract(textLinks)
                    }
                }
                return links.shown()
            }
        }
    }

    /// The links of a page or text: the numbers of those to numbered entities, one per link, and
    /// how many times it links each other entity.
    private struct Tally {
        var numbers: [Int32] = []
        var unnumbered: [Ref: Int] = [:]

        var isEmpty: Bool { numbers.isEmpty && unnumbered.isEmpty }

        /// Takes away a link for each of `other`'s.
        mutating func subtract(_ other: Tally) {
            numbers.sort()
            let taken = other.numbers.sorted()
            var kept: [Int32] = []
            kept.reserveCapacity(numbers.count)
            var next = 0
            for number in numbers {
                while next < taken.count && taken[next] < number { next += 1 }
                if next < taken.count && taken[next] == number {
                    next += 1
                } else {
                    kept.append(number)
                }
            }
            numbers = kept
            for (ref, count) in other.unnumbered { unnumbered[ref, default: 0] -= count }
        }

        /// The entities linked at least once.
        func shown() -> Shown {
            Shown(numbers: Shown.ascendingOnce(numbers), unnumbered: unnumbered.filter { $0.value > 0 }.map(\.key).sorted())
        }
    }

    /// Whether `page` holds the bytes of `text`.
    private static func contains(_ page: UnsafeRawBufferPointer, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        ByteSearch.firstMatch(of: text, in: page.bindMemory(to: UInt8.self)) != nil
    }

    /// Every link of `raw` to an entity page (`KINDS/ID/`), numbered by `table` when it can be.
    private static func tally(_ raw: UnsafeRawBufferPointer, _ table: RefNumbers.LookUp) -> Tally {
        var found = Tally()
        let bytes = raw.bindMemory(to: UInt8.self)
        let count = bytes.count
        // Every folder name ends in `s`: look at each `s/` and at the name before it.
        var from = 1
        while from < count, let slash = folderEnd(in: bytes, from: from) {
            let index = slash - 1
            from = slash + 1
            for (kind, code, name) in folders where index + 1 >= name.count {
                let start = index + 1 - name.count
                var matches = true
                for offset in 0..<name.count where bytes[start + offset] != name[offset] {
                    matches = false
                    break
                }
                guard matches else { continue }
                var end = index + 2
                while end < count, isIDByte(bytes[end]) { end += 1 }
                if end > index + 2, end < count, bytes[end] == UInt8(ascii: "/") {
                    let id = UnsafeBufferPointer(rebasing: bytes[(index + 2)..<end])
                    if let number = table.number(kind: code, id) {
                        found.numbers.append(number)
                    } else {
                        found.unnumbered[Ref(kind, String(decoding: id, as: UTF8.self)), default: 0] += 1
                    }
                }
                break
            }
        }
        return found
    }

    /// The offset of the first `/` after an `s` in `bytes` at or after `start` (at least 1),
    /// looked for eight bytes at a time: a page's bytes are 100 MB on an actor's rename, and its
    /// slashes a few bytes apart (a call to memchr for each cost more than the search).
    private static func folderEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let ones: UInt64 = 0x0101_0101_0101_0101, lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let (slashes, esses) = (ones &* UInt64(UInt8(ascii: "/")), ones &* UInt64(UInt8(ascii: "s")))
        // The high bit of each byte that is zero in `word`, and of no other.
        func zeros(_ word: UInt64) -> UInt64 { ~(((word & lows) &+ lows) | word | lows) }
        var offset = start
        if let base = bytes.baseAddress {
            while offset + 8 <= bytes.count {
                // The bytes at `offset`... and those just before them.
                let here = UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
                let before = UInt64(littleEndian: UnsafeRawPointer(base + offset - 1).loadUnaligned(as: UInt64.self))
                let found = zeros(here ^ slashes) & zeros(before ^ esses)
                if found != 0 { return offset + found.trailingZeroBitCount / 8 }
                offset += 8
            }
        }
        while offset < bytes.count {
            if bytes[offset] == UInt8(ascii: "/") && bytes[offset - 1] == UInt8(ascii: "s") { return offset }
            offset += 1
        }
        return nil
    }

    private static func isIDByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"),
             UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "%"), 0x80...0xFF:
            return true
        default:
            return false
        }
    }
}

/// Which page shows which entity, both ways: the pages to render again when entities change.
/// Entities are kept by their numbers (``RefNumbers``), so that recording what a page shows
/// compares two arrays of numbers, not two sets of refs.
struct PageDependencies: Sendable {
    /// The numbers of the entities pages show.
    private(set) var numbers = RefNumbers()
    /// For each page (by output path), the numbers of the entities it shows, ascending.
    private var shown: [String: [Int32]] = [:]
    /// For each entity (by number), the pages that show it.
    private var shownOn: [Set<String>] = []

    /// Gives numbers to `refs` that have none (the entities of a site, before its pages are read
    /// with ``numbers``: a link to one of them is then found without making a String).
    mutating func number(_ refs: some Sequence<Ref>) {
        for ref in refs { _ = numbers.insert(ref) }
    }

    /// Records that the page at `path` shows the entities of `page` (replacing what it showed
    /// before), whose numbers are those of ``numbers`` as it was when the page was read.
    mutating func record(_ path: String, shows page: PageLinks.Shown) {
        var new = page.numbers
        if !page.unnumbered.isEmpty {
            new = PageLinks.Shown.ascendingOnce(new + page.unnumbered.map { numbers.insert($0) })
        }
        let old = shown[path] ?? []
        guard old != new else { return }
        if shownOn.count < numbers.count { shownOn += Array(repeating: [], count: numbers.count - shownOn.count) }
        // Both ascending: one walk finds those that went and those that came.
        var (before, after) = (0, 0)
        while before < old.count || after < new.count {
            if after == new.count || (before < old.count && old[before] < new[after]) {
                shownOn[Int(old[before])].remove(path)
                before += 1
            } else if before == old.count || new[after] < old[before] {
                shownOn[Int(new[after])].insert(path)
                after += 1
            } else {
                (before, after) = (before + 1, after + 1)
            }
        }
        shown[path] = new.isEmpty ? nil : new
    }

    /// Forgets a page that is no longer made.
    mutating func remove(_ path: String) {
        record(path, shows: PageLinks.Shown())
    }

    /// The pages that show any of `refs`.
    func pages(showing refs: some Sequence<Ref>) -> Set<String> {
        var pages = Set<String>()
        for ref in refs {
            guard let number = numbers.number(of: ref), Int(number) < shownOn.count else { continue }
            pages.formUnion(shownOn[Int(number)])
        }
        return pages
    }
}
