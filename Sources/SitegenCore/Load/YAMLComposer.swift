import CYaml

/// Reads YAML with libyaml's event parser into a ``YAMLNode`` tree, for the texts ``FastYAML``
/// leaves aside (block scalars, flow mappings, multi-line values, and every mistake).
///
/// It builds the tree itself, without a composer that follows aliases, so that no YAML can make
/// a build slow or crash it:
/// - anchors (`&name`) and aliases (`*name`) are refused, at the alias: content has no use for
///   them, and nested aliases ("billion laughs") would expand into an exponential tree;
/// - lists and mappings nested deeper than ``maximumDepth`` are refused at the level that goes
///   too deep, and the tree is built without recursion;
/// - a key given twice in one mapping is refused at its second place.
///
/// Syntax errors are explained by ``YAMLSyntaxError``, at the place the editor must change.
enum YAMLComposer {
    /// The deepest nesting of lists and mappings accepted; content files need about six.
    static let maximumDepth = 64

    /// Reads `text`, which starts after `lineOffset` lines of `path` (front matter after `---`).
    static func parse(_ text: String, path: String, lineOffset: Int) -> Result<YAMLNode?, Diagnostic> {
        // libyaml wants a valid pointer even for an empty text: a trailing zero byte, not passed on.
        var bytes = Array(text.utf8)
        let count = bytes.count
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { buffer in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                return .failure(.error(SourceLocation(path: path, line: 1 + lineOffset), "YAML: out of memory"))
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, count)
            var composer = Builder(path: path, lineOffset: lineOffset, text: text)
            return composer.run(&parser)
        }
    }

    /// A list or mapping being read; changed in place on the stack, so that a long list costs
    /// linear time.
    private struct Frame {
        var isMapping: Bool
        var location: SourceLocation
        /// Whether the mapping is an entry of a list (`- id: ...`).
        var isListItem = false
        var items: [YAMLNode] = []
        var pairs: [(key: String, keyLocation: SourceLocation, value: YAMLNode)] = []
        var pendingKey: (key: String, location: SourceLocation)?
        var keyLines: [String: Int] = [:]
    }

    private struct Failure: Error {
        var diagnostic: Diagnostic
    }

    private struct Builder {
        let path: String
        let lineOffset: Int
        let text: String
        var stack: [Frame] = []
        var root: YAMLNode?
        var documents = 0
        /// The first anchor seen, refused at the end of the document if no alias comes first.
        var firstAnchor: (name: String, location: SourceLocation)?

        init(path: String, lineOffset: Int, text: String) {
            self.path = path
            self.lineOffset = lineOffset
            self.text = text
        }

        func location(_ mark: yaml_mark_t) -> SourceLocation {
            SourceLocation(path: path, line: Int(mark.line) + 1 + lineOffset, column: Int(mark.column) + 1)
        }

        func fail(_ mark: yaml_mark_t, _ message: String) -> Failure {
            Failure(diagnostic: .error(location(mark), message))
        }

        mutating func run(_ parser: inout yaml_parser_t) -> Result<YAMLNode?, Diagnostic> {
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    return .failure(YAMLSyntaxError.diagnostic(for: parser, text: text, path: path, lineOffset: lineOffset))
                }
                defer { yaml_event_delete(&event) }
                if event.type == YAML_STREAM_END_EVENT { break }
                do throws(Failure) {
                    try handle(event)
                } catch {
                    return .failure(error.diagnostic)
                }
            }
            if let anchor = firstAnchor {
                return .failure(.error(anchor.location,
                    "YAML anchors (`&\(anchor.name)`) are not supported: remove `&\(anchor.name)`; if it is part of the text, put the whole value in quotes"))
            }
            return .success(root)
        }

        mutating func handle(_ event: yaml_event_t) throws(Failure) {
            switch event.type {
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw fail(event.start_mark, "a second YAML document starts here: a file holds one; remove this `---` line")
                }
            case YAML_ALIAS_EVENT:
                let name = Self.string(event.data.alias.anchor)
                var message = "YAML aliases (`*\(name)`) are not supported: write the value out in full"
                if let anchor = firstAnchor, anchor.name == name {
                    message += " and remove `&\(name)` on line \(anchor.location.line)"
                }
                message += "; if `*\(name)` is part of the text, put the whole value in quotes"
                throw fail(event.start_mark, message)
            case YAML_SCALAR_EVENT:
                noteAnchor(event.data.scalar.anchor, at: event.start_mark)
                let scalar = event.data.scalar
                let value = scalar.value.map { String(decoding: UnsafeBufferPointer(start: UnsafePointer($0), count: Int(scalar.length)), as: UTF8.self) } ?? ""
                let isNull = scalar.style == YAML_PLAIN_SCALAR_STYLE && YAMLNode.isNullWord(value)
                try add(YAMLNode(value: .scalar(value, isNull: isNull), location: location(event.start_mark)), isScalar: true)
            case YAML_SEQUENCE_START_EVENT:
                noteAnchor(event.data.sequence_start.anchor, at: event.start_mark)
                try push(Frame(isMapping: false, location: location(event.start_mark)), at: event.start_mark)
            case YAML_MAPPING_START_EVENT:
                noteAnchor(event.data.mapping_start.anchor, at: event.start_mark)
                let isListItem = stack.last.map { !$0.isMapping } ?? false
                try push(Frame(isMapping: true, location: location(event.start_mark), isListItem: isListItem), at: event.start_mark)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { return }
                if frame.isMapping {
                    try add(YAMLNode(value: .mapping(frame.pairs), location: frame.pairs.first?.keyLocation ?? frame.location), isScalar: false)
                } else {
                    try add(YAMLNode(value: .sequence(frame.items), location: frame.items.first?.location ?? frame.location), isScalar: false)
                }
            default:
                break
            }
        }

        mutating func noteAnchor(_ anchor: UnsafeMutablePointer<yaml_char_t>?, at mark: yaml_mark_t) {
            guard let anchor, firstAnchor == nil else { return }
            firstAnchor = (Self.string(anchor), location(mark))
        }

        mutating func push(_ frame: Frame, at mark: yaml_mark_t) throws(Failure) {
            guard stack.count < maximumDepth else {
                throw fail(mark, "lists and mappings are nested more than \(maximumDepth) levels deep here: content needs only a few levels")
            }
            stack.append(frame)
        }

        /// Puts a finished node into the list or mapping being read, or makes it the root.
        mutating func add(_ node: YAMLNode, isScalar: Bool) throws(Failure) {
            let top = stack.count - 1
            guard top >= 0 else {
                root = node
                return
            }
            guard stack[top].isMapping else {
                stack[top].items.append(node)
                return
            }
            if let pendingKey = stack[top].pendingKey {
                stack[top].pairs.append((pendingKey.key, pendingKey.location, node))
                stack[top].pendingKey = nil
                return
            }
            guard isScalar, let key = node.string ?? (node.isNull ? "" : nil) else {
                throw Failure(diagnostic: .error(node.location, "a key must be a single word or text, not \(node.shapeName)"))
            }
            if let firstLine = stack[top].keyLines[key] {
                var message = "duplicate key `\(key)`: it is already set on line \(firstLine); keep one of them"
                if stack[top].isListItem, stack[top].pairs.first?.key == key {
                    message = "duplicate key `\(key)`: it is already set on line \(firstLine) in the same entry; if this line starts a new entry, begin it with `- `"
                }
                throw Failure(diagnostic: .error(node.location, message))
            }
            stack[top].keyLines[key] = node.location.line
            stack[top].pendingKey = (key, node.location)
        }

        static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String {
            guard let pointer else { return "" }
            return String(cString: pointer)
        }
    }
}
