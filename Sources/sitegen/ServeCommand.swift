import ArgumentParser

/// `sitegen serve`: the editors' preview server (see SitegenServer).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Build, serve on 127.0.0.1 and rebuild on change.")

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "The port to listen on.")
    var port: Int = 8080

    func run() async throws {
        throw ValidationError("sitegen serve is not available in this build yet")
    }
}
