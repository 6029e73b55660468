import Foundation

/// Reads a site's `content/` folder into typed values, collecting every problem.
///
/// Loading only reads: it knows nothing of other files, so references are checked later by ``Resolver``.
public struct SiteLoader: Sendable {
    /// Where files come from.
    public var fileSystem: FileSystem

    /// Whether files are read and parsed on all cores.
    public var parallel: Bool

    /// The files of `static/`, against which images are checked.
    public var staticFiles: [StaticFile]

    /// Creates a loader reading from `fileSystem`; `staticFiles` are listed there when not given.
    public init(fileSystem: FileSystem, parallel: Bool = true, staticFiles: [StaticFile]? = nil) {
        self.fileSystem = fileSystem
        self.parallel = parallel
        self.staticFiles = staticFiles ?? StaticLoader.load(fileSystem: fileSystem)
    }

    /// What a file of `content/` is, by its path.
    enum Place: Sendable, Hashable {
        case article(String), actor(String), note(String), page(String), events, source(String), introduction, config, strings
    }

    /// Reads everything under `content/`.
    public func load() -> (RawSite, [Diagnostic]) {
        var none: Assembly?
        let (site, diagnostics, _) = load(reusing: nil, assembly: &none)
        return (site, diagnostics)
    }

    /// Reads everything under `content/`, taking a file's contribution from `reuse` when it gives
    /// one (the incremental build session hands back what an unchanged file gave last time). With
    /// `reuse` (the session), `assembly` is set to the site with what each file gave; without it
    /// (a cold build) only the site is kept, so that a large site is not held twice. `plan` is the
    /// list of files to read when the caller knows it (the last one, with the files added and
    /// removed since: ``plan(_:adding:removing:)``), else the folder is listed (``plan()``). `assembly` may hold the last load (of this plan or another):
    /// only what the changed, added and removed files gave is then replaced in it.
    func load(reusing reuse: (@Sendable (String) -> LoadedFile?)?, plan known: Plan? = nil, assembly: inout Assembly?)
        -> (site: RawSite, diagnostics: [Diagnostic], plan: Plan) {
        let plan = known ?? self.plan()
        // Settings first: whether raw HTML is allowed changes how every Markdown text is rendered.
        let fileSystem = self.fileSystem
        let unsafeHTML: Bool = {
            guard let data = fileSystem.readFile("content/site.yaml"),
                  case .success(let file) = TextFile.decode(data, path: "content/site.yaml") else { return false }
            return ConfigLoader.load(file, path: file.path).0.unsafeHTML
        }()
        let images = ImageChecker(fileSystem: fileSystem, staticFiles: staticFiles)
        let results = plan.work.parallelMap(parallel: parallel) { item -> LoadedFile in
            if let reused = reuse?(item.path) { return reused }
            return Self.loadFile(item.path, as: item.place, fileSystem: fileSystem, unsafeHTML: unsafeHTML, images: images)
        }
        guard reuse != nil else {
            assembly = nil
            let (site, assembled) = assemble(consume results, diagnostics: plan.diagnostics)
            return (site, assembled, plan)
        }
        if assembly != nil, Self.patch(&assembly!, plan: plan, with: results) {
            return (assembly!.site, assembly!.diagnostics, plan)
        }
        let (site, assembled) = assemble(results, diagnostics: plan.diagnostics)
        assembly = Assembly(site: site, diagnostics: assembled, files: results, plan: plan)
        return (site, assembled, plan)
    }

    /// The files of `content/` to read, each with what it is (event files first: they hold
    /// hundreds of events each, so none is left for last on a core), and a warning for each file
    /// that is not read.
    struct Plan: Sendable {
        var work: [(path: String, place: Place)]
        var diagnostics: [Diagnostic]
        /// The position of each path in `work`.
        var positions: [String: Int]

        init(work: [(path: String, place: Place)], diagnostics: [Diagnostic]) {
            self.work = work
            self.diagnostics = diagnostics
            positions = Dictionary(uniqueKeysWithValues: work.enumerated().map { ($1.path, $0) })
        }
    }

    /// The files of `content/` that are read, each with what it is, and a warning for each file that is not.
    func plan() -> Plan {
        var diagnostics: [Diagnostic] = []
        var work: [(path: String, place: Place)] = []
        if !fileSystem.directoryExists("content") {
            diagnostics.append(.error(SourceLocation(path: "content"), "there is no `content/` folder here: run sitegen in a site's root, pass `--root`, or start a new site with `sitegen init`"))
        }
        for path in fileSystem.listFiles("content") {
            switch Self.place(of: path) {
            case .read(let place): work.append((path, place))
            case .ignored(let why): diagnostics.append(.warning(SourceLocation(path: path), "ignored: \(why)"))
            case .hidden: continue
            }
        }
        let events = work.filter { if case .events = $0.place { return true } else { return false } }
        return Plan(work: events + work.filter { if case .events = $0.place { return false } else { return true } }, diagnostics: diagnostics)
    }

