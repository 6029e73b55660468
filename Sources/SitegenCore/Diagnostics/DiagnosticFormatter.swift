import Foundation

/// Formats diagnostics as compilers do: `path:line:column: error: message`, then the offending
/// line with a caret under the column.
public struct DiagnosticFormatter: Sendable {
    /// The site root, against which diagnostic paths are read.
    public var root: URL
    /// Whether to color `error:` and `warning:` for a terminal.
    public var useColor: Bool

    /// Creates a formatter.
    public init(root: URL, useColor: Bool = false) {
        self.root = root
        self.useColor = useColor
    }

    /// The diagnostic with the quoted source line and caret, when the line can be read.
    public func format(_ diagnostic: Diagnostic) -> String {
        var header = diagnostic.description
        if useColor {
            let color = diagnostic.severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;33m"
            header = header.replacingOccurrences(of: " \(diagnostic.severity.rawValue): ",
                                                 with: " \(color)\(diagnostic.severity.rawValue):\u{1B}[0m ")
        }
        // A binary file (a stray image in content/) has no line worth quoting.
        guard let line = sourceLine(diagnostic.location), !line.trimmingCharacters(in: .whitespaces).isEmpty,
              !line.unicodeScalars.contains("\u{0}") else { return header }
        var scalars = Array(line.replacingOccurrences(of: "\t", with: " ").unicodeScalars)
        var column = min(diagnostic.location.column, scalars.count + 1)
        // A long line (a Markdown paragraph) is shown as a window around the column.
        let width = 100
        if scalars.count > width {
            let start = max(0, min(column - 1 - width / 2, scalars.count - width))
            let end = min(scalars.count, start + width)
            var window = Array(scalars[start..<end])
            column -= start
            if start > 0 { window.insert(contentsOf: "…".unicodeScalars, at: 0); column += 1 }
            if end < scalars.count { window.append(contentsOf: "…".unicodeScalars) }
            scalars = window
        }
        let shown = String(String.UnicodeScalarView(scalars))
        let caret = String(repeating: " ", count: max(0, column - 1)) + "^"
        return header + "\n" + shown + "\n" + caret
    }

    private func sourceLine(_ location: SourceLocation) -> String? {
        guard !location.isWhole, !location.path.hasPrefix("("),
              let data = FileManager.default.contents(atPath: root.appendingPathComponent(location.path).path) else { return nil }
        guard let file = TextFile(utf8: data, path: location.path) else {
            // Invalid UTF-8: show the line anyway, each bad byte as U+FFFD, so the caret points at it.
            let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            guard location.line <= lines.count else { return nil }
            let line = lines[location.line - 1].replacingOccurrences(of: "\r", with: "")
            return line.isEmpty ? nil : line
        }
        let line = file.line(location.line)
        return line.isEmpty ? nil : String(line)
    }
}
