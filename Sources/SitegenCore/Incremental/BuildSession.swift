import Foundation
import Synchronization

/// A build that stays in memory between edits, for `sitegen serve`: on each ``update()`` it reads
/// again only the content files that changed, resolves the site, renders only the pages that may
/// show what changed and writes only the files whose bytes changed, straight into the served
/// folder (each file in place, holding its lock in ``WriteGate/files``, which a reader of the
/// folder takes too). docs/incremental.md describes which page depends on what.
///
/// After every update the folder holds exactly what a cold ``build(_:fileSystem:)`` of the same
/// content writes (the never-stale test checks this after random edits). A change to
/// `content/site.yaml`, `content/strings.yaml`, `templates/` or `static/` renders every page
/// (still writing only the files that changed). The search index of a site with `search: true`
/// is made apart, by ``indexSearch()``: Pagefind takes a minute and more on a large site, which
/// an edit's pages need not wait for.
///
/// When an update finds errors, nothing is written: the folder keeps the last good build.
/// One update runs at a time (the calls are serialised).
public final class BuildSession: Sendable {
    /// The build's options; `output` is the folder that is served and written in place.
    public let options: BuildOptions
    private let state = Mutex(State())
    /// The folder served, which remembers what it wrote.
    private let folder: LiveOutputFolder

    /// Creates a session; nothing is read until the first ``update()``.
    public init(_ options: BuildOptions) {
        self.options = options
        folder = LiveOutputFolder(url: options.output, gate: options.writeGate)
    }

    /// What one file of `content/` gave when last read.
    struct CachedFile: Sendable {
        var stamp: FileStamp
        /// When the file was last read or its bytes compared (an update's start, just before):
        /// a stamp taken within two seconds of a change to the file is not trusted (``FileStamp/isRacy(at:)``).
        var checked: Int64
        var hash: ContentHash
        /// Counts reads of any file, so two versions of a file never share a number.
        var version: Int
        var loaded: SiteLoader.LoadedFile
    }

    /// What the output folder holds: the site it was rendered from.
    struct Output: Sendable {
        var site: Site
        /// The version of each content file the site was read from.
        var versions: [String: Int]
        /// The latest version given to any file by then (``differingPaths(_:last:_:)``).
        var lastVersion: Int
        /// What each content file gave (the session's own record, shared, not copied).
        var files: [String: CachedFile]
        /// Every file of the folder (pages, feeds, assets, static files), by path.
        var produced: Set<String>
        /// Every page of the site.
        var pages: PageList
        /// The sitemap; nil without `base_url`.
        var sitemap: Sitemap?
        /// The site's timeline pages.
        var timelinePaging: TimelinePaging
        var dependencies: PageDependencies
        /// The settings, theme and static files the output was made with.
        var globalKey: [GlobalEntry]
        /// The pieces of views its pages show, kept for the next update (``ViewMemo``).
        var memo: ViewMemo
        /// The Pagefind that indexes the folder (``indexSearch()``); nil without `search: true`.
        var searchIndexer: SearchIndexer?
    }

    /// One file that, when it changes, changes every page.
    struct GlobalEntry: Equatable, Sendable {
        var path: String
        var hash: ContentHash
    }

    private struct State: Sendable {
        var files: [String: CachedFile] = [:]
        var nextVersion = 0
        var theme: (key: [GlobalEntry], theme: Theme, diagnostics: [Diagnostic])?
        var output: Output?
        var verify: VerifyCache?
        /// The files of `content/` read last time.
        var plan: SiteLoader.Plan?
        /// The version of each of `files`.
        var versions: [String: Int] = [:]
        /// What each file of `plan` gave, and the site they make.
        var assembly: SiteLoader.Assembly?
    }

    /// Brings the output folder up to date with the site's files: the report of the build, as
    /// ``build(_:fileSystem:)`` gives it. The search index is not made here (``indexSearch()``).
    ///
    /// `changed`, when given, holds every path below `content/`, `templates/` and `static/`
    /// (root-relative, files and folders) that was added, removed or changed since a moment
    /// before the previous update began (``FolderSnapshot/changedPaths(since:)`` of two snapshots
    /// gives it): the other files are then taken as they were read without looking at them again,
    /// except a file changed in the last two seconds, whose bytes are still compared. Without it,
    /// every file's stamp is looked at.
    /// A Pagefind run of ``indexSearch()`` is paused meanwhile (``WriteGate/whilePausingPrograms(_:)``).
    public func update(changed: Set<String>? = nil) -> BuildReport {
        options.writeGate.whilePausingPrograms {
            state.withLock { state in update(&state, changed: changed) }
        }
    }

