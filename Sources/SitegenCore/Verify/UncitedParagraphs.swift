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
        // Read in place: filtering the lists first copied every article and event.
        var found: [SourceLocation] = []
        if let introduction = raw.introduction { found += introduction.uncitedParagraphs }
        for index in raw.articles.indices where includeDrafts || !raw.articles[index].draft {
            found += raw.articles[index].body.uncitedParagraphs
        }
        for index in raw.actors.indices { found += raw.actors[index].body.uncitedParagraphs }
        for index in raw.notes.indices where includeDrafts || !raw.notes[index].draft {
            found += raw.notes[index].body.uncitedParagraphs
        }
        for index in raw.events.indices where raw.events[index].sources.isEmpty {
            if let paragraphs = raw.events[index].summary?.uncitedParagraphs { found += paragraphs }
        }
        return found.map { Diagnostic.warning($0, message) }
    }
}
