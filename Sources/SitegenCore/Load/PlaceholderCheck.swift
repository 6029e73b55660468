/// Finds the text that `sitegen new` writes for the editor to replace ("Outlet name", "Write the
/// profile here."), so that a page is not published with it unnoticed: a warning at each line
/// that still holds one.
///
/// Drafts are checked only when they are built (`--drafts`): a new article or note starts as a
/// draft, and its placeholders matter once it is published.
public enum PlaceholderCheck {
    /// Each placeholder `sitegen new` writes, with what it stands for.
    public static let placeholders: [(text: String, stands: String)] = [
        ("Outlet name", "the publication's name"),
        ("Summarise the article here in your own words", "the article's summary"),
        ("Write the profile here.", "the actor's profile"),
        ("Write the note here in Markdown.", "the note's text"),
        ("Write the page here in Markdown.", "the page's text"),
    ]

    /// A warning for each placeholder left in a page of `raw` that the build publishes.
    ///
    /// - Parameters:
    ///   - raw: the loaded site.
    ///   - includeDrafts: whether drafts are built.
    ///   - fileSystem: where the files are read again to find the placeholders' lines (only the
    ///     files that hold one).
    public static func check(_ raw: RawSite, includeDrafts: Bool, fileSystem: FileSystem) -> [Diagnostic] {
        var suspects: [String] = []
        func holdsPlaceholder(_ texts: [String?]) -> Bool {
            texts.contains { text in
                guard let text else { return false }
                return placeholders.contains { text.containsBytes($0.text) }
            }
        }
        // Read in place (by index): a for-in over the lists copied every article and actor.
        for index in raw.articles.indices where (includeDrafts || !raw.articles[index].draft)
            && (raw.articles[index].body.holdsPlaceholder || holdsPlaceholder([raw.articles[index].outlet, raw.articles[index].title])) {
            suspects.append(raw.articles[index].location.path)
        }
        for index in raw.actors.indices
        where raw.actors[index].body.holdsPlaceholder || holdsPlaceholder([raw.actors[index].name, raw.actors[index].role]) {
            suspects.append(raw.actors[index].location.path)
        }
        for index in raw.notes.indices where (includeDrafts || !raw.notes[index].draft)
            && (raw.notes[index].body.holdsPlaceholder || holdsPlaceholder([raw.notes[index].title, raw.notes[index].summary])) {
            suspects.append(raw.notes[index].location.path)
        }
        for page in raw.pages where (includeDrafts || !page.draft) && (page.body.holdsPlaceholder || holdsPlaceholder([page.title, page.summary])) {
            suspects.append(page.location.path)
        }
        var diagnostics: [Diagnostic] = []
        for path in Set(suspects).sorted() {
            guard let data = fileSystem.readFile(path) else { continue }
            diagnostics += find(in: String(decoding: data, as: UTF8.self), path: path)
        }
        return diagnostics
    }

    /// Notes in a parsed Markdown text whether its source holds a placeholder
    /// (``MarkdownText/holdsPlaceholder``), and takes the paragraphs that start on a line holding
    /// one out of its uncited paragraphs: the placeholder's warning says what to do there. Done
    /// by the loader while the source is still at hand.
    static func mark(_ text: inout MarkdownText) {
        // Most texts hold no placeholder at all: one byte search each, and no line is looked at.
        let found = placeholders.filter { text.source.containsBytes($0.text) }
        text.holdsPlaceholder = !found.isEmpty
        guard !found.isEmpty, !text.uncitedParagraphs.isEmpty else { return }
        let lines = text.source.split(separator: "\n", omittingEmptySubsequences: false)
        let lineOffset = text.lineOffset
        text.uncitedParagraphs.removeAll { location in
            let index = location.line - lineOffset - 1
            guard lines.indices.contains(index) else { return false }
            let line = String(lines[index])
            return found.contains { line.containsBytes($0.text) }
        }
    }

    /// A warning at each placeholder in `text`, skipping YAML comment lines.
    static func find(in text: String, path: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.drop(while: { $0 == " " }).hasPrefix("#") { continue }
            for placeholder in placeholders {
                guard let range = line.range(of: placeholder.text) else { continue }
                let column = line.unicodeScalars[..<range.lowerBound].count + 1
                diagnostics.append(.warning(SourceLocation(path: path, line: index + 1, column: column),
                    "`\(placeholder.text)` is a placeholder written by `sitegen new`: replace it with \(placeholder.stands) before publishing"))
            }
        }
        return diagnostics
    }
}
