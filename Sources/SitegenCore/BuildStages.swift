import Foundation

/// The stages of ``build(_:fileSystem:)``, each one call that returns what it made and what it
/// found. Set up once from the build's options: every stage reads the same file system, and
/// this is where the `parallel` setting is handed to the stages, the one place.
struct BuildStages: Sendable {
    let options: BuildOptions
    let fileSystem: FileSystem

    init(_ options: BuildOptions, fileSystem: FileSystem) {
        self.options = options
        self.fileSystem = fileSystem
    }

    /// Whether stages use all cores; a single-threaded build gives byte-identical output.
    private var parallel: Bool { options.parallel }

    /// What the load stage made: the site's content, its theme in the site's language, and its static files.
    struct Loaded: Sendable {
        var raw: RawSite
        var theme: Theme
        var staticFiles: [StaticFile]
    }

    /// Where rendered files go.
    enum Output: Sendable {
        /// Nowhere: `sitegen check` counts the files and drops them (or the output could not be begun).
        case discarded
        /// Into a staging folder beside the output folder, swapped in by the write stage.
        case staged(OutputWriter.StagingArea)

        /// Stages `file`, or does nothing when the output is discarded.
        func stage(_ file: OutputFile) -> Result<Bool, OutputWriter.WriteError>? {
            guard case .staged(let area) = self else { return nil }
            return area.stage(file)
        }

        /// Removes the staging folder, if any; the output folder is untouched.
        func abandon() {
            if case .staged(let area) = self { area.abandon() }
        }
    }

    /// What the render stage made, counted: the generated files that were kept (a static file may
    /// replace one), how staging them went, and the few paths a static file could collide with.
    /// No list of every file is kept: 628,000 at 100,000 articles.
    struct Rendered: Sendable {
        /// What became of one generated file, as the render hands it on.
        struct File: Sendable {
            /// How staging one file went.
            enum Outcome: Sendable {
                /// Replaced by a static file of the same path (`robots.txt`): not staged, not counted.
                case replaced
                /// Not staged: the output is discarded (`sitegen check`).
                case discarded
                /// Staged: unchanged (true) or written (false), as ``OutputWriter/Summary`` counts them.
                case staged(unchanged: Bool)
                /// Not staged: why (boxed, so that the many files that were staged take a few bytes each).
                indirect case failed(OutputWriter.WriteError)
            }
            var isPage: Bool
            var outcome: Outcome
            /// The path, when a static file could collide with it (``StaticFiles/CollisionCandidates``).
            var collisionCandidate: String?
        }

        /// How many generated files were kept, and how many of them are pages.
        var generatedFileCount = 0
        var pageCount = 0
        /// How staging the kept files went (nothing when the output is discarded), and every failure.
        var staged = OutputWriter.Summary(written: 0, unchanged: 0)
        var failures: [OutputWriter.WriteError] = []
        /// The kept files' paths that a static file could collide with.
        var collisionCandidates: [String] = []
        /// The number of static files, which are copied beside the generated ones.
        var staticFileCount: Int
        /// The number of files of the search index (`pagefind/`), once Pagefind has run.
        var searchIndexFileCount = 0

        var fileCount: Int { generatedFileCount + staticFileCount + searchIndexFileCount }

        /// The counts of `files`.
        init(_ files: [File], staticFileCount: Int) {
            self.staticFileCount = staticFileCount
            for file in files {
                switch file.outcome {
                case .replaced: continue
                case .discarded: break
                case .staged(let unchanged): if unchanged { staged.unchanged += 1 } else { staged.written += 1 }
                case .failed(let error): failures.append(error)
                }
                generatedFileCount += 1
                if file.isPage { pageCount += 1 }
                if let path = file.collisionCandidate { collisionCandidates.append(path) }
            }
        }
    }

    /// Lets go of the resolved site once no stage reads it again: on another thread when the
    /// build is parallel (see ``releaseInBackground(_:parallel:)``).
    func releaseInBackground(_ site: consuming Site) {
        SitegenCore.releaseInBackground(consume site, parallel: parallel)
    }

    // MARK: - The stages

    /// Load: content, sources, theme and static files; the command line's `--base-url` and
    /// `--links` replace the ones of `site.yaml`.
    func load() -> StageResult<Loaded> {
        var none: SiteLoader.Assembly?
        return load(reusing: nil, theme: nil, assembly: &none).result
    }

