// Fuzz target: Markdown with cross-references and citations, through load, resolve and render.
//
// The first byte picks the mode. Raw mode takes the rest as a note's Markdown: nothing may crash
// or hang. Built mode reads the rest as choices among Markdown pieces (words, emphasis, links to
// pages, citations, line breaks, quotes, lists, tables, footnotes, headings) that hold no code,
// HTML or escapes; when the site builds without errors, no written page may show reference
// syntax: a citation `[@ID]` in its text (RawReferences, in Tests/SitegenCoreTests/Support, says
// precisely what counts), an `href` with `article:`, `actor:`, `event:`, `note:` or `page:`, or
// `sitegen-root:`. In both modes no page may hold U+0001/U+0002 or `href="sitegen-root:`: the
// placeholders Render once parsed again (gone since Markdown has one home), checked so that
// they never come back.
//
// Nothing is written to disk: the site is read from memory and the pages are checked as built.
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
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let mode = bytes.first else { return 0 }
    let built = mode % 4 != 0
    let body = built ? String(decoding: builtBody(bytes.dropFirst()), as: UTF8.self) : String(decoding: bytes.dropFirst(), as: UTF8.self)
    var files = fixedFiles
    // Dated, so that the feed carries the note's summary too.
    files["content/notes/fuzz.md"] = "---\ntitle: Fuzz\ndate: 2024-01-01\n---\n" + body + "\n"
    let (raw, loadDiagnostics) = SiteLoader(fileSystem: .inMemory(files), parallel: false).load()
    let (site, resolveDiagnostics) = Resolver(includeDrafts: false, parallel: false).resolve(raw)
    guard !(loadDiagnostics + resolveDiagnostics).containsErrors else { return 0 }
    // The note's page and the feed are what the note's Markdown can reach.
    let builder = PageBuilder(site: site, theme: theme, assetPaths: [:])
    var pages = [builder.render(.note, "fuzz")]
    pages += FeedWriter(site: site).files()
    for file in pages {
        let html = [UInt8](file.contents)
        let text = String(decoding: html, as: UTF8.self)
        // The marks cmark-gfm's output carries until it is cut into segments (CMark.Marks): byte
        // 0xFF (never in UTF-8) may not reach a written page, whatever the note holds.
        if html.contains(0xFF) {
            finding("a mark of the Markdown render (byte 0xFF) in \(file.path)", body)
        }
        // Raw mode's Markdown may hold code, escapes and HTML, where reference syntax is shown
        // as written: only built mode's pieces make every `[@` and `actor:` a reference.
        guard built else { continue }
        if let link = RawReferences.leftLink(inHTML: text) {
            finding("`\(link)` in \(file.path)", body)
        }
        if file.path.hasSuffix(".html"), let citation = RawReferences.leftCitation(inHTML: html) {
            finding("`\(citation)` in \(file.path)", body)
        }
    }
    return 0
}

/// The note's Markdown of built mode: the pieces the bytes choose, then made to hold no code.
func builtBody(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> [UInt8] {
    var joined: [UInt8] = []
    for byte in bytes { joined += pieceBytes[Int(byte) % pieceBytes.count] }
    var body: [UInt8] = []
    body.reserveCapacity(joined.count + 8)
    var lineStart = true
    var spaces = 0
    var tildes = 0
    for byte in joined {
        // No line starts with a space: four would make an indented code block, shown as written.
        if lineStart, byte == 0x20 { continue }
        lineStart = byte == 0x0A
        // Nor may more than two spaces follow a quote or list marker: no more than two in a row.
        spaces = byte == 0x20 ? spaces + 1 : 0
        if spaces > 2 { continue }
        // Nor can three tildes open a fenced code block: `~~~~~` is written `~~ ~~ ~`.
        tildes = byte == UInt8(ascii: "~") ? tildes + 1 : 0
        if tildes > 2, tildes % 2 == 1 { body.append(0x20) }
        body.append(byte)
    }
    return body
}

let pieceBytes = pieces.map { Array($0.utf8) }
