import Foundation
import Testing
@testable import SitegenCore

/// `sitegen serve` renders a page again when an entity it links to changes: the links are found
/// in the page's bytes, in either link style, and nothing else counts as one.
@Suite struct PageLinksTests {
    @Test func everyLinkToAnEntityPageIsFoundInEitherLinkStyle() {
        let page = """
            <a href="../../actors/mali/">Mali</a> <a href="https://example.org/events/coup-2021/index.html">x</a>
            <a href="/notes/why/">y</a> <a href="articles/a-1/">z</a> <a href="../../actors/mali/#relations">again</a>
            """
        #expect(PageLinks.refs(in: Data(page.utf8)) == [Ref(.actor, "mali"), Ref(.event, "coup-2021"), Ref(.note, "why"), Ref(.article, "a-1")])
    }

    @Test func aFolderWithoutAnIDAStandalonePageOrAnAssetIsNoLink() {
        let page = #"<a href="/articles/">all</a> actors//x <a href="/about/">about</a> pages/about/ <link href="assets/style.css"> events/no-slash"#
        #expect(PageLinks.refs(in: Data(page.utf8)).isEmpty)
    }

    @Test func linksAtTheVeryStartAndEndOfAPageAreFound() {
        #expect(PageLinks.refs(in: Data("actors/first/ and notes/last/".utf8)) == [Ref(.actor, "first"), Ref(.note, "last")])
        #expect(PageLinks.refs(in: Data("/".utf8)).isEmpty && PageLinks.refs(in: Data()).isEmpty && PageLinks.refs(in: Data("s/".utf8)).isEmpty)
    }

    // The page's own text: an editor's links show only the target's address, not its value.
    private let ownText = #"<p>Both <a href="../../actors/mali/">Mali</a> and <a href="../../actors/niger/">Niger</a> left.</p>"#

    @Test func anEntityLinkedOnlyFromThePagesOwnTextIsNotShown() {
        let page = #"<h1>Title</h1><ul class="tags"><li><a href="../../actors/niger/">Niger</a></li></ul>"# + ownText + "<footer></footer>"
        #expect(PageLinks.shown(in: Data(page.utf8), besides: ownText) == [Ref(.actor, "niger")])
    }

    @Test func anEntityLinkedBothFromTheOwnTextAndBesideItIsShown() {
        let page = ownText + #"<a href="../../actors/mali/">Mali</a>"#
        #expect(PageLinks.shown(in: Data(page.utf8), besides: ownText) == [Ref(.actor, "mali")])
    }

    @Test func anOwnTextThePageDoesNotHoldSetsNothingAside() {
        // A theme whose template leaves the text out: the page's links are all its own.
        let page = #"<a href="../../actors/mali/">Mali</a> <a href="../../actors/niger/">Niger</a>"#
        #expect(PageLinks.shown(in: Data(page.utf8), besides: ownText) == [Ref(.actor, "mali"), Ref(.actor, "niger")])
        #expect(PageLinks.shown(in: Data(page.utf8), besides: nil) == [Ref(.actor, "mali"), Ref(.actor, "niger")])
        #expect(PageLinks.shown(in: Data(page.utf8), besides: "") == [Ref(.actor, "mali"), Ref(.actor, "niger")])
    }

    // Entities numbered (RefNumbers) are found from the link's bytes, the others as refs: the same entities either way.
    @Test func theEntitiesShownAreTheSameWhetherTheyHaveNumbersOrNot() {
        var table = RefNumbers()
        let mali = table.insert(Ref(.actor, "mali"))
        _ = table.insert(Ref(.event, "niger"))  // the same ID, another kind
        let page = #"<li><a href="../../actors/niger/">Niger</a></li>"# + ownText + #"<a href="../../actors/mali/">Mali</a>"#
        let shown = PageLinks.shown(in: Data(page.utf8), besides: ownText, numberedBy: table)
        #expect(shown.numbers == [mali] && shown.unnumbered == [Ref(.actor, "niger")])
        #expect(shown.refs(numberedBy: table) == PageLinks.shown(in: Data(page.utf8), besides: ownText))
        // Numbered both: the own text's links still set aside.
        _ = table.insert(Ref(.actor, "niger"))
        let onlyOwnText = PageLinks.shown(in: Data((ownText + "<footer></footer>").utf8), besides: ownText, numberedBy: table)
        #expect(onlyOwnText == PageLinks.Shown())
    }

    @Test func everyNumberedEntityIsFoundByItsRefAndNoOther() {
        var table = RefNumbers()
        let refs = (0..<5000).flatMap { [Ref(.event, "event-\($0)"), Ref(.actor, "event-\($0)"), Ref(.article, String(repeating: "long-id-", count: $0 % 7) + "\($0)")] }
        let numbers = refs.map { table.insert($0) }
        #expect(Set(numbers).count == refs.count)
        #expect(refs.map { table.number(of: $0) } == numbers)
        #expect(numbers.map { table[$0] } == refs)
        #expect(refs.map { table.insert($0) } == numbers, "an entity numbered again keeps its number")
        #expect(table.number(of: Ref(.note, "event-1")) == nil && table.number(of: Ref(.event, "event-5000")) == nil && table.number(of: Ref(.event, "")) == nil)
    }

    @Test func aPageIsFoundByTheEntitiesItShowsUntilItStopsShowingThem() {
        var dependencies = PageDependencies()
        let (mali, niger, coup) = (Ref(.actor, "mali"), Ref(.actor, "niger"), Ref(.event, "coup"))
        dependencies.number([mali])
        let table = dependencies.numbers
        func shows(_ refs: [Ref]) -> PageLinks.Shown {
            var shown = PageLinks.Shown()
            for ref in refs { shown.insert(ref, numberedBy: table) }
            return shown
        }
        dependencies.record("a/index.html", shows: shows([mali, niger]))
        dependencies.record("b/index.html", shows: shows([mali, coup]))
        #expect(dependencies.pages(showing: [mali]) == ["a/index.html", "b/index.html"])
        #expect(dependencies.pages(showing: [niger, coup]) == ["a/index.html", "b/index.html"])
        dependencies.record("a/index.html", shows: shows([mali]))
        #expect(dependencies.pages(showing: [niger]).isEmpty)
        dependencies.remove("b/index.html")
        #expect(dependencies.pages(showing: [mali, coup]) == ["a/index.html"])
        #expect(dependencies.pages(showing: [Ref(.note, "unknown")]).isEmpty)
    }
}
