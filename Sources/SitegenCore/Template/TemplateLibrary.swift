/// Named templates that render each other (partials, parents) and values into HTML.
///
/// A library is a value: each render thread can hold its own copy (see ``copy()``), so that
/// threads share no reference-counted template storage.
public struct TemplateLibrary: Sendable {
    private var templates: [String: Template] = [:]
    private var texts: [String: String] = [:]

    /// An empty library.
    public init() {}

    /// Parses `text` and adds it as `name`, or throws its first syntax error.
    public mutating func add(_ text: String, named name: String) throws(TemplateSyntaxError) {
        templates[name] = try TemplateParser.parse(text)
        texts[name] = text
    }

    /// The names of the templates.
    public var names: [String] { templates.keys.sorted() }

    /// Whether there is a template called `name`.
    public func contains(_ name: String) -> Bool { templates[name] != nil }

    /// Every partial and parent template `name` refers to, with where.
    func references(of name: String) -> [(name: String, position: TemplatePosition)] {
        templates[name]?.references ?? []
    }

    /// The same templates parsed anew, sharing no storage with this library.
    public func copy() -> TemplateLibrary {
        var fresh = TemplateLibrary()
        for (name, text) in texts { try? fresh.add(text, named: name) }
        return fresh
    }

    /// Renders the template `name` with `value` as its context, as UTF-8 bytes; nil when there
    /// is no such template.
    public func render(_ value: TemplateValue, template name: String) -> [UInt8]? {
        guard let template = templates[name] else { return nil }
        var renderer = TemplateRenderer(templates: templates, root: value)
        renderer.render(template.nodes, blocks: [:], depth: 0)
        return renderer.output
    }

    /// Renders the template `name` with `value` as its context, as text.
    public func renderText(_ value: TemplateValue, template name: String) -> String? {
        render(value, template: name).map { String(decoding: $0, as: UTF8.self) }
    }
}

/// Walks a template tree with a stack of values, writing UTF-8 into `output`.
struct TemplateRenderer {
    let templates: [String: Template]
    var output: [UInt8] = []
    /// The values of the sections entered, innermost last; the page's value at the bottom.
    var stack: [TemplateValue]
    /// The position in each list being shown, innermost last, for `first()`, `index()`...
    var positions: [TemplateTransforms.Position] = []

    /// Partials and parents nested deeper than this stop: a template that includes itself
    /// would otherwise never end.
    static let maximumDepth = 64

    init(templates: [String: Template], root: TemplateValue) {
        self.templates = templates
        self.stack = [root]
        output.reserveCapacity(16 * 1024)
    }

    mutating func render(_ nodes: [TemplateNode], blocks: [String: [TemplateNode]], depth: Int) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                output.append(contentsOf: bytes)
            case .variable(let name, let escaped):
                write(lookUp(name), escaped: escaped)
            case .section(let name, let children, let inverted):
                let value = lookUp(name)
                if inverted {
                    if !isTrue(value) { render(children, blocks: blocks, depth: depth) }
                } else {
                    section(value, children, blocks: blocks, depth: depth)
                }
            case .block(let name, let defaults):
                render(blocks[name] ?? defaults, blocks: blocks, depth: depth)
            case .partial(let name, let indentation, _):
                guard depth < Self.maximumDepth, let template = templates[name] else { continue }
                indented(indentation) { $0.render(template.nodes, blocks: blocks, depth: depth + 1) }
            case .parent(let name, let indentation, let ownBlocks, _):
                guard depth < Self.maximumDepth, let template = templates[name] else { continue }
                // Blocks given further out win over the ones given here.
                let merged = ownBlocks.merging(blocks) { _, outer in outer }
                indented(indentation) { $0.render(template.nodes, blocks: merged, depth: depth + 1) }
            }
        }
    }

    /// Runs `body`, then indents every line it wrote after the first by `indentation`, and the
    /// first too (the tag's own spaces were removed with its standalone line).
    private mutating func indented(_ indentation: String, _ body: (inout TemplateRenderer) -> Void) {
        guard !indentation.isEmpty else { return body(&self) }
        let start = output.count
        body(&self)
        let written = output[start...]
        var result: [UInt8] = []
        result.reserveCapacity(written.count + 64)
        var atLineStart = true
        for byte in written {
            if atLineStart { result.append(contentsOf: indentation.utf8) }
            result.append(byte)
            atLineStart = byte == 0x0A
        }
        output.replaceSubrange(start..., with: result)
    }

    private mutating func section(_ value: TemplateValue, _ children: [TemplateNode], blocks: [String: [TemplateNode]], depth: Int) {
        switch value {
        case .null:
            return
        case .bool(let flag):
            if flag { render(children, blocks: blocks, depth: depth) }
        case .list(let items):
            for (index, item) in items.enumerated() {
                stack.append(item)
                positions.append(.init(index: index, count: items.count))
                render(children, blocks: blocks, depth: depth)
                positions.removeLast()
                stack.removeLast()
            }
        case .int, .text, .object:
            stack.append(value)
            render(children, blocks: blocks, depth: depth)
            stack.removeLast()
        }
    }

    private func isTrue(_ value: TemplateValue) -> Bool {
        switch value {
        case .null: return false
        case .bool(let flag): return flag
        case .list(let items): return !items.isEmpty
        case .int, .text, .object: return true
        }
    }

    /// The value a name stands for: its first part is looked for from the innermost section
    /// outwards (only in the innermost for `.name`), the other parts inside what was found.
    func lookUp(_ name: TemplateName) -> TemplateValue {
        var value: TemplateValue
        if name.path.isEmpty {
            if name.anchored {
                value = stack[stack.count - 1]
            } else {
                // `first()`: the position in the innermost list.
                guard let position = positions.last, let function = name.transforms.last else { return .null }
                value = TemplateTransforms.apply(function, to: position)
                for function in name.transforms.dropLast().reversed() { value = TemplateTransforms.apply(function, to: value) }
                return value
            }
        } else {
            value = .null
            let first = name.path[0]
            var level = stack.count - 1
            while level >= 0 {
                if case .object(let object) = stack[level] {
                    let found = object.value(forKey: first)
                    if case .null = found {} else {
                        value = found
                        break
                    }
                }
                if name.anchored { break }
                level -= 1
            }
            for part in name.path.dropFirst() {
                guard case .object(let object) = value else { return .null }
                value = object.value(forKey: part)
            }
        }
        for function in name.transforms.reversed() {
            if case .null = value { return .null }
            value = TemplateTransforms.apply(function, to: value)
        }
        return value
    }

    private mutating func write(_ value: TemplateValue, escaped: Bool) {
        switch value {
        case .text(let text):
            if escaped { HTMLEscaping.append(text, escapedTo: &output) } else { output.append(contentsOf: text.utf8) }
        case .int(let number):
            output.append(contentsOf: String(number).utf8)
        case .bool(let flag):
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null, .list, .object:
            return
        }
    }
}
