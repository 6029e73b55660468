import Foundation
import Testing
@testable import SitegenCore

@Suite("Output folder safety and event spans")
struct OutputSafetyTests {
    private let site = """
        -- content/articles/report.md --
        ---
        title: A report
        outlet: The Paper
        published: 2022-05-20
        ---
        Summary.
        -- content/events/main.yaml --
        - id: talks
          date: 2022-05
          end: 2022
          title: Talks that went on into the year
          sources:
            - article: report
        """

    @Test("an --output folder holding other files is refused and its files stay")
    func foreignOutputFolderIsRefused() throws {
        let test = try TestSite(site)
        try test.write("elsewhere/thesis.txt", "months of work")
        let report = SitegenCore.build(BuildOptions(root: test.root, output: test.root.appendingPathComponent("elsewhere")))
        #expect(report.failed)
        let refusal = try #require(report.diagnostics.first { $0.message.contains("not empty") })
        #expect(refusal.severity == .error)
        #expect(refusal.location == .whole("elsewhere"))
        // Shown as the folder and the sentence: no line of a file is quoted under it.
        #expect(DiagnosticFormatter(root: test.root).format(refusal) == "elsewhere: error: \(refusal.message)")
        #expect(String(decoding: try Data(contentsOf: test.root.appendingPathComponent("elsewhere/thesis.txt")), as: UTF8.self) == "months of work")
    }

    @Test("an output folder that cannot be made is an error at its path, and nothing is written")
    func unmakeableOutputIsAnErrorAtItsPath() throws {
        let test = try TestSite(site)
        try test.write("notes.txt", "a file where the output's parent folder should be")
        let report = SitegenCore.build(BuildOptions(root: test.root, output: test.root.appendingPathComponent("notes.txt/public")))
        #expect(report.failed)
        let failures = errors(report.diagnostics)
        #expect(failures.map(\.location) == [.whole("notes.txt/public")])
        #expect(failures.first?.message.contains("could not create the staging folder") == true)
        #expect(try String(contentsOf: test.root.appendingPathComponent("notes.txt"), encoding: .utf8).hasPrefix("a file"))
    }

    @Test("every static file that cannot be read is an error at its path, and the previous output stays")
    func unreadableStaticFilesAreErrorsAtTheirPaths() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-write-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let options = BuildOptions(root: folder, output: folder.appendingPathComponent("public"))
        var files = siteFiles(site)
        #expect(!SitegenCore.build(options, fileSystem: .inMemory(files)).failed)
        let before = listFiles(below: options.output)
        files["static/logo.png"] = "PNG"
        files["static/docs/brief.pdf"] = "PDF"
        let memory = FileSystem.inMemory(files)
        // The files are listed but gone when the write stage reads them (deleted during the build).
        let vanishing = FileSystem(listFiles: memory.listFiles, readFile: { $0.hasPrefix("static/") ? nil : memory.readFile($0) },
                                   directoryExists: memory.directoryExists)
        let report = SitegenCore.build(options, fileSystem: vanishing)
        #expect(report.failed)
        let failures = errors(report.diagnostics)
        #expect(failures.map(\.location) == [.whole("static/docs/brief.pdf"), .whole("static/logo.png")])
        #expect(failures.allSatisfy { $0.message.hasPrefix("could not read") })
        #expect(report.writeSummary == nil)
        #expect(listFiles(below: options.output) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["public"])
    }

    @Test("an empty --output folder, or one holding an earlier build, is used")
    func emptyOrEarlierBuildIsReplaced() throws {
        let test = try TestSite(site)
        try FileManager.default.createDirectory(at: test.root.appendingPathComponent("out"), withIntermediateDirectories: true)
        let options = BuildOptions(root: test.root, output: test.root.appendingPathComponent("out"))
        #expect(!SitegenCore.build(options).failed)
        #expect(!SitegenCore.build(options).failed)
        #expect(FileManager.default.fileExists(atPath: test.root.appendingPathComponent("out/index.html").path))
    }

    @Test("an event ending in a coarser period that contains its start is not an error")
    func coarserEndIsAccepted() throws {
        let test = try TestSite(site)
        let report = test.build()
        #expect(!report.diagnostics.contains { $0.message.contains("before `date`") })
        #expect(!report.failed)
    }
}
