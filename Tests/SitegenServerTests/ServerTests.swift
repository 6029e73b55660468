import Foundation
import HTTPTypes
import HummingbirdTesting
import SitegenCore
@testable import SitegenServer
import Testing

@Suite("sitegen serve answers real HTTP requests")
struct ServerTests {
    @Test("pages are served with pretty URLs, the reload script and correct content types")
    func prettyURLs() async throws {
        let site = try TestSite()
        defer { site.remove() }
        try await site.withServer { server, client in
            let home = try await client.execute(uri: "/", method: .get)
            #expect(home.status == .ok)
            #expect(home.headers[.contentType] == "text/html; charset=utf-8")
            #expect(home.text.contains("Test explainer"))
            #expect(home.text.contains("sitegen-live-reload"))

            let actor = try await client.execute(uri: "/actors/minusma/", method: .get)
            #expect(actor.status == .ok)
            #expect(actor.text.contains("<h1"))
            #expect(actor.text.contains("MINUSMA"))

            let bare = try await client.execute(uri: "/actors/minusma", method: .get)
            #expect(bare.status == .movedPermanently)
            #expect(bare.headers[.location] == "/actors/minusma/")

            let index = try await client.execute(uri: "/actors/minusma/index.html", method: .get)
            #expect(index.status == .ok)

            // The script is added to responses only, never to the files on disk.
            let folder = try #require(await server.firstBuild().servedFolder)
            let onDisk = try String(contentsOfFile: folder + "/actors/minusma/index.html", encoding: .utf8)
            #expect(!onDisk.contains("sitegen-live-reload"))

            let assets = try FileManager.default.contentsOfDirectory(atPath: folder + "/assets")
            let css = try #require(assets.first { $0.hasSuffix(".css") })
            let style = try await client.execute(uri: "/assets/\(css)", method: .get)
            #expect(style.status == .ok)
            #expect(style.headers[.contentType] == "text/css; charset=utf-8")
            #expect(!style.text.contains("sitegen-live-reload"))
            #expect(style.headers[.cacheControl] == "public, max-age=31536000, immutable", "fingerprinted assets may be cached")
            #expect(home.headers[.cacheControl] == "no-store", "pages are never cached")

            let robots = try await client.execute(uri: "/robots.txt", method: .get)
            #expect(robots.headers[.contentType] == "text/plain; charset=utf-8")
            let feed = try await client.execute(uri: "/feed.xml", method: .get)
            #expect(feed.status == .ok)
            #expect(feed.headers[.contentType]?.contains("xml") == true)
            let sitemap = try await client.execute(uri: "/sitemap.xml", method: .get)
            #expect(sitemap.headers[.contentType] == "application/xml; charset=utf-8")
        }
    }

