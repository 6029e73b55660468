import Foundation

/// Builds a site: load, resolve and verify, render, write. The whole pipeline, top to bottom: each
/// stage is one call on ``BuildStages`` (which hands every stage the same file system and the
/// same `parallel` setting), and ``BuildRun`` keeps what the stages find and makes the report.
///
/// - Parameters:
///   - options: where the site is and what to do.
///   - fileSystem: where content and templates are read; the disk below `options.root` by default.
/// - Returns: the report; the output folder is replaced only when there were no errors.
public func build(_ options: BuildOptions, fileSystem: FileSystem? = nil) -> BuildReport {
    let stages = BuildStages(options, fileSystem: fileSystem ?? .disk(root: options.root))
    var run = BuildRun(strict: options.strict)

    // Load: content, sources, theme and static files into values, each Markdown text parsed once.
    var loaded = run.stage("load") { stages.load() }
    var raw = loaded.raw
    loaded.raw = RawSite(config: raw.config, introduction: nil, articles: [], actors: [], events: [], notes: [], sources: [:])

    // Verify (quotes against their sources, placeholders, uncited paragraphs): it reads each
    // article's source texts when it checks that article's quotes (load kept none), and what it
    // alone needs of the texts' parse is then let go.
    run.stage("verify") { stages.verify(raw) }
    raw.dropVerifiedTexts()

    // Resolve: IDs, links, citations and backlinks into one immutable Site.
    let site = run.stage("resolve") { stages.resolve(emptying: &raw) }
    _ = consume raw
    guard run.goesOn else { return run.report() }

    // Search (`search: true`): Pagefind is looked for before anything is written.
    let searchIndexer = run.step { stages.findSearchIndexer(site, loaded.staticFiles) }
    guard run.goesOn else { return run.report() }

    // Write, begun: an empty staging folder beside the output (none for `sitegen check`).
    let output = run.step { stages.beginOutput(site) }
    guard run.goesOn else { return run.report() }

    // Render: every page, the feed, the sitemap and the assets, each staged as soon as it is made,
    // so the site is never held in memory whole; no static file may land on one of them.
    var rendered = run.stage("render") { stages.render(site, loaded, into: output) }
    guard run.goesOn, case .staged(let area) = output else {
        output.abandon()
        return run.report(rendered)
    }

    // Search: Pagefind indexes the staged pages, so the index is always the one of the pages beside it.
    var searchIndex: [Result<Bool, OutputWriter.WriteError>] = []
    if let searchIndexer {
        searchIndex = run.stage("search") { stages.index(site, with: searchIndexer, in: area) }
        rendered.searchIndexFileCount = searchIndex.count
        guard run.goesOn else {
            area.abandon()
            return run.report(rendered)
        }
    }

    // The site is not read again: freeing it goes on beside the write and the report.
    stages.releaseInBackground(consume site)

    // Write: the static files join the staged pages and the staging folder replaces the output;
    // on any failure it is removed and the output stays as it was.
    let summary = run.stage("write") { stages.write(rendered, loaded.staticFiles, searchIndex: searchIndex, into: area) }
    return run.report(rendered, summary)
}
