import Foundation
import Testing
@testable import SitegenCore

/// Every `href` of the HTML files below `output` that points inside the site (not `#…`, not absolute).
private func internalHrefs(in output: URL) throws -> [String] {
    var hrefs: [String] = []
    for file in listFiles(below: output) where file.hasSuffix(".html") && file != "404.html" {
        let html = String(decoding: try Data(contentsOf: output.appendingPathComponent(file)), as: UTF8.self)
        let links = html.components(separatedBy: " href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        hrefs += links.filter { !$0.hasPrefix("#") && !$0.contains("://") }
    }
    return hrefs
}

private let linkedSite = """
-- content/site.yaml --
title: Links
-- content/index.md --
Read [the board](actor:river-board#facts_heading) and [the notes](note:why).
-- content/actors/river-board.md --
---
name: River Board
kind: organization
---
The board.
-- content/notes/why.md --
---
title: Why
---
See [the board](actor:river-board).
"""

@Suite("Links: folders for web servers, files for opening from a disk")
struct LinkStyleTests {
    @Test("a site without base_url links every page by its index.html, so a browser opening public/ from a disk follows them")
    func noBaseURLMeansFileLinks() throws {
        let site = try TestSite(copying: demoSiteFolder)
        let yaml = try String(contentsOf: site.root.appendingPathComponent("content/site.yaml"), encoding: .utf8)
        try site.write("content/site.yaml", yaml.split(separator: "\n").filter { !$0.hasPrefix("base_url:") }.joined(separator: "\n") + "\n")
        let report = site.build()
        #expect(!report.failed, "\(report.diagnostics)")
        let hrefs = try internalHrefs(in: site.publicURL)
        #expect(hrefs.count > 300)
        let folderLinks = hrefs.filter { $0.hasSuffix("/") || $0.contains("/#") }
        #expect(folderLinks.isEmpty, "links a disk cannot follow: \(Set(folderLinks).sorted().prefix(10))")
        let (broken, _) = try brokenInternalLinks(in: site.publicURL, baseURL: nil)
        #expect(broken.isEmpty, "\(broken)")
        let home = try site.page("index.html")
        #expect(home.contains("<a class=\"site-title\" href=\"index.html\">"))
        #expect(home.contains("href=\"timeline/index.html\""))
        let event = try site.page("events/compact-signed/index.html")
        #expect(event.contains("href=\"../../timeline/index.html#compact-signed\""))
        #expect(event.contains("href=\"../../actors/norland/index.html\""))
    }

    @Test("a site with base_url keeps short folder links, as before")
    func baseURLMeansFolderLinks() throws {
        let site = try TestSite(linkedSite)
        #expect(!site.build(baseURL: "https://news.example/river/").failed)
        let home = try site.page("index.html")
        #expect(home.contains("href=\"./actors/river-board/#facts_heading\""))
        #expect(home.contains("<a class=\"site-title\" href=\"./\">"))
        #expect(try site.page("notes/why/index.html").contains("href=\"../../actors/river-board/\""))
    }

    @Test("Markdown cross-references get index.html before their fragment")
    func markdownLinksInFileStyle() throws {
        let site = try TestSite(linkedSite)
        #expect(!site.build().failed)
        let home = try site.page("index.html")
        #expect(home.contains("href=\"./actors/river-board/index.html#facts_heading\""))
        #expect(home.contains("href=\"./notes/why/index.html\""))
        #expect(try site.page("notes/why/index.html").contains("href=\"../../actors/river-board/index.html\""))
    }

    @Test("`links:` in site.yaml chooses the style, and the build option overrides it")
    func explicitStyle() throws {
        let site = try TestSite(linkedSite)
        try site.write("content/site.yaml", "title: Links\nbase_url: https://news.example/\nlinks: files\n")
        #expect(!site.build().failed)
        #expect(try site.page("index.html").contains("href=\"notes/why/index.html\""))
        try site.write("content/site.yaml", "title: Links\nlinks: folders\n")
        #expect(!site.build().failed)
        #expect(try site.page("index.html").contains("href=\"notes/why/\""))
        var options = BuildOptions(root: site.root)
        options.links = .files
        #expect(!SitegenCore.build(options).failed)
        #expect(try site.page("index.html").contains("href=\"notes/why/index.html\""))
    }

    @Test("an unknown link style is an error at its line, with the closest style")
    func unknownStyle() {
        let found = diagnostics(of: """
            -- content/site.yaml --
            title: Links
            links: file
            """)
        #expect(errors(found).map(\.description) == [
            "content/site.yaml:2:8: error: `links` must be `folders` (links like `actors/ID/`, for a web server) or `files` (links like `actors/ID/index.html`, which also work from a disk), not `file`; did you mean `files`?",
        ])
    }
}
