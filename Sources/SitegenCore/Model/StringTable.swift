/// The words of the theme in the site's language: labels, headings, month names, sentences.
///
/// Templates read them as `{{t.KEY}}`; sitegen uses the same table for the words it puts into
/// values (dates, actor kinds, relation labels, page titles). Built by ``StringsLoader`` from the
/// theme's tables (`templates/strings/LANG.yaml`) and the site's `content/strings.yaml`.
public struct StringTable: Sendable {
    /// One string.
    public enum Entry: Sendable, Hashable {
        /// A text, perhaps with `{name}` placeholders.
        case text(String)
        /// The forms of a text for each plural category the language uses; `other` is always there.
        case plural([PluralCategory: String])
        /// Several texts (the month names).
        case list([String])
    }

    /// The language the table is for.
    public var language: Language
    /// Entries by dotted key: `nav.home`, `kinds.person.label`.
    public var entries: [String: Entry] {
        didSet { patterns = Self.patterns(of: entries) }
    }
    /// The `.text` entries split at their placeholders once, since a large site fills them
    /// millions of times (every date on every page).
    private var patterns: [String: StringPattern]

    /// Creates a table.
    public init(language: Language, entries: [String: Entry]) {
        self.language = language
        self.entries = entries
        patterns = Self.patterns(of: entries)
    }

    private static func patterns(of entries: [String: Entry]) -> [String: StringPattern] {
        entries.compactMapValues { entry in
            guard case .text(let text) = entry else { return nil }
            return StringPattern(text)
        }
    }

    /// The text of `key` with its `{name}` placeholders filled from `values`; empty when the
    /// table has no such text (the loader makes sure it has every key of the theme).
    public func text(_ key: String, _ values: [String: String] = [:]) -> String {
        guard let pattern = patterns[key] else { return "" }
        return values.isEmpty ? pattern.text : pattern.filled { values[$0] }
    }

    /// The text of `key` with each placeholder `{name}` for which `value(name)` gives a value
    /// filled in: the same as ``text(_:_:)`` without building a dictionary per call.
    func text(_ key: String, filling value: (String) -> String?) -> String {
        patterns[key]?.filled(value) ?? ""
    }

    /// The form of `key` for `count` by the language's plural rules, with `{count}` and the
    /// other placeholders filled in.
    public func plural(_ key: String, count: Int, _ values: [String: String] = [:]) -> String {
        let written = number(count)
        guard case .plural(let forms)? = entries[key] else { return text(key) { $0 == "count" ? written : values[$0] } }
        let form = forms[language.pluralCategory(of: count)] ?? forms[.other] ?? ""
        return StringPattern(form).filled { $0 == "count" ? written : values[$0] }
    }

    /// A whole number with its digits grouped by three (`numbers.thousands_separator`): "10,000", "10 000".
    public func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        guard digits.count > 3 else { return value < 0 ? "-" + digits : digits }
        let separator = text("numbers.thousands_separator")
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (value < 0 ? "-" : "") + groups.joined(separator: separator)
    }

    /// The texts of a list entry; empty when there is none.
    public func list(_ key: String) -> [String] {
        guard case .list(let items)? = entries[key] else { return [] }
        return items
    }

    /// Names joined as a reader expects: "A, B or C" (`list.separator`, then `lastKey` before the last).
    public func joined(_ items: [String], last lastKey: String = "list.last_or") -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: text("list.separator")) + text(lastKey) + items.last!
    }

    /// The `{name}` placeholders of a text, in order.
    static func placeholders(in text: String) -> [String] {
        var names: [String] = []
        var rest = text[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = rest[rest.index(after: open)..<close]
            if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0 == "_" }) { names.append(String(name)) }
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