    /// What becomes of a file of `content/` (a path below it, as listed).
    enum Listed {
        case read(Place)
        /// Not read, with a warning saying why.
        case ignored(String)
        /// Not read, without a word: editor and system files (`.DS_Store`, `.note.md.swp`).
        case hidden
    }

    /// What becomes of the file at `path`, below `content/`.
    static func place(of path: String) -> Listed {
        let parts = path.split(separator: "/").map(String.init)
        let name = parts.last ?? ""
        if name.hasPrefix(".") { return .hidden }
        let ext = name.contains(".") ? String(name[name.index(after: name.lastIndex(of: ".")!)...]).lowercased() : ""
        switch (parts.count, parts.count > 1 ? parts[1] : "", ext) {
        case (2, "site.yaml", _): return .read(.config)
        case (2, "strings.yaml", _): return .read(.strings)
        case (2, "index.md", _): return .read(.introduction)
        case (3, "articles", "md"): return .read(.article(String(name.dropLast(3))))
        case (3, "actors", "md"): return .read(.actor(String(name.dropLast(3))))
        case (3, "notes", "md"): return .read(.note(String(name.dropLast(3))))
        case (3, "pages", "md"): return .read(.page(String(name.dropLast(3))))
        case (3, "events", "yaml"), (3, "events", "yml"): return .read(.events)
        case (3, "sources", "txt"), (3, "sources", "html"), (3, "sources", "htm"): return .read(.source(name))
        default: return .ignored(Self.whyIgnored(parts: parts, ext: ext))
        }
    }

    /// The plan a listing of `content/` gives when, since `plan` was made, only the files at
    /// `added` (regular files, below `content/`) were added and those at `removed` (files of the
    /// plan) removed: each added file put where the listing would put it. Nil when an added file
    /// would be ignored with a warning (then the folder is listed again, for the plan's warnings).
    static func plan(_ plan: Plan, adding added: [String], removing removed: Set<String>) -> Plan? {
        var work = removed.isEmpty ? plan.work : plan.work.filter { !removed.contains($0.path) }
        for path in added {
            switch place(of: path) {
            case .hidden: continue
            case .ignored: return nil
            case .read(let place):
                // Event files first, then the others, each part sorted by path (as listed).
                let isEvents: ((path: String, place: Place)) -> Bool = { if case .events = $0.place { return true } else { return false } }
                let eventCount = work.prefix(while: isEvents).count
                let part = isEvents((path, place)) ? 0..<eventCount : eventCount..<work.count
                var (low, high) = (part.lowerBound, part.upperBound)
                while low < high {
                    let middle = (low + high) / 2
                    if work[middle].path < path { low = middle + 1 } else { high = middle }
                }
                guard low == part.upperBound || work[low].path != path else { continue }
                work.insert((path, place), at: low)
            }
        }
        return Plan(work: work, diagnostics: plan.diagnostics)
    }

    /// Reads and parses one file of `content/`.
    private static func loadFile(_ path: String, as place: Place, fileSystem: FileSystem, unsafeHTML: Bool, images: ImageChecker) -> LoadedFile {
        guard let data = fileSystem.readFile(path) else {
            return LoadedFile(diagnostics: [.error(SourceLocation(path: path), "cannot read this file")])
        }
        switch TextFile.decode(data, path: path) {
        case .failure(let diagnostic): return LoadedFile(brokenRefs: Self.idOf(place).map { [$0] } ?? [], diagnostics: [diagnostic])
        case .success(let file): return Self.load(file, as: place, unsafeHTML: unsafeHTML, images: images)
        }
    }

