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
    /// A list of Swift values (views): like `list`, but its items are read where they are, so
    /// that a section over them makes no value of each.
    case items(any TemplateList)
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

/// The parts of a dotted name from one of them on, as a look-up passes them down the values on
/// its way (``TemplateObject/value(at:)``): a view of keys that the ``TemplateCode`` the name is
/// in keeps where they are, so that passing or narrowing it retains nothing.
struct TemplatePath {
    private let base: UnsafePointer<TemplateKey>
    /// The position of the first part.
    let startIndex: Int
    /// The position after the last part.
    let endIndex: Int

    /// The `count` keys at `base`, which must stay there while the path is used.
    init(_ base: UnsafePointer<TemplateKey>, count: Int) {
        self.init(base, startIndex: 0, endIndex: count)
    }

    private init(_ base: UnsafePointer<TemplateKey>, startIndex: Int, endIndex: Int) {
        self.base = base
        self.startIndex = startIndex
        self.endIndex = endIndex
    }

    /// Whether no part is left.
    var isEmpty: Bool { startIndex == endIndex }

    /// The part at `index`, from `startIndex` up to `endIndex`.
    subscript(index: Int) -> TemplateKey {
        precondition(index >= startIndex && index < endIndex, "a template path is read within its parts")
        return base[index]
    }

    /// The parts after the first.
    func dropFirst() -> TemplatePath {
        TemplatePath(base, startIndex: Swift.min(startIndex + 1, endIndex), endIndex: endIndex)
    }
}

/// A value with named fields, which templates read by name.
protocol TemplateObject {
    /// The value of the dotted name `path` (not empty) in this object: nil when its first part is
    /// not a field of the object or is `.null` (the look-up then goes on in the sections
    /// around); otherwise the value the other parts lead to inside that field, `.null` when they
    /// lead nowhere.
    func value(at path: TemplatePath) -> TemplateValue?

    /// Calls `body` with this object where it is, as a list of one item, for a section to read
    /// in place (a default is given for objects that are ``TemplateRepresentable``).
    func withTemplateItem(_ body: (TemplateItems) -> Void)
}

/// A list whose items a section reads in place (``TemplateValue/items(_:)``).
protocol TemplateList {
    /// How many items.
    var count: Int { get }
    /// Calls `body` with the items where they are stored; they stay there while it runs.
    func withItems(_ body: (TemplateItems) -> Void)
}

extension TemplateList {
    /// The items as values.
    var values: [TemplateValue] {
        var values: [TemplateValue] = []
        withItems { items in values = (0..<items.count).map(items.item) }
        return values
    }
}

/// The items of a list where they are stored, so that a section over them reads each item's
/// fields in place, with no copy of the item and no retain of the list: valid only inside
/// ``TemplateList/withItems(_:)``.
struct TemplateItems {
    /// Where the first item is.
    let base: UnsafeRawPointer
    /// How many items.
    let count: Int
    /// The items' type, whose static functions read them.
    let type: any TemplateRepresentable.Type

    /// Item `index` as a value (for `{{.}}` and functions).
    func item(_ index: Int) -> TemplateValue { type.templateValue(ofItemAt: base, index) }

    /// `path` (not empty) looked up in item `index` as the context of a section: see
    /// ``TemplateRepresentable/fieldValue(at:)``.
    func value(at path: TemplatePath, inItem index: Int) -> TemplateValue? {
        type.fieldValue(at: path, inItemAt: base, index)
    }

    /// Where the renderings of item `index` are kept, if its type keeps them.
    func renderedFragments(_ index: Int) -> RenderedFragments? {
        type.renderedFragments(ofItemAt: base, index)
    }
}

/// A Swift value that templates can use.
protocol TemplateRepresentable {
    /// The value as templates see it.
    var templateValue: TemplateValue { get }

    /// `path` (not empty) looked up in this value as the context of a section: nil unless it is
    /// an object whose field named by the first part is not `.null`; otherwise as
    /// ``TemplateObject/value(at:)``.
    func fieldValue(at path: TemplatePath) -> TemplateValue?

    /// The value at the dotted name `path` inside this one (itself when `path` is empty), without
    /// making the values on the way: nil when this value is `.null`; otherwise what `path` leads
    /// to, `.null` when it leads nowhere.
    func templateValue(at path: TemplatePath) -> TemplateValue?

    /// ``fieldValue(at:)`` of item `index` of the values of this type starting at `base`, read
    /// where the item is: a requirement of the type, so that each view type has its own compiled
    /// copy, which reads the view without copying it (generic code would copy the whole view first).
    static func fieldValue(at path: TemplatePath, inItemAt base: UnsafeRawPointer, _ index: Int) -> TemplateValue?

    /// ``templateValue`` of item `index` of the values of this type starting at `base`.
    static func templateValue(ofItemAt base: UnsafeRawPointer, _ index: Int) -> TemplateValue

    /// Where the renderings of item `index` of the values of this type starting at `base` are
    /// kept (``RenderedFragments``): nil, unless the type has such a store and the item one.
    static func renderedFragments(ofItemAt base: UnsafeRawPointer, _ index: Int) -> RenderedFragments?
}

extension TemplateRepresentable {
    func templateValue(at path: TemplatePath) -> TemplateValue? {
        templateValue.templateValue(at: path)
    }

