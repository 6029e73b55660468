/// A mistake in a template's syntax, with where it is.
struct TemplateSyntaxError: Error, Sendable, Equatable {
    /// Where the offending tag starts.
    var position: TemplatePosition
    /// What is wrong, in words a template editor can act on.
    var message: String
}

/// Parses Mustache text into a ``Template``.
///
/// Supported: `{{name}}`, `{{{name}}}`, `{{&name}}`, sections `{{#name}}` and `{{^name}}`,
/// comments `{{! … }}`, partials `{{> name}}`, parents `{{< name}}` with blocks `{{$name}}`,
/// delimiter changes `{{=<% %>=}}`, and functions `{{f(name)}}`. A section, comment, partial,
/// parent, block or delimiter tag alone on its line takes the whole line with it (the Mustache
/// specification's "standalone" rule), so templates can be laid out one tag per line; so does a
/// line of only parent, block and partial tags (`{{<layout}}{{$main}}`).
struct TemplateParser {
    /// Parses `text`, or throws the first syntax error.
    static func parse(_ text: String) throws(TemplateSyntaxError) -> Template {
        var scanner = Scanner(bytes: Array(text.utf8))
        let tokens = try scanner.tokens()
        return Template(nodes: try TreeBuilder.build(removingStandaloneLines(tokens)))
    }

    // MARK: - Tokens

    enum TagKind: Equatable {
        case variable, unescaped, section, inverted, close, comment, partial, parent, block, delimiters, pragma

        /// Whether a tag of this kind alone on a line removes the line.
        var canStandAlone: Bool { self != .variable && self != .unescaped }
    }

    struct Tag {
        var kind: TagKind
        /// The tag's content without sigil and surrounding spaces (`title`, `partials/sources`).
        var content: String
        var position: TemplatePosition
        /// Whether the tag's line holds nothing else but spaces and other such tags, and is
        /// removed with its line end.
        var standalone = false
        /// For a partial or parent: the spaces before it on its standalone line. For a block:
        /// the indentation of its lines (``TemplateBlock/indentation``).
        var indentation: [UInt8] = []
    }

    enum Token {
        case text([UInt8])
        case newline([UInt8])
        case tag(Tag)
        /// Added by ``removingStandaloneLines(_:)`` before each line that stays.
        case lineStart
    }

    /// Splits the text into text, line ends and tags, following delimiter changes.
    struct Scanner {
        let bytes: [UInt8]
        var open: [UInt8] = Array("{{".utf8)
        var close: [UInt8] = Array("}}".utf8)
        var index = 0
        var line = 1
        var lineStart = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        func position(at offset: Int) -> TemplatePosition {
            TemplatePosition(line: line, column: bytes[lineStart..<offset].unicodeScalarCount + 1)
        }

        func matches(_ pattern: [UInt8], at offset: Int) -> Bool {
            guard offset + pattern.count <= bytes.count else { return false }
            for (index, byte) in pattern.enumerated() where bytes[offset + index] != byte { return false }
            return true
        }

        func find(_ pattern: [UInt8], from offset: Int) -> Int? {
            var offset = offset
            while offset + pattern.count <= bytes.count {
                if bytes[offset] == pattern[0], matches(pattern, at: offset) { return offset }
                offset += 1
            }
            return nil
        }

        mutating func tokens() throws(TemplateSyntaxError) -> [Token] {
            var tokens: [Token] = []
            var textStart = index
            func flushText(upTo end: Int) {
                if end > textStart { tokens.append(.text(Array(bytes[textStart..<end]))) }
            }
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x0A {
                    let crlf = index > textStart && bytes[index - 1] == 0x0D
                    flushText(upTo: crlf ? index - 1 : index)
                    tokens.append(.newline(crlf ? [0x0D, 0x0A] : [0x0A]))
                    index += 1
                    line += 1
                    lineStart = index
                    textStart = index
                } else if byte == open[0], matches(open, at: index) {
                    flushText(upTo: index)
                    tokens.append(.tag(try tag()))
                    textStart = index
                } else {
                    index += 1
                }
            }
            flushText(upTo: bytes.count)
            return tokens
        }

