/// A parsed Mustache template: text and tags as a tree, ready to render many times.
///
/// Parsing happens once per template (``TemplateParser``); rendering walks the tree with typed
/// values (``TemplateValue``), with no reflection and no dynamic casts.
struct Template: Sendable {
    /// The template's contents.
    var nodes: [TemplateNode]
}

/// Where a tag is written in its template: 1-based line and column (in characters).
struct TemplatePosition: Sendable, Hashable {
    /// The line, from 1.
    var line: Int
    /// The column, from 1, counted in Unicode scalars.
    var column: Int
}

/// A name as a tag writes it: `title`, `page.site.title`, `.detail`, `.`, or with functions
/// around it, `uppercased(title)` or `first()`.
struct TemplateName: Sendable, Hashable {
    /// The dotted parts; empty for `.` (the current value) and for `first()` (the list position).
    var path: [TemplateKey]
    /// A leading dot (`.detail`): look only in the current value, not in the sections around.
    var anchored: Bool
    /// Functions to apply, outermost first (`uppercased(first(x))` → `["uppercased", "first"]`).
    var transforms: [String]
}

/// One piece of a template.
enum TemplateNode: Sendable {
    /// Literal text, as UTF-8 bytes.
    case text([UInt8])
    /// The start of one of the template's own lines (not of a line inside a value): where the
    /// indentation of a standalone partial, parent or block is written.
    case lineStart
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}` (as it is).
    case variable(TemplateName, escaped: Bool)
    /// `{{#name}}…{{/name}}`, or `{{^name}}…{{/name}}` when inverted.
    case section(TemplateName, [TemplateNode], inverted: Bool)
    /// `{{> name}}`; `indentation` is the spaces before it when it stands alone on its line
    /// (each line of the partial gets them), nil when it is inside a line.
    case partial(name: String, indentation: [UInt8]?, position: TemplatePosition)
    /// `{{< name}}…{{/name}}`: the template `name`, with these blocks replaced; `indentation`
    /// as for a partial.
    case parent(name: String, indentation: [UInt8]?, blocks: [String: TemplateBlock], position: TemplatePosition)
    /// `{{$name}}…{{/name}}`: a block a child template may replace; its content is the default.
    case block(name: String, TemplateBlock)
}

/// The content of a `{{$name}}…{{/name}}` block, where it is used (the default) or where a child
/// template gives its own (an override), with what its lines are indented by.
///
/// Content moves from where it is written to where the block is used: its own indentation is
/// taken off each of its lines and the indentation of the place of use is put on instead.
struct TemplateBlock: Sendable {
    var nodes: [TemplateNode]
    /// The indentation of the block's lines: when its opening tag stands alone on its line, the
    /// spaces starting the line after it (or the tag's own when the block is empty); otherwise
    /// the spaces before the tag, when nothing else is before it on its line.
    var indentation: [UInt8]
    /// Whether the opening tag stood alone on its line (so the content starts on a line of its own).
    var standalone: Bool
}

extension Template {
    /// Every partial and parent template this one names, with where it is named.
    var references: [(name: String, position: TemplatePosition)] {
        var found: [(name: String, position: TemplatePosition)] = []
        func visit(_ nodes: [TemplateNode]) {
            for node in nodes {
                switch node {
                case .text, .lineStart, .variable: break
                case .section(_, let children, _): visit(children)
                case .block(_, let block): visit(block.nodes)
                case .partial(let name, _, let position): found.append((name, position))
                case .parent(let name, _, let blocks, let position):
                    found.append((name, position))
                    for key in blocks.keys.sorted() { visit(blocks[key]!.nodes) }
                }
            }
        }
        visit(nodes)
        return found
    }
}
