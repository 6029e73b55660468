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
        #expect(report.writeError?.contains("not empty") == true)
        #expect(String(decoding: try Data(contentsOf: test.root.appendingPathComponent("elsewhere/thesis.txt")), as: UTF8.self) == "months of work")
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
