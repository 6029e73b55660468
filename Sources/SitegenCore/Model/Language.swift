/// What sitegen knows of a language from its BCP 47 tag (`fr`, `fr-CA`, `ar`, `az-Arab`): how it
/// chooses plural forms and which way it is written.
public struct Language: Sendable, Hashable {
    /// The tag as the site wrote it.
    public var tag: String
    /// The language subtag, lowercased: `fr` for `fr-CA`.
    public var primary: String
    /// The script subtag, when given: `Arab` for `az-Arab`.
    public var script: String?

    /// Reads a tag; `_` is taken as `-` (`fr_CA`).
    public init(_ tag: String) {
        self.tag = tag
        let parts = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).map(String.init)
        primary = (parts.first ?? "").lowercased()
        script = parts.dropFirst().first { $0.count == 4 && $0.allSatisfy(\.isLetter) }.map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }
    }

    /// Scripts written from right to left.
    private static let rightToLeftScripts: Set<String> = ["Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg", "Mand", "Samr"]
    /// Languages whose usual script is written from right to left.
    private static let rightToLeftLanguages: Set<String> = ["ar", "he", "iw", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug", "syr", "arc", "nqo"]

    /// Whether pages in this language are written from right to left (`dir="rtl"`): by the
    /// script subtag when there is one (`az-Arab`, but not `ku-Latn`), else by the language.
    public var isRightToLeft: Bool {
        if let script { return Self.rightToLeftScripts.contains(script) }
        return Self.rightToLeftLanguages.contains(primary)
    }

    /// `rtl` or `ltr`, for the `dir` attribute.
    public var direction: String { isRightToLeft ? "rtl" : "ltr" }

    /// The tags whose strings a page in this language may use, most specific first, ending in
    /// English: `fr-CA` → `fr-CA`, `fr`, `en`.
    public var fallbacks: [String] {
        var tags = [tag]
        if primary != tag { tags.append(primary) }
        if primary != "en" { tags.append("en") }
        return tags
    }

    /// The plural category of a whole number, by the rules of the Unicode CLDR for this language.
    ///
    /// Rules are known for English and the languages that count like it (the default), French and
    /// Portuguese (0 and 1 are `one`), Arabic, Hebrew, Russian, Ukrainian, Belarusian, Polish, and
    /// the languages without plural forms (Chinese, Japanese, Korean, Vietnamese, Thai,
    /// Indonesian, Malay).
    public func pluralCategory(of count: Int) -> PluralCategory {
        let n = abs(count)
        let mod10 = n % 10, mod100 = n % 100
        switch primary {
        case "fr", "pt", "hy", "ff", "kab":
            return n <= 1 ? .one : .other
        case "ar":
            switch n {
            case 0: return .zero
            case 1: return .one
            case 2: return .two
            default: return (3...10).contains(mod100) ? .few : (11...99).contains(mod100) ? .many : .other
            }
        case "he", "iw":
            return n == 1 ? .one : n == 2 ? .two : .other
        case "ru", "uk", "be":
            if mod10 == 1 && mod100 != 11 { return .one }
            if (2...4).contains(mod10) && !(12...14).contains(mod100) { return .few }
            return .many
        case "pl":
            if n == 1 { return .one }
            if (2...4).contains(mod10) && !(12...14).contains(mod100) { return .few }
            return .many
        case "zh", "ja", "ko", "vi", "th", "id", "ms", "lo", "km", "my":
            return .other
        default:
            return n == 1 ? .one : .other
        }
    }
}

/// A plural category of the Unicode CLDR: which form of a word a number takes.
public enum PluralCategory: String, Sendable, Hashable, CaseIterable, Comparable {
    case zero, one, two, few, many, other

    public static func < (lhs: PluralCategory, rhs: PluralCategory) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
