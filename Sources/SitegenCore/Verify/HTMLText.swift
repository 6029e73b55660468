/// Turns HTML (or text that may hold stray markup) into plain text: tags removed, entities decoded.
enum HTMLText {
    /// Removes tags, comments and the contents of `script` and `style`, and decodes entities.
    /// A `<` not followed by a letter, `/` or `!` is kept as text.
    static func stripTags(_ html: String) -> String {
        guard html.containsBytes("<") || html.containsBytes("&") else { return html }
        let scalars = Array(html.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "<", index + 1 < scalars.count,
               scalars[index + 1].properties.isAlphabetic || scalars[index + 1] == "/" || scalars[index + 1] == "!" {
                if hasPrefix(scalars, at: index, "<!--") {
                    index = find(scalars, "-->", from: index + 4).map { $0 + 3 } ?? scalars.count
                    continue
                }
                let name = tagName(scalars, at: index + 1)
                guard let close = scalars[index...].firstIndex(of: ">") else {
                    output.append(scalar)
                    index += 1
                    continue
                }
                index = close + 1
                if name == "script" || name == "style" {
                    index = find(scalars, "</\(name)", from: index, caseInsensitive: true)
                        .flatMap { start in scalars[start...].firstIndex(of: ">").map { $0 + 1 } } ?? scalars.count
                }
                // Block-level tags separate words; inline tags do not.
                if ["p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "blockquote", "/p", "/div", "/li"].contains(name) {
                    output.append(" ")
                }
                continue
            }
            if scalar == "&", let (decoded, length) = entity(scalars, at: index) {
                output.append(contentsOf: decoded.unicodeScalars)
                index += length
                continue
            }
            output.append(scalar)
            index += 1
        }
        return String(output)
    }

    private static func tagName(_ scalars: [Unicode.Scalar], at start: Int) -> String {
        var name = ""
        var index = start
        if index < scalars.count, scalars[index] == "/" { name = "/"; index += 1 }
        while index < scalars.count, scalars[index].properties.isAlphabetic || ("0"..."9").contains(scalars[index]) {
            name.unicodeScalars.append(scalars[index])
            index += 1
        }
        return name.lowercased()
    }

    private static func hasPrefix(_ scalars: [Unicode.Scalar], at index: Int, _ prefix: String) -> Bool {
        let needle = Array(prefix.unicodeScalars)
        guard index + needle.count <= scalars.count else { return false }
        return Array(scalars[index..<(index + needle.count)]) == needle
    }

    private static func find(_ scalars: [Unicode.Scalar], _ needle: String, from start: Int, caseInsensitive: Bool = false) -> Int? {
        let target = Array((caseInsensitive ? needle.lowercased() : needle).unicodeScalars)
        guard !target.isEmpty, start <= scalars.count - target.count else { return nil }
        for index in start...(scalars.count - target.count) {
            var matches = true
            for offset in 0..<target.count {
                var scalar = scalars[index + offset]
                if caseInsensitive, let lower = String(scalar).lowercased().unicodeScalars.first { scalar = lower }
                if scalar != target[offset] { matches = false; break }
            }
            if matches { return index }
        }
        return nil
    }

    /// Decodes `&name;`, `&#123;` or `&#x1F;` at `index`; nil when it is not an entity.
    private static func entity(_ scalars: [Unicode.Scalar], at index: Int) -> (String, Int)? {
        var end = index + 1
        while end < scalars.count, end - index <= 32, scalars[end] != ";" {
            let scalar = scalars[end]
            guard scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "#" else { return nil }
            end += 1
        }
        guard end < scalars.count, scalars[end] == ";" else { return nil }
        let body = String(String.UnicodeScalarView(scalars[(index + 1)..<end]))
        let length = end - index + 1
        if body.hasPrefix("#x") || body.hasPrefix("#X") {
            guard let value = UInt32(body.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(value) else { return nil }
            return (String(scalar), length)
        }
        if body.hasPrefix("#") {
            guard let value = UInt32(body.dropFirst()), let scalar = Unicode.Scalar(value) else { return nil }
            return (String(scalar), length)
        }
        guard let named = namedEntities[body] else { return nil }
        return (named, length)
    }

    private static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "lsquo": "\u{2018}", "rsquo": "\u{2019}", "ldquo": "\u{201C}", "rdquo": "\u{201D}",
        "sbquo": "\u{201A}", "bdquo": "\u{201E}", "laquo": "\u{00AB}", "raquo": "\u{00BB}",
        "lsaquo": "\u{2039}", "rsaquo": "\u{203A}", "prime": "\u{2032}", "Prime": "\u{2033}",
        "ndash": "\u{2013}", "mdash": "\u{2014}", "minus": "\u{2212}", "hyphen": "\u{2010}", "dash": "\u{2010}",
        "hellip": "\u{2026}", "shy": "\u{00AD}", "thinsp": "\u{2009}", "ensp": "\u{2002}", "emsp": "\u{2003}",
        "zwnj": "\u{200C}", "zwj": "\u{200D}", "copy": "\u{00A9}", "reg": "\u{00AE}", "trade": "\u{2122}",
        "deg": "\u{00B0}", "middot": "\u{00B7}", "bull": "\u{2022}", "euro": "\u{20AC}", "pound": "\u{00A3}",
        "eacute": "\u{00E9}", "egrave": "\u{00E8}", "ecirc": "\u{00EA}", "euml": "\u{00EB}",
        "aacute": "\u{00E1}", "agrave": "\u{00E0}", "acirc": "\u{00E2}", "auml": "\u{00E4}", "aring": "\u{00E5}",
        "iacute": "\u{00ED}", "igrave": "\u{00EC}", "icirc": "\u{00EE}", "iuml": "\u{00EF}",
        "oacute": "\u{00F3}", "ograve": "\u{00F2}", "ocirc": "\u{00F4}", "ouml": "\u{00F6}", "otilde": "\u{00F5}",
        "uacute": "\u{00FA}", "ugrave": "\u{00F9}", "ucirc": "\u{00FB}", "uuml": "\u{00FC}",
        "ccedil": "\u{00E7}", "ntilde": "\u{00F1}", "szlig": "\u{00DF}", "oslash": "\u{00F8}", "aelig": "\u{00E6}",
        "Eacute": "\u{00C9}", "Egrave": "\u{00C8}", "Agrave": "\u{00C0}", "Ccedil": "\u{00C7}", "Ouml": "\u{00D6}", "Uuml": "\u{00DC}",
    ]
}
