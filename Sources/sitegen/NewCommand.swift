import ArgumentParser

/// `sitegen new`: writes a new content file with its front matter.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "new", abstract: "Create a new article, actor, event or note.")

    func run() throws {
        throw ValidationError("sitegen new is not available in this build yet")
    }
}