    @Test("unknown paths get 404.html with status 404")
    func notFound() async throws {
        let site = try TestSite()
        defer { site.remove() }
        try await site.withServer { _, client in
            for path in ["/nope", "/actors/nobody/", "/assets/missing.css"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .notFound, "\(path)")
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.text.contains("Page not found"), "\(path)")
            }
        }
    }

    @Test("the server refuses /../ paths, however they are encoded", arguments: [
        "/../secret.txt",
        "/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/secret.txt",
        "/actors/..%2f..%2fsecret.txt",
        "/actors/%2e%2e/%2e%2e/secret.txt",
        "/.%2e/secret.txt",
        "/actors/..%5c..%5csecret.txt",
    ])
    func refusesTraversal(path: String) async throws {
        let site = try TestSite(extra: ["secret.txt": "TOP SECRET in the site root", ".serve/secret.txt": "TOP SECRET beside the output"])
        defer { site.remove() }
        try await site.withServer { _, client in
            let response = try await client.execute(uri: path, method: .get)
            #expect(response.status == .forbidden || response.status == .notFound, "\(path): \(response.status)")
            #expect(!response.text.contains("TOP SECRET"), "\(path) leaked a file")
        }
    }

    @Test("a symbolic link out of the output folder is not followed")
    func refusesSymlinksOut() async throws {
        let site = try TestSite(extra: ["secret.txt": "TOP SECRET"])
        defer { site.remove() }
        try await site.withServer { server, client in
            let folder = try #require(await server.firstBuild().servedFolder)
            try FileManager.default.createSymbolicLink(atPath: folder + "/leak.txt", withDestinationPath: site.root.path + "/secret.txt")
            try FileManager.default.createSymbolicLink(atPath: folder + "/outside", withDestinationPath: site.root.path)
            for path in ["/leak.txt", "/outside/secret.txt", "/outside/content/site.yaml"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .notFound, "\(path)")
                #expect(!response.text.contains("TOP SECRET") && !response.text.contains("description: A small site"), "\(path) leaked")
            }
        }
    }

    @Test("HEAD answers without a body; other methods are refused")
    func methods() async throws {
        let site = try TestSite()
        defer { site.remove() }
        try await site.withServer { _, client in
            let head = try await client.execute(uri: "/", method: .head)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            let post = try await client.execute(uri: "/", method: .post)
            #expect(post.status == .methodNotAllowed)
        }
    }

    @Test("editing a file rebuilds the site and wakes the live-reload request")
    func liveReload() async throws {
        let site = try TestSite()
        defer { site.remove() }
        try await site.withServer { server, client in
            let before = try await client.execute(uri: "/notes/what-was-minusma/", method: .get)
            #expect(before.status == .ok)
            let version = try #require(Int(try await client.execute(uri: "/__sitegen/version", method: .get).text))
            #expect(before.headers[HTTPField.Name("X-Sitegen-Version")!] == "\(version)")

            try site.write("content/notes/what-was-minusma.md", try site.read("content/notes/what-was-minusma.md") + "\nIt left Mali at the end of 2023.\n")

            // The page's long-poll returns as soon as the rebuild is published.
            var latest = version
            let deadline = ContinuousClock.now + .seconds(120)
            while latest == version && ContinuousClock.now < deadline {
                latest = Int(try await client.execute(uri: "/__sitegen/wait?after=\(version)", method: .get).text) ?? version
            }
            #expect(latest > version)
            let after = try await client.execute(uri: "/notes/what-was-minusma/", method: .get)
            #expect(after.text.contains("It left Mali at the end of 2023."))
            _ = server
        }
    }

    @Test("a site with search serves its pages first, then its search index, which follows each edit")
    func searchIndexFollows() async throws {
        let site = try TestSite(extra: ["content/site.yaml": "title: Test explainer\ndescription: A small site for the server tests\nsearch: true\n"])
        defer { site.remove() }
        let fragments = site.root.appendingPathComponent(".serve/site/pagefind/fragment")
        try await site.withServer { server, client in
            @Sendable func indexed() -> Int { ((try? FileManager.default.contentsOfDirectory(atPath: fragments.path)) ?? []).count }
            /// Waits (generously: Pagefind runs at the lowest priority) until `done`.
            @Sendable func waitUntil(_ done: @Sendable () async throws -> Bool) async throws -> Bool {
                let deadline = ContinuousClock.now + .seconds(120)
                while ContinuousClock.now < deadline {
                    if try await done() { return true }
                    try await Task.sleep(for: .milliseconds(50))
                }
                return false
            }
            let first = await server.firstBuild()
            #expect(!first.failed)
            #expect(try await client.execute(uri: "/search/", method: .get).status == .ok)
            let served = try await waitUntil { try await client.execute(uri: "/pagefind/pagefind.js", method: .get).status == .ok }
            #expect(served, "the index is served once Pagefind has run")
            let three = try await waitUntil { indexed() == 3 }
            #expect(three, "one fragment per page of an article, actor and note: \(indexed())")
            try site.write("content/notes/a-second-note.md", "---\ntitle: A second note\n---\nAbout [MINUSMA](actor:minusma) [@voa-report].\n")
            let status = try await waitForBuild(server, after: first.version)
            #expect(!status.failed)
            #expect(try await client.execute(uri: "/notes/a-second-note/", method: .get).status == .ok)
            let four = try await waitUntil { indexed() == 4 }
            #expect(four, "the new note is indexed: \(indexed())")
        }
    }

    @Test("a site with a symbolic link in content/ is watched by polling, and an edit through the link is built")
    func polledSite() async throws {
        let site = try TestSite(extra: ["notes-outside/linked.md": "---\ntitle: A linked note\n---\nFirst text.\n"])
        defer { site.remove() }
        try FileManager.default.createSymbolicLink(atPath: site.root.appendingPathComponent("content/notes/linked.md").path,
                                                   withDestinationPath: site.root.appendingPathComponent("notes-outside/linked.md").path)
        try await site.withServer { server, client in
            #expect(await server.firstBuild().servedFolder != nil)
            #expect(try await client.execute(uri: "/notes/linked/", method: .get).text.contains("First text."))
            let version = try #require(Int(try await client.execute(uri: "/__sitegen/version", method: .get).text))
            // The kernel would not report this write in content/: the snapshots see it.
            try site.write("notes-outside/linked.md", "---\ntitle: A linked note\n---\nSecond text.\n")
            var latest = version
            let deadline = ContinuousClock.now + .seconds(120)
            while latest == version && ContinuousClock.now < deadline {
                latest = Int(try await client.execute(uri: "/__sitegen/wait?after=\(version)", method: .get).text) ?? version
            }
            #expect(latest > version)
            #expect(try await client.execute(uri: "/notes/linked/", method: .get).text.contains("Second text."))
        }
    }

    @Test("a failed build shows the errors over every page and recovers when the file is fixed")
    func errorOverlay() async throws {
        let site = try TestSite()
        defer { site.remove() }
        try await site.withServer { server, client in
            let good = await server.firstBuild()
            let folder = try #require(good.servedFolder)
            let assets = try FileManager.default.contentsOfDirectory(atPath: folder + "/assets")
            let css = try #require(assets.first { $0.hasSuffix(".css") })

            let path = "content/notes/what-was-minusma.md"
            let original = try site.read(path)
            try site.write(path, original.replacingOccurrences(of: "(actor:minusma) was", with: "(actor:minsuma) was <b>"))
            let failed = try await waitForBuild(server, after: good.version)
            #expect(failed.failed)

            let page = try await client.execute(uri: "/notes/what-was-minusma/", method: .get)
            #expect(page.status == .internalServerError)
            #expect(page.headers[HTTPField.Name("X-Sitegen-Build")!] == "failed")
            #expect(page.text.contains("sitegen-errors"))
            #expect(page.text.contains("content/notes/what-was-minusma.md:5:"))
            #expect(page.text.contains("unknown actor `minsuma`; did you mean `minusma`?"))
            #expect(page.text.contains("&lt;b&gt;"), "the quoted line is HTML-escaped")
            #expect(page.text.contains("^"), "the caret line is shown")
            #expect(page.text.contains("sitegen-live-reload"))
            #expect(page.text.contains("The site did not build: 1 error"))
            #expect(page.text.contains("The rest of the site shows the last good build."))
            // The overlay's content sits in a shadow root, out of the theme's reach, and its host's
            // rules are !important, which outrank even !important rules of the page.
            #expect(page.text.contains("<sitegen-errors id=\"sitegen-errors\"><template shadowrootmode=\"open\"><style>:host{all:initial!important;"))
            // Assets still come from the last good build; the server keeps running.
            let style = try await client.execute(uri: "/assets/\(css)", method: .get)
            #expect(style.status == .ok)
            let missing = try await client.execute(uri: "/nope", method: .get)
            #expect(missing.text.contains("sitegen-errors"))

            try site.write(path, original)
            let fixed = try await waitForBuild(server, after: failed.version)
            #expect(!fixed.failed)
            let recovered = try await client.execute(uri: "/notes/what-was-minusma/", method: .get)
            #expect(recovered.status == .ok)
            #expect(!recovered.text.contains("sitegen-errors"))
        }
    }

    @Test("a site that fails its first build shows the error page, then the site once fixed")
    func firstBuildFails() async throws {
        let site = try TestSite(extra: ["content/actors/minusma.md": "---\nname: MINUSMA\nkind: organisation\n---\nText.\n"])
        defer { site.remove() }
        try await site.withServer { server, client in
            let page = try await client.execute(uri: "/", method: .get)
            #expect(page.status == .internalServerError)
            #expect(page.text.contains("content/actors/minusma.md:3:7"))
            #expect(page.text.contains("did you mean `organization`?"))
            #expect(page.text.contains("There is no good build to show yet."), "no claim of a last good build when there is none")
            let css = try await client.execute(uri: "/assets/style.css", method: .get)
            #expect(css.status == .notFound)

            let failed = await server.firstBuild()
            try site.write("content/actors/minusma.md", "---\nname: MINUSMA\nkind: organization\n---\nText.\n")
            _ = try await waitForBuild(server, after: failed.version)
            let home = try await client.execute(uri: "/", method: .get)
            #expect(home.status == .ok)
        }
    }
}

