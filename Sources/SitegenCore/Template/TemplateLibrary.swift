/// Named templates that render each other (partials, parents) and values into HTML.
///
/// A library is a value: each render thread can hold its own copy (see ``copy()``), so that
/// threads share no reference-counted template storage.
struct TemplateLibrary: Sendable {
    private var templates: [String: Template] = [:]
    /// The templates laid out for rendering.
    private var codes: [String: TemplateCode] = [:]
    private var texts: [String: String] = [:]

    /// Partials, parents and blocks one page may render (``TemplateRenderer/maximumExpansions``);
    /// the fuzz target lowers it so that its inputs that reach it stay fast under its sanitizers.
    var maximumExpansions = TemplateRenderer.maximumExpansions

    /// An empty library.
    init() {}

    /// Parses `text` and adds it as `name`, or throws its first syntax error.
    mutating func add(_ text: String, named name: String) throws(TemplateSyntaxError) {
        let template = try TemplateParser.parse(text)
        templates[name] = template
        codes[name] = TemplateCode(template, name: name)
        texts[name] = text
    }

    /// The names of the templates.
    var names: [String] { templates.keys.sorted() }

    /// Whether there is a template called `name`.
    func contains(_ name: String) -> Bool { templates[name] != nil }

    /// Every partial and parent template `name` refers to, with where.
    func references(of name: String) -> [(name: String, position: TemplatePosition)] {
        templates[name]?.references ?? []
    }

    /// Every partial or parent tag, in any template of the library, that names a template the
    /// library does not have, with the template it is in and where: rendering would show nothing
    /// there, so a theme reports each as an error at its tag.
    var missingReferences: [(template: String, name: String, position: TemplatePosition)] {
        names.flatMap { template in
            references(of: template).filter { !contains($0.name) }.map { (template, $0.name, $0.position) }
        }
    }

    /// The same templates parsed anew, sharing no storage with this library.
    func copy() -> TemplateLibrary {
        var fresh = TemplateLibrary()
        for (name, text) in texts { try? fresh.add(text, named: name) }
        fresh.maximumExpansions = maximumExpansions
        return fresh
    }

    /// Renders the template `name` with `value` as its context, as UTF-8 bytes; nil when there
    /// is no such template.
    func render(_ value: TemplateValue, template name: String) -> [UInt8]? {
        guard let code = codes[name] else { return nil }
        var renderer = TemplateRenderer(codes: codes, maximumExpansions: maximumExpansions)
        value.withTemplateItem { root in
            renderer.stack.append(TemplateRenderer.Context(items: root, index: 0))
            renderer.render(code, 0..<code.steps.count, blocks: [:], depth: 0)
        }
        return renderer.output
    }
}

/// Walks a template's steps (``TemplateCode``) with a stack of values, writing UTF-8 into `output`.
struct TemplateRenderer {
    let codes: [String: TemplateCode]
    var output: [UInt8] = []
    /// The values of the sections entered, innermost last; the page's value at the bottom.
    var stack: [Context] = []

    /// What a section shows its content with: an item of a list (a value that is not in a list
    /// is the one item of its own), read where it is.
    struct Context {
        var items: TemplateItems
        var index: Int
    }
    /// The position in each list being shown, innermost last, for `first()`, `index()`...
    var positions: [TemplateTransforms.Position] = []

    /// A block's content in the template that gives it: a parent tag's, or the block's default.
    struct BlockContent {
        let code: TemplateCode
        let index: Int
    }

    /// Partials and parents nested deeper than this stop: a template that includes itself
    /// would otherwise never end.
    static let maximumDepth = 64
    /// Partials, parents and blocks rendered for one page stop after this many: a template that
    /// includes itself twice or more at each level would otherwise take 2^64 steps. A page of the
    /// built-in theme renders a few dozen; a theme that includes a partial for each item of a
    /// list can show 100,000 items with one partial each (a million made one page take seconds
    /// and hundreds of megabytes).
    static let maximumExpansions = 100_000
    /// The limit for this page: ``maximumExpansions`` unless the library sets another.
    let maximumExpansions: Int
    /// Partials, parents and blocks rendered so far.
    var expansions = 0
    /// Partials and blocks not rendered so far, for the depth or count limits.
    var refusals = 0

    /// The lowest level of ``stack`` that a look-up read since the innermost kept rendering
    /// (``renderKeeping(_:_:_:blocks:depth:)``) began; -1 once a block was used (its content
    /// comes from the templates around). A rendering read nothing outside its item when this
    /// stays at or above the item's level.
    var lowestLevelRead = Int.max
    /// The lowest index of ``positions`` read since the innermost kept rendering began.
    var lowestPositionRead = Int.max

    /// A renderer with an empty stack: push the page's value before rendering.
    init(codes: [String: TemplateCode], maximumExpansions: Int = Self.maximumExpansions) {
        self.codes = codes
        self.maximumExpansions = maximumExpansions
        stack.reserveCapacity(16)
        output.reserveCapacity(16 * 1024)
    }

