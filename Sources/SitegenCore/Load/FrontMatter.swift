/// A Markdown file split into its YAML front matter and its body.
struct FrontMatterDocument {
    /// The YAML between the `---` lines (nil when the file has none).
    var yaml: String?
    /// The Markdown after the closing `---`.
    var body: String
    /// Lines before the body (the front matter with its two fences).
    var bodyLineOffset: Int

    /// Splits `text`. A file that starts with `---` but never closes it is an error.
    static func split(_ file: TextFile) -> Result<FrontMatterDocument, Diagnostic> {
        let text = file.text
        guard text.hasPrefix("---\n") || text == "---" else {
            return .success(FrontMatterDocument(yaml: nil, body: text, bodyLineOffset: 0))
        }
        // Walk line by line to the closing fence; the body is the rest of the text, not re-joined.
        var lineStart = text.index(text.startIndex, offsetBy: 4, limitedBy: text.endIndex) ?? text.endIndex
        let yamlStart = lineStart
        var lineNumber = 1
        while lineStart < text.endIndex {
            let lineEnd = text[lineStart...].firstIndex(of: "\n") ?? text.endIndex
            let trimmed = text[lineStart..<lineEnd].trimmingSpaces()
            if trimmed == "---" || trimmed == "..." {
                let yaml = String(text[yamlStart..<lineStart])
                let body = lineEnd < text.endIndex ? String(text[text.index(after: lineEnd)...]) : ""
                return .success(FrontMatterDocument(yaml: yaml, body: body, bodyLineOffset: lineNumber + 1))
            }
            lineNumber += 1
            lineStart = lineEnd < text.endIndex ? text.index(after: lineEnd) : text.endIndex
        }
        return .failure(unclosed(text, path: file.path))
    }

    /// The error for front matter without its closing `---`, at the first line that cannot be
    /// front matter (the body's first line, or the blank line before it), where `---` belongs.
    static func unclosed(_ text: String, path: String) -> Diagnostic {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var blank: Int?
        for (index, line) in lines.enumerated().dropFirst() {
            let trimmed = line.trimmingSpaces()
            if trimmed.isEmpty {
                if blank == nil { blank = index + 1 }
                continue
            }
            let first = line.first!
            let looksLikeYAML = first == " " || first == "\t" || first == "#" || line.hasPrefix("- ") || line == "-"
                || Self.startsWithKey(line)
            if looksLikeYAML {
                blank = nil
                continue
            }
            return .error(SourceLocation(path: path, line: blank ?? index + 1),
                          "the front matter that starts on line 1 is not closed: add a line `---` \(blank == nil ? "before this line" : "here"), after the last key")
        }
        return .error(SourceLocation(path: path), "front matter is not closed: add a line `---` after its last key")
    }

    /// Whether a line starts with `key:` (a word, then a colon and a space or the line's end).
    private static func startsWithKey(_ line: Substring) -> Bool {
        guard let colon = line.firstIndex(of: ":"), colon > line.startIndex else { return false }
        let key = line[..<colon]
        let after = line.index(after: colon)
        return (after == line.endIndex || line[after] == " ")
            && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
    }

    /// Splits `file` and parses its front matter: the Markdown body and the YAML mapping's node,
    /// or the one diagnostic that stops reading the file (no front matter, unclosed, bad YAML).
    ///
    /// - Parameter missing: what to say when the file has no front matter at all.
    static func read(_ file: TextFile, missing: String) -> Result<(document: FrontMatterDocument, node: YAMLNode), Diagnostic> {
        let document: FrontMatterDocument
        switch split(file) {
        case .failure(let diagnostic): return .failure(diagnostic)
        case .success(let split): document = split
        }
        guard let yaml = document.yaml else { return .failure(.error(SourceLocation(path: file.path), missing)) }
        switch YAMLNode.parse(yaml, path: file.path, lineOffset: 1) {
        case .failure(let diagnostic): return .failure(diagnostic)
        case .success(let parsed):
            let node = parsed ?? YAMLNode(value: .mapping([]), location: SourceLocation(path: file.path, line: 2))
            return .success((document, node))
        }
    }
}
