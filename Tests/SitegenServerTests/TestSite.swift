import Foundation
import HummingbirdTesting
import SitegenCore
@testable import SitegenServer
import Testing

/// A small site in a temporary folder, removed by `remove()`.
struct TestSite {
    let root: URL

    static let files: [String: String] = [
        "content/site.yaml": """
            title: Test explainer
            description: A small site for the server tests
            """,
        "content/articles/voa-report.md": """
            ---
            title: UN Departs Mali
            outlet: Voice of America
            published: 2023-06-30
            ---
            The Security Council ended [MINUSMA](actor:minusma) [@voa-report].
            """,
        "content/actors/minusma.md": """
            ---
            name: MINUSMA
            kind: organization
            ---
            The UN mission in Mali [@voa-report].
            """,
        "content/notes/what-was-minusma.md": """
            ---
            title: What was MINUSMA?
            about: [actor:minusma]
            ---
            [MINUSMA](actor:minusma) was a peacekeeping mission [@voa-report].
            """,
    ]

    /// Writes the site (plus `extra` files) into a new temporary folder.
    init(extra: [String: String] = [:]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-server-test-\(UUID().uuidString)")
        for (path, text) in Self.files.merging(extra, uniquingKeysWith: { $1 }) {
            try write(path, text)
        }
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    func remove() {
        try? FileManager.default.removeItem(at: root)
    }

    /// Runs `body` against a live server for this site (bound to a free port), then stops it.
    func withServer<Value: Sendable>(
        _ body: @Sendable (PreviewServer, any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        let options = ServeOptions(root: root, port: 0, workFolder: root.appendingPathComponent(".serve"),
                                   pollInterval: .milliseconds(50), longPollTimeout: .seconds(10))
        let server = try PreviewServer(options: options)
        let app = server.makeApplication()
        return try await app.test(.live) { client in
            // Use the connection at once: a test client torn down before its connection is
            // handled trips a NIO assertion ("Deinited NIOAsyncWriter without calling finish()").
            _ = try await client.execute(uri: "/__sitegen/version", method: .get)
            return try await body(server, client)
        }
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}

/// Waits (generously: the machine may be busy) until a build newer than `version` is published.
func waitForBuild(_ server: PreviewServer, after version: Int) async throws -> BuildStatus {
    let status = await server.waitForBuild(after: version, timeout: .seconds(120))
    try #require(status.version > version, "no rebuild within 120 s")
    return status
}
