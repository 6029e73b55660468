import Testing
@testable import SitegenCore

/// Renders `template` (with `partials` beside it) with `context`.
private func render(_ template: String, _ context: [String: TemplateValue] = [:], partials: [String: String] = [:]) throws -> String {
    var library = TemplateLibrary()
    try library.add(template, named: "page")
    for (name, text) in partials { try library.add(text, named: name) }
    return library.render(.object(context), template: "page").map { String(decoding: $0, as: UTF8.self) } ?? "(no template)"
}

/// The syntax error of `template`, if any.
private func syntaxError(_ template: String) -> TemplateSyntaxError? {
    var library = TemplateLibrary()
    do { try library.add(template, named: "page") } catch { return error }
    return nil
}

private func list(_ items: [[String: TemplateValue]]) -> TemplateValue { .list(items.map { .object($0) }) }

@Suite("Templates: Mustache rendering")
struct TemplateEngineTests {
    @Test("a value is HTML-escaped unless written with three braces or an ampersand")
    func valuesAreEscaped() throws {
        let context: [String: TemplateValue] = ["title": .text("Mali's <b>\"break\"</b> & more")]
        #expect(try render("{{title}}", context) == "Mali&#39;s &lt;b&gt;&quot;break&quot;&lt;/b&gt; &amp; more")
        #expect(try render("{{{title}}}|{{& title}}", context) == "Mali's <b>\"break\"</b> & more|Mali's <b>\"break\"</b> & more")
        #expect(try render("{{count}} {{flag}} [{{missing}}]", ["count": .int(3), "flag": .bool(true)]) == "3 true []")
    }

    @Test("each character to escape is escaped wherever it stands in a long text, and every other character is written as it is")
    func escapingAtEveryPosition() throws {
        let filler = "Ségou, 12 mai — l’armée a dit (2023-05-12)/[x]{y}%;=?!#$+*"
        for special in ["&", "<", ">", "\"", "'"] {
            let escaped = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"][special]!
            for offset in 0...filler.count {
                var text = filler
                text.insert(contentsOf: special, at: text.index(text.startIndex, offsetBy: offset))
                let expected = String(filler.prefix(offset)) + escaped + String(filler.dropFirst(offset))
                #expect(try render("{{text}}", ["text": .text(text)]) == expected)
            }
        }
        #expect(try render("{{text}}", ["text": .text(filler)]) == filler)
    }

    @Test("a list of Swift values shows its items, their fields, its functions and the position in it")
    func swiftListsWork() throws {
        let context: [String: TemplateValue] = [
            "words": ["one", "two", "three"].templateValue,
            "links": [["title": "A"], ["title": "B"]].templateValue,
            "none": [String]().templateValue,
            "title": .text("outer"),
        ]
        #expect(try render("{{#words}}{{.}}{{^last()}}, {{/last()}}{{/words}}", context) == "one, two, three")
        #expect(try render("{{first(words)}} {{last(words)}} {{count(words)}} {{#reversed(words)}}{{.}}{{/reversed(words)}}", context) == "one three 3 threetwoone")
        #expect(try render("{{#links}}{{title}}{{index()}} {{/links}}{{title}}", context) == "A0 B1 outer")
        #expect(try render("{{#words}}{{title}}{{/words}}", context) == "outerouterouter")
        #expect(try render("{{^none}}empty{{/none}}{{#none}}never{{/none}}{{#empty(none)}} yes{{/empty(none)}}", context) == "empty yes")
    }

    @Test("a section repeats for each item, shows once for true or a value, and not at all for false, nothing or an empty list")
    func sectionsFollowTheirValue() throws {
        let context: [String: TemplateValue] = [
            "items": list([["name": .text("a")], ["name": .text("b")]]),
            "yes": .bool(true), "no": .bool(false), "none": .list([]), "text": .text(""),
        ]
        #expect(try render("{{#items}}<{{name}}>{{/items}}", context) == "<a><b>")
        #expect(try render("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{#none}}E{{/none}}{{#missing}}M{{/missing}}{{#text}}T{{/text}}", context) == "YT")
        #expect(try render("{{^yes}}Y{{/yes}}{{^no}}N{{/no}}{{^none}}E{{/none}}{{^missing}}M{{/missing}}{{^items}}I{{/items}}", context) == "NEM")
    }

    @Test("a name is looked for from the innermost section outwards, and a leading dot stays in the innermost")
    func namesClimbTheSections() throws {
        let context: [String: TemplateValue] = [
            "site": .object(["title": .text("Site")] as [String: TemplateValue]),
            "detail": .text("outer"),
            "items": list([["detail": .text("own")], ["name": .text("x")]]),
        ]
        #expect(try render("{{site.title}}", context) == "Site")
        #expect(try render("{{#items}}[{{detail}}]{{/items}}", context) == "[own][outer]")
        #expect(try render("{{#items}}[{{#.detail}}{{detail}}{{/.detail}}]{{/items}}", context) == "[own][]")
        #expect(try render("{{#tags}}{{.}},{{/tags}}", ["tags": .list([.text("a"), .text("b")])]) == "a,b,")
    }