    /// Makes the search index of the folder's pages, for a site with `search: true`: Pagefind
    /// reads the folder while it is served (and maybe written by an ``update(changed:)`` running
    /// meanwhile) and writes the index beside it, which then replaces the folder's `pagefind/`
    /// at once. The index is that of the pages as Pagefind read them: after an update, the
    /// caller runs this again.
    ///
    /// - Returns: nil when there is nothing to index (no good build yet, or search is off, or
    ///   was turned off while Pagefind ran);
    ///   else the problems, none when the index was made. Pagefind's failure, or a stop
    ///   (``WriteGate``), is an error at the output folder, and the folder keeps its last index.
    public func indexSearch() -> [Diagnostic]? {
        let wanted = state.withLock { state in
            state.output.flatMap { output in output.searchIndexer.map { ($0, output.site.config.linkStyle == .files) } }
        }
        guard let (indexer, keepIndexURL) = wanted else { return nil }
        let output = options.output
        let bundle = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent)-search-\(getpid())")
        defer { try? FileManager.default.removeItem(at: bundle) }
        do {
            try indexer.index(served: output, into: bundle, keepIndexURL: keepIndexURL, gate: options.writeGate)
            // An update that turned search off while Pagefind ran has removed `pagefind/`: the
            // index is not put back. Done under the updates' lock, so none runs in between.
            let placed = try state.withLock { state throws(OutputWriter.WriteError) -> Bool in
                guard state.output.map({ $0.searchIndexer != nil }) ?? true else { return false }
                try folder.replaceFolder(SearchIndexer.folder, with: bundle)
                return true
            }
            return placed ? [] : nil
        } catch {
            return [error.diagnostic(output: output, siteRoot: options.root)]
        }
    }

    /// The files whose change changes every page (the settings and the words; the standalone
    /// pages' list is not among them, see ``SiteChanges``), and the folders all of whose files do
    /// (the theme's templates, the static files): what ``globalKey(_:)`` reads.
    static let globalFiles = ["content/site.yaml", "content/strings.yaml"], globalFolders = ["templates", "static"]

    /// Whether a change to the file or folder at `path` changes every page (``globalKey(_:)``).
    static func isGlobal(_ path: String) -> Bool {
        globalFiles.contains(path) || globalFolders.contains { path == $0 || path.hasPrefix($0 + "/") }
    }

    private func update(_ state: inout State, changed hints: Set<String>?) -> BuildReport {
        let fileSystem = FileSystem.disk(root: options.root)
        var run = BuildRun(strict: options.strict)
        let rootPath = options.root.standardizedFileURL.path
        // The hints say what changed since the last update read the files: without one, they mean nothing.
        let hints = state.files.isEmpty ? nil : hints

        // Settings, words, templates and static files: a change to any of them renders everything.
        let globalKey: [GlobalEntry]
        if let hints, let theme = state.theme, !hints.contains(where: Self.isGlobal) {
            globalKey = theme.key
        } else {
            globalKey = Self.globalKey(fileSystem)
        }
        if state.theme?.key != globalKey {
            state.theme = nil
            state.files = [:]  // images and `unsafe_html` change how content files are read
            state.verify = nil
            state.plan = nil
            state.assembly = nil
        }

        // Load: only files whose stamp (or, for a file changed moments ago, bytes) changed are read
        // again. Each file the loader reads is stamped before and hashed as read, so a change during
        // or after the read is seen by the next update.
        let now = FileStamp.now()
        let cached = state.files
        let reads = Mutex([String: (FileStamp, ContentHash)]())
        let confirmed = Mutex([String: FileStamp]())
        let disk = FileSystem.disk(root: options.root)
        let recording = FileSystem(listFiles: disk.listFiles, readFile: { path in
            let stamp = FileStamp.of(rootPath + "/" + path)
            guard let data = disk.readFile(path) else { return nil }
            if let stamp { reads.withLock { $0[path] = (stamp, ContentHash(data)) } }
            return data
        }, directoryExists: disk.directoryExists)
        let stages = BuildStages(options, fileSystem: recording)
        let reuse: @Sendable (String) -> SiteLoader.LoadedFile? = { path in
            guard let entry = cached[path] else { return nil }
            // Not changed since it was read, by the snapshots, nor just before it was read.
            if let hints, !hints.contains(path), !entry.stamp.isRacy(at: entry.checked) { return entry.loaded }
            guard let stamp = FileStamp.of(rootPath + "/" + path) else { return nil }
            if stamp == entry.stamp && !stamp.isRacy(at: entry.checked) { return entry.loaded }
            guard let data = disk.readFile(path), ContentHash(data) == entry.hash else { return nil }
            confirmed.withLock { $0[path] = stamp }
            return entry.loaded
        }
        var themed: (Theme, [Diagnostic])?
        let cachedTheme = state.theme.map { ($0.theme, $0.diagnostics) }
        // The files to read: last time's, less those removed and with those added, when the hints
        // say which (else the folder is listed).
        let knownPlan = hints.flatMap { hints in state.plan.flatMap { Self.plan($0, changed: hints, files: cached, root: rootPath) } }
        var plan: SiteLoader.Plan?
        // Taken out of the state, so that the loader replaces what changed in place rather than in a copy.
        var assembly = state.assembly.take()
        let loaded = run.stage("load") {
            let loading = stages.load(reusing: reuse, theme: cachedTheme, plan: knownPlan?.plan, assembly: &assembly)
            (themed, plan) = (loading.theme, loading.plan)
            return loading.result
        }
        state.plan = plan
        state.assembly = assembly
        let loadedFiles = assembly!.files
        state.theme = (globalKey, themed!.0, themed!.1)
        let (readNow, confirmedNow) = (reads.withLock { $0 }, confirmed.withLock { $0 })
        // What each file gave and which version of it that is: the same record for a file neither
        // read nor looked at again.
        func record(_ path: String, _ file: SiteLoader.LoadedFile) -> CachedFile {
            if var entry = cached[path], let stamp = confirmedNow[path] {
                (entry.stamp, entry.checked) = (stamp, now)
                return entry
            } else if let (stamp, hash) = readNow[path] {
                if let entry = cached[path], entry.hash == hash {
                    return CachedFile(stamp: stamp, checked: now, hash: hash, version: entry.version, loaded: entry.loaded)
                }
                state.nextVersion += 1
                return CachedFile(stamp: stamp, checked: now, hash: hash, version: state.nextVersion, loaded: file)
            } else if let entry = cached[path] {
                return entry
            }
            // Not readable: a new version each time, never reused.
            state.nextVersion += 1
            return CachedFile(stamp: FileStamp(size: -1, modified: 0, changed: 0, inode: 0), checked: now, hash: ContentHash(Data()),
                              version: state.nextVersion, loaded: file)
        }
        var files: [String: CachedFile]
        var versionsNow: [String: Int]
        if let knownPlan {
            // The files of last time, less those removed: only those read or looked at again have new records.
            (files, versionsNow) = (cached, state.versions)
            for path in knownPlan.removed {
                files[path] = nil
                versionsNow[path] = nil
            }
            for path in Set(readNow.keys).union(confirmedNow.keys) {
                guard let position = plan!.positions[path] else { continue }
                files[path] = record(path, loadedFiles[position])
                versionsNow[path] = files[path]!.version
            }
        } else {
            files = [:]
            for (item, file) in zip(plan!.work, loadedFiles) { files[item.path] = record(item.path, file) }
            versionsNow = files.mapValues(\.version)
        }
        let versions = versionsNow
        state.files = files
        state.versions = versions
        let lastVersion = state.nextVersion

        // Verify: only the files whose problems an edit can change (VerifyCache).
        let (verifyCache, oldFiles, newFiles) = (state.verify, cached, files)
        let (includeDrafts, parallel, raw) = (options.includeDrafts, options.parallel, loaded.raw)
        // The last output, taken out of the state: held here alone, so that the patch below changes
        // its site in place (its tables are not copied to replace a few entries). It goes back, as it
        // was, when this update writes nothing; else it is let go once the new output replaces it.
        var previous = state.output.take()
        // An output made with other settings, theme or static files is not compared with; it is kept
        // while nothing is written (they may come back).
        var stale = previous?.globalKey == globalKey ? nil : previous.take()
        var patch: ResolvePatch.Replaced?
        var relinking: ResolvePatch.Relinking?
        func keepPrevious() {
            if let patch { patch.undo(in: &previous!.site) }
            if let relinking { relinking.undo(in: &previous!.site) }
            state.output = previous.take() ?? stale.take()
        }
        // What changed since the output was written.
        let changed = previous.map { Self.changes(old: $0, versions: versions, files: newFiles) }
        let changedValues = changed?.values
        // Resolve: an edit that changes no reference patches the last site (ResolvePatch), one that
        // adds or removes entities or changes what they reference patches its references too
        // (ResolvePatch.relink, which keeps what it replaced), any other is resolved whole; an
        // edit's unknown reference is found by the patch as the resolver finds it.
        var outcome: ResolvePatch.Outcome?
        if let changed {
            outcome = ResolvePatch.patch(&previous!.site, raw: raw, changedValues: changed.values, changedPaths: changed.paths,
                                         includeDrafts: includeDrafts)
            if case .patched(let replaced) = outcome { patch = replaced }
        }
        let patched = patch != nil
        // The verify stage's problems are kept by file, sorted (the report merges them unsorted again).
        let (site, verified) = run.stages("resolve", "verify", stages.concurrently({
            switch outcome {
            case .patched: return StageResult(previous!.site)
            case .problems(let problems): return StageResult(previous!.site, problems)
            case nil:
                // Entities added or removed, or linking differently: the references patched too.
                if let changed, let replaced = ResolvePatch.relink(&previous!.site, raw: raw, changedValues: changed.values,
                                                                   changedPaths: changed.paths, includeDrafts: includeDrafts) {
                    relinking = replaced
                    return StageResult(previous!.site)
                }
                return stages.resolve(raw)
            }
        }, {
            guard let verifyCache else {
                return StageResult(VerifyCache(stages.verify(raw).diagnostics, versions: versions, lastVersion: lastVersion))
            }
            return StageResult(verifyCache.update(raw, versions: versions, lastVersion: lastVersion, oldFiles: oldFiles, newFiles: newFiles,
                                                  includeDrafts: includeDrafts, parallel: parallel, fileSystem: recording))
        }))
        run.keep(sortedByFile: verified.problems, sortedPaths: verified.paths, merged: verified.merged)
        state.verify = verified
        guard run.goesOn else {
            keepPrevious()
            return run.report()
        }
        // Search (`search: true`): Pagefind must be there, and no static file may land in its
        // folder (found again only when the settings or static files changed).
        let searchIndexer = site.config.search ? previous?.searchIndexer ?? run.step { stages.findSearchIndexer(site, loaded.staticFiles) } : nil
        guard run.goesOn else {
            keepPrevious()
            return run.report()
        }
        // The last site's orders and changed articles, as they were (the patch changed the site).
        let oldOrders = (articles: patch?.oldArticleOrder(site) ?? relinking?.articleOrder ?? previous?.site.articleOrder,
                         actors: patch?.oldActorOrder(site) ?? relinking?.actorOrder ?? previous?.site.actorOrder,
                         notes: relinking?.noteOrder ?? previous?.site.noteOrder)

        // The timeline's pages read its order and the events' dates (and `list_limit`, a setting):
        // the same when the site was patched and no event changed, or only events' values; else
        // only the years of the changed events are paged again (an event's place follows its own value).
        let sameTimeline = patched || (relinking != nil && !changedValues!.contains { $0.kind == .event })
        let limit = site.config.listLimit
        let paging = (sameTimeline ? previous?.timelinePaging : nil)
            ?? previous.flatMap { TimelinePaging(patching: $0.timelinePaging, site: site, limit: limit, changed: changedValues!.lazy.filter { $0.kind == .event }.map(\.id)) }
            ?? TimelinePaging(site: site, limit: limit)
        // The list of pages reads the orders and what is derived from references (an actor's lists
        // past `list_limit`, the timeline's periods), never an entity's own value: the last one,
        // patched with the entities that changed (PageList).
        // The last site as it was, when the patch replaced some of it (seen through the new one).
        let before = relinking.map { ResolvePatch.SiteBefore(site: site, relinking: $0) }
        var pages = previous?.pages ?? PageList(site: site, paging: paging)
        var pageChanges = PageList.Difference()
        if previous != nil {
            if let before {
                pageChanges = pages.update(to: site, paging: paging, from: before, changedValues: changedValues!)
            } else {
                pageChanges = pages.update(to: site, paging: paging, from: patched ? nil : previous!.site, changedValues: changedValues!)
            }
        }
        let assets = SiteRenderer(site: site, theme: loaded.theme).fingerprintedAssets()
        // The feed reads the orders of articles and notes and their values (and the settings, which
        // are in the global key): when none of them changed, `feed.xml` is still what a cold build writes.
        let feedUnchanged = previous != nil && oldOrders.articles == site.articleOrder && oldOrders.notes == site.noteOrder
            && !changedValues!.contains { $0.kind == .article || $0.kind == .note }
        // `robots.txt` and the paths of the feed read only the settings; the sitemap's paths its number of URLs.
        let feeds = FeedWriter(site: site)
        let base = site.config.baseURL
        let feedPaths = base == nil ? ["robots.txt"] : ["robots.txt", "feed.xml"]
        // The sitemap: the last one patched (below), or made whole.
        let patchesSitemap = base != nil && previous?.sitemap?.base == base
        let wholeSitemap = base != nil && !patchesSitemap ? Sitemap(site: site, base: base!, pageIDs: pages.ids) : nil
        let sitemapCount = patchesSitemap ? previous!.sitemap!.count(after: pageChanges) : wholeSitemap?.count ?? 0
        let sitemapPaths = base == nil ? [] : Sitemap.paths(count: sitemapCount, limit: previous?.sitemap?.limit ?? Sitemap.protocolLimit)
        let replaced = StaticFiles.replaced(loaded.staticFiles)
        // The files made: the last output's, with the pages and sitemap parts added, less those
        // removed (below); the new ones are checked against the static files, which are the
        // last output's, with which nothing collided.
        let oldSitemapPaths = previous?.sitemap?.paths ?? []
        let made = previous == nil ? pages.paths + feedPaths + sitemapPaths + assets.map(\.file.path)
            : pageChanges.added.map(\.path) + sitemapPaths.filter { !oldSitemapPaths.contains($0) }
        run.step { StageResult((), StaticFiles.collisions(loaded.staticFiles, generated: made.filter { !replaced.contains($0) }) { StaticFiles.describe($0, in: site) },
                               notes: BuildStages.outputNotes(site)) }
        guard run.goesOn else {
            keepPrevious()
            return run.report()
        }

        // The sitemap: the last one with the pages added and removed and the changed articles' dates (Sitemap).
        var sitemap = wholeSitemap
        var sitemapChanged = wholeSitemap != nil
        if patchesSitemap {
            sitemap = previous!.sitemap.take()
            sitemapChanged = sitemap!.patch(pageChanges, changedValues: changedValues!, site: site)
        }
        // `robots.txt` reads only the settings: made with the first output of these settings.
        var feedFiles: [OutputFile] = []
        if previous == nil { feedFiles.append(feeds.robots()) }
        if !feedUnchanged, let feed = feeds.feedFile() { feedFiles.append(feed) }
        if sitemapChanged { sitemap?.files { feedFiles.append($0) } }

        let folder = self.folder
        var dependencies = PageDependencies()
        let chosen: [PageJob] = run.stage("changes") {
            guard let previous, let changedValues else { return StageResult(pages.ids.indices.flatMap(pages.pages(ofKind:))) }
            // The last site as far as the comparison reads it when patched: its orders (it reads
            // no entity's value then, and every event keeps its date).
            let added = Set(pageChanges.added.map(\.path))
            if let before {
                return StageResult(Self.choose(pages, added: added, old: previous, oldSite: before, new: site, changedValues: changedValues,
                                               patched: false, paging: paging))
            }
            var old = site
            if patched { (old.articleOrder, old.actorOrder) = (oldOrders.articles!, oldOrders.actors!) }
            return StageResult(Self.choose(pages, added: added, old: previous, oldSite: patched ? old : previous.site,
                                           new: site, changedValues: changedValues, patched: patched, paging: paging))
        }
        // Taken out of the last output (which is replaced below, or dropped if writing fails), so that
        // recording what the rendered pages show changes the record in place rather than a copy of it.
        if previous != nil { swap(&dependencies, &previous!.dependencies) }
        // The last output's pieces of views, less those that show what changed: what is left
        // is what the pages now show (one made by the same settings, theme and words).
        let memo = previous?.memo ?? ViewMemo(keepsTimelineEntries: true)
        if let changedValues { memo.forget(changedValues) }
        // Numbers for the entities of the pages rendered and those changed (an entity added): the
        // pages' links to them are then found without making a String (PageLinks).
        dependencies.number(chosen.lazy.compactMap(\.entity))
        if let changedValues { dependencies.number(changedValues) }
        let results: [Result<Bool, OutputWriter.WriteError>] = run.stage("render") {
            var results: [Result<Bool, OutputWriter.WriteError>] = []
            let outcome = Self.render(chosen, site: site, theme: loaded.theme, assets: assets, paging: paging, parallel: options.parallel,
                                      numbers: dependencies.numbers, memo: memo, into: folder)
            for (job, result) in zip(chosen, outcome) {
                if !replaced.contains(job.path) { results.append(result.written) }
                dependencies.record(job.path, shows: result.shows)
            }
            for file in feedFiles + (previous == nil ? assets.map(\.file) : []) where !replaced.contains(file.path) {
                results.append(folder.write(file))
            }
            return StageResult(results)
        }
        var fileCount = 0
        let summary: OutputWriter.Summary? = run.stage("write") {
            var outcomes = results
            var produced: Set<String>
            var gone: [String]
            if previous == nil {
                outcomes += loaded.staticFiles.parallelMap(minimumCount: 16, parallel: options.parallel) { file in
                    guard let data = fileSystem.readFile(file.source) else {
                        return .failure(.io(.siteFile(file.source), "could not read \(file.source)"))
                    }
                    return folder.write(OutputFile(path: file.output, contents: data))
                }
                produced = Set(made.filter { !replaced.contains($0) } + loaded.staticFiles.map(\.output))
                // The search index, made apart (indexSearch()), stays while the site has search.
                gone = Array(Self.existingFiles(in: options.output).subtracting(produced))
                if site.config.search { gone.removeAll { $0.hasPrefix(SearchIndexer.folder + "/") } }
            } else {
                // The same feeds, assets (same theme) and static files (same global key): the last
                // output's files, with the pages and sitemap parts that came and went.
                produced = []
                swap(&produced, &previous!.produced)
                gone = pageChanges.removed.map(\.path) + oldSitemapPaths.filter { !sitemapPaths.contains($0) }
                for path in gone { produced.remove(path) }
                for path in made where !replaced.contains(path) { produced.insert(path) }
                gone.removeAll { produced.contains($0) }
            }
            for path in gone {
                folder.remove(path)
                dependencies.remove(path)
            }
            var (summary, failures) = OutputWriter.Summary.counting(outcomes)
            summary.unchanged = produced.count - summary.written
            fileCount = produced.count
            guard failures.isEmpty else {
                // The folder is now partly new: the next update renders everything again.
                state.output = nil
                return StageResult(nil, failures.map { $0.diagnostic(output: options.output, siteRoot: options.root) })
            }
            state.output = Output(site: site, versions: versions, lastVersion: lastVersion, files: files, produced: produced, pages: pages,
                                  sitemap: sitemap, timelinePaging: paging, dependencies: dependencies, globalKey: globalKey,
                                  memo: memo, searchIndexer: searchIndexer)
            // What only the last output held (the whole last site, when it was resolved whole) is
            // freed on another thread: the new pages are served without waiting for it.
            Self.letGo(previous.take())
            Self.letGo(stale.take())
            Self.letGo(relinking.take())
            return StageResult(summary)
        }
        // A static file never has a generated file's path (but `robots.txt`, which it replaces): every file is one of `produced`.
        return run.report(pageCount: pages.count, fileCount: fileCount, summary)
    }
}

