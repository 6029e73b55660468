/// Finds claims without a source: every paragraph of the home introduction, an article summary,
/// an actor profile, a note or an event summary must cite an article (`[@ID]`), unless it is
/// marked `<!-- uncited -->`. An event summary counts as cited when the event lists `sources`.
///
/// The paragraphs themselves are found when each text is parsed (``MarkdownText/uncitedParagraphs``,
/// less those that still hold a `sitegen new` placeholder: ``PlaceholderCheck`` warns there);
/// this only turns them into warnings for what is built.
enum UncitedParagraphs {
    /// The warning's text.
    static let message = "this paragraph cites no source: cite the article it comes from with `[@ID]`, or put `<!-- uncited -->` on the line before it if it needs no citation"

    /// One warning per uncited paragraph of what is built (drafts only with `includeDrafts`).
    static func warnings(in raw: RawSite, includeDrafts: Bool) -> [Diagnostic] {
        var texts: [MarkdownText] = []
        if let introduction = raw.introduction { texts.append(introduction) }
        texts += raw.articles.filter { includeDrafts || !$0.draft }.map(\.body)
        texts += raw.actors.map(\.body)
        texts += raw.notes.filter { includeDrafts || !$0.draft }.map(\.body)
        texts += raw.events.filter(\.sources.isEmpty).compactMap(\.summary)
        return texts.flatMap(\.uncitedParagraphs).map { Diagnostic.warning($0, message) }
    }
}