    @Test("a tag alone on its line takes the line with it, and a partial alone on its line is indented like its tag")
    func standaloneLinesDisappear() throws {
        let context: [String: TemplateValue] = ["items": list([["name": .text("a")], ["name": .text("b")]])]
        #expect(try render("<ul>\n  {{#items}}\n  <li>{{name}}</li>\n  {{/items}}\n</ul>\n", context) == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n")
        #expect(try render("a\n{{! a comment }}\nb\n") == "a\nb\n")
        #expect(try render("<div>\n  {{> item}}\n</div>", partials: ["item": "<p>\none\n</p>\n"]) == "<div>\n  <p>\n  one\n  </p>\n</div>")
        #expect(try render("x {{#yes}}y{{/yes}} z\n", ["yes": .bool(true)]) == "x y z\n")
    }

    @Test("a page fills the blocks of its layout, and blocks it does not fill keep their default")
    func layoutsTakeBlocks() throws {
        let partials = [
            "layout": "<title>{{$title}}Untitled{{/title}}</title>\n<main>\n{{$main}}{{/main}}\n</main>\n",
            "base": "[{{$body}}{{/body}}]",
            "middle": "{{<base}}{{$body}}({{$inner}}default{{/inner}}){{/body}}{{/base}}",
        ]
        let page = "{{<layout}}\n{{$main}}\n<p>{{text}}</p>\n{{/main}}\n{{/layout}}\n"
        #expect(try render(page, ["text": .text("Hi")], partials: partials) == "<title>Untitled</title>\n<main>\n<p>Hi</p>\n\n</main>\n")
        #expect(try render("{{<middle}}{{$inner}}mine{{/inner}}{{/middle}}", partials: partials) == "[(mine)]")
        #expect(try render("{{<middle}}{{/middle}}", partials: partials) == "[(default)]")
    }

    @Test("functions give the place in a list and change values")
    func functionsWork() throws {
        let context: [String: TemplateValue] = ["items": list([["n": .text("a")], ["n": .text("b")], ["n": .text("c")]]), "name": .text("mali")]
        #expect(try render("{{#items}}{{^first()}}, {{/first()}}{{n}}{{#last()}}.{{/last()}}{{/items}}", context) == "a, b, c.")
        #expect(try render("{{#items}}{{index()}}{{/items}} {{count(items)}} {{uppercased(name)}} {{capitalized(name)}}", context) == "012 3 MALI Mali")
    }

    @Test("delimiters can be changed")
    func delimitersChange() throws {
        #expect(try render("{{=<% %>=}}<% name %> {{name}}", ["name": .text("x")]) == "x {{name}}")
    }

    @Test("a template that includes itself stops instead of running forever")
    func recursionStops() throws {
        let output = try render("{{> loop}}", partials: ["loop": "x{{> loop}}"])
        #expect(output.count == TemplateRenderer.maximumDepth)
        // A block whose given content holds the same block (found by fuzzing).
        let blocks = try render("{{<p}}{{$b}}x{{$b}}{{/b}}{{/b}}{{/p}}", partials: ["p": "{{$b}}{{/b}}"])
        #expect(blocks == String(repeating: "x", count: TemplateRenderer.maximumDepth - 1), "the parent takes one level")
        // A template that includes itself twice at each level stops too (found by fuzzing).
        let doubled = try render("{{> twice}}", partials: ["twice": "x{{> twice}}{{> twice}}"])
        #expect(doubled.count == TemplateRenderer.maximumExpansions)
        // And a block whose content holds two parents that fill the same block (found by fuzzing).
        let fanned = try render("{{<p}}{{$b}}x{{<p}}{{/p}}{{<p}}{{/p}}{{/b}}{{/p}}", partials: ["p": "{{$b}}{{/b}}"])
        #expect(fanned.count <= TemplateRenderer.maximumExpansions)
    }

    @Test("syntax mistakes are reported at their line and column, in words an editor can act on")
    func syntaxErrorsHavePlaces() {
        let unclosedTag = syntaxError("line one\n  <p>{{title</p>")
        #expect(unclosedTag?.position == TemplatePosition(line: 2, column: 6))
        #expect(unclosedTag?.message.contains("not finished") == true)

        let wrongClose = syntaxError("{{#items}}\n{{/item}}")
        #expect(wrongClose?.position == TemplatePosition(line: 2, column: 1))
        #expect(wrongClose?.message.contains("does not close") == true)

        let neverClosed = syntaxError("a\n{{#items}}x")
        #expect(neverClosed?.position == TemplatePosition(line: 2, column: 1))
        #expect(neverClosed?.message.contains("never closed") == true)

        #expect(syntaxError("{{/items}}")?.message.contains("closes nothing") == true)
        #expect(syntaxError("{{shout(name)}}")?.message.contains("`shout()` is not a template function") == true)
        #expect(syntaxError("{{<layout}}<p>text</p>{{$main}}{{/main}}{{/layout}}") == nil, "text between blocks is ignored")
        #expect(syntaxError("{{<layout}}{{name}}{{/layout}}")?.message.contains("only `{{$block}}") == true)
        #expect(syntaxError("{{=<% %>}}")?.message.contains("delimiter") == true)
    }
}
