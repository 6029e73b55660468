import Foundation
import Testing
@testable import SitegenCore

/// A fresh temporary folder, removed when the value goes away.
private final class TemporaryFolder: @unchecked Sendable {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("sitegen-write-\(UUID().uuidString)", isDirectory: true).standardizedFileURL
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    func write(_ path: String, _ text: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func read(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: url.appendingPathComponent(path)), as: UTF8.self)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent(path).path)
    }
}

private let longAgo = Date(timeIntervalSince1970: 1_000_000_000)

private func setModificationDate(_ date: Date, of url: URL) throws {
    try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: url.path)
}

private func modificationDate(of url: URL) throws -> Date {
    try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date)
}

@Suite("Write: replacing public/")
struct WriteTests {
    @Test("the output folder holds exactly the files given, in their folders")
    func writesFiles() throws {
        let folder = try TemporaryFolder()
        let output = folder.url.appendingPathComponent("public")
        let summary = try OutputWriter().replace(output, with: [
            OutputFile(path: "index.html", text: "home"),
            OutputFile(path: "actors/mali/index.html", text: "mali"),
        ], siteRoot: folder.url)
        #expect(summary == OutputWriter.Summary(written: 2, unchanged: 0))
        #expect(listFiles(below: output) == ["actors/mali/index.html", "index.html"])
        #expect(try folder.read("public/actors/mali/index.html") == "mali")
    }

    @Test("output files no longer produced disappear, and nothing outside public/ is removed")
    func staleFilesDisappear() throws {
        let folder = try TemporaryFolder()
        let output = folder.url.appendingPathComponent("public")
        try folder.write("notes.txt", "an editor's notes")
        try folder.write("public-backup/index.html", "a backup")
        try folder.write("content/site.yaml", "title: T\n")
        _ = try OutputWriter().replace(output, with: [
            OutputFile(path: "index.html", text: "home"),
            OutputFile(path: "events/old/index.html", text: "old event"),
        ], siteRoot: folder.url)
        try folder.write("public/stray.txt", "left by hand")
        _ = try OutputWriter().replace(output, with: [OutputFile(path: "index.html", text: "home")], siteRoot: folder.url)
        #expect(listFiles(below: output) == ["index.html"])
        #expect(!folder.exists("public/events"))
        #expect(try folder.read("notes.txt") == "an editor's notes")
        #expect(try folder.read("public-backup/index.html") == "a backup")
        #expect(try folder.read("content/site.yaml") == "title: T\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
        #expect(leftovers == ["content", "notes.txt", "public", "public-backup"])
    }

    @Test("an unchanged file keeps its modification time; a changed one gets a new one")
    func unchangedFilesKeepTheirTime() throws {
        let folder = try TemporaryFolder()
        let output = folder.url.appendingPathComponent("public")
        let writer = OutputWriter()
        // Every build writes index.html; a folder without one is not replaced.
        _ = try writer.replace(output, with: [
            OutputFile(path: "index.html", text: "home"),
            OutputFile(path: "same.html", text: "same"), OutputFile(path: "changed.html", text: "before"),
        ], siteRoot: folder.url)
        try setModificationDate(longAgo, of: output.appendingPathComponent("same.html"))
        try setModificationDate(longAgo, of: output.appendingPathComponent("changed.html"))
        let summary = try writer.replace(output, with: [
            OutputFile(path: "index.html", text: "home"),
            OutputFile(path: "same.html", text: "same"), OutputFile(path: "changed.html", text: "after"),
        ], siteRoot: folder.url)
        #expect(summary == OutputWriter.Summary(written: 1, unchanged: 2))
        #expect(try modificationDate(of: output.appendingPathComponent("same.html")) == longAgo)
        #expect(try modificationDate(of: output.appendingPathComponent("changed.html")) != longAgo)
        #expect(try folder.read("public/changed.html") == "after")
    }

