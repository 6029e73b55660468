import ArgumentParser
#if os(Linux)
// Links jemalloc, the program's allocator on Linux (see Package.swift); nothing in it is called by name.
import CJemalloc
#endif
import Foundation
import SitegenCore

/// The `sitegen` command: builds news explainer sites from plain-text content.
@main
struct Sitegen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitegen",
        abstract: "Build a news explainer site from content/ and templates/ into public/.",
        version: sitegenVersion,
        subcommands: [InitCommand.self, BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self],
        defaultSubcommand: nil
    )

    /// Runs the command line; a wrong command line exits with 2, as the contract asks.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure || (code != .success && !(error is ExitCode) && !(error is CleanExit)) {
                // Usage problems: ArgumentParser's own message, then exit 2.
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                if !(error is ExitCode) { Foundation.exit(2) }
            }
            exit(withError: error)
        }
    }
}
