import Foundation
import SitegenCore
@testable import SitegenServer
import Testing

/// `sitegen serve` hears of edits from the kernel where it can, with the paths they changed, and
/// says when it no longer knows them exactly.
@Suite("the server hears which files an edit changed")
struct FolderEventsTests {
    /// A site folder with `content/notes/a.md` and `templates/`.
    func makeSite() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("folder-events-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content/notes"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try Data("first".utf8).write(to: root.appendingPathComponent("content/notes/a.md"))
        return root
    }

    #if os(Linux)
    @Test("a saved, a new and a deleted file are heard with their paths; swap files too, marked as such")
    func filesAreHeard() throws {
        let root = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let events = try #require(FolderEvents.start(root: root, folders: ["content", "templates", "static"]))
        #expect(!events.read())
        try Data("second".utf8).write(to: root.appendingPathComponent("content/notes/a.md"))
        try Data("new".utf8).write(to: root.appendingPathComponent("content/notes/b.md"))
        try Data("x".utf8).write(to: root.appendingPathComponent("templates/page.mustache"))
        #expect(events.read())
        #expect(events.take() == ["content/notes/a.md", "content/notes/b.md", "templates/page.mustache"])
        try FileManager.default.removeItem(at: root.appendingPathComponent("content/notes/b.md"))
        try Data("x".utf8).write(to: root.appendingPathComponent("content/notes/.a.md.swp"))
        events.read()
        let paths = try #require(events.take())
        #expect(paths == ["content/notes/b.md", "content/notes/.a.md.swp"])
        #expect(paths.filter { !FolderSnapshot.isEditorFile($0) } == ["content/notes/b.md"])
        #expect(!events.read() && events.take() == [])
    }

    @Test("a new folder, a removed one and a watched folder appearing make the paths unknown, and files in a new folder are heard after")
    func foldersMakeThePathsUnknown() throws {
        let root = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let events = try #require(FolderEvents.start(root: root, folders: ["content", "templates", "static"]))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("content/pages"), withIntermediateDirectories: true)
        events.read()
        #expect(events.take() == nil)
        try Data("page".utf8).write(to: root.appendingPathComponent("content/pages/about.md"))
        events.read()
        #expect(events.take() == ["content/pages/about.md"])
        try FileManager.default.createDirectory(at: root.appendingPathComponent("static"), withIntermediateDirectories: true)
        events.read()
        #expect(events.take() == nil)
        try Data("img".utf8).write(to: root.appendingPathComponent("static/logo.svg"))
        events.read()
        #expect(events.take() == ["static/logo.svg"])
        try FileManager.default.removeItem(at: root.appendingPathComponent("content/pages"))
        events.read()
        #expect(events.take() == nil)
    }
    #endif

    @Test("a symbolic link below the watched folders leaves the server to poll, since the kernel would not report its target's changes")
    func symbolicLinksArePolled() throws {
        let root = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("content/notes/linked.md").path,
                                                   withDestinationPath: root.appendingPathComponent("content/notes/a.md").path)
        #expect(FolderEvents.start(root: root, folders: ["content", "templates", "static"]) == nil)
    }
}
