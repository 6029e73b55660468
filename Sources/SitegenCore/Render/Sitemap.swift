import Foundation

/// `sitemap.xml`: every page but 404, once each, with absolute URLs sorted by address (an
/// article's with its date as `<lastmod>`); past ``limit`` URLs, a sitemap index `sitemap.xml`
/// naming `sitemap-1.xml`, `sitemap-2.xml`, … of at most ``limit`` URLs each (the tests make
/// sitemaps with a smaller limit to split them).
///
/// It is kept as its lines in order, so that `sitegen serve` patches it (``BuildSession``): a page
/// added or removed is one line put in or taken out where it sorts, an article's new date one
/// line replaced, and the files are the lines joined again, without sorting 62,000 addresses.
struct Sitemap: Sendable {
    /// The most URLs one sitemap file may hold (the sitemaps.org protocol).
    static let protocolLimit = 50_000

    /// One URL: the page's folder (what the lines are sorted by) and its line of the file.
    struct Entry: Sendable, Equatable {
        var folder: String
        var line: String
    }

    /// The site's address, ending in `/`.
    let base: String
    /// The most URLs of one file: past it, the sitemap is split.
    let limit: Int
    /// Every URL, sorted by folder (folders are unique: two pages never share a path).
    private(set) var entries: [Entry]

    /// The sitemap of `site`, whose address is `base`; `pageIDs` are the IDs of the pages of each
    /// kind of ``PageKind/all``, when the caller has them (else they are listed here).
    init(site: Site, base: String, pageIDs: [[String]]? = nil, limit: Int = Sitemap.protocolLimit) {
        (self.base, self.limit) = (base, limit)
        var entries: [Entry] = []
        for (index, kind) in PageKind.all.enumerated() where kind.inSitemap {
            for id in pageIDs?[index] ?? kind.pageIDs(in: site) {
                entries.append(Self.entry(kind: kind, id: id, site: site, base: base))
            }
        }
        entries.sort { $0.folder < $1.folder }
        self.entries = entries
    }

    /// The entry of the page `id` of `kind` (a kind ``PageKind/inSitemap``).
    static func entry(kind: PageKind, id: String, site: Site, base: String) -> Entry {
        let folder = kind.folder(of: id)
        var line = "  <url><loc>" + HTMLEscaping.escape(base + folder) + "</loc>"
        if kind.output == .entity(.article), let article = site.articles[id] {
            line += "<lastmod>" + (article.updated ?? article.published).date.description + "</lastmod>"
        }
        return Entry(folder: folder, line: line + "</url>\n")
    }

    /// The number of URLs.
    var count: Int { entries.count }

    /// Puts `entry` where its folder sorts, replacing the entry of the same folder; whether the sitemap changed.
    @discardableResult
    mutating func insert(_ entry: Entry) -> Bool {
        let index = position(of: entry.folder)
        if index < entries.count && entries[index].folder == entry.folder {
            guard entries[index] != entry else { return false }
            entries[index] = entry
        } else {
            entries.insert(entry, at: index)
        }
        return true
    }

    /// Takes out the entry of `folder`; whether there was one.
    @discardableResult
    mutating func remove(folder: String) -> Bool {
        let index = position(of: folder)
        guard index < entries.count && entries[index].folder == folder else { return false }
        entries.remove(at: index)
        return true
    }

    /// The index of the first entry whose folder does not sort before `folder`.
    private func position(of folder: String) -> Int {
        var (low, high) = (0, entries.count)
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].folder < folder { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The paths of the sitemap's files for `count` URLs: `sitemap.xml`, then its parts past `limit`.
    static func paths(count: Int, limit: Int = protocolLimit) -> [String] {
        guard count > limit else { return ["sitemap.xml"] }
        return ["sitemap.xml"] + (1...((count + limit - 1) / limit)).map { "sitemap-\($0).xml" }
    }

    /// The paths of the sitemap's files.
    var paths: [String] { Self.paths(count: entries.count, limit: limit) }

    /// The sitemap's files, each handed to `deliver` as soon as it is made, in the order of
    /// ``paths``: a large site's parts are then never all held at once.
    func files(_ deliver: (OutputFile) -> Void) {
        guard entries.count > limit else { return deliver(OutputFile(path: "sitemap.xml", contents: urlset(entries[...]))) }
        let parts = stride(from: 0, to: entries.count, by: limit).map { entries[$0..<min($0 + limit, entries.count)] }
        var index = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                     "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"]
        for number in parts.indices {
            index.append("  <sitemap><loc>\(HTMLEscaping.escape(base + "sitemap-\(number + 1).xml"))</loc></sitemap>")
        }
        index.append("</sitemapindex>")
        deliver(OutputFile(path: "sitemap.xml", text: index.joined(separator: "\n") + "\n"))
        for (number, part) in parts.enumerated() {
            deliver(OutputFile(path: "sitemap-\(number + 1).xml", contents: urlset(part)))
        }
    }

    /// One `<urlset>` file of `slice`'s lines.
    private func urlset(_ slice: ArraySlice<Entry>) -> Data {
        let head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        let tail = "</urlset>\n"
        var bytes: [UInt8] = []
        bytes.reserveCapacity(head.utf8.count + tail.utf8.count + slice.reduce(0) { $0 + $1.line.utf8.count })
        bytes += head.utf8
        for entry in slice { bytes += entry.line.utf8 }
        bytes += tail.utf8
        return Data(bytes)
    }
}
