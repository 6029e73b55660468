import Foundation
import Testing
@testable import SitegenCore

/// A file system holding raw bytes, for files that are not valid UTF-8.
private func byteFileSystem(_ files: [String: Data]) -> FileSystem {
    FileSystem(
        listFiles: { directory in files.keys.filter { $0.hasPrefix(directory + "/") }.sorted() },
        readFile: { files[$0] },
        directoryExists: { directory in files.keys.contains { $0.hasPrefix(directory + "/") } }
    )
}

@Suite("Load: reading content files")
struct LoadTests {
    @Test("an article's front matter becomes a typed article with its body")
    func articleIsRead() throws {
        let (raw, diagnostics) = loadSite("""
            -- content/articles/wire-2023-06-vote.md --
            ---
            title: Council votes to end the mission
            outlet: The Wire
            published: 2023-06-30
            updated: 2023-07-01T09:30Z
            author: A. Writer
            url: https://example.com/vote
            language: fr
            ---
            The council voted.
            """)
        #expect(errors(diagnostics).isEmpty)
        let article = try #require(raw.articles.first)
        #expect(article.id == "wire-2023-06-vote")
        #expect(article.title == "Council votes to end the mission")
        #expect(article.outlet == "The Wire")
        #expect(article.published.date == PartialDate(year: 2023, month: 6, day: 30))
        #expect(article.updated?.rfc3339 == "2023-07-01T09:30:00Z")
        #expect(article.author == "A. Writer")
        #expect(article.language == "fr")
        #expect(article.body.html.contains("The council voted."))
    }

    @Test("an unknown front matter key is a warning at the key, with a did-you-mean")
    func unknownKeyWarns() throws {
        let found = diagnostics(of: """
            -- content/notes/background.md --
            ---
            tittle: Background
            title: Background
            ---
            Text.
            """)
        #expect(errors(found).isEmpty)
        let warning = try #require(warnings(found).first { $0.message.contains("tittle") })
        #expect(warning.location == SitegenCore.SourceLocation(path: "content/notes/background.md", line: 2, column: 1))
        #expect(warning.suggestion == "title")
        #expect(warning.description.contains("did you mean `title`?"))
    }

    @Test("a misspelled `draft` is an error, so that a page meant as a draft is never published by a typo", arguments: ["darft", "drafts", "Draft", "draf", "dratf"])
    func misspelledDraftIsAnError(key: String) throws {
        let found = diagnostics(of: """
            -- content/notes/plan.md --
            ---
            title: Plan
            \(key): true
            ---
            Not ready.
            """)
        let error = try #require(errors(found).first)
        #expect(error.location == SitegenCore.SourceLocation(path: "content/notes/plan.md", line: 3, column: 1))
        #expect(error.suggestion == "draft")
        #expect(error.message.contains("misspelled it would publish a note meant to stay a draft"))
    }

    @Test("`draft` on an actor or an event, which cannot be drafts, is an error rather than a page published anyway")
    func draftOnActorIsAnError() throws {
        let found = diagnostics(of: """
            -- content/actors/a.md --
            ---
            name: A
            kind: person
            draft: true
            ---
            Profile.
            """)
        let error = try #require(errors(found).first)
        #expect(error.location == SitegenCore.SourceLocation(path: "content/actors/a.md", line: 4, column: 1))
        #expect(error.message.contains("actors cannot be drafts"))
    }

    @Test("other misspelled optional keys stay warnings, each with its did-you-mean")
    func otherTyposWarn() throws {
        let found = diagnostics(of: """
            -- content/notes/plan.md --
            ---
            title: Plan
            sumary: Short
            ordr: 2
            ---
            Text.
            """)
        #expect(errors(found).isEmpty)
        #expect(warnings(found).filter { $0.message.hasPrefix("unknown key") }.map(\.suggestion) == ["summary", "order"])
    }

