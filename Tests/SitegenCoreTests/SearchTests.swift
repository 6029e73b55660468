import Foundation
import Synchronization
import Testing
@testable import SitegenCore

/// The demo site with `search: true` (or as it is), copied into its own folder.
private func demoSite(search: Bool, extra: String = "") throws -> TestSite {
    let site = try TestSite(copying: demoSiteFolder)
    if search {
        let settings = try String(contentsOf: site.root.appendingPathComponent("content/site.yaml"), encoding: .utf8)
        try site.write("content/site.yaml", settings + "search: true\n" + extra)
    }
    return site
}

/// Builds `site` into its `public/` with `environment` as the one Pagefind is looked for and runs in.
@discardableResult
private func build(_ site: TestSite, environment: [String: String]) -> BuildReport {
    var options = BuildOptions(root: site.root)
    options.environment = environment
    return SitegenCore.build(options)
}

/// An executable shell script below the site's folder (outside `public/`), standing in for Pagefind.
private func script(_ site: TestSite, _ name: String, _ body: String) throws -> String {
    try site.write("tools/\(name)", "#!/bin/sh\n" + body + "\n")
    let path = site.root.appendingPathComponent("tools/\(name)").path
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    return path
}

/// A stand-in for Pagefind that writes what it was asked into `arguments.txt` and a
/// `pagefind.js`, as the real one does, into `pagefind/` of the folder after `--site`, or into
/// the folder after `--output-path`.
private func recordingPagefind(_ site: TestSite) throws -> String {
    try script(site, "fake-pagefind", """
    all="$*"
    site=""
    out=""
    while [ $# -gt 0 ]; do
      case "$1" in
        --site) site="$2"; shift ;;
        --output-path) out="$2"; shift ;;
      esac
      shift
    done
    [ -n "$out" ] || out="$site/pagefind"
    mkdir -p "$out"
    echo "$all" > "$out/arguments.txt"
    echo "export const search = () => null;" > "$out/pagefind.js"
    """)
}

/// A session (as `sitegen serve` keeps one) that writes the site into its `public/`, with
/// `environment` as the one Pagefind is looked for and runs in.
private func session(_ site: TestSite, environment: [String: String]) -> BuildSession {
    var options = BuildOptions(root: site.root)
    options.environment = environment
    return BuildSession(options)
}

/// The folders a session's index runs left beside the served folder.
private func searchLeftovers(_ site: TestSite) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".public-search") }
}

/// An environment with nothing on PATH: no `pagefind`, no `python3`.
private func emptyEnvironment(_ site: TestSite) throws -> [String: String] {
    try site.write("empty-bin/.keep", "")
    return ["PATH": site.root.appendingPathComponent("empty-bin").path]
}

