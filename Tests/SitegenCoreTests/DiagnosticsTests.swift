import Foundation
import Testing
@testable import SitegenCore

private func at(_ path: String, _ line: Int, _ column: Int) -> SitegenCore.SourceLocation {
    SitegenCore.SourceLocation(path: path, line: line, column: column)
}

@Suite("Diagnostics: how problems are reported")
struct DiagnosticsTests {
    @Test("a diagnostic reads path:line:column: severity: message; did you mean")
    func description() {
        let error = Diagnostic.error(at("content/events/main.yaml", 12, 7), "unknown actor `minsuma`", suggestion: "minusma")
        #expect(error.description == "content/events/main.yaml:12:7: error: unknown actor `minsuma`; did you mean `minusma`?")
        let warning = Diagnostic.warning(at("content/README.md", 1, 1), "ignored")
        #expect(warning.description == "content/README.md:1:1: warning: ignored")
    }

    @Test("diagnostics are sorted by path, line and column, errors first at one place, duplicates once")
    func sorting() {
        let list: [Diagnostic] = [
            .warning(at("content/notes/b.md", 2, 1), "w"),
            .error(at("content/notes/b.md", 2, 1), "e"),
            .error(at("content/actors/z.md", 9, 9), "z"),
            .error(at("content/notes/b.md", 1, 30), "early"),
            .error(at("content/notes/b.md", 1, 4), "earlier"),
            .error(at("content/actors/z.md", 9, 9), "z"),
        ]
        let sorted = list.sortedForDisplay()
        #expect(sorted.map(\.message) == ["z", "earlier", "early", "e", "w"])
        #expect(sorted.containsErrors)
        #expect(![Diagnostic.warning(at("a", 1, 1), "w")].containsErrors)
    }

    @Test("sorting in place keeps each of many repeated problems once, in reading order, as the sorted copy does")
    func sortingInPlace() {
        // 600 problems at 20 places, each repeated, with two messages and both severities at some places.
        var generator = SystemRandomNumberGenerator()
        var list: [Diagnostic] = []
        for index in 0..<600 {
            let place = at("content/notes/\(index % 5).md", index % 4 + 1, 1)
            list.append(index % 7 == 0 ? .error(place, "e\(index % 2)") : .warning(place, "w\(index % 3)"))
        }
        list.shuffle(using: &generator)
        var inPlace = list
        inPlace.sortForDisplay()
        #expect(inPlace == list.sortedForDisplay())
        #expect(Set(inPlace).count == inPlace.count)
        #expect(Set(inPlace) == Set(list))
        #expect(inPlace.count < 100)
        for (first, second) in zip(inPlace, inPlace.dropFirst()) {
            #expect(first.location < second.location || (first.location == second.location
                && (first.severity > second.severity || (first.severity == second.severity && first.message < second.message))))
        }
    }

    @Test("line and column are at least 1")
    func clamped() {
        let location = at("x", 0, -3)
        #expect(location.line == 1 && location.column == 1)
    }

    @Test("did-you-mean finds close IDs and keys, and nothing for unrelated words", arguments: [
        ("minsuma", ["minusma", "mali", "ecowas"], "minusma"),
        ("tittle", ["title", "outlet", "published"], "title"),
        ("member", ["member-of", "part-of", "leads"], "member-of"),
        ("g5", ["g5-sahel", "mali"], nil),
        ("zzzzzz", ["minusma", "mali"], nil),
    ] as [(String, [String], String?)])
    func suggestions(value: String, candidates: [String], expected: String?) {
        #expect(Suggestions.closest(to: value, in: candidates) == expected)
    }

    @Test("the formatter quotes the offending line with a caret under the column")
    func formatterCaret() throws {
        let site = try TestSite("""
            -- content/notes/a.md --
            ---
            title: A
            ---
            See café [Mali](actor:mail).
            """)
        let diagnostic = Diagnostic.error(at("content/notes/a.md", 4, 10), "unknown actor `mail`", suggestion: "mali")
        let text = DiagnosticFormatter(root: site.root).format(diagnostic)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 3)
        #expect(lines[0] == "content/notes/a.md:4:10: error: unknown actor `mail`; did you mean `mali`?")
        #expect(lines[1] == "See café [Mali](actor:mail).")
        #expect(lines[2] == "         ^")
    }

    @Test("the formatter shows a window of a long line, with the caret still under the column")
    func formatterLongLine() throws {
        let long = String(repeating: "word ", count: 60) + "[Mali](actor:mail)" + String(repeating: " more", count: 40)
        let site = try TestSite("-- content/notes/a.md --\n---\ntitle: A\n---\n\(long)\n")
        let column = 301
        let text = DiagnosticFormatter(root: site.root).format(.error(at("content/notes/a.md", 4, column), "unknown"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 3)
        let caretColumn = try #require(lines[2].firstIndex(of: "^")).utf16Offset(in: lines[2])
        let shown = Array(lines[1].unicodeScalars)
        #expect(shown.count <= 102)
        #expect(String(String.UnicodeScalarView(shown[caretColumn...])).hasPrefix("[Mali](actor:mail)"))
    }

    @Test("colour is added only when asked for")
    func colour() {
        let diagnostic = Diagnostic.error(at("(built-in theme)", 1, 1), "x")
        #expect(!DiagnosticFormatter(root: URL(fileURLWithPath: "/"), useColor: false).format(diagnostic).contains("\u{1B}"))
        #expect(DiagnosticFormatter(root: URL(fileURLWithPath: "/"), useColor: true).format(diagnostic).contains("\u{1B}[1;31m"))
    }
}
