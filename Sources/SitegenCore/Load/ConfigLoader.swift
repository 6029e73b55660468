/// Reads `content/site.yaml`.
public enum ConfigLoader {
    static let keys = ["title", "description", "language", "base_url", "unsafe_html", "links", "feed_limit", "list_limit", "search"]

    static func load(_ file: TextFile?, path: String) -> (SiteConfig, [Diagnostic]) {
        let fallback = SiteConfig(title: "Untitled site")
        guard let file else {
            return (fallback, [.error(SourceLocation(path: path), "the site has no `\(path)`: create it with at least `title: ...`")])
        }
        let node: YAMLNode?
        switch YAMLNode.parse(file.text, path: path) {
        case .failure(let diagnostic): return (fallback, [diagnostic])
        case .success(let parsed): node = parsed
        }
        guard let node else {
            return (fallback, [.error(SourceLocation(path: path), "`\(path)` is empty: it needs at least `title: ...`")])
        }
        var reader = MappingReader(node, what: "site settings")
        var config = fallback
        config.title = reader.string("title", required: true) ?? fallback.title
        config.description = reader.string("description") ?? ""
        config.language = reader.string("language") ?? "en"
        config.languageLocation = reader.location(of: "language")
        if let base = reader.string("base_url") {
            if let normalized = normalizeBaseURL(base) {
                config.baseURL = normalized
            } else {
                reader.report(.error(reader.location(of: "base_url"), "`base_url` must be an absolute http(s) address such as `https://example.org/explainer/`"))
            }
        }
        config.unsafeHTML = reader.bool("unsafe_html") ?? false
        config.search = reader.bool("search") ?? false
        config.searchLocation = reader.location(of: "search")
        if let links = reader.string("links") {
            if let style = LinkStyle(rawValue: links) {
                config.links = style
            } else {
                let names = LinkStyle.allCases.map(\.rawValue)
                reader.report(.error(reader.location(of: "links"),
                                     "`links` must be `folders` (links like `actors/ID/`, for a web server) or `files` (links like `actors/ID/index.html`, which also work from a disk), not `\(links)`",
                                     suggestion: Suggestions.closest(to: links, in: names)))
            }
        }
        config.feedLimit = reader.positiveInt("feed_limit") ?? config.feedLimit
        config.listLimit = reader.positiveInt("list_limit", minimum: 10) ?? config.listLimit
        reader.warnAboutUnknownKeys(keys)
        return (config, reader.diagnostics)
    }

    /// `https://example.org/mali` → `https://example.org/explainer/`; nil when not an absolute http(s) URL.
    public static func normalizeBaseURL(_ text: String) -> String? {
        let trimmed = text.trimmingSpaces()
        guard trimmed.hasPrefix("http://") || trimmed.hasPrefix("https://"),
              !trimmed.contains(" "), !trimmed.contains("\""), !trimmed.contains("<"),
              trimmed.split(separator: "/").count >= 2 else { return nil }
        return trimmed.hasSuffix("/") ? trimmed : trimmed + "/"
    }
}
