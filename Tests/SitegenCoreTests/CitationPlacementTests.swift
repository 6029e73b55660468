import Foundation
import Testing
@testable import SitegenCore

/// SplitMix64: a small seeded generator, so a seed gives the same documents on every machine.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The articles the generated documents cite.
private let citedArticles = ["wire-2023-07-28", "courier-2022-05-16", "gazette-1", "ledger-two", "post-3", "herald-x"]

/// Random Markdown built from inline pieces (words, emphasis, links, images, code, breaks,
/// footnotes) in every kind of block, with citation groups at random places. It remembers the
/// groups it placed, so a test can check that each one became a numbered mark.
private struct DocumentGenerator {
    var random: SeededGenerator
    /// The article IDs of every citation group written, in the order written.
    var groups: [[String]] = []
    private var footnoteCount = 0

    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    /// Where inline pieces are written, and what may go there.
    struct Place {
        /// What continues a paragraph on the next line here (`"\n> "` in a block quote); nil
        /// where a line cannot break (headings, table cells).
        var lineBreak: String?
        /// Whether links, images and autolinks may go here (not inside a link or an image).
        var links = true
        /// Whether footnote references may go here.
        var footnotes = false
        /// The emphasis mark around this place, if any.
        var emphasis: String?
    }

    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items.randomElement(using: &random)! }

    mutating func citation(_ place: Place) -> String {
        var ids: [String] = []
        for _ in 0..<pick([1, 1, 1, 2, 3]) { ids.append(pick(citedArticles)) }
        groups.append(ids)
        var text = "[@" + ids[0]
        for id in ids.dropFirst() {
            // Wrapped after the `;` now and then: a soft break, or a hard one (two trailing
            // spaces or a backslash), which is white space inside a citation too.
            text += ";" + (place.lineBreak.map { chance(25) ? pick([$0, $0, "  " + $0, "\\" + $0]) : " " } ?? " ") + "@" + id
        }
        return text + "]"
    }

    /// One inline piece, and whether the separator after it must be a space.
    mutating func piece(_ place: Place, depth: Int) -> (text: String, spaceAfter: Bool, spaceBefore: Bool) {
        var inner = place
        inner.footnotes = false
        switch Int.random(in: 0..<100, using: &random) {
        case 0..<28:
            return (pick(["the", "river", "compact", "Mali", "left", "café", "talks", "2023", "see", "again),", "it;", "“said”"]), false, false)
        case 28..<50:
            return (citation(place), false, false)
        case 50..<62 where depth < 2:
            // Not `~~` in `~~`: `~~~~` opening a line would start a fenced code block.
            let mark: String = pick(["*", "**", "_", "~~"].filter { $0 != place.emphasis })
            inner.emphasis = mark
            return (mark + inlines(inner, count: Int.random(in: 1...3, using: &random), depth: depth + 1) + mark, false, false)
        case 62..<72 where place.links:
            var text = inner
            text.links = false
            let target = pick(["actor:council", "event:meeting", "note:other", "article:wire-2023-07-28", "https://example.org/a", "actor:council#relations"])
            return ("[" + inlines(text, count: Int.random(in: 1...3, using: &random), depth: depth + 1) + "](" + target + ")", false, false)
        case 72..<76 where place.links:
            var alt = inner
            alt.links = false
            return ("![" + inlines(alt, count: Int.random(in: 1...3, using: &random), depth: depth + 1) + "](https://example.org/i.png)", false, false)
        case 76..<81:
            return (pick(["`code`", "`a [b] c`", "`x = 1`"]), true, true)
        case 81..<84 where place.links:
            return ("https://example.org/page", true, true)
        case 84..<88:
            // A tag alone on a line would start an HTML block: a word goes before it.
            return (pick(["&amp;", "x <span>", "x </b>", "\\*", "5 < 6"]), false, false)
        case 88..<93 where place.footnotes:
            footnoteCount += 1
            return ("[^n\(footnoteCount)]", false, true)
        default:
            return (pick(["word", "and", "the", "so"]), false, false)
        }
    }

    /// `count` pieces joined by spaces, nothing, soft breaks or hard breaks.
    mutating func inlines(_ place: Place, count: Int, depth: Int = 0) -> String {
        var text = ""
        var spaceNeeded = false
        for index in 0..<count {
            let (piece, spaceAfter, spaceBefore) = self.piece(place, depth: depth)
            if index > 0 {
                if spaceNeeded || spaceBefore {
                    text += " "
                } else if let lineBreak = place.lineBreak {
                    text += pick([" ", " ", " ", " ", "", lineBreak, lineBreak, "  " + lineBreak, "\\" + lineBreak])
                } else {
                    text += pick([" ", " ", ""])
                }
            }
            text += piece
            spaceNeeded = spaceAfter
        }
        return text
    }

    /// A document of a few blocks of every kind, with a definition for each footnote reference.
    mutating func document() -> String {
        var blocks: [String] = []
        for _ in 0..<Int.random(in: 2...6, using: &random) {
            let firstFootnote = footnoteCount + 1
            switch Int.random(in: 0..<6, using: &random) {
            case 0:
                blocks.append("## " + inlines(Place(lineBreak: nil), count: Int.random(in: 1...5, using: &random)))
            case 1:
                let items = (0..<Int.random(in: 1...3, using: &random)).map { _ in
                    "- " + inlines(Place(lineBreak: "\n  ", footnotes: true), count: Int.random(in: 1...8, using: &random))
                }
                blocks.append(items.joined(separator: "\n"))
            case 2:
                blocks.append("> " + inlines(Place(lineBreak: "\n> ", footnotes: true), count: Int.random(in: 1...10, using: &random)))
            case 3:
                let cell = { (generator: inout DocumentGenerator) in
                    generator.inlines(Place(lineBreak: nil), count: Int.random(in: 1...4, using: &generator.random))
                }
                var rows = ["| \(cell(&self)) | \(cell(&self)) |", "|---|---|"]
                for _ in 0..<Int.random(in: 1...3, using: &random) { rows.append("| \(cell(&self)) | \(cell(&self)) |") }
                blocks.append(rows.joined(separator: "\n"))
            default:
                blocks.append(inlines(Place(lineBreak: "\n", footnotes: true), count: Int.random(in: 1...16, using: &random)))
            }
            // The definitions of the footnotes just referenced, which may cite too.
            for number in firstFootnote...max(firstFootnote, footnoteCount) where number <= footnoteCount {
                blocks.append("[^n\(number)]: " + inlines(Place(lineBreak: "\n    "), count: Int.random(in: 1...6, using: &random)))
            }
        }
        return blocks.joined(separator: "\n\n")
    }

    /// One paragraph without footnotes, for an event's summary.
    mutating func summary() -> String {
        inlines(Place(lineBreak: "\n"), count: Int.random(in: 1...12, using: &random))
    }
}

