import Foundation

/// HTML rendered from Markdown once, with placeholders that depend on the page it goes on:
/// the relative path to the site root, and the page's citation numbers.
enum MarkdownHTML {
    /// Stands for the page's path to the site root in rewritten cross-reference links.
    static let rootPlaceholder = "sitegen-root:"
    static let hrefPlaceholder = "href=\"" + rootPlaceholder
    /// The same in an image's `src`.
    static let srcPlaceholder = "src=\"" + rootPlaceholder

    /// A citation group, filled in with numbered links by ``finish(_:root:links:citations:)``.
    static func citationPlaceholder(for ids: [String]) -> String {
        "\u{1}" + ids.joined(separator: ";") + "\u{2}"
    }

    /// The article IDs of each citation placeholder of `html`, in order.
    static func citationGroups(in html: String) -> [[String]] {
        var groups: [[String]] = []
        var copy = html
        copy.withUTF8 { bytes in
            var start = ByteSearch.firstIndex(of: 0x01, in: bytes)
            while let open = start, let close = ByteSearch.firstIndex(of: 0x02, in: bytes, from: open + 1) {
                groups.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[(open + 1)..<close]), as: UTF8.self)
                    .split(separator: ";").map(String.init))
                start = ByteSearch.firstIndex(of: 0x01, in: bytes, from: close + 1)
            }
        }
        return groups
    }

    /// The `src` of an image in Markdown's HTML: a file of `static/` behind the root placeholder
    /// (filled in for each page like a cross-reference link), an external address as written.
    static func imageURL(_ source: ImageSource) -> String {
        source.url(root: rootPlaceholder)
    }

    /// `<img>` for an image of a Markdown text: its address, alt text, title, width and height
    /// when known (so the page does not jump while it loads), and lazy loading below the first screen.
    static func imageTag(source: ImageSource, alt: String, title: String?, size: ImageSize?, lazy: Bool) -> String {
        var html = "<img src=\"" + HTMLEscaping.escape(imageURL(source)) + "\" alt=\"" + HTMLEscaping.escape(alt) + "\""
        if let title { html += " title=\"" + HTMLEscaping.escape(title) + "\"" }
        if let size { html += " width=\"\(size.width)\" height=\"\(size.height)\"" }
        if lazy { html += " loading=\"lazy\"" }
        return html + " decoding=\"async\">"
    }

    /// `<p>text</p>\n` → `text`, when the HTML is exactly one paragraph.
    static func unwrapSingleParagraph(_ html: String) -> String {
        let trimmed = html.trimmingWhitespace()
        guard trimmed.hasPrefix("<p>"), trimmed.hasSuffix("</p>") else { return html }
        let inner = trimmed.dropFirst(3).dropLast(4)
        return String(inner).containsBytes("<p>") ? html : String(inner)
    }

    /// Plain text of the start of rendered HTML (about `limit` bytes of it) without citation marks,
    /// for page descriptions. One pass over the bytes: tags and citation placeholders dropped,
    /// the entities cmark writes decoded, white space collapsed.
    private static let entities: [([UInt8], UInt8)] = ([("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'")] as [(String, Unicode.Scalar)])
        .map { (Array($0.0.utf8), UInt8(ascii: $0.1)) }

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
                case 0x01:  // citation placeholder, up to 0x02
                    while index < end, bytes[index] != 0x02 { index += 1 }
                    index += 1
                    continue
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
        guard text.utf8.count > limit, text.count > limit else { return text }
        let cut = text.prefix(limit)
        if let end = cut.lastIndex(where: { $0 == "." }), cut.distance(from: cut.startIndex, to: end) > limit / 2 {
            return String(cut[...end])
        }
        let words = cut.split(separator: " ").dropLast().joined(separator: " ")
        return words + "…"
    }
}
