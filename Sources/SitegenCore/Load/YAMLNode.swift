/// A YAML value with the place it was written: a plain value tree that can cross threads.
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

    /// Parses YAML text into a node tree.
    ///
    /// Plain content is read by ``FastYAML``; everything else (and every mistake) by
    /// ``YAMLComposer`` on libyaml, which refuses anchors, aliases and deep nesting and places
    /// each syntax error where the editor must act.
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
        return parseWithLibYAML(text, path: path, lineOffset: lineOffset)
    }

    /// ``parse(_:path:lineOffset:)`` by libyaml alone, without the fast reader.
    static func parseWithLibYAML(_ text: String, path: String, lineOffset: Int = 0) -> Result<YAMLNode?, Diagnostic> {
        YAMLComposer.parse(text, path: path, lineOffset: lineOffset)
    }
}