// MARK: - Pieces

extension BuildSession {
    /// One page to render: its kind (an index in ``PageKind/all``), its ID and its output path.
    struct PageJob: Equatable, Sendable {
        var kind: Int
        var id: String
        var path: String

        /// The entity the page is of, for entity pages.
        var entity: Ref? {
            guard case .entity(let kind) = PageKind.all[self.kind].output else { return nil }
            return Ref(kind, id)
        }
    }

    /// The files of `content/` to read after the changes at `changed` (every path that changed
    /// since `plan` was made, as ``update(changed:)`` takes them), where `files` are those `plan`
    /// read: a file of the plan that is gone is removed from it (`removed`), a regular file that
    /// is not in it is added. Nil when that cannot be told so (a folder made or gone, a file not
    /// read with a warning added or removed): then the folder is listed.
    static func plan(_ plan: SiteLoader.Plan, changed: Set<String>, files: [String: CachedFile], root: String)
        -> (plan: SiteLoader.Plan, removed: Set<String>)? {
        if changed.contains("content") { return nil }
        var added: [String] = [], removed = Set<String>()
        for path in changed where path.hasPrefix("content/") {
            let full = root + "/" + path
            if files[path] != nil {
                if FileStamp.of(full) == nil { removed.insert(path) }
            } else if FileStamp.isRegularFile(full) {
                added.append(path)
            } else if FileStamp.of(full) != nil || files.keys.contains(where: { $0.hasPrefix(path + "/") })
                        || plan.diagnostics.contains(where: { $0.location.path == path }) {
                return nil  // a folder made or gone, or a file not read gone
            }
        }
        if added.isEmpty && removed.isEmpty { return (plan, []) }
        return SiteLoader.plan(plan, adding: added.sorted(), removing: removed).map { ($0, removed) }
    }

