import ArgumentParser
import Foundation
import SitegenCore

/// `sitegen new`: writes a new content file with its front matter.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a new article, actor, event, note or standalone page.",
        discussion: """
            Writes content/articles/ID.md, content/actors/ID.md, content/notes/ID.md, content/pages/ID.md or \
            content/events/ID.yaml (a list holding one event), with every front matter key explained \
            in a comment. Articles, notes and pages start as drafts (see them with `sitegen serve --drafts`). \
            An event needs its source article: pass --article, or replace the placeholder it writes. \
            Refuses an invalid ID and one that already exists.
            """
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case article, actor, event, note, page
    }

    @Argument(help: "What to create: article, actor, event, note or page.")
    var kind: Kind

    @Argument(help: "The new ID: lowercase letters, digits and single hyphens (like `harbour-board`).")
    var id: String

    @Option(name: .long, help: ArgumentHelp("The site's root folder, holding content/.", valueName: "dir"))
    var root: String = "."

    @Option(name: .long, help: "The title (an actor's name); made from the ID when not given.")
    var title: String?

    @Option(name: .customLong("actor-kind"), help: ArgumentHelp("An actor's kind: \(ActorKind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "kind"))
    var actorKind: String?

    @Option(name: .long, help: ArgumentHelp("An event's source article (its ID).", valueName: "id"))
    var article: String?

    func validate() throws {
        if actorKind != nil && kind != .actor { throw ValidationError("--actor-kind is for `sitegen new actor`") }
        if article != nil && kind != .event { throw ValidationError("--article is for `sitegen new event`") }
        if let actorKind, ActorKind(rawValue: actorKind) == nil {
            let names = ActorKind.allCases.map(\.rawValue)
            let hint = Suggestions.closest(to: actorKind, in: names).map { "; did you mean `\($0)`?" } ?? ""
            throw ValidationError("unknown actor kind `\(actorKind)`\(hint) (one of \(names.joined(separator: ", ")))")
        }
    }

    func run() throws {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let rootURL = URL(fileURLWithPath: root, relativeTo: cwd).standardizedFileURL
        let request = NewContent.Request(kind: EntityKind(rawValue: kind.rawValue)!, id: id, title: title,
                                         actorKind: actorKind.flatMap(ActorKind.init(rawValue:)), article: article)
        do {
            let plan = try NewContent.plan(request, root: rootURL)
            try NewContent.write(plan, root: rootURL)
            print("Created \(plan.path)")
            if let reminder = plan.reminder { print("Next: \(reminder).") }
        } catch {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(1)
        }
    }
}
