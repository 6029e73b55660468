import Foundation
import Testing
@testable import SitegenCore

/// A small site touching every kind of page.
private let sahel = """
    -- content/site.yaml --
    title: Sahel explainer
    description: How the alliance came apart
    language: en
    base_url: https://example.org/sahel/
    -- content/index.md --
    The alliance came apart in 2022 [@wire-vote].
    -- content/articles/wire-vote.md --
    ---
    title: Council votes to end the mission
    outlet: The Wire
    published: 2023-06-30
    url: https://example.com/wire/vote
    source: wire-vote.txt
    ---
    The council voted [@wire-vote]. Earlier, Mali had quit [@daily-quit]; see
    [the exit](event:mali-quits) and [@wire-vote; @daily-quit].
    -- content/articles/daily-quit.md --
    ---
    title: Mali quits the alliance
    outlet: The Daily
    published: 2022-05-16
    language: fr
    ---
    Mali left.
    -- content/sources/wire-vote.txt --
    The council voted on Friday to end the mission. The force had 13,000 troops.
    -- content/actors/mali.md --
    ---
    name: Mali
    kind: state
    relations:
      - type: member-of
        actor: alliance
        since: 2014
        until: 2022-05
        sources: [{article: daily-quit}]
    facts:
      - label: Troops sent
        values:
          - value: "1,000"
            sources: [{article: wire-vote}]
          - value: "1,200"
            sources: [{article: daily-quit}]
      - label: Capital
        values:
          - value: Bamako
            sources: [{article: wire-vote}]
          - value: " Bamako "
            sources: [{article: daily-quit}]
    ---
    A state in the Sahel.
    -- content/actors/alliance.md --
    ---
    name: The Alliance
    kind: alliance
    role: A regional alliance
    ---
    -- content/events/main.yaml --
    - id: mali-quits
      date: 2022-05-15
      end: 2022-05-16
      title: Mali quits the alliance
      summary: "[Mali](actor:mali) leaves [the alliance](actor:alliance)."
      actors: [mali, alliance]
      place: Bamako
      sources:
        - article: daily-quit
          quote: "Mali left"
    - id: council-vote
      date: 2023-06-16
      title: The council votes
      actors: [alliance]
      sources:
        - article: wire-vote
          quote: "The council voted on Friday"
    - id: talks
      date: 2023-06
      title: Talks in June
      sources: [wire-vote]
    - id: founding
      date: 2014
      title: The alliance is founded
      sources: [wire-vote]
    - id: rumours
      date: 2021
      approximate: true
      title: First rumours
      sources: [daily-quit]
    -- content/notes/why.md --
    ---
    title: Why it came apart
    summary: The short answer
    about: [actor:mali, event:mali-quits]
    ---
    Because of [Mali](actor:mali) [@daily-quit].
    """

@Suite("Render: pages as a reader sees them")
struct RenderTests {
    let pages = renderSite(sahel)

    func page(_ path: String) throws -> String {
        try #require(pages[path], "no page \(path); pages: \(pages.keys.sorted())")
    }