    /// Load, for the incremental build session (``BuildSession``): a content file's contribution
    /// is taken from `reuse` when it gives one, and the theme (with its problems) is `cachedTheme`
    /// when given, and the files of `content/` are those of `plan` when given (what a listing
    /// would give: the caller knows which files were added or removed). `assembly` is what each file gave (``SiteLoader/load(reusing:plan:assembly:)``:
    /// nil without `reuse`, as a cold build keeps only the site). Returns, beside the stage's
    /// result, the theme and the plan of files read.
    func load(reusing reuse: (@Sendable (String) -> SiteLoader.LoadedFile?)?, theme cachedTheme: (Theme, [Diagnostic])?,
              plan: SiteLoader.Plan? = nil, assembly: inout SiteLoader.Assembly?)
        -> (result: StageResult<Loaded>, theme: (Theme, [Diagnostic]), plan: SiteLoader.Plan) {
        // Static files first: images in the content are checked against them.
        let staticFiles = StaticLoader.load(fileSystem: fileSystem)
        var (raw, diagnostics, plan) = SiteLoader(fileSystem: fileSystem, parallel: parallel, staticFiles: staticFiles)
            .load(reusing: reuse, plan: plan, assembly: &assembly)
        let themed = cachedTheme ?? {
            var (theme, themeDiagnostics) = Theme.load(fileSystem: fileSystem, pageTemplates: PageKind.all.map(\.template))
            // The theme's words in the site's language, with the site's own (`content/strings.yaml`).
            themeDiagnostics += theme.useLanguage(raw.config.language, overrides: raw.strings, languageLocation: raw.config.languageLocation)
            return (theme, themeDiagnostics)
        }()
        diagnostics += themed.1
        if let baseURL = options.baseURL {
            raw.config.baseURL = ConfigLoader.normalizeBaseURL(baseURL) ?? raw.config.baseURL
        }
        if let links = options.links { raw.config.links = links }
        return (StageResult(Loaded(raw: raw, theme: themed.0, staticFiles: staticFiles), diagnostics), themed, plan)
    }

    /// Resolve: IDs, references, citations, backlinks and orders into one immutable ``Site``.
    func resolve(_ raw: RawSite) -> StageResult<Site> {
        let (site, diagnostics) = Resolver(includeDrafts: options.includeDrafts, parallel: parallel).resolve(raw)
        return StageResult(site, diagnostics)
    }

    /// Resolve, for a cold build: `raw`'s lists of entities are emptied as the site is made,
    /// so that the site and every entity twice are never held at once.
    func resolve(emptying raw: inout RawSite) -> StageResult<Site> {
        let (site, diagnostics) = Resolver(includeDrafts: options.includeDrafts, parallel: parallel).resolve(emptying: &raw)
        return StageResult(site, diagnostics)
    }

    /// Verify: quotes against their sources, placeholder text left in, paragraphs that cite nothing.
    func verify(_ raw: RawSite) -> StageResult<Void> {
        let drafts = options.includeDrafts
        return StageResult((), QuoteVerifier(parallel: parallel, fileSystem: fileSystem).verifyQuotes(in: raw, includeDrafts: drafts)
            + PlaceholderCheck.check(raw, includeDrafts: drafts, fileSystem: fileSystem)
            + UncitedParagraphs.warnings(in: raw, includeDrafts: drafts))
    }

    /// Runs two stages at the same time on two threads (one after the other when not `parallel`),
    /// each timed on its own.
    func concurrently<First: Sendable, Second: Sendable>(
        _ first: () -> StageResult<First>, _ second: @escaping @Sendable () -> StageResult<Second>
    ) -> (StageResult<First>, StageResult<Second>) {
        SitegenCore.concurrently(parallel: parallel, { StageResult.timed(first) }, { StageResult.timed(second) })
    }

    /// For a site with `search: true`: no static file may land in `pagefind/`, and, when the site
    /// is written, Pagefind must be there (an error at `search:` saying how to install it), looked
    /// for before anything is rendered.
    func findSearchIndexer(_ site: Site, _ staticFiles: [StaticFile]) -> StageResult<SearchIndexer?> {
        guard site.config.search else { return StageResult(nil) }
        var diagnostics = SearchIndexer.collisions(staticFiles)
        guard options.writesOutput else { return StageResult(nil, diagnostics) }
        switch SearchIndexer.locate(environment: options.environment) {
        case .success(let command):
            return StageResult(SearchIndexer(command: command, environment: options.environment), diagnostics)
        case .failure(let failure):
            diagnostics.append(.error(site.config.searchLocation, failure.message))
            return StageResult(nil, diagnostics)
        }
    }

