import Foundation
import Testing
@testable import SitegenCore

/// `Tests/Fixtures/demo-site`, found from this file's place in the repository.
let demoSiteFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/demo-site").standardizedFileURL

private let demoBaseURL = "https://example.org/meridian/"

/// Builds a copy of the demo site once per test and reads it back.
private func builtDemoSite(sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> (TestSite, BuildReport) {
    let site = try TestSite(copying: demoSiteFolder)
    let report = site.build()
    #expect(!report.failed, "the demo site does not build: \(report.diagnostics)",
            sourceLocation: sourceLocation)
    return (site, report)
}

/// A broken internal link: the page it is on and where it points.
struct BrokenLink: CustomStringConvertible, Equatable {
    var page: String
    var target: String
    var reason: String
    var description: String { "\(page) → \(target): \(reason)" }
}

/// Checks every `href` and `src` of every HTML file below `output`: relative targets are resolved
/// against the file, `dir/` means `dir/index.html`, and a `#fragment` must be an `id` of the target.
/// Absolute URLs under `baseURL` are checked as local paths; other absolute URLs are skipped.
func brokenInternalLinks(in output: URL, baseURL: String?) throws -> (broken: [BrokenLink], checked: Int) {
    let files = listFiles(below: output)
    let fileSet = Set(files)
    var idsByFile: [String: Set<String>] = [:]
    func ids(_ file: String) throws -> Set<String> {
        if let known = idsByFile[file] { return known }
        let html = String(decoding: try Data(contentsOf: output.appendingPathComponent(file)), as: UTF8.self)
        let found = elementIDs(in: html)
        idsByFile[file] = found
        return found
    }
    var broken: [BrokenLink] = []
    var checked = 0
    for file in files where file.hasSuffix(".html") {
        let html = String(decoding: try Data(contentsOf: output.appendingPathComponent(file)), as: UTF8.self)
        for target in linkTargets(in: html) {
            var reference = target
            var fromRoot = false
            if let baseURL, reference.hasPrefix(baseURL) {
                reference = String(reference.dropFirst(baseURL.count))
                fromRoot = true
            } else if reference.hasPrefix("//") || reference.range(of: "^[a-zA-Z][a-zA-Z0-9+.-]*:", options: .regularExpression) != nil {
                continue  // another site, mailto:, data:
            } else if reference.hasPrefix("/") {
                broken.append(BrokenLink(page: file, target: target, reason: "root-relative links break when public/ is served from a subfolder"))
                continue
            }
            checked += 1
            var fragment: String?
            if let hash = reference.firstIndex(of: "#") {
                fragment = String(reference[reference.index(after: hash)...])
                reference = String(reference[..<hash])
            }
            if let query = reference.firstIndex(of: "?") { reference = String(reference[..<query]) }
            var parts = fromRoot ? [] : file.split(separator: "/").dropLast().map(String.init)
            var escapes = false
            let pieces = reference.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            for piece in pieces {
                if piece == ".." {
                    if parts.isEmpty { escapes = true } else { parts.removeLast() }
                } else if piece != "." && !piece.isEmpty {
                    parts.append(piece)
                }
            }
            if escapes {
                broken.append(BrokenLink(page: file, target: target, reason: "points above the site root"))
                continue
            }
            let resolved: String
            if reference.isEmpty {
                resolved = fromRoot ? "index.html" : file
            } else if reference.hasSuffix("/") || pieces.last == "." || pieces.last == ".." {
                resolved = parts.isEmpty ? "index.html" : parts.joined(separator: "/") + "/index.html"
            } else {
                resolved = parts.joined(separator: "/")
                if !fileSet.contains(resolved), fileSet.contains(resolved + "/index.html") {
                    broken.append(BrokenLink(page: file, target: target, reason: "folder link without a trailing slash"))
                    continue
                }
            }
            guard fileSet.contains(resolved) else {
                broken.append(BrokenLink(page: file, target: target, reason: "no file \(resolved)"))
                continue
            }
            if let fragment, !fragment.isEmpty, resolved.hasSuffix(".html"), !(try ids(resolved)).contains(fragment) {
                broken.append(BrokenLink(page: file, target: target, reason: "no id \"\(fragment)\" in \(resolved)"))
            }
        }
    }
    return (broken, checked)
}