        /// Reads the tag at `index` and moves past it.
        mutating func tag() throws(TemplateSyntaxError) -> Tag {
            let start = index
            let position = position(at: start)
            let afterOpen = start + open.count
            let isTriple = open == Array("{{".utf8) && afterOpen < bytes.count && bytes[afterOpen] == UInt8(ascii: "{")
            let closing = isTriple ? close + [UInt8(ascii: "}")] : close
            guard let end = find(closing, from: afterOpen) else {
                throw TemplateSyntaxError(position: position,
                    message: "a tag is not finished: every `\(String(decoding: open, as: UTF8.self))` needs its `\(String(decoding: closing, as: UTF8.self))`")
            }
            var inner = Array(bytes[afterOpen..<end])
            index = end + closing.count
            var kind = TagKind.variable
            if isTriple {
                inner.removeFirst()
                kind = .unescaped
            } else if let sigil = inner.first {
                switch sigil {
                case UInt8(ascii: "#"): kind = .section
                case UInt8(ascii: "^"): kind = .inverted
                case UInt8(ascii: "/"): kind = .close
                case UInt8(ascii: "!"): kind = .comment
                case UInt8(ascii: ">"): kind = .partial
                case UInt8(ascii: "<"): kind = .parent
                case UInt8(ascii: "$"): kind = .block
                case UInt8(ascii: "="): kind = .delimiters
                case UInt8(ascii: "&"): kind = .unescaped
                case UInt8(ascii: "%"): kind = .pragma
                default: break
                }
                if kind != .variable { inner.removeFirst() }
            }
            let newlines = inner.filter { $0 == 0x0A }.count
            if newlines > 0 {
                guard kind == .comment else {
                    throw TemplateSyntaxError(position: position,
                        message: "a tag is not finished on its line: every `\(String(decoding: open, as: UTF8.self))` needs its `\(String(decoding: closing, as: UTF8.self))` on the same line")
                }
                // A comment may span lines: later positions count from its last line.
                line += newlines
                lineStart = (bytes[start..<end].lastIndex(of: 0x0A) ?? start) + 1
            }
            let content = String(decoding: inner, as: UTF8.self).trimmingWhitespace()
            if kind == .delimiters {
                try changeDelimiters(content, at: position)
            }
            return Tag(kind: kind, content: content, position: position)
        }

