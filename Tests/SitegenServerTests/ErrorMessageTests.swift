import Foundation
import SitegenCore
import Testing

/// Issue 6, point 4: each message names file, line and column, quotes the line with a caret,
/// and suggests the closest valid value. Checked with real broken files, formatted as the
/// terminal and the serve overlay show them.
@Suite("error messages teach")
struct ErrorMessageTests {
    /// The formatted diagnostics of checking the test site with `path` replaced by `text`.
    func check(_ path: String, _ text: String) throws -> [String] {
        let site = try TestSite(extra: [path: text])
        defer { site.remove() }
        let report = build(BuildOptions(root: site.root, writesOutput: false))
        let formatter = DiagnosticFormatter(root: site.root)
        return report.diagnostics.map { formatter.format($0) }
    }

    @Test("a misspelled front matter key is a warning with did-you-mean, and the missing key's error names it")
    func misspelledKey() throws {
        let messages = try check("content/notes/what-was-minusma.md", "---\ntittle: What was MINUSMA?\n---\nText.\n")
        #expect(messages.contains("content/notes/what-was-minusma.md:2:1: warning: unknown key `tittle` in note; did you mean `title`?\ntittle: What was MINUSMA?\n^"))
        #expect(messages.contains { $0.hasPrefix("content/notes/what-was-minusma.md:2:1: error: note is missing the required key `title`: `tittle` on line 2 looks like a misspelling of it") })
    }

    @Test("a misspelled kind, relation type or ID gets the closest valid value")
    func closestValue() throws {
        let actor = try check("content/actors/minusma.md", """
            ---
            name: MINUSMA
            kind: organisation
            relations:
              - {type: partof, actor: minusma}
            ---
            Text.
            """)
        #expect(actor.contains { $0.hasPrefix("content/actors/minusma.md:3:7: error: unknown actor kind `organisation`") && $0.contains("did you mean `organization`?\nkind: organisation\n      ^") })
        #expect(actor.contains { $0.contains("unknown relation type `partof`") && $0.contains("did you mean `part-of`?") })

        let note = try check("content/notes/what-was-minusma.md", """
            ---
            title: What was MINUSMA?
            about: [actr:minusma]
            ---
            [MINUSMA](actor:minusam) was a mission [@voa-reprot].
            """)
        #expect(note.contains { $0.hasPrefix("content/notes/what-was-minusma.md:3:9: error: `about` entries") && $0.contains("did you mean `actor:minusma`?") })
        #expect(note.contains { $0.hasPrefix("content/notes/what-was-minusma.md:5:1: error: unknown actor `minusam`; did you mean `minusma`?") })
        #expect(note.contains { $0.contains("unknown article `voa-reprot`; did you mean `voa-report`?") })
    }

    @Test("common YAML mistakes are explained in editors' words", arguments: [
        ("title: MINUSMA: the end\n", "put it in quotes"),
        ("title: \"MINUSMA\n", "has no closing quote"),
        ("title: MINUSMA\nabout:\n\t- actor:minusma\n", "tabs"),
        ("title: `MINUSMA`\n", "cannot start with"),
    ])
    func yamlMistakes(frontMatter: String, expected: String) throws {
        let messages = try check("content/notes/what-was-minusma.md", "---\n" + frontMatter + "---\nText.\n")
        let message = try #require(messages.first { $0.contains("YAML syntax") }, "\(messages)")
        #expect(message.hasPrefix("content/notes/what-was-minusma.md:"))
        #expect(message.contains(expected), "\(message)")
        #expect(message.split(separator: "\n").count == 3, "the line and a caret are quoted: \(message)")
    }

    @Test("template syntax errors say what to fix", arguments: [
        ("{{#page}}\n<p>x</p>\n{{/pgae}}\n", "templates/404.mustache:3:1: error: template syntax: this `{{/pgae}}` does not close the section open here"),
        ("<p>{{page.title</p>\n", "templates/404.mustache:1:4: error: template syntax: a tag is not finished"),
    ])
    func templateErrors(template: String, expected: String) throws {
        let messages = try check("templates/404.mustache", template)
        #expect(messages.contains { $0.hasPrefix(expected) }, "\(messages)")
    }

    @Test("an invalid UTF-8 byte is shown in its line with a caret under it")
    func invalidUTF8() throws {
        let site = try TestSite()
        defer { site.remove() }
        let bytes = Data("---\nname: Bad ".utf8) + [0xFF] + Data(" name\nkind: person\n---\nText.\n".utf8)
        try bytes.write(to: site.root.appendingPathComponent("content/actors/bad.md"))
        let report = build(BuildOptions(root: site.root, writesOutput: false))
        let messages = report.diagnostics.map { DiagnosticFormatter(root: site.root).format($0) }
        #expect(messages.contains("content/actors/bad.md:2:11: error: invalid UTF-8 byte 0xFF; save the file as UTF-8\nname: Bad \u{FFFD} name\n          ^"), "\(messages)")
    }
}