/// The `sources` of every event: one quote of an article without a source text (a warning).
private let quotedSource = "  sources:\n    - article: herald-x\n      quote: \"The council met.\"\n"

/// The files every citation site shares: the cited articles, an actor, an event and a note to link to.
private func citationSiteFiles() -> [String: String] {
    var files: [String: String] = [:]
    for (index, id) in citedArticles.enumerated() {
        files["content/articles/\(id).md"] = "---\ntitle: Article \(id)\noutlet: Outlet \(index)\npublished: 2023-0\(index + 1)-10\n---\nText.\n"
    }
    files["content/actors/council.md"] = "---\nname: Council\nkind: organization\n---\nThe council.\n"
    files["content/events/base.yaml"] = "- id: meeting\n  date: 2023-07-01\n  title: The meeting\n  actors: [council]\n" + quotedSource
    files["content/notes/other.md"] = "---\ntitle: Other\n---\nAnother note.\n"
    return files
}

private func makeSite(_ files: [String: String]) throws -> TestSite {
    let site = try TestSite("")
    for (path, text) in files { try site.write(path, text) }
    return site
}

/// What a page shows of its citations: each mark's articles (by following its numbers to the
/// Sources list), and the articles the Sources list names.
private func citationsShown(in html: String) -> (marks: [[String]], sources: [String]) {
    var articleByNumber: [String: String] = [:]
    var sources: [String] = []
    let entry = /<li id="source_(\d+)"><a href="[^"]*articles\/([^\/"]+)\/(?:index\.html)?">/
    for match in html.matches(of: entry) {
        articleByNumber[String(match.1)] = String(match.2)
        sources.append(String(match.2))
    }
    var marks: [[String]] = []
    for mark in html.matches(of: /<sup class="cite">(.*?)<\/sup>/) {
        let numbers = String(mark.1).matches(of: /href="#source_(\d+)"/).map { String($0.1) }
        marks.append(numbers.map { articleByNumber[$0] ?? "missing source \($0)" }.sorted())
    }
    return (marks, sources)
}

@Suite("Citations: every citation becomes a numbered mark and a Sources entry, wherever it is written")
struct CitationPlacementTests {
    @Test("a citation at the start of a line that follows a link is numbered and listed")
    func citationAfterLinkAtLineStart() throws {
        var files = citationSiteFiles()
        files["content/notes/wrapped.md"] = """
            ---
            title: Wrapped
            ---
            The decision was first described by [the dispatch](article:wire-2023-07-28)
            [@wire-2023-07-28], and the regional reaction is covered elsewhere.

            """
        let site = try makeSite(files)
        let report = site.build()
        #expect(!report.failed, "\(report.diagnostics)")
        let html = try site.page("notes/wrapped/index.html")
        #expect(!html.contains("[@"))
        #expect(html.contains("the dispatch</a><sup class=\"cite\">[<a href=\"#source_1\" aria-label=\"Source 1\">1</a>]</sup>, and the regional"))
        #expect(citationsShown(in: html).sources == ["wire-2023-07-28"])
        #expect(html.contains("<meta name=\"description\" content=\"The decision was first described by the dispatch, and the regional reaction is covered elsewhere.\">"))
    }

    @Test("a citation group wrapped after a hard break (two trailing spaces or a backslash) is a citation; hard breaks outside it stay")
    func citationAcrossHardBreak() throws {
        var files = citationSiteFiles()
        // Found by the markdown fuzz target: trailing spaces are invisible, and the group they
        // split stayed on the page as `[@gazette-1;<br>@ledger-two]`.
        files["content/notes/wrapped.md"] = "---\ntitle: Wrapped\n---\nThe vote was close [@gazette-1;  \n@ledger-two]. Then the mayor spoke\\\n[@post-3\\\n] and left  \nearly [@herald-x].\n"
        let site = try makeSite(files)
        let report = site.build()
        #expect(!report.failed, "\(report.diagnostics)")
        let html = try site.page("notes/wrapped/index.html")
        #expect(!html.contains("[@"))
        #expect(citationsShown(in: html).marks == [["gazette-1", "ledger-two"], ["post-3"], ["herald-x"]])
        #expect(html.contains("close<sup class=\"cite\">"))
        // The hard breaks the editor wrote outside citations are kept, before a mark too.
        #expect(html.contains("the mayor spoke<br />\n<sup class=\"cite\">"))
        #expect(html.contains("</sup> and left<br />\nearly<sup class=\"cite\">"))
        #expect(html.contains("<meta name=\"description\" content=\"The vote was close. Then the mayor spoke and left early.\">"))
    }

    @Test("citations in a link's text, split by emphasis, keep their order after the link")
    func citationsInLinkTextKeepTheirOrder() throws {
        var files = citationSiteFiles()
        files["content/notes/linked.md"] = "---\ntitle: Linked\n---\nSee [the report [@gazette-1] *as cited* [@ledger-two]](actor:council).\n"
        let site = try makeSite(files)
        #expect(!site.build().failed)
        let html = try site.page("notes/linked/index.html")
        #expect(html.contains("<em>as cited</em></a><sup class=\"cite\">[<a href=\"#source_1\" aria-label=\"Source 1\">1</a>]</sup><sup class=\"cite\">[<a href=\"#source_2\" aria-label=\"Source 2\">2</a>]</sup>."))
        #expect(citationsShown(in: html).sources == ["gazette-1", "ledger-two"])
    }

    @Test("a citation in an image's description is numbered after the image, not lost in its alt text")
    func citationInImageDescription() throws {
        var files = citationSiteFiles()
        files["content/notes/image.md"] = "---\ntitle: Image\n---\n![The dam [@post-3]](https://example.org/dam.png) seen from the river.\n"
        let site = try makeSite(files)
        #expect(!site.build().failed)
        let html = try site.page("notes/image/index.html")
        #expect(html.contains("alt=\"The dam\""))
        #expect(citationsShown(in: html).marks == [["post-3"]])
        #expect(citationsShown(in: html).sources == ["post-3"])
    }

    @Test("random Markdown: every citation group, wherever placed, becomes a mark and a Sources entry, and no `[@` is written",
          arguments: [1, 2, 3, 4] as [UInt64])
    func randomDocuments(seed: UInt64) throws {
        var generator = DocumentGenerator(seed: seed)
        var files = citationSiteFiles()
        var expected: [(page: String, source: String, groups: [[String]])] = []
        for index in 0..<20 {
            generator.groups = []
            let body = generator.document()
            files["content/notes/generated-\(index).md"] = "---\ntitle: Generated \(index)\n---\n\(body)\n"
            expected.append(("notes/generated-\(index)/index.html", body, generator.groups))
        }
        var events: [String] = []
        for index in 0..<10 {
            generator.groups = []
            let summary = generator.summary()
            let indented = summary.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
            events.append("- id: generated-\(index)\n  date: 2023-08-\(10 + index)\n  title: Generated \(index)\n  actors: [council]\n\(quotedSource)  summary: |-\n\(indented)\n")
            // The event's quote is cited too, after its summary.
            expected.append(("events/generated-\(index)/index.html", summary, generator.groups + [["herald-x"]]))
        }
        files["content/events/generated.yaml"] = events.joined(separator: "\n")
        let site = try makeSite(files)
        let report = site.build()
        #expect(!report.failed, "seed \(seed): \(report.diagnostics.filter { $0.severity == .error })")
        guard !report.failed else { return }

        for (page, source, groups) in expected {
            let shown = citationsShown(in: try site.page(page))
            let expectedMarks = groups.map { Array(Set($0)).sorted() }
            #expect(shown.marks.sorted { $0.lexicographicallyPrecedes($1) } == expectedMarks.sorted { $0.lexicographicallyPrecedes($1) },
                    "seed \(seed), \(page), from:\n\(source)")
            #expect(Set(shown.sources) == Set(groups.joined()) && shown.sources.count == Set(shown.sources).count,
                    "seed \(seed), \(page): Sources \(shown.sources), from:\n\(source)")
        }
        // The fuzz oracle (RawReferences) agrees: no citation left in any page; and each mark,
        // put back as the group an editor writes, is a citation left as text that it finds.
        for (page, _, _) in expected {
            let html = try site.page(page)
            #expect(RawReferences.leftCitation(inHTML: Array(html.utf8)) == nil, "seed \(seed), \(page)")
            for mark in html.matches(of: /<sup class="cite">.*?<\/sup>/) {
                let ids = html[mark.range].matches(of: /href="#source_(\d+)"/).map { "@source-" + String($0.1) }
                for separator in ["; ", ";<br />\n"] {
                    let raw = html.replacingCharacters(in: mark.range, with: "[" + ids.joined(separator: separator) + "]")
                    #expect(RawReferences.leftCitation(inHTML: Array(raw.utf8)) != nil, "seed \(seed), \(page): \(ids)")
                }
            }
        }
        var leaks: [String] = []
        for file in site.outputFiles() {
            let text = try site.page(file)
            if let found = text.range(of: "[@") {
                let start = text.index(found.lowerBound, offsetBy: -80, limitedBy: text.startIndex) ?? text.startIndex
                let end = text.index(found.upperBound, offsetBy: 80, limitedBy: text.endIndex) ?? text.endIndex
                leaks.append("\(file): …\(text[start..<end])…")
            }
        }
        #expect(leaks == [], "seed \(seed): `[@` written")
    }
}