@Suite("End to end: the demo site as a reader gets it")
struct EndToEndTests {
    @Test("the demo site builds with no error and no warning")
    func builds() throws {
        let (_, report) = try builtDemoSite()
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics.map(\.description))")
        #expect(report.pageCount == 22)
    }

    @Test("every page of the contract exists")
    func pagesExist() throws {
        let (site, _) = try builtDemoSite()
        let expected = [
            "index.html", "404.html", "timeline/index.html", "actors/index.html", "articles/index.html", "notes/index.html",
            "feed.xml", "sitemap.xml", "robots.txt",
            "articles/courier-2022-05-compact-signed/index.html", "articles/ledger-2023-06-westerra-withdraws/index.html",
            "articles/gazette-2021-11-commission-report/index.html",
            "actors/norland/index.html", "actors/sudmark/index.html", "actors/westerra/index.html",
            "actors/meridian-river-commission/index.html", "actors/ana-ferreira/index.html",
            "events/compact-signed/index.html", "events/westerra-withdraws/index.html", "events/talks-resume/index.html",
            "events/commission-report/index.html", "events/river-survey/index.html",
            "notes/why-the-compact-matters/index.html", "notes/how-events-are-dated/index.html",
        ]
        for path in expected { #expect(site.exists(path), "missing \(path)") }
        #expect(site.outputFiles().contains { $0.hasPrefix("assets/") && $0.hasSuffix(".css") })
        #expect(!site.outputFiles().contains { $0.hasPrefix("sources/") || $0.hasSuffix(".txt") && $0 != "robots.txt" },
                "source texts must never be copied to public/")
    }

    @Test("every internal link and fragment resolves")
    func internalLinksResolve() throws {
        let (site, _) = try builtDemoSite()
        let (broken, checked) = try brokenInternalLinks(in: site.publicURL, baseURL: demoBaseURL)
        #expect(broken.isEmpty, "\(broken.count) broken links:\n\(broken.map(\.description).joined(separator: "\n"))")
        #expect(checked > 300)
    }

    @Test("the link checker catches a dead link, a missing fragment and a folder link without index")
    func linkCheckerCatchesProblems() throws {
        let site = try TestSite("")
        try site.write("public/index.html", """
            <a href="a/">ok</a><a href="a/#here">ok</a><a href="missing/">dead</a><a href="a/#nowhere">no id</a>
            <a href="../up.html">above</a><a href="https://example.com/">external</a><img src="b.png">
            """)
        try site.write("public/a/index.html", "<p id=\"here\">x</p><a href=\"../\">home</a><a href=\"#here\">self</a>")
        let (broken, checked) = try brokenInternalLinks(in: site.publicURL, baseURL: nil)
        #expect(broken.map(\.target).sorted() == ["../up.html", "a/#nowhere", "b.png", "missing/"])
        #expect(checked == 8)
    }

    @Test("citations are numbered in order of first appearance and listed under Sources")
    func citations() throws {
        let (site, _) = try builtDemoSite()
        let html = mainContent(try site.page("notes/why-the-compact-matters/index.html"))
        let marks = html.components(separatedBy: "<sup class=\"cite\">").dropFirst().map { visibleText($0.components(separatedBy: "</sup>")[0]) }
        #expect(marks == ["[1]", "[1, 2]", "[1, 2]"])
        let sources = try #require(section(of: html, from: "id=\"sources_heading\"", to: "</section>"))
        let text = visibleText(sources)
        #expect(text.contains("Three states sign the Meridian River Compact, The Courier, 16 May 2022 · original article"))
        #expect(text.contains("Westerra withdraws from the river compact, The Ledger, 17 June 2023 · original article"))
        let first = try #require(text.range(of: "The Courier"))
        let second = try #require(text.range(of: "The Ledger"))
        #expect(first.lowerBound < second.lowerBound)
        #expect(sources.contains("href=\"../../articles/courier-2022-05-compact-signed/\""))
        #expect(sources.contains("href=\"https://courier.example.com/2022/05/meridian-compact-signed\""))
    }

    @Test("backlinks appear on the pages that are referenced")
    func backlinks() throws {
        let (site, _) = try builtDemoSite()
        let article = mainContent(try site.page("articles/courier-2022-05-compact-signed/index.html"))
        for target in ["events/compact-signed/", "events/river-survey/", "notes/why-the-compact-matters/",
                       "actors/norland/", "actors/meridian-river-commission/", "articles/ledger-2023-06-westerra-withdraws/"] {
            #expect(article.contains("href=\"../../\(target)\""), "the Courier article does not list \(target)")
        }
        let westerra = mainContent(try site.page("actors/westerra/index.html"))
        for target in ["events/compact-signed/", "events/westerra-withdraws/", "events/river-survey/",
                       "articles/courier-2022-05-compact-signed/", "articles/ledger-2023-06-westerra-withdraws/"] {
            #expect(westerra.contains("href=\"../../\(target)\""), "Westerra does not list \(target)")
        }
        let commission = mainContent(try site.page("actors/meridian-river-commission/index.html"))
        #expect(commission.contains("href=\"../../notes/why-the-compact-matters/\""))
        let survey = mainContent(try site.page("events/river-survey/index.html"))
        #expect(survey.contains("href=\"../../notes/how-events-are-dated/\""))
    }

    @Test("a member-of relation shows on the other actor's page as a member, and leads as led by")
    func relationsBothWays() throws {
        let (site, _) = try builtDemoSite()
        let html = mainContent(try site.page("actors/meridian-river-commission/index.html"))
        let relations = visibleText(try #require(section(of: html, from: "id=\"relations_heading\"", to: "</section>")))
        #expect(relations.contains("Members Norland"))
        #expect(relations.contains("Sudmark"))
        #expect(relations.contains("Westerra (May 2022 – June 2023)"))
        #expect(relations.contains("Led by Ana Ferreira"))
        let westerra = visibleText(mainContent(try site.page("actors/westerra/index.html")))
        #expect(westerra.contains("Member of Meridian River Commission (May 2022 – June 2023)"))
    }

    @Test("a fact whose sources give different values is marked, one whose values differ only by spaces is not")
    func sourcesDiffer() throws {
        let (site, _) = try builtDemoSite()
        let html = mainContent(try site.page("actors/meridian-river-commission/index.html"))
        let length = try #require(section(of: html, from: "Length of the Meridian River", to: "</div>"))
        #expect(length.contains("Sources differ"))
        #expect(length.contains("1,240 km") && length.contains("1,300 km"))
        let members = try #require(section(of: html, from: "Members at the signing", to: "</div>"))
        #expect(!members.contains("Sources differ"))
    }

    @Test("the timeline shows dates by precision, grouped by year, in order")
    func timeline() throws {
        let (site, _) = try builtDemoSite()
        let html = mainContent(try site.page("timeline/index.html"))
        let text = visibleText(html)
        let expected = [
            "c. 2019 First joint survey of the river",
            "November 2021 The commission warns of falling river levels",
            "15–16 May 2022 Three states sign the Meridian River Compact",
            "2023 Talks on a new compact may resume",
            "16 June 2023 Westerra withdraws from the compact",
        ]
        var previous = text.startIndex
        for line in expected {
            let found = try #require(text.range(of: line), "the timeline does not show “\(line)”")
            #expect(found.lowerBound >= previous, "“\(line)” is out of order")
            previous = found.lowerBound
        }
        let years = html.components(separatedBy: "<h2 id=\"year_").dropFirst().map { String($0.prefix(4)) }
        #expect(years == ["2019", "2021", "2022", "2023"])
        for id in ["river-survey", "commission-report", "compact-signed", "talks-resume", "westerra-withdraws"] {
            #expect(elementIDs(in: html).contains(id), "the timeline has no anchor #\(id)")
        }
    }

    @Test("quotes checked against their source texts are shown verified on event pages")
    func quotesOnEventPages() throws {
        let (site, _) = try builtDemoSite()
        let verified = visibleText(mainContent(try site.page("events/westerra-withdraws/index.html")))
        #expect(verified.contains("“The shares no longer reflect the river we have,”"))
        #expect(verified.contains("Verified against the source text"))
        let fromPlainText = visibleText(mainContent(try site.page("events/commission-report/index.html")))
        #expect(fromPlainText.contains("Verified against the source text"))
        #expect(!fromPlainText.contains("Unverified"))
    }

    @Test("a link inside a code span stays text on the page")
    func codeSpanStaysText() throws {
        let (site, _) = try builtDemoSite()
        let html = mainContent(try site.page("notes/how-events-are-dated/index.html"))
        #expect(html.contains("<code>[the survey](event:river-survey)</code>"))
    }

    @Test("GitHub Flavored Markdown tables and footnotes reach the article page")
    func tablesAndFootnotes() throws {
        let (site, _) = try builtDemoSite()
        let html = mainContent(try site.page("articles/ledger-2023-06-westerra-withdraws/index.html"))
        #expect(html.contains("<table>"))
        #expect(html.contains("<td>June 2023</td>"))
        #expect(html.contains("href=\"#fn-length\""))
        #expect(elementIDs(in: html).contains("fn-length"))
        #expect(html.contains("<h3>What happens next</h3>"), "body headings sit below the Summary section heading")
    }

    @Test("the indexes list articles newest first and actors by kind")
    func indexes() throws {
        let (site, _) = try builtDemoSite()
        let articles = visibleText(mainContent(try site.page("articles/index.html")))
        let ledger = try #require(articles.range(of: "Westerra withdraws from the river compact"))
        let courier = try #require(articles.range(of: "Three states sign the Meridian River Compact"))
        let gazette = try #require(articles.range(of: "Commission warns of falling river levels"))
        #expect(ledger.lowerBound < courier.lowerBound && courier.lowerBound < gazette.lowerBound)
        let actors = visibleText(mainContent(try site.page("actors/index.html")))
        #expect(actors.contains("People Ana Ferreira"))
        #expect(actors.contains("States Norland"))
        #expect(actors.contains("Organisations Meridian River Commission"))
    }

    @Test("the feed lists articles and dated notes newest first and is dated by the newest entry, not the build")
    func feed() throws {
        let (site, _) = try builtDemoSite()
        let feed = try site.page("feed.xml")
        // The feed's own date, before the first entry: the newest entry's (the note of 4 July 2023).
        #expect(section(of: feed, from: "<updated>", to: "</updated>") == "2023-07-04T00:00:00Z")
        let entries = feed.components(separatedBy: "<entry>").dropFirst().compactMap { entry in
            section(of: entry, from: "<title>", to: "</title>")
        }
        #expect(entries == ["Why the compact matters", "Westerra withdraws from the river compact",
                            "Three states sign the Meridian River Compact", "Commission warns of falling river levels"])
        #expect(try site.page("sitemap.xml").contains("<loc>https://example.org/meridian/notes/how-events-are-dated/</loc>"))
        #expect(try site.page("robots.txt").contains("Sitemap: https://example.org/meridian/sitemap.xml"))
    }

    @Test("two builds of the same input are byte-identical")
    func reproducible() throws {
        let (first, _) = try builtDemoSite()
        let (second, _) = try builtDemoSite()
        let a = try first.outputSnapshot()
        let b = try second.outputSnapshot()
        #expect(a.keys.sorted() == b.keys.sorted())
        for (path, data) in a { #expect(b[path] == data, "\(path) differs between builds") }
    }

    @Test("raw HTML and a <script> in a title reach the reader as text")
    func escaping() throws {
        let site = try TestSite(copying: demoSiteFolder)
        try site.write("content/notes/raw.md", """
            ---
            title: "Raw <script>alert('title')</script>"
            ---
            Body with <script>alert('body')</script> and <img src=x onerror="alert(1)">.
            """)
        let report = site.build()
        #expect(!report.failed)
        let html = try site.page("notes/raw/index.html")
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img src=x"))
        #expect(html.contains("&lt;script&gt;alert("))
        let index = try site.page("notes/index.html")
        #expect(!index.contains("<script>alert"))
    }

    @Test("drafts are absent without --drafts and present with it")
    func drafts() throws {
        let site = try TestSite(copying: demoSiteFolder)
        try site.write("content/articles/draft-report.md", """
            ---
            title: A report not yet published
            outlet: The Courier
            published: 2024-01-01
            draft: true
            ---
            """)
        #expect(!site.build().failed)
        #expect(!site.exists("articles/draft-report/index.html"))
        for path in ["articles/index.html", "feed.xml", "sitemap.xml", "index.html"] {
            #expect(!(try site.page(path)).contains("draft-report"), "\(path) lists the draft")
        }
        #expect(!site.build(drafts: true).failed)
        #expect(site.exists("articles/draft-report/index.html"))
        #expect(try site.page("feed.xml").contains("A report not yet published"))
    }

    @Test("a failing build leaves public/ exactly as it was")
    func failingBuildKeepsOutput() throws {
        let (site, _) = try builtDemoSite()
        let before = try site.outputSnapshot()
        let dates = try Dictionary(uniqueKeysWithValues: site.outputFiles().map { ($0, try site.modificationDate($0)) })
        try site.write("content/notes/broken.md", "---\ntitle: Broken\n---\nSee [Norland](actor:norlad).\n")
        try site.remove("content/notes/how-events-are-dated.md")
        let report = site.build()
        #expect(report.failed)
        #expect(try site.outputSnapshot() == before)
        for (path, date) in dates { #expect(try site.modificationDate(path) == date, "\(path) was touched") }
        let entries = try FileManager.default.contentsOfDirectory(atPath: site.root.path).sorted()
        #expect(entries == ["README.md", "content", "public", "static"], "a staging folder was left behind: \(entries)")
    }

    @Test("a page whose source is removed disappears on the next build; nothing outside public/ is touched")
    func removedPagesDisappear() throws {
        let (site, _) = try builtDemoSite()
        try site.write("deploy-notes.txt", "kept")
        try site.write("public-old/index.html", "kept")
        try site.remove("content/notes/how-events-are-dated.md")
        #expect(!site.build().failed)
        #expect(!site.exists("notes/how-events-are-dated/index.html"))
        #expect(!site.exists("notes/how-events-are-dated"))
        #expect(!(try site.page("notes/index.html")).contains("how-events-are-dated"))
        #expect(try String(contentsOf: site.root.appendingPathComponent("deploy-notes.txt"), encoding: .utf8) == "kept")
        #expect(try String(contentsOf: site.root.appendingPathComponent("public-old/index.html"), encoding: .utf8) == "kept")
    }

    @Test("an unchanged rebuild keeps the modification time of every file")
    func unchangedRebuildKeepsTimes() throws {
        let (site, _) = try builtDemoSite()
        let past = Date(timeIntervalSince1970: 1_000_000_000)
        for path in site.outputFiles() {
            try FileManager.default.setAttributes([.modificationDate: past],
                                                  ofItemAtPath: site.publicURL.appendingPathComponent(path).path)
        }
        try site.write("content/notes/how-events-are-dated.md", """
            ---
            title: How events are dated
            order: 2
            about: [event:river-survey]
            ---
            Changed text.
            """)
        let report = site.build()
        #expect(!report.failed)
        #expect(try site.modificationDate("actors/norland/index.html") == past)
        #expect(try site.modificationDate("articles/courier-2022-05-compact-signed/index.html") == past)
        #expect(try site.modificationDate("notes/how-events-are-dated/index.html") != past)
        #expect((report.writeSummary?.unchanged ?? 0) > 0)
        #expect((report.writeSummary?.written ?? 0) >= 1)
    }

    @Test("several errors in several files are all reported in one run, in order")
    func severalErrors() throws {
        let site = try TestSite(copying: demoSiteFolder)
        try site.write("content/notes/zz-broken.md", "---\ntitle: Broken\n---\n[a](actor:nobody) [@nothing]\n")
        try site.write("content/events/broken.yaml", "- id: broken\n  date: 2023-02-30\n  title: Broken\n  sources: [nothing]\n")
        try site.write("content/articles/no-outlet.md", "---\ntitle: No outlet\npublished: 2023-01-01\n---\n")
        let report = site.build()
        #expect(report.failed)
        let places = errors(report.diagnostics).map { "\($0.location)" }
        #expect(places == [
            "content/articles/no-outlet.md:2:1",
            "content/events/broken.yaml:2:9",
            "content/notes/zz-broken.md:4:1",
            "content/notes/zz-broken.md:4:20",
        ])
        #expect(!site.exists(""))
    }
}