    @Test("events files may end in .yml as well as .yaml")
    func ymlEventsAreRead() throws {
        let (raw, found) = loadSite("""
            -- content/events/2025.yml --
            - id: a
              date: 2025
              title: A
              sources: [wire]
            """)
        #expect(found.filter { $0.location.path == "content/events/2025.yml" }.isEmpty, "\(found)")
        #expect(raw.events.map(\.id) == ["a"])
    }

    @Test("an unknown event key is a warning with a did-you-mean")
    func unknownEventKeyWarns() throws {
        let found = diagnostics(of: """
            -- content/articles/a.md --
            ---
            title: A
            outlet: O
            published: 2023-01-01
            ---
            -- content/events/main.yaml --
            - id: one
              date: 2023
              title: One
              palce: Bamako
              sources: [{article: a}]
            """)
        #expect(errors(found).isEmpty)
        let warning = try #require(warnings(found).first { $0.message.contains("palce") })
        #expect(warning.location == SitegenCore.SourceLocation(path: "content/events/main.yaml", line: 4, column: 3))
        #expect(warning.suggestion == "place")
    }

    @Test("a missing required key is reported at the start of the front matter")
    func missingKeyAtFrontMatterStart() throws {
        let found = diagnostics(of: """
            -- content/articles/no-outlet.md --
            ---
            title: An article without an outlet
            published: 2023-01-01
            ---
            Text.
            """)
        let error = try #require(errors(found).first)
        #expect(error.message.contains("`outlet`"))
        #expect(error.location.path == "content/articles/no-outlet.md")
        #expect(error.location.line == 2)
    }

    @Test("a missing event key is reported at the start of its list entry")
    func missingEventKeyAtEntryStart() throws {
        let found = diagnostics(of: """
            -- content/events/main.yaml --
            - id: first
              date: 2023
              title: First
              sources: [{article: x}]
            - id: second
              date: 2023
              sources: []
            """)
        let missingTitle = try #require(errors(found).first { $0.message.contains("`title`") })
        #expect(missingTitle.location.line == 5)
        #expect(missingTitle.location.column == 3)
        #expect(errors(found).contains { $0.message.contains("at least one entry in `sources`") && $0.location.line == 5 })
    }

    @Test("invalid UTF-8 is an error at the line where it occurs")
    func invalidUTF8IsAnErrorAtItsLine() throws {
        var bytes = Data("---\ntitle: Background\n---\nFirst line.\nBad byte: ".utf8)
        bytes.append(0xFF)
        bytes.append(contentsOf: Data(" here.\n".utf8))
        let fileSystem = byteFileSystem([
            "content/site.yaml": Data(defaultSiteYAML.utf8),
            "content/notes/background.md": bytes,
        ])
        let (_, found) = SiteLoader(fileSystem: fileSystem).load()
        let error = try #require(errors(found).first)
        #expect(error.location == SitegenCore.SourceLocation(path: "content/notes/background.md", line: 5, column: 11))
        #expect(error.message.contains("UTF-8"))
    }

    @Test("a file name that is not a valid ID is an error suggesting a valid one")
    func invalidFileNameID() throws {
        let found = diagnostics(of: """
            -- content/actors/Mali_Army.md --
            ---
            name: Malian army
            kind: military-force
            ---
            """)
        let error = try #require(errors(found).first)
        #expect(error.location.path == "content/actors/Mali_Army.md")
        #expect(error.suggestion == "mali-army")
    }

    @Test("an event ID that could write outside public/ is rejected")
    func pathLikeEventIDIsRejected() throws {
        let found = diagnostics(of: """
            -- content/articles/a.md --
            ---
            title: A
            outlet: O
            published: 2023-01-01
            ---
            -- content/events/main.yaml --
            - id: ../../escape
              date: 2023
              title: Escape
              sources: [{article: a}]
            - id: /etc/passwd
              date: 2023
              title: Absolute
              sources: [{article: a}]
            """)
        let idErrors = errors(found).filter { $0.message.contains("invalid ID") }
        #expect(idErrors.map(\.location.line) == [1, 5])
    }

