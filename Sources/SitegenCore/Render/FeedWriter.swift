/// The files that need the site's absolute address: `feed.xml` (Atom), `sitemap.xml` (and its parts) and
/// `robots.txt`'s sitemap line. Without `base_url`, only `robots.txt` is written.
struct FeedWriter {
    let site: Site
    /// The IDs of the pages of each kind of ``PageKind/all``, when the caller has them already
    /// (a cold build's renderer lists them once for its jobs); listed here when nil.
    var pageIDs: [[String]]? = nil

    /// `robots.txt`, `feed.xml` and the sitemap's files, in that order.
    func files() -> [OutputFile] {
        var made: [OutputFile] = []
        files { made.append($0) }
        return made
    }

    /// The same files, each handed to `deliver` as soon as it is made, in the same order: a large
    /// site's sitemap parts (50,000 URLs each) are then never all held at once.
    func files(_ deliver: (OutputFile) -> Void) {
        deliver(robots())
        if let feed = feedFile() { deliver(feed) }
        if let base = site.config.baseURL { Sitemap(site: site, base: base, pageIDs: pageIDs).files(deliver) }
    }

    /// `robots.txt`: every page may be crawled, and where the sitemap is, when the site's address is known.
    /// It reads only the settings (``BuildSession`` makes it again when they change).
    func robots() -> OutputFile {
        guard let base = site.config.baseURL else { return OutputFile(path: "robots.txt", text: "User-agent: *\nAllow: /\n") }
        return OutputFile(path: "robots.txt", text: "User-agent: *\nAllow: /\n\nSitemap: \(base)sitemap.xml\n")
    }

    /// `feed.xml`, when the site's address is known.
    func feedFile() -> OutputFile? {
        site.config.baseURL.map { OutputFile(path: "feed.xml", text: feed(base: $0)) }
    }

    private func xml(_ text: String) -> String {
        HTMLEscaping.escape(text)
    }

    /// One entry of the feed: an article or a note.
    struct Entry {
        var ref: Ref
        var title: String
        var published: Timestamp
        var updated: Timestamp
        var author: String
        var summary: String
    }

    /// The entries the feed carries: the latest `feed_limit` articles and dated notes, newest
    /// first (by publication date, then kind and ID). A note without a `date` has no place in
    /// the order and is left out.
    func entries() -> [Entry] {
        // The latest by date and reference first (without sorting the others: `sitegen serve`
        // makes the feed again on every edit of an article or note); titles, authors and
        // summaries only for the entries kept.
        let articles = site.articles.values.lazy.map { (ref: Ref(.article, $0.id), published: $0.published) }
        let notes = site.notes.values.lazy.compactMap { note in Self.timestamp(of: note).map { (ref: Ref(.note, note.id), published: $0) } }
        let limit = site.config.feedLimit
        let latest = (articles.first(limit, sortedBy: Self.isNewer) + notes.first(limit, sortedBy: Self.isNewer))
            .first(limit, sortedBy: Self.isNewer)
        return latest.map { entry in
            if entry.ref.kind == .note, let note = site.notes[entry.ref.id] {
                return Entry(ref: entry.ref, title: note.title, published: entry.published, updated: entry.published,
                             author: note.author ?? site.config.title, summary: note.summary ?? note.body.plainSummary)
            }
            let article = site.articles[entry.ref.id]!
            return Entry(ref: entry.ref, title: article.title, published: article.published,
                         updated: article.updated ?? article.published, author: article.author ?? article.outlet,
                         summary: article.body.plainSummary)
        }
    }

    /// Whether `first` goes before `second` in the feed: newer, or as new and before it by reference.
    private static func isNewer(_ first: (ref: Ref, published: Timestamp), _ second: (ref: Ref, published: Timestamp)) -> Bool {
        if first.published != second.published { return first.published > second.published }
        return first.ref < second.ref
    }

    /// A note's date as the feed's time of publication; nil for a note without a `date`.
    private static func timestamp(of note: Note) -> Timestamp? {
        guard let date = note.date else { return nil }
        return Timestamp(parsing: "\(String(format4: date.year))-\(String(format2: date.month ?? 1))-\(String(format2: date.day ?? 1))")
    }

    /// Atom: the latest articles and notes, newest first; `<updated>` is the newest entry's
    /// date, never the build time.
    func feed(base: String) -> String {
        let entries = entries()
        let newest = entries.map(\.updated).max()
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
        for entry in entries {
            let url = base + entry.ref.outputFolder
            lines += [
                "  <entry>",
                "    <id>\(xml(url))</id>",
                "    <title>\(xml(entry.title))</title>",
                "    <link rel=\"alternate\" type=\"text/html\" href=\"\(xml(url))\"/>",
                "    <published>\(entry.published.rfc3339)</published>",
                "    <updated>\(entry.updated.rfc3339)</updated>",
                "    <author><name>\(xml(entry.author))</name></author>",
            ]
            if !entry.summary.isEmpty { lines.append("    <summary>\(xml(entry.summary))</summary>") }
            lines.append("  </entry>")
        }
        lines.append("</feed>")
        return lines.joined(separator: "\n") + "\n"
    }
}