    /// The files whose change changes every page (``globalFiles``, and those of ``globalFolders``), with their hashes.
    static func globalKey(_ fileSystem: FileSystem) -> [GlobalEntry] {
        let paths = globalFiles + globalFolders.flatMap(fileSystem.listFiles)
        return paths.compactMap { path in fileSystem.readFile(path).map { GlobalEntry(path: path, hash: ContentHash($0)) } }
    }

    /// The paths whose versions differ between two version lists (or that only one of them has),
    /// where no version of `old` is above `last` (the latest given when it was made). A file gets
    /// a new version above every earlier one when read, or keeps the one it had: so the paths that
    /// differ are those with a version above `last`, and those gone, which are looked for only
    /// when some are (13,000 paths are not hashed on every update).
    static func differingPaths(_ old: [String: Int], last: Int, _ new: [String: Int]) -> Set<String> {
        var paths = Set<String>()
        var added = 0
        let (keys, values) = (new.keys, new.values)
        for index in values.indices where values[index] > last {
            paths.insert(keys[index])
            if old[keys[index]] == nil { added += 1 }
        }
        if old.count != new.count - added {
            for path in old.keys where new[path] == nil { paths.insert(path) }
        }
        return paths
    }

    /// The content files whose versions changed since `old` was written, and the entities whose
    /// own values changed: those of these files, compared value by value (an entity added or
    /// removed is among them).
    static func changes(old: Output, versions: [String: Int], files: [String: CachedFile]) -> (paths: Set<String>, values: Set<Ref>) {
        var before: [Ref: EntityValue] = [:]
        var after: [Ref: EntityValue] = [:]
        let paths = differingPaths(old.versions, last: old.lastVersion, versions)
        for path in paths {
            if let file = old.files[path]?.loaded { for (ref, value) in entities(of: file) { before[ref] = value } }
            if let file = files[path]?.loaded { for (ref, value) in entities(of: file) { after[ref] = value } }
        }
        return (paths, Set(Set(before.keys).union(after.keys).filter { !EntityValue.same(before[$0], after[$0]) }))
    }

