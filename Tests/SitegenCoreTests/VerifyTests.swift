import Foundation
import Testing
@testable import SitegenCore

/// A site with one article whose source is `sourceFile`, and one event quoting `quote` from it.
private func quoteSite(source sourceFile: String, text: String, quote: String, sameAs: [(String, String)] = []) -> String {
    var archive = """
        -- content/articles/wire.md --
        ---
        title: The report
        outlet: The Wire
        published: 2023-06-16
        source: \(sourceFile)
        \(sameAs.isEmpty ? "" : "same_as: [\(sameAs.map(\.0).joined(separator: ", "))]")
        ---
        -- content/events/main.yaml --
        - id: quoted
          date: 2023-06-16
          title: Quoted
          sources:
            - article: wire
              quote: '\(quote.replacingOccurrences(of: "'", with: "''"))'
        -- content/sources/\(sourceFile) --
        \(text)
        """
    for (name, copy) in sameAs {
        archive += "\n-- content/sources/\(name) --\n\(copy)"
    }
    return archive
}

@Suite("Verify: quotes against their source texts")
struct VerifyTests {
    @Test("a quote found word for word in a .txt source passes")
    func exactQuoteInText() {
        let found = diagnostics(of: quoteSite(source: "wire.txt", text: "The council voted on Friday to end the mission.",
                                              quote: "voted on Friday to end the mission"))
        #expect(found.isEmpty)
    }

    @Test("curly quotes, apostrophes, dashes and white space in a .txt source match straight ones in the quote")
    func normalisedText() {
        let source = "He said \u{201C}we\u{2019}re leaving\u{201D} \u{2014} at\u{00A0}once,\n   in   2023\u{2013}2024."
        let found = diagnostics(of: quoteSite(source: "wire.txt", text: source,
                                              quote: "He said \"we're leaving\" - at once, in 2023-2024."))
        #expect(errors(found).isEmpty)
    }

    @Test("guillemets and a minus sign become straight quotes and a hyphen")
    func guillemetsAndMinus() {
        let found = diagnostics(of: quoteSite(source: "wire.txt", text: "Il a dit \u{00AB}non\u{00BB} \u{2212}5 degrees",
                                              quote: "Il a dit \"non\" -5 degrees"))
        #expect(errors(found).isEmpty)
    }

    @Test("tags and entities of an .html source are removed before comparing")
    func htmlSource() {
        let source = """
            <html><body><article>
            <p>The minister said: &ldquo;We are <em>not</em> leaving&rdquo; &mdash; and&nbsp;added
            that the <a href="/x">force</a> of 13&#8201;000 &amp; more would stay.</p>
            </article></body></html>
            """
        let found = diagnostics(of: quoteSite(source: "wire.html", text: source,
                                              quote: "\"We are not leaving\" - and added that the force of 13000 & more would stay."))
        #expect(errors(found).isEmpty)
    }

    @Test("an .txt source holding copied HTML markup is also stripped")
    func markupInText() {
        let found = diagnostics(of: quoteSite(source: "wire.txt", text: "<p>The vote was <b>unanimous</b> &amp; swift.</p>",
                                              quote: "The vote was unanimous & swift."))
        #expect(errors(found).isEmpty)
    }

    @Test("letter case counts")
    func caseCounts() {
        let found = diagnostics(of: quoteSite(source: "wire.txt", text: "The Council voted.", quote: "the council voted"))
        #expect(errors(found).count == 1)
    }

    @Test("a quote that is not found is an error at the quote's line naming the closest passage")
    func missNamesClosestPassage() throws {
        let source = """
            The first paragraph talks about something else entirely.
            Then the council voted unanimously to end the mission on Friday.
            A last paragraph closes the report.
            """
        let found = diagnostics(of: quoteSite(source: "wire.txt", text: source,
                                              quote: "the council voted unanimously to end the operation on Friday"))
        let error = try #require(errors(found).first)
        #expect(errors(found).count == 1)
        #expect(error.location.path == "content/events/main.yaml")
        #expect(error.location.line == 6)
        #expect(error.message.contains("content/sources/wire.txt"))
        #expect(error.message.contains("closest passage"))
        #expect(error.message.contains("the council voted unanimously to end the mission"))
    }

    @Test("a quote may be found in a same_as copy of the article")
    func sameAsCopy() {
        let archive = quoteSite(source: "wire.txt", text: "Only the short wire version.",
                                quote: "the longer web version has this sentence",
                                sameAs: [("wire-web.html", "<p>But the longer web version has this sentence.</p>")])
        #expect(errors(diagnostics(of: archive)).isEmpty)
    }

