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
        let sourceHashes = Self.sourceHashes(of: file.text, itemsStartingAt: items.map(\.location.line))
        var fileLines: [Substring]?
        var brokenIDs: [String] = []
        var diagnostics: [Diagnostic] = []
        for (index, item) in items.enumerated() {
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
            if let date, let end, end.last < date.start {
                reader.report(.error(reader.location(of: "end"), "`end` (\(end)) is before `date` (\(date))"))
            }
            let approximate = reader.bool("approximate") ?? false
            let title = reader.string("title", required: true)
            var summary: MarkdownText?
            if let summaryNode = reader.node("summary") {
                if let text = summaryNode.string {
                    if fileLines == nil { fileLines = file.text.lines() }
                    summary = summaryText(text, at: summaryNode.location, lines: fileLines!, path: file.path)
                } else {
                    reader.report(.error(summaryNode.location, "`summary` must be text"))
                }
            }
            let actors = reader.strings("actors").map { EventActor(id: $0.0, location: $0.1) }
            let place = reader.string("place")
            let sourceNodes = reader.list("sources")
            if reader.node("sources") == nil || (sourceNodes.isEmpty && reader.node("sources") != nil) {
                reader.report(.error(reader.location, "event needs at least one entry in `sources` (`- article: ID` with a `quote`)"))
            }
            let sources = EntryReaders.sources(sourceNodes, into: &diagnostics)
            let facts = EntryReaders.facts(reader.list("facts"), into: &diagnostics)
            reader.warnAboutUnknownKeys(keys, isPage: true)
            diagnostics += reader.diagnostics
            if let id, IDSyntax.isValid(id), let date, let title {
                events.append(Event(id: id, date: date, end: end, approximate: approximate, title: title,
                                    summary: summary, actors: actors, place: place, sources: sources,
                                    facts: facts, location: item.location, sourceHash: sourceHashes[index]))
            } else if let id {
                brokenIDs.append(id)
            }
        }
        return (events, brokenIDs, diagnostics)
    }

    /// A hash of the bytes of each item of a list whose items start on the lines `lines`
    /// (1-based, in order): from the start of its line to the start of the next item's line (the
    /// next on a later line), the last to the end of the file, less the blank lines and spaces at
    /// its end (``Event/sourceHash``).
    static func sourceHashes(of text: String, itemsStartingAt lines: [Int]) -> [Int] {
        var text = text
        return text.withUTF8 { bytes in
            // The offset of the start of each item's line.
            var starts: [Int] = []
            starts.reserveCapacity(lines.count)
            var line = 1, offset = 0
            for wanted in lines {
                while line < wanted, offset < bytes.count {
                    if bytes[offset] == UInt8(ascii: "\n") { line += 1 }
                    offset += 1
                }
                starts.append(offset)
            }
            return starts.indices.map { index in
                // Up to the next item that starts on a later line: items written on one line (a flow
                // list) share that line's bytes, so a change to any of them changes each one's hash.
                var end = starts[(index + 1)...].first { $0 > starts[index] } ?? bytes.count
                // Without the blank lines after it: appending an event leaves the last one as it was.
                while end > starts[index], isBlank(bytes[end - 1]) { end -= 1 }
                var hasher = Hasher()
                hasher.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[starts[index]..<end])))
                return hasher.finalize()
            }
        }
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }

    /// The `id:` values of a file that could not be parsed, so that links to its events are not
    /// reported as unknown on top of the syntax error.
    static func probableIDs(in text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            var rest = line.trimmingSpaces()
            if rest.hasPrefix("- ") { rest = String(rest.dropFirst(2)).trimmingSpaces() }
            guard rest.hasPrefix("id:") else { return nil }
            let value = rest.dropFirst(3).trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
            return value.isEmpty ? nil : value
        }
    }

    /// A summary as Markdown placed where it is written in the file, so that a mistake in it is
    /// reported at its own line and column: after the opening quote of a quoted value, and on the
    /// lines of a `>` or `|` block (whose lines are read as written, without their indentation).
    /// `lines` are the file's lines, split once per file (not once per event).
    static func summaryText(_ value: String, at location: SourceLocation, lines: [Substring], path: String) -> MarkdownText {
        let fallback = MarkdownText(source: value, path: path, lineOffset: location.line - 1,
                                    firstLineColumnOffset: location.column - 1)
        guard location.line <= lines.count else { return fallback }
        let rest = lines[location.line - 1].unicodeScalars.dropFirst(location.column - 1)
        switch rest.first {
        case "\"", "'":
            guard !value.utf8.contains(0x0A) else { return fallback }
            return MarkdownText(source: value, path: path, lineOffset: location.line - 1, firstLineColumnOffset: location.column)
        case ">", "|":
            // `|2` (an explicit indentation) is rare: keep the plain reading for it.
            guard !rest.dropFirst().contains(where: { ("1"..."9").contains($0) }) else { return fallback }
            var block: [Substring] = []
            var indent: Int?
            for line in lines[location.line...] {
                if line.allSatisfy({ $0 == " " || $0 == "\t" }) { block.append(""); continue }
                let spaces = line.prefix { $0 == " " }.count
                if indent == nil { indent = spaces }
                guard let indent, spaces >= indent else { break }
                block.append(line.dropFirst(indent))
            }
            while block.last?.isEmpty == true { block.removeLast() }
            guard let indent, !block.isEmpty else { return fallback }
            var text = MarkdownText(source: block.joined(separator: "\n"), path: path, lineOffset: location.line,
                                    firstLineColumnOffset: indent)
            text.otherLinesColumnOffset = indent
            return text
        default:
            return fallback
        }
    }
}
