/// The diagnostics a run prints, as compilers cap a flood of one warning: every error, every
/// warning that differs from the others, but of a warning repeated word for word only the first
/// ``defaultRepeatLimit``; the others are counted in one line. The summary ("181,563 warnings")
/// still counts every one.
///
/// A generated or imported site can hold one warning at every paragraph (no paragraph cites a
/// source): printing the first few shows what is wrong, and the count says how much.
public struct ShownDiagnostics: Sendable {
    /// The diagnostics to print, in the order given.
    public var shown: [Diagnostic]
    /// The warnings not shown: the message and how many, in the order they first appear.
    public var hidden: [(message: String, count: Int)]

    /// How many copies of one warning are printed by default.
    public static let defaultRepeatLimit = 20

    /// Selects what to print from `diagnostics`; a `repeatLimit` of nil prints everything.
    public init(_ diagnostics: [Diagnostic], repeatLimit: Int? = defaultRepeatLimit) {
        guard let repeatLimit else {
            shown = diagnostics
            hidden = []
            return
        }
        // Each message's count, by its place in `counts`. A run of one warning (a site's 181,000
        // uncited paragraphs) is counted without hashing its message each time: the last message's
        // place is kept, and a message is compared with it first.
        var places: [String: Int] = [:]
        var counts: [Int] = []
        var order: [(message: String, place: Int)] = []
        var last: (message: String, place: Int)?
        shown = diagnostics.filter { diagnostic in
            guard diagnostic.severity == .warning else { return true }
            let message = diagnostic.fullMessage
            let place: Int
            if let last, last.message == message {
                place = last.place
            } else if let known = places[message] {
                place = known
            } else {
                place = counts.count
                places[message] = place
                counts.append(0)
            }
            last = (message, place)
            counts[place] += 1
            if counts[place] == repeatLimit + 1 { order.append((message, place)) }
            return counts[place] <= repeatLimit
        }
        hidden = order.map { ($0.message, counts[$0.place] - repeatLimit) }
    }

    /// One line per warning not shown in full: "note: 181,543 more warnings “this paragraph
    /// cites no source” not shown (`hint`)".
    public func notes(hint: String) -> [String] {
        hidden.map { message, count in
            // The message up to its first explanation: "this paragraph cites no source".
            let short = message.split(whereSeparator: { $0 == ":" || $0 == ";" }).first.map(String.init) ?? message
            return "note: \(Self.grouped(count)) more \(count == 1 ? "warning" : "warnings") “\(short)” not shown (\(hint))"
        }
    }

    /// 181563 → "181,563".
    static func grouped(_ count: Int) -> String {
        let digits = Array(String(count))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }
}