// MARK: - One test per kind of content error

/// The demo site's files, read once, as bytes by root-relative path.
private let demoSiteFiles: [String: Data] = {
    var files: [String: Data] = [:]
    for path in listFiles(below: demoSiteFolder) where !path.hasPrefix("public/") {
        files[path] = try? Data(contentsOf: demoSiteFolder.appendingPathComponent(path))
    }
    return files
}()

private func fileSystem(_ files: [String: Data]) -> FileSystem {
    FileSystem(
        listFiles: { directory in
            let prefix = directory.isEmpty ? "" : directory + "/"
            return files.keys.filter { $0.hasPrefix(prefix) }.sorted()
        },
        readFile: { files[$0] },
        directoryExists: { directory in files.keys.contains { $0.hasPrefix(directory + "/") } }
    )
}

/// A change to the demo site that makes one kind of content error, and where it must be reported.
struct ContentErrorCase: CustomTestStringConvertible, Sendable {
    var kind: String
    var files: [String: Data]
    var location: String
    var message: String
    var suggestion: String?

    init(_ kind: String, _ files: [String: String], at location: String, _ message: String, suggesting suggestion: String? = nil) {
        self.kind = kind
        self.files = files.mapValues { Data($0.utf8) }
        self.location = location
        self.message = message
        self.suggestion = suggestion
    }

