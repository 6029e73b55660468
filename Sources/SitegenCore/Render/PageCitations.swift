import Synchronization

/// A part of a page that cites articles. Each ``PageKind`` lists its citing parts in the order
/// the page shows them (``PageKind/citing``), and the page's sources are numbered in that order.
enum CitingPart: Sendable, Equatable {
    /// The home page's introduction (`content/_index.md`).
    case introduction
    /// The Markdown body of the page's entity (article, actor profile, note, standalone page).
    case body
    /// An event page's summary.
    case summary
    /// The summaries of the events a timeline page lists, in its order.
    case eventSummaries
    /// An event's sources that are quoted, in the editor's order.
    case quotedSources
    /// An event's sources without a quote: they are listed under Sources but show no mark.
    case otherSources
    /// An actor's relations, as its page lists them (``PageBuilder/shownRelations(_:among:)``).
    case relations
    /// The values of the entity's facts, in the editor's order.
    case facts
}

/// The numbered sources of one page: every article its citing parts cite, numbered by first
/// citation in the order of the page kind's ``PageKind/citing``; citing an article again reuses
/// its number. Built before the page's view, so the numbers do not depend on the order in which
/// the view builder asks for them.
struct PageCitations: Sendable {
    /// The cited articles, the one numbered 1 first.
    let order: [String]
    private let numbers: [String: Int]
    /// The marks of single numbers, with the word before a number for screen readers.
    private let singleMarks: CitationMarks

    /// Numbers the articles of `cited`, first citation first; `label` is the theme's `sources.source`.
    init(_ cited: some Sequence<String>, label: String = "Source") {
        self.init(cited, marks: CitationMarks(label: label))
    }

    /// Numbers the articles of `cited`, first citation first, with marks from `marks` (which
    /// a page builder keeps for all its pages).
    init(_ cited: some Sequence<String>, marks: CitationMarks) {
        var order: [String] = []
        var numbers: [String: Int] = [:]
        numbers.reserveCapacity(cited.underestimatedCount)
        for id in cited where numbers[id] == nil {
            order.append(id)
            numbers[id] = order.count
        }
        self.order = order
        self.numbers = numbers
        singleMarks = marks
    }

    /// No sources (pages that cite nothing).
    static let none = PageCitations([String]())

    /// The number of `articleID` on this page; nil when no citing part of the page cites it.
    func number(of articleID: String) -> Int? {
        numbers[articleID]
    }

    /// The marks for a group of citations (a `[@a; @b]` of Markdown, the sources of a fact
    /// value or a relation): one per article, in number order.
    func marks(for articleIDs: some Sequence<String>) -> [CitationMark] {
        sortedNumbers(articleIDs).map(singleMarks.mark)
    }

    /// The mark of source `number` alone.
    func mark(_ number: Int) -> CitationMark {
        singleMarks.mark(number)
    }

    /// The HTML of a citation group in Markdown text, one `<sup>` for the group.
    func html(for articleIDs: [String]) -> String {
        let numbers = sortedNumbers(articleIDs)
        assert(numbers.count == Set(articleIDs).count, "a citing part is missing from the page kind's `citing` list")
        return numbers.count == 1 ? singleMarks.mark(numbers[0]).html : CitationMark.html(numbers, label: singleMarks.label)
    }

    /// The numbers of `articleIDs` on this page, each once, in increasing order (a group cites
    /// a few articles: sorting them costs less than a set).
    private func sortedNumbers(_ articleIDs: some Sequence<String>) -> [Int] {
        var found = articleIDs.compactMap { numbers[$0] }
        guard found.count > 1 else { return found }
        found.sort()
        var kept = 1
        for number in found[1...] where number != found[kept - 1] {
            found[kept] = number
            kept += 1
        }
        found.removeLast(found.count - kept)
        return found
    }
}

/// The marks of single sources (`[1]`, `[2]`, …), each written once: a page builder shows the
/// same few hundred numbers on thousands of pages, and most marks cite one source.
final class CitationMarks: Sendable {
    /// The word before a number for screen readers ("Source"), escaped for an attribute.
    let label: String
    /// The marks written so far, number 1 first. Each render thread has its own builder and so
    /// its own marks: the lock is never waited for in a build.
    private let written = Mutex<[CitationMark]>([])

    /// Marks with `label` (the theme's `sources.source`) before their numbers.
    init(label: String) {
        self.label = HTMLEscaping.escape(label)
    }

    /// The mark of source `number` alone.
    func mark(_ number: Int) -> CitationMark {
        written.withLock { written in
            while written.count < number { written.append(CitationMark(number: written.count + 1, label: label)) }
            return written[number - 1]
        }
    }
}

extension CitationMark {
    /// A mark for source `number`; `label` is the escaped word for screen readers.
    init(number: Int, label: String) {
        self.init(number: number, anchor: Self.anchor(number), html: Self.html([number], label: label))
    }

    /// The element id of source `number` in the Sources list, which its marks link to: `source_3`.
    static func anchor(_ number: Int) -> String {
        "source_\(number)"
    }

    /// The one place a citation mark is written, for Markdown text and for the marks the
    /// templates show beside quotes, facts and relations:
    /// `<sup class="cite">[<a href="#source_1" aria-label="Source 1">1</a>, …]</sup>`.
    static func html(_ numbers: [Int], label: String) -> String {
        let links = numbers.map { number in
            "<a href=\"#" + anchor(number) + "\" aria-label=\"\(label) \(number)\">\(number)</a>"
        }
        return "<sup class=\"cite\">[" + links.joined(separator: ", ") + "]</sup>"
    }
}
