/// A position in a site file: a path relative to the site root, and a 1-based line and column;
/// or a whole file or folder (``whole(_:)``), for a problem that is not at a line of it.
///
/// Columns count Unicode scalars, the unit YAML parsers use; Markdown positions are
/// converted into it when they are read.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file, relative to the site root (`content/events/main.yaml`).
    public var path: String
    /// 1-based line, counted from the top of the file, front matter included; 0 for a whole file.
    public var line: Int
    /// 1-based column in Unicode scalars.
    public var column: Int

    /// Creates a location; line and column are clamped to at least 1.
    public init(path: String, line: Int = 1, column: Int = 1) {
        self.path = path
        self.line = max(1, line)
        self.column = max(1, column)
    }

    /// The file or folder `path` as a whole: a problem about it and not about a line in it (an output
    /// file that could not be written). Shown as `path` alone, and no line of it is quoted.
    /// A path outside the site root is absolute.
    public static func whole(_ path: String) -> SourceLocation {
        var location = SourceLocation(path: path)
        location.line = 0
        location.column = 0
        return location
    }

    /// Whether the location is a whole file or folder (``whole(_:)``), not a line of it.
    public var isWhole: Bool { line == 0 }

    /// `path:line:column`, or `path` for a whole file.
    public var description: String { isWhole ? path : "\(path):\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }
}
