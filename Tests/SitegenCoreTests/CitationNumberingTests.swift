import Foundation
import Testing
@testable import SitegenCore

/// Four articles, cited by an event and an actor in every part that can cite.
private let citingSite = """
    -- content/articles/alpha.md --
    ---
    title: Alpha
    outlet: The Wire
    published: 2023-01-01
    ---
    Alpha.
    -- content/articles/beta.md --
    ---
    title: Beta
    outlet: The Wire
    published: 2023-01-02
    ---
    Beta.
    -- content/articles/gamma.md --
    ---
    title: Gamma
    outlet: The Wire
    published: 2023-01-03
    ---
    Gamma.
    -- content/articles/delta.md --
    ---
    title: Delta
    outlet: The Wire
    published: 2023-01-04
    ---
    Delta.
    -- content/events/main.yaml --
    - id: vote
      date: 2023-02-01
      title: The vote
      summary: "The council voted [@gamma]."
      sources:
        - article: delta
        - article: beta
          quote: "Beta"
      facts:
        - label: Votes for
          values:
            - value: "12"
              sources: [{article: alpha}, {article: gamma}]
    -- content/actors/board.md --
    ---
    name: The Board
    kind: organization
    facts:
      - label: Members
        values:
          - value: "9"
            sources: [{article: alpha}, {article: delta}]
    relations:
      - type: member-of
        actor: council
        sources: [{article: beta}]
    ---
    The board [@gamma].
    -- content/actors/council.md --
    ---
    name: The Council
    kind: organization
    ---
    The council.
    """

/// The articles of a page's Sources list, in number order.
private func sourcesList(_ html: String) -> [String] {
    html.matches(of: /<li id="source_\d+"><a href="[^"]*articles\/([^\/"]+)\//).map { String($0.1) }
}

/// The numbers of every citation mark of a page, in the order the page shows them.
private func markNumbers(_ html: String) -> [Int] {
    html.matches(of: /<sup class="cite">(.*?)<\/sup>/).flatMap { mark in
        String(mark.1).matches(of: /href="#source_(\d+)"/).map { Int($0.1)! }
    }
}

@Suite("Citation numbers: each page kind numbers its sources in the order it shows its citing parts")
struct CitationNumberingTests {
    let pages = renderSite(citingSite)

    @Test("an event page numbers the summary's sources, then the quotes', then those without a quote, then the facts'")
    func eventOrder() throws {
        let event = try #require(pages["events/vote/index.html"])
        #expect(sourcesList(event) == ["gamma", "beta", "delta", "alpha"])
        #expect(markNumbers(event) == [1, 2, 1, 4], "the numbers grow down the page; the facts' marks are in number order")
    }

    @Test("an actor page numbers its profile's sources, then its relations', then its facts'")
    func actorOrder() throws {
        let actor = try #require(pages["actors/board/index.html"])
        #expect(sourcesList(actor) == ["gamma", "beta", "alpha", "delta"])
        #expect(markNumbers(actor) == [1, 2, 3, 4])
    }

    @Test("a mark beside a quote, a fact or a relation is written like a mark in Markdown text")
    func oneMarkup() throws {
        let event = try #require(pages["events/vote/index.html"])
        #expect(event.contains("The council voted<sup class=\"cite\">[<a href=\"#source_1\" aria-label=\"Source 1\">1</a>]</sup>."))
        #expect(event.contains("<sup class=\"cite\">[<a href=\"#source_2\" aria-label=\"Source 2\">2</a>]</sup>"))
        #expect(event.contains("<li id=\"source_2\">"))
    }

    @Test("a relation's sources are numbered on the pages of both its actors; a page that cites nothing has no Sources list")
    func bothEnds() throws {
        let council = try #require(pages["actors/council/index.html"])
        #expect(sourcesList(council) == ["beta"])
        #expect(markNumbers(council) == [1])
        let alpha = try #require(pages["articles/alpha/index.html"])
        #expect(sourcesList(alpha).isEmpty)
        #expect(!alpha.contains("sources_heading"))
    }
}