    /// The site the files' contributions make, in the order given, and every problem found.
    private func assemble(_ results: [LoadedFile], diagnostics found: [Diagnostic]) -> (RawSite, [Diagnostic]) {
        var diagnostics = found
        var site = RawSite(config: SiteConfig(title: "Untitled site"), introduction: nil, articles: [], actors: [],
                           events: [], notes: [], sources: [:])
        var configFound = false
        // The lists are made at their size at once: growing one copies it, at the build's peak.
        site.articles.reserveCapacity(results.count { $0.article != nil })
        site.actors.reserveCapacity(results.count { $0.actor != nil })
        site.notes.reserveCapacity(results.count { $0.note != nil })
        site.events.reserveCapacity(results.reduce(0) { $0 + $1.events.count })
        for result in results {
            diagnostics += result.diagnostics
            if let config = result.config { site.config = config; configFound = true }
            if let introduction = result.introduction { site.introduction = introduction }
            if let article = result.article { site.articles.append(article) }
            if let actor = result.actor { site.actors.append(actor) }
            if let note = result.note { site.notes.append(note) }
            if let page = result.page { site.pages.append(page) }
            site.events += result.events
            site.brokenRefs.formUnion(result.brokenRefs)
            if let source = result.source { site.sources[source.name] = source }
            if let strings = result.strings { site.strings = strings }
        }
        if !configFound, !diagnostics.contains(where: { $0.location.path == "content/site.yaml" }),
           fileSystem.directoryExists("content") {
            diagnostics += ConfigLoader.load(nil, path: "content/site.yaml").1
        }
        return (site, diagnostics)
    }

    /// What one file contributed (its ``Contents``), read through as `file.article`, `file.events`.
    ///
    /// Immutable, and a reference, so that the lists of files made while loading hold one pointer
    /// per file rather than every field inline: at archive scale (hundreds of thousands of files)
    /// the inline lists cost about a gigabyte at the peak of a build.
    @dynamicMemberLookup
    final class LoadedFile: Sendable {
        let contents: Contents
        /// How many items it gives to each list of the loaded site, counted once: patching an
        /// assembly counts them for every file before a changed one (23,000 files at 10,000
        /// articles), and reading them from ``contents`` copied each file's entity to see whether
        /// it has one.
        let counts: Counts

        /// How many articles, actors, notes, standalone pages, events and problems a file gives.
        struct Counts: Sendable {
            var articles = 0, actors = 0, notes = 0, pages = 0, events = 0, diagnostics = 0
        }

        init(_ contents: Contents) {
            self.contents = contents
            counts = Counts(articles: contents.article == nil ? 0 : 1, actors: contents.actor == nil ? 0 : 1, notes: contents.note == nil ? 0 : 1,
                            pages: contents.page == nil ? 0 : 1, events: contents.events.count, diagnostics: contents.diagnostics.count)
        }

        convenience init(brokenRefs: [Ref] = [], diagnostics: [Diagnostic]) {
            self.init(Contents(brokenRefs: brokenRefs, diagnostics: diagnostics))
        }

        subscript<Value>(dynamicMember field: KeyPath<Contents, Value>) -> Value {
            contents[keyPath: field]
        }
    }

    /// What one file contributed: at most one of its fields is set, by what the file is.
    struct Contents: Sendable {
        var config: SiteConfig?
        var introduction: MarkdownText?
        var article: Article?
        var actor: Actor?
        var note: Note?
        var page: StandalonePage?
        var events: [Event] = []
        var brokenRefs: [Ref] = []
        var source: SourceText?
        var strings: TextFile?
        var diagnostics: [Diagnostic] = []
    }

