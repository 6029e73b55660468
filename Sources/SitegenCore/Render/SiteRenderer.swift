import Foundation

/// Renders a resolved site into output files: every page, the feed, the sitemap, robots.txt and assets.
///
/// Pure: it reads the site and the theme and returns values. Pages render in parallel and
/// come back sorted by path, so the result is the same on every run.
public struct SiteRenderer: Sendable {
    public var site: Site
    public var theme: Theme
    /// Whether pages render on all cores (the output is the same either way).
    public var parallel: Bool

    /// Creates a renderer.
    public init(site: Site, theme: Theme, parallel: Bool = true) {
        self.site = site
        self.theme = theme
        self.parallel = parallel
    }

    /// One piece of work for a render thread, as small as can be: there is one per page
    /// (628,000 at 100,000 articles; a job holding its kind and ID took 136 bytes each).
    enum Job: Sendable {
        /// The page of the kind at `kind` in ``PageKind/all`` whose ID is at `index` in that
        /// kind's page IDs (IDs are empty for kinds with one page).
        case page(kind: Int32, index: Int32)
        /// `feed.xml`, `sitemap.xml` and `robots.txt`, made while pages render.
        case feeds
    }

    /// What one job delivered: a page's file, or the few files of `.feeds` (a page's is not
    /// a list of one, which would be an allocation for each of hundreds of thousands of pages).
    enum JobResult<Delivered: Sendable>: Sendable {
        case one(Delivered)
        case several([Delivered])
    }

    /// Renders everything and hands each file to `deliver` as soon as it is made (on the
    /// rendering thread), so a build can write pages while others render and never holds the
    /// whole site in memory. Returns what `deliver` returned, pages in job order, then the rest.
    public func render<Delivered: Sendable>(delivering deliver: @escaping @Sendable (OutputFile) -> Delivered) -> [Delivered] {
        let assetFiles = fingerprintedAssets()
        let assetURLs = Self.assetURLs(assetFiles)
        // The timeline's paging and every kind's page IDs are made once, for the jobs, the page
        // builders and the sitemap.
        let paging = TimelinePaging(site: site, limit: site.config.listLimit)
        let pageIDs = PageKind.all.map { $0.pageIDs(in: site, timelinePaging: paging) }
        // The largest pages first (the kinds with one page, which list many things, then actors with
        // the most events), so that no long page starts last and leaves the other cores idle.
        let jobIDs = zip(PageKind.all, pageIDs).map { kind, ids in
            guard case .entity(.actor) = kind.output else { return ids }
            return ids.map { ($0, site.eventsByActor[$0]?.count ?? 0) }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.map(\.0)
        }
        var jobs: [Job] = [.feeds]
        jobs.reserveCapacity(1 + jobIDs.reduce(0) { $0 + $1.count })
        for (kind, ids) in jobIDs.enumerated() {
            jobs += ids.indices.lazy.map { .page(kind: Int32(kind), index: Int32($0)) }
        }
        let renderer = self
        let delivered = jobs.parallelMap(parallel: parallel, makingContext: {
            var theme = renderer.theme
            theme.library = theme.library.copy()
            return PageBuilder(site: renderer.site, theme: theme, assetPaths: assetURLs, timelinePaging: paging)
        }) { builder, job -> JobResult<Delivered> in
            switch job {
            case .feeds:
                var made: [Delivered] = []
                FeedWriter(site: builder.site, pageIDs: pageIDs).files { made.append(deliver($0)) }
                return .several(made)
            case .page(let kind, let index): return .one(deliver(builder.render(PageKind.all[Int(kind)], jobIDs[Int(kind)][Int(index)])))
            }
        }
        var files: [Delivered] = []
        files.reserveCapacity(delivered.count + 4 + assetFiles.count)
        for result in delivered {
            switch result {
            case .one(let file): files.append(file)
            case .several(let some): files += some
            }
        }
        files += assetFiles.map { deliver($0.file) }
        return files
    }

    /// The asset keys templates use, with the paths they name: templates name assets by their
    /// path with `.` and `/` as `_`: `{{page.assets.style_css}}`.
    static func assetURLs(_ assetFiles: [(name: String, file: OutputFile)]) -> [String: String] {
        Dictionary(assetFiles.map { (String($0.name.map { $0 == "." || $0 == "/" ? "_" : $0 }), $0.file.path) },
                   uniquingKeysWith: { first, _ in first })
    }

    /// Assets with a content hash in their names: `style.css` → `assets/style.3f2a9c1b.css`.
    /// Stylesheets are fingerprinted last, after their `url(...)` references to other assets
    /// are rewritten to the fingerprinted names.
    func fingerprintedAssets() -> [(name: String, file: OutputFile)] {
        func fingerprinted(_ name: String, _ data: Data) -> OutputFile {
            let hash = Fingerprint.hex(of: data)
            let fileName: String
            if let dot = name.lastIndex(of: "."), !name[..<dot].hasSuffix("/") {
                fileName = "\(name[..<dot]).\(hash)\(name[dot...])"
            } else {
                fileName = "\(name).\(hash)"
            }
            return OutputFile(path: "assets/" + fileName, contents: data)
        }
        let names = theme.assets.keys.sorted()
        var paths: [String: String] = [:]
        var result: [(name: String, file: OutputFile)] = []
        for name in names where !name.hasSuffix(".css") {
            let file = fingerprinted(name, theme.assets[name]!)
            paths[name] = file.path
            result.append((name, file))
        }
        for name in names where name.hasSuffix(".css") {
            let text = String(decoding: theme.assets[name]!, as: UTF8.self)
            let rewritten = CSSReferences.rewrite(text, stylesheet: name, assetPaths: paths)
            result.append((name, fingerprinted(name, Data(rewritten.utf8))))
        }
        return result.sorted { $0.name < $1.name }
    }
}

/// A content hash for file names: FNV-1a, 64 bits, first 10 hex digits.
enum Fingerprint {
    static func hex(of data: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let text = String(hash, radix: 16)
        return String((String(repeating: "0", count: 16 - text.count) + text).prefix(10))
    }
}
