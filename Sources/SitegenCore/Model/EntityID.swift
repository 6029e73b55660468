/// The four kinds of page an editor writes, and the scheme of their cross-references.
public enum EntityKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case article
    case actor
    case event
    case note
    /// A standalone page (About, Methodology), `content/pages/ID.md`, written to `ID/`.
    case page

    /// The folder of this kind's files in `content/` and, except for standalone pages (written
    /// at the root), of its pages in the output (`actors` for `actors/ID/index.html`).
    public var folder: String { rawValue + "s" }

    public static func < (lhs: EntityKind, rhs: EntityKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A reference to one page: a kind and an ID, written `actor:minusma` in Markdown and `about` lists.
public struct Ref: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The kind of page.
    public var kind: EntityKind
    /// Its ID.
    public var id: String

    /// Creates a reference.
    public init(_ kind: EntityKind, _ id: String) {
        self.kind = kind
        self.id = id
    }

    /// Parses `actor:minusma`; nil when the scheme is not one of the four kinds.
    public init?(parsing text: String) {
        // Searched over UTF-8: a Character search costs grapheme breaking on every link.
        guard let colon = text.utf8.firstIndex(of: UInt8(ascii: ":")),
              let kind = EntityKind(rawValue: String(text[..<colon])) else { return nil }
        self.init(kind, String(text[text.utf8.index(after: colon)...]))
    }

    /// The page's path in the output, from the site root, as a folder URL (`actors/minusma/`).
    public var outputFolder: String { kind == .page ? "\(id)/" : "\(kind.folder)/\(id)/" }

    public var description: String { "\(kind.rawValue):\(id)" }

    public static func < (lhs: Ref, rhs: Ref) -> Bool {
        (lhs.kind, lhs.id) < (rhs.kind, rhs.id)
    }
}

extension Array where Element == Ref {
    /// The IDs of the references to pages of `kind`, in their order.
    func ids(ofKind kind: EntityKind) -> [String] {
        var ids: [String] = []
        for ref in self where ref.kind == kind { ids.append(ref.id) }
        return ids
    }
}

/// The ID syntax of the contract: `[a-z0-9]+(-[a-z0-9]+)*`, at most 100 characters.
public enum IDSyntax {
    /// Whether `id` is a valid ID.
    public static func isValid(_ id: String) -> Bool {
        guard !id.isEmpty, id.utf8.count <= 100 else { return false }
        var previousWasDash = true
        for byte in id.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                previousWasDash = false
            case UInt8(ascii: "-"):
                if previousWasDash { return false }
                previousWasDash = true
            default:
                return false
            }
        }
        return !previousWasDash
    }

    /// Why `id` is invalid, in words an editor can act on.
    public static func problem(with id: String) -> String {
        if id.isEmpty { return "an ID must not be empty" }
        if id.utf8.count > 100 { return "ID `\(id.prefix(20))…` is longer than 100 characters" }
        return "invalid ID `\(id)`: use lowercase letters a-z, digits and single hyphens between them (like `harbour-board`)"
    }
}