    @Test("every page of the contract is produced")
    func everyPageExists() {
        let expected = [
            "index.html", "404.html", "timeline/index.html", "actors/index.html", "articles/index.html", "notes/index.html",
            "articles/wire-vote/index.html", "articles/daily-quit/index.html", "actors/mali/index.html",
            "actors/alliance/index.html", "events/mali-quits/index.html", "events/council-vote/index.html",
            "events/talks/index.html", "events/founding/index.html", "events/rumours/index.html",
            "notes/why/index.html", "feed.xml", "sitemap.xml", "robots.txt",
        ]
        for path in expected { #expect(pages[path] != nil, "missing \(path)") }
        #expect(pages.keys.contains { $0.hasPrefix("assets/") && $0.hasSuffix(".css") })
    }

    @Test("each page's heading is its own title: an actor's name, an article's and an event's title")
    func headingsAreTheTitles() throws {
        #expect(try page("actors/mali/index.html").contains("<h1>Mali</h1>"))
        #expect(try page("articles/wire-vote/index.html").contains("<h1>Council votes to end the mission</h1>"))
        #expect(try page("actors/mali/index.html").contains("<title>Mali – Sahel explainer</title>"))
    }

    @Test("citations are numbered by first appearance, reused, and listed under Sources")
    func citationsNumberedAndListed() throws {
        let html = mainContent(try page("articles/wire-vote/index.html"))
        let body = try #require(section(of: html, from: "Summary", to: "</section>"))
        // wire-vote is 1, daily-quit is 2; the group cites both again with the same numbers.
        let marks = body.components(separatedBy: "href=\"#source_").dropFirst().map { $0.prefix(while: \.isNumber) }
        #expect(marks == ["1", "2", "1", "2"])
        let sources = try #require(section(of: html, from: "id=\"sources_heading\"", to: "</section>"))
        #expect(occurrences(of: "<li id=\"source_", in: sources) == 2)
        let first = try #require(section(of: sources, from: "id=\"source_1\"", to: "</li>"))
        #expect(first.contains("Council votes to end the mission"))
        #expect(first.contains("The Wire"))
        #expect(first.contains("30 June 2023"))
        #expect(first.contains("href=\"../../articles/wire-vote/\""))
        #expect(first.contains("href=\"https://example.com/wire/vote\""))
        let second = try #require(section(of: sources, from: "id=\"source_2\"", to: "</li>"))
        #expect(second.contains("Mali quits the alliance"))
        #expect(second.contains("The Daily"))
        #expect(second.contains("16 May 2022"))
        #expect(!second.contains("external"))
    }

    @Test("a citation keeps its mark wherever it is: paragraph start, emphasis, list, table cell, heading")
    func citationsEverywhere() throws {
        let pages = renderSite("""
            -- content/articles/a.md --
            ---
            title: A
            outlet: O
            published: 2023-01-01
            ---
            -- content/articles/b.md --
            ---
            title: B
            outlet: O
            published: 2023-01-02
            ---
            -- content/notes/cites.md --
            ---
            title: Cites
            ---
            [@a] starts a paragraph, *emphasis [@b]*.

            - a list item [@a; @b]

            | claim | note |
            |---|---|
            | in a cell [@b] | x |

            ## A heading [@a]
            """)
        let html = mainContent(try #require(pages["notes/cites/index.html"]))
        #expect(occurrences(of: "<sup class=\"cite\">", in: html) == 5)
        let cell = try #require(section(of: html, from: "<td>in a cell", to: "</td>"))
        #expect(cell.contains("href=\"#source_2\""))
        #expect(!html.contains("[@"))
        #expect(!html.contains("\u{FFFD}"), "no mark of the Markdown render is left")
        #expect(occurrences(of: "<li id=\"source_", in: html) == 2)
    }

    @Test("a citation inside a link's text goes right after the link, never inside it")
    func citationInLinkText() throws {
        let pages = renderSite("""
            -- content/articles/a.md --
            ---
            title: A
            outlet: O
            published: 2023-01-01
            ---
            -- content/notes/cites.md --
            ---
            title: Cites
            ---
            See [the report [@a]](https://example.com/report) for more.

            | claim |
            |---|
            | [in a cell [@a]](https://example.com/) too |
            """)
        let html = mainContent(try #require(pages["notes/cites/index.html"]))
        #expect(html.contains("<a href=\"https://example.com/report\">the report</a><sup class=\"cite\">"))
        #expect(html.contains("<a href=\"https://example.com/\">in a cell</a><sup class=\"cite\">"))
        #expect(!html.contains("[@"))
        // No link inside a link: every <a> closes before the next one opens.
        let opens = html.ranges(of: "<a ").map { ($0.lowerBound, 1) }
        let closes = html.ranges(of: "</a>").map { ($0.lowerBound, -1) }
        var depth = 0
        for (_, step) in (opens + closes).sorted(by: { $0.0 < $1.0 }) {
            depth += step
            #expect(depth == 0 || depth == 1, "a link opens inside another link")
        }
    }

    @Test("cross-references become relative links to the target page")
    func crossReferencesAreRelative() throws {
        let html = try page("articles/wire-vote/index.html")
        #expect(html.contains("href=\"../../events/mali-quits/\""))
        let home = try page("index.html")
        #expect(home.contains("href=\"timeline/\""))
        for (path, text) in pages where path.hasSuffix(".html") {
            for target in linkTargets(in: text) {
                #expect(!target.hasPrefix("actor:") && !target.hasPrefix("event:") && !target.hasPrefix("article:")
                        && !target.hasPrefix("note:"), "\(path) links \(target)")
            }
        }
    }

    @Test("a fact whose values differ shows Sources differ and every value with its source")
    func sourcesDiffer() throws {
        let html = mainContent(try page("actors/mali/index.html"))
        let facts = try #require(section(of: html, from: "id=\"facts_heading\"", to: "</section>"))
        let troops = try #require(section(of: facts, from: "Troops sent", to: "</div>"))
        #expect(troops.contains("Sources differ"))
        #expect(troops.contains("1,000"))
        #expect(troops.contains("1,200"))
        #expect(occurrences(of: "href=\"#source_", in: troops) == 2)
        let capital = try #require(section(of: facts, from: "Capital", to: "</div>"))
        #expect(!capital.contains("Sources differ"))
        #expect(occurrences(of: "Sources differ", in: facts) == 1)
    }

    @Test("dates are shown by their precision on the timeline")
    func datesOnTimeline() throws {
        let text = visibleText(mainContent(try page("timeline/index.html")))
        #expect(text.contains("16 June 2023 The council votes"))
        #expect(text.contains("June 2023 Talks in June"))
        #expect(text.contains("2014 The alliance is founded"))
        #expect(text.contains("c. 2021 First rumours"))
        #expect(text.contains("15–16 May 2022 Mali quits the alliance"))
    }

    @Test("the timeline groups events by year, in order, each anchored by its ID")
    func timelineGroupsByYear() throws {
        let html = mainContent(try page("timeline/index.html"))
        let yearHeadings = html.components(separatedBy: "<h2 id=\"year_").dropFirst().map { String($0.prefix(4)) }
        #expect(yearHeadings == ["2014", "2021", "2022", "2023"])
        let ids = ["founding", "rumours", "mali-quits", "talks", "council-vote"]
        let positions = ids.map { html.range(of: "id=\"\($0)\"")?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        let year2023 = try #require(section(of: html, from: "<h2 id=\"year_2023\"", to: "</section>"))
        #expect(year2023.contains("Talks in June") && year2023.contains("The council votes"))
    }

    @Test("a member-of relation on A shows on B's page as a member")
    func memberOfShowsOnBothPages() throws {
        let alliance = mainContent(try page("actors/alliance/index.html"))
        let relations = try #require(section(of: alliance, from: "id=\"relations_heading\"", to: "</section>"))
        #expect(visibleText(relations).contains("Members Mali"))
        #expect(relations.contains("href=\"../../actors/mali/\""))
        let mali = mainContent(try page("actors/mali/index.html"))
        let forward = try #require(section(of: mali, from: "id=\"relations_heading\"", to: "</section>"))
        #expect(visibleText(forward).contains("Member of The Alliance (2014 – May 2022)"))
    }

    @Test("backlinks: an article lists the events and notes citing it, an actor its events and notes")
    func backlinksAppear() throws {
        let article = mainContent(try page("articles/daily-quit/index.html"))
        #expect(article.contains("href=\"../../events/mali-quits/\""))
        #expect(article.contains("href=\"../../notes/why/\""))
        #expect(article.contains("href=\"../../actors/mali/\""))
        let actor = mainContent(try page("actors/mali/index.html"))
        #expect(actor.contains("href=\"../../events/mali-quits/\""))
        #expect(actor.contains("href=\"../../notes/why/\""))
        let event = mainContent(try page("events/mali-quits/index.html"))
        #expect(event.contains("href=\"../../notes/why/\""))
    }

    @Test("an event page shows its quotes, verified or not, and its sources")
    func eventQuotes() throws {
        let verified = mainContent(try page("events/council-vote/index.html"))
        #expect(verified.contains("The council voted on Friday"))
        #expect(verified.contains("Verified"))
        let unverified = mainContent(try page("events/mali-quits/index.html"))
        #expect(unverified.contains("Mali left"))
        #expect(unverified.contains("Unverified"))
        #expect(unverified.contains("id=\"source_1\""))
    }

    @Test("an article in another language marks its title and summary with it; the theme's words keep the site's")
    func articleLanguage() throws {
        let french = try page("articles/daily-quit/index.html")
        #expect(french.contains("<html lang=\"en\" dir=\"ltr\">"))
        #expect(french.contains("<h1 lang=\"fr\" dir=\"ltr\">Mali quits the alliance</h1>"))
        #expect(french.contains("<div lang=\"fr\" dir=\"ltr\">\n<p>Mali left.</p>"))
        let english = try page("articles/wire-vote/index.html")
        #expect(english.contains("<html lang=\"en\" dir=\"ltr\">"))
        #expect(!english.contains("<h1 lang="))
    }

    @Test("pages carry a title, a description, a canonical URL and JSON-LD of their type")
    func pageMetadata() throws {
        let article = try page("articles/wire-vote/index.html")
        #expect(article.contains("<title>Council votes to end the mission – Sahel explainer</title>"))
        #expect(article.contains("<meta name=\"description\" content=\""))
        #expect(article.contains("<link rel=\"canonical\" href=\"https://example.org/sahel/articles/wire-vote/\">"))
        #expect(article.contains("\"@type\":\"NewsArticle\""))
        #expect(try page("events/council-vote/index.html").contains("\"@type\":\"Event\""))
        #expect(try page("actors/mali/index.html").contains("\"@type\":\"Organization\""))
    }

    @Test("the feed lists articles newest first and is dated by the newest article")
    func feed() throws {
        let feed = try page("feed.xml")
        #expect(feed.contains("<updated>2023-06-30T00:00:00Z</updated>"))
        let vote = try #require(feed.range(of: "articles/wire-vote/"))
        let quit = try #require(feed.range(of: "articles/daily-quit/"))
        #expect(vote.lowerBound < quit.lowerBound)
        let sitemap = try page("sitemap.xml")
        #expect(sitemap.contains("<loc>https://example.org/sahel/actors/mali/</loc>"))
    }

    @Test("without base_url there is no feed or sitemap")
    func noBaseURL() {
        let pages = renderSite("""
            -- content/index.md --
            Hello.
            """)
        #expect(pages["index.html"] != nil)
        #expect(pages["feed.xml"] == nil)
        #expect(pages["sitemap.xml"] == nil)
        #expect(pages["index.html"]?.contains("rel=\"canonical\"") == false)
    }

    @Test("every template value is escaped: a title with <script> comes out as text")
    func templateValuesEscaped() throws {
        let pages = renderSite("""
            -- content/site.yaml --
            title: "Site <script>alert('site')</script>"
            -- content/articles/bad.md --
            ---
            title: "<script>alert('x')</script> & more"
            outlet: "<b>Outlet</b>"
            published: 2023-01-01
            ---
            -- content/actors/bad.md --
            ---
            name: "<img src=x onerror=alert(1)>"
            kind: person
            role: "\\" onmouseover=\\"alert(1)"
            ---
            -- content/events/main.yaml --
            - id: bad
              date: 2023
              title: "<script>alert('event')</script>"
              place: "<i>Bamako</i>"
              actors: [bad]
              sources:
                - article: bad
                  quote: "</blockquote><script>alert('quote')</script>"
            """)
        for path in ["index.html", "articles/bad/index.html", "actors/bad/index.html", "events/bad/index.html",
                     "timeline/index.html", "articles/index.html", "actors/index.html"] {
            let html = try #require(pages[path])
            #expect(!html.contains("<script>alert"), "\(path) runs a script")
            #expect(!html.contains("<img src=x"), "\(path) has an injected image")
            #expect(!html.contains("<b>Outlet"), "\(path) has injected markup")
            #expect(!html.contains("<i>Bamako"), "\(path) has injected markup")
            #expect(!html.contains("\" onmouseover=\"alert"), "\(path) has an injected attribute")
        }
        let article = try #require(pages["articles/bad/index.html"])
        #expect(article.contains("&lt;script&gt;alert("))
        let event = try #require(pages["events/bad/index.html"])
        #expect(event.contains("&lt;/blockquote&gt;&lt;script&gt;"))
    }

    @Test("raw HTML in Markdown reaches the page as visible text")
    func rawHTMLEscapedOnPage() throws {
        let pages = renderSite("""
            -- content/notes/raw.md --
            ---
            title: Raw
            ---
            Text with <script>alert(1)</script> and <iframe src="https://evil.example"></iframe>.
            """)
        let html = try #require(pages["notes/raw/index.html"])
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<iframe"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test("a note is listed on the pages its about names")
    func notesAbout() throws {
        let event = mainContent(try page("events/mali-quits/index.html"))
        #expect(event.contains("Why it came apart"))
        let note = mainContent(try page("notes/why/index.html"))
        let about = try #require(section(of: note, from: "id=\"about_heading\"", to: "</section>"))
        #expect(about.contains("href=\"../../actors/mali/\""))
        #expect(about.contains("href=\"../../events/mali-quits/\""))
    }

    @Test("rendering twice gives identical bytes")
    func deterministic() {
        #expect(renderSite(sahel) == pages)
    }

    @Test("drafts are absent from indexes, feed and sitemap")
    func draftsAbsentEverywhere() {
        let archive = """
            -- content/site.yaml --
            title: T
            base_url: https://example.org/
            -- content/articles/public-piece.md --
            ---
            title: Public piece
            outlet: O
            published: 2023-01-01
            ---
            -- content/articles/secret-piece.md --
            ---
            title: Secret piece
            outlet: O
            published: 2023-02-01
            draft: true
            ---
            -- content/notes/secret-note.md --
            ---
            title: Secret note
            draft: true
            ---
            """
        let pages = renderSite(archive)
        #expect(pages["articles/secret-piece/index.html"] == nil)
        #expect(pages["notes/secret-note/index.html"] == nil)
        for (path, text) in pages where !path.hasPrefix("assets/") {
            #expect(!text.contains("secret-"), "\(path) mentions a draft")
            #expect(!text.contains("Secret"), "\(path) mentions a draft")
        }
        let withDrafts = renderSite(archive, drafts: true)
        #expect(withDrafts["articles/secret-piece/index.html"] != nil)
        #expect(withDrafts["feed.xml"]?.contains("Secret piece") == true)
    }
}

@Suite("Render: themes and templates")
struct ThemeTests {
    @Test("the built-in theme loads without problems")
    func builtinTheme() {
        let (_, found) = Theme.load(fileSystem: .inMemory([:]), pageTemplates: PageKind.all.map(\.template))
        #expect(found.isEmpty)
    }

    @Test("a template with a syntax error is an error at its file")
    func syntaxError() throws {
        let found = diagnostics(of: """
            -- templates/note.mustache --
            {{<layout}}
            {{$main}}
            <h1>{{title}</h1>
            {{#about}}
            {{/main}}
            {{/layout}}
            """)
        let error = try #require(errors(found).first)
        #expect(error.location.path == "templates/note.mustache")
        #expect(error.message.contains("template"))
    }

    @Test("a missing partial is an error with a did-you-mean")
    func missingPartial() throws {
        let found = diagnostics(of: """
            -- templates/note.mustache --
            {{<layout}}
            {{$main}}
            <h1>{{title}}</h1>
            {{> partials/sourcess}}
            {{/main}}
            {{/layout}}
            """)
        let error = try #require(errors(found).first)
        #expect(error.location == SitegenCore.SourceLocation(path: "templates/note.mustache", line: 4, column: 1))
        #expect(error.suggestion == "partials/sources")
    }

    @Test("a site template replaces the built-in one and site assets are copied")
    func siteTemplateOverrides() throws {
        let pages = renderSite("""
            -- templates/404.mustache --
            <!DOCTYPE html><html lang="{{page.lang}}"><title>Lost</title><p>Custom not found page</p></html>
            -- templates/assets/extra.txt --
            hello
            """)
        #expect(try #require(pages["404.html"]).contains("Custom not found page"))
        #expect(pages.keys.contains { $0.hasPrefix("assets/extra.") })
    }

@Suite("Render: feed and structured data escaping")
struct FeedEscapingTests {
    @Test("titles with markup are escaped in the feed and cannot end the JSON-LD script")
    func escaping() throws {
        let pages = renderSite("""
            -- content/site.yaml --
            title: "Q&A <Sahel>"
            base_url: https://example.org/
            -- content/articles/tricky.md --
            ---
            title: "Fish & chips </script><script>alert(1)</script>"
            outlet: "A & B"
            published: 2023-01-01
            ---
            """)
        let feed = try #require(pages["feed.xml"])
        #expect(feed.contains("<title>Q&amp;A &lt;Sahel&gt;</title>"))
        #expect(feed.contains("Fish &amp; chips &lt;/script&gt;"))
        #expect(!feed.contains("<script>"))
        let article = try #require(pages["articles/tricky/index.html"])
        let jsonLD = try #require(section(of: article, from: "<script type=\"application/ld+json\">", to: "</script>"))
        #expect(!jsonLD.contains("<"))
        #expect(jsonLD.contains("NewsArticle"))
        #expect(occurrences(of: "</script>", in: article) == 1)
    }
}

}