    /// The pages to render again for the change from the output `old` (whose site is `oldSite`) to
    /// `new`, where `changedValues` are the entities whose own values changed
    /// (``changes(old:versions:files:)``), and `patched` says that `new` is `oldSite` patched by
    /// ``ResolvePatch`` (what is derived from references did not change; then `oldSite` need hold
    /// only the old orders); `paging` is the timeline's pages of `new`.
    ///
    /// A page is rendered again when it links an entity whose value changed (it shows the value
    /// beside the link: ``PageDependencies``), when it is the page of an entity whose value or
    /// derived data changed, or one of such an actor's list pages (only they show what is derived
    /// for it: ``SiteChanges``), when it lists a kind whose order changed, or when it is new (its
    /// path among `added`). `pages` are the pages of `new`.
    static func choose(_ pages: PageList, added: Set<String>, old: Output, oldSite: some SiteLookup, new: Site, changedValues: Set<Ref>, patched: Bool,
                       paging: TimelinePaging) -> [PageJob] {
        let changes = SiteChanges(from: oldSite, to: new, changedValues: changedValues, sameReferences: patched,
                                  timelinePagings: (old.timelinePaging, paging))
        if changes.everything { return pages.ids.indices.flatMap(pages.pages(ofKind:)) }
        let own = changes.ownPages
        let showing = old.dependencies.pages(showing: changes.values)
        // The entity pages to render, by path: those of the new site among them (the 60,000 entity
        // pages are not looked at one by one).
        let entityPages = showing.union(own.lazy.map { $0.outputFolder + "index.html" })
        // The network page draws every actor with its relations (values of actors only).
        let actorsChanged = changes.reordered.contains(.actor) || changes.values.contains { $0.kind == .actor }
        let rules = PageKind.all.map { kind -> PageRule in
            if case .entity = kind.output { return .entity }
            switch kind.template {
            case PageKind.home.template: return .always
            case PageKind.timeline.template: return .timeline
            case PageKind.actors.template: return .showingOr(changes.reordered.contains(.actor))
            case PageKind.articles.template: return .showingOr(changes.reordered.contains(.article))
            case PageKind.notes.template: return .showingOr(changes.reordered.contains(.note))
            case PageKind.network.template: return actorsChanged ? .always : .never
            case PageKind.actorList.template: return .actorList
            default: return .other
            }
        }
        var chosen = entityPages.compactMap { PageList.entityPage(at: $0, in: new) }.sorted { ($0.kind, $0.path) < ($1.kind, $1.path) }
        // An actor's lists before and after, for those whose list pages may change (made when first asked for).
        var lists: [String: (old: ActorLists?, new: ActorLists)] = [:]
        func listPageChanged(_ actor: String, _ name: String, _ page: String) -> Bool {
            if lists[actor] == nil {
                lists[actor] = (oldSite.actor(actor) == nil ? nil : ActorLists(actor, in: oldSite), ActorLists(actor, in: new))
            }
            guard let before = lists[actor]!.old?.list(name)?.ids, let after = lists[actor]!.new.list(name)?.ids else { return true }
            let limit = new.config.listLimit
            let (oldPages, newPages) = (ListPaging.pages(before, limit: limit), ListPaging.pages(after, limit: limit))
            let number = ListPaging.number(ofPage: page)
            return oldPages.count != newPages.count || number > oldPages.count || oldPages[number - 1] != newPages[number - 1]
        }
        for (kind, rule) in rules.enumerated() {
            switch rule {
            case .entity, .never: continue
            case .always: chosen += pages.pages(ofKind: kind)
            default: chosen += pages.pages(ofKind: kind).filter { job in choose(job, rule) }
            }
        }
        return chosen

        func choose(_ job: PageJob, _ rule: PageRule) -> Bool {
            switch rule {
            case .always: return true
            case .never, .entity: return false
            case .showingOr(let changed): return changed || showing.contains(job.path)
            // The timeline's first page (the whole timeline, or the overview of its periods) shows
            // every period and count; a period's page shows the navigation between periods (which
            // periods have events, not how many) and its own events.
            case .timeline:
                if showing.contains(job.path) { return true }
                if job.id.isEmpty { return changes.timelineReshaped || changes.reordered.contains(.event) }
                return changes.timelineNavigationChanged || changes.changedPeriods.contains(job.id) || added.contains(job.path)
            // An actor's list past list_limit (actors/ID/events/): the actor's derived list, and the
            // entries and the actor it links. Of an actor whose derived data changed, only the
            // pages whose entries or number of pages changed (an event appended to the actor's
            // 7,000 moves the pages after its place, not those before it, nor its other lists).
            case .actorList:
                if showing.contains(job.path) || added.contains(job.path) { return true }
                let (actor, list, page) = ActorLists.parse(job.id)
                guard own.contains(Ref(.actor, actor)) else { return false }
                return patched || listPageChanged(actor, list, page)
            case .other:
                // Any other kind: new, showing what changed, or below the folder of an entity whose own pages change.
                if added.contains(job.path) || showing.contains(job.path) { return true }
                let parts = job.path.split(separator: "/")
                guard parts.count > 2, let owner = EntityKind.allCases.first(where: { $0.folder == parts[0] }) else { return false }
                return own.contains(Ref(owner, String(parts[1])))
            }
        }
    }

