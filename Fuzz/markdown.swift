// Fuzz target: Markdown with cross-references and citations, through load, resolve and render.
//
// The first byte picks the mode. Raw mode takes the rest as a note's Markdown: nothing may crash
// or hang. Built mode reads the rest as choices among Markdown pieces (words, emphasis, links to
// pages, citations, line breaks, quotes, lists, tables, footnotes, headings) that hold no code,
// HTML or escapes; when the site builds without errors, no written page may show reference
// syntax: a citation `[@ID]`, an `href` with `article:`, `actor:`, `event:` or `note:`, or the
// root placeholder `sitegen-root:`. In both modes no page may hold a placeholder of unfinished
// Markdown HTML: U+0001/U+0002 (a citation) or `href="sitegen-root:` (a link).
import Foundation
@testable import SitegenCore

/// A small site the fuzzed note is added to.
let fixedFiles: [String: String] = [
    "content/site.yaml": "title: Fuzz\nbase_url: https://example.org/\n",
    "content/articles/art-one.md": "---\ntitle: One\noutlet: The Courier\npublished: 2022-05-16\n---\nText of one.\n",
    "content/articles/art-two.md": "---\ntitle: Two\noutlet: The Ledger\npublished: 2023-06-01\n---\nText of two.\n",
    "content/actors/norland.md": "---\nname: Norland\nkind: state\n---\nA state.\n",
    "content/events/main.yaml": "- id: ev-one\n  date: 2022-05-15\n  title: Signed\n  sources:\n    - article: art-one\n      quote: \"Text of one.\"\n",
    "content/notes/other.md": "---\ntitle: Other\n---\nAnother note.\n",
]

let theme = Theme.load(fileSystem: .inMemory([:]), pageTemplates: PageKind.all.map(\.template)).0

let pieces = [
    "word", "words here", " ", " ", "\n", "\n\n", "*", "**", "_", "~~", ",", ".", "(", ")", "[", "]",
    "[@art-one]", "[@art-two]", "[@art-one; @art-two]", "[@ev-one]",
    "[the dispatch](article:art-one)", "[Norland](actor:norland)", "[signed](event:ev-one)", "[other](note:other)",
    "[Norland](actor:norland)\n[@art-one]", "*[@art-two]*", "**[Norland](actor:norland)**", "_[@art-one]_",
    "[text [@art-one]](actor:norland)", "[![alt](actor:norland)](article:art-one)",
    "  \n", "\\\n", "\n> ", "\n- ", "\n1. ", "\n# ", "\n## ", "\n\n- [ ] ",
    "[^1]", "[^n]", "\n\n[^1]: ", "\n\n[^n]: ",
    "\n\n| a | b |\n|---|---|\n| ", " | ", "|",
    "<https://example.org>", "https://example.org/x ", "@art-one", "[see] [@art-one]",
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMarkdown(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let mode = bytes.first else { return 0 }
    let built = mode % 4 != 0
    var body: String
    if built {
        var choices = Choices(bytes.dropFirst())
        body = ""
        while !choices.isEmpty { body += pieces[choices.next(pieces.count)] }
        // No line starts with four spaces: that would be an indented code block, shown as written.
        body = body.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in String(line.drop { $0 == " " }) }.joined(separator: "\n")
        // Nor after a quote or list marker: no more than two spaces in a row.
        while body.contains("   ") { body = body.replacingOccurrences(of: "   ", with: "  ") }
        // Nor can three tildes open a fenced code block.
        while body.contains("~~~") { body = body.replacingOccurrences(of: "~~~", with: "~~ ~") }
    } else {
        body = String(decoding: bytes.dropFirst(), as: UTF8.self)
    }
    var files = fixedFiles
    files["content/notes/fuzz.md"] = "---\ntitle: Fuzz\n---\n" + body + "\n"
    let (raw, loadDiagnostics) = SiteLoader(fileSystem: .inMemory(files), parallel: false).load()
    let (site, resolveDiagnostics) = Resolver(includeDrafts: false, parallel: false).resolve(raw)
    guard !(loadDiagnostics + resolveDiagnostics).containsErrors else { return 0 }
    // The note's page and the feed are what the note's Markdown can reach.
    let builder = PageBuilder(site: site, theme: theme, assetPaths: [:])
    var pages = [builder.render(.note, "fuzz")]
    pages += FeedWriter(site: site).files()
    for file in pages {
        let text = String(decoding: file.contents, as: UTF8.self)
        // The placeholders Markdown's HTML carries until a page is finished (MarkdownHTML): a
        // citation between U+0001 and U+0002, a link's path to the site root. Whatever the note
        // holds, none may reach a written page (U+0001 and U+0002 written in the note are not
        // kept either).
        if file.contents.contains(0x01) || file.contents.contains(0x02) {
            finding("a citation placeholder (U+0001 or U+0002) in \(file.path)", body)
        }
        if text.contains(MarkdownHTML.hrefPlaceholder) {
            finding("`\(MarkdownHTML.hrefPlaceholder)` in \(file.path)", body)
        }
        guard built else { continue }
        if text.contains(MarkdownHTML.rootPlaceholder) {
            finding("`\(MarkdownHTML.rootPlaceholder)` in \(file.path)", body)
        }
        for raw in ["href=\"article:", "href=\"actor:", "href=\"event:", "href=\"note:"] where text.contains(raw) {
            finding("`\(raw)` in \(file.path)", body)
        }
        // A citation left as text: `[@ID]` or `[@ID; …`. (`[@ID` never closed is not one.)
        if let citation = leftCitation(in: text) {
            finding("`\(citation)` in \(file.path)", body)
        }
    }
    return 0
}

/// The first `[@ID]` or `[@ID;` in `text`, if any.
func leftCitation(in text: String) -> String? {
    let bytes = Array(text.utf8)
    var index = 0
    while index + 2 < bytes.count {
        if bytes[index] == UInt8(ascii: "["), bytes[index + 1] == UInt8(ascii: "@") {
            var end = index + 2
            while end < bytes.count, bytes[end] == UInt8(ascii: "-") || bytes[end] == UInt8(ascii: "_")
                    || (bytes[end] >= 0x30 && bytes[end] <= 0x39) || (bytes[end] | 0x20 >= 0x61 && bytes[end] | 0x20 <= 0x7A) { end += 1 }
            while end < bytes.count, bytes[end] == 0x20 || bytes[end] == 0x0A { end += 1 }
            if end > index + 2, end < bytes.count, bytes[end] == UInt8(ascii: "]") || bytes[end] == UInt8(ascii: ";") {
                return String(decoding: bytes[index...end], as: UTF8.self)
            }
        }
        index += 1
    }
    return nil
}
