import Foundation
import Testing
@testable import SitegenCore

/// One YAML mistake: a file, the place its error must be reported, and words the message must hold.
struct YAMLMistake: CustomTestStringConvertible, Sendable {
    var kind: String
    var path: String
    var text: String
    var line: Int
    var column: Int
    var words: String

    var testDescription: String { "\(kind) in \(path)" }
}

/// The site around a mistake: an article for events to cite, actors for notes to name.
private func site(with mistake: YAMLMistake) -> String {
    """
    -- content/articles/wire.md --
    ---
    title: Wire
    outlet: The Wire
    published: 2023-06-30
    ---
    Text.
    -- \(mistake.path) --
    \(mistake.text)
    """
}

@Suite("YAML: errors where the editor must act, and no YAML that stalls a build")
struct YAMLErrorTests {
    static let frontMatterMistakes: [YAMLMistake] = [
        YAMLMistake(kind: "bad indentation", path: "content/actors/a.md", text: """
            ---
            name: A
            kind: person
            relations:
              - type: leads
                target: b
               since: 2020
            ---
            Profile.
            """, line: 7, column: 4, words: "indented by 3 spaces, which lines it up with no key above it: keys of one entry line up exactly; indent it by 4 like `target` on line 6"),
        YAMLMistake(kind: "a tab", path: "content/notes/n.md", text: "---\ntitle: N\nsummary: S\n\tdraft: true\n---\nText.", line: 4, column: 1,
                    words: "YAML does not allow tabs for indentation: indent with spaces"),
        YAMLMistake(kind: "an unclosed quote", path: "content/notes/n.md", text: "---\ntitle: \"N\nsummary: S\n---\nText.", line: 2, column: 8,
                    words: "this quoted value has no closing quote"),
        YAMLMistake(kind: "an unclosed bracket", path: "content/notes/n.md", text: "---\ntitle: N\nabout: [event:a, event:b\norder: 1\n---\nText.", line: 3, column: 8,
                    words: "this `[` is not closed on its line: end the list with `]`"),
        YAMLMistake(kind: "a duplicate key", path: "content/notes/n.md", text: "---\ntitle: N\nsummary: S\ntitle: M\n---\nText.", line: 4, column: 1,
                    words: "duplicate key `title`: it is already set on line 2"),
        YAMLMistake(kind: "a bad block scalar", path: "content/notes/n.md", text: "---\ntitle: N\nsummary: |x\n  text\n---\nText.", line: 3, column: 11,
                    words: "only `-` or `+` may follow `|` or `>` on its line"),
        YAMLMistake(kind: "a missing closing ---", path: "content/notes/n.md", text: "---\ntitle: N\nsummary: S\n\nThe body starts here.", line: 4, column: 1,
                    words: "the front matter that starts on line 1 is not closed: add a line `---` here"),
    ]

    static let eventFileMistakes: [YAMLMistake] = [
        YAMLMistake(kind: "bad indentation", path: "content/events/e.yaml", text: """
            - id: a
              date: 2020
              title: T
              sources: [wire]
             place: Gao
            """, line: 5, column: 2, words: "indented by 1 space, which lines it up with no key above it: keys of one entry line up exactly; indent it by 2 like `sources` on line 4"),
        YAMLMistake(kind: "a tab", path: "content/events/e.yaml", text: "- id: a\n  date: 2020\n  title: T\n\tsources: [wire]\n", line: 4, column: 1,
                    words: "YAML does not allow tabs for indentation: indent with spaces"),
        YAMLMistake(kind: "an unclosed quote", path: "content/events/e.yaml", text: """
            - id: a
              date: 2020
              title: "T
              sources:
                - article: wire
                  quote: "Text"
            """, line: 3, column: 10, words: "this quoted value has no closing quote on its line: end it with `\"`"),
        YAMLMistake(kind: "an unclosed bracket", path: "content/events/e.yaml", text: "- id: a\n  date: 2020\n  title: T\n  actors: [x, y\n  sources: [wire]\n", line: 4, column: 11,
                    words: "this `[` is not closed on its line: end the list with `]`"),
        YAMLMistake(kind: "a duplicate key", path: "content/events/e.yaml", text: "- id: a\n  date: 2020\n  title: T\n  sources: [wire]\n  id: b\n  date: 2021\n", line: 5, column: 3,
                    words: "duplicate key `id`: it is already set on line 1 in the same entry; if this line starts a new entry, begin it with `- `"),
        YAMLMistake(kind: "a bad block scalar", path: "content/events/e.yaml", text: """
            - id: a
              date: 2020
              title: T
              summary: >
                The text of the summary
               goes on here.
              sources: [wire]
            """, line: 6, column: 4, words: "less than the text of the `>` block of line 4 (4 spaces) and more than its key (2 spaces)"),
        YAMLMistake(kind: "a stray ---", path: "content/events/e.yaml", text: "- id: a\n  date: 2020\n  title: T\n  sources: [wire]\n---\n- id: b\n", line: 5, column: 1,
                    words: "a second YAML document starts here: a file holds one; remove this `---` line"),
    ]

