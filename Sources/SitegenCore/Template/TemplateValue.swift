import Foundation

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

/// One part of a name as a template writes it (`title` of `page.title`), with a code computed
/// from it once, when the template is parsed, so that a look-up compares integers, not texts.
///
/// The code is the 64-bit FNV-1a hash of the name's UTF-8 (in Unicode normal form C when it is
/// not ASCII, so that names equal as Swift strings get the same code).
/// scripts/generate-view-lookups computes the same codes for the fields of the view structs;
/// a matching code is confirmed by comparing the names, so a collision can never pick a field.
struct TemplateKey: Sendable, Hashable {
    /// The name as written.
    let name: String
    /// FNV-1a of the name's UTF-8.
    let code: UInt64

    init(_ name: String) {
        self.name = name
        let normal = name.utf8.allSatisfy { $0 < 0x80 } ? name : name.precomposedStringWithCanonicalMapping
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in normal.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        code = hash
    }
}

/// A value with named fields, which templates read by name.
protocol TemplateObject {
    /// The value of the dotted name `path` (not empty) in this object: nil when its first part is
    /// not a field of the object or is `.null` (the look-up then goes on in the sections
    /// around); otherwise the value the other parts lead to inside that field, `.null` when they
    /// lead nowhere.
    func value(at path: ArraySlice<TemplateKey>) -> TemplateValue?
}

/// A Swift value that templates can use.
protocol TemplateRepresentable {
    /// The value as templates see it.
    var templateValue: TemplateValue { get }

    /// The value at the dotted name `path` inside this one (itself when `path` is empty), without
    /// making the values on the way: nil when this value is `.null`; otherwise what `path` leads
    /// to, `.null` when it leads nowhere.
    func templateValue(at path: ArraySlice<TemplateKey>) -> TemplateValue?
}

extension TemplateRepresentable {
    func templateValue(at path: ArraySlice<TemplateKey>) -> TemplateValue? {
        templateValue.templateValue(at: path)
    }
}

extension String: TemplateRepresentable {
    var templateValue: TemplateValue { .text(self) }
    func templateValue(at path: ArraySlice<TemplateKey>) -> TemplateValue? { path.isEmpty ? .text(self) : .null }
}

extension Bool: TemplateRepresentable {
    var templateValue: TemplateValue { .bool(self) }
    func templateValue(at path: ArraySlice<TemplateKey>) -> TemplateValue? { path.isEmpty ? .bool(self) : .null }
}

extension Int: TemplateRepresentable {
    var templateValue: TemplateValue { .int(self) }
    func templateValue(at path: ArraySlice<TemplateKey>) -> TemplateValue? { path.isEmpty ? .int(self) : .null }
}

extension Optional: TemplateRepresentable where Wrapped: TemplateRepresentable {
    var templateValue: TemplateValue { self?.templateValue ?? .null }
    func templateValue(at path: ArraySlice<TemplateKey>) -> TemplateValue? {
        switch self {
        case .some(let wrapped): return wrapped.templateValue(at: path)
        case .none: return nil
        }
    }
}

extension Array: TemplateRepresentable where Element: TemplateRepresentable {
    var templateValue: TemplateValue { .list(map(\.templateValue)) }
    /// A list has no named fields.
    func templateValue(at path: ArraySlice<TemplateKey>) -> TemplateValue? { path.isEmpty ? templateValue : .null }
}

/// Text fields by name (`{{page.assets.style_css}}`).
extension Dictionary: TemplateObject where Key == String, Value: TemplateRepresentable {
    func value(at path: ArraySlice<TemplateKey>) -> TemplateValue? {
        self[path[path.startIndex].name]?.templateValue(at: path.dropFirst())
    }
}

extension Dictionary: TemplateRepresentable where Key == String, Value: TemplateRepresentable {
    var templateValue: TemplateValue { .object(self) }
    func templateValue(at path: ArraySlice<TemplateKey>) -> TemplateValue? {
        path.isEmpty ? .object(self) : (value(at: path) ?? .null)
    }
}

extension TemplateObject where Self: TemplateRepresentable {
    var templateValue: TemplateValue { .object(self) }
    func templateValue(at path: ArraySlice<TemplateKey>) -> TemplateValue? {
        path.isEmpty ? .object(self) : (value(at: path) ?? .null)
    }
}

extension TemplateValue: TemplateRepresentable {
    var templateValue: TemplateValue { self }
    func templateValue(at path: ArraySlice<TemplateKey>) -> TemplateValue? {
        if path.isEmpty {
            if case .null = self { return nil }
            return self
        }
        switch self {
        case .null: return nil
        case .object(let object): return object.value(at: path) ?? .null
        case .bool, .int, .text, .list: return .null
        }
    }
}
