import Foundation
import Testing
@testable import SitegenCore

/// Two articles, three actors and nothing else: a base for reference tests.
private let people = """
    -- content/articles/wire-one.md --
    ---
    title: First report
    outlet: The Wire
    published: 2023-06-01
    ---
    -- content/articles/wire-two.md --
    ---
    title: Second report
    outlet: The Wire
    published: 2023-06-02
    ---
    -- content/actors/minusma.md --
    ---
    name: MINUSMA
    kind: military-force
    ---
    -- content/actors/mali.md --
    ---
    name: Mali
    kind: state
    ---
    -- content/actors/g5-sahel.md --
    ---
    name: G5 Sahel
    kind: alliance
    ---

    """

@Suite("Resolve: IDs, references and backlinks")
struct ResolveTests {
    @Test("an unknown actor ID is reported at its line and column with a did-you-mean")
    func unknownActorID() throws {
        let found = diagnostics(of: people + """
            -- content/notes/why.md --
            ---
            title: Why
            ---
            Intro line.

            The mission, [MINUSMA](actor:minsuma), left.
            """)
        let error = try #require(errors(found).first)
        #expect(errors(found).count == 1)
        #expect(error.location == SitegenCore.SourceLocation(path: "content/notes/why.md", line: 6, column: 14))
        #expect(error.suggestion == "minusma")
        #expect(error.description == "content/notes/why.md:6:14: error: unknown actor `minsuma`; did you mean `minusma`?")
    }

    @Test("an unknown citation is an error at the @ with a did-you-mean")
    func unknownCitation() throws {
        let found = diagnostics(of: people + """
            -- content/notes/why.md --
            ---
            title: Why
            ---
            The mission left [@wire-tow].
            """)
        let error = try #require(errors(found).first)
        #expect(error.location == SitegenCore.SourceLocation(path: "content/notes/why.md", line: 4, column: 19))
        #expect(error.suggestion == "wire-two")
    }

    @Test("an ID of another kind is suggested with its scheme")
    func wrongKindSuggestsScheme() throws {
        let found = diagnostics(of: people + """
            -- content/notes/why.md --
            ---
            title: Why
            ---
            See [Mali](event:mali).
            """)
        let error = try #require(errors(found).first)
        #expect(error.suggestion == "actor:mali")
    }

