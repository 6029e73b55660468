/// A fast reader for the plain YAML most content files are written in: block mappings and
/// lists, one-line plain, quoted and `[a, b]` values, and comments.
///
/// It gives exactly the ``YAMLNode`` tree (values and places) that libyaml (``YAMLComposer``) would give, about ten
/// times faster. Anything else (block scalars `|` and `>`, anchors, tags, `{...}`, multi-line
/// values, empty values, duplicate keys, tabs, any syntax error) makes it step aside, and the
/// text is read by ``YAMLComposer`` on libyaml, which also explains mistakes.
enum FastYAML {
    /// What the fast reader made of a text.
    enum Outcome {
        /// The text uses something only libyaml reads.
        case unsupported
        /// The document's root; nil when it holds only comments and blank lines.
        case parsed(YAMLNode?)
    }

    /// Reads `text`; `lineOffset` lines come before it in `path` (front matter).
    static func parse(_ text: String, path: String, lineOffset: Int = 0) -> Outcome {
        var reader = Reader(bytes: Array(text.utf8), path: path, lineOffset: lineOffset)
        guard let root = reader.document() else { return .unsupported }
        return .parsed(root)
    }

    private struct Unsupported: Error {}

    /// One line: where its content starts and ends (a trailing comment is not cut off here).
    private struct Line {
        var start: Int
        var end: Int
        var indent: Int
        var number: Int
    }

    private struct Reader {
        let bytes: [UInt8]
        let path: String
        let lineOffset: Int
        var lines: [Line] = []
        var current = 0
        /// Lists and mappings open at this point; deeper than libyaml's limit is left to it (and refused).
        var depth = 0

        init(bytes: [UInt8], path: String, lineOffset: Int) {
            self.bytes = bytes
            self.path = path
            self.lineOffset = lineOffset
        }

        /// The root node, `.some(nil)` for an empty document, nil when unsupported.
        mutating func document() -> YAMLNode?? {
            guard Self.onlyPlainCharacters(bytes) else { return nil }
            var start = 0
            var number = 1
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                var indent = 0
                while start + indent < end, bytes[start + indent] == 0x20 { indent += 1 }
                let first = start + indent < end ? bytes[start + indent] : nil
                // Blank lines and whole-line comments carry nothing.
                if let first, first != UInt8(ascii: "#") {
                    if indent == 0, first == UInt8(ascii: "%") || matches("---", at: start) || matches("...", at: start) { return nil }
                    lines.append(Line(start: start, end: end, indent: indent, number: number))
                }
                if end == bytes.count { break }
                start = end + 1
                number += 1
            }
            guard let first = lines.first else { return .some(nil) }
            do {
                let root = try node(at: first.indent)
                guard current == lines.count else { return nil }
                return .some(root)
            } catch {
                return nil
            }
        }

