import Foundation

/// What a build is asked to do.
public struct BuildOptions: Sendable {
    /// The site's root folder (holding `content/` and maybe `templates/`).
    public var root: URL
    /// Where the site is written; `root/public` by default.
    public var output: URL
    /// Whether draft articles and notes are built.
    public var includeDrafts: Bool
    /// Replaces `base_url` of `site.yaml` when set.
    public var baseURL: String?
    /// Replaces `links` of `site.yaml` when set.
    public var links: LinkStyle?
    /// False for `sitegen check`: everything is checked and nothing written.
    public var writesOutput: Bool
    /// Whether stages use all cores; a single-threaded build gives byte-identical output.
    public var parallel: Bool = true
    /// Whether a warning fails the build as an error does (`--strict`, for CI and deploys):
    /// nothing is written and the previous output stays as it was.
    public var strict: Bool = false

    /// Creates options; `output` defaults to `root/public`.
    public init(root: URL, output: URL? = nil, includeDrafts: Bool = false, baseURL: String? = nil, writesOutput: Bool = true) {
        self.root = root.standardizedFileURL
        self.output = (output ?? root.appendingPathComponent("public")).standardizedFileURL
        self.includeDrafts = includeDrafts
        self.baseURL = baseURL
        self.writesOutput = writesOutput
    }
}

/// The outcome of a build: every problem found, and what was written.
public struct BuildReport: Sendable {
    /// Every error and warning, sorted by file, line and column.
    public var diagnostics: [Diagnostic]
    /// Remarks that are not problems ("no base_url: feed.xml and sitemap.xml not written").
    public var notes: [String]
    /// Number of HTML pages produced.
    public var pageCount: Int
    /// Number of files produced.
    public var fileCount: Int
    /// Files written and files left unchanged, when the output was written.
    public var writeSummary: OutputWriter.Summary?
    /// Time of each stage, in order: load, resolve, verify, render, write.
    public var timings: [(stage: String, duration: Duration)]
    /// A failure of the write stage (the old output is untouched).
    public var writeError: String?

    /// Whether the build failed: an error, a failed write, or (strict) a warning.
    public var failed: Bool { diagnostics.containsErrors || writeError != nil || failedOnWarnings }
    /// Whether the build failed only because it was strict and found warnings.
    public var failedOnWarnings: Bool { strict && !diagnostics.isEmpty && !diagnostics.containsErrors }
    /// Whether the build was strict (``BuildOptions/strict``).
    public var strict = false
    /// Number of errors.
    public var errorCount: Int { diagnostics.count(where: { $0.severity == .error }) }
    /// Number of warnings.
    public var warningCount: Int { diagnostics.count(where: { $0.severity == .warning }) }

    /// The wall time of the whole build, from start to end (resolve and verify overlap, so it is
    /// less than the sum of the stage times).
    public var duration: Duration { elapsed ?? timings.reduce(.zero) { $0 + $1.duration } }
    /// The measured wall time, set by ``build(_:fileSystem:)``.
    var elapsed: Duration?
}

/// Builds a site: load, resolve, verify, render, write. The whole pipeline, top to bottom.
///
/// - Parameters:
///   - options: where the site is and what to do.
///   - fileSystem: where content and templates are read; the disk below `options.root` by default.
/// - Returns: the report; the output folder is replaced only when there were no errors.
public func build(_ options: BuildOptions, fileSystem: FileSystem? = nil) -> BuildReport {
    let start = ContinuousClock.now
    var report = runStages(options, fileSystem: fileSystem)
    report.strict = options.strict
    report.elapsed = ContinuousClock.now - start
    return report
}