    @Test("a miss with same_as copies names the copies too")
    func sameAsMiss() throws {
        let archive = quoteSite(source: "wire.txt", text: "Only the short wire version.",
                                quote: "nowhere to be found at all",
                                sameAs: [("wire-web.html", "<p>The longer web version.</p>")])
        let error = try #require(errors(diagnostics(of: archive)).first)
        #expect(error.message.contains("same_as"))
    }

    @Test("a source file that does not exist is an error at `source` with a did-you-mean")
    func missingSourceFile() throws {
        let found = diagnostics(of: """
            -- content/articles/wire.md --
            ---
            title: The report
            outlet: The Wire
            published: 2023-06-16
            source: wire-2023.txt
            ---
            -- content/sources/wire-2023.html --
            <p>Text</p>
            """)
        let error = try #require(errors(found).first)
        #expect(error.location == SitegenCore.SourceLocation(path: "content/articles/wire.md", line: 5, column: 9))
        #expect(error.suggestion == "wire-2023.html")
    }

    @Test("a quote from an article without a source text is a warning, not an error")
    func unverifiableQuoteWarns() throws {
        let found = diagnostics(of: """
            -- content/articles/wire.md --
            ---
            title: The report
            outlet: The Wire
            published: 2023-06-16
            ---
            -- content/events/main.yaml --
            - id: quoted
              date: 2023-06-16
              title: Quoted
              sources:
                - article: wire
                  quote: "Anything at all"
            """)
        #expect(errors(found).isEmpty)
        let warning = try #require(warnings(found).first)
        #expect(warning.location.line == 6)
        #expect(warning.message.contains("unverified"))
    }

    @Test("quotes in actor relations and facts are checked too")
    func relationAndFactQuotes() {
        let found = diagnostics(of: """
            -- content/articles/wire.md --
            ---
            title: The report
            outlet: The Wire
            published: 2023-06-16
            source: wire.txt
            ---
            -- content/sources/wire.txt --
            Chad is a member of the alliance. The force had 13,000 troops.
            -- content/actors/alliance.md --
            ---
            name: Alliance
            kind: alliance
            ---
            -- content/actors/chad.md --
            ---
            name: Chad
            kind: state
            relations:
              - type: member-of
                actor: alliance
                sources: [{article: wire, quote: "Chad is a member of the alliance"}]
            facts:
              - label: Troops
                values:
                  - value: "15,000"
                    sources: [{article: wire, quote: "The force had 15,000 troops"}]
            ---
            """)
        #expect(errors(found).map(\.location.line) == [12])
    }

    @Test("the normaliser drops white space and unifies quotes and dashes")
    func normaliser() {
        let text = TextNormalizer.normalize("\u{201C}A\u{00A0}b\u{201D} \u{2013} c\u{2019}d")
        #expect(String(decoding: text.bytes, as: UTF8.self) == "\"Ab\"-c'd")
        let composed = TextNormalizer.normalize("Cafe\u{0301}")
        #expect(String(decoding: composed.bytes, as: UTF8.self) == "Caf\u{00E9}")
    }

    @Test("an article with only same_as copies has its quotes checked and shown as verified")
    func sameAsOnly() throws {
        let archive = """
            -- content/articles/wire.md --
            ---
            title: The report
            outlet: The Wire
            published: 2023-06-16
            same_as: [wire-copy.txt]
            ---
            -- content/sources/wire-copy.txt --
            The council voted on Friday.
            -- content/events/main.yaml --
            - id: good
              date: 2023-06-16
              title: Good
              sources: [{article: wire, quote: "The council voted on Friday."}]
            - id: bad
              date: 2023-06-16
              title: Bad
              sources: [{article: wire, quote: "The council voted on Monday."}]
            """
        let found = diagnostics(of: archive)
        #expect(errors(found).map(\.location.line) == [8])
        #expect(warnings(found).isEmpty)
    }

    @Test("an empty quote is an error")
    func emptyQuote() {
        let found = diagnostics(of: quoteSite(source: "wire.txt", text: "Some text.", quote: "  "))
        #expect(errors(found).count == 1)
    }


    @Test("numeric, hex and named entities are decoded; scripts, styles and comments are not text")
    func entitiesScriptsAndComments() {
        let source = """
            <p>It&#x2019;s a &#X201C;test&#x201D; of&nbsp;entities &ndash; &#8212; &Eacute;t&eacute; &amp;c.
            <script>var hidden = "secret words";</script><style>.x{}</style> Caf&eacute;<!-- a comment with words --> end.</p>
            """
        func check(_ quote: String) -> Int {
            errors(diagnostics(of: quoteSite(source: "wire.html", text: source, quote: quote))).count
        }
        #expect(check("It's a \"test\" of entities - - Été &c.") == 0)
        #expect(check("Café end.") == 0)
        #expect(check("secret words") == 1)
        #expect(check("a comment with words") == 1)
    }

}
