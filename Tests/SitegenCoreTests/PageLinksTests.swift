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
}