    /// How ``choose(_:added:old:oldSite:new:changedValues:patched:paging:)`` decides for the pages of one kind.
    private enum PageRule {
        case always, never
        /// An entity's page: rendered when the entity's own pages change or it shows a changed value.
        case entity
        /// A list: rendered when it changed as a whole, or it shows a changed value.
        case showingOr(Bool)
        case timeline
        case actorList
        case other
    }

    /// The entities a file gave, each with its value.
    static func entities(of file: SiteLoader.LoadedFile) -> [(Ref, EntityValue)] {
        var result: [(Ref, EntityValue)] = []
        if let article = file.article { result.append((Ref(.article, article.id), .article(article))) }
        if let actor = file.actor { result.append((Ref(.actor, actor.id), .actor(actor))) }
        if let note = file.note { result.append((Ref(.note, note.id), .note(note))) }
        if let page = file.page { result.append((Ref(.page, page.id), .page(page))) }
        for event in file.events { result.append((Ref(.event, event.id), .event(event))) }
        for ref in file.brokenRefs { result.append((ref, .broken)) }
        return result
    }

    /// An entity's value as a file gave it, compared whole (every field), or a file that could not be read.
    enum EntityValue: Equatable {
        case article(Article), actor(Actor), note(Note), page(StandalonePage), event(Event), broken

