import Foundation
import Testing
@testable import SitegenCore

private let siteWithPages = """
-- content/index.md --
Read [how we work](page:methodology).
-- content/articles/gazette-vote.md --
---
title: Council backs the rebuild
outlet: The Example Gazette
published: 2024-03-14
---
The council voted [@gazette-vote].
-- content/actors/harbour-board.md --
---
name: Harbour Board
kind: organization
---
The board.
-- content/pages/about.md --
---
title: About
summary: Who writes this explainer.
menu: 2
---
We are a small newsroom. See [the board](actor:harbour-board) and [our method](page:methodology) [@gazette-vote].
-- content/pages/methodology.md --
---
title: Methodology
menu: 1
---
Every quote is checked.
-- content/pages/corrections.md --
---
title: Corrections
---
None yet.
"""

@Suite("Standalone pages: content/pages/ID.md written to ID/")
struct StandalonePageTests {
    @Test("a page is written to ID/ with its title, text, links and numbered citations")
    func pageIsWritten() throws {
        let output = renderSite(siteWithPages)
        let about = try #require(output["about/index.html"])
        #expect(about.contains("<h1>About</h1>"))
        #expect(about.contains("Who writes this explainer."))
        #expect(about.contains("href=\"../actors/harbour-board/index.html\""))
        #expect(about.contains("href=\"../methodology/index.html\""))
        #expect(about.contains("href=\"#source_1\""), "the citation is numbered and listed under Sources")
        #expect(output["corrections/index.html"] != nil)
        #expect(try #require(output["index.html"]).contains("href=\"./methodology/index.html\""))
    }

    @Test("the menu is the built-in sections, then the pages with a menu position, in its order")
    func menuOrder() throws {
        let home = try #require(renderSite(siteWithPages)["index.html"])
        let nav = try #require(home.components(separatedBy: "<nav aria-label=\"Main\">").last?.components(separatedBy: "</nav>").first)
        let labels = nav.components(separatedBy: "\">").dropFirst().compactMap { $0.components(separatedBy: "</a>").first }
        #expect(labels == ["Home", "Timeline", "Actors", "Network", "Articles", "Notes", "Methodology", "About"])
        let about = try #require(renderSite(siteWithPages)["about/index.html"])
        #expect(about.contains("<a href=\"../about/index.html\" aria-current=\"page\">About</a>"))
    }

    @Test("a page linked from others lists them, and appears among the actor's backlinks")
    func backlinks() throws {
        let output = renderSite(siteWithPages)
        let board = try #require(output["actors/harbour-board/index.html"])
        #expect(board.contains("Pages that refer to this"))
        #expect(board.contains("href=\"../../about/index.html\""))
    }

    @Test("an unknown page link is an error with the closest page; a page named like a section is an error")
    func errors() {
        let found = diagnostics(of: siteWithPages + """

            -- content/pages/timeline.md --
            ---
            title: Timeline
            ---
            Mine.
            -- content/notes/see.md --
            ---
            title: See
            ---
            See [about](page:abuot).
            """)
        let messages = SitegenCoreTests.errors(found).map(\.description)
        #expect(messages.contains { $0.hasPrefix("content/notes/see.md:4:") && $0.contains("unknown page `abuot`; did you mean `about`?") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("content/pages/timeline.md:1:1: error: a page cannot be called `timeline`") }, "\(messages)")
    }

    @Test("a draft page stays out unless drafts are built, and a menu that is not a number is an error")
    func draftsAndMenu() {
        let output = renderSite("""
            -- content/pages/soon.md --
            ---
            title: Soon
            menu: 1
            draft: true
            ---
            Not yet.
            """)
        #expect(output["soon/index.html"] == nil)
        #expect(!(output["index.html"] ?? "").contains("Soon"))
        let found = diagnostics(of: """
            -- content/pages/about.md --
            ---
            title: About
            menu: first
            ---
            Text.
            """)
        #expect(SitegenCoreTests.errors(found).map(\.description) == ["content/pages/about.md:3:7: error: `menu` must be a whole number: the page's position in the site menu"])
    }
}