    /// Search: Pagefind indexes the staged pages into the staging folder's `pagefind/`, so the
    /// index swapped in is the one of the pages beside it. A failure is an error at the output
    /// folder, and the write stage does not run.
    func index(_ site: Site, with indexer: SearchIndexer, in area: OutputWriter.StagingArea) -> StageResult<[Result<Bool, OutputWriter.WriteError>]> {
        do {
            return StageResult(try indexer.index(area, keepIndexURL: site.config.linkStyle == .files))
        } catch {
            return StageResult([], [error.diagnostic(output: options.output, siteRoot: options.root)])
        }
    }

    /// Remarks on what a written site lacks, said only when the site is written, where they
    /// explain what is missing from the output.
    static func outputNotes(_ site: Site) -> [String] {
        site.config.baseURL != nil ? [] :
            ["feed.xml and sitemap.xml are not written: set `base_url` in content/site.yaml (or pass --base-url) to get them"]
    }

    /// The beginning of the write stage: an empty staging folder beside the output folder, once
    /// the output folder is known to be safe to replace; nothing for `sitegen check`.
    func beginOutput(_ site: Site) -> StageResult<Output> {
        guard options.writesOutput else { return StageResult(.discarded) }
        let notes = Self.outputNotes(site)
        do {
            return StageResult(.staged(try OutputWriter(gate: options.writeGate).beginStaging(options.output, siteRoot: options.root)), notes: notes)
        } catch {
            return StageResult(.discarded, [error.diagnostic(output: options.output, siteRoot: options.root)], notes: notes)
        }
    }

    /// Render: every page, the feed, the sitemap and the assets, each handed to `output` on the
    /// rendering thread as soon as it is made. A generated file that a static file replaces
    /// (`robots.txt`) is dropped; a static file that would land on any other is an error naming both.
    func render(_ site: Site, _ loaded: Loaded, into output: Output) -> StageResult<Rendered> {
        let replaced = StaticFiles.replaced(loaded.staticFiles)
        let candidates = StaticFiles.CollisionCandidates(loaded.staticFiles)
        let files = SiteRenderer(site: site, theme: loaded.theme, parallel: parallel).render { file in
            if replaced.contains(file.path) { return Rendered.File(isPage: file.isPage, outcome: .replaced) }
            let outcome: Rendered.File.Outcome
            switch output.stage(file) {
            case nil: outcome = .discarded
            case .success(let unchanged): outcome = .staged(unchanged: unchanged)
            case .failure(let error): outcome = .failed(error)
            }
            return Rendered.File(isPage: file.isPage, outcome: outcome, collisionCandidate: candidates.contains(file.path) ? file.path : nil)
        }
        let rendered = Rendered(files, staticFileCount: loaded.staticFiles.count)
        let collisions = StaticFiles.collisions(loaded.staticFiles, generated: rendered.collisionCandidates) { StaticFiles.describe($0, in: site) }
        return StageResult(rendered, collisions)
    }

    /// Write: the static files join the staged files (and the search index), and the staging folder replaces the output
    /// folder. Every file that could not be written is an error at its path; on any error the
    /// staging folder is removed and the output folder stays as it was.
    func write(_ rendered: Rendered, _ staticFiles: [StaticFile], searchIndex: [Result<Bool, OutputWriter.WriteError>] = [],
               into area: OutputWriter.StagingArea) -> StageResult<OutputWriter.Summary?> {
        let copied = StaticFiles.stage(staticFiles, fileSystem: fileSystem, into: area, parallel: parallel)
        var (summary, failures) = OutputWriter.Summary.counting(copied + searchIndex)
        summary.written += rendered.staged.written
        summary.unchanged += rendered.staged.unchanged
        failures = rendered.failures + failures
        if failures.isEmpty {
            do { try area.commit() } catch { failures.append(error) }
        }
        guard failures.isEmpty else {
            area.abandon()
            return StageResult(nil, failures.map { $0.diagnostic(output: options.output, siteRoot: options.root) })
        }
        return StageResult(summary)
    }
}

/// What one stage made, with the problems and remarks it found on the way.
struct StageResult<Value> {
    var value: Value
    var diagnostics: [Diagnostic] = []
    var notes: [String] = []
    /// The stage's own time, when it ran beside another stage (resolve and verify).
    var duration: Duration?

    init(_ value: Value, _ diagnostics: [Diagnostic] = [], notes: [String] = []) {
        self.value = value
        self.diagnostics = diagnostics
        self.notes = notes
    }

    /// The result of `work`, with the time it took.
    static func timed(_ work: () -> StageResult) -> StageResult {
        let start = ContinuousClock.now
        var result = work()
        result.duration = ContinuousClock.now - start
        return result
    }
}

extension StageResult: Sendable where Value: Sendable {}