@Suite("path rules")
struct PathRuleTests {
    @Test("request paths are decoded and dot segments refused")
    func segments() {
        #expect(RequestPath.segments("/actors/minusma/") == ["actors", "minusma"])
        #expect(RequestPath.segments("/a%20b/") == ["a b"])
        #expect(RequestPath.segments("/../x") == nil)
        #expect(RequestPath.segments("/%2e%2e/x") == nil)
        #expect(RequestPath.segments("/a/%2E/x") == nil)
        #expect(RequestPath.segments("/a%2fb") == nil)
        #expect(RequestPath.segments("/a%5cb") == nil)
        #expect(RequestPath.segments("/a%00b") == nil)
        #expect(RequestPath.segments("/%zz") == nil)
        #expect(RequestPath.segments("relative") == nil)
    }

    @Test("content types cover the files a site holds")
    func contentTypes() {
        #expect(ContentType.of("a/index.html") == "text/html; charset=utf-8")
        #expect(ContentType.of("style.css") == "text/css; charset=utf-8")
        #expect(ContentType.of("app.js") == "text/javascript; charset=utf-8")
        #expect(ContentType.of("sitemap.xml") == "application/xml; charset=utf-8")
        #expect(ContentType.of("logo.svg") == "image/svg+xml")
        #expect(ContentType.of("a.png") == "image/png")
        #expect(ContentType.of("a.JPG") == "image/jpeg")
        #expect(ContentType.of("f.woff2") == "font/woff2")
        #expect(ContentType.of("robots.txt") == "text/plain; charset=utf-8")
        #expect(ContentType.of("data.json") == "application/json")
    }

    @Test("the reload script goes before the last </body>")
    func injection() {
        func inject(_ addition: String, _ page: String) -> String {
            String(decoding: LiveReload.inject(addition, into: Data(page.utf8)), as: UTF8.self)
        }
        #expect(inject("X", "<body>a</body></html>") == "<body>aX</body></html>")
        #expect(inject("X", "<body>a</BODY>\n</html>") == "<body>aX</BODY>\n</html>")
        #expect(inject("X", "<body><pre>&lt;/body&gt; </body></pre></body></html>") == "<body><pre>&lt;/body&gt; </body></pre>X</body></html>")
        #expect(inject("X", "<body>é ü</body>") == "<body>é üX</body>")
        #expect(inject("X", "no body") == "no bodyX")
        #expect(inject("X", "") == "X")
        #expect(inject("X", "</body>") == "X</body>")
    }
}