    /// Other everyday mistakes, in a note's front matter (line 1 is `---`).
    static let otherMistakes: [YAMLMistake] = [
        ("a value with `: `", "title: Floods: what we know\n", 2, 14, "unexpected `:` here: if the value contains `: `, put it in quotes"),
        ("a key without its colon", "title: N\nsummary S\norder: 1\n", 3, 1, "expected `key: value` on this line"),
        ("an over-indented key", "title: N\n  summary: S\n", 3, 3, "this line is indented more than the key on line 2"),
        ("text after a closing quote", "title: \"Floods\" in the north\n", 2, 17, "unexpected text after the closing quote"),
        ("a value starting with @", "title: @newsroom\n", 2, 8, "a value cannot start with `@`: put the whole value in quotes"),
        ("a bad escape", "title: \"C:\\quit\"\n", 2, 11, "`\\q` is not an escape in a double-quoted value"),
        ("an under-indented list item", "title: N\nabout:\n  - event:a\n - event:b\n", 5, 2,
         "this list item is indented by 1 space, but the one on line 4 by 2: items of one list line up exactly"),
        ("a list after a key on its line", "title: N\nabout: - event:a\n", 3, 8, "a list item (`- `) cannot start here"),
        ("a list item among keys", "title: N\n- event:a\n", 3, 1, "a list item cannot stand among `key: value` lines"),
        ("an empty list entry", "title: N\nabout: [event:a, , event:b]\n", 3, 18, "an empty entry in this list: remove the extra `,`"),
        ("a control character", "title: N\u{7}\n", 2, 9, "the character U+0007 cannot be used in YAML"),
    ].map { YAMLMistake(kind: $0.0, path: "content/notes/n.md", text: "---\n" + $0.1 + "---\nText.", line: $0.2, column: $0.3, words: $0.4) }

    @Test("a lone carriage return before a closing quote with text after it is an error, not a crash (found by fuzzing)")
    func loneCarriageReturn() throws {
        guard case .success(let file) = TextFile.decode(Data("y: \"\r \"a\nl".utf8), path: "content/events/cr.yaml") else {
            Issue.record("the file did not decode")
            return
        }
        #expect(errors(EventLoader.load(file).diagnostics).contains { $0.location.path == "content/events/cr.yaml" })
    }

    @Test("other YAML mistakes are explained at their place too", arguments: otherMistakes)
    func otherMistake(_ mistake: YAMLMistake) throws {
        try expectReported(mistake)
    }

    @Test("a YAML mistake in front matter is reported at the line and column to change, in editors' words", arguments: frontMatterMistakes)
    func frontMatterMistake(_ mistake: YAMLMistake) throws {
        try expectReported(mistake)
    }

    @Test("a YAML mistake in an events file is reported at the line and column to change, in editors' words", arguments: eventFileMistakes)
    func eventFileMistake(_ mistake: YAMLMistake) throws {
        try expectReported(mistake)
    }

    private func expectReported(_ mistake: YAMLMistake) throws {
        let found = errors(diagnostics(of: site(with: mistake))).filter { $0.location.path == mistake.path }
        let error = try #require(found.first, "no error in \(mistake.path)")
        #expect(found.count == 1, "\(found)")
        #expect(error.location.line == mistake.line && error.location.column == mistake.column, "\(error)")
        #expect(error.message.contains(mistake.words), "\(error)")
        #expect(!error.message.contains("while scanning") && !error.message.contains("while parsing"), "libyaml's words: \(error)")
    }