/// The stages of ``build(_:fileSystem:)``, each timed.
private func runStages(_ options: BuildOptions, fileSystem: FileSystem?) -> BuildReport {
    let fileSystem = fileSystem ?? .disk(root: options.root)
    let clock = ContinuousClock()
    var timings: [(stage: String, duration: Duration)] = []
    var diagnostics: [Diagnostic] = []
    var notes: [String] = []

    func timed<T>(_ stage: String, _ work: () -> T) -> T {
        let start = clock.now
        let result = work()
        timings.append((stage, clock.now - start))
        return result
    }

    // Load: files into typed values, each Markdown text parsed once.
    var (raw, theme) = timed("load") { () -> (RawSite, Theme) in
        let (raw, loadDiagnostics) = SiteLoader(fileSystem: fileSystem, parallel: options.parallel).load()
        var (theme, themeDiagnostics) = Theme.load(fileSystem: fileSystem, pageTemplates: PageKind.all.map(\.template))
        diagnostics += loadDiagnostics + themeDiagnostics
        // The theme's words in the site's language, with the site's own (`content/strings.yaml`).
        diagnostics += theme.useLanguage(raw.config.language, overrides: raw.strings, languageLocation: raw.config.languageLocation)
        return (raw, theme)
    }
    let staticFiles = StaticLoader.load(fileSystem: fileSystem)
    let replacedByStatic = StaticFiles.replaced(staticFiles)
    if let baseURL = options.baseURL {
        raw.config.baseURL = ConfigLoader.normalizeBaseURL(baseURL) ?? raw.config.baseURL
    }
    if let links = options.links { raw.config.links = links }

    // Resolve (IDs, links, citations and backlinks into one immutable site) and verify (quotes
    // against their sources) at the same time: checking quotes needs only the loaded articles,
    // and resolving runs on one core. Each stage's own time is reported.
    let loaded = raw
    let includeDrafts = options.includeDrafts
    let parallel = options.parallel
    let verifier = QuoteVerifier(parallel: options.parallel)
    let ((site, resolveDiagnostics, resolveTime), (verifyDiagnostics, verifyTime)) = concurrently(parallel: options.parallel, {
        let start = ContinuousClock.now
        let (site, found) = Resolver(includeDrafts: includeDrafts, parallel: parallel).resolve(loaded)
        return (site, found, ContinuousClock.now - start)
    }, {
        let start = ContinuousClock.now
        let found = verifier.verifyQuotes(in: loaded, includeDrafts: includeDrafts)
            + PlaceholderCheck.check(loaded, includeDrafts: includeDrafts, fileSystem: fileSystem)
        return (found, ContinuousClock.now - start)
    })
    diagnostics += resolveDiagnostics + verifyDiagnostics + UncitedParagraphs.warnings(in: loaded, includeDrafts: includeDrafts)
    timings.append(("resolve", resolveTime))
    timings.append(("verify", verifyTime))

    diagnostics = diagnostics.sortedForDisplay()
    guard !diagnostics.containsErrors, !(options.strict && !diagnostics.isEmpty) else {
        return BuildReport(diagnostics: diagnostics, notes: notes, pageCount: 0, fileCount: 0, writeSummary: nil, timings: timings)
    }

    let renderer = SiteRenderer(site: site, theme: theme, parallel: options.parallel)
    /// Static files that land on a generated file (or its folder): errors naming both.
    func staticCollisions(_ generated: [String]) -> [Diagnostic] {
        StaticFiles.collisions(staticFiles, generated: generated) { StaticFiles.describe($0, in: site) }.sortedForDisplay()
    }
    guard options.writesOutput else {
        // Render: pages, feed, sitemap and assets, counted and dropped.
        let pages = timed("render") { renderer.render { (isPage: $0.isPage, path: $0.path) } }
            .filter { !replacedByStatic.contains($0.path) }
        diagnostics += staticCollisions(pages.map(\.path))
        return BuildReport(diagnostics: diagnostics, notes: notes, pageCount: pages.filter(\.isPage).count,
                           fileCount: pages.count + staticFiles.count, writeSummary: nil, timings: timings)
    }

    // Render and write overlap: each page goes into a staging folder beside the output as soon as
    // it is rendered (so the site is never held in memory whole); the write stage then swaps the
    // staging folder in. On any failure the staging folder is removed and the output is untouched.
    // Said only when the site is written, where it explains what is missing from the output.
    if site.config.baseURL == nil {
        notes.append("feed.xml and sitemap.xml are not written: set `base_url` in content/site.yaml (or pass --base-url) to get them")
    }
    let writer = OutputWriter(parallel: options.parallel)
    let area: OutputWriter.StagingArea
    do {
        area = try writer.beginStaging(options.output, siteRoot: options.root)
    } catch {
        return BuildReport(diagnostics: diagnostics, notes: notes, pageCount: 0, fileCount: 0, writeSummary: nil,
                           timings: timings, writeError: "\(error)")
    }
    // A generated file that a static file replaces (robots.txt) is not staged at all.
    let staged = timed("render") {
        renderer.render { file in
            (isPage: file.isPage, path: file.path,
             result: replacedByStatic.contains(file.path) ? nil : area.stage(file))
        }
    }.filter { $0.result != nil }
    let collisions = staticCollisions(staged.map(\.path))
    guard collisions.isEmpty else {
        area.abandon()
        diagnostics = (diagnostics + collisions).sortedForDisplay()
        return BuildReport(diagnostics: diagnostics, notes: notes, pageCount: 0, fileCount: 0, writeSummary: nil, timings: timings)
    }
    var writeError: String?
    let summary = timed("write") { () -> OutputWriter.Summary? in
        do {
            // Static files join the same staging folder, so they are swapped in with the pages.
            let copied = StaticFiles.stage(staticFiles, fileSystem: fileSystem, into: area, parallel: options.parallel)
            let summary = try OutputWriter.Summary(staged.compactMap(\.result) + copied)
            try area.commit()
            return summary
        } catch {
            area.abandon()
            writeError = "\(error)"
            return nil
        }
    }
    return BuildReport(diagnostics: diagnostics, notes: notes, pageCount: staged.filter(\.isPage).count,
                       fileCount: staged.count + staticFiles.count,
                       writeSummary: summary, timings: timings, writeError: writeError)
}