        /// `{{=<% %>=}}`: the content is `<% %>=` by now.
        mutating func changeDelimiters(_ content: String, at position: TemplatePosition) throws(TemplateSyntaxError) {
            let parts = content.hasSuffix("=") ? content.dropLast().split(separator: " ", omittingEmptySubsequences: true) : []
            guard parts.count == 2, !parts.contains(where: { $0.contains("=") }) else {
                throw TemplateSyntaxError(position: position, message: "badly formed delimiter change: write it like `{{=<% %>=}}`")
            }
            open = Array(parts[0].utf8)
            close = Array(parts[1].utf8)
        }
    }

    // MARK: - Standalone lines

    /// Removes every standalone line with its line end, and marks where each other line starts.
    ///
    /// A line is standalone when it holds nothing but spaces and either one section, inverted,
    /// closing, comment, partial, parent, block or delimiter tag, or several parent, block,
    /// partial, comment and closing tags of parents and blocks (`{{<layout}}{{$main}}`,
    /// `{{/main}}{{/layout}}`) — except a block opened and closed on the line, whose content
    /// takes the line's place inside it. A standalone partial or parent keeps the spaces as its
    /// indentation.
    static func removingStandaloneLines(_ tokens: [Token]) -> [Token] {
        var result: [Token] = []
        result.reserveCapacity(tokens.count + tokens.count / 4)
        /// The kinds and names of the sections, parents and blocks open at this point.
        var open: [(kind: TagKind, name: String)] = []
        /// The block whose opening tag stood alone on the line before, waiting for the
        /// indentation of the line after it: its index in `result`.
        var pendingBlock: Int?
        var lineStart = 0
        while lineStart < tokens.count {
            // The line runs to its newline token, included, or to the end.
            var lineEnd = lineStart
            while lineEnd < tokens.count {
                if case .newline = tokens[lineEnd] { lineEnd += 1; break }
                lineEnd += 1
            }
            let line = tokens[lineStart..<lineEnd]
            var tags: [Tag] = []
            var onlySpaces = true
            var leading: [UInt8] = []
            var multiTagKinds = true
            var blocksOpenedHere: [String] = []
            var blockClosedHere = false
            var firstCloses: String?
            for token in line {
                switch token {
                case .tag(let tag):
                    switch tag.kind {
                    case .section, .inverted, .parent, .block:
                        if tag.kind == .section || tag.kind == .inverted { multiTagKinds = false }
                        if tag.kind == .block { blocksOpenedHere.append(tag.content) }
                        open.append((tag.kind, tag.content))
                    case .close:
                        if tags.isEmpty { firstCloses = tag.content }
                        let closed = open.popLast()
                        if closed?.kind != .parent && closed?.kind != .block { multiTagKinds = false }
                        if blocksOpenedHere.contains(tag.content) { blockClosedHere = true }
                    case .variable, .unescaped:
                        multiTagKinds = false
                    case .delimiters, .pragma:
                        multiTagKinds = false
                    case .comment, .partial:
                        break
                    }
                    tags.append(tag)
                case .text(let bytes):
                    if !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { onlySpaces = false }
                    if tags.isEmpty { leading += bytes }
                case .newline, .lineStart: break
                }
            }
            if let index = pendingBlock, case .tag(var block) = result[index] {
                // The block's lines are indented like this one, unless it closes here, empty.
                let closesEmpty = firstCloses == block.content && leading.allSatisfy { $0 == 0x20 || $0 == 0x09 }
                if !closesEmpty { block.indentation = leadingSpaces(of: line) }
                result[index] = .tag(block)
                pendingBlock = nil
            }
            let standalone = onlySpaces && !tags.isEmpty && tags.allSatisfy(\.kind.canStandAlone)
                && (tags.count == 1 || (multiTagKinds && !blockClosedHere))
            if standalone {
                for var tag in tags {
                    tag.standalone = true
                    tag.indentation = leading
                    result.append(.tag(tag))
                    if tag.kind == .block { pendingBlock = result.count - 1 }
                }
            } else {
                result.append(.lineStart)
                var onlySpacesBefore = true
                for token in line {
                    switch token {
                    case .tag(var tag):
                        // An inline block's lines are indented like the line, when only spaces come before it.
                        if tag.kind == .block, onlySpacesBefore { tag.indentation = leading }
                        onlySpacesBefore = false
                        result.append(.tag(tag))
                    case .text(let bytes):
                        if !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { onlySpacesBefore = false }
                        result.append(token)
                    default:
                        result.append(token)
                    }
                }
            }
            lineStart = lineEnd
        }
        return result
    }

    /// The spaces and tabs a line starts with.
    static func leadingSpaces(of line: ArraySlice<Token>) -> [UInt8] {
        guard case .text(let bytes)? = line.first else { return [] }
        return Array(bytes.prefix { $0 == 0x20 || $0 == 0x09 })
    }

    // MARK: - Tree

    /// Nests sections, parents and blocks, checking that each is closed by its own name.
    enum TreeBuilder {
        struct Frame {
            var tag: Tag?
            var nodes: [TemplateNode] = []
            var blocks: [String: TemplateBlock] = [:]
        }

        static func build(_ tokens: [Token]) throws(TemplateSyntaxError) -> [TemplateNode] {
            var stack = [Frame()]
            func append(_ node: TemplateNode) {
                if case .text(let bytes) = node, case .text(let previous)? = stack[stack.count - 1].nodes.last {
                    stack[stack.count - 1].nodes[stack[stack.count - 1].nodes.count - 1] = .text(previous + bytes)
                } else {
                    stack[stack.count - 1].nodes.append(node)
                }
            }
            for token in tokens {
                let insideParent = stack.last?.tag?.kind == .parent
                switch token {
                case .text(let bytes), .newline(let bytes):
                    if insideParent {
                        // Text between the blocks of a parent tag is not shown anywhere.
                        continue
                    }
                    append(.text(bytes))
                case .lineStart:
                    if !insideParent { stack[stack.count - 1].nodes.append(.lineStart) }
                case .tag(let tag):
                    if insideParent, ![.block, .comment, .close, .delimiters, .pragma].contains(tag.kind) {
                        throw TemplateSyntaxError(position: tag.position,
                            message: "inside `{{<\(stack.last!.tag!.content)}}…{{/\(stack.last!.tag!.content)}}` only `{{$block}}…{{/block}}` sections may appear")
                    }
                    switch tag.kind {
                    case .comment, .delimiters, .pragma:
                        continue
                    case .variable, .unescaped:
                        append(.variable(try name(tag), escaped: tag.kind == .variable))
                    case .section, .inverted, .block:
                        if tag.kind != .block { _ = try name(tag) }
                        guard !tag.content.isEmpty else { throw emptyName(tag) }
                        stack.append(Frame(tag: tag))
                    case .parent:
                        guard !tag.content.isEmpty else { throw emptyName(tag) }
                        stack.append(Frame(tag: tag))
                    case .partial:
                        guard !tag.content.isEmpty else { throw emptyName(tag) }
                        append(.partial(name: tag.content, indentation: tag.standalone ? tag.indentation : nil, position: tag.position))
                    case .close:
                        guard stack.count > 1, let open = stack.last?.tag else {
                            throw TemplateSyntaxError(position: tag.position,
                                message: "`{{/\(tag.content)}}` closes nothing: there is no `{{#\(tag.content)}}` (or `^`, `$`, `<`) open here")
                        }
                        guard open.content == tag.content else {
                            throw TemplateSyntaxError(position: tag.position,
                                message: "this `{{/\(tag.content)}}` does not close the section open here: its name must match the last `{{#\(open.content)}}`, `{{^name}}`, `{{$name}}` or `{{<name}}` still open (line \(open.position.line))")
                        }
                        let frame = stack.removeLast()
                        let parentIsInheriting = stack.last?.tag?.kind == .parent
                        switch open.kind {
                        case .section, .inverted:
                            append(.section(try name(open), frame.nodes, inverted: open.kind == .inverted))
                        case .block:
                            let block = TemplateBlock(nodes: frame.nodes, indentation: open.indentation, standalone: open.standalone)
                            if parentIsInheriting {
                                stack[stack.count - 1].blocks[open.content] = block
                            } else {
                                append(.block(name: open.content, block))
                            }
                        case .parent:
                            append(.parent(name: open.content, indentation: open.standalone ? open.indentation : nil,
                                           blocks: frame.blocks, position: open.position))
                        default:
                            break
                        }
                    }
                }
            }
            if stack.count > 1, let open = stack.last?.tag {
                throw TemplateSyntaxError(position: open.position,
                    message: "a section is never closed: `{{\(sigil(open.kind))\(open.content)}}` needs its `{{/\(open.content)}}`")
            }
            return stack[0].nodes
        }

        static func sigil(_ kind: TagKind) -> String {
            switch kind {
            case .section: return "#"
            case .inverted: return "^"
            case .block: return "$"
            case .parent: return "<"
            default: return ""
            }
        }

        static func emptyName(_ tag: Tag) -> TemplateSyntaxError {
            TemplateSyntaxError(position: tag.position, message: "this tag has no name: write `{{\(sigil(tag.kind))name}}`")
        }

        /// `page.title`, `.detail`, `.`, `uppercased(title)`, `first()`.
        static func name(_ tag: Tag) throws(TemplateSyntaxError) -> TemplateName {
            var rest = Substring(tag.content)
            var transforms: [String] = []
            while rest.hasSuffix(")") {
                guard let open = rest.firstIndex(of: "(") else { break }
                let function = String(rest[..<open]).trimmingWhitespace()
                guard TemplateTransforms.names.contains(function) else {
                    throw TemplateSyntaxError(position: tag.position,
                        message: "`\(function)()` is not a template function; there are \(TemplateTransforms.names.sorted().map { "`\($0)()`" }.joined(separator: ", "))")
                }
                transforms.append(function)
                rest = rest[rest.index(after: open)..<rest.index(before: rest.endIndex)]
            }
            let inner = String(rest).trimmingWhitespace()
            if inner.isEmpty {
                guard !transforms.isEmpty else { throw emptyName(tag) }
                return TemplateName(path: [], anchored: false, transforms: transforms)
            }
            guard inner.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." || $0 == "/" }) else {
                throw TemplateSyntaxError(position: tag.position,
                    message: "`\(inner)` is not a name: names are letters, digits, `_`, `-` and dots (`page.title`)")
            }
            if inner == "." { return TemplateName(path: [], anchored: true, transforms: transforms) }
            let anchored = inner.hasPrefix(".")
            let path = inner.split(separator: ".").map { TemplateKey(String($0)) }
            return TemplateName(path: path, anchored: anchored, transforms: transforms)
        }
    }
}
