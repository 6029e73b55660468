/// Reads one `content/pages/ID.md`: a standalone page such as About or Methodology.
enum PageLoader {
    static let keys = ["title", "summary", "menu", "draft"]

    /// Output folders of the site's own sections, which a page's ID may not take.
    static let reservedIDs: Set<String> = ["timeline", "actors", "articles", "events", "notes", "assets"]

    static func load(_ file: TextFile, id: String) -> (StandalonePage?, [Diagnostic]) {
        let document: FrontMatterDocument
        let node: YAMLNode
        switch FrontMatterDocument.read(file, missing: "a page starts with front matter between `---` lines (at least `title`)") {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let read): (document, node) = read
        }
        var reader = MappingReader(node, what: "page")
        let title = reader.string("title", required: true)
        let summary = reader.string("summary")
        var menu: Int?
        if let menuText = reader.string("menu") {
            menu = Int(menuText)
            if menu == nil { reader.report(.error(reader.location(of: "menu"), "`menu` must be a whole number: the page's position in the site menu")) }
        }
        let draft = reader.bool("draft") ?? false
        reader.warnAboutUnknownKeys(keys)
        if reservedIDs.contains(id) {
            reader.report(.error(SourceLocation(path: file.path),
                                 "a page cannot be called `\(id)`: `\(id)/` is a section of the site itself; rename the file"))
            return (nil, reader.diagnostics)
        }
        guard let title else { return (nil, reader.diagnostics) }
        let body = MarkdownText(source: document.body, path: file.path, lineOffset: document.bodyLineOffset)
        return (StandalonePage(id: id, title: title, summary: summary, menu: menu, draft: draft, body: body, location: node.location),
                reader.diagnostics)
    }
}
