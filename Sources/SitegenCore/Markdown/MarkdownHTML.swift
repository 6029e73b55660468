import Foundation

/// Helpers for Markdown's rendered content at load: the inline form of a one-paragraph text,
/// plain text for descriptions.
enum MarkdownHTML {
    /// `<p>text</p>\n` → `text`, when the content is exactly one paragraph.
    static func unwrapSingleParagraph(_ content: MarkdownContent) -> MarkdownContent {
        var segments = content.segments
        guard case .html(let first)? = segments.first, case .html? = segments.last else { return content }
        let head = first.drop { $0.unicodeScalars.allSatisfy(\.properties.isWhitespace) }
        guard head.hasPrefix("<p>") else { return content }
        segments[0] = .html(String(head.dropFirst(3)))
        guard case .html(let tail) = segments[segments.count - 1] else { return content }
        // Trailing white space off, scalar by scalar from the end (reversing the Characters of a
        // long paragraph cost 2.7% of a large build).
        let scalars = tail.unicodeScalars
        let end = scalars.lastIndex { !$0.properties.isWhitespace }.map { scalars.index(after: $0) } ?? scalars.startIndex
        let trimmed = String(scalars[..<end])
        guard trimmed.hasSuffix("</p>") else { return content }
        segments[segments.count - 1] = .html(String(trimmed.dropLast(4)))
        for segment in segments {
            if case .html(let html) = segment, html.containsBytes("<p>") { return content }
        }
        return MarkdownContent(segments.filter { $0 != .html("") })
    }

    /// Plain text of the start of rendered content (about `limit` bytes of its HTML) without
    /// citation marks, for page descriptions. One pass over the bytes: tags dropped (an image
    /// is one), citations left out, the entities cmark writes decoded, white space collapsed.
    private static let entities: [([UInt8], UInt8)] = ([("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'")] as [(String, Unicode.Scalar)])
        .map { (Array($0.0.utf8), UInt8(ascii: $0.1)) }

    static func plainText(_ content: MarkdownContent, limit: Int = 4000) -> String {
        var html = ""
        content.forEachPiece { piece in
            guard html.utf8.count < limit else { return }
            switch piece {
            case .html(let text): html += text
            case .mark(.image, _): html += "<img>"
            case .mark: break
            }
        }
        return plainText(html, limit: limit)
    }

    static func plainText(_ html: String, limit: Int = 4000) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(min(html.utf8.count, limit))
        var pendingSpace = false
        var copy = html
        copy.withUTF8 { bytes in
            var index = 0
            let end = min(bytes.count, limit)
            while index < end {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "<"):
                    while index < end, bytes[index] != UInt8(ascii: ">") { index += 1 }
                    index += 1
                    pendingSpace = pendingSpace || !output.isEmpty
                    continue
                case 0x20, 0x0A, 0x09, 0x0D:
                    pendingSpace = !output.isEmpty
                    index += 1
                    continue
                default:
                    break
                }
                // The entities cmark writes, decoded; every other byte as it is.
                var decoded = byte
                if byte == UInt8(ascii: "&") {
                    for (entity, value) in Self.entities {
                        if index + entity.count <= end, entity.indices.allSatisfy({ bytes[index + $0] == entity[$0] }) {
                            decoded = value
                            index += entity.count - 1
                            break
                        }
                    }
                }
                if pendingSpace {
                    // No space before closing punctuation left behind by a removed citation.
                    if decoded != UInt8(ascii: ".") && decoded != UInt8(ascii: ",") {
                        output.append(0x20)
                    }
                    pendingSpace = false
                }
                output.append(decoded)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The first sentences of a text, at most `limit` characters, for `<meta name="description">`.
    static func summary(_ text: String, limit: Int = 200) -> String {
        // Counting characters means grapheme breaking: skip it when even the bytes fit.
        // And more than `limit` characters only when the `limit`-th is not the end: the whole
        // text (up to 4,000 bytes of an article) is not counted for a 300-character summary.
        guard text.utf8.count > limit,
              let cutEnd = text.index(text.startIndex, offsetBy: limit, limitedBy: text.endIndex),
              cutEnd != text.endIndex else { return text }
        let cut = text[..<cutEnd]
        if let end = cut.lastIndex(where: { $0 == "." }), cut.distance(from: cut.startIndex, to: end) > limit / 2 {
            return String(cut[...end])
        }
        let words = cut.split(separator: " ").dropLast().joined(separator: " ")
        return words + "…"
    }
}
