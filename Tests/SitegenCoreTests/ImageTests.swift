import Foundation
import Synchronization
import Testing
@testable import SitegenCore

private let imageSite = """
-- content/site.yaml --
title: Harbour News
base_url: https://example.org/news/
-- content/index.md --
<!-- uncited -->
The harbour, from above.

![The harbour at dawn](images/harbour.png)
-- content/articles/gazette-vote.md --
---
title: Council votes on the harbour
outlet: Gazette
published: 2024-03-02
image: images/harbour.png
image_alt: The harbour seen from the council's windows
image_credit: Jane Doe/Gazette
---
The council voted. [@gazette-vote]

![A map of the harbour](images/map.svg "Map")
-- content/actors/harbour-board.md --
---
name: Harbour Board
kind: organization
---
The board that runs the harbour. [@gazette-vote]

![The board's building](images/harbour.png)

![The board's logo](images/logo.gif)
-- content/notes/how-the-vote-works.md --
---
title: How the vote works
---
A note. [@gazette-vote]

![A map of the harbour](images/map.svg)
-- content/pages/about.md --
---
title: About
---
<!-- uncited -->
Who we are.

![Our newsroom](images/harbour.png)
"""

/// The site above with its images in `static/`.
private func makeImageSite(_ extra: [String: String] = [:]) throws -> TestSite {
    let site = try TestSite(imageSite)
    try site.write("static/images/harbour.png", Data(ImageFixtures.png))
    try site.write("static/images/logo.gif", Data(ImageFixtures.gif))
    try site.write("static/images/map.svg", Data(ImageFixtures.svgViewBox))
    for (path, text) in extra { try site.write(path, text) }
    return site
}

/// The `<img …>` tags of a page.
private func imageTags(_ html: String) -> [String] {
    var tags: [String] = []
    var rest = html[...]
    while let start = rest.range(of: "<img ") {
        guard let end = rest[start.lowerBound...].firstIndex(of: ">") else { break }
        tags.append(String(rest[start.lowerBound...end]))
        rest = rest[rest.index(after: end)...]
    }
    return tags
}

@Suite("Images: checked against static/, sized, lazy below the first screen, shown with their credit")
struct ImageTests {
    @Test("a Markdown image gets the address of its static/ file from each page, with its width and height")
    func markdownImagesAreSizedAndAddressed() throws {
        let site = try makeImageSite()
        let report = site.build()
        #expect(!report.failed, "\(report.diagnostics)")
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let home = imageTags(try site.page("index.html"))
        #expect(home == [#"<img src="images/harbour.png" alt="The harbour at dawn" width="3" height="2" decoding="async">"#])
        let actor = imageTags(try site.page("actors/harbour-board/index.html"))
        #expect(actor == [#"<img src="../../images/harbour.png" alt="The board&#39;s building" width="3" height="2" decoding="async">"#,
                          #"<img src="../../images/logo.gif" alt="The board&#39;s logo" width="3" height="2" loading="lazy" decoding="async">"#])
        #expect(imageTags(try site.page("about/index.html")).first?.contains(#"src="../images/harbour.png""#) == true)
        #expect(imageTags(try site.page("notes/how-the-vote-works/index.html")).first?.contains(#"width="300" height="150""#) == true)
        #expect(site.exists("images/harbour.png"), "the image itself is copied from static/")
    }

    @Test("the first image of a page loads at once, every later one lazily; after a front-matter image, all of the text's")
    func lazyLoadingBelowTheFirstScreen() throws {
        let site = try makeImageSite()
        #expect(!site.build().failed)
        let actor = imageTags(try site.page("actors/harbour-board/index.html"))
        #expect(actor.map { $0.contains(#"loading="lazy""#) } == [false, true])
        let article = imageTags(try site.page("articles/gazette-vote/index.html"))
        #expect(article.count == 2)
        #expect(!article[0].contains("loading="), "the front-matter image is on the first screen")
        #expect(article[1].contains(#"loading="lazy""#), "the body's image comes after it")
    }

    @Test("with `links: files` and a site in a sub-folder, images are still addressed as files from each page")
    func imagesInFileLinkStyle() throws {
        let site = try makeImageSite(["content/site.yaml": "title: Harbour News\nbase_url: https://example.org/deep/sub/\nlinks: files\n"])
        #expect(!site.build().failed)
        let actor = try site.page("actors/harbour-board/index.html")
        #expect(imageTags(actor).first?.contains(#"src="../../images/harbour.png""#) == true)
        #expect(actor.contains(#"href="../../index.html""#), "page links do end in index.html")
        #expect(try site.page("articles/gazette-vote/index.html").contains(#"<meta property="og:image" content="https://example.org/deep/sub/images/harbour.png">"#))
    }