    @Test("IDs follow the contract's syntax")
    func idSyntax() {
        #expect(IDSyntax.isValid("un-security-council"))
        #expect(IDSyntax.isValid("g5"))
        #expect(!IDSyntax.isValid("Mali"))
        #expect(!IDSyntax.isValid("-mali"))
        #expect(!IDSyntax.isValid("mali-"))
        #expect(!IDSyntax.isValid("mali--army"))
        #expect(!IDSyntax.isValid("../mali"))
        #expect(!IDSyntax.isValid("mali/army"))
        #expect(!IDSyntax.isValid(""))
        #expect(IDSyntax.isValid(String(repeating: "a", count: 100)))
        #expect(!IDSyntax.isValid(String(repeating: "a", count: 101)))
    }

    @Test("files that fit no place in content/ are ignored with a warning")
    func strayFilesWarn() {
        let found = diagnostics(of: """
            -- content/README.md --
            Notes for editors.
            -- content/events/notes.txt --
            - id: x
            """)
        #expect(errors(found).isEmpty)
        let paths = warnings(found).map(\.location.path)
        #expect(paths.contains("content/README.md"))
        #expect(paths.contains("content/events/notes.txt"))
        #expect(warnings(found).contains { $0.message.contains("`content/events/` holds `.yaml` (or `.yml`) files") })
    }

    @Test("front matter that is never closed is an error")
    func unclosedFrontMatter() throws {
        let found = diagnostics(of: """
            -- content/notes/open.md --
            ---
            title: Open
            Text without a closing fence.
            """)
        let error = try #require(errors(found).first)
        #expect(error.location.path == "content/notes/open.md")
        #expect(error.message.contains("not closed"))
    }

    @Test("a site without site.yaml is an error")
    func missingSiteYAML() {
        let (_, found) = SiteLoader(fileSystem: .inMemory(["content/index.md": "Hello\n"])).load()
        #expect(errors(found).contains { $0.location.path == "content/site.yaml" })
    }

    @Test("an unknown actor kind is an error with a did-you-mean")
    func unknownActorKind() throws {
        let found = diagnostics(of: """
            -- content/actors/mali.md --
            ---
            name: Mali
            kind: stat
            ---
            """)
        let error = try #require(errors(found).first)
        #expect(error.location == SitegenCore.SourceLocation(path: "content/actors/mali.md", line: 3, column: 7))
        #expect(error.suggestion == "state")
    }

    @Test("an event whose end is before its date is an error")
    func endBeforeDate() {
        let found = diagnostics(of: """
            -- content/articles/a.md --
            ---
            title: A
            outlet: O
            published: 2023-01-01
            ---
            -- content/events/main.yaml --
            - id: backwards
              date: 2023-05-16
              end: 2023-05-15
              title: Backwards
              sources: [{article: a}]
            """)
        #expect(errors(found).contains { $0.location.line == 3 && $0.message.contains("`end`") })
    }

    @Test("dates are read at their precision and impossible days are refused")
    func partialDates() {
        #expect(PartialDate(parsing: "2023")?.precision == .year)
        #expect(PartialDate(parsing: "2023-06")?.precision == .month)
        #expect(PartialDate(parsing: "2023-06-16")?.precision == .day)
        #expect(PartialDate(parsing: "2024-02-29") != nil)
        #expect(PartialDate(parsing: "2023-02-29") == nil)
        #expect(PartialDate(parsing: "2023-13") == nil)
        #expect(PartialDate(parsing: "23-06-16") == nil)
        #expect(PartialDate(parsing: "June 2023") == nil)
    }

    @Test("a wrong date in an event is an error at the date")
    func wrongEventDate() throws {
        let found = diagnostics(of: """
            -- content/articles/a.md --
            ---
            title: A
            outlet: O
            published: 2023-01-01
            ---
            -- content/events/main.yaml --
            - id: bad-date
              date: 16 June 2023
              title: Bad
              sources: [{article: a}]
            """)
        let error = try #require(errors(found).first)
        #expect(error.location == SitegenCore.SourceLocation(path: "content/events/main.yaml", line: 2, column: 9))
    }

