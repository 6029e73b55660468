/// Reads one `content/articles/ID.md`.
enum ArticleLoader {
    static let keys = ["title", "outlet", "published", "updated", "author", "url", "source", "same_as", "language", "draft"] + EntryReaders.imageKeys

    static func load(_ file: TextFile, id: String) -> (Article?, [Diagnostic]) {
        let document: FrontMatterDocument
        let node: YAMLNode
        switch FrontMatterDocument.read(file, missing: "an article starts with front matter between `---` lines (title, outlet, published)") {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let read): (document, node) = read
        }
        var diagnostics: [Diagnostic] = []
        var reader = MappingReader(node, what: "article")
        let title = reader.string("title", required: true)
        let outlet = reader.string("outlet", required: true)
        let published = EntryReaders.timestamp("published", from: &reader, required: true)
        let updated = EntryReaders.timestamp("updated", from: &reader)
        if let published, let updated, updated < published {
            reader.report(.warning(reader.location(of: "updated"), "`updated` is before `published`"))
        }
        let author = reader.string("author")
        let url = reader.string("url")
        if let url, !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
            reader.report(.error(reader.location(of: "url"), "`url` must be an absolute http(s) address"))
        }
        let source = reader.string("source")
        let sameAs = reader.strings("same_as")
        let language = reader.string("language")
        let draft = reader.bool("draft") ?? false
        let image = EntryReaders.image(from: &reader)
        reader.warnAboutUnknownKeys(keys)
        diagnostics += reader.diagnostics
        guard let title, let outlet, let published else { return (nil, diagnostics) }
        var sourceLocations: [String: SourceLocation] = [:]
        if let source { sourceLocations[source] = reader.location(of: "source") }
        for (name, location) in sameAs where sourceLocations[name] == nil { sourceLocations[name] = location }
        let body = MarkdownText(source: document.body, path: file.path, lineOffset: document.bodyLineOffset)
        var article = Article(id: id, title: title, outlet: outlet, published: published, updated: updated,
                              author: author, url: url, source: source, sameAs: sameAs.map(\.0), language: language,
                              draft: draft, body: body, location: node.location, sourceLocations: sourceLocations)
        article.image = image
        return (article, diagnostics)
    }
}
