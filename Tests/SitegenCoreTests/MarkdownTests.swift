import Foundation
import Testing
@testable import SitegenCore

/// Processes a Markdown body as if it followed a front matter of `lineOffset` lines.
private func process(_ source: String, lineOffset: Int = 0, unsafeHTML: Bool = false, inline: Bool = false)
    -> (references: [MarkdownReference], html: String, problems: [Diagnostic], content: MarkdownContent) {
    let text = MarkdownText(source: source, path: "content/notes/n.md", lineOffset: lineOffset)
    // Every image is a file of static/ of 40×30 pixels.
    let processed = CMark.process(text, options: CMark.RenderOptions(unsafeHTML: unsafeHTML, footnotes: !inline), inline: inline,
                                  images: { url, _, _ in (.site(url), ImageSize(width: 40, height: 30), []) })
    return (processed.references, processed.content.testHTML, processed.problems, processed.content)
}

@Suite("Markdown: cross-references, citations and raw HTML")
struct MarkdownTests {
    @Test("control characters in the text are kept as written, and links and citations next to them still become data (found by fuzzing)")
    func controlCharactersInText() {
        let result = process("\u{1}[d](article:one)[@one]\u{2}")
        #expect(result.content.segments.contains(.link(path: "articles/one/")))
        #expect(result.content.citationGroups == [["one"]])
        #expect(result.html.contains("\u{1}<a href=\"./articles/one/\">d</a><sup class=\"cite\">"))
        #expect(result.html.contains("</sup>\u{2}"))
    }

    @Test("text that looks like the marks of an older or the current render stays text")
    func markLookalikesStayText() {
        let result = process("[a](sitegen-root:x) [b](%FFL%FFactors/x/ \"%FFA0%FF\") \u{FF} ÿ%FFC0%FF [@one]")
        #expect(result.content.segments.filter { if case .html = $0 { return false } else { return true } } == [.citation(["one"])])
        #expect(result.html.contains("href=\"sitegen-root:x\""))
        #expect(result.html.contains("href=\"%FFL%FFactors/x/\" title=\"%FFA0%FF\""))
    }

    @Test("a link with a title, and a link and an image in a table cell, get the page's addresses")
    func addressesInTitlesAndTables() {
        let result = process("""
            See [the board](actor:board#facts "The board").

            | who | picture |
            |---|---|
            | [board](actor:board) | ![a bridge](images/bridge.jpg "Bridge") |

            ![a bridge](<images/my bridge.jpg>)
            """)
        #expect(result.html.contains("<a href=\"./actors/board/#facts\" title=\"The board\">the board</a>"))
        #expect(result.html.contains("<td><a href=\"./actors/board/\">board</a></td>"))
        #expect(result.html.contains("<td><img src=\"images/bridge.jpg\" alt=\"a bridge\" title=\"Bridge\" /></td>"))
        #expect(result.html.contains("<img src=\"images/my%20bridge.jpg\" alt=\"a bridge\" width=\"40\" height=\"30\" loading=\"lazy\" decoding=\"async\">"))
        let deeper = result.content.html(root: "../../", links: .files, citations: .none)
        #expect(deeper.contains("<a href=\"../../actors/board/index.html#facts\" title=\"The board\">"))
        #expect(deeper.contains("<td><img src=\"../../images/bridge.jpg\""))
        #expect(deeper.contains("<img src=\"../../images/my%20bridge.jpg\""))
    }

    @Test("cross-reference links are found with their kind, ID and place")
    func crossReferences() {
        let result = process("See [MINUSMA](actor:minusma) and\n[the vote](event:unsc-vote#details).", lineOffset: 3)
        #expect(result.references.map(\.target) == [Ref(.actor, "minusma"), Ref(.event, "unsc-vote")])
        #expect(result.references.map(\.form) == [.link, .link])
        #expect(result.references.map(\.location.line) == [4, 5])
        #expect(result.references.map(\.location.column) == [5, 1])
        #expect(!result.html.contains("actor:minusma"))
        #expect(!result.html.contains("event:unsc-vote"))
        #expect(result.html.contains("actors/minusma/"))
        #expect(result.html.contains("events/unsc-vote/#details"))
    }

    @Test("Markdown rendered on many threads at once comes out as on one thread (strikethrough, autolinks, tables intact)")
    func concurrentRenderingIsSafe() {
        let source = """
            A ~~struck~~ word, a link to https://example.org/page and www.example.com, mail me@example.org.

            | a | b |
            |---|---|
            | ~~x~~ | https://example.net |

            - [x] done, see [M](actor:mali) [@wire-2023]
            """
        let expected = process(source).html
        #expect(expected.contains("<del>struck</del>") && expected.contains("href=\"https://example.org/page\""))
        let results = Array(repeating: source, count: 4_000).parallelMap(minimumCount: 1) { process($0).html }
        #expect(results.filter { $0 != expected }.count == 0)
    }

