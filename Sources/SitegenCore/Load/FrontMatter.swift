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
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeFirst()
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "---" || trimmed == "..." {
                let yaml = lines[..<index].joined(separator: "\n")
                let body = lines[(index + 1)...].joined(separator: "\n")
                return .success(FrontMatterDocument(yaml: yaml, body: body, bodyLineOffset: index + 2))
            }
        }
        return .failure(.error(SourceLocation(path: file.path), "front matter is not closed: add a line `---` after it"))
    }
}
