/// Checks a template's look-ups of the theme's words, `{{t.KEY}}`: a misspelled key would
/// otherwise render as nothing.
enum StringLookups {
    /// An error at the line and column of each `t.KEY` that names no string of the table (nor a
    /// group of strings, nor a form of a plural).
    static func check(_ text: String, path: String, keys: StringKeys) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0, line = 1, column = 1
        var tagStart: (line: Int, column: Int)?
        var tag: [Unicode.Scalar] = []
        while index < scalars.count {
            let scalar = scalars[index]
            if tagStart == nil, scalar == "{", index + 1 < scalars.count, scalars[index + 1] == "{" {
                tagStart = (line, column)
                tag = []
                index += 2
                column += 2
                continue
            }
            if tagStart != nil, scalar == "}", index + 1 < scalars.count, scalars[index + 1] == "}" {
                if let problem = problem(in: String(String.UnicodeScalarView(tag)), keys: keys) {
                    let start = tagStart!
                    // The column of `t.` inside the tag (tags hold no line breaks in practice).
                    diagnostics.append(.error(SourceLocation(path: path, line: start.line, column: start.column + 2 + problem.offset),
                                              problem.message, suggestion: problem.suggestion))
                }
                tagStart = nil
                index += 2
                column += 2
                continue
            }
            if tagStart != nil { tag.append(scalar) }
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
        return diagnostics
    }

    /// The problem with the look-up in one tag's content (`#t.nav`, `uppercased(t.x)`), if any.
    private static func problem(in content: String, keys: StringKeys) -> (message: String, suggestion: String?, offset: Int)? {
        guard let first = content.unicodeScalars.first(where: { $0 != " " }), first != "!", first != ">", first != "<",
              first != "$", first != "=" else { return nil }
        // The innermost name of `f(g(name))`, after the tag's sigil.
        let names = content.split(whereSeparator: { "#^/&{}() ".contains($0) })
        guard let name = names.last, name.hasPrefix("t.") else { return nil }
        let key = String(name.dropFirst(2))
        if keys.entries[key] != nil || keys.groups.contains(key) { return nil }
        if let dot = key.lastIndex(of: "."), case .plural? = keys.entries[String(key[..<dot])],
           PluralCategory(rawValue: String(key[key.index(after: dot)...])) != nil {
            return nil
        }
        let offset = content.unicodeScalars.distance(from: content.unicodeScalars.startIndex,
                                                     to: name.startIndex.samePosition(in: content.unicodeScalars) ?? content.unicodeScalars.startIndex)
        let suggestion = Suggestions.closest(to: key, in: Array(keys.entries.keys) + Array(keys.groups)).map { "t." + $0 }
        return ("unknown string `t.\(key)`: the theme's tables (templates/strings/) have no such text", suggestion, offset)
    }
}