    private static func load(_ file: TextFile, as place: Place, unsafeHTML: Bool, images: ImageChecker) -> LoadedFile {
        var loaded = Contents()
        func checkID(_ id: String) -> Bool {
            if IDSyntax.isValid(id) { return true }
            loaded.diagnostics.append(.error(SourceLocation(path: file.path),
                "the file name gives the ID: \(IDSyntax.problem(with: id))", suggestion: suggestedID(for: id)))
            return false
        }
        switch place {
        case .config:
            let (config, diagnostics) = ConfigLoader.load(file, path: file.path)
            loaded.config = config
            loaded.diagnostics = diagnostics
        case .introduction:
            switch FrontMatterDocument.split(file) {
            case .failure(let diagnostic): loaded.diagnostics.append(diagnostic)
            case .success(let document):
                loaded.introduction = MarkdownText(source: document.body, path: file.path, lineOffset: document.bodyLineOffset)
            }
        case .article(let id):
            guard checkID(id) else { break }
            let (article, diagnostics) = ArticleLoader.load(file, id: id)
            loaded.article = article
            if article == nil { loaded.brokenRefs.append(Ref(.article, id)) }
            loaded.diagnostics += diagnostics
        case .actor(let id):
            guard checkID(id) else { break }
            let (actor, diagnostics) = ActorLoader.load(file, id: id)
            loaded.actor = actor
            if actor == nil { loaded.brokenRefs.append(Ref(.actor, id)) }
            loaded.diagnostics += diagnostics
        case .note(let id):
            guard checkID(id) else { break }
            let (note, diagnostics) = NoteLoader.load(file, id: id)
            loaded.note = note
            if note == nil { loaded.brokenRefs.append(Ref(.note, id)) }
            loaded.diagnostics += diagnostics
        case .page(let id):
            guard checkID(id) else { break }
            let (page, diagnostics) = PageLoader.load(file, id: id)
            loaded.page = page
            if page == nil { loaded.brokenRefs.append(Ref(.page, id)) }
            loaded.diagnostics += diagnostics
        case .events:
            let (events, brokenIDs, diagnostics) = EventLoader.load(file)
            loaded.events = events
            loaded.brokenRefs += brokenIDs.map { Ref(.event, $0) }
            loaded.diagnostics += diagnostics
        case .source(let name):
            // Read only to check that it is text: the verify stage reads it again when it checks
            // the quotes of the article it is the text of.
            loaded.source = SourceText(name: name, path: file.path)
        case .strings:
            // Checked against the theme's strings once both are read (Build).
            loaded.strings = file
        }
        // Each Markdown text is parsed once, here: its references are found and its HTML rendered.
        let options = CMark.RenderOptions(unsafeHTML: unsafeHTML, footnotes: true)
        var problems: [Diagnostic] = []
        // The first image of a page loads at once: the front-matter image when there is one,
        // else the first image of the page's text; every later one loads as the reader nears it.
        func process(_ text: inout MarkdownText, inline: Bool = false, underSectionHeading: Bool = false, hasPageImage: Bool = false) {
            var textOptions = options
            textOptions.footnotes = !inline
            textOptions.topHeadingLevel = underSectionHeading ? 3 : 2
            textOptions.eagerFirstImage = !inline && !hasPageImage
            let found: [Diagnostic]
            (text.references, text.content, found, text.uncitedParagraphs) = CMark.process(text, options: textOptions, inline: inline,
                                                                                        images: { images.check($0, alt: $1, at: $2) })
            text.plainSummary = MarkdownHTML.summary(MarkdownHTML.plainText(text.content), limit: 300)
            PlaceholderCheck.mark(&text)
            // What later stages read of the text was found by its parse: the source is let go.
            text.source = ""
            problems += found
        }
        if loaded.article?.image != nil { problems += images.check(&loaded.article!.image!) }
        if loaded.actor?.image != nil { problems += images.check(&loaded.actor!.image!) }
        if loaded.note?.image != nil { problems += images.check(&loaded.note!.image!) }
        if loaded.introduction != nil { process(&loaded.introduction!) }
        // Article bodies and actor profiles are shown under a section heading of their page.
        if loaded.article != nil { process(&loaded.article!.body, underSectionHeading: true, hasPageImage: loaded.article!.image != nil) }
        if loaded.actor != nil { process(&loaded.actor!.body, underSectionHeading: true, hasPageImage: loaded.actor!.image != nil) }
        if loaded.note != nil { process(&loaded.note!.body, hasPageImage: loaded.note!.image != nil) }
        if loaded.page != nil { process(&loaded.page!.body) }
        for index in loaded.events.indices where loaded.events[index].summary != nil {
            process(&loaded.events[index].summary!, inline: true)
        }
        loaded.diagnostics += problems
        return LoadedFile(loaded)
    }

    private static func idOf(_ place: Place) -> Ref? {
        switch place {
        case .article(let id): return Ref(.article, id)
        case .actor(let id): return Ref(.actor, id)
        case .note(let id): return Ref(.note, id)
        case .page(let id): return Ref(.page, id)
        default: return nil
        }
    }

    /// `Mali_Army` → `mali-army`: a valid ID close to an invalid one.
    static func suggestedID(for id: String) -> String? {
        var result = ""
        for character in id.lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) {
                result.append(character)
            } else if !result.isEmpty && !result.hasSuffix("-") {
                result.append("-")
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return IDSyntax.isValid(result) && result != id ? result : nil
    }

    private static func whyIgnored(parts: [String], ext: String) -> String {
        let folder = parts.count > 2 ? parts[1] : ""
        switch (folder, ext) {
        case ("events", _): return "`content/events/` holds `.yaml` (or `.yml`) files"
        case ("articles", _), ("actors", _), ("notes", _), ("pages", _):
            return parts.count > 3 ? "`content/\(folder)/` has no subfolders" : "`content/\(folder)/` holds `.md` files"
        case ("sources", _): return "source texts are `.txt` or `.html` files"
        default: return "sitegen reads only site.yaml, strings.yaml, index.md, articles/, actors/, events/, notes/, pages/ and sources/ in `content/`"
        }
    }
}