/// The real Pagefind, found the way sitegen finds it; a test that needs it fails with how to get it.
private func realPagefind(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [String: String] {
    let environment = ProcessInfo.processInfo.environment
    if case .failure(let failure) = SearchIndexer.locate(environment: environment) {
        Issue.record("Pagefind is needed for this test and was not found (run scripts/install-pagefind): \(failure.message)", sourceLocation: sourceLocation)
        throw CancellationError()
    }
    return environment
}

@Suite("Search: `search: true` and Pagefind")
struct SearchTests {
    @Test("a site without `search:` has no search page, no menu entry, no Pagefind marks and no index")
    func searchIsOffByDefault() throws {
        let site = try demoSite(search: false)
        let report = build(site, environment: try emptyEnvironment(site))
        #expect(!report.failed, "\(report.diagnostics)")
        #expect(!site.exists("search/index.html"))
        #expect(!site.exists("pagefind"))
        let home = try site.page("index.html")
        #expect(!home.contains("search/"))
        let actor = try site.page("actors/norland/index.html")
        #expect(!actor.contains("data-pagefind"))
        #expect(!(try site.page("sitemap.xml")).contains("search/"))
    }

    @Test("`search: true` adds the search page to the menu and the sitemap, and marks the pages for Pagefind")
    func searchPageAndMarks() throws {
        let site = try demoSite(search: true)
        let report = build(site, environment: [Environment.pagefind: try recordingPagefind(site)])
        #expect(!report.failed, "\(report.diagnostics)")
        let search = try site.page("search/index.html")
        #expect(search.contains("<h1>Search</h1>"))
        #expect(search.contains("<label for=\"search_query\">Words to look for</label>"))
        #expect(search.contains("data-script=\"../pagefind/pagefind.js\""))
        #expect(search.contains("<option>Actor</option><option>Event</option>"), "the kind filter lists the kinds of page")
        #expect(search.contains("<a href=\"../timeline/\">Timeline</a>"), "without JavaScript the page links to the indexes")
        #expect(!search.contains("data-pagefind-body"), "the search page is not itself a result")
        #expect(try site.page("index.html").contains("<li><a href=\"search/\">Search</a></li>"))
        #expect(search.contains("<li><a href=\"./\" aria-current=\"page\">Search</a></li>") || search.contains("aria-current=\"page\">Search</a>"))
        #expect(try site.page("sitemap.xml").contains("<loc>https://example.org/meridian/search/</loc>"))

        let actor = try site.page("actors/norland/index.html")
        #expect(actor.contains("<main id=\"main_content\" class=\"wrap\" data-pagefind-body data-pagefind-filter=\"kind:Actor\" data-pagefind-meta=\"kind:Actor\">"))
        #expect(actor.contains("<h1 data-pagefind-meta=\"title\" data-pagefind-weight=\"10\">Norland</h1>"))
        #expect(actor.contains("<section class=\"sources\" aria-labelledby=\"sources_heading\" data-pagefind-ignore>"), "the list of sources is not indexed")
        let event = try site.page("events/compact-signed/index.html")
        #expect(event.contains("data-pagefind-filter=\"kind:Event\""))
        #expect(event.contains("<span hidden data-pagefind-filter=\"year:2022\"></span>"), "one filter per element: Pagefind reads `kind:A, year:B` as one value")
        #expect(event.contains("data-pagefind-weight=\"9\""))
        let note = try site.page("notes/how-events-are-dated/index.html")
        #expect(note.contains("data-pagefind-filter=\"kind:Explainer"))
        #expect(note.contains("data-pagefind-weight=\"7\""), "notes keep Pagefind's weight for a heading, below actors and events")
        let timeline = try site.page("timeline/index.html")
        #expect(!timeline.contains("data-pagefind-body"), "indexes are not results: only the pages they list")

        let arguments = try site.page("pagefind/arguments.txt")
        #expect(arguments.contains("--output-subdir pagefind"))
        #expect(arguments.contains("--exclude-selectors sup.cite"))
        #expect(!arguments.contains("--keep-index-url"), "a site with folder links gets results without index.html")
        #expect(arguments.hasPrefix("--site \(site.root.path)/.public-staging-"), "Pagefind runs on the staging folder, not on public/: \(arguments)")
        #expect(report.timings.contains { $0.stage == "search" })
    }

    @Test("in French the search page speaks French, and a site with file links keeps index.html in results")
    func frenchAndFileLinks() throws {
        let site = try demoSite(search: false)
        let settings = try String(contentsOf: site.root.appendingPathComponent("content/site.yaml"), encoding: .utf8)
        try site.write("content/site.yaml", settings.replacingOccurrences(of: "language: en", with: "language: fr") + "search: true\nlinks: files\n")
        let report = build(site, environment: [Environment.pagefind: try recordingPagefind(site)])
        #expect(!report.failed, "\(report.diagnostics)")
        let search = try site.page("search/index.html")
        #expect(search.contains("<h1>Recherche</h1>"))
        #expect(search.contains("résultats pour"))
        #expect(try site.page("actors/norland/index.html").contains("data-pagefind-filter=\"kind:Acteur\""))
        #expect(try site.page("pagefind/arguments.txt").contains("--keep-index-url"))
    }

    @Test("with the real Pagefind the index is written beside the pages, one entry per page of an actor, event, article, note")
    func realIndex() throws {
        let environment = try realPagefind()
        let site = try demoSite(search: true)
        let report = build(site, environment: environment)
        #expect(!report.failed, "\(report.diagnostics)")
        #expect(site.exists("pagefind/pagefind.js"))
        #expect(site.outputFiles().contains { $0.hasPrefix("pagefind/filter/") }, "the kind and year filters are indexed")
        let entry = try site.page("pagefind/pagefind-entry.json")
        let indexed = site.outputFiles().filter {
            ["actors/", "events/", "articles/", "notes/"].contains(where: $0.hasPrefix) && $0.hasSuffix("/index.html") && $0.split(separator: "/").count == 3
        }.count
        #expect(entry.contains("\"page_count\":\(indexed)"), "every entity page and nothing else: \(entry)")
        #expect(report.fileCount == site.outputFiles().count)
    }

    @Test("building twice with the real Pagefind leaves the pages, fragments and scripts unchanged; only the tables Pagefind writes in hash-map order change")
    func indexIsStable() throws {
        let environment = try realPagefind()
        let site = try demoSite(search: true)
        #expect(!build(site, environment: environment).failed)
        let before = try site.outputSnapshot()
        let old = Date(timeIntervalSince1970: 1_000_000_000)
        for path in before.keys {
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: site.publicURL.appendingPathComponent(path).path)
        }
        let second = build(site, environment: environment)
        #expect(!second.failed)
        let after = try site.outputSnapshot()
        /// Pagefind 1.5 writes the values of a filter (and, on larger sites, its word index) in
        /// hash-map order: those files, and the two that name them by their hash, may differ from run to run.
        func isFilterIndex(_ path: String) -> Bool {
            path.hasPrefix("pagefind/filter/") || path.hasPrefix("pagefind/index/") || path == "pagefind/pagefind-entry.json"
                || (path.hasPrefix("pagefind/pagefind.") && path.hasSuffix(".pf_meta"))
        }
        let stable = before.keys.filter { !isFilterIndex($0) }.sorted()
        #expect(stable.contains("pagefind/pagefind.js") && stable.contains { $0.hasPrefix("pagefind/fragment/") })
        for path in stable {
            #expect(after[path] == before[path], "\(path) changed")
            #expect(try site.modificationDate(path) == old, "\(path) was rewritten")
        }
        #expect(after.keys.filter(isFilterIndex).count == before.keys.filter(isFilterIndex).count)
        let changed = after.keys.filter { after[$0] != before[$0] }
        #expect(changed.allSatisfy(isFilterIndex), "\(changed.sorted())")
        #expect((second.writeSummary?.written ?? 99) <= after.keys.filter(isFilterIndex).count)
    }

    @Test("served, the pages are written at once and the index beside them after, which then replaces the served one")
    func sessionIndex() throws {
        let site = try demoSite(search: true)
        let served = session(site, environment: [Environment.pagefind: try recordingPagefind(site)])
        #expect(!served.update().failed)
        #expect(site.exists("index.html") && site.exists("search/index.html"))
        #expect(!site.exists("pagefind"), "the pages do not wait for Pagefind")
        #expect(try served.indexSearch() == [])
        let arguments = try site.page("pagefind/arguments.txt")
        #expect(arguments.hasPrefix("--site \(site.publicURL.path) --output-path \(site.root.path)/.public-search-"),
                "Pagefind reads the served folder and writes beside it: \(arguments)")
        #expect(site.exists("pagefind/pagefind.js"))
        // An edit keeps the index; the next run replaces it whole.
        let note = "content/notes/how-events-are-dated.md"
        let text = try String(contentsOf: site.root.appendingPathComponent(note), encoding: .utf8)
        try site.write(note, text + "\n<!-- uncited -->\nA new paragraph.\n")
        try site.write("public/pagefind/stale.txt", "left by an older index")
        #expect(!served.update().failed)
        #expect(site.exists("pagefind/pagefind.js"), "an update does not remove the index")
        #expect(try served.indexSearch() == [])
        #expect(!site.exists("pagefind/stale.txt"), "the new index replaces the old one whole")
        #expect(try searchLeftovers(site).isEmpty)
    }

    @Test("served, an index whose Pagefind was still running when search was turned off is not put back")
    func sessionSearchTurnedOffDuringIndex() throws {
        let site = try demoSite(search: true)
        let started = site.root.appendingPathComponent("tools/started"), go = site.root.appendingPathComponent("tools/go")
        // Pagefind says it has started, then waits (at most 30 s) for the test to let it finish.
        let waiting = try script(site, "waiting-pagefind", """
        out=""
        while [ $# -gt 0 ]; do [ "$1" = --output-path ] && out="$2"; shift; done
        touch '\(started.path)'
        i=0; while [ ! -e '\(go.path)' ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done
        mkdir -p "$out" && echo "export const search = () => null;" > "$out/pagefind.js"
        """)
        try site.write("tools/go", "")
        let served = session(site, environment: [Environment.pagefind: waiting])
        #expect(!served.update().failed)
        #expect(served.indexSearch() == [])
        #expect(site.exists("pagefind/pagefind.js"))
        try FileManager.default.removeItem(at: started)

        try FileManager.default.removeItem(at: go)
        let indexed = Mutex<[Diagnostic]??>(nil)
        let indexing = Thread { indexed.withLock { $0 = .some(served.indexSearch()) } }
        indexing.start()
        for _ in 0..<300 where !FileManager.default.fileExists(atPath: started.path) { Thread.sleep(forTimeInterval: 0.1) }
        #expect(FileManager.default.fileExists(atPath: started.path), "Pagefind runs")
        let settings = try String(contentsOf: site.root.appendingPathComponent("content/site.yaml"), encoding: .utf8)
        try site.write("content/site.yaml", settings.replacingOccurrences(of: "search: true\n", with: ""))
        #expect(!served.update().failed)
        #expect(!site.exists("pagefind") && !site.exists("search/index.html"), "search is gone with its index")
        try site.write("tools/go", "")
        for _ in 0..<300 where indexed.withLock({ $0 == nil }) { Thread.sleep(forTimeInterval: 0.1) }
        #expect(indexed.withLock { $0 } == .some(nil), "the run made no index to put in place")
        #expect(!site.exists("pagefind"), "the index of a site without search is not put back")
        #expect(try searchLeftovers(site).isEmpty)
    }

    @Test("served with the real Pagefind, a new note is in the index once it is made again")
    func sessionRealIndexFollowsEdits() throws {
        let site = try demoSite(search: true)
        let served = session(site, environment: try realPagefind())
        func fragments() -> Int { site.outputFiles().count { $0.hasPrefix("pagefind/fragment/") } }
        #expect(!served.update().failed)
        #expect(try served.indexSearch() == [])
        let before = fragments()
        #expect(before > 10, "one fragment per page of an actor, event, article or note")
        try site.write("content/notes/a-new-note.md", "---\ntitle: A new note\n---\n<!-- uncited -->\nWords about the river.\n")
        #expect(!served.update().failed)
        #expect(fragments() == before, "the index follows after Pagefind runs again")
        #expect(try served.indexSearch() == [])
        #expect(fragments() == before + 1)
        #expect(try searchLeftovers(site).isEmpty)
    }

    @Test("served without Pagefind, the update stops at `search:` and says how to install it; a failing Pagefind is an error and leaves nothing behind")
    func sessionWithoutPagefind() throws {
        let site = try demoSite(search: true)
        let missing = session(site, environment: try emptyEnvironment(site))
        let report = missing.update()
        let error = try #require(report.diagnostics.first { $0.severity == .error })
        #expect(error.location.path == "content/site.yaml" && error.message.contains("`search: true` needs Pagefind"))
        #expect(!site.exists("index.html"), "nothing is written")
        #expect(missing.indexSearch() == nil, "no good build, nothing to index")

        let other = try demoSite(search: true)
        let failing = session(other, environment: [Environment.pagefind: try script(other, "broken-pagefind", "echo 'Error: out of luck' >&2\nexit 3")])
        #expect(!failing.update().failed)
        let problems = try #require(failing.indexSearch())
        #expect(problems.contains { $0.severity == .error && $0.message.contains("failed with exit status 3") && $0.message.contains("out of luck") })
        #expect(!other.exists("pagefind"))
        #expect(try searchLeftovers(other).isEmpty)
    }

    @Test("with search on and no Pagefind anywhere, the build stops at `search:` and says how to install it")
    func missingPagefind() throws {
        let site = try demoSite(search: true)
        let report = build(site, environment: try emptyEnvironment(site))
        #expect(report.failed)
        let error = try #require(report.diagnostics.first { $0.severity == .error })
        #expect(error.location.path == "content/site.yaml")
        #expect(error.location.line == 5)
        #expect(error.message.contains("`search: true` needs Pagefind"))
        #expect(error.message.contains("pip install 'pagefind[bin]'"))
        #expect(error.message.contains("SITEGEN_PAGEFIND"))
        #expect(!site.exists("index.html"), "nothing is written")
    }

    @Test("SITEGEN_PAGEFIND naming no executable is an error that names it")
    func wrongOverride() throws {
        let site = try demoSite(search: true)
        let report = build(site, environment: [Environment.pagefind: "/no/such/pagefind"])
        let error = try #require(report.diagnostics.first { $0.severity == .error })
        #expect(error.message.contains("SITEGEN_PAGEFIND=/no/such/pagefind is not an executable file"))
    }

    @Test("a Pagefind that fails leaves the previous public/ exactly as it was, and says what Pagefind said")
    func failingPagefindKeepsOldSite() throws {
        let site = try demoSite(search: false)
        #expect(!build(site, environment: [:]).failed)
        let before = try site.outputSnapshot()
        let settings = try String(contentsOf: site.root.appendingPathComponent("content/site.yaml"), encoding: .utf8)
        try site.write("content/site.yaml", settings + "search: true\n")
        let broken = try script(site, "broken-pagefind", "echo 'Error: could not parse page index' >&2\nexit 3")
        let report = build(site, environment: [Environment.pagefind: broken])
        #expect(report.failed)
        let message = try #require(report.diagnostics.first { $0.severity == .error }).message
        #expect(message.contains("failed with exit status 3"))
        #expect(message.contains("could not parse page index"))
        #expect(try site.outputSnapshot() == before, "the old site is untouched")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".public-") }
        #expect(leftovers.isEmpty, "no staging folder is left: \(leftovers)")
    }

    @Test("a Pagefind that exits 0 but writes no index fails the build too")
    func silentPagefindFails() throws {
        let site = try demoSite(search: true)
        let report = build(site, environment: [Environment.pagefind: try script(site, "lazy-pagefind", "exit 0")])
        #expect(report.diagnostics.contains { $0.severity == .error && $0.message.contains("wrote no `pagefind/pagefind.js`") })
        #expect(!site.exists("index.html"))
    }

    @Test("a static file in static/pagefind/ is an error: that folder is the index's")
    func staticFileInIndexFolder() throws {
        let site = try demoSite(search: true)
        try site.write("static/pagefind/pagefind.js", "// mine")
        let report = build(site, environment: [Environment.pagefind: try recordingPagefind(site)])
        let error = try #require(report.diagnostics.first { $0.severity == .error })
        #expect(error.location.path == "static/pagefind/pagefind.js")
        #expect(error.message.contains("the folder of the search index"))
    }
}

private enum Environment {
    static let pagefind = SearchIndexer.environmentVariable
}
