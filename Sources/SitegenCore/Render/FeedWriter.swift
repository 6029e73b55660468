/// The files that need the site's absolute address: `feed.xml` (Atom), `sitemap.xml` and
/// `robots.txt`'s sitemap line. Without `base_url`, only `robots.txt` is written.
struct FeedWriter {
    let site: Site

    func files() -> [OutputFile] {
        guard let base = site.config.baseURL else {
            return [OutputFile(path: "robots.txt", text: "User-agent: *\nAllow: /\n")]
        }
        return [
            OutputFile(path: "robots.txt", text: "User-agent: *\nAllow: /\n\nSitemap: \(base)sitemap.xml\n"),
            OutputFile(path: "feed.xml", text: feed(base: base)),
            OutputFile(path: "sitemap.xml", text: sitemap(base: base)),
        ]
    }

    private func xml(_ text: String) -> String {
        HTMLEscaping.escape(text)
    }

    /// Atom: the articles, newest first; `<updated>` is the newest article's date, never the build time.
    func feed(base: String) -> String {
        let articles = site.articleOrder.compactMap { site.articles[$0] }
        let newest = articles.map { $0.updated ?? $0.published }.max()
        var lines = [
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(xml(site.config.language))\">",
            "  <title>\(xml(site.config.title))</title>",
        ]
        if !site.config.description.isEmpty { lines.append("  <subtitle>\(xml(site.config.description))</subtitle>") }
        lines += [
            "  <id>\(xml(base))</id>",
            "  <link rel=\"alternate\" type=\"text/html\" href=\"\(xml(base))\"/>",
            "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(xml(base))feed.xml\"/>",
            "  <updated>\(newest?.rfc3339 ?? "1970-01-01T00:00:00Z")</updated>",
            "  <author><name>\(xml(site.config.title))</name></author>",
            "  <generator>sitegen</generator>",
        ]
        for article in articles {
            let url = base + Ref(.article, article.id).outputFolder
            let summary = article.body.plainSummary
            lines += [
                "  <entry>",
                "    <id>\(xml(url))</id>",
                "    <title>\(xml(article.title))</title>",
                "    <link rel=\"alternate\" type=\"text/html\" href=\"\(xml(url))\"/>",
                "    <published>\(article.published.rfc3339)</published>",
                "    <updated>\((article.updated ?? article.published).rfc3339)</updated>",
                "    <author><name>\(xml(article.author ?? article.outlet))</name></author>",
            ]
            if !summary.isEmpty { lines.append("    <summary>\(xml(summary))</summary>") }
            lines.append("  </entry>")
        }
        lines.append("</feed>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every page but 404, once each, with absolute URLs.
    func sitemap(base: String) -> String {
        var entries: [(folder: String, lastmod: String?)] = []
        for kind in PageKind.all where kind.inSitemap {
            let isArticle = kind.output == .entity(.article)
            entries += kind.pageIDs(in: site).map { id in
                (kind.folder(of: id), isArticle ? site.articles[id].map { ($0.updated ?? $0.published).date.description } : nil)
            }
        }
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                     "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"]
        for entry in entries.sorted(by: { $0.folder < $1.folder }) {
            var line = "  <url><loc>\(xml(base + entry.folder))</loc>"
            if let lastmod = entry.lastmod { line += "<lastmod>\(lastmod)</lastmod>" }
            lines.append(line + "</url>")
        }
        lines.append("</urlset>")
        return lines.joined(separator: "\n") + "\n"
    }
}
