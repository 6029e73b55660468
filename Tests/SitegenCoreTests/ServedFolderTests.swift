import Foundation
import Testing
@testable import SitegenCore

/// The folder `sitegen serve` serves while the session writes it: a page whose bytes did not
/// change is not written again, a page the session writes is written in place while its lock is
/// held (a reader holding it waits for no half-written file), what a link found at a page's path
/// leads to is never written, and a page changed or removed behind the server's back is set
/// right the next time the session writes it.
@Suite struct ServedFolderTests {
    let notePath = "content/notes/how-events-are-dated.md"
    let notePage = "notes/how-events-are-dated/index.html"

    /// The size, times and inode of the file at `path` below `folder`: a file written again gets new times.
    func stamp(_ folder: URL, _ path: String) throws -> FileStamp {
        try #require(FileStamp.of(folder.path + "/" + path))
    }

    /// Every file below `folder` whose name starts with a dot (as a temporary file's would).
    func hiddenFiles(_ folder: URL) -> [String] {
        FileSystem.disk(root: folder).listFiles("").filter { $0.split(separator: "/").last!.hasPrefix(".") }
    }

    @Test func aPageRenderedAgainWithTheSameBytesIsNotWrittenAgain() throws {
        let site = try TestSite(copying: demoSiteFolder)
        let run = try EditRun(root: site.root, seed: 1, steps: 0)
        try run.compare(step: 0, edit: "first build")
        // The home page is rendered on every update; a note's body is not on it.
        let (home, note) = (try stamp(run.live, "index.html"), try stamp(run.live, notePage))
        let text = try String(contentsOf: site.root.appendingPathComponent(notePath), encoding: .utf8)
        try site.write(notePath, text + "\n<!-- uncited -->\nA new paragraph.\n")
        try run.compare(step: 1, edit: "a note's body")
        #expect(try stamp(run.live, "index.html") == home, "the home page was written again")
        let written = try stamp(run.live, notePage)
        #expect(written.modified != note.modified && written.size != note.size, "the note's page was not written")
        #expect(written.inode == note.inode, "the note's page was not written in place")
        #expect(hiddenFiles(run.live).isEmpty)
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
        #expect(hiddenFiles(run.live).isEmpty)
    }

    @Test func aPageThatCannotBeWrittenIsAnErrorAndIsWrittenOnceItCanBe() throws {
        let site = try TestSite(copying: demoSiteFolder)
        let run = try EditRun(root: site.root, seed: 1, steps: 0)
        try run.compare(step: 0, edit: "first build")
        // A folder where the note's page goes: the page cannot be written over it.
        let page = run.live.appendingPathComponent(notePage)
        try FileManager.default.removeItem(at: page)
        try FileManager.default.createDirectory(at: page.appendingPathComponent("in-the-way"), withIntermediateDirectories: true)
        let text = try String(contentsOf: site.root.appendingPathComponent(notePath), encoding: .utf8)
        try site.write(notePath, text + "\n<!-- uncited -->\nA new paragraph.\n")
        let report = try #require(run.session.update())
        #expect(report.failed)
        #expect(report.diagnostics.contains { $0.location.path.hasSuffix(notePage) }, "\(report.diagnostics.map(\.description))")
        #expect(hiddenFiles(run.live).isEmpty)
        // Out of the way, the next update writes the page (and every other) as a cold build does.
        try FileManager.default.removeItem(at: page)
        try run.compare(step: 1, edit: "the folder in the way removed")
    }

    @Test func aLinkFoundAtAPagesPathIsReplacedAndWhatItLeadsToIsNotWritten() throws {
        let site = try TestSite(copying: demoSiteFolder)
        let run = try EditRun(root: site.root, seed: 1, steps: 0)
        try run.compare(step: 0, edit: "first build")
        let page = run.live.path + "/" + notePage
        let text = try String(contentsOf: site.root.appendingPathComponent(notePath), encoding: .utf8)
        // Behind the server's back, the note's page becomes a symbolic link to a file outside the
        // folder; then a second name (a hard link) of another file outside it.
        let outside = site.root.appendingPathComponent("outside.html").path
        let original = Data("an editor's own file\n".utf8)
        for (step, kind) in ["a symbolic link", "a hard link"].enumerated() {
            try original.write(to: URL(fileURLWithPath: outside))
            try FileManager.default.removeItem(atPath: page)
            if step == 0 {
                try FileManager.default.createSymbolicLink(atPath: page, withDestinationPath: outside)
            } else {
                try FileManager.default.linkItem(atPath: outside, toPath: page)
            }
            try site.write(notePath, text + "\n<!-- uncited -->\nParagraph \(step).\n")
            try run.compare(step: step + 1, edit: "a note's body, its page \(kind) to a file outside the folder")
            #expect(try Data(contentsOf: URL(fileURLWithPath: outside)) == original, "the file \(kind) led to was written")
            var info = stat()
            #expect(lstat(page, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && info.st_nlink == 1, "the page is still \(kind)")
        }
    }

    @Test func aPageIsNotWrittenWhileAReaderHoldsItsLockAndIsWrittenWholeOnceItIsLetGo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-locks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let gate = WriteGate()
        let live = LiveOutputFolder(url: folder, gate: gate)
        let path = "actors/mali/index.html"
        let (old, new) = (Data(repeating: UInt8(ascii: "o"), count: 100_000), Data(repeating: UInt8(ascii: "n"), count: 60_000))
        #expect(try live.write(OutputFile(path: path, contents: old)).get() == false)
        let done = DispatchSemaphore(value: 0)
        let readWhileHeld: Data? = gate.files.withLock(path) {
            DispatchQueue.global().async {
                _ = live.write(OutputFile(path: path, contents: new))
                done.signal()
            }
            // The write waits for the lock: a reader holding it reads the old page whole.
            Thread.sleep(forTimeInterval: 0.3)
            return FileManager.default.contents(atPath: folder.path + "/" + path)
        }
        #expect(readWhileHeld == old, "the page was written while a reader held its lock")
        done.wait()
        #expect(FileManager.default.contents(atPath: folder.path + "/" + path) == new)
    }
}
