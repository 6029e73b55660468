import Foundation

/// The functions templates can apply to a value: `{{uppercased(name)}}`, `{{count(list)}}`,
/// and inside a list `{{#first()}}`, `{{^last()}}`, `{{index()}}`.
enum TemplateTransforms {
    /// Every function name, for the parser's check.
    static let names: Set<String> = [
        "first", "last", "index", "even", "odd",
        "uppercased", "lowercased", "capitalized", "reversed", "empty", "count",
        "plusone", "minusone", "equalzero",
    ]

    /// Where an item stands in the list a section is showing.
    struct Position {
        var index: Int
        var count: Int
    }

    /// `name()` on the position of the current list item.
    static func apply(_ name: String, to position: Position) -> TemplateValue {
        switch name {
        case "first": return .bool(position.index == 0)
        case "last": return .bool(position.index == position.count - 1)
        case "index": return .int(position.index)
        case "even": return .bool(position.index % 2 == 0)
        case "odd": return .bool(position.index % 2 == 1)
        default: return .null
        }
    }

    /// `name(value)`; `.null` when the function does not apply to such a value.
    static func apply(_ name: String, to value: TemplateValue) -> TemplateValue {
        switch value {
        case .items(let items):
            return apply(name, to: .list(items.values))
        case .text(let text):
            switch name {
            case "uppercased": return .text(text.uppercased())
            case "lowercased": return .text(text.lowercased())
            case "capitalized": return .text(text.capitalized)
            case "reversed": return .text(String(text.reversed()))
            case "empty": return .bool(text.isEmpty)
            case "count": return .int(text.count)
            default: return .null
            }
        case .list(let items):
            switch name {
            case "first": return items.first ?? .null
            case "last": return items.last ?? .null
            case "reversed": return .list(items.reversed())
            case "count": return .int(items.count)
            case "empty": return .bool(items.isEmpty)
            default: return .null
            }
        case .int(let number):
            switch name {
            case "plusone": return .int(number + 1)
            case "minusone": return .int(number - 1)
            case "equalzero": return .bool(number == 0)
            case "even": return .bool(number % 2 == 0)
            case "odd": return .bool(number % 2 != 0)
            default: return .null
            }
        case .null, .bool, .object:
            return .null
        }
    }
}
