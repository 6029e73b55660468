import ArgumentParser
import Foundation
import SitegenCore
import SitegenServer

/// `sitegen serve`: the editors' preview server (see SitegenServer).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build, serve on 127.0.0.1 and rebuild on change.",
        discussion: """
            Builds the site into a private temporary folder (never public/), serves it on \
            http://127.0.0.1:PORT/, watches content/ and templates/, rebuilds on every change and \
            reloads open pages by themselves. While the site has errors, every page shows them \
            over the last good build; fix the file and the page recovers. Stop with Ctrl-C. \
            When the port is taken, serve says so and exits with status 1.
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "The port to listen on (0 picks a free one).")
    var port: Int = 8080

    @Flag(name: .long, help: "Print the time of each stage of every build (load, resolve, verify, render, write).")
    var timings = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        if site.links != nil {
            throw ValidationError("serve follows `links` of site.yaml (both styles work over HTTP); --links is for `sitegen build`")
        }
    }

    func run() async throws {
        let buildOptions = site.buildOptions(writesOutput: true)
        let options = ServeOptions(root: buildOptions.root, includeDrafts: buildOptions.includeDrafts,
                                   baseURL: buildOptions.baseURL, port: port, timings: timings)
        let useColor = isatty(2) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let server = try PreviewServer(options: options) { line in
            var text = line
            if useColor {
                text = text.replacingOccurrences(of: ": error: ", with: ": \u{1B}[1;31merror:\u{1B}[0m ")
                    .replacingOccurrences(of: ": warning: ", with: ": \u{1B}[1;33mwarning:\u{1B}[0m ")
            }
            FileHandle.standardError.write(Data((text + "\n").utf8))
        }
        defer { server.cleanUp() }
        do {
            try await server.run()
        } catch let error as ServeError {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(1)
        }
    }
}
