import CCmarkGFM
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// cmark-gfm 0.29.0.gfm.6 keeps its extension registry and its inline special-character table
/// in process globals; the table is switched on and off by every inline parse, so concurrent
/// inline parses corrupt each other's output. Registration and inline parsing therefore run
/// under this one lock (the project's only global state); block parsing, walking the tree and
/// rendering touch only the parser's own memory and run on all cores.
private let cmarkLock = Mutex(())

/// The only file that talks to cmark-gfm. It returns Swift values, never C pointers.
enum CMark {
    /// How a Markdown text is rendered.
    struct RenderOptions {
        /// Let raw HTML through (`unsafe_html: true`); otherwise it is shown as text.
        var unsafeHTML = false
        /// The level the text's top headings get: 2 under the page title, 3 for bodies shown
        /// under a section heading of their own (articles, actor profiles).
        var topHeadingLevel: Int32 = 2
        /// Whether `[^1]` footnotes are parsed (off for inline fragments, whose ids would collide).
        var footnotes = true
        /// Whether the text's first image loads at once (it may be on the first screen of its
        /// page); every other image gets `loading="lazy"`.
        var eagerFirstImage = false
    }

    /// What the loader knows of an image written in Markdown (`![alt](images/bridge.jpg)`):
    /// given its address as written, its alt text and where it is, the checked source (nil when
    /// there is a problem), its size when the file's header gives it, and the problems found.
    typealias ImageResolver = (_ url: String, _ alt: String, _ location: SourceLocation)
        -> (source: ImageSource?, size: ImageSize?, problems: [Diagnostic])

    /// Parses a Markdown text once: finds its cross-references and citations (with their places
    /// in the file) and renders it to ``MarkdownContent``: HTML, and the links, image addresses
    /// and citation groups each page writes for itself. Links and citations in code stay text.
    ///
    /// - Parameters:
    ///   - text: the Markdown and where it is.
    ///   - options: raw HTML and footnote handling.
    ///   - inline: render a one-paragraph text without its `<p>` (event summaries).
    /// - Returns: the references, the content, the problems found, and where each paragraph that
    ///   cites nothing (and is not marked ``uncitedMarker``) starts.
    ///   - images: checks each image and gives its source and size; without it images are
    ///     rendered as cmark-gfm writes them.
    static func process(_ text: MarkdownText, options: RenderOptions, inline: Bool = false, images: ImageResolver? = nil)
        -> (references: [MarkdownReference], content: MarkdownContent, problems: [Diagnostic], uncitedParagraphs: [SourceLocation]) {
        // Line starts (byte offsets) are found only when a reference needs its column converted.
        var columns: ColumnCounter?
        func location(_ position: Position) -> SourceLocation {
            if columns == nil { columns = ColumnCounter(text.source) }
            let lineIndex = max(Int(position.line), 1) - 1
            let byteColumn = max(Int(position.byteColumn), 1) + position.extraBytes
            var column = columns!.characterColumn(line: lineIndex, byteColumn: byteColumn)
            column += lineIndex == 0 ? text.firstLineColumnOffset : text.otherLinesColumnOffset
            return SourceLocation(path: text.path, line: lineIndex + 1 + text.lineOffset, column: column)
        }
        var imageProblems: [Diagnostic] = []
        let resolveImage: ((String, String, Position) -> (ImageSource?, ImageSize?))? = images.map { images in
            { url, alt, position in
                let answer = images(url, alt, location(position))
                imageProblems += answer.problems
                return (answer.source, answer.size)
            }
        }
        // Under the lock only cmark's work and the copying out of what it found; positions are
        // turned into source locations afterwards, so other threads wait as little as possible.
        let parsed = withDocument(text.source, options: options) { document, parser in
            parseAndRender(document, parser: parser, options: options, resolveImage: resolveImage)
        }
        let references = parsed.references.map { MarkdownReference(form: $0.form, target: $0.target, location: location($0.position)) }
        let problems = parsed.problems.map { Diagnostic.error(location($0.position), $0.message, suggestion: $0.suggestion) } + imageProblems
        let content = inline ? MarkdownHTML.unwrapSingleParagraph(parsed.content) : parsed.content
        return (references.sorted { $0.location < $1.location }, content, problems, parsed.uncitedParagraphs.map(location))
    }