    @Test("unknown IDs in event actors, event sources, relations and about are each reported where written")
    func everyReferenceIsChecked() {
        let found = diagnostics(of: people + """
            -- content/actors/chad.md --
            ---
            name: Chad
            kind: state
            relations:
              - type: member-of
                actor: g5-sahell
            ---
            -- content/events/main.yaml --
            - id: quits
              date: 2022-05-15
              title: Mali quits
              actors: [mali, malli]
              sources:
                - article: wire-three
            -- content/notes/about.md --
            ---
            title: About
            about: [actor:nobody]
            ---
            """)
        let places = errors(found).map { "\($0.location)" }
        #expect(places == [
            "content/actors/chad.md:6:12",
            "content/events/main.yaml:4:18",
            "content/events/main.yaml:6:7",
            "content/notes/about.md:3:9",
        ])
    }

    @Test("a duplicate event ID is reported at its second occurrence, naming the first")
    func duplicateEventID() throws {
        let found = diagnostics(of: people + """
            -- content/events/a.yaml --
            - id: vote
              date: 2023-06-30
              title: The vote
              sources: [{article: wire-one}]
            -- content/events/b.yaml --
            - id: other
              date: 2023-06-30
              title: Other
              sources: [{article: wire-one}]
            - id: vote
              date: 2023-07-01
              title: The vote again
              sources: [{article: wire-two}]
            """)
        let error = try #require(errors(found).first)
        #expect(errors(found).count == 1)
        #expect(error.location == SitegenCore.SourceLocation(path: "content/events/b.yaml", line: 5, column: 3))
        #expect(error.message.contains("content/events/a.yaml:1:3"))
    }

    @Test("a draft is absent without --drafts and present with it")
    func draftsAreLeftOut() {
        let archive = people + """
            -- content/articles/draft-piece.md --
            ---
            title: Not yet
            outlet: The Wire
            published: 2023-07-01
            draft: true
            ---
            -- content/notes/draft-note.md --
            ---
            title: Draft note
            draft: true
            ---
            """
        let (site, found) = resolveSite(archive)
        #expect(errors(found).isEmpty)
        #expect(site.articles["draft-piece"] == nil)
        #expect(site.notes["draft-note"] == nil)
        #expect(!site.articleOrder.contains("draft-piece"))
        let (withDrafts, _) = resolveSite(archive, drafts: true)
        #expect(withDrafts.articles["draft-piece"] != nil)
        #expect(withDrafts.articleOrder.first == "draft-piece")
    }

    @Test("linking or citing a draft from a published page is an error")
    func linkingADraftIsAnError() {
        let archive = people + """
            -- content/articles/draft-piece.md --
            ---
            title: Not yet
            outlet: The Wire
            published: 2023-07-01
            draft: true
            ---
            -- content/notes/why.md --
            ---
            title: Why
            ---
            See [the draft](article:draft-piece) and [@draft-piece].
            """
        let found = errors(diagnostics(of: archive))
        #expect(found.count == 2)
        #expect(found.allSatisfy { $0.message.contains("draft") && $0.location.path == "content/notes/why.md" })
        #expect(errors(diagnostics(of: archive, drafts: true)).isEmpty)
    }

    @Test("the timeline orders by start date, coarser precision first on a tie, then ID")
    func timelineOrder() {
        let (site, found) = resolveSite(people + """
            -- content/events/b.yaml --
            - id: day-event
              date: 2022-01-01
              title: A day
              sources: [wire-one]
            - id: late
              date: 2023
              title: Late
              sources: [wire-one]
            -- content/events/a.yaml --
            - id: month-event
              date: 2022-01
              title: A month
              sources: [wire-one]
            - id: year-event
              date: 2022
              title: A year
              sources: [wire-one]
            - id: another-day
              date: 2022-01-01
              title: Another day
              sources: [wire-one]
            - id: early
              date: 2021-12-31
              title: Early
              sources: [wire-one]
            """)
        #expect(errors(found).isEmpty)
        #expect(site.timeline == ["early", "year-event", "month-event", "another-day", "day-event", "late"])
    }

    @Test("backlinks collect links, citations, event actors and sources, relations and about")
    func backlinks() {
        let (site, found) = resolveSite(people + """
            -- content/actors/chad.md --
            ---
            name: Chad
            kind: state
            relations:
              - type: member-of
                actor: g5-sahel
                sources: [{article: wire-two}]
            ---
            -- content/events/main.yaml --
            - id: quits
              date: 2022-05-15
              title: Mali quits
              summary: "[The alliance](actor:g5-sahel) loses a member."
              actors: [mali]
              sources: [{article: wire-one}]
            -- content/notes/why.md --
            ---
            title: Why
            about: [actor:mali]
            ---
            Because [@wire-one].
            """)
        #expect(errors(found).isEmpty)
        #expect(site.backlinks[Ref(.article, "wire-one")] == [Ref(.event, "quits"), Ref(.note, "why")])
        #expect(site.backlinks[Ref(.article, "wire-two")] == [Ref(.actor, "chad")])
        #expect(site.backlinks[Ref(.actor, "g5-sahel")] == [Ref(.actor, "chad"), Ref(.event, "quits")])
        #expect(site.backlinks[Ref(.actor, "mali")] == [Ref(.event, "quits"), Ref(.note, "why")])
        #expect(site.eventsByActor["mali"] == ["quits"])
        #expect(site.notesAbout[Ref(.actor, "mali")] == ["why"])
        #expect(site.incomingRelations["g5-sahel"]?.map(\.from) == ["chad"])
    }

    @Test("articles are ordered newest first")
    func articleOrder() {
        let (site, _) = resolveSite(people)
        #expect(site.articleOrder == ["wire-two", "wire-one"])
    }

    @Test("an actor related to itself is an error")
    func selfRelation() {
        let found = diagnostics(of: people + """
            -- content/actors/chad.md --
            ---
            name: Chad
            kind: state
            relations:
              - type: allied-with
                actor: chad
            ---
            """)
        #expect(errors(found).contains { $0.location.line == 6 && $0.message.contains("itself") })
    }

    @Test("every error in every file is reported in one run, sorted by file, line and column")
    func allErrorsSorted() {
        let found = diagnostics(of: people + """
            -- content/notes/zeta.md --
            ---
            title: Zeta
            ---
            [a](actor:nobody-one) and [b](actor:nobody-two)
            -- content/events/main.yaml --
            - id: one
              date: 2022-13
              title: Bad month
              sources: [wire-one]
            - id: two
              date: 2022
              title: Bad source
              sources: [nowhere]
            -- content/articles/broken.md --
            ---
            title: Broken
            published: 2023-01-01
            ---
            """)
        let places = errors(found).map { "\($0.location.path):\($0.location.line):\($0.location.column)" }
        #expect(places == [
            "content/articles/broken.md:2:1",
            "content/events/main.yaml:2:9",
            "content/events/main.yaml:8:13",
            "content/notes/zeta.md:4:1",
            "content/notes/zeta.md:4:27",
        ])
        #expect(found == found.sortedForDisplay())
    }

    @Test("a fact's sources differ only when values differ after trimming white space")
    func sourcesDiffer() {
        func fact(_ values: [String]) -> Fact {
            Fact(label: "Troops", values: values.map {
                Fact.Value(value: $0, sources: [], location: SitegenCore.SourceLocation(path: "x"))
            }, location: SitegenCore.SourceLocation(path: "x"))
        }
        #expect(fact(["more than 170", "more than 300"]).sourcesDiffer)
        #expect(!fact(["13,000", " 13,000 "]).sourcesDiffer)
        #expect(!fact(["13,000"]).sourcesDiffer)
        #expect(fact(["13,000", "13 000"]).sourcesDiffer)
        #expect(!fact(["13000", "13000\n"]).sourcesDiffer)
    }

    @Test("a fact value written as a number is read as text, as written")
    func numbersAreText() throws {
        let (site, found) = resolveSite(people + """
            -- content/actors/chad.md --
            ---
            name: Chad
            kind: state
            facts:
              - label: Troops
                values:
                  - value: 010
                    sources: [wire-one]
                  - value: 1.50
                    sources: [wire-two]
            ---
            """)
        #expect(errors(found).isEmpty)
        let fact = try #require(site.actors["chad"]?.facts.first)
        #expect(fact.values.map(\.value) == ["010", "1.50"])
        #expect(fact.sourcesDiffer)
    }

}