        /// Whether an entity of a changed file is the same as before, byte for byte: Swift's `==`
        /// compares texts as Unicode does (a composed `ü` equals `u` and a combining diaeresis),
        /// but the pages show a text's bytes, so an edit that only encodes a letter otherwise must
        /// render the pages that show it. An event is compared with the bytes it was read from
        /// too (``Event/sourceHash``, part of its `==`); any other entity is the only one of its
        /// file, whose bytes changed, so it counts as changed (an edit that changes nothing a page
        /// shows renders its pages again, and writes none).
        static func same(_ one: EntityValue?, _ other: EntityValue?) -> Bool {
            guard one == other, case .event = one else { return false }
            return true
        }
    }

    /// What rendering one page did.
    struct RenderedPage: Sendable {
        var written: Result<Bool, OutputWriter.WriteError>
        var shows: PageLinks.Shown
    }

    /// Renders `jobs` on all cores (one page builder per core) and writes each page that changed;
    /// what each page shows is given by the entities' `numbers` (``PageDependencies/numbers``).
    /// The builders share `memo`: what one has made (a date, an article's card, a timeline
    /// entry), the others need not make again, in this update or the next.
    ///
    /// Each thread takes the next job when it is done with one, the timeline's and the indexes'
    /// pages first (the costliest): a busy core, or a run of costly pages, holds back no other thread.
    static func render(_ jobs: [PageJob], site: Site, theme: Theme, assets: [(name: String, file: OutputFile)], paging: TimelinePaging, parallel: Bool,
                       numbers: RefNumbers, memo: ViewMemo, into folder: LiveOutputFolder) -> [RenderedPage] {
        let assetPaths = SiteRenderer.assetURLs(assets)
        let threads = parallel ? max(1, min(jobs.count, ProcessInfo.processInfo.activeProcessorCount)) : 1
        let order = jobs.indices.filter { jobs[$0].entity == nil } + jobs.indices.filter { jobs[$0].entity != nil }
        let next = Atomic(0)
        let results = Array(0..<threads).parallelMap(minimumCount: 2, parallel: parallel) { _ -> [(Int, RenderedPage)] in
            var threadTheme = theme
            threadTheme.library = theme.library.copy()
            let builder = PageBuilder(site: site, theme: threadTheme, assetPaths: assetPaths, timelinePaging: paging, memo: memo)
            var rendered: [(Int, RenderedPage)] = []
            while true {
                let taken = next.add(1, ordering: .relaxed).oldValue
                guard taken < order.count else { return rendered }
                let job = jobs[order[taken]]
                let (file, ownText) = builder.renderShowingOwnText(PageKind.all[job.kind], job.id)
                var shows = PageLinks.shown(in: file.contents, besides: ownText, numberedBy: numbers)
                if let entity = job.entity { shows.insert(entity, numberedBy: numbers) }
                rendered.append((order[taken], RenderedPage(written: folder.write(file), shows: shows)))
            }
        }
        var ordered = [RenderedPage?](repeating: nil, count: jobs.count)
        for thread in results { for (index, page) in thread { ordered[index] = page } }
        return ordered.map { $0! }
    }

    /// Lets go of `value` on another thread: freeing a whole site takes tens of milliseconds,
    /// which the pages just written need not wait for.
    static func letGo<Value: Sendable>(_ value: consuming Value?) {
        guard let value else { return }
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(value) {} }
    }

    /// Every file below `folder`, as relative paths (what a folder holds before the session's first write).
    static func existingFiles(in folder: URL) -> Set<String> {
        Set(FileSystem.disk(root: folder).listFiles(""))
    }
}
