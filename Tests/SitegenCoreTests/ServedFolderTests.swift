import Foundation
import Testing
@testable import SitegenCore

/// The folder `sitegen serve` serves while the session writes it: a page whose bytes did not
/// change is not written again, a page the session writes is whole (written under a temporary
/// name and renamed), no temporary file stays, and a page changed or removed behind the
/// server's back is set right the next time the session writes it.
@Suite struct ServedFolderTests {
    let notePath = "content/notes/how-events-are-dated.md"
    let notePage = "notes/how-events-are-dated/index.html"

    /// The inode of the file at `path` below `folder`: a file written again (renamed over) gets a new one.
    func inode(_ folder: URL, _ path: String) throws -> UInt64 {
        try #require(FileStamp.of(folder.path + "/" + path)).inode
    }

    func temporaryFiles(_ folder: URL) -> [String] {
        FileSystem.disk(root: folder).listFiles("").filter { $0.split(separator: "/").last!.hasPrefix(".sitegen-") }
    }

    @Test func aPageRenderedAgainWithTheSameBytesIsNotWrittenAgain() throws {
        let site = try TestSite(copying: demoSiteFolder)
        let run = try EditRun(root: site.root, seed: 1, steps: 0)
        try run.compare(step: 0, edit: "first build")
        // The home page is rendered on every update; a note's body is not on it.
        let (home, note) = (try inode(run.live, "index.html"), try inode(run.live, notePage))
        let text = try String(contentsOf: site.root.appendingPathComponent(notePath), encoding: .utf8)
        try site.write(notePath, text + "\n<!-- uncited -->\nA new paragraph.\n")
        try run.compare(step: 1, edit: "a note's body")
        #expect(try inode(run.live, "index.html") == home, "the home page was written again")
        #expect(try inode(run.live, notePage) != note, "the note's page was not written")
        #expect(temporaryFiles(run.live).isEmpty)
    }

    @Test func aPageChangedOrRemovedBehindTheServersBackIsSetRightWhenWrittenAgain() throws {
        let site = try TestSite(copying: demoSiteFolder)
        let run = try EditRun(root: site.root, seed: 1, steps: 0)
        try run.compare(step: 0, edit: "first build")
        let live = run.live.path + "/"
        // The home page (rendered again, the same bytes) overwritten with as many other bytes, in
        // place (its inode and size kept); the note's page removed.
        let home = try Data(contentsOf: URL(fileURLWithPath: live + "index.html"))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: live + "index.html"))
        try handle.write(contentsOf: Data(repeating: UInt8(ascii: "x"), count: home.count))
        try handle.close()
        try FileManager.default.removeItem(atPath: live + notePage)
        let text = try String(contentsOf: site.root.appendingPathComponent(notePath), encoding: .utf8)
        try site.write(notePath, text + "\n<!-- uncited -->\nA new paragraph.\n")
        // Identical to a cold build.
        try run.compare(step: 1, edit: "a note's body, with the home page and the note's page changed behind the server's back")
        // The same once more, the home page now longer than the session wrote it.
        try (Data("tampered".utf8) + home).write(to: URL(fileURLWithPath: live + "index.html"))
        try site.write(notePath, text + "\n<!-- uncited -->\nAnother paragraph.\n")
        try run.compare(step: 2, edit: "a note's body, with the home page longer behind the server's back")
        #expect(temporaryFiles(run.live).isEmpty)
    }

    @Test func aPageThatCannotBeWrittenLeavesNoTemporaryFileAndIsWrittenOnceItCanBe() throws {
        let site = try TestSite(copying: demoSiteFolder)
        let run = try EditRun(root: site.root, seed: 1, steps: 0)
        try run.compare(step: 0, edit: "first build")
        // A folder where the note's page goes: the page cannot be renamed over it.
        let page = run.live.appendingPathComponent(notePage)
        try FileManager.default.removeItem(at: page)
        try FileManager.default.createDirectory(at: page.appendingPathComponent("in-the-way"), withIntermediateDirectories: true)
        let text = try String(contentsOf: site.root.appendingPathComponent(notePath), encoding: .utf8)
        try site.write(notePath, text + "\n<!-- uncited -->\nA new paragraph.\n")
        let report = try #require(run.session.update())
        #expect(report.failed)
        #expect(report.diagnostics.contains { $0.location.path.hasSuffix(notePage) }, "\(report.diagnostics.map(\.description))")
        #expect(temporaryFiles(run.live).isEmpty)
        // Out of the way, the next update writes the page (and every other) as a cold build does.
        try FileManager.default.removeItem(at: page)
        try run.compare(step: 1, edit: "the folder in the way removed")
    }
}