    @Test("source texts are read but are not pages")
    func sourcesAreRead() {
        let (raw, found) = loadSite("""
            -- content/sources/a.txt --
            Some text.
            -- content/sources/b.html --
            <p>Some <b>text</b>.</p>
            """)
        #expect(errors(found).isEmpty)
        #expect(raw.sources.keys.sorted() == ["a.txt", "b.html"])
    }

    @Test("a mistake in an event summary is reported at its line and column, whatever the YAML style")
    func summaryPositions() {
        let found = diagnostics(of: """
            -- content/articles/a.md --
            ---
            title: A
            outlet: O
            published: 2023-01-01
            ---
            -- content/actors/norland.md --
            ---
            name: Norland
            kind: state
            ---
            -- content/events/main.yaml --
            - id: folded
              date: 2023
              title: Folded
              summary: >-
                First line of the summary and
                [Norland](actor:norlnd) on the second [@aa].
              sources: [a]
            - id: literal
              date: 2023
              title: Literal
              summary: |
                Literal [Norland](actor:norlad) here.
              sources: [a]
            - id: quoted
              date: 2023
              title: Quoted
              summary: "Quoted [Norland](actor:norlan) here."
              sources: [a]
            - id: plain
              date: 2023
              title: Plain
              summary: Plain [Norland](actor:nortland) here.
              sources: [a]
            """)
        let places = errors(found).map { "\($0.location.line):\($0.location.column)" }
        #expect(places == ["6:5", "6:44", "12:13", "17:20", "22:18"])
    }

    @Test("a summary written as a YAML block renders as one paragraph with its links")
    func blockSummaryRenders() throws {
        let (raw, found) = loadSite("""
            -- content/events/main.yaml --
            - id: folded
              date: 2023
              title: Folded
              summary: >-
                First line of the summary and
                [Norland](actor:norland) on the **second**.
              sources: [a]
            """)
        #expect(errors(found).isEmpty)
        let summary = try #require(raw.events.first?.summary)
        #expect(!summary.html.contains("<p>"))
        #expect(summary.html.contains("First line of the summary and"))
        #expect(summary.html.contains("actors/norland/"))
        #expect(summary.html.contains("<strong>second</strong>"))
        #expect(summary.references.map(\.location.line) == [6])
    }


    @Test("Windows line ends and a byte order mark do not shift lines or columns")
    func crlfAndBOM() throws {
        let files = [
            "content/site.yaml": defaultSiteYAML,
            "content/notes/windows.md": "\u{FEFF}---\r\ntitle: Windows\r\n---\r\n\r\nSee [x](actor:nobody).\r\n",
        ]
        let options = BuildOptions(root: URL(fileURLWithPath: "/nonexistent-sitegen-site"), writesOutput: false)
        let found = build(options, fileSystem: .inMemory(files)).diagnostics
        let error = try #require(errors(found).first)
        #expect(error.location == SitegenCore.SourceLocation(path: "content/notes/windows.md", line: 5, column: 5))
    }

    @Test("a folder without content/ is an error telling where to run sitegen")
    func noContentFolder() {
        let (_, found) = SiteLoader(fileSystem: .inMemory(["README.md": "hello\n"])).load()
        #expect(errors(found).contains { $0.message.contains("content/") && $0.message.contains("--root") })
    }


    @Test("an unknown key in site.yaml is a warning with a did-you-mean")
    func unknownSiteKey() throws {
        let found = diagnostics(of: """
            -- content/site.yaml --
            title: T
            base_ulr: https://example.org/
            """)
        #expect(errors(found).isEmpty)
        let warning = try #require(warnings(found).first)
        #expect(warning.location == SitegenCore.SourceLocation(path: "content/site.yaml", line: 2, column: 1))
        #expect(warning.suggestion == "base_url")
    }

}