    @Test("a path that could write outside public/ is refused and the old output stays", arguments: [
        "../escape.html", "/tmp/absolute.html", "a/../../escape.html", "./index.html", "a//b.html", "",
    ])
    func unsafePathRefused(path: String) throws {
        let folder = try TemporaryFolder()
        let output = folder.url.appendingPathComponent("site/public")
        let siteRoot = folder.url.appendingPathComponent("site")
        _ = try OutputWriter().replace(output, with: [OutputFile(path: "index.html", text: "old")], siteRoot: siteRoot)
        #expect(throws: OutputWriter.WriteError.self) {
            try OutputWriter().replace(output, with: [
                OutputFile(path: "index.html", text: "new"), OutputFile(path: path, text: "evil"),
            ], siteRoot: siteRoot)
        }
        #expect(try folder.read("site/public/index.html") == "old")
        #expect(!folder.exists("site/escape.html"))
        #expect(!folder.exists("escape.html"))
        #expect(listFiles(below: output) == ["index.html"])
    }

    @Test("the site root itself, or a folder containing it, is refused as output")
    func outputContainingSiteRefused() throws {
        let folder = try TemporaryFolder()
        try folder.write("site/content/site.yaml", "title: T\n")
        let siteRoot = folder.url.appendingPathComponent("site")
        #expect(throws: OutputWriter.WriteError.self) {
            try OutputWriter().replace(siteRoot, with: [OutputFile(path: "index.html", text: "x")], siteRoot: siteRoot)
        }
        #expect(throws: OutputWriter.WriteError.self) {
            try OutputWriter().replace(folder.url, with: [OutputFile(path: "index.html", text: "x")], siteRoot: siteRoot)
        }
        #expect(try folder.read("site/content/site.yaml") == "title: T\n")
    }

    @Test("a folder holding a Git repository is refused as output")
    func gitFolderRefused() throws {
        let folder = try TemporaryFolder()
        try folder.write("elsewhere/.git/HEAD", "ref: refs/heads/main\n")
        #expect(throws: OutputWriter.WriteError.self) {
            try OutputWriter().replace(folder.url.appendingPathComponent("elsewhere"),
                                       with: [OutputFile(path: "index.html", text: "x")],
                                       siteRoot: folder.url.appendingPathComponent("site"))
        }
        #expect(folder.exists("elsewhere/.git/HEAD"))
    }

    @Test("a build with errors leaves public/ exactly as it was")
    func failedBuildLeavesOutput() throws {
        let site = try TestSite("""
            -- content/notes/a.md --
            ---
            title: A
            ---
            Text.
            """)
        #expect(!site.build().failed)
        try setModificationDate(longAgo, of: site.publicURL.appendingPathComponent("index.html"))
        let before = try site.outputSnapshot()
        try site.write("content/notes/a.md", "---\ntitle: A\n---\nSee [b](note:missing).\n")
        try site.write("content/notes/b.md", "---\ntitle: B\n---\n")
        let report = site.build()
        #expect(report.failed)
        #expect(report.writeSummary == nil)
        #expect(try site.outputSnapshot() == before)
        #expect(try site.modificationDate("index.html") == longAgo)
        let entries = try FileManager.default.contentsOfDirectory(atPath: site.root.path).sorted()
        #expect(entries == ["content", "public"])
    }

    @Test("an unchanged rebuild writes nothing and keeps every modification time")
    func unchangedRebuild() throws {
        let site = try TestSite("""
            -- content/notes/a.md --
            ---
            title: A
            ---
            Text.
            """)
        #expect(!site.build().failed)
        let files = site.outputFiles()
        for path in files { try setModificationDate(longAgo, of: site.publicURL.appendingPathComponent(path)) }
        let report = site.build()
        #expect(report.writeSummary?.written == 0)
        #expect(report.writeSummary?.unchanged == files.count)
        for path in files { #expect(try site.modificationDate(path) == longAgo, "\(path) was rewritten") }
    }

    @Test("removing a page's source removes the page on the next build")
    func removedSourceRemovesPage() throws {
        let site = try TestSite("""
            -- content/notes/a.md --
            ---
            title: A
            ---
            -- content/notes/b.md --
            ---
            title: B
            ---
            """)
        try site.write("keep-me.txt", "not part of the site")
        #expect(!site.build().failed)
        #expect(site.exists("notes/b/index.html"))
        try site.remove("content/notes/b.md")
        #expect(!site.build().failed)
        #expect(!site.exists("notes/b/index.html"))
        #expect(!site.exists("notes/b"))
        #expect(site.exists("notes/a/index.html"))
        #expect(FileManager.default.fileExists(atPath: site.root.appendingPathComponent("keep-me.txt").path))
    }
}