    /// Turns cmark's byte columns into character columns. Counting resumes from the previous
    /// answer when it is on the same line and not after the new column, so references asked
    /// for in order cost one pass over each line, however many there are on it.
    private struct ColumnCounter {
        private let utf8: [UInt8]
        private var lineStarts = [0]
        /// The last answer: a line, a byte offset in the text, the characters before it on its line.
        private var last = (line: -1, offset: 0, characters: 0)

        init(_ source: String) {
            utf8 = Array(source.utf8)
            for (offset, byte) in utf8.enumerated() where byte == 0x0A { lineStarts.append(offset + 1) }
        }

        /// The 1-based character column of the 1-based `byteColumn` on line `line` (0-based);
        /// `byteColumn` itself when the line is not in the text.
        mutating func characterColumn(line: Int, byteColumn: Int) -> Int {
            guard line < lineStarts.count else { return byteColumn }
            let lineEnd = line + 1 < lineStarts.count ? lineStarts[line + 1] : utf8.count
            let end = min(lineStarts[line] + max(0, byteColumn - 1), lineEnd)
            var start = lineStarts[line]
            var characters = 0
            if last.line == line, last.offset <= end { (start, characters) = (last.offset, last.characters) }
            characters += utf8[start..<end].unicodeScalarCount
            last = (line, end, characters)
            return characters + 1
        }
    }

    /// A place in a Markdown text as cmark gives it: a line, a byte column, and bytes after it.
    private struct Position {
        var line: Int32
        var byteColumn: Int32
        var extraBytes = 0
    }

    /// What one parse found, before positions become source locations.
    private struct Parsed {
        var references: [(form: MarkdownReference.Form, target: Ref, position: Position)] = []
        var problems: [(position: Position, message: String, suggestion: String)] = []
        var content = MarkdownContent()
        /// Starts of paragraphs without a citation that are not marked as needing none.
        var uncitedParagraphs: [Position] = []
    }

    /// `<!-- uncited -->`: on the line before a block (paragraph, list, quote), or inside a
    /// paragraph, it marks that text as needing no citation. It is removed from the page.
    static let uncitedMarker = "<!-- uncited -->"

    /// Whether raw HTML is the marker, with any white space around and inside the comment.
    static func isUncitedMarker(_ html: String) -> Bool {
        let trimmed = html.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("<!--"), trimmed.hasSuffix("-->"), trimmed.count >= 7 else { return false }
        return trimmed.dropFirst(4).dropLast(3).trimmingCharacters(in: .whitespacesAndNewlines) == "uncited"
    }

