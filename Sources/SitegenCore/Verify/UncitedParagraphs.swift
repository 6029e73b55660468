/// Finds claims without a source: every paragraph of the home introduction, an article summary,
/// an actor profile, a note or an event summary must cite an article (`[@ID]`), unless it is
/// marked `<!-- uncited -->`. An event summary counts as cited when the event lists `sources`.
///
/// The paragraphs themselves are found when each text is parsed (``MarkdownText/uncitedParagraphs``);
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
        return texts.flatMap(withoutPlaceholders).map { Diagnostic.warning($0, message) }
    }

    /// The text's uncited paragraphs, less those that still hold a `sitegen new` placeholder:
    /// ``PlaceholderCheck`` already warns there, and replacing the placeholder comes first.
    private static func withoutPlaceholders(_ text: MarkdownText) -> [SourceLocation] {
        guard !text.uncitedParagraphs.isEmpty else { return [] }
        // Most texts hold no placeholder at all: one byte search each, and no line is looked at.
        let placeholders = PlaceholderCheck.placeholders.filter { text.source.containsBytes($0.text) }
        guard !placeholders.isEmpty else { return text.uncitedParagraphs }
        let lines = text.source.split(separator: "\n", omittingEmptySubsequences: false)
        return text.uncitedParagraphs.filter { location in
            let index = location.line - text.lineOffset - 1
            guard lines.indices.contains(index) else { return true }
            let line = String(lines[index])
            return !placeholders.contains { line.containsBytes($0.text) }
        }
    }
}
