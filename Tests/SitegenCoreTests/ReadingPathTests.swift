import Foundation
import Testing
@testable import SitegenCore

/// Three events, two articles and three notes, one of them long enough for a table of contents.
private let story = """
    -- content/site.yaml --
    title: Story
    description: A story in parts
    language: en
    -- content/articles/first.md --
    ---
    title: The first report
    outlet: The Wire
    published: 2022-01-10
    ---
    It began [@first].
    -- content/articles/second.md --
    ---
    title: The second report
    outlet: The Daily
    published: 2023-02-01
    ---
    It went on [@second].
    -- content/events/all.yaml --
    - id: middle
      date: 2022-06
      title: The middle
      sources: [first]
    - id: start
      date: 2021
      title: The start
      sources: [first]
    - id: end
      date: 2023-01-05
      title: The end
      sources: [second]
    -- content/notes/long.md --
    ---
    title: The long note
    order: 1
    date: 2024-03-05
    author: Aminata Traoré
    ---
    # Who & why [@first]

    One [@first].

    # Where

    Two [@first].

    # When

    Three [@first].

    # Where

    Four [@first].
    -- content/notes/short.md --
    ---
    title: The short note
    order: 2
    author: The editors
    ---
    # Only

    One [@first].

    # Two

    Two [@first].
    -- content/notes/last.md --
    ---
    title: The last note
    order: 3
    date: 2024-04
    ---
    Three [@second].
    """

@Suite("A way through the story: previous and next, tables of contents, a note's date and author")
struct ReadingPathTests {
    let pages = renderSite(story)

