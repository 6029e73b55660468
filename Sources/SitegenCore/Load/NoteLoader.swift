/// Reads one `content/notes/ID.md`.
enum NoteLoader {
    static let keys = ["title", "summary", "order", "about", "draft", "date", "author"] + EntryReaders.imageKeys

    static func load(_ file: TextFile, id: String) -> (Note?, [Diagnostic]) {
        let document: FrontMatterDocument
        let node: YAMLNode
        switch FrontMatterDocument.read(file, missing: "a note starts with front matter between `---` lines (at least `title`)") {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let read): (document, node) = read
        }
        var reader = MappingReader(node, what: "note")
        let title = reader.string("title", required: true)
        let summary = reader.string("summary")
        var order: Int?
        if let orderText = reader.string("order") {
            order = Int(orderText)
            if order == nil { reader.report(.error(reader.location(of: "order"), "`order` must be a whole number")) }
        }
        var about: [NoteSubject] = []
        for (text, location) in reader.strings("about") {
            if let ref = Ref(parsing: text) {
                about.append(NoteSubject(ref: ref, location: location))
            } else {
                // A misspelled kind (`actr:minusma`) gets the closest kind as a suggestion.
                let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
                let suggestion = parts.count == 2
                    ? Suggestions.closest(to: parts[0], in: EntityKind.allCases.map(\.rawValue)).map { "\($0):\(parts[1])" }
                    : nil
                reader.report(.error(location, "`about` entries are references such as `actor:ID` or `event:ID`, not `\(text)`",
                                     suggestion: suggestion))
            }
        }
        let draft = reader.bool("draft") ?? false
        let date = EntryReaders.date("date", from: &reader)
        let author = reader.string("author")
        let image = EntryReaders.image(from: &reader)
        reader.warnAboutUnknownKeys(keys)
        guard let title else { return (nil, reader.diagnostics) }
        let body = MarkdownText(source: document.body, path: file.path, lineOffset: document.bodyLineOffset)
        var note = Note(id: id, title: title, summary: summary, order: order, about: about, draft: draft,
                        body: body, location: node.location, date: date, author: author)
        note.image = image
        return (note, reader.diagnostics)
    }
}