        /// No tab, carriage return, byte-order mark or character YAML forbids (controls, U+FFFE,
        /// U+FFFF): libyaml reads those, and explains the mistakes.
        static func onlyPlainCharacters(_ bytes: [UInt8]) -> Bool {
            for index in bytes.indices {
                let byte = bytes[index]
                if byte < 0x20 && byte != 0x0A || byte == 0x7F { return false }
                if byte == 0xC2, index + 1 < bytes.count, (0x80...0x9F).contains(bytes[index + 1]) { return false }
                // U+2028 and U+2029 end lines for libyaml.
                if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                    return false
                }
                if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBB || (bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE) {
                    return false
                }
            }
            return true
        }

        func matches(_ text: StaticString, at offset: Int) -> Bool {
            let count = text.utf8CodeUnitCount
            guard offset + count <= bytes.count else { return false }
            return text.withUTF8Buffer { pattern in (0..<count).allSatisfy { bytes[offset + $0] == pattern[$0] } }
        }

        func location(line: Line, offset: Int) -> SourceLocation {
            SourceLocation(path: path, line: line.number + lineOffset, column: bytes[line.start..<offset].unicodeScalarCount + 1)
        }

        /// A mapping or list starting on the current line, whose entries start at `indent`.
        mutating func node(at indent: Int) throws(Unsupported) -> YAMLNode {
            let line = lines[current]
            guard line.indent == indent else { throw Unsupported() }
            if isListItem(line) { return try sequence(at: indent) }
            return try mapping(at: indent, firstKeyOffset: line.start + indent)
        }

        func isListItem(_ line: Line) -> Bool {
            let offset = line.start + line.indent
            return bytes[offset] == UInt8(ascii: "-") && (offset + 1 == line.end || bytes[offset + 1] == 0x20)
        }

        mutating func sequence(at indent: Int) throws(Unsupported) -> YAMLNode {
            depth += 1
            defer { depth -= 1 }
            guard depth <= YAMLComposer.maximumDepth else { throw Unsupported() }
            var items: [YAMLNode] = []
            while current < lines.count, lines[current].indent == indent, isListItem(lines[current]) {
                let line = lines[current]
                var offset = line.start + indent + 1
                while offset < line.end, bytes[offset] == 0x20 { offset += 1 }
                guard offset < line.end, bytes[offset] != UInt8(ascii: "#") else { throw Unsupported() }
                if keyEnd(from: offset, in: line) != nil {
                    // `- key: value`: a mapping whose keys line up after the dash.
                    items.append(try mapping(at: offset - line.start, firstKeyOffset: offset))
                } else {
                    guard bytes[offset] != UInt8(ascii: "-") else { throw Unsupported() }
                    items.append(try value(in: line, from: offset))
                    current += 1
                    try checkNoContinuation(after: indent)
                }
            }
            guard let first = items.first else { throw Unsupported() }
            return YAMLNode(value: .sequence(items), location: first.location)
        }

        /// The offset of the `:` ending a plain key that starts at `offset`, if the line is `key: ...`.
        func keyEnd(from offset: Int, in line: Line) -> Int? {
            let first = bytes[offset]
            if Self.indicators.contains(first) { return nil }
            var index = offset
            while index < line.end {
                let byte = bytes[index]
                if byte == UInt8(ascii: ":"), index + 1 == line.end || bytes[index + 1] == 0x20 {
                    return bytes[index - 1] == 0x20 ? nil : index
                }
                if byte == UInt8(ascii: "#"), bytes[index - 1] == 0x20 { return nil }
                index += 1
            }
            return nil
        }

        /// Characters that give a value at its start a meaning other than plain text.
        static let indicators: Set<UInt8> = Set("-?:,[]{}#&*!|>'\"%@`".utf8)

        /// A mapping whose first key starts at `firstKeyOffset` on the current line; the keys of
        /// the following lines start at column `indent`.
        mutating func mapping(at indent: Int, firstKeyOffset: Int) throws(Unsupported) -> YAMLNode {
            depth += 1
            defer { depth -= 1 }
            guard depth <= YAMLComposer.maximumDepth else { throw Unsupported() }
            var pairs: [(key: String, keyLocation: SourceLocation, value: YAMLNode)] = []
            var keys = Set<String>()
            var keyOffset = firstKeyOffset
            while true {
                let line = lines[current]
                guard let colon = keyEnd(from: keyOffset, in: line) else { throw Unsupported() }
                let key = String(decoding: bytes[keyOffset..<colon], as: UTF8.self)
                guard keys.insert(key).inserted else { throw Unsupported() }
                let keyLocation = location(line: line, offset: keyOffset)
                var offset = colon + 1
                while offset < line.end, bytes[offset] == 0x20 { offset += 1 }
                let value: YAMLNode
                if offset == line.end || bytes[offset] == UInt8(ascii: "#") {
                    // The value is on the next lines: a nested mapping or list.
                    current += 1
                    guard current < lines.count else { throw Unsupported() }
                    let next = lines[current]
                    if next.indent > indent {
                        value = try node(at: next.indent)
                    } else if next.indent == indent, isListItem(next) {
                        value = try sequence(at: indent)
                    } else {
                        throw Unsupported()
                    }
                } else {
                    value = try self.value(in: line, from: offset)
                    current += 1
                    try checkNoContinuation(after: indent)
                }
                pairs.append((key, keyLocation, value))
                guard current < lines.count else { break }
                let next = lines[current]
                if next.indent < indent { break }
                guard next.indent == indent, !isListItem(next) else { throw Unsupported() }
                keyOffset = next.start + indent
            }
            return YAMLNode(value: .mapping(pairs), location: pairs[0].keyLocation)
        }

        /// A value on one line must not go on over the next, more indented line.
        func checkNoContinuation(after indent: Int) throws(Unsupported) {
            if current < lines.count, lines[current].indent > indent { throw Unsupported() }
        }

        /// A one-line value starting at `offset`: quoted, `[a, b]`, or plain.
        func value(in line: Line, from offset: Int) throws(Unsupported) -> YAMLNode {
            let place = location(line: line, offset: offset)
            let first = bytes[offset]
            var end: Int
            let node: YAMLNode
            switch first {
            case UInt8(ascii: "\""):
                let (text, close) = try doubleQuoted(from: offset + 1, to: line.end)
                node = YAMLNode(value: .scalar(text, isNull: false), location: place)
                end = close + 1
            case UInt8(ascii: "'"):
                let (text, close) = try singleQuoted(from: offset + 1, to: line.end)
                node = YAMLNode(value: .scalar(text, isNull: false), location: place)
                end = close + 1
            case UInt8(ascii: "["):
                let (items, close) = try flowSequence(in: line, from: offset + 1)
                node = YAMLNode(value: .sequence(items), location: items.first?.location ?? place)
                end = close + 1
            default:
                guard !Self.indicators.contains(first) else { throw Unsupported() }
                end = offset
                while end < line.end {
                    let byte = bytes[end]
                    if byte == UInt8(ascii: "#"), bytes[end - 1] == 0x20 { break }
                    if byte == UInt8(ascii: ":"), end + 1 == line.end || bytes[end + 1] == 0x20 { throw Unsupported() }
                    end += 1
                }
                var last = end
                while last > offset, bytes[last - 1] == 0x20 { last -= 1 }
                let text = String(decoding: bytes[offset..<last], as: UTF8.self)
                let isNull = YAMLNode.isNullWord(text)
                return YAMLNode(value: .scalar(text, isNull: isNull), location: place)
            }
            // After a quoted or bracketed value: only spaces and a comment.
            while end < line.end, bytes[end] == 0x20 { end += 1 }
            guard end == line.end || (bytes[end] == UInt8(ascii: "#") && bytes[end - 1] == 0x20) else { throw Unsupported() }
            return node
        }

        /// `[a, b, c]` of plain words on one line.
        func flowSequence(in line: Line, from start: Int) throws(Unsupported) -> ([YAMLNode], Int) {
            var items: [YAMLNode] = []
            var offset = start
            while true {
                while offset < line.end, bytes[offset] == 0x20 { offset += 1 }
                guard offset < line.end else { throw Unsupported() }
                if bytes[offset] == UInt8(ascii: "]"), items.isEmpty { return (items, offset) }
                let itemStart = offset
                guard !Self.indicators.contains(bytes[offset]) else { throw Unsupported() }
                while offset < line.end, bytes[offset] != UInt8(ascii: ","), bytes[offset] != UInt8(ascii: "]") {
                    let byte = bytes[offset]
                    if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
                        || byte == UInt8(ascii: "#") || byte == UInt8(ascii: ":") { throw Unsupported() }
                    offset += 1
                }
                guard offset < line.end else { throw Unsupported() }
                var last = offset
                while last > itemStart, bytes[last - 1] == 0x20 { last -= 1 }
                guard last > itemStart else { throw Unsupported() }
                let text = String(decoding: bytes[itemStart..<last], as: UTF8.self)
                let isNull = YAMLNode.isNullWord(text)
                items.append(YAMLNode(value: .scalar(text, isNull: isNull), location: location(line: line, offset: itemStart)))
                if bytes[offset] == UInt8(ascii: "]") { return (items, offset) }
                offset += 1
            }
        }

        func singleQuoted(from start: Int, to end: Int) throws(Unsupported) -> (String, Int) {
            var text: [UInt8] = []
            var offset = start
            while offset < end {
                if bytes[offset] == UInt8(ascii: "'") {
                    if offset + 1 < end, bytes[offset + 1] == UInt8(ascii: "'") {
                        text.append(UInt8(ascii: "'"))
                        offset += 2
                        continue
                    }
                    return (String(decoding: text, as: UTF8.self), offset)
                }
                text.append(bytes[offset])
                offset += 1
            }
            throw Unsupported()
        }

        func doubleQuoted(from start: Int, to end: Int) throws(Unsupported) -> (String, Int) {
            var text: [UInt8] = []
            var offset = start
            func hex(_ count: Int) throws(Unsupported) -> Unicode.Scalar {
                guard offset + count < end else { throw Unsupported() }
                var value: UInt32 = 0
                for index in 1...count {
                    guard let digit = Self.hexValue(bytes[offset + index]) else { throw Unsupported() }
                    value = value * 16 + UInt32(digit)
                }
                guard let scalar = Unicode.Scalar(value) else { throw Unsupported() }
                offset += count
                return scalar
            }
            while offset < end {
                let byte = bytes[offset]
                if byte == UInt8(ascii: "\"") { return (String(decoding: text, as: UTF8.self), offset) }
                if byte != UInt8(ascii: "\\") {
                    text.append(byte)
                    offset += 1
                    continue
                }
                guard offset + 1 < end else { throw Unsupported() }
                offset += 1
                let scalar: Unicode.Scalar
                switch bytes[offset] {
                case UInt8(ascii: "0"): scalar = "\u{0}"
                case UInt8(ascii: "a"): scalar = "\u{7}"
                case UInt8(ascii: "b"): scalar = "\u{8}"
                case UInt8(ascii: "t"): scalar = "\t"
                case UInt8(ascii: "n"): scalar = "\n"
                case UInt8(ascii: "v"): scalar = "\u{B}"
                case UInt8(ascii: "f"): scalar = "\u{C}"
                case UInt8(ascii: "r"): scalar = "\r"
                case UInt8(ascii: "e"): scalar = "\u{1B}"
                case UInt8(ascii: " "): scalar = " "
                case UInt8(ascii: "\""): scalar = "\""
                case UInt8(ascii: "/"): scalar = "/"
                case UInt8(ascii: "\\"): scalar = "\\"
                case UInt8(ascii: "N"): scalar = "\u{85}"
                case UInt8(ascii: "_"): scalar = "\u{A0}"
                case UInt8(ascii: "L"): scalar = "\u{2028}"
                case UInt8(ascii: "P"): scalar = "\u{2029}"
                case UInt8(ascii: "x"): scalar = try hex(2)
                case UInt8(ascii: "u"): scalar = try hex(4)
                case UInt8(ascii: "U"): scalar = try hex(8)
                default: throw Unsupported()
                }
                text.append(contentsOf: String(Character(scalar)).utf8)
                offset += 1
            }
            throw Unsupported()
        }

        static func hexValue(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
    }
}