    @Test("the editor sees the mistaken line quoted, with a caret under the place to change")
    func errorQuotesTheLine() throws {
        let site = try TestSite("""
            -- content/notes/n.md --
            ---
            title: N
            summary: S
            \tdraft: true
            ---
            Text.
            """)
        let report = site.build()
        let error = try #require(report.diagnostics.first { $0.location.path == "content/notes/n.md" })
        let shown = DiagnosticFormatter(root: site.root).format(error)
        #expect(shown == "content/notes/n.md:4:1: error: YAML syntax: YAML does not allow tabs for indentation: indent with spaces\n draft: true\n^")
    }

    /// The "billion laughs": nine levels of lists of nine aliases of the level below.
    static func billionLaughs(indent: String = "") -> String {
        var lines = [indent + "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]"]
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
        for level in 1..<names.count {
            let alias = "*" + names[level - 1]
            lines.append(indent + "\(names[level]): &\(names[level]) [" + Array(repeating: alias, count: 9).joined(separator: ", ") + "]")
        }
        return lines.joined(separator: "\n")
    }

    @Test("nested aliases (billion laughs) are an error at the first alias, in front matter, events files and site.yaml")
    func billionLaughsRefused() throws {
        let laughs = Self.billionLaughs()
        let found = diagnostics(of: """
            -- content/site.yaml --
            title: T
            \(laughs)
            -- content/notes/n.md --
            ---
            title: N
            \(laughs)
            ---
            Text.
            -- content/events/e.yaml --
            - id: a
              date: 2020
              title: T
              sources: [wire]
            \(Self.billionLaughs(indent: "  "))
            """)
        let places = errors(found).filter { $0.message.contains("YAML aliases (`*a`) are not supported") }.map(\.location.description)
        #expect(places.sorted() == ["content/events/e.yaml:6:10", "content/notes/n.md:4:8", "content/site.yaml:3:8"], "\(found)")
    }

    @Test("an anchor without an alias is an error at the anchor")
    func loneAnchorRefused() throws {
        let found = errors(diagnostics(of: "-- content/notes/n.md --\n---\ntitle: N\nsummary: &s Short\n---\nText.\n"))
        let error = try #require(found.first)
        #expect(error.location.description == "content/notes/n.md:3:10")
        #expect(error.message.contains("YAML anchors (`&s`) are not supported"))
    }

    @Test("a value that starts with `*` gets the advice to quote it")
    func accidentalAliasExplained() throws {
        let found = errors(diagnostics(of: "-- content/notes/n.md --\n---\ntitle: N\nsummary: *Breaking news\n---\nText.\n"))
        let error = try #require(found.first)
        #expect(error.location.description == "content/notes/n.md:3:10")
        #expect(error.message.contains("put the whole value in quotes"))
    }

    @Test("deeply nested lists end in an error, never a crash", arguments: [
        "title: N\nabout: " + String(repeating: "[", count: 100_000) + "\n",
        "title: N\nabout: " + String(repeating: "[", count: 200) + String(repeating: "]", count: 200) + "\n",
        "title: N\nabout:\n" + (0..<2_000).map { String(repeating: " ", count: $0 + 1) + "- " }.joined(separator: "\n") + "x\n",
        "title: N\nabout:\n" + (1...2_000).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + " x\n",
        "title: N\nabout:\n  " + String(repeating: "- ", count: 100_000) + "x\n",
    ])
    func deepNestingRefused(yaml: String) throws {
        let found = errors(diagnostics(of: "-- content/notes/n.md --\n---\n" + yaml + "---\nText.\n"))
        let error = try #require(found.first)
        #expect(error.location.path == "content/notes/n.md")
        #expect(error.message.contains("nested more than 64 levels deep here"), "\(error)")
    }

    @Test("the same deep nesting in an events file is an error too")
    func deepNestingInEvents() throws {
        let text = "- id: a\n  date: 2020\n  title: T\n  sources: [wire]\n  facts: " + String(repeating: "{a: ", count: 50_000) + "\n"
        let found = errors(diagnostics(of: "-- content/events/e.yaml --\n" + text))
        let error = try #require(found.first { $0.location.path == "content/events/e.yaml" })
        #expect(error.message.contains("nested more than 64 levels"), "\(error)")
    }
}
