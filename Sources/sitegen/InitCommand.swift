import ArgumentParser
import Foundation
import SitegenCore

/// `sitegen init`: writes a small site to start from.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a new site: write a small example site into DIR.",
        discussion: """
            Writes content/site.yaml, content/index.md, an article with its source text, two actors \
            with a relation, an event with a verified quote, a note and an About page, each explaining \
            what it is for, and static/ with the example image the note shows. It builds with no warning as written. Refuses a folder \
            that already has content/ or static/.
            """
    )

    @Argument(help: ArgumentHelp("The new site's folder; created if missing (default: the current folder).", valueName: "dir"))
    var directory: String = "."

    @Option(name: .long, help: "The site's title.")
    var title: String = "My explainer"

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let root = URL(fileURLWithPath: directory, relativeTo: cwd).standardizedFileURL
        do {
            let written = try NewSite.write(to: root, title: title)
            print("Created a new site in \(directory == "." ? "the current folder" : directory): \(written.count) files and static/.")
            let cd = directory == "." ? "" : "cd \(directory) && "
            print("Next: \(cd)sitegen serve   (preview at http://127.0.0.1:8080/), then replace the example with your story.")
        } catch {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(1)
        }
    }
}
