/// The theme's words as templates see them: `{{t.nav.home}}`, `{{t.facts.differ}}`.
extension StringTable: TemplateRepresentable {
    /// Groups as objects, texts as text, lists as lists of text, plurals as objects of their forms
    /// (`t.home.timeline_link.other`, with its `{count}` not filled in).
    var templateValue: TemplateValue {
        var tree: [String: [(path: [Substring], value: TemplateValue)]] = [:]
        for (key, entry) in entries {
            let parts = key.split(separator: ".")
            let value: TemplateValue
            switch entry {
            case .text(let text): value = .text(text)
            case .list(let items): value = .list(items.map { .text($0) })
            case .plural(let forms):
                value = .object(TemplateTable(Dictionary(uniqueKeysWithValues: forms.map { ($0.key.rawValue, TemplateValue.text($0.value)) })))
            }
            tree[String(parts[0]), default: []].append((Array(parts.dropFirst()), value))
        }
        return .object(TemplateTable(tree.mapValues(Self.node)))
    }

    private static func node(_ items: [(path: [Substring], value: TemplateValue)]) -> TemplateValue {
        if let leaf = items.first(where: { $0.path.isEmpty }) { return leaf.value }
        var children: [String: [(path: [Substring], value: TemplateValue)]] = [:]
        for item in items { children[String(item.path[0]), default: []].append((Array(item.path.dropFirst()), item.value)) }
        return .object(TemplateTable(children.mapValues(node)))
    }
}

/// A page's view with the theme's words beside it, so that `{{t.KEY}}` works in every template,
/// at any depth of sections (unless a value of the page has a field called `t`).
struct PageContext: TemplateObject, TemplateRepresentable {
    /// The page's view.
    var view: TemplateValue
    /// ``StringTable/templateValue`` of the site's table.
    var strings: TemplateValue

    func value(at path: TemplatePath) -> TemplateValue? {
        let key = path[path.startIndex]
        if key.code == Self.stringsKey.code && key.name == "t" { return strings.templateValue(at: path.dropFirst()) }
        if case .object(let object) = view { return object.value(at: path) }
        return nil
    }

    private static let stringsKey = TemplateKey("t")
}
