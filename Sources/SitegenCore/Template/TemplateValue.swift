/// A value a template can show, test or iterate: what `{{name}}`, `{{#name}}` and `{{^name}}`
/// find when they look `name` up.
enum TemplateValue {
    /// Nothing: the name is not there, so the look-up goes on in the enclosing sections.
    case null
    /// A yes/no value: a section shows its content once when true.
    case bool(Bool)
    /// A number, shown in decimal.
    case int(Int)
    /// A text, HTML-escaped by `{{name}}` and written as it is by `{{{name}}}`.
    case text(String)
    /// A list: a section shows its content once per item; an empty list counts as false.
    case list([TemplateValue])
    /// A value with named fields, found with `{{name.field}}` or inside `{{#name}}`.
    case object(any TemplateObject)
}

/// A value with named fields, which templates read by name.
protocol TemplateObject {
    /// The field called `key`, or `.null` when there is none (the look-up then goes on in the
    /// sections around).
    func value(forKey key: String) -> TemplateValue
}

/// A Swift value that templates can use.
protocol TemplateRepresentable {
    /// The value as templates see it.
    var templateValue: TemplateValue { get }
}

extension String: TemplateRepresentable {
    var templateValue: TemplateValue { .text(self) }
}

extension Bool: TemplateRepresentable {
    var templateValue: TemplateValue { .bool(self) }
}

extension Int: TemplateRepresentable {
    var templateValue: TemplateValue { .int(self) }
}

extension Optional: TemplateRepresentable where Wrapped: TemplateRepresentable {
    var templateValue: TemplateValue { self?.templateValue ?? .null }
}

extension Array: TemplateRepresentable where Element: TemplateRepresentable {
    var templateValue: TemplateValue { .list(map(\.templateValue)) }
}

/// Text fields by name (`{{page.assets.style_css}}`).
extension Dictionary: TemplateObject where Key == String, Value: TemplateRepresentable {
    func value(forKey key: String) -> TemplateValue { self[key]?.templateValue ?? .null }
}

extension Dictionary: TemplateRepresentable where Key == String, Value: TemplateRepresentable {
    var templateValue: TemplateValue { .object(self) }
}

extension TemplateObject where Self: TemplateRepresentable {
    var templateValue: TemplateValue { .object(self) }
}

extension TemplateValue: TemplateRepresentable {
    var templateValue: TemplateValue { self }
}
