/// A parsed Mustache template: text and tags as a tree, ready to render many times.
///
/// Parsing happens once per template (``TemplateParser``); rendering walks the tree with typed
/// values (``TemplateValue``), with no reflection and no dynamic casts.
public struct Template: Sendable {
    /// The template's contents.
    var nodes: [TemplateNode]
}

/// Where a tag is written in its template: 1-based line and column (in characters).
public struct TemplatePosition: Sendable, Hashable {
    /// The line, from 1.
    public var line: Int
    /// The column, from 1, counted in Unicode scalars.
    public var column: Int
}

/// A name as a tag writes it: `title`, `page.site.title`, `.detail`, `.`, or with functions
/// around it, `uppercased(title)` or `first()`.
struct TemplateName: Sendable, Hashable {
    /// The dotted parts; empty for `.` (the current value) and for `first()` (the list position).
    var path: [String]
    /// A leading dot (`.detail`): look only in the current value, not in the sections around.
    var anchored: Bool
    /// Functions to apply, outermost first (`uppercased(first(x))` → `["uppercased", "first"]`).
    var transforms: [String]
}

/// One piece of a template.
indirect enum TemplateNode: Sendable {
    /// Literal text, as UTF-8 bytes.
    case text([UInt8])
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}` (as it is).
    case variable(TemplateName, escaped: Bool)
    /// `{{#name}}…{{/name}}`, or `{{^name}}…{{/name}}` when inverted.
    case section(TemplateName, [TemplateNode], inverted: Bool)
    /// `{{> name}}`; a partial alone on its line is indented like its tag.
    case partial(name: String, indentation: String, position: TemplatePosition)
    /// `{{< name}}…{{/name}}`: the template `name`, with these blocks replaced.
    case parent(name: String, indentation: String, blocks: [String: [TemplateNode]], position: TemplatePosition)
    /// `{{$name}}…{{/name}}`: a block a child template may replace; its content is the default.
    case block(name: String, [TemplateNode])
}

extension Template {
    /// Every partial and parent template this one names, with where it is named.
    var references: [(name: String, position: TemplatePosition)] {
        var found: [(name: String, position: TemplatePosition)] = []
        func visit(_ nodes: [TemplateNode]) {
            for node in nodes {
                switch node {
                case .text, .variable: break
                case .section(_, let children, _), .block(_, let children): visit(children)
                case .partial(let name, _, let position): found.append((name, position))
                case .parent(let name, _, let blocks, let position):
                    found.append((name, position))
                    for key in blocks.keys.sorted() { visit(blocks[key]!) }
                }
            }
        }
        visit(nodes)
        return found
    }
}
