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
        format([diagnostic])[0]
    }

    /// Each diagnostic formatted as ``format(_:)-swift.method`` does, in order, reading each
    /// source file once however many diagnostics point into it (a generated site can have
    /// hundreds of thousands of warnings in a few thousand files).
    public func format(_ diagnostics: [Diagnostic]) -> [String] {
        var files: [String: [Substring]?] = [:]
        return diagnostics.map { diagnostic in
            let location = diagnostic.location
            // A whole file or folder has no line to quote.
            guard !location.isWhole else { return format(diagnostic, line: nil) }
            if files[location.path] == nil { files[location.path] = .some(lines(of: location.path)) }
            let lines = files[location.path]!
            let line = lines.flatMap { $0.indices.contains(location.line - 1) ? $0[location.line - 1] : nil }
            return format(diagnostic, line: line)
        }
    }

    /// The diagnostic's header, then `line` (its source line) with a caret under the column.
    private func format(_ diagnostic: Diagnostic, line: Substring?) -> String {
        var header = diagnostic.description
        if useColor {
            let color = diagnostic.severity == .error ? "\u{1B}[1;31m" : "\u{1B}[1;33m"
            header = header.replacingOccurrences(of: " \(diagnostic.severity.rawValue): ",
                                                 with: " \(color)\(diagnostic.severity.rawValue):\u{1B}[0m ")
        }
        // A binary file (a stray image in content/) has no line worth quoting.
        guard let line, !line.isEmpty, !line.unicodeScalars.allSatisfy(CharacterSet.whitespaces.contains),
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

    /// The lines of a site file, without their line ends; nil when it cannot be read.
    private func lines(of path: String) -> [Substring]? {
        guard !path.hasPrefix("("),
              let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path) else { return nil }
        guard let file = TextFile(utf8: data, path: path) else {
            // Invalid UTF-8: show the line anyway, each bad byte as U+FFFD, so the caret points at it.
            return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.contains("\r") ? Substring($0.replacingOccurrences(of: "\r", with: "")) : $0 }
        }
        return file.text.split(separator: "\n", omittingEmptySubsequences: false)
    }
}