    init(_ kind: String, bytes files: [String: Data], at location: String, _ message: String) {
        self.kind = kind
        self.files = files
        self.location = location
        self.message = message
    }

    var testDescription: String { kind }
}

private let invalidUTF8: Data = {
    var data = Data("---\ntitle: Bad bytes\n---\nA line.\nHere \u{201C}".utf8)
    data.append(contentsOf: [0xC3, 0x28])
    data.append(contentsOf: Data(" there.\n".utf8))
    return data
}()

private let contentErrorCases: [ContentErrorCase] = [
    ContentErrorCase("an unknown actor in a Markdown link",
                     ["content/notes/broken.md": "---\ntitle: Broken\n---\nSee [Norland](actor:norlad).\n"],
                     at: "content/notes/broken.md:4:5", "unknown actor `norlad`", suggesting: "norland"),
    ContentErrorCase("an unknown article in a citation",
                     ["content/notes/broken.md": "---\ntitle: Broken\n---\nAs reported [@courier-2022-05-compact-signd].\n"],
                     at: "content/notes/broken.md:4:14", "unknown article", suggesting: "courier-2022-05-compact-signed"),
    ContentErrorCase("an unknown event in a Markdown link",
                     ["content/notes/broken.md": "---\ntitle: Broken\n---\n[x](event:compact-sign)\n"],
                     at: "content/notes/broken.md:4:1", "unknown event `compact-sign`", suggesting: "compact-signed"),
    ContentErrorCase("an unknown page in a note's about",
                     ["content/notes/broken.md": "---\ntitle: Broken\nabout: [note:why-the-compact-maters]\n---\n"],
                     at: "content/notes/broken.md:3:9", "unknown note", suggesting: "why-the-compact-matters"),
    ContentErrorCase("an unknown actor among an event's actors",
                     ["content/events/broken.yaml": "- id: broken\n  date: 2023\n  title: Broken\n  actors: [westera]\n  sources: [courier-2022-05-compact-signed]\n"],
                     at: "content/events/broken.yaml:4:12", "unknown actor `westera`", suggesting: "westerra"),
    ContentErrorCase("an unknown article among an event's sources",
                     ["content/events/broken.yaml": "- id: broken\n  date: 2023\n  title: Broken\n  sources:\n    - article: courier-2022\n"],
                     at: "content/events/broken.yaml:5:7", "unknown article `courier-2022`"),
    ContentErrorCase("an unknown actor in a relation",
                     ["content/actors/broken.md": "---\nname: Broken\nkind: state\nrelations:\n  - type: member-of\n    actor: meridian-commission\n---\n"],
                     at: "content/actors/broken.md:6:12", "unknown actor", suggesting: "meridian-river-commission"),
    ContentErrorCase("an unknown relation type",
                     ["content/actors/broken.md": "---\nname: Broken\nkind: state\nrelations:\n  - type: member\n    actor: norland\n---\n"],
                     at: "content/actors/broken.md:5:11", "unknown relation type `member`", suggesting: "member-of"),
    ContentErrorCase("an unknown actor kind",
                     ["content/actors/broken.md": "---\nname: Broken\nkind: stat\n---\n"],
                     at: "content/actors/broken.md:3:7", "unknown actor kind", suggesting: "state"),
    ContentErrorCase("a missing required key",
                     ["content/articles/no-outlet.md": "---\ntitle: No outlet\npublished: 2023-01-01\n---\n"],
                     at: "content/articles/no-outlet.md:2:1", "`outlet`"),
    ContentErrorCase("an event without sources",
                     ["content/events/broken.yaml": "- id: broken\n  date: 2023\n  title: Broken\n"],
                     at: "content/events/broken.yaml:1:3", "`sources`"),
    ContentErrorCase("a file name that is not an ID",
                     ["content/actors/Bad_Name.md": "---\nname: Bad\nkind: state\n---\n"],
                     at: "content/actors/Bad_Name.md:1:1", "invalid ID", suggesting: "bad-name"),
    ContentErrorCase("an event ID that could write outside public/",
                     ["content/events/broken.yaml": "- id: ../../escape\n  date: 2023\n  title: Broken\n  sources: [courier-2022-05-compact-signed]\n"],
                     at: "content/events/broken.yaml:1:7", "invalid ID"),
    ContentErrorCase("a duplicate event ID",
                     ["content/events/zz-again.yaml": "- id: compact-signed\n  date: 2022\n  title: Again\n  sources: [courier-2022-05-compact-signed]\n"],
                     at: "content/events/zz-again.yaml:1:3", "content/events/compact.yaml:11:3"),
    ContentErrorCase("a date that does not exist",
                     ["content/events/broken.yaml": "- id: broken\n  date: 2023-02-30\n  title: Broken\n  sources: [courier-2022-05-compact-signed]\n"],
                     at: "content/events/broken.yaml:2:9", "`date`"),
    ContentErrorCase("an end before the date",
                     ["content/events/broken.yaml": "- id: broken\n  date: 2023-05\n  end: 2023-04\n  title: Broken\n  sources: [courier-2022-05-compact-signed]\n"],
                     at: "content/events/broken.yaml:3:8", "`end`"),
    ContentErrorCase("a quote not in the source text",
                     ["content/events/broken.yaml": "- id: broken\n  date: 2023\n  title: Broken\n  sources:\n    - article: courier-2022-05-compact-signed\n      quote: \"Norland, Sudmark and Westerra on Monday signed a treaty\"\n"],
                     at: "content/events/broken.yaml:6:14", "closest passage: \"Norland, Sudmark and Westerra on Monday signed a compa"),
    ContentErrorCase("a source file that does not exist",
                     ["content/articles/extra.md": "---\ntitle: Extra\noutlet: The Courier\npublished: 2023-01-01\nsource: courier-2022-05-compact-signed.html\n---\n"],
                     at: "content/articles/extra.md:5:9", "not found", suggesting: "courier-2022-05-compact-signed.txt"),
    ContentErrorCase("a link to a draft",
                     ["content/articles/later.md": "---\ntitle: Later\noutlet: The Courier\npublished: 2024-01-01\ndraft: true\n---\n",
                      "content/notes/broken.md": "---\ntitle: Broken\n---\nSee [later](article:later).\n"],
                     at: "content/notes/broken.md:4:5", "draft"),
    ContentErrorCase("a misspelled link kind",
                     ["content/notes/broken.md": "---\ntitle: Broken\n---\n[x](actors:norland)\n"],
                     at: "content/notes/broken.md:4:1", "not a kind of page", suggesting: "actor:norland"),
    ContentErrorCase("front matter that is not closed",
                     ["content/notes/broken.md": "---\ntitle: Broken\n"],
                     at: "content/notes/broken.md:1:1", "not closed"),
    ContentErrorCase("a YAML syntax error",
                     ["content/events/broken.yaml": "- id: broken\n  date: [2023\n"],
                     at: "content/events/broken.yaml:2:9", "YAML syntax"),
    ContentErrorCase("an invalid base_url",
                     ["content/site.yaml": "title: Demo\nbase_url: example.org/meridian\n"],
                     at: "content/site.yaml:2:11", "base_url"),
    ContentErrorCase("a key written twice",
                     ["content/notes/broken.md": "---\ntitle: A\nsummary: x\ntitle: B\n---\n"],
                     at: "content/notes/broken.md:4:1", "duplicate key `title`"),
    ContentErrorCase("a yes/no value that is neither",
                     ["content/notes/broken.md": "---\ntitle: A\ndraft: maybe\n---\n"],
                     at: "content/notes/broken.md:3:8", "`draft` must be `true` or `false`"),
    ContentErrorCase("invalid UTF-8", bytes: ["content/notes/broken.md": invalidUTF8],
                     at: "content/notes/broken.md:5:7", "UTF-8"),
    ContentErrorCase("a template with a syntax error",
                     ["templates/note.mustache": "{{<layout}}\n{{$main}}\n{{#about}}\n{{/main}}\n{{/layout}}\n"],
                     at: "templates/note.mustache", "template"),
    ContentErrorCase("a template including a missing partial",
                     ["templates/note.mustache": "{{<layout}}\n{{$main}}\n<h1>{{title}}</h1>\n  {{> partials/sourcess}}\n{{/main}}\n{{/layout}}\n"],
                     at: "templates/note.mustache:4:3", "does not exist", suggesting: "partials/sources"),
    ContentErrorCase("a template extending a missing layout",
                     ["templates/note.mustache": "{{<layot}}{{$main}}\n<h1>{{title}}</h1>\n{{/main}}{{/layot}}\n"],
                     at: "templates/note.mustache:1:1", "does not exist", suggesting: "layout"),
]

