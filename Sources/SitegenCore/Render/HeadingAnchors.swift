/// Gives the top-level headings (`<h2>`) of a rendered body an `id` each, so that a table of
/// contents and readers can link to them.
enum HeadingAnchors {
    /// One anchored heading: its plain text and its `id`.
    struct Heading: Equatable {
        var text: String
        var id: String
    }

    /// The body with an `id` on each `<h2>`, and those headings in order. Ids are made from the
    /// heading's words (`Islamist militants` → `islamist-militants`), unique within the page and
    /// never one of `taken` (the ids the page's template already uses).
    static func anchor(_ html: String, taken: Set<String> = []) -> (html: String, headings: [Heading]) {
        var output = ""
        var headings: [Heading] = []
        var used = taken
        var rest = Substring(html)
        while let open = rest.range(of: "<h2>") {
            guard let close = rest[open.upperBound...].range(of: "</h2>") else { break }
            let inner = rest[open.upperBound..<close.lowerBound]
            let text = plainText(String(inner))
            let base = slug(text)
            var id = base
            var number = 2
            while used.contains(id) { id = "\(base)-\(number)"; number += 1 }
            used.insert(id)
            headings.append(Heading(text: text, id: id))
            output += rest[..<open.lowerBound]
            output += "<h2 id=\"\(id)\">"
            output += inner
            output += "</h2>"
            rest = rest[close.upperBound...]
        }
        output += rest
        return (output, headings)
    }

    /// The heading's words without markup, citation marks or entities.
    static func plainText(_ html: String) -> String {
        var text = ""
        var rest = Substring(html)
        // Citation marks (`<sup class="cite">[1]</sup>`) are not part of the heading's words.
        while let start = rest.range(of: "<sup class=\"cite\">") {
            text += rest[..<start.lowerBound]
            guard let end = rest[start.upperBound...].range(of: "</sup>") else { rest = ""; break }
            rest = rest[end.upperBound...]
        }
        text += rest
        var plain = ""
        var inTag = false
        for character in text {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { plain.append(character) }
        }
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            plain = plain.replacingOccurrences(of: entity, with: character)
        }
        return plain.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Lower-case letters and digits of any script, words joined by `-`; `section` when none.
    static func slug(_ text: String) -> String {
        var words: [String] = []
        var word = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                word.append(character)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        return words.isEmpty ? "section" : words.joined(separator: "-")
    }
}
