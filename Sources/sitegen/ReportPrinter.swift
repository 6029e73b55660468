import Foundation
import SitegenCore

/// Prints a build report: diagnostics on standard error, the summary on standard output.
struct ReportPrinter {
    var root: URL
    var output: URL

    /// Prints every error, and every warning but the copies past the first
    /// ``ShownDiagnostics/defaultRepeatLimit`` of one repeated warning (all of them with `allWarnings`).
    func printDiagnostics(_ report: BuildReport, allWarnings: Bool = false) {
        let formatter = DiagnosticFormatter(root: root, useColor: isatty(2) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
        let selection = ShownDiagnostics(report.diagnostics, repeatLimit: allWarnings ? nil : ShownDiagnostics.defaultRepeatLimit)
        var text = ""
        for formatted in formatter.format(selection.shown) { text += formatted + "\n" }
        for note in selection.notes(hint: "--all-warnings shows them") { text += note + "\n" }
        for note in report.notes { text += "note: \(note)\n" }
        if !text.isEmpty { FileHandle.standardError.write(Data(text.utf8)) }
    }

    /// "2 errors, 1 warning" (a failed write is an error among them); "" when there are no problems.
    func counts(_ report: BuildReport) -> String {
        ProblemCount(report.diagnostics).description
    }

    /// Why a strict run failed on warnings alone, or empty.
    func strictReason(_ report: BuildReport) -> String {
        report.failedOnWarnings ? " (--strict: warnings fail the build)" : ""
    }

    /// "1 page", "2 pages".
    func plural(_ count: Int, _ noun: String) -> String {
        ProblemCount.counted(count, noun)
    }

    func printTimings(_ report: BuildReport) {
        for (stage, duration) in report.timings {
            let name = stage.padding(toLength: 8, withPad: " ", startingAt: 0)
            print("  \(name) \(String(format: "%8.1f", milliseconds(duration))) ms")
        }
    }

    func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    func relativeOutput() -> String {
        let rootPath = FileManager.default.currentDirectoryPath
        let path = output.path
        return path.hasPrefix(rootPath + "/") ? String(path.dropFirst(rootPath.count + 1)) + "/" : path + "/"
    }
}