    func main(_ path: String) throws -> String {
        mainContent(try #require(pages[path], "no page \(path)"))
    }

    @Test("an event links to the events just before and after it in time, not in file order")
    func eventsLinkNeighboursInTime() throws {
        let pager = try #require(section(of: try main("events/middle/index.html"), from: "<nav class=\"pager\"", to: "</nav>"))
        #expect(pager.contains("aria-label=\"Events before and after this one\""))
        let previous = try #require(section(of: pager, from: "pager-previous", to: "</li>"))
        #expect(previous.contains("href=\"../../events/start/index.html\" rel=\"prev\""))
        #expect(previous.contains("Previous</span> The start"))
        let next = try #require(section(of: pager, from: "pager-next", to: "</li>"))
        #expect(next.contains("href=\"../../events/end/index.html\" rel=\"next\""))
        #expect(next.contains("The end"))
    }

    @Test("the first event has only a next link, the last only a previous one")
    func endsOfTheTimeline() throws {
        let first = try main("events/start/index.html")
        #expect(!first.contains("rel=\"prev\""))
        #expect(first.contains("href=\"../../events/middle/index.html\" rel=\"next\""))
        let last = try main("events/end/index.html")
        #expect(last.contains("href=\"../../events/middle/index.html\" rel=\"prev\""))
        #expect(!last.contains("rel=\"next\""))
    }

    @Test("notes follow the notes index's order and articles the articles index's, newest first")
    func notesAndArticlesFollowTheirIndex() throws {
        let short = try main("notes/short/index.html")
        #expect(short.contains("href=\"../../notes/long/index.html\" rel=\"prev\""))
        #expect(short.contains("href=\"../../notes/last/index.html\" rel=\"next\""))
        let newest = try main("articles/second/index.html")
        #expect(!newest.contains("rel=\"prev\""))
        #expect(newest.contains("href=\"../../articles/first/index.html\" rel=\"next\""))
    }

    @Test("a site with one event shows no previous/next navigation on it")
    func loneEventHasNoPager() throws {
        let pages = renderSite("""
            -- content/articles/a.md --
            ---
            title: A
            outlet: O
            published: 2023-01-01
            ---
            -- content/events/e.yaml --
            - id: only
              date: 2023
              title: Only one
              sources: [a]
            """)
        let html = mainContent(try #require(pages["events/only/index.html"]))
        #expect(!html.contains("class=\"pager\""))
    }

    @Test("a note of four sections gets a table of contents linking to anchored headings, unique ids, no citation marks")
    func longNoteHasTableOfContents() throws {
        let html = try main("notes/long/index.html")
        let toc = try #require(section(of: html, from: "<nav class=\"toc\"", to: "</nav>"))
        #expect(toc.contains(">In this note</h2>"))
        #expect(toc.contains("<li><a href=\"#who-why\">Who &amp; why</a></li>"))
        #expect(toc.contains("<li><a href=\"#where\">Where</a></li>"))
        #expect(toc.contains("<li><a href=\"#where-2\">Where</a></li>"))
        #expect(occurrences(of: "<li>", in: toc) == 4)
        #expect(html.contains("<h2 id=\"who-why\">Who &amp; why"))
        #expect(html.contains("<h2 id=\"where-2\">Where</h2>"))
        #expect(html.contains("<h2 id=\"when\">When</h2>"))
    }

    @Test("a note of two sections has no table of contents and its headings stay as they were")
    func shortNoteHasNone() throws {
        let html = try main("notes/short/index.html")
        #expect(!html.contains("class=\"toc\""))
        #expect(html.contains("<h2>Only</h2>"))
    }

    @Test("a note shows its date and author when given, each alone when only one is")
    func noteDateAndAuthor() throws {
        let long = try main("notes/long/index.html")
        #expect(long.contains("<p class=\"meta\"><time datetime=\"2024-03-05\">5 March 2024</time> · By Aminata Traoré</p>"))
        #expect(try main("notes/short/index.html").contains("<p class=\"meta\">By The editors</p>"))
        #expect(try main("notes/last/index.html").contains("<p class=\"meta\"><time datetime=\"2024-04\">April 2024</time></p>"))
        #expect(try #require(pages["notes/long/index.html"]).contains("\"datePublished\":\"2024-03-05\""))
    }

    @Test("a French site says Précédent, Suivant and Dans cette note")
    func frenchWords() throws {
        let pages = renderSite(story.replacingOccurrences(of: "language: en", with: "language: fr"))
        let note = mainContent(try #require(pages["notes/long/index.html"]))
        #expect(note.contains(">Dans cette note</h2>"))
        #expect(note.contains("Suivant</span>"))
        #expect(note.contains("Par Aminata Traoré"))
        #expect(mainContent(try #require(pages["events/middle/index.html"])).contains("Précédent</span>"))
    }

    @Test("a note's date that is not a date is an error at the key")
    func badNoteDate() throws {
        let found = diagnostics(of: """
            -- content/notes/n.md --
            ---
            title: N
            date: last spring
            ---
            Text. <!-- uncited -->
            """)
        let error = try #require(errors(found).first { $0.message.contains("`date`") })
        #expect(error.location.path == "content/notes/n.md" && error.location.line == 3)
        #expect(error.message.contains("YYYY-MM-DD"))
    }
}

@Suite("The actors' network: each actor's relations drawn at build time")
struct ActorNetworkTests {
    static let site = """
        -- content/articles/a.md --
        ---
        title: A
        outlet: O
        published: 2023-01-01
        ---
        -- content/actors/mali.md --
        ---
        name: Mali
        kind: state
        relations:
          - type: member-of
            actor: alliance
            since: 2021
            sources: [{article: a}]
        ---
        -- content/actors/alliance.md --
        ---
        name: The Alliance & Co
        kind: alliance
        ---
        -- content/actors/loner.md --
        ---
        name: Loner
        kind: person
        ---
        """

    @Test("an actor page draws its relations: titled SVG, linked nodes, the edge's type and dates, a legend; no script")
    func actorPageHasDiagram() throws {
        let pages = renderSite(Self.site)
        let html = mainContent(try #require(pages["actors/mali/index.html"]))
        let svg = try #require(section(of: html, from: "<svg class=\"net", to: "</svg>\n"))
        #expect(svg.contains("<title id=\"network_title\">Relations of Mali</title>"))
        #expect(svg.contains("<desc id=\"network_desc\">"))
        #expect(svg.contains("href=\"../../actors/alliance/index.html\""))
        #expect(svg.contains(">The Alliance &amp; Co</tspan>") || svg.contains(">The Alliance &amp;</tspan>"))
        #expect(svg.contains(">Member of</tspan>"))
        #expect(svg.contains(">since 2021</tspan>"))
        #expect(svg.contains("marker-end="))
        #expect(html.contains("class=\"network-legend\""))
        #expect(!html.contains("<script src"))
        // The text list of relations stays.
        #expect(html.contains("<dl class=\"relations\">"))
        // The other end of the relation draws it too, arrow towards it.
        #expect(mainContent(try #require(pages["actors/alliance/index.html"])).contains("<svg class=\"net"))
        #expect(!mainContent(try #require(pages["actors/loner/index.html"])).contains("<svg class=\"net"))
    }

    @Test("the same site gives the same diagram, byte for byte")
    func deterministic() throws {
        let first = try #require(renderSite(Self.site)["actors/mali/index.html"])
        let second = try #require(renderSite(Self.site)["actors/mali/index.html"])
        #expect(first == second)
    }
}
