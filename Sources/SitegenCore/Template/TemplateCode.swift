/// A template laid out for rendering (``TemplateRenderer``): its tree of nodes as one flat list of
/// steps that hold no references, so that walking them retains and releases nothing; the texts,
/// names, partials and blocks the steps stand for sit in tables beside them.
///
/// A class, so that a block's content can be named with the template that wrote it (a child
/// template's block rendered inside its parent) without copying the tables, and so that it can
/// own the keys of its names where they stay (``TemplatePath``). Sendable: nothing in it changes
/// after `init`.
final class TemplateCode: @unchecked Sendable {
    /// One step of rendering.
    enum Step {
        /// The bytes `start..<end` of ``text``.
        case text(start: Int32, end: Int32)
        /// The start of one of the template's own lines (``TemplateNode/lineStart``).
        case lineStart
        /// The value of ``names``[`name`], escaped or as it is.
        case variable(name: Int32, escaped: Bool)
        /// A section over ``names``[`name`]: its content is the steps after this one, up to `end`.
        case section(name: Int32, end: Int32, inverted: Bool)
        /// The partial or parent ``inclusions``[`index`]; the steps after it up to its `end` are
        /// the contents of the blocks a parent tag gives.
        case include(Int32)
        /// The block ``blocks``[`index`] where it is used; its default content is the steps after
        /// this one, up to the end of its `content`.
        case block(Int32)
    }

    /// A `{{> name}}` or `{{< name}}…{{/name}}` tag.
    struct Inclusion: Sendable {
        /// The template it renders.
        let name: String
        /// As ``TemplateNode/partial(name:indentation:position:)``.
        let indentation: [UInt8]?
        /// For a parent tag, the blocks it gives, as indices in ``blocks``; nil for a partial.
        let blocks: [String: Int]?
        /// The step after the tag and the contents of its blocks.
        let end: Int
    }

    /// The content of a `{{$name}}…{{/name}}` block (``TemplateBlock``), where it is used or where
    /// a parent tag gives it.
    struct Block: Sendable {
        let name: String
        /// Its steps.
        let content: Range<Int>
        /// As ``TemplateBlock/indentation``.
        let indentation: [UInt8]
        /// As ``TemplateBlock/standalone``.
        let standalone: Bool
    }

    /// A ``TemplateName`` as a look-up reads it: its path in ``keys``.
    struct Name {
        let path: TemplatePath
        let anchored: Bool
        let transforms: [String]
    }

    /// The template's name in its library: what a kept rendering of its steps (``RenderedFragments``)
    /// is known by, the same in every copy of the library.
    let name: String
    let steps: [Step]
    /// The template's literal text, all of it.
    let text: [UInt8]
    /// The names its variables and sections look up.
    let names: [Name]
    let inclusions: [Inclusion]
    let blocks: [Block]
    /// The parts of all the names, one after another, owned by this layout.
    private let keys: UnsafeMutableBufferPointer<TemplateKey>
    private let keyCount: Int

    /// `template`, called `name`, laid out flat.
    init(_ template: Template, name: String) {
        self.name = name
        var layout = Layout()
        layout.add(template.nodes)
        steps = layout.steps
        text = layout.text
        inclusions = layout.inclusions
        blocks = layout.blocks
        let parts = layout.names.flatMap(\.path)
        keys = .allocate(capacity: Swift.max(parts.count, 1))
        _ = keys.initialize(from: parts)
        keyCount = parts.count
        var start = 0
        var names: [Name] = []
        for name in layout.names {
            names.append(Name(path: TemplatePath(UnsafePointer(keys.baseAddress! + start), count: name.path.count),
                              anchored: name.anchored, transforms: name.transforms))
            start += name.path.count
        }
        self.names = names
    }

    deinit {
        keys.baseAddress!.deinitialize(count: keyCount)
        keys.deallocate()
    }

    /// The tables as they are filled, node by node.
    private struct Layout {
        var steps: [Step] = []
        var text: [UInt8] = []
        var names: [TemplateName] = []
        var inclusions: [Inclusion] = []
        var blocks: [Block] = []

        mutating func add(_ nodes: [TemplateNode]) {
            for node in nodes {
                switch node {
                case .text(let bytes):
                    let start = text.count
                    text += bytes
                    steps.append(.text(start: Int32(start), end: Int32(text.count)))
                case .lineStart:
                    steps.append(.lineStart)
                case .variable(let name, let escaped):
                    steps.append(.variable(name: Int32(names.count), escaped: escaped))
                    names.append(name)
                case .section(let name, let children, let inverted):
                    let nameIndex = Int32(names.count)
                    names.append(name)
                    let at = steps.count
                    steps.append(.lineStart)
                    add(children)
                    steps[at] = .section(name: nameIndex, end: Int32(steps.count), inverted: inverted)
                case .partial(let name, let indentation, _):
                    steps.append(.include(Int32(inclusions.count)))
                    inclusions.append(Inclusion(name: name, indentation: indentation, blocks: nil, end: steps.count))
                case .parent(let name, let indentation, let given, _):
                    let index = inclusions.count
                    steps.append(.include(Int32(index)))
                    inclusions.append(Inclusion(name: name, indentation: indentation, blocks: nil, end: 0))
                    var own: [String: Int] = [:]
                    for blockName in given.keys.sorted() { own[blockName] = add(blockName, given[blockName]!) }
                    inclusions[index] = Inclusion(name: name, indentation: indentation, blocks: own, end: steps.count)
                case .block(let name, let block):
                    let index = blocks.count
                    steps.append(.block(Int32(index)))
                    blocks.append(Block(name: name, content: 0..<0, indentation: [], standalone: false))
                    let start = steps.count
                    add(block.nodes)
                    blocks[index] = Block(name: name, content: start..<steps.count, indentation: block.indentation, standalone: block.standalone)
                }
            }
        }

        /// Lays out the content of the block `name` given by a parent tag; returns its index in `blocks`.
        private mutating func add(_ name: String, _ block: TemplateBlock) -> Int {
            let start = steps.count
            add(block.nodes)
            blocks.append(Block(name: name, content: start..<steps.count, indentation: block.indentation, standalone: block.standalone))
            return blocks.count - 1
        }
    }
}