@Suite("End to end: one test per kind of content error")
struct ContentErrorTests {
    @Test("each kind of content error is reported where it is, and the build fails", arguments: contentErrorCases)
    func contentError(_ errorCase: ContentErrorCase) throws {
        var files = demoSiteFiles
        for (path, data) in errorCase.files { files[path] = data }
        let options = BuildOptions(root: URL(fileURLWithPath: "/nonexistent-sitegen-site"), writesOutput: false)
        let report = build(options, fileSystem: fileSystem(files))
        #expect(report.failed)
        let found = errors(report.diagnostics)
        let match = found.first { "\($0.location)".hasPrefix(errorCase.location) && $0.fullMessage.contains(errorCase.message) }
        let diagnostic = try #require(match, "expected an error at \(errorCase.location) containing “\(errorCase.message)”; got:\n\(found.map(\.description).joined(separator: "\n"))")
        if let suggestion = errorCase.suggestion {
            #expect(diagnostic.suggestion == suggestion)
            #expect(diagnostic.description.contains("did you mean `\(suggestion)`?"))
        }
        #expect(found.count == 1, "one mistake gives one error, got:\n\(found.map(\.description).joined(separator: "\n"))")
    }

    @Test("a content error on disk leaves public/ as it was", arguments: contentErrorCases.filter {
        ["an unknown actor in a Markdown link", "a quote not in the source text", "invalid UTF-8",
         "a template including a missing partial"].contains($0.kind)
    })
    func contentErrorKeepsOutput(_ errorCase: ContentErrorCase) throws {
        let (site, _) = try builtDemoSite()
        let before = try site.outputSnapshot()
        for (path, data) in errorCase.files { try site.write(path, data) }
        let report = site.build()
        #expect(report.failed)
        #expect(try site.outputSnapshot() == before)
    }
}
