import ArgumentParser
import Foundation
import SitegenCore

/// `sitegen build`: checks the site and writes it, replacing the output folder only on success.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Check the site and write it into public/ (or --output).",
        discussion: "Errors are reported as path:line:column: error: message. On any error nothing is written and the previous output stays as it was."
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: ArgumentHelp("Where the site is written (default: ROOT/public).", valueName: "dir"))
    var output: String?

    @Flag(name: .long, help: "Print the time of each stage (load, resolve, verify, render, write).")
    var timings = false

    @Flag(name: .customLong("single-thread"), help: "Use one core (the output is byte-identical to a parallel build).")
    var singleThread = false

    @Flag(name: .long, help: "Fail on any warning as on an error (exit 1, nothing written): for CI and deploys.")
    var strict = false

    @Flag(name: .customLong("all-warnings"), help: "Print every copy of a repeated warning (by default the first \(ShownDiagnostics.defaultRepeatLimit) of each are printed, and the rest counted).")
    var allWarnings = false

    func run() throws {
        var options = site.buildOptions(writesOutput: true, output: output)
        options.parallel = !singleThread
        options.strict = strict
        // Whether there was an output before: "left as it was" means nothing when there was none.
        let outputExisted = FileManager.default.fileExists(atPath: options.output.path)
        let report = build(options)
        let printer = ReportPrinter(root: options.root, output: options.output)
        printer.printDiagnostics(report, allWarnings: allWarnings)
        if timings { printer.printTimings(report) }
        let counts = printer.counts(report)
        if report.failed {
            let outcome = outputExisted ? "\(printer.relativeOutput()) was left as it was" : "nothing was written"
            print("Build failed\(counts.isEmpty ? "" : ": " + counts)\(printer.strictReason(report)); \(outcome).")
            throw ExitCode(1)
        }
        var line = "Built \(printer.plural(report.pageCount, "page")) in \(Int(printer.milliseconds(report.duration).rounded())) ms"
        if let summary = report.writeSummary, summary.unchanged > 0 {
            line += " (\(printer.plural(summary.written, "file")) written, \(summary.unchanged) unchanged)"
        }
        if !counts.isEmpty { line += ", \(counts)" }
        print(line)
    }
}

/// `sitegen check`: reports every problem and writes nothing.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report every problem in the site without writing anything."
    )

    @OptionGroup var site: SiteOptions

    @Flag(name: .long, help: "Fail on any warning as on an error (exit 1): for CI and deploys.")
    var strict = false

    @Flag(name: .customLong("all-warnings"), help: "Print every copy of a repeated warning (by default the first \(ShownDiagnostics.defaultRepeatLimit) of each are printed, and the rest counted).")
    var allWarnings = false

    func run() throws {
        var options = site.buildOptions(writesOutput: false)
        options.strict = strict
        let report = build(options)
        let printer = ReportPrinter(root: options.root, output: options.output)
        printer.printDiagnostics(report, allWarnings: allWarnings)
        let counts = printer.counts(report)
        if report.failed {
            print("Check failed: \(counts)\(printer.strictReason(report)).")
            throw ExitCode(1)
        }
        print("Checked \(printer.plural(report.pageCount, "page")): \(counts.isEmpty ? "no problems" : counts).")
    }
}
