/// A position in a site file: a path relative to the site root, and a 1-based line and column.
///
/// Columns count Unicode scalars, the unit YAML parsers use; Markdown positions are
/// converted into it when they are read.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file, relative to the site root (`content/events/main.yaml`).
    public var path: String
    /// 1-based line, counted from the top of the file, front matter included.
    public var line: Int
    /// 1-based column in Unicode scalars.
    public var column: Int

    /// Creates a location; line and column are clamped to at least 1.
    public init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        self.line = max(1, line)
        self.column = max(1, column)
    }

    public var description: String { "\(path):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }
}