    /// Finds references and citations, rewrites links, headings, raw HTML and citation marks,
    /// and renders the HTML. Runs after the cmark lock is released (cmark's inline parse is
    /// done), so `resolveImage` may read image files without holding other threads back.
    private static func parseAndRender(_ document: OpaquePointer, parser: OpaquePointer, options: RenderOptions,
                                       resolveImage: ((String, String, Position) -> (ImageSource?, ImageSize?))?) -> Parsed {
        var parsed = Parsed()
        var marks = Marks()
        var links: [(node: OpaquePointer, ref: Ref, fragment: String)] = []
        var rawHTML: [OpaquePointer] = []
        var headings: [OpaquePointer] = []
        var runs: [TextRun] = []
        var paragraphs: [OpaquePointer] = []
        var markers: [OpaquePointer] = []
        var images: [OpaquePointer] = []
        walk(document) { node in
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_IMAGE {
                images.append(node)
            } else if type == CMARK_NODE_PARAGRAPH {
                paragraphs.append(node)
            } else if type == CMARK_NODE_HTML_INLINE || type == CMARK_NODE_HTML_BLOCK,
                      isUncitedMarker(string(cmark_node_get_literal(node)) ?? "") {
                markers.append(node)
            } else if isTextLike(node), !isTextLike(cmark_node_previous(node)) {
                // A run starts at its first text or line break: after a link, a line may start
                // with a soft break, and the citation on that line is in the run it starts.
                if let run = textRun(startingAt: node) { runs.append(run) }
            } else if type == CMARK_NODE_LINK, let url = string(cmark_node_get_url(node)) {
                let bare = stripFragment(url)
                let position = Position(line: cmark_node_get_start_line(node), byteColumn: cmark_node_get_start_column(node))
                if let ref = Ref(parsing: bare) {
                    parsed.references.append((.link, ref, position))
                    links.append((node, ref, String(url.dropFirst(bare.count))))
                } else if let problem = misspelledScheme(url) {
                    parsed.problems.append((position, problem.message, problem.suggestion))
                }
            } else if type == CMARK_NODE_HEADING {
                headings.append(node)
            } else if !options.unsafeHTML, type == CMARK_NODE_HTML_INLINE || type == CMARK_NODE_HTML_BLOCK {
                rawHTML.append(node)
            }
        }
        var runMatches: [(run: TextRun, matches: [CitationScanner.Match])] = []
        for run in runs {
            let matches = CitationScanner.matches(in: run.text)
            guard !matches.isEmpty else { continue }
            runMatches.append((run, matches))
            var pieces = run.makePieceCursor()
            for match in matches {
                for (id, offset) in match.ids {
                    let piece = pieces.piece(containing: offset)
                    parsed.references.append((.citation, Ref(.article, id),
                        Position(line: piece.line, byteColumn: piece.column, extraBytes: offset - piece.offset)))
                }
            }
        }
        parsed.uncitedParagraphs = uncitedParagraphs(paragraphs, citing: runMatches.map { $0.run.pieces[0].node }, markers: markers)
        // Rewrite after the walk: cmark allows changing the tree only outside iteration.
        for node in markers {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
        for (node, ref, fragment) in links {
            cmark_node_set_url(node, ref.outputFolder + fragment)
            markAddress(node, .link, &marks)
        }
        // The page title is the only h1: the body's top heading level becomes h2 (or h3 under a
        // section heading), the rest follow, down to h6.
        let topLevel = headings.map { cmark_node_get_heading_level($0) }.min() ?? 2
        let target = options.topHeadingLevel
        for node in headings {
            cmark_node_set_heading_level(node, min(max(cmark_node_get_heading_level(node) - topLevel + target, target), 6))
        }
        for node in rawHTML { showAsText(node) }
        var lastMarkAfter: [OpaquePointer: OpaquePointer] = [:]
        for (run, matches) in runMatches { replace(run, matches: matches, marks: &marks, lastMarkAfter: &lastMarkAfter) }
        if let resolveImage {
            for (index, node) in images.enumerated() {
                finishImage(node, lazy: index > 0 || !options.eagerFirstImage, marks: &marks, resolve: resolveImage)
            }
        }
        parsed.content = render(document, parser: parser, options: options) { marks.segments(of: $0) }
        return parsed
    }

    // MARK: - Images

    /// Checks an image and replaces its node by a mark for the ``MarkdownImage``, which each
    /// page writes with its own path to a file of `static/`: the checked source, width and
    /// height when known, lazy loading below the first screen. An image with a problem stays as
    /// it is (the build fails on it).
    private static func finishImage(_ node: OpaquePointer, lazy: Bool, marks: inout Marks,
                                    resolve: (String, String, Position) -> (ImageSource?, ImageSize?)) {
        let url = string(cmark_node_get_url(node)) ?? ""
        let alt = plainText(of: node)
        let position = Position(line: cmark_node_get_start_line(node), byteColumn: cmark_node_get_start_column(node))
        let (source, size) = resolve(url, alt, position)
        guard let source else { return }
        let title = string(cmark_node_get_title(node)) ?? ""
        let image = MarkdownImage(source: source, alt: alt, title: title.isEmpty ? nil : title, size: size, lazy: lazy)
        // A table cell refuses custom inlines: there the image keeps cmark-gfm's markup, with
        // its checked address but no size.
        if let replacement = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) {
            marks.image(image).withUnsafeBufferPointer { _ = cmark_node_set_on_enter(replacement, $0.baseAddress) }
            cmark_node_set_on_exit(replacement, "")
            if cmark_node_insert_before(node, replacement) != 0 {
                cmark_node_unlink(node)
                cmark_node_free(node)
                return
            }
            marks.images.removeLast()
            cmark_node_free(replacement)
        }
        cmark_node_set_url(node, source.url(root: ""))
        if case .site = source { markAddress(node, .root, &marks) }
    }

    /// Gives a link or image the title that marks its address (``Marks``), its own title after the mark.
    private static func markAddress(_ node: OpaquePointer, _ kind: Marks.Address, _ marks: inout Marks) {
        let title = string(cmark_node_get_title(node)) ?? ""
        marks.address(kind, title: title).withUnsafeBufferPointer { _ = cmark_node_set_title(node, $0.baseAddress) }
    }

