import Foundation

/// Reads one `content/events/*.yaml` file: a list of events.
enum EventLoader {
    static let keys = ["id", "date", "end", "approximate", "title", "summary", "actors", "place", "sources", "facts"]

    static func load(_ file: TextFile) -> (events: [Event], brokenIDs: [String], diagnostics: [Diagnostic]) {
        let root: YAMLNode?
        switch YAMLNode.parse(file.text, path: file.path) {
        case .failure(let diagnostic): return ([], probableIDs(in: file.text), [diagnostic])
        case .success(let parsed): root = parsed
        }
        guard let root else { return ([], [], []) }
        guard case .sequence(let items) = root.value else {
            return ([], probableIDs(in: file.text), [.error(root.location, "an events file is a YAML list: start each event with `- id: ...`")])
        }
        var events: [Event] = []
        var brokenIDs: [String] = []
        var diagnostics: [Diagnostic] = []
        for item in items {
            guard case .mapping = item.value else {
                diagnostics.append(.error(item.location, "each event is a set of `key: value` lines starting with `- id: ...`, not \(item.shapeName)"))
                continue
            }
            var reader = MappingReader(item, what: "event")
            let id = reader.string("id", required: true)
            if let id, !IDSyntax.isValid(id) {
                reader.report(.error(reader.location(of: "id"), IDSyntax.problem(with: id)))
            }
            let date = EntryReaders.date("date", from: &reader, required: true)
            let end = EntryReaders.date("end", from: &reader)
            if let date, let end, end.start < date.start {
                reader.report(.error(reader.location(of: "end"), "`end` (\(end)) is before `date` (\(date))"))
            }
            let approximate = reader.bool("approximate") ?? false
            let title = reader.string("title", required: true)
            var summary: MarkdownText?
            if let summaryNode = reader.node("summary") {
                if let text = summaryNode.string {
                    summary = MarkdownText(source: text, path: file.path, lineOffset: summaryNode.location.line - 1,
                                           firstLineColumnOffset: summaryNode.location.column - 1)
                } else {
                    reader.report(.error(summaryNode.location, "`summary` must be text"))
                }
            }
            let actors = reader.strings("actors").map { (id: $0.0, location: $0.1) }
            let place = reader.string("place")
            let sourceNodes = reader.list("sources")
            if reader.node("sources") == nil || (sourceNodes.isEmpty && reader.node("sources") != nil) {
                reader.report(.error(reader.location, "event needs at least one entry in `sources` (`- article: ID` with a `quote`)"))
            }
            let sources = EntryReaders.sources(sourceNodes, into: &diagnostics)
            let facts = EntryReaders.facts(reader.list("facts"), into: &diagnostics)
            reader.warnAboutUnknownKeys(keys)
            diagnostics += reader.diagnostics
            if let id, IDSyntax.isValid(id), let date, let title {
                events.append(Event(id: id, date: date, end: end, approximate: approximate, title: title,
                                    summary: summary, actors: actors, place: place, sources: sources,
                                    facts: facts, location: item.location))
            } else if let id {
                brokenIDs.append(id)
            }
        }
        return (events, brokenIDs, diagnostics)
    }

    /// The `id:` values of a file that could not be parsed, so that links to its events are not
    /// reported as unknown on top of the syntax error.
    static func probableIDs(in text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            var rest = line.trimmingCharacters(in: .whitespaces)
            if rest.hasPrefix("- ") { rest = String(rest.dropFirst(2)).trimmingCharacters(in: .whitespaces) }
            guard rest.hasPrefix("id:") else { return nil }
            let value = rest.dropFirst(3).trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
            return value.isEmpty ? nil : value
        }
    }
}
