import Foundation
import Testing
@testable import SitegenCore

private let smallSite = """
-- content/index.md --
Welcome.
-- content/actors/river-board.md --
---
name: River Board
kind: organization
---
The board that runs the river.
"""

@Suite("Static files: static/ copied as it is")
struct StaticFilesTests {
    @Test("files of static/, hidden ones and binary ones included, land at the same paths in the output")
    func copiesStaticFiles() throws {
        let site = try TestSite(smallSite)
        let photo = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF, 0x10])
        try site.write("static/images/bridge.png", photo)
        try site.write("static/CNAME", "news.example.org\n")
        try site.write("static/.nojekyll", "")
        try site.write("static/_redirects", "/old /new 301\n")
        try site.write("static/docs/report.pdf", "%PDF-1.4 fake\n")
        let report = site.build()
        #expect(!report.failed, "\(report.diagnostics)")
        #expect(try Data(contentsOf: site.publicURL.appendingPathComponent("images/bridge.png")) == photo)
        #expect(try site.page("CNAME") == "news.example.org\n")
        #expect(site.exists(".nojekyll"))
        #expect(try site.page("_redirects") == "/old /new 301\n")
        #expect(try site.page("docs/report.pdf") == "%PDF-1.4 fake\n")
        #expect(site.exists("actors/river-board/index.html"), "pages are still written beside static files")
    }

    @Test("an unchanged static file keeps its modification time on the next build; a changed one is written again")
    func unchangedStaticFilesKeepTheirDates() throws {
        let site = try TestSite(smallSite)
        try site.write("static/favicon.ico", "icon one")
        try site.write("static/CNAME", "news.example.org\n")
        #expect(!site.build().failed)
        let longAgo = Date(timeIntervalSince1970: 1_000_000_000)
        for path in ["favicon.ico", "CNAME"] {
            try FileManager.default.setAttributes([.modificationDate: longAgo], ofItemAtPath: site.publicURL.appendingPathComponent(path).path)
        }
        try site.write("static/favicon.ico", "icon two")
        let report = site.build()
        #expect(!report.failed)
        #expect(try site.modificationDate("CNAME") == longAgo)
        #expect(try site.modificationDate("favicon.ico") != longAgo)
        #expect(try site.page("favicon.ico") == "icon two")
        #expect((report.writeSummary?.unchanged ?? 0) > 0)
    }

    @Test("a file removed from static/ disappears from the output; files added to public/ by hand still do")
    func removedStaticFilesDisappear() throws {
        let site = try TestSite(smallSite)
        try site.write("static/old.pdf", "old")
        #expect(!site.build().failed)
        #expect(site.exists("old.pdf"))
        try site.remove("static/old.pdf")
        try site.write("public/by-hand.txt", "lost")
        #expect(!site.build().failed)
        #expect(!site.exists("old.pdf"))
        #expect(!site.exists("by-hand.txt"))
    }

    @Test("a static file on a generated page's path is an error naming both, and public/ stays as it was")
    func collisionWithAPageIsAnError() throws {
        let site = try TestSite(smallSite)
        #expect(!site.build().failed)
        let before = try site.outputSnapshot()
        try site.write("static/actors/river-board/index.html", "<p>mine</p>")
        try site.write("static/index.html", "<p>my home</p>")
        try site.write("static/CNAME", "news.example.org\n")
        let report = site.build()
        #expect(report.failed)
        let messages = errors(report.diagnostics).map(\.description)
        #expect(messages.count == 2)
        #expect(messages.contains { $0.hasPrefix("static/actors/river-board/index.html:1:1: error:") && $0.contains("`actor:river-board`") && $0.contains("`actors/river-board/index.html`") })
        #expect(messages.contains { $0.hasPrefix("static/index.html:1:1: error:") && $0.contains("the home page") })
        #expect(try site.outputSnapshot() == before, "a failed build leaves public/ untouched, the CNAME is not added alone")
    }

    @Test("a static file where the output needs a folder, or inside a generated file's path, is an error")
    func folderCollisionsAreErrors() throws {
        let site = try TestSite(smallSite)
        try site.write("static/timeline", "a file named like a section")
        try site.write("static/404.html/extra.txt", "below a page")
        let report = site.build()
        let messages = errors(report.diagnostics).map(\.description)
        #expect(messages.count == 2, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("static/timeline:1:1: error:") && $0.contains("`timeline/index.html`") })
        #expect(messages.contains { $0.hasPrefix("static/404.html/extra.txt:1:1: error:") && $0.contains("`404.html`") })
    }

    @Test("of the generated paths, those a static file can collide with are the ones at, inside or around its path")
    func collisionCandidates() {
        let files = [StaticFile(source: "static/timeline", output: "timeline"), StaticFile(source: "static/media/a/b.png", output: "media/a/b.png")]
        let candidates = StaticFiles.CollisionCandidates(files)
        for path in ["timeline", "timeline/index.html", "timeline/2020/index.html", "media/a/b.png", "media", "media/a"] {
            #expect(candidates.contains(path), "\(path)")
        }
        for path in ["index.html", "timelines/index.html", "media/a/c.png", "media/index.html", "actors/timeline/index.html"] {
            #expect(!candidates.contains(path), "\(path)")
        }
        #expect(!StaticFiles.CollisionCandidates([]).contains("timeline"))
        // Given only the candidates, the collisions are those found given every path.
        let generated = ["index.html", "timeline/index.html", "timeline/2020/index.html", "media", "media/a/b.png", "media/a/c.png", "feed.xml"]
        let all = StaticFiles.collisions(files, generated: generated) { $0 }
        #expect(all.count == 2)
        #expect(StaticFiles.collisions(files, generated: generated.filter(candidates.contains)) { $0 } == all)
    }

    @Test("the render stage counts its files without keeping them: a replaced file is not counted, a failure is kept")
    func renderedCounts() {
        typealias File = BuildStages.Rendered.File
        let failure = OutputWriter.WriteError(subject: .outputFile("b/index.html"), message: "disk full")
        let rendered = BuildStages.Rendered([
            File(isPage: true, outcome: .staged(unchanged: false)),
            File(isPage: true, outcome: .failed(failure)),
            File(isPage: false, outcome: .staged(unchanged: true), collisionCandidate: "media"),
            File(isPage: false, outcome: .replaced, collisionCandidate: "robots.txt"),
            File(isPage: true, outcome: .discarded),
        ], staticFileCount: 4)
        #expect(rendered.pageCount == 3)
        #expect(rendered.generatedFileCount == 4)
        #expect(rendered.fileCount == 8)
        #expect(rendered.staged == OutputWriter.Summary(written: 1, unchanged: 1))
        #expect(rendered.failures == [failure])
        #expect(rendered.collisionCandidates == ["media"])
    }

    @Test("sitegen check reports the same collisions and writes nothing")
    func checkReportsCollisions() throws {
        let site = try TestSite(smallSite)
        try site.write("static/notes/index.html", "mine")
        let report = SitegenCore.build(BuildOptions(root: site.root, writesOutput: false))
        #expect(errors(report.diagnostics).map(\.location.path) == ["static/notes/index.html"])
        #expect(!FileManager.default.fileExists(atPath: site.publicURL.path))
    }

    @Test("a site's own robots.txt replaces the generated one")
    func ownRobotsTxtWins() throws {
        let site = try TestSite(smallSite)
        #expect(!site.build().failed)
        try site.write("static/robots.txt", "User-agent: *\nDisallow: /drafts/\n")
        let report = site.build()
        #expect(!report.failed, "\(report.diagnostics)")
        #expect(try site.page("robots.txt") == "User-agent: *\nDisallow: /drafts/\n")
    }
}