    /// The text of a node's inlines, as cmark-gfm writes an image's description into `alt`.
    private static func plainText(of node: OpaquePointer) -> String {
        var text = ""
        walk(node) { inner in
            guard inner != node else { return }
            let type = cmark_node_get_type(inner)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                text += string(cmark_node_get_literal(inner)) ?? ""
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            }
        }
        return text
    }

    /// The paragraphs that hold none of the citing text nodes and are not marked: a marker inside
    /// a paragraph marks that paragraph, a marker block marks the block after it.
    private static func uncitedParagraphs(_ paragraphs: [OpaquePointer], citing: [OpaquePointer], markers: [OpaquePointer]) -> [Position] {
        func enclosingParagraph(_ node: OpaquePointer) -> OpaquePointer? {
            var current: OpaquePointer? = node
            while let candidate = current, cmark_node_get_type(candidate) != CMARK_NODE_PARAGRAPH { current = cmark_node_parent(candidate) }
            return current
        }
        let cited = Set(citing.compactMap(enclosingParagraph))
        let marked = Set(markers.compactMap { cmark_node_get_type($0) == CMARK_NODE_HTML_BLOCK ? cmark_node_next($0) : enclosingParagraph($0) })
        return paragraphs.filter { paragraph in
            guard !cited.contains(paragraph), !holdsOnlyImages(paragraph) else { return false }
            var current: OpaquePointer? = paragraph
            while let node = current {
                if marked.contains(node) { return false }
                current = cmark_node_parent(node)
            }
            return true
        }.map { Position(line: cmark_node_get_start_line($0), byteColumn: cmark_node_get_start_column($0)) }
    }

    /// Whether a paragraph shows images and nothing else (white space aside): it states no fact
    /// that would need a source.
    private static func holdsOnlyImages(_ paragraph: OpaquePointer) -> Bool {
        var child = cmark_node_first_child(paragraph)
        var sawImage = false
        while let node = child {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_IMAGE: sawImage = true
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: break
            case CMARK_NODE_TEXT:
                guard (string(cmark_node_get_literal(node)) ?? "").allSatisfy(\.isWhitespace) else { return false }
            default: return false
            }
            child = cmark_node_next(node)
        }
        return sawImage
    }

    /// A link like `actors:mali` or `Actor:mali`: a cross-reference whose kind is misspelled.
    static func misspelledScheme(_ url: String) -> (message: String, suggestion: String)? {
        guard let colon = url.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let scheme = String(url[..<colon])
        guard !scheme.isEmpty, scheme.count <= 10, scheme.allSatisfy({ $0.isLetter }) else { return nil }
        let known = EntityKind.allCases.map(\.rawValue)
        let lower = scheme.lowercased()
        let guess = known.contains(lower) ? lower : (known.first { lower == $0 + "s" } ?? Suggestions.closest(to: lower, in: known))
        guard let guess, !["http", "https", "mailto", "tel", "ftp", "ftps", "sms", "irc", "news", "data", "file", "urn", "geo"].contains(lower) else { return nil }
        let rest = url[url.index(after: colon)...]
        return ("`\(scheme):` is not a kind of page: links to pages start with `article:`, `actor:`, `event:`, `note:` or `page:`", "\(guess):\(rest)")
    }

    // MARK: - Parsing and rendering

    private static func flags(_ options: RenderOptions) -> Int32 {
        var flags = CMARK_OPT_VALIDATE_UTF8
        if options.footnotes { flags |= CMARK_OPT_FOOTNOTES }
        if options.unsafeHTML { flags |= CMARK_OPT_UNSAFE }
        return flags
    }

    private static func withDocument<T>(_ source: String, options: RenderOptions,
                                        _ body: (OpaquePointer, OpaquePointer) -> T) -> T {
        // Registration fills the global extension list once; look-ups only read it afterwards.
        cmarkLock.withLock { _ in cmark_gfm_core_extensions_ensure_registered() }
        guard let parser = cmark_parser_new(flags(options)) else { fatalError("cmark-gfm: out of memory") }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink", "tagfilter", "tasklist"] {
            guard let extensionPointer = cmark_find_syntax_extension(name) else {
                preconditionFailure("cmark-gfm extension '\(name)' is not registered")
            }
            cmark_parser_attach_syntax_extension(parser, extensionPointer)
        }
        // Block parsing (feed) works on the parser alone; inline parsing (finish) switches the
        // extensions' characters on and off in a global table, so only it runs under the lock.
        cmark_parser_feed(parser, source, source.utf8.count)
        nonisolated(unsafe) var document: OpaquePointer?
        nonisolated(unsafe) let lockedParser = parser
        cmarkLock.withLock { _ in document = cmark_parser_finish(lockedParser) }
        guard let document else { fatalError("cmark-gfm: out of memory") }
        defer { cmark_node_free(document) }
        return body(document, parser)
    }

    /// Renders the document and hands cmark-gfm's bytes to `split` before they are freed.
    private static func render<T>(_ document: OpaquePointer, parser: OpaquePointer, options: RenderOptions,
                                  _ split: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        guard let html = cmark_render_html(document, flags(options), cmark_parser_get_syntax_extensions(parser)) else {
            fatalError("cmark-gfm: out of memory")
        }
        defer { free(html) }
        return html.withMemoryRebound(to: UInt8.self, capacity: 1) { split(UnsafeBufferPointer(start: $0, count: strlen(html))) }
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func stripFragment(_ url: String) -> String {
        url.utf8.firstIndex(of: UInt8(ascii: "#")).map { String(url[..<$0]) } ?? url
    }

    /// Calls `visit` for every node on entry, in document order.
    private static func walk(_ document: OpaquePointer, _ visit: (OpaquePointer) -> Void) {
        guard let iterator = cmark_iter_new(document) else { return }
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) { visit(node) }
        }
    }

    // MARK: - Text runs (citations live in plain text)

    /// Consecutive sibling text and line-break nodes, with their text joined (a break as `\n`).
    ///
    /// A hard break (two spaces or a backslash at the end of a line) is white space like a soft
    /// one: a citation group wrapped after invisible trailing spaces, `[@one;  ⏎@two]`, is
    /// still a citation. Outside a citation, the hard break stays.
    private struct TextRun {
        struct Piece {
            var node: OpaquePointer
            var offset: Int
            var line: Int32
            var column: Int32
        }
        var pieces: [Piece] = []
        var text = ""
        /// The offsets in `text` of the `\n` of each hard break.
        var hardBreaks: [Int] = []

        func makePieceCursor() -> PieceCursor { PieceCursor(pieces: pieces) }
    }

    /// Finds the piece holding each of a run's citations, asked for in increasing offsets, in
    /// one pass over the pieces: the last piece starting at or before the offset that has a
    /// place in the source (cmark gives soft breaks none).
    private struct PieceCursor {
        let pieces: [TextRun.Piece]
        private var next = 0
        private var best: TextRun.Piece

        init(pieces: [TextRun.Piece]) {
            self.pieces = pieces
            best = pieces[0]
        }

        mutating func piece(containing offset: Int) -> TextRun.Piece {
            while next < pieces.count, pieces[next].offset <= offset {
                if pieces[next].line > 0 { best = pieces[next] }
                next += 1
            }
            return best
        }
    }

    private static func isTextLike(_ node: OpaquePointer?) -> Bool {
        guard let node else { return false }
        let type = cmark_node_get_type(node)
        return type == CMARK_NODE_TEXT || type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK
    }

    /// The run of text and soft-break siblings starting at `node`, when it holds a `[@`.
    private static func textRun(startingAt node: OpaquePointer) -> TextRun? {
        // Most runs cite nothing: look for an `@` in the C strings before making Swift ones.
        var hasAt = false
        var current: OpaquePointer? = node
        while let piece = current, isTextLike(piece), !hasAt {
            if let literal = cmark_node_get_literal(piece), strchr(literal, 0x40) != nil { hasAt = true }
            current = cmark_node_next(piece)
        }
        guard hasAt else { return nil }
        var run = TextRun()
        current = node
        while let piece = current, isTextLike(piece) {
            let type = cmark_node_get_type(piece)
            let literal = type == CMARK_NODE_TEXT ? (string(cmark_node_get_literal(piece)) ?? "") : "\n"
            if type == CMARK_NODE_LINEBREAK { run.hardBreaks.append(run.text.utf8.count) }
            run.pieces.append(.init(node: piece, offset: run.text.utf8.count,
                                    line: cmark_node_get_start_line(piece), column: cmark_node_get_start_column(piece)))
            run.text += literal
            current = cmark_node_next(piece)
        }
        return run.text.containsBytes("[@") ? run : nil
    }


    /// Replaces a run by text nodes and raw HTML nodes for its citations.
    ///
    /// - Parameter lastMarkAfter: for each link or image whose text held citations, the last mark
    ///   placed after it, so that the marks of its later runs follow those of its earlier ones.
    private static func replace(_ run: TextRun, matches: [CitationScanner.Match], marks: inout Marks,
                                lastMarkAfter: inout [OpaquePointer: OpaquePointer]) {
        let bytes = Array(run.text.utf8)
        let anchor = run.pieces[0].node
        // Inside a link's text, marks go right after the link: a link inside a link is invalid
        // HTML. An image's description becomes its alt text, which has no room for a mark.
        var enclosingLink: OpaquePointer?
        var ancestor = cmark_node_parent(anchor)
        while let node = ancestor {
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE { enclosingLink = node }
            ancestor = cmark_node_parent(node)
        }
        var lastMark = enclosingLink.map { lastMarkAfter[$0] ?? $0 }
        defer { if let enclosingLink, let lastMark { lastMarkAfter[enclosingLink] = lastMark } }
        var position = 0
        // Ranges come in increasing order: one pass over the hard breaks (those inside a
        // citation are passed over and dropped with it).
        var nextBreak = 0
        let hardBreaks = Set(run.hardBreaks)
        func insertTextAndBreaks(_ range: Range<Int>) {
            // The hard breaks in the range stay hard breaks; the text between them is text.
            var start = range.lowerBound
            while nextBreak < run.hardBreaks.count, run.hardBreaks[nextBreak] < range.upperBound {
                let hardBreak = run.hardBreaks[nextBreak]
                nextBreak += 1
                guard hardBreak >= start else { continue }
                insertText(start..<hardBreak)
                if let node = cmark_node_new(CMARK_NODE_LINEBREAK) { cmark_node_insert_before(anchor, node) }
                start = hardBreak + 1
            }
            insertText(start..<range.upperBound)
        }
        func insertText(_ range: Range<Int>) {
            guard !range.isEmpty, let node = cmark_node_new(CMARK_NODE_TEXT) else { return }
            cmark_node_set_literal(node, String(decoding: bytes[range], as: UTF8.self))
            cmark_node_insert_before(anchor, node)
        }
        func insertMark(_ mark: [CChar]) {
            // A table cell refuses custom inlines: then the mark goes in as text, which the
            // renderer passes through unchanged (byte 0xFF is not escaped).
            for type in [CMARK_NODE_CUSTOM_INLINE, CMARK_NODE_TEXT] {
                guard let node = cmark_node_new(type) else { return }
                mark.withUnsafeBufferPointer { mark in
                    if type == CMARK_NODE_TEXT {
                        cmark_node_set_literal(node, mark.baseAddress)
                    } else {
                        cmark_node_set_on_enter(node, mark.baseAddress)
                        cmark_node_set_on_exit(node, "")
                    }
                }
                let inserted = lastMark.map { cmark_node_insert_after($0, node) } ?? cmark_node_insert_before(anchor, node)
                if inserted != 0 {
                    if lastMark != nil { lastMark = node }
                    return
                }
                cmark_node_free(node)
            }
        }
        for match in matches {
            // The mark hugs the word before it, so it never wraps onto a line of its own (unless
            // the editor asked for a line break before it).
            var end = match.range.lowerBound
            while end > position, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x0A, !hardBreaks.contains(end - 1) { end -= 1 }
            insertTextAndBreaks(position..<end)
            insertMark(marks.citation(match.ids.map(\.id)))
            position = match.range.upperBound
        }
        insertTextAndBreaks(position..<bytes.count)
        for piece in run.pieces {
            cmark_node_unlink(piece.node)
            cmark_node_free(piece.node)
        }
    }

    /// Turns a raw HTML node into visible text, so that it is escaped rather than dropped.
    private static func showAsText(_ node: OpaquePointer) {
        let literal = string(cmark_node_get_literal(node)) ?? ""
        guard let text = cmark_node_new(CMARK_NODE_TEXT) else { return }
        if cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK {
            cmark_node_set_literal(text, literal.trimmingCharacters(in: .newlines))
            guard let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH) else { return }
            cmark_node_append_child(paragraph, text)
            cmark_node_insert_before(node, paragraph)
        } else {
            cmark_node_set_literal(text, literal)
            cmark_node_insert_before(node, text)
        }
        cmark_node_unlink(node)
        cmark_node_free(node)
    }
}