    /// Written at the start of each line of the template being rendered: the indentation of
    /// the standalone partials, parents and blocks it is inside.
    var indentation: [UInt8] = []
    /// Taken off the start of each line of the template being rendered: the indentation a
    /// block's content had where it was written.
    var unindentation: [UInt8] = []
    /// Set when a block's content starts with a line of its own but is used inside a line:
    /// its first line continues that line, so gets no indentation.
    var continuesLine = false

    /// Renders the steps `range` of `code`.
    mutating func render(_ code: TemplateCode, _ range: Range<Int>, blocks: [String: BlockContent], depth: Int) {
        var index = range.lowerBound
        while index < range.upperBound {
            var next = index + 1
            switch code.steps[index] {
            case .text(let start, let end):
                append(code, from: Int(start), to: Int(end))
            case .lineStart:
                if continuesLine { continuesLine = false } else { output.append(contentsOf: indentation) }
                if !unindentation.isEmpty, next < range.upperBound, case .text(let start, let end) = code.steps[next] {
                    var skipped = 0
                    let length = Int(end - start)
                    while skipped < length, skipped < unindentation.count, code.text[Int(start) + skipped] == unindentation[skipped] { skipped += 1 }
                    append(code, from: Int(start) + skipped, to: Int(end))
                    next += 1
                }
            case .variable(let name, let escaped):
                write(lookUp(name, in: code), escaped: escaped)
            case .section(let name, let end, let inverted):
                next = Int(end)
                let value = lookUp(name, in: code)
                if inverted {
                    if !isTrue(value) { render(code, index + 1 ..< next, blocks: blocks, depth: depth) }
                } else {
                    section(value, code, index + 1 ..< next, blocks: blocks, depth: depth)
                }
            case .block(let block):
                let site = code.blocks[Int(block)]
                next = site.content.upperBound
                // A block given content that holds the same block would otherwise never end.
                guard depth < Self.maximumDepth, expansions < maximumExpansions else { refusals += 1; break }
                expansions += 1
                lowestLevelRead = -1
                expand(blocks[site.name] ?? BlockContent(code: code, index: Int(block)), at: site, blocks: blocks, depth: depth + 1)
            case .include(let inclusion):
                let tag = code.inclusions[Int(inclusion)]
                next = tag.end
                guard depth < Self.maximumDepth, expansions < maximumExpansions, let template = codes[tag.name] else { refusals += 1; break }
                expansions += 1
                if let own = tag.blocks {
                    // Blocks given further out win over the ones given here.
                    var merged = blocks
                    for (name, block) in own where merged[name] == nil { merged[name] = BlockContent(code: code, index: block) }
                    include(template, indentation: tag.indentation, blocks: merged, depth: depth + 1)
                } else {
                    include(template, indentation: tag.indentation, blocks: blocks, depth: depth + 1)
                }
            }
            index = next
        }
    }

