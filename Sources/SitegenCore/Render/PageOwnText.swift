/// A page's view that shows its entity's own Markdown text (an article's body, an actor's profile,
/// a note's or standalone page's body, an event's summary), as HTML finished for the page.
///
/// The links in such a text are the editor's (`[the board](actor:harbour-board)`): they show the
/// text the editor wrote and the target's address, which follows its ID, never the target's name
/// or title. `sitegen serve` uses this to tell the links that show another entity's value from
/// those that do not (``PageLinks/shown(in:besides:)``).
protocol ShowsOwnText {
    /// The text's HTML, as the view hands it to the template.
    var ownTextHTML: String { get }
}

extension ArticlePage: ShowsOwnText {
    var ownTextHTML: String { bodyHTML }
}

extension ActorPage: ShowsOwnText {
    var ownTextHTML: String { profileHTML }
}

extension NotePage: ShowsOwnText {
    var ownTextHTML: String { bodyHTML }
}

extension StandalonePageView: ShowsOwnText {
    var ownTextHTML: String { bodyHTML }
}

extension EventPage: ShowsOwnText {
    var ownTextHTML: String { event.summaryHTML }
}
