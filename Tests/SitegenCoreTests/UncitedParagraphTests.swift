import Foundation
import Testing
@testable import SitegenCore

/// The uncited-paragraph warnings of an inline site, as `line:column` strings.
private func uncited(_ archive: String, drafts: Bool = false) -> [String] {
    diagnostics(of: archive, drafts: drafts)
        .filter { $0.message.hasPrefix("this paragraph cites no source") }
        .map { "\($0.location.path):\($0.location.line):\($0.location.column)" }
}

/// An article every test can cite.
private let wire = """
    -- content/articles/wire.md --
    ---
    title: The report
    outlet: The Wire
    published: 2023-06-16
    ---
    The Council voted [@wire].
    """

@Suite("Uncited paragraphs: every claim cites a source")
struct UncitedParagraphTests {
    @Test("a paragraph without a citation is a warning at its own line, in notes, articles, actors and the home page")
    func warnsAtTheParagraph() {
        let found = uncited(wire + """

            -- content/notes/n.md --
            ---
            title: A note
            ---
            The mission ended [@wire].

            It had 13,000 troops.
            -- content/actors/a.md --
            ---
            name: A
            kind: state
            ---
            A state in West Africa.
            -- content/index.md --
            Mali asked the mission to leave.
            """)
        #expect(found == ["content/actors/a.md:5:1", "content/index.md:1:1", "content/notes/n.md:6:1"])
    }

    @Test("the warning says what is wrong and how to mark a paragraph that needs no citation")
    func message() throws {
        let found = diagnostics(of: wire + "\n-- content/index.md --\nAn uncited claim.\n")
        let warning = try #require(found.first { $0.message.hasPrefix("this paragraph cites no source") })
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("<!-- uncited -->"))
        #expect(errors(found).isEmpty)
    }

    @Test("a citation anywhere in the paragraph counts: in a link's text, on a later line, in a list item or a quote")
    func citationsAnywhere() {
        let found = uncited(wire + """

            -- content/notes/n.md --
            ---
            title: A note
            ---
            First line of a paragraph,
            and its second line cites [@wire].

            See [the vote [@wire]](article:wire).

            - one item [@wire]
            - another item

            > a quoted claim [@wire]
            """)
        #expect(found == ["content/notes/n.md:10:3"])
    }

    @Test("a citation in code or a bracket that is not a citation does not count")
    func notCitations() {
        let found = uncited(wire + """

            -- content/notes/n.md --
            ---
            title: A note
            ---
            Written `[@wire]` in code.

            Said so [see @wire].
            """)
        #expect(found == ["content/notes/n.md:4:1", "content/notes/n.md:6:1"])
    }

    @Test("`<!-- uncited -->` before a paragraph, a list or a quote, or inside a paragraph, marks it and is not shown")
    func marker() throws {
        let site = try TestSite(wire + """

            -- content/index.md --
            <!-- uncited -->
            This site explains the end of the mission.

            <!--   uncited   -->
            - [The notes](note:n)
            - [The timeline](event:e)

            A reading guide. <!-- uncited -->

            Not marked.
            -- content/notes/n.md --
            ---
            title: A note
            ---
            Cited [@wire].
            -- content/events/e.yaml --
            - id: e
              date: 2023-06-16
              title: The vote
              sources: [wire]
            """)
        let report = site.build()
        #expect(!report.failed)
        let lines = report.diagnostics.filter { $0.message.hasPrefix("this paragraph cites no source") }.map(\.location.line)
        #expect(lines == [10])
        let home = try site.page("index.html")
        #expect(!home.contains("uncited"))
        #expect(home.contains("This site explains the end of the mission."))
        #expect(home.contains("A reading guide."))
    }

    @Test("the marker works the same when raw HTML is allowed, and another comment marks nothing")
    func markerWithUnsafeHTML() throws {
        let site = try TestSite(wire + """

            -- content/site.yaml --
            title: Test
            unsafe_html: true
            -- content/index.md --
            <!-- uncited -->
            An introduction.

            <!-- uncitd -->
            A claim.
            """)
        let report = site.build()
        #expect(report.diagnostics.filter { $0.message.hasPrefix("this paragraph cites no source") }.map(\.location.line) == [5])
        #expect(!(try site.page("index.html")).contains("<!-- uncited -->"))
    }

    @Test("an event summary is cited by the event's sources; a heading, a table or an empty text need nothing")
    func eventsAndOtherBlocks() {
        let found = uncited(wire + """

            -- content/events/e.yaml --
            - id: e
              date: 2023-06-16
              title: The vote
              summary: >-
                The Council voted, with no citation in the summary.
              sources: [wire]
            -- content/notes/n.md --
            ---
            title: A note
            ---
            ## A heading

            | a | b |
            |---|---|
            | 1 | 2 |
            -- content/notes/empty.md --
            ---
            title: Empty
            ---
            """)
        #expect(found.isEmpty)
    }

    @Test("an uncited paragraph of an event summary is found at its line in the YAML file")
    func eventSummaryLine() throws {
        // An event without sources is an error; the summary is still checked, at its own line.
        let found = uncited(wire + """

            -- content/events/e.yaml --
            - id: e
              date: 2023-06-16
              title: The vote
              summary: >-
                The Council voted.
            """)
        #expect(found == ["content/events/e.yaml:5:5"])
    }

    @Test("drafts are checked only when they are built")
    func drafts() {
        let site = wire + """

            -- content/notes/n.md --
            ---
            title: A note
            draft: true
            ---
            An uncited claim.
            """
        #expect(uncited(site).isEmpty)
        #expect(uncited(site, drafts: true) == ["content/notes/n.md:5:1"])
    }

    @Test("the demo site and the Mali site build with no warning at all")
    func sitesAreClean() throws {
        let mali = demoSiteFolder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for folder in [demoSiteFolder, mali] {
            let report = build(BuildOptions(root: folder, writesOutput: false))
            #expect(report.diagnostics.isEmpty, "\(folder.lastPathComponent): \(report.diagnostics.map(\.description))")
        }
    }
}