/// What a build has found so far, stage by stage: its problems, remarks and stage times.
/// ``report(_:_:)`` is the one way a build ends.
struct BuildRun {
    /// Whether a warning stops the build as an error does.
    let strict: Bool
    private let start = ContinuousClock.now
    private var diagnostics: [Diagnostic] = []
    /// Diagnostics kept by file, each file's sorted for display (``keep(sortedByFile:)``).
    private var byFile: [String: [Diagnostic]] = [:]
    /// The keys of ``byFile``, sorted, when known.
    private var sortedPaths: [String]?
    /// The diagnostics of ``byFile`` in the report's order, when known.
    private var merged: [Diagnostic]?
    /// Whether ``byFile`` holds an error, and whether it holds any diagnostic (looked at once: it may hold 181,000).
    private var byFileHasErrors = false, byFileIsEmpty = true
    private var notes: [String] = []
    private var timings: [(stage: String, duration: Duration)] = []

    init(strict: Bool) {
        self.strict = strict
    }

    /// Whether the build goes on: no error so far, and no warning when strict.
    var goesOn: Bool {
        !diagnostics.containsErrors && !byFileHasErrors && !(strict && !(diagnostics.isEmpty && byFileIsEmpty))
    }

    /// Keeps diagnostics already grouped by file and sorted for display within each (by
    /// ``BuildSession``'s verify cache), so that the report does not sort them again. At most one
    /// such set per run.
    /// `sortedPaths`, when given, are the keys of `groups`, sorted; `merged`, when given, their
    /// diagnostics in the report's order (``Swift/Array/mergedForDisplay(byPath:sortedPaths:others:)``
    /// with no others), which the report then gives as they are when no other diagnostic was found.
    mutating func keep(sortedByFile groups: [String: [Diagnostic]], sortedPaths: [String]? = nil, merged: [Diagnostic]? = nil) {
        precondition(byFile.isEmpty, "one set of diagnostics sorted by file per run")
        byFile = groups
        self.sortedPaths = sortedPaths
        self.merged = merged
        byFileHasErrors = groups.values.contains(where: \.containsErrors)
        byFileIsEmpty = groups.values.allSatisfy(\.isEmpty)
    }

    /// Runs the stage `name`, times it, keeps what it found and returns what it made.
    mutating func stage<Value>(_ name: String, _ work: () -> StageResult<Value>) -> Value {
        let result = StageResult.timed(work)
        timings.append((name, result.duration ?? .zero))
        return keep(result)
    }

    /// Keeps what two stages that ran together found, each with its own time, and returns what they made.
    mutating func stages<First, Second>(_ first: String, _ second: String,
                                        _ results: (StageResult<First>, StageResult<Second>)) -> (First, Second) {
        timings.append((first, results.0.duration ?? .zero))
        timings.append((second, results.1.duration ?? .zero))
        return (keep(results.0), keep(results.1))
    }

    /// Runs a step that is not a stage of its own (it is not timed), keeps what it found and returns what it made.
    mutating func step<Value>(_ work: () -> StageResult<Value>) -> Value {
        keep(work())
    }

    private mutating func keep<Value>(_ result: StageResult<Value>) -> Value {
        // The first stage's list is taken as it is, not copied (1,780,000 warnings at 100,000 articles).
        if diagnostics.isEmpty { diagnostics = result.diagnostics } else { diagnostics += result.diagnostics }
        notes += result.notes
        return result.value
    }

    /// The report of the build: every problem in reading order, the counts of what was rendered
    /// and what writing it did.
    consuming func report(_ rendered: BuildStages.Rendered? = nil, _ summary: OutputWriter.Summary? = nil) -> BuildReport {
        report(pageCount: rendered?.pageCount ?? 0, fileCount: rendered?.fileCount ?? 0, summary)
    }

    /// The report of the build, given the numbers of pages and of files (pages among them) of the site.
    /// The run's diagnostics are sorted where they are, not copied: the run ends here.
    consuming func report(pageCount: Int, fileCount: Int, _ summary: OutputWriter.Summary?) -> BuildReport {
        var all: [Diagnostic]
        if byFile.isEmpty {
            all = diagnostics
            diagnostics = []
            all.sortForDisplay()
        } else if let merged, diagnostics.isEmpty {
            all = merged
        } else {
            all = .mergedForDisplay(byPath: byFile, sortedPaths: sortedPaths, others: diagnostics)
        }
        return BuildReport(diagnostics: all, notes: notes, pageCount: pageCount, fileCount: fileCount,
                           writeSummary: summary, timings: timings, strict: strict, elapsed: ContinuousClock.now - start)
    }
}