    func fieldValue(at path: TemplatePath) -> TemplateValue? {
        templateValue.fieldValue(at: path)
    }

    static func fieldValue(at path: TemplatePath, inItemAt base: UnsafeRawPointer, _ index: Int) -> TemplateValue? {
        base.assumingMemoryBound(to: Self.self)[index].fieldValue(at: path)
    }

    static func templateValue(ofItemAt base: UnsafeRawPointer, _ index: Int) -> TemplateValue {
        base.assumingMemoryBound(to: Self.self)[index].templateValue
    }

    static func renderedFragments(ofItemAt base: UnsafeRawPointer, _ index: Int) -> RenderedFragments? { nil }
}

extension String: TemplateRepresentable {
    var templateValue: TemplateValue { .text(self) }
    func templateValue(at path: TemplatePath) -> TemplateValue? { path.isEmpty ? .text(self) : .null }
    func fieldValue(at path: TemplatePath) -> TemplateValue? { nil }
}

extension Bool: TemplateRepresentable {
    var templateValue: TemplateValue { .bool(self) }
    func templateValue(at path: TemplatePath) -> TemplateValue? { path.isEmpty ? .bool(self) : .null }
    func fieldValue(at path: TemplatePath) -> TemplateValue? { nil }
}

extension Int: TemplateRepresentable {
    var templateValue: TemplateValue { .int(self) }
    func templateValue(at path: TemplatePath) -> TemplateValue? { path.isEmpty ? .int(self) : .null }
    func fieldValue(at path: TemplatePath) -> TemplateValue? { nil }
}

extension Optional: TemplateRepresentable where Wrapped: TemplateRepresentable {
    var templateValue: TemplateValue { self?.templateValue ?? .null }
    func templateValue(at path: TemplatePath) -> TemplateValue? {
        switch self {
        case .some(let wrapped): return wrapped.templateValue(at: path)
        case .none: return nil
        }
    }
    func fieldValue(at path: TemplatePath) -> TemplateValue? {
        switch self {
        case .some(let wrapped): return wrapped.fieldValue(at: path)
        case .none: return nil
        }
    }
}

extension Array: TemplateRepresentable where Element: TemplateRepresentable {
    var templateValue: TemplateValue { .items(self) }
    /// A list has no named fields.
    func templateValue(at path: TemplatePath) -> TemplateValue? { path.isEmpty ? .items(self) : .null }
    func fieldValue(at path: TemplatePath) -> TemplateValue? { nil }
}

extension Array: TemplateList where Element: TemplateRepresentable {
    func withItems(_ body: (TemplateItems) -> Void) {
        withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            body(TemplateItems(base: UnsafeRawPointer(base), count: buffer.count, type: Element.self))
        }
    }
}

/// Text fields by name (`{{page.assets.style_css}}`).
extension Dictionary: TemplateObject where Key == String, Value: TemplateRepresentable {
    func value(at path: TemplatePath) -> TemplateValue? {
        self[path[path.startIndex].name]?.templateValue(at: path.dropFirst())
    }
}

extension Dictionary: TemplateRepresentable where Key == String, Value: TemplateRepresentable {
    var templateValue: TemplateValue { .object(self) }
    func templateValue(at path: TemplatePath) -> TemplateValue? {
        path.isEmpty ? .object(self) : (value(at: path) ?? .null)
    }
    func fieldValue(at path: TemplatePath) -> TemplateValue? { value(at: path) }
}

extension TemplateObject where Self: TemplateRepresentable {
    func withTemplateItem(_ body: (TemplateItems) -> Void) {
        withUnsafePointer(to: self) { body(TemplateItems(base: UnsafeRawPointer($0), count: 1, type: Self.self)) }
    }

    static func fieldValue(at path: TemplatePath, inItemAt base: UnsafeRawPointer, _ index: Int) -> TemplateValue? {
        base.assumingMemoryBound(to: Self.self)[index].value(at: path)
    }

    var templateValue: TemplateValue { .object(self) }
    func templateValue(at path: TemplatePath) -> TemplateValue? {
        path.isEmpty ? .object(self) : (value(at: path) ?? .null)
    }
    func fieldValue(at path: TemplatePath) -> TemplateValue? { value(at: path) }
}

extension TemplateValue {
    /// Calls `body` with this value where it is, as a list of one item: an object's fields are
    /// then read in place, through its own type.
    func withTemplateItem(_ body: (TemplateItems) -> Void) {
        if case .object(let object) = self {
            object.withTemplateItem(body)
        } else {
            withUnsafePointer(to: self) { body(TemplateItems(base: UnsafeRawPointer($0), count: 1, type: TemplateValue.self)) }
        }
    }
}

extension TemplateValue: TemplateRepresentable {
    var templateValue: TemplateValue { self }
    func templateValue(at path: TemplatePath) -> TemplateValue? {
        if path.isEmpty {
            if case .null = self { return nil }
            return self
        }
        switch self {
        case .null: return nil
        case .object(let object): return object.value(at: path) ?? .null
        case .bool, .int, .text, .list, .items: return .null
        }
    }
    func fieldValue(at path: TemplatePath) -> TemplateValue? {
        if case .object(let object) = self { return object.value(at: path) }
        return nil
    }
}
