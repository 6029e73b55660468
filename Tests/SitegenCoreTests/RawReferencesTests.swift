import Foundation
import Testing
@testable import SitegenCore

/// RawReferences is the markdown fuzz target's oracle: what it finds fails a fuzzing run, so it
/// must find every citation left as text and nothing that is not one.
@Suite("The fuzz oracle finds citations left as text, and only those")
struct RawReferencesTests {
    func found(_ html: String) -> String? { RawReferences.leftCitation(inHTML: Array(html.utf8)) }

    @Test("a group left as text is found wherever a reader sees it: in a paragraph, across line breaks, in alt text")
    func findsLeftCitations() {
        #expect(found("<p>first described by <a href=\"../x/\">the dispatch</a>\n[@wire-2023-07-28], and</p>") == "[@wire-2023-07-28]")
        #expect(found("<li>[@one; @two]</li>") == "[@one; @two]")
        #expect(found("<p>close [@one;<br />\n@two].</p>") != nil)
        #expect(found("<p>close [@one<br />]</p>") != nil)
        #expect(found("<td>[@one\n ]</td>") == "[@one\n ]")
        #expect(found("<p><em>x</em>[@art-one__]</p>") == "[@art-one__]")
        #expect(found("<img src=\"a.png\" alt=\"The dam [@post-3]\">") == "[@post-3]")
        #expect(found("text at the end [@one]") == "[@one]")
    }

    @Test("what CitationScanner does not take for a citation is not found: code, other brackets, groups split by markup")
    func ignoresWhatIsNoCitation() {
        #expect(found("<p>[see @one] [@one, p. 3] [@] [ @one] [@one [@two</p>") == nil)
        #expect(found("<p><em>[@art-one</em>]</p>") == nil)
        #expect(found("<p>[@art-one_<sup class=\"cite\">[<a href=\"#source_1\">1</a>]</sup>_</p>") == nil)
        #expect(found("<meta name=\"description\" content=\"[@art-one__ ][see]\">") == nil)
        #expect(found("<script type=\"application/ld+json\">{\"description\":\"[@art-one__ ]\"}</script><p>ok</p>") == nil)
        #expect(found("<nav class=\"toc\" aria-labelledby=\"toc_heading\"><ul><li><a href=\"#a\">[@art-one__]</a></li></ul></nav><p>ok</p>") == nil)
        #expect(found("<nav class=\"menu\"><a href=\"#a\">[@art-one]</a></nav>") == "[@art-one]")
    }

    @Test("the fuzz target's first finding: a description joins a heading and the next paragraph into `[@art-one__ ]`, which was never a citation")
    func descriptionJoinsAreNoCitation() throws {
        let site = try TestSite("""
            -- content/articles/art-one.md --
            ---
            title: One
            outlet: The Courier
            published: 2022-05-16
            ---
            Text of one.
            -- content/notes/fuzz.md --
            ---
            title: Fuzz
            ---
            # [@art-one_[@art-one]_
            ][see] [@art-one]
            """)
        let report = site.build()
        #expect(!report.failed, "\(report.diagnostics)")
        let html = try site.page("notes/fuzz/index.html")
        // The page shows what the editor wrote: `[@art-one_` is no citation (its brackets never
        // close before another opens, and `art-one_` is no ID), the `[@art-one]` in it is one.
        #expect(html.contains("[@art-one_<sup class=\"cite\">"))
        #expect(html.contains("<p>][see]<sup class=\"cite\">"))
        // The description flattens that, dropping the marks: text that looks like a citation.
        #expect(html.contains("content=\"[@art-one__ ][see]\""))
        #expect(found(html) == nil)
    }

    @Test("the fuzz target's second finding: the contents list drops a heading's mark, and `[@art-one_[@art-one]_]` becomes `[@art-one__]` there")
    func contentsEntriesAreNoCitation() throws {
        let site = try TestSite("""
            -- content/articles/art-one.md --
            ---
            title: One
            outlet: The Courier
            published: 2022-05-16
            ---
            Text of one.
            -- content/notes/fuzz.md --
            ---
            title: Fuzz
            ---
            # [@art-one_[@art-one]_]

            Text [@art-one].

            # Second

            Text [@art-one].

            # Third

            Text [@art-one].

            # Fourth

            Text [@art-one].
            """)
        let report = site.build()
        #expect(!report.failed, "\(report.diagnostics)")
        let html = try site.page("notes/fuzz/index.html")
        #expect(html.contains("[@art-one_<sup class=\"cite\">"))
        // Four headings make a contents list (PageBuilder.tocMinimumSections).
        #expect(html.contains(">[@art-one__]</a></li>"))
        #expect(found(html) == nil)
    }
}
