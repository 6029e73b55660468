/// Reads the keys of one YAML mapping, collecting every problem: missing required keys,
/// values of the wrong shape, and unknown keys (a warning with a did-you-mean).
struct MappingReader {
    /// What the mapping describes, for messages ("article", "event").
    let what: String
    let location: SourceLocation
    private let pairs: [(key: String, keyLocation: SourceLocation, value: YAMLNode)]
    private(set) var diagnostics: [Diagnostic] = []

    /// Reads `node` as a mapping; a node of another shape gives an error and an empty reader.
    init(_ node: YAMLNode, what: String) {
        self.what = what
        self.location = node.location
        if case .mapping(let pairs) = node.value {
            self.pairs = pairs
        } else {
            self.pairs = []
            if !node.isNull {
                diagnostics.append(.error(node.location, "expected \(what) as `key: value` lines, found \(node.shapeName)"))
            }
        }
    }

    /// The node for `key`, if present and not null.
    func node(_ key: String) -> YAMLNode? {
        pairs.first { $0.key == key }.map(\.value).flatMap { $0.isNull ? nil : $0 }
    }

    /// The location of `key`'s value, or of the mapping when absent.
    func location(of key: String) -> SourceLocation {
        node(key)?.location ?? location
    }

    /// A text value; an error if required and missing or not a single value.
    mutating func string(_ key: String, required: Bool = false) -> String? {
        guard let node = node(key) else {
            if required { diagnostics.append(missing(key)) }
            return nil
        }
        guard let text = node.string else {
            diagnostics.append(.error(node.location, "`\(key)` must be a single value, not \(node.shapeName)"))
            return nil
        }
        let trimmed = text.trimmingWhitespace()
        if trimmed.isEmpty {
            if required { diagnostics.append(.error(node.location, "`\(key)` must not be empty")) }
            return nil
        }
        return trimmed
    }

    /// A `true`/`false` value; an error for anything else.
    mutating func bool(_ key: String) -> Bool? {
        guard let node = node(key) else { return nil }
        switch node.string?.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            diagnostics.append(.error(node.location, "`\(key)` must be `true` or `false`"))
            return nil
        }
    }

    /// A whole number from `minimum` up; an error for anything else.
    mutating func positiveInt(_ key: String, minimum: Int = 1) -> Int? {
        guard let node = node(key) else { return nil }
        guard let text = node.string?.trimmingWhitespace(), let value = Int(text), value >= minimum else {
            diagnostics.append(.error(node.location, "`\(key)` must be a whole number of at least \(minimum)"))
            return nil
        }
        return value
    }

    /// A list of text values; a single value is taken as a list of one.
    mutating func strings(_ key: String) -> [(String, SourceLocation)] {
        guard let node = node(key) else { return [] }
        switch node.value {
        case .sequence(let items):
            var result: [(String, SourceLocation)] = []
            for item in items {
                if let text = item.string?.trimmingSpaces(), !text.isEmpty {
                    result.append((text, item.location))
                } else {
                    diagnostics.append(.error(item.location, "each entry of `\(key)` must be a single value"))
                }
            }
            return result
        case .scalar:
            if let text = node.string { return [(text.trimmingSpaces(), node.location)] }
            return []
        case .mapping:
            diagnostics.append(.error(node.location, "`\(key)` must be a list"))
            return []
        }
    }

    /// The items of a list value.
    mutating func list(_ key: String) -> [YAMLNode] {
        guard let node = node(key) else { return [] }
        if case .sequence(let items) = node.value { return items }
        diagnostics.append(.error(node.location, "`\(key)` must be a list (lines starting with `- `)"))
        return []
    }

    /// The error for a missing required key, naming a present key that looks like a misspelling of it.
    private func missing(_ key: String) -> Diagnostic {
        var message = "\(what) is missing the required key `\(key)`"
        if let typo = pairs.first(where: { $0.key != key && Suggestions.closest(to: $0.key, in: [key]) == key }) {
            message += ": `\(typo.key)` on line \(typo.keyLocation.line) looks like a misspelling of it"
        }
        return .error(location, message)
    }

    /// Adds a warning for every key not in `known`, suggesting the closest known key.
    ///
    /// A key that looks like `draft` is an error instead, since a misspelled `draft: true` would
    /// publish a page meant to stay unpublished: in articles and notes (whose `known` keys hold
    /// `draft`) as a misspelling of it; in actors and events (`isPage`), which cannot be drafts,
    /// because the key would not keep them out of the site.
    mutating func warnAboutUnknownKeys(_ known: [String], isPage: Bool = false) {
        for pair in pairs where !known.contains(pair.key) {
            let suggestion = Suggestions.closest(to: pair.key, in: known)
            // A key as near to `draft` as to another key (`dratf`: `date` or `draft`) counts as
            // `draft`: of the two typos, the one that would publish a draft is the one to stop.
            let key = Array(pair.key.lowercased().unicodeScalars)
            let distance = { (word: String) in Suggestions.editDistance(key, Array(word.unicodeScalars), limit: 8) }
            let looksLikeDraft = pair.key.lowercased() == "draft"
                || Suggestions.closest(to: pair.key, in: known + ["draft"]) == "draft"
                || (Suggestions.closest(to: pair.key, in: ["draft"]) != nil && suggestion.map { distance("draft") <= distance($0) } == true)
            if looksLikeDraft, known.contains("draft") {
                diagnostics.append(.error(pair.keyLocation,
                    "unknown key `\(pair.key)` in \(what): it looks like `draft`, and misspelled it would publish a \(what) meant to stay a draft",
                    suggestion: "draft"))
            } else if looksLikeDraft, isPage {
                diagnostics.append(.error(pair.keyLocation,
                    "\(what)s cannot be drafts: `\(pair.key)` would not keep this \(what) out of the site; remove the key, and keep the \(what) out of `content/` until it is ready"))
            } else {
                diagnostics.append(.warning(pair.keyLocation, "unknown key `\(pair.key)` in \(what)", suggestion: suggestion))
            }
        }
    }

    /// Records a diagnostic found while interpreting a value.
    mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }
}
