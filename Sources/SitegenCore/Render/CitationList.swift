/// The numbered sources of one page: citations are numbered by first appearance, and citing
/// the same article again reuses its number.
final class CitationList {
    private(set) var order: [String] = []
    private var numbers: [String: Int] = [:]
    /// The word before a citation's number for screen readers ("Source 3"), escaped for an attribute.
    private let label: String

    /// A page's list; `label` is the theme's `sources.source` ("Source").
    init(label: String = "Source") {
        self.label = HTMLEscaping.escape(label)
    }

    /// The number of `articleID` on this page, assigning the next one on first use.
    func number(for articleID: String) -> Int {
        if let number = numbers[articleID] { return number }
        order.append(articleID)
        numbers[articleID] = order.count
        return order.count
    }

    /// The superscript HTML for a citation group: `<sup class="cite">[<a href="#source_1">1</a>, …]</sup>`.
    func html(for articleIDs: [String]) -> String {
        let numbers = Set(articleIDs.map { self.number(for: $0) }).sorted()
        let links = numbers.map { number -> String in
            return "<a href=\"#source_\(number)\" aria-label=\"\(label) \(number)\">\(number)</a>"
        }
        return "<sup class=\"cite\">[" + links.joined(separator: ", ") + "]</sup>"
    }
}
