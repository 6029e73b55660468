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

    @Flag(name: .long, help: "Print the time of each stage (load, resolve, verify, render, write).")
    var timings = false

    @Flag(name: .customLong("single-thread"), help: "Use one core (the output is byte-identical to a parallel build).")
    var singleThread = false

    func run() throws {
        var options = site.buildOptions(writesOutput: true)
        options.parallel = !singleThread
        let report = build(options)
        let printer = ReportPrinter(root: options.root, output: options.output)
        printer.printDiagnostics(report)
        if timings { printer.printTimings(report) }
        let counts = printer.counts(report)
        if report.failed {
            print("Build failed\(counts.isEmpty ? "" : ": " + counts); \(printer.relativeOutput()) was left as it was.")
            throw ExitCode(1)
        }
        var line = "Built \(report.pageCount) pages in \(Int(printer.milliseconds(report.duration).rounded())) ms"
        if let summary = report.writeSummary, summary.unchanged > 0 {
            line += " (\(summary.written) files written, \(summary.unchanged) unchanged)"
        }
        if !counts.isEmpty { line += " with \(counts)" }
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

    func run() throws {
        let options = site.buildOptions(writesOutput: false)
        let report = build(options)
        let printer = ReportPrinter(root: options.root, output: options.output)
        printer.printDiagnostics(report)
        let counts = printer.counts(report)
        if report.failed {
            print("Check failed: \(counts).")
            throw ExitCode(1)
        }
        print("Checked \(report.pageCount) pages: \(counts.isEmpty ? "no problems" : counts).")
    }
}
