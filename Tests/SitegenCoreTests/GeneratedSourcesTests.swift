import Foundation
import Testing

/// Two Swift files are written by scripts from other files of the repository; a stale one would
/// ship a theme or a template look-up that differs from what the repository shows.
@Suite("Generated sources")
struct GeneratedSourcesTests {
    private let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `scripts/<name> --check`; its status and what it printed.
    private func check(_ script: String) throws -> (status: Int32, message: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", repository.appendingPathComponent("scripts/\(script)").path, "--check"]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, message)
    }

    @Test("the built-in theme is the repository's templates/ folder")
    func builtinThemeIsCurrent() throws {
        let (status, message) = try check("embed-theme")
        #expect(status == 0, "\(message)")
    }

    @Test("every field of every view model can be reached from a template, by its own name")
    func viewLookupsAreCurrent() throws {
        let (status, message) = try check("generate-view-lookups")
        #expect(status == 0, "\(message)")
    }
}
