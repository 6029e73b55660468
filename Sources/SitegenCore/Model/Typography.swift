/// Spacing rules of a language that a table of strings follows without its translators having
/// to type invisible characters.
enum Typography {
    /// French: the space before `:` and inside « » becomes a no-break space (U+00A0), the space
    /// before `;` `?` `!` a narrow no-break space (U+202F), so that the mark never starts a line.
    /// Other languages are returned unchanged.
    static func apply(_ text: String, language: Language) -> String {
        guard language.primary == "fr", text.contains(" ") else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            guard scalar == " " else {
                result.unicodeScalars.append(scalar)
                continue
            }
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            let previous = index > 0 ? scalars[index - 1] : nil
            switch (previous, next) {
            case (_, ":"), (_, "»"), ("«", _):
                result.unicodeScalars.append("\u{A0}")
            case (_, ";"), (_, "?"), (_, "!"):
                result.unicodeScalars.append("\u{202F}")
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