    @Test("a missing image is an error at its place in the Markdown, saying where it was looked for, and nothing is written")
    func missingImageIsAnError() throws {
        let site = try makeImageSite()
        try site.write("content/notes/how-the-vote-works.md", "---\ntitle: How the vote works\n---\nA note. [@gazette-vote] ![A map](images/mapp.svg)\n")
        let report = site.build()
        #expect(report.failed)
        let found = errors(report.diagnostics)
        #expect(found.count == 1)
        let error = try #require(found.first)
        #expect(error.location == SourceLocation(path: "content/notes/how-the-vote-works.md", line: 4, column: 25))
        #expect(error.message.contains("`static/images/mapp.svg`"))
        #expect(error.suggestion == "images/map.svg")
        #expect(!site.exists("index.html"))
    }

    @Test("an image without alt text is a warning at its place; so is a front-matter image without image_alt")
    func emptyAltIsAWarning() throws {
        let site = try makeImageSite()
        try site.write("content/pages/about.md", "---\ntitle: About\n---\n<!-- uncited -->\nWho we are.\n\n  ![](images/harbour.png)\n")
        try site.write("content/actors/harbour-board.md", "---\nname: Harbour Board\nkind: organization\nimage: images/logo.gif\n---\nThe board. [@gazette-vote]\n")
        let report = site.build()
        #expect(!report.failed)
        let found = warnings(report.diagnostics)
        #expect(found.map(\.location) == [SourceLocation(path: "content/actors/harbour-board.md", line: 4, column: 8),
                                          SourceLocation(path: "content/pages/about.md", line: 7, column: 3)])
        #expect(found.allSatisfy { $0.message.contains("no alt text") })
        #expect(found[0].message.contains("image_alt"))
    }

    @Test("a front-matter image is shown at the top of its page with its credit, and used for Open Graph and JSON-LD")
    func frontMatterImage() throws {
        let site = try makeImageSite()
        #expect(!site.build().failed)
        let html = try site.page("articles/gazette-vote/index.html")
        #expect(html.contains(#"<img src="../../images/harbour.png" alt="The harbour seen from the council&#39;s windows" width="3" height="2" decoding="async">"#))
        #expect(html.contains("<figcaption>Image: Jane Doe/Gazette</figcaption>"))
        #expect(html.contains(#"<meta property="og:image" content="https://example.org/news/images/harbour.png">"#))
        #expect(html.contains(#"<meta property="og:image:alt" content="The harbour seen from the council&#39;s windows">"#))
        #expect(html.contains(#""image":"https://example.org/news/images/harbour.png""#))
        #expect(!(try site.page("actors/harbour-board/index.html")).contains("og:image"), "a page without image: has no og:image")
    }

    @Test("in French the credit reads « Image : » with a non-breaking space")
    func creditInFrench() throws {
        let site = try makeImageSite(["content/site.yaml": "title: Harbour News\nlanguage: fr\n"])
        #expect(!site.build().failed)
        let html = try site.page("articles/gazette-vote/index.html")
        #expect(html.contains("<figcaption>Image\u{A0}: Jane Doe/Gazette</figcaption>"))
        #expect(!html.contains("og:image"), "without base_url there is no absolute address for link previews")
    }

    @Test("a missing front-matter image is an error at `image:`; alt text without an image is a warning")
    func frontMatterImageProblems() throws {
        let site = try makeImageSite()
        try site.write("content/notes/how-the-vote-works.md", "---\ntitle: How the vote works\nimage: images/nothing.jpg\nimage_alt: Nothing\n---\nA note. [@gazette-vote]\n")
        try site.write("content/actors/harbour-board.md", "---\nname: Harbour Board\nkind: organization\nimage_credit: Someone\n---\nThe board. [@gazette-vote]\n")
        let report = site.build()
        #expect(report.failed)
        #expect(errors(report.diagnostics).map(\.location) == [SourceLocation(path: "content/notes/how-the-vote-works.md", line: 3, column: 8)])
        #expect(warnings(report.diagnostics).map(\.location) == [SourceLocation(path: "content/actors/harbour-board.md", line: 4, column: 15)])
    }

    @Test("hostile paths are errors and nothing outside static/ is ever read", arguments: [
        "../../etc/passwd", "/etc/passwd", "%2e%2e/%2e%2e/etc/passwd", "images/../../secret.png", "..%2Fsecret.png",
        "file:///etc/passwd", "images\\..\\..\\secret.png", "/secret.png", "%2Fetc%2Fpasswd", "images/%00.png",
    ])
    func hostilePathsAreRejected(_ path: String) throws {
        let site = try makeImageSite()
        try site.write("secret.png", Data(ImageFixtures.png))
        try site.write("content/pages/about.md", "---\ntitle: About\n---\n<!-- uncited -->\nWho we are.\n\n![A secret](\(path))\n")
        let reads = Mutex<[String]>([])
        let disk = FileSystem.disk(root: site.root)
        let recording = FileSystem(listFiles: disk.listFiles, readFile: { path in
            reads.withLock { $0.append(path) }
            return disk.readFile(path)
        }, directoryExists: disk.directoryExists)
        let report = build(BuildOptions(root: site.root), fileSystem: recording)
        #expect(report.failed)
        let found = errors(report.diagnostics)
        #expect(found.map(\.location) == [SourceLocation(path: "content/pages/about.md", line: 7, column: 1)], "\(found)")
        let outside = reads.withLock { $0 }.filter { !$0.hasPrefix("content/") && !$0.hasPrefix("static/") && !$0.hasPrefix("templates/") }
        #expect(outside.isEmpty, "read outside static/: \(outside)")
        #expect(!site.exists("index.html"))
    }

    @Test("external images are left as written, not checked, and still load lazily")
    func externalImages() throws {
        let site = try makeImageSite()
        try site.write("content/pages/about.md", "---\ntitle: About\n---\n<!-- uncited -->\nWho we are.\n\n![Ours](images/harbour.png) ![Theirs](https://cdn.example.com/a%20b.jpg?w=2&h=1)\n")
        let report = site.build()
        #expect(!report.failed, "\(report.diagnostics)")
        let tags = imageTags(try site.page("about/index.html"))
        #expect(tags.last == #"<img src="https://cdn.example.com/a%20b.jpg?w=2&amp;h=1" alt="Theirs" loading="lazy" decoding="async">"#)
    }

    @Test("a file that is not a readable image is a warning and gets no width or height; the build goes on")
    func brokenImageFile() throws {
        let site = try makeImageSite()
        try site.write("static/images/harbour.png", Data(ImageFixtures.png.prefix(20)))
        let report = site.build()
        #expect(!report.failed)
        let found = warnings(report.diagnostics)
        #expect(!found.isEmpty && found.allSatisfy { $0.message.contains("static/images/harbour.png") && $0.message.contains("cut short") })
        let tag = try #require(imageTags(try site.page("index.html")).first)
        #expect(tag == #"<img src="images/harbour.png" alt="The harbour at dawn" decoding="async">"#)
    }

    @Test("a paragraph holding only an image needs no citation; a path with spaces is percent-encoded")
    func imageOnlyParagraphAndSpaces() throws {
        let site = try makeImageSite()
        try site.write("static/images/river mouth.png", Data(ImageFixtures.png))
        try site.write("content/pages/about.md", "---\ntitle: About\n---\n<!-- uncited -->\nWho we are.\n\n![The river mouth](<images/river mouth.png>)\n\n![Again](images/river%20mouth.png)\n")
        let report = site.build()
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let tags = imageTags(try site.page("about/index.html"))
        #expect(tags.count == 2 && tags.allSatisfy { $0.contains(#"src="../images/river%20mouth.png""#) && $0.contains(#"width="3""#) })
    }

    @Test("images in event summaries, in links and in table cells are checked and addressed from each page")
    func imagesInSummariesLinksAndTables() throws {
        let site = try makeImageSite()
        try site.write("content/events/harbour.yaml", """
            - id: harbour-vote
              date: 2024-03-02
              title: The council votes
              summary: The vote in the hall ![The council hall](images/harbour.png)
              sources: [gazette-vote]
            """)
        try site.write("content/pages/about.md", """
            ---
            title: About
            ---
            <!-- uncited -->
            | Who | Where |
            |---|---|
            | Us | ![Our office](images/harbour.png) |

            [![The board's logo](images/logo.gif)](actor:harbour-board)
            """)
        let report = site.build()
        #expect(!report.failed, "\(report.diagnostics)")
        #expect(imageTags(try site.page("timeline/index.html")) == [#"<img src="../images/harbour.png" alt="The council hall" width="3" height="2" loading="lazy" decoding="async">"#])
        #expect(imageTags(try site.page("events/harbour-vote/index.html")).first?.contains(#"src="../../images/harbour.png""#) == true)
        let about = try site.page("about/index.html")
        // A table cell takes no custom markup in cmark-gfm: the image keeps its checked address, without a size.
        #expect(about.contains(#"<img src="../images/harbour.png" alt="Our office" />"#))
        #expect(about.contains(#"<a href="../actors/harbour-board/"><img src="../images/logo.gif" alt="The board&#39;s logo" width="3" height="2" loading="lazy" decoding="async"></a>"#))
    }

    @Test("a hostile front-matter image is an error at `image:` and is not read")
    func hostileFrontMatterImage() throws {
        let site = try makeImageSite()
        try site.write("content/actors/harbour-board.md", "---\nname: Harbour Board\nkind: organization\nimage: ../secret.png\nimage_alt: A secret\n---\nThe board. [@gazette-vote]\n")
        try site.write("secret.png", Data(ImageFixtures.png))
        let report = site.build()
        #expect(report.failed)
        #expect(errors(report.diagnostics).map(\.location) == [SourceLocation(path: "content/actors/harbour-board.md", line: 4, column: 8)])
    }

    @Test("a path written from the site root (`static/images/…`) is an error that suggests the path from static/")
    func pathFromTheSiteRoot() throws {
        let site = try makeImageSite()
        try site.write("content/pages/about.md", "---\ntitle: About\n---\n<!-- uncited -->\nWho we are.\n\n![Our newsroom](static/images/harbour.png)\n")
        let report = site.build()
        let error = try #require(errors(report.diagnostics).first)
        #expect(error.location == SourceLocation(path: "content/pages/about.md", line: 7, column: 1))
        #expect(error.suggestion == "images/harbour.png")
        #expect(error.message.contains("`static/static/images/harbour.png`"))
    }
}
