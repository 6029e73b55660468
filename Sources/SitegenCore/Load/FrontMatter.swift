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
        return .failure(.error(SourceLocation(path: file.path), "front matter is not closed: add a line `---` after it"))
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
