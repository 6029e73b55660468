// What a reader must never see in a written page: reference syntax sitegen should have turned
// into a link or a numbered mark. Used by the tests and, compiled into it by scripts/fuzz, by
// the markdown fuzz target, so the oracle the fuzzer trusts is itself tested.
@testable import SitegenCore

/// Finds reference syntax left in written HTML.
enum RawReferences {
    /// The first citation group left as text in an HTML page, if any.
    ///
    /// A citation is what `CitationScanner` takes for one, inside one run of text: `[@` right
    /// after the bracket, then `@ID` parts separated by `;`, white space allowed around the
    /// parts, no `[` before the closing `]`. So the page is read as runs of text between tags,
    /// and each attribute value as a run of its own, as a reader (or a screen reader, for `alt`
    /// and `title`) meets them. A hard break, `<br />`, is white space inside a run: a group
    /// wrapped after trailing spaces is still a citation.
    ///
    /// Three places are skipped, because they are flattened copies of text the page's body
    /// shows, with tags turned into spaces and citation marks dropped: the `content` of
    /// `<meta>` tags and the JSON-LD `<script>` (the page's description), and the contents list
    /// `<nav class="toc">` (the headings). Flattening can join text that was never one
    /// citation: the heading `# [@a_[@b]_]` shows `[@a_`, a mark and `_]`, its entry in the
    /// contents `[@a__]`; `# [@a_[@b]_` then `]` on the next line make the description
    /// `[@a__ ]`. Every citation left in the text they copy is left in the body too, where it
    /// is found.
    static func leftCitation(inHTML html: [UInt8]) -> String? {
        var index = 0
        var textStart = 0
        // The text of the run so far, when a hard break has joined pieces of it.
        var run: [UInt8] = []
        while index < html.count {
            guard html[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            let tagEnd = html[index...].firstIndex(of: UInt8(ascii: ">")) ?? html.count
            let tag = html[(index + 1)..<tagEnd]
            let name = tagName(tag)
            if name == "br" {
                run += html[textStart..<index]
                run.append(0x0A)
                index = tagEnd + 1
                textStart = index
                continue
            }
            run += html[textStart..<index]
            if let found = leftCitation(inText: run[...]) { return found }
            run = []
            if name != "meta" {
                // Attribute values: `name="…"` (sitegen and cmark always quote them).
                var position = tag.startIndex
                while let quote = tag[position...].firstIndex(of: UInt8(ascii: "\"")) {
                    let close = tag[(quote + 1)...].firstIndex(of: UInt8(ascii: "\"")) ?? tag.endIndex
                    if let found = leftCitation(inText: tag[(quote + 1)..<close]) { return found }
                    position = min(close + 1, tag.endIndex)
                }
            }
            index = tagEnd + 1
            let isContents = name == "nav" && tag.starts(with: Array("nav class=\"toc\"".utf8))
            if name == "script" || name == "style" || isContents {
                // Not text a reader sees, or a flattened copy: skip to the closing tag.
                let closing = Array("</\(name)".utf8)
                while index < html.count, !html[index...].starts(with: closing) { index += 1 }
            }
            textStart = index
        }
        run += html[min(textStart, html.count)...]
        return leftCitation(inText: run[...])
    }

    /// The first citation group, as `CitationScanner` reads one, in one run of text.
    static func leftCitation(inText text: ArraySlice<UInt8>) -> String? {
        var index = text.startIndex
        while let open = text[index...].firstIndex(of: UInt8(ascii: "[")) {
            index = open + 1
            if let end = groupEnd(text, from: open) {
                return String(decoding: text[open..<end], as: UTF8.self)
            }
        }
        return nil
    }

    /// The end of the citation group opening at `open`, or nil when none opens there.
    private static func groupEnd(_ text: ArraySlice<UInt8>, from open: Int) -> Int? {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D }
        var position = open + 1
        guard position < text.endIndex, text[position] == UInt8(ascii: "@") else { return nil }
        while true {
            while position < text.endIndex, isSpace(text[position]) { position += 1 }
            guard position < text.endIndex, text[position] == UInt8(ascii: "@") else { return nil }
            position += 1
            let idStart = position
            while position < text.endIndex, !isSpace(text[position]),
                  ![UInt8(ascii: ";"), UInt8(ascii: "["), UInt8(ascii: "]")].contains(text[position]) { position += 1 }
            guard position > idStart else { return nil }
            while position < text.endIndex, isSpace(text[position]) { position += 1 }
            guard position < text.endIndex else { return nil }
            switch text[position] {
            case UInt8(ascii: "]"): return position + 1
            case UInt8(ascii: ";"): position += 1
            default: return nil
            }
        }
    }

    /// A tag's lowercased name: `meta` for `<meta name=…>`; empty for a closing tag.
    private static func tagName(_ tag: ArraySlice<UInt8>) -> String {
        let end = tag.firstIndex { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == UInt8(ascii: "/") } ?? tag.endIndex
        return String(decoding: tag[tag.startIndex..<end], as: UTF8.self).lowercased()
    }

    /// The first cross-reference link left unresolved in a page: an `href` still holding
    /// `article:`, `actor:`, `event:`, `note:` or `page:`.
    static func leftLink(inHTML html: String) -> String? {
        ["href=\"article:", "href=\"actor:", "href=\"event:", "href=\"note:", "href=\"page:"].first { html.containsBytes($0) }
    }
}
