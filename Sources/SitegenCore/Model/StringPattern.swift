/// A text of the theme's words split once at its `{name}` placeholders, so that filling it in
/// (a large site fills a million dates) is a few appends.
///
/// A placeholder is `{` up to the next `}`. One whose name has no value stays as written, and
/// the text after its `{` is read on: in `{a{b}` only `{b}` can be filled.
struct StringPattern: Sendable {
    /// The text as written.
    let text: String
    /// Each `{` that has a `}` after it: where it is, where its `}` is, and the name between.
    private let candidates: [(open: String.Index, close: String.Index, name: String)]

    /// The pattern of `text`.
    init(_ text: String) {
        self.text = text
        var found: [(open: String.Index, close: String.Index, name: String)] = []
        let utf8 = text.utf8
        var closeAfter: String.Index? = nil
        for index in utf8.indices where utf8[index] == UInt8(ascii: "{") {
            if let known = closeAfter, known > index {
                found.append((index, known, String(text[utf8.index(after: index)..<known])))
                continue
            }
            guard let close = utf8[index...].firstIndex(of: UInt8(ascii: "}")) else { break }
            closeAfter = close
            found.append((index, close, String(text[utf8.index(after: index)..<close])))
        }
        candidates = found
    }

    /// The text with each placeholder for which `value(name)` gives a value replaced by it.
    func filled(_ value: (String) -> String?) -> String {
        guard !candidates.isEmpty else { return text }
        var result = ""
        var written = text.startIndex
        for candidate in candidates where candidate.open >= written {
            guard let replacement = value(candidate.name) else { continue }
            result += text[written..<candidate.open]
            result += replacement
            written = text.utf8.index(after: candidate.close)
        }
        guard written > text.startIndex else { return text }
        result += text[written...]
        return result
    }
}