    /// Writes the bytes `start..<end` of `code`'s text.
    private mutating func append(_ code: TemplateCode, from start: Int, to end: Int) {
        code.text.withUnsafeBufferPointer { text in
            output.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<end]))
        }
    }

    /// Renders another template where a partial or parent tag is: each of its lines indented
    /// like the tag when the tag stands alone on its line, not at all when it is inside a line
    /// (the Mustache specification's rule; lines of interpolated values are never indented).
    private mutating func include(_ template: TemplateCode, indentation extra: [UInt8]?, blocks: [String: BlockContent], depth: Int) {
        let saved = (indentation, unindentation)
        indentation = extra.map { saved.0 + $0.droppingPrefix(saved.1) } ?? []
        unindentation = []
        render(template, 0..<template.steps.count, blocks: blocks, depth: depth)
        (indentation, unindentation) = saved
    }

    /// Renders `content` (a parent tag's or the default) where the block `site` is: the
    /// content's own indentation comes off each of its lines and the site's goes on.
    private mutating func expand(_ content: BlockContent, at site: TemplateCode.Block, blocks: [String: BlockContent], depth: Int) {
        let block = content.code.blocks[content.index]
        let saved = (indentation, unindentation)
        indentation = saved.0 + site.indentation.droppingPrefix(saved.1)
        unindentation = block.indentation
        if site.standalone && !block.standalone && !continuesLine {
            // Content written inside a line, used where a line of its own starts.
            output.append(contentsOf: indentation)
        }
        if !site.standalone && block.standalone { continuesLine = true }
        render(content.code, block.content, blocks: blocks, depth: depth)
        continuesLine = false
        (indentation, unindentation) = saved
    }

    private mutating func section(_ value: TemplateValue, _ code: TemplateCode, _ children: Range<Int>, blocks: [String: BlockContent], depth: Int) {
        switch value {
        case .null:
            return
        case .bool(let flag):
            if flag { render(code, children, blocks: blocks, depth: depth) }
        case .list(let items):
            each(items, code, children, blocks: blocks, depth: depth)
        case .items(let items):
            each(items, code, children, blocks: blocks, depth: depth)
        case .int, .text, .object:
            value.withTemplateItem { item in
                stack.append(Context(items: item, index: 0))
                render(code, children, blocks: blocks, depth: depth)
                stack.removeLast()
            }
        }
    }

    /// Shows `children` once for each item of `list`, with the item as their context.
    private mutating func each(_ list: any TemplateList, _ code: TemplateCode, _ children: Range<Int>, blocks: [String: BlockContent], depth: Int) {
        list.withItems { items in
            for index in 0..<items.count {
                stack.append(Context(items: items, index: index))
                positions.append(.init(index: index, count: items.count))
                if let fragments = items.renderedFragments(index) {
                    renderKeeping(fragments, code, children, blocks: blocks, depth: depth)
                } else {
                    render(code, children, blocks: blocks, depth: depth)
                }
                positions.removeLast()
                stack.removeLast()
            }
        }
    }

    /// Shows `children` for the item on top of the stack, whose rendering may be kept in
    /// `fragments`: writes the one kept when it was made at this place (and the count limit lets
    /// its partials through), else renders them, and keeps what was written when none is kept and
    /// it read nothing but the item (``RenderedFragments``).
    private mutating func renderKeeping(_ fragments: RenderedFragments, _ code: TemplateCode, _ children: Range<Int>,
                                        blocks: [String: BlockContent], depth: Int) {
        let place = RenderedFragments.Place(template: code.name, step: children.lowerBound, depth: depth, indentation: indentation,
                                            unindentation: unindentation, continuesLine: continuesLine)
        let kept = fragments.fragment
        if let kept, kept.place == place, expansions + kept.expansions <= maximumExpansions {
            output.append(contentsOf: kept.bytes)
            expansions += kept.expansions
            continuesLine = kept.continuesLine
            return
        }
        let around = (lowestLevelRead, lowestPositionRead)
        (lowestLevelRead, lowestPositionRead) = (Int.max, Int.max)
        let (start, startExpansions, startRefusals) = (output.count, expansions, refusals)
        render(code, children, blocks: blocks, depth: depth)
        if kept == nil, lowestLevelRead >= stack.count - 1, lowestPositionRead >= positions.count, refusals == startRefusals {
            fragments.keep(.init(place: place, bytes: Array(output[start...]), expansions: expansions - startExpansions, continuesLine: continuesLine))
        }
        // What this item's content read outside it, it read outside the renderings around it too.
        (lowestLevelRead, lowestPositionRead) = (min(around.0, lowestLevelRead), min(around.1, lowestPositionRead))
    }

    private func isTrue(_ value: TemplateValue) -> Bool {
        switch value {
        case .null: return false
        case .bool(let flag): return flag
        case .list(let items): return !items.isEmpty
        case .items(let items): return items.count > 0
        case .int, .text, .object: return true
        }
    }

    /// The value of the name `index` of `code`, read where it is (a copy would retain its arrays).
    private mutating func lookUp(_ index: Int32, in code: TemplateCode) -> TemplateValue {
        code.names.withUnsafeBufferPointer { lookUp($0[Int(index)]) }
    }

    /// The value a name stands for: its first part is looked for from the innermost section
    /// outwards (only in the innermost for `.name`), the other parts inside what was found.
    /// Notes the lowest level and position read (``lowestLevelRead``).
    mutating func lookUp(_ name: TemplateCode.Name) -> TemplateValue {
        var value: TemplateValue
        if name.path.isEmpty {
            if name.anchored {
                let top = stack[stack.count - 1]
                lowestLevelRead = min(lowestLevelRead, stack.count - 1)
                value = top.items.item(top.index)
            } else {
                // `first()`: the position in the innermost list.
                lowestPositionRead = min(lowestPositionRead, positions.count - 1)
                guard let position = positions.last, let function = name.transforms.last else { return .null }
                value = TemplateTransforms.apply(function, to: position)
                for function in name.transforms.dropLast().reversed() { value = TemplateTransforms.apply(function, to: value) }
                return value
            }
        } else {
            // The whole dotted name is resolved inside the object that has its first part, so
            // the values on the way (`page` of `page.title`) are never made.
            value = .null
            var level = stack.count - 1
            while level >= 0 {
                let context = stack[level]
                if let found = context.items.value(at: name.path, inItem: context.index) {
                    value = found
                    break
                }
                if name.anchored { break }
                level -= 1
            }
            // Found at `level`, or not found above it (-1: in no section).
            lowestLevelRead = min(lowestLevelRead, level)
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
        case .null, .list, .items, .object:
            return
        }
    }
}

extension Array where Element == UInt8 {
    /// The bytes after as much of `prefix` as they start with.
    func droppingPrefix(_ prefix: [UInt8]) -> [UInt8] {
        var count = 0
        while count < self.count, count < prefix.count, self[count] == prefix[count] { count += 1 }
        return count == 0 ? self : Array(self[count...])
    }
}