    @Test("columns count characters, not bytes, after accented letters")
    func columnsCountCharacters() {
        let result = process("café [M](actor:mali)")
        #expect(result.references.first?.location.column == 6)
    }

    @Test("a link inside a code span or code block stays text")
    func codeStaysText() {
        let result = process("""
            Write `[Mali](actor:mali)` or `[@wire-one]` to link.

            ```
            [Mali](actor:mali) [@wire-one]
            ```
            """)
        #expect(result.references.isEmpty)
        #expect(result.html.contains("<code>[Mali](actor:mali)</code>"))
        #expect(result.html.contains("<code>[@wire-one]</code>"))
        #expect(!result.html.contains("href"))
    }

    @Test("citations are found in plain text, one per @, even across a line break")
    func citations() {
        let result = process("Mali left [@wire-one; @wire-two] and\nthen [@wire-three;\n@wire-one].")
        #expect(result.references.map(\.target.id) == ["wire-one", "wire-two", "wire-three", "wire-one"])
        #expect(result.references.allSatisfy { $0.form == .citation && $0.target.kind == .article })
        #expect(result.references.map(\.location.line) == [1, 1, 2, 3])
        #expect(!result.html.contains("[@"))
    }

    @Test("the citation scanner finds groups and ignores e-mail-like text")
    func citationScanner() {
        let matches = CitationScanner.matches(in: "a [@one] b [@two; @three] c [not @this] d [@ spaced out] me@example.org")
        #expect(matches.map { $0.ids.map(\.id) } == [["one"], ["two", "three"]])
    }

    @Test("raw HTML is shown as text unless unsafe_html is on")
    func rawHTMLIsEscaped() {
        let safe = process("Hello <script>alert(1)</script> and <b>bold</b>.\n\n<div onclick=\"x()\">block</div>")
        #expect(!safe.html.contains("<script>"))
        #expect(!safe.html.contains("<b>"))
        #expect(!safe.html.contains("<div"))
        #expect(safe.html.contains("&lt;script&gt;"))
        #expect(safe.html.contains("&lt;div onclick="))
        let unsafe = process("Hello <b>bold</b>.", unsafeHTML: true)
        #expect(unsafe.html.contains("<b>bold</b>"))
    }

    @Test("even with unsafe_html, the tag filter neutralises <script>")
    func tagFilterWithUnsafeHTML() {
        let unsafe = process("Hello <script>alert(1)</script>", unsafeHTML: true)
        #expect(!unsafe.html.contains("<script>"))
    }

    @Test("javascript: links are dropped")
    func javascriptLinksDropped() {
        let result = process("[click](javascript:alert(1))")
        #expect(!result.html.contains("javascript:"))
    }

    @Test("GitHub Flavored Markdown extensions are on")
    func gfmExtensions() {
        let result = process("""
            | a | b |
            |---|---|
            | 1 | 2 |

            ~~gone~~ www.example.com

            - [x] done

            Note[^1].

            [^1]: The footnote.
            """)
        #expect(result.html.contains("<table>"))
        #expect(result.html.contains("<del>gone</del>"))
        #expect(result.html.contains("href=\"http://www.example.com\""))
        #expect(result.html.contains("checkbox"))
        #expect(result.html.contains("The footnote."))
        #expect(result.html.contains("fn"))
    }

    @Test("a body's headings start at h2, under the page's one h1")
    func headingsStartAtH2() {
        let result = process("# Top\n\n## Below")
        #expect(result.html.contains("<h2>Top</h2>"))
        #expect(result.html.contains("<h3>Below</h3>"))
        #expect(!result.html.contains("<h1>"))
    }

    @Test("an inline summary has no paragraph around it")
    func inlineSummary() {
        let result = process("Mali **quits**.", inline: true)
        #expect(result.html.trimmingCharacters(in: .whitespacesAndNewlines) == "Mali <strong>quits</strong>.")
    }

    @Test("a misspelled link kind is an error suggesting the right one")
    func misspelledScheme() throws {
        let result = process("See [Mali](actors:mali).")
        let problem = try #require(result.problems.first)
        #expect(problem.severity == .error)
        #expect(problem.suggestion == "actor:mali")
        #expect(result.references.isEmpty)
    }

    @Test("ordinary web links are left alone")
    func webLinks() {
        let result = process("[UN](https://un.org/) and [mail](mailto:a@example.org)")
        #expect(result.references.isEmpty)
        #expect(result.problems.isEmpty)
        #expect(result.html.contains("href=\"https://un.org/\""))
    }
}
