import Yams

/// A YAML value with the place it was written, converted from Yams at once so it can cross threads.
public struct YAMLNode: Sendable {
    /// The shape of a YAML value.
    public indirect enum Value: Sendable {
        /// A scalar as written (never typed: `010` stays `"010"`); `isNull` for `~`, `null` or nothing.
        case scalar(String, isNull: Bool)
        /// Key-value pairs in document order; keys keep their own location.
        case mapping([(key: String, keyLocation: SourceLocation, value: YAMLNode)])
        /// Items in document order.
        case sequence([YAMLNode])
    }

    /// The value.
    public var value: Value
    /// Where the value starts (for a mapping or list: its first entry).
    public var location: SourceLocation

    /// Whether an unquoted scalar means null: empty, `~`, `null`, `Null` or `NULL`.
    static func isNullWord(_ text: String) -> Bool {
        text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    /// The scalar text, or nil for null, a mapping or a list.
    public var string: String? {
        if case .scalar(let text, let isNull) = value, !isNull { return text }
        return nil
    }

    /// Whether the value is null (`~`, `null` or empty).
    public var isNull: Bool {
        if case .scalar(_, let isNull) = value { return isNull }
        return false
    }

    /// A short name of the value's shape, for messages.
    public var shapeName: String {
        switch value {
        case .scalar(_, let isNull): return isNull ? "nothing" : "a single value"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }

    /// libyaml's message in words an editor can act on, for the mistakes editors make most;
    /// libyaml's own words otherwise.
    static func explainSyntaxError(problem: String, context: String?, text: String, at mark: Mark?) -> String {
        let original = problem + (context.map { " (\($0))" } ?? "")
        let line: Substring? = mark.flatMap { mark in
            text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(mark.line - 1).first
        }
        let character: Character? = mark.flatMap { mark in
            line.flatMap { line in
                let scalars = line.unicodeScalars
                guard mark.column >= 1, mark.column <= scalars.count else { return nil }
                return Character(scalars[scalars.index(scalars.startIndex, offsetBy: mark.column - 1)])
            }
        }
        if context?.contains("quoted scalar") == true && problem.contains("end of stream") {
            return "this quoted value has no closing quote: end it with the same quote it starts with"
        }
        if problem.contains("cannot start any token") {
            if character == "\t" || line?.hasPrefix("\t") == true {
                return "YAML does not allow tabs for indentation: indent with spaces"
            }
            if let character {
                return "a value cannot start with `\(character)`: put the whole value in quotes"
            }
        }
        if problem.contains("mapping values are not allowed") {
            return "unexpected `:` here: if the value contains `: `, put it in quotes (`title: \"Harbour: the vote\"`); otherwise check that this line is indented like the keys around it"
        }
        if problem.contains("did not find expected key") || problem.contains("did not find expected '-' indicator") {
            return "this line is not indented like the lines around it: keys of one entry line up, and list items start with `- ` at the same column (\(original))"
        }
        if problem.contains("could not find expected ':'") {
            return "expected `key: value` on this line (a key, a colon, then a space) (\(original))"
        }
        return original
    }

    /// Parses YAML text into a node tree.
    ///
    /// - Parameters:
    ///   - text: the YAML.
    ///   - path: the file, for locations.
    ///   - lineOffset: lines before the YAML in its file (front matter starts after `---`).
    /// - Returns: the root node (nil for an empty document), or the syntax error at its place.
    public static func parse(_ text: String, path: String, lineOffset: Int = 0) -> Result<YAMLNode?, Diagnostic> {
        if case .parsed(let root) = FastYAML.parse(text, path: path, lineOffset: lineOffset) {
            return .success(root)
        }
        return parseWithYams(text, path: path, lineOffset: lineOffset)
    }

    /// ``parse(_:path:lineOffset:)`` by Yams alone, without the fast reader.
    static func parseWithYams(_ text: String, path: String, lineOffset: Int = 0) -> Result<YAMLNode?, Diagnostic> {
        func location(_ mark: Mark?) -> SourceLocation {
            SourceLocation(path: path, line: (mark?.line ?? 1) + lineOffset, column: mark?.column ?? 1)
        }
        do {
            // Values stay untyped (see `Value.scalar`), so the basic resolver is enough: the default
            // one runs a regular expression per scalar. The encoding is given so that Yams does not
            // read the environment on every call.
            guard let root = try Yams.compose(yaml: text, .basic, .default, .utf8) else { return .success(nil) }
            return .success(convert(root, path: path, lineOffset: lineOffset))
        } catch let error as YamlError {
            switch error {
            case .scanner(let context, let problem, let mark, _),
                 .parser(let context, let problem, let mark, _),
                 .composer(let context, let problem, let mark, _):
                let place = context?.mark ?? mark
                let message = explainSyntaxError(problem: problem, context: context?.text, text: text, at: place)
                return .failure(.error(location(place), "YAML syntax: " + message))
            case .duplicatedKeysInMapping(let duplicates, let context):
                let name = duplicates.sorted().first ?? ""
                var place = location(context.mark)
                var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                var seen = 0
                for (index, line) in lines.enumerated() where line.trimmingCharacters(in: .whitespaces).hasPrefix(name + ":")
                    || line.trimmingCharacters(in: .whitespaces).hasPrefix("- " + name + ":") {
                    seen += 1
                    if seen == 2 {
                        let column = (line.firstRange(of: name + ":")?.lowerBound).map { line.unicodeScalars.distance(from: line.startIndex, to: $0) + 1 } ?? 1
                        place = SourceLocation(path: path, line: index + 1 + lineOffset, column: column)
                        break
                    }
                }
                lines.removeAll()
                return .failure(.error(place, "duplicate key `\(name)`"))
            case .reader(let problem, _, _, _):
                return .failure(.error(location(nil), "YAML: \(problem)"))
            default:
                return .failure(.error(location(nil), "YAML: \(error)"))
            }
        } catch {
            return .failure(.error(location(nil), "YAML: \(error)"))
        }
    }

    private static func convert(_ node: Node, path: String, lineOffset: Int) -> YAMLNode {
        func location(_ mark: Mark?) -> SourceLocation {
            SourceLocation(path: path, line: (mark?.line ?? 1) + lineOffset, column: mark?.column ?? 1)
        }
        switch node {
        case .scalar(let scalar):
            let isNull = scalar.style == .plain && isNullWord(scalar.string)
            return YAMLNode(value: .scalar(scalar.string, isNull: isNull), location: location(scalar.mark))
        case .mapping(let mapping):
            var pairs: [(key: String, keyLocation: SourceLocation, value: YAMLNode)] = []
            for (key, value) in mapping {
                pairs.append((key.string ?? "", location(key.mark), convert(value, path: path, lineOffset: lineOffset)))
            }
            let start = pairs.first?.keyLocation ?? location(mapping.mark)
            return YAMLNode(value: .mapping(pairs), location: start)
        case .sequence(let sequence):
            let items = sequence.map { convert($0, path: path, lineOffset: lineOffset) }
            return YAMLNode(value: .sequence(items), location: items.first?.location ?? location(sequence.mark))
        case .alias(let alias):
            return YAMLNode(value: .scalar("", isNull: true), location: location(alias.mark))
        }
    }
}
