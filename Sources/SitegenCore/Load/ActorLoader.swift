/// Reads one `content/actors/ID.md`.
enum ActorLoader {
    static let keys = ["name", "kind", "full_name", "aliases", "role", "relations", "facts"] + EntryReaders.imageKeys
    static let relationKeys = ["type", "actor", "since", "until", "sources"]

    static func load(_ file: TextFile, id: String) -> (Actor?, [Diagnostic]) {
        let document: FrontMatterDocument
        let node: YAMLNode
        switch FrontMatterDocument.read(file, missing: "an actor starts with front matter between `---` lines (name, kind)") {
        case .failure(let diagnostic): return (nil, [diagnostic])
        case .success(let read): (document, node) = read
        }
        var diagnostics: [Diagnostic] = []
        var reader = MappingReader(node, what: "actor")
        let name = reader.string("name", required: true)
        var kind: ActorKind?
        if let kindText = reader.string("kind", required: true) {
            kind = ActorKind(rawValue: kindText)
            if kind == nil {
                let names = ActorKind.allCases.map(\.rawValue)
                reader.report(.error(reader.location(of: "kind"),
                    "unknown actor kind `\(kindText)` (one of \(names.map { "`\($0)`" }.joined(separator: ", ")))",
                    suggestion: Suggestions.closest(to: kindText, in: names)))
            }
        }
        let fullName = reader.string("full_name")
        let aliases = reader.strings("aliases").map(\.0)
        let role = reader.string("role")
        var relations: [Relation] = []
        for item in reader.list("relations") {
            var relationReader = MappingReader(item, what: "relation")
            var type: RelationType?
            if let typeText = relationReader.string("type", required: true) {
                type = RelationType(rawValue: typeText)
                if type == nil {
                    let names = RelationType.allCases.map(\.rawValue)
                    relationReader.report(.error(relationReader.location(of: "type"),
                        "unknown relation type `\(typeText)` (one of \(names.map { "`\($0)`" }.joined(separator: ", ")))",
                        suggestion: Suggestions.closest(to: typeText, in: names)))
                }
            }
            let target = relationReader.string("actor", required: true)
            let since = EntryReaders.date("since", from: &relationReader)
            let until = EntryReaders.date("until", from: &relationReader)
            if let since, let until, until < since {
                relationReader.report(.error(relationReader.location(of: "until"), "`until` is before `since`"))
            }
            let sources = EntryReaders.sources(relationReader.list("sources"), into: &diagnostics)
            relationReader.warnAboutUnknownKeys(relationKeys)
            diagnostics += relationReader.diagnostics
            if let type, let target {
                relations.append(Relation(type: type, actor: target, since: since, until: until, sources: sources,
                                          location: item.location, actorLocation: relationReader.location(of: "actor")))
            }
        }
        let facts = EntryReaders.facts(reader.list("facts"), into: &diagnostics)
        let image = EntryReaders.image(from: &reader)
        reader.warnAboutUnknownKeys(keys, isPage: true)
        diagnostics += reader.diagnostics
        guard let name, let kind else { return (nil, diagnostics) }
        let body = MarkdownText(source: document.body, path: file.path, lineOffset: document.bodyLineOffset)
        var actor = Actor(id: id, name: name, kind: kind, fullName: fullName, aliases: aliases, role: role,
                          relations: relations, facts: facts, body: body, location: node.location)
        actor.image = image
        return (actor, diagnostics)
    }
}
