import Testing
@testable import SitegenCore

// Conformance with the Mustache specification (github.com/mustache/spec), one rule per test,
// written from the specification's rules in our own examples: interpolation, sections, inverted
// sections, comments, delimiters, partials and template inheritance (parents and blocks). Where
// sitegen deliberately differs (a partial or parent that does not exist is an error at its tag,
// not empty output), the test says so.

/// A value for templates, written like the specification's data: strings, numbers, booleans,
/// lists and dictionaries.
private func value(_ any: Any?) -> TemplateValue {
    switch any {
    case let text as String: return .text(text)
    case let flag as Bool: return .bool(flag)
    case let number as Int: return .int(number)
    case let items as [Any?]: return .list(items.map(value))
    case let fields as [String: Any?]: return .object(fields.mapValues(value))
    default: return .null
    }
}

/// `template` rendered with `data`, the other templates of the library being `partials`.
private func mustache(_ template: String, _ data: [String: Any?] = [:], partials: [String: String] = [:]) throws -> String {
    var library = TemplateLibrary()
    try library.add(template, named: "(test)")
    for (name, text) in partials { try library.add(text, named: name) }
    return String(decoding: try #require(library.render(value(data), template: "(test)")), as: UTF8.self)
}

@Suite("Mustache conformance: interpolation")
struct MustacheInterpolationTests {
    @Test("text without tags comes out as it is, and a double mustache writes its value HTML-escaped")
    func escapedInterpolation() throws {
        #expect(try mustache("Plain {text} here\n") == "Plain {text} here\n")
        #expect(try mustache("Dear {{who}},", ["who": "Ada"]) == "Dear Ada,")
        #expect(try mustache("{{v}}", ["v": "a & b < c > d \"e\""]) == "a &amp; b &lt; c &gt; d &quot;e&quot;")
    }

    @Test("triple mustaches and the ampersand write their value unescaped")
    func unescapedInterpolation() throws {
        #expect(try mustache("{{{v}}}|{{&v}}|{{& v }}", ["v": "<b>&</b>"]) == "<b>&</b>|<b>&</b>|<b>&</b>")
    }

    @Test("numbers are written in decimal, missing and null values as nothing")
    func numbersAndMisses() throws {
        #expect(try mustache("{{n}} items", ["n": 85]) == "85 items")
        #expect(try mustache("[{{missing}}][{{{missing}}}][{{&nothing}}]", ["nothing": nil]) == "[][][]")
    }

    @Test("a value's text is not parsed again as a template")
    func noReparsing() throws {
        #expect(try mustache("{{v}}", ["v": "{{other}}"], ) == "{{other}}")
    }

    @Test("dotted names reach into objects; a broken chain is empty and does not look further out")
    func dottedNames() throws {
        let data: [String: Any?] = ["person": ["name": "Joe", "home": ["town": "Bamako"]], "town": "elsewhere"]
        #expect(try mustache("{{person.name}} of {{person.home.town}}", data) == "Joe of Bamako")
        #expect(try mustache("[{{person.age.years}}]", data) == "[]")
        // `home` is found in the section's object (a dictionary without `town`), so `home.town`
        // stops there instead of using an outer `home`.
        let nested: [String: Any?] = ["a": ["home": [String: Any?]()], "home": ["town": "wrong"]]
        #expect(try mustache("{{#a}}[{{home.town}}]{{/a}}", nested) == "[]")
    }

    @Test("the implicit iterator `.` is the current value")
    func implicitIterator() throws {
        #expect(try mustache("{{.}}", [:]) == "")
        #expect(try mustache("{{#v}}({{.}}){{/v}}", ["v": "text"]) == "(text)")
    }

    @Test("spaces inside the tag do not matter, and an interpolation never stands alone")
    func paddingAndStandalone() throws {
        #expect(try mustache("|{{ v }}|{{{ v }}}|", ["v": "x"]) == "|x|x|")
        #expect(try mustache("  {{v}}\n", ["v": "x"]) == "  x\n")
        #expect(try mustache("  {{{v}}}\n", ["v": "x"]) == "  x\n")
    }
}

@Suite("Mustache conformance: sections")
struct MustacheSectionTests {
    @Test("a section shows its content once for true, never for false, missing or an empty list")
    func truthiness() throws {
        #expect(try mustache("[{{#b}}yes{{/b}}]", ["b": true]) == "[yes]")
        #expect(try mustache("[{{#b}}yes{{/b}}]", ["b": false]) == "[]")
        #expect(try mustache("[{{#b}}yes{{/b}}]") == "[]")
        #expect(try mustache("[{{#b}}yes{{/b}}]", ["b": [Any?]()]) == "[]")
    }

    @Test("a list repeats the content for each item, with the item on top of the context")
    func lists() throws {
        let data: [String: Any?] = ["list": [["n": "1"], ["n": "2"], ["n": "3"]]]
        #expect(try mustache("{{#list}}{{n}}{{/list}}", data) == "123")
        #expect(try mustache("{{#list}}({{.}}){{/list}}", ["list": ["a", "b"]]) == "(a)(b)")
        #expect(try mustache("{{#list}}{{.}},{{/list}}", ["list": [1, 2]]) == "1,2,")
    }

    @Test("an object becomes the context of the content; names it lacks are looked up outside")
    func contextStack() throws {
        let data: [String: Any?] = ["a": ["one": "1"], "b": ["two": "2"], "three": "3"]
        #expect(try mustache("{{#a}}{{one}}{{#b}}{{one}}{{two}}{{three}}{{/b}}{{/a}}", data) == "1123")
        #expect(try mustache("{{#a}}[{{missing}}]{{/a}}", data) == "[]")
    }

    @Test("sections nest, repeat and can be opened with a dotted name")
    func nestingAndDottedNames() throws {
        let data: [String: Any?] = ["t": true, "f": false, "a": ["b": ["c": true]]]
        #expect(try mustache("{{#t}}1{{#t}}2{{#f}}X{{/f}}3{{/t}}4{{/t}}", data) == "1234")
        #expect(try mustache("{{#t}}a{{/t}}{{#t}}b{{/t}}", data) == "ab")
        #expect(try mustache("{{#a.b.c}}deep{{/a.b.c}}|{{#a.x.c}}no{{/a.x.c}}", data) == "deep|")
    }

    @Test("a non-empty text shows the content with the text as `.`")
    func textContext() throws {
        #expect(try mustache("{{#v}}{{.}} is {{v}}{{/v}}", ["v": "bar"]) == "bar is bar")
    }

    @Test("whitespace around inline section tags stays, in and out of the section")
    func inlineWhitespace() throws {
        #expect(try mustache(" | {{#t}}\t|\t{{/t}} | \n", ["t": true]) == " | \t|\t | \n")
        #expect(try mustache(" {{#t}}yes{{/t}}\n {{#t}}one\n{{/t}}\n", ["t": true]) == " yes\n one\n")
    }

    @Test("a section tag alone on its line takes the line, its indentation and line end with it")
    func standaloneLines() throws {
        #expect(try mustache("| This\n{{#t}}\n|\n{{/t}}\n| That\n", ["t": true]) == "| This\n|\n| That\n")
        #expect(try mustache("| This\n  {{#t}}\n|\n  {{/t}}\n| That\n", ["t": true]) == "| This\n|\n| That\n")
        #expect(try mustache("|\r\n{{#t}}\r\n{{/t}}\r\n|", ["t": true]) == "|\r\n|")
        #expect(try mustache("  {{#t}}\n#{{/t}}\n/", ["t": true]) == "#\n/")
        #expect(try mustache("#{{#t}}\n/\n  {{/t}}", ["t": true]) == "#\n/\n")
    }
}

@Suite("Mustache conformance: inverted sections")
struct MustacheInvertedTests {
    @Test("an inverted section shows for false, missing and an empty list, never for true or a full list")
    func inverted() throws {
        #expect(try mustache("[{{^b}}no{{/b}}]", ["b": false]) == "[no]")
        #expect(try mustache("[{{^b}}no{{/b}}]") == "[no]")
        #expect(try mustache("[{{^b}}no{{/b}}]", ["b": [Any?]()]) == "[no]")
        #expect(try mustache("[{{^b}}no{{/b}}]", ["b": true]) == "[]")
        #expect(try mustache("[{{^b}}no{{/b}}]", ["b": ["x"]]) == "[]")
        #expect(try mustache("[{{^b}}no{{/b}}]", ["b": ["k": "v"]]) == "[]")
    }

    @Test("inverted and normal sections of one name complement each other; dotted names work")
    func complement() throws {
        #expect(try mustache("{{#b}}yes{{/b}}{{^b}}no{{/b}}", ["b": true]) == "yes")
        #expect(try mustache("{{#b}}yes{{/b}}{{^b}}no{{/b}}", ["b": false]) == "no")
        #expect(try mustache("[{{^a.b.c}}absent{{/a.b.c}}]", ["a": [String: Any?]()]) == "[absent]")
    }

    @Test("an inverted tag alone on its line takes the line with it")
    func standalone() throws {
        #expect(try mustache("| This\n  {{^f}}\n|\n  {{/f}}\n| That\n", ["f": false]) == "| This\n|\n| That\n")
        #expect(try mustache(" | {{^f}}\t|\t{{/f}} | \n", ["f": false]) == " | \t|\t | \n")
    }
}

@Suite("Mustache conformance: comments")
struct MustacheCommentTests {
    @Test("a comment writes nothing, also across lines; a comment alone on its lines takes them")
    func comments() throws {
        #expect(try mustache("12345{{! Comment Block! }}67890") == "1234567890")
        #expect(try mustache("12345{{!\n  This is a\n  multi-line comment...\n}}67890\n") == "1234567890\n")
        #expect(try mustache("Begin.\n{{! Comment Block! }}\nEnd.\n") == "Begin.\nEnd.\n")
        #expect(try mustache("Begin.\n  {{! Indented }}\nEnd.\n") == "Begin.\nEnd.\n")
        #expect(try mustache("Begin.\n{{!\nSomething\n}}\nEnd.\n") == "Begin.\nEnd.\n")
        #expect(try mustache("|\r\n{{! Standalone }}\r\n|") == "|\r\n|")
        #expect(try mustache("  {{! no line before }}\n!") == "!")
        #expect(try mustache("!\n  {{! no line after }}") == "!\n")
    }

    @Test("a comment inside a line leaves the line's other text in place")
    func inlineComments() throws {
        #expect(try mustache("  12 {{! 34 }}\n") == "  12 \n")
        #expect(try mustache("12345 {{! Comment }} 67890") == "12345  67890")
    }
}

@Suite("Mustache conformance: delimiters")
struct MustacheDelimiterTests {
    @Test("a set-delimiter tag changes the tags for the rest of the template; spaces and special characters are allowed")
    func setDelimiters() throws {
        #expect(try mustache("{{=<% %>=}}(<%text%>)", ["text": "Hey!"]) == "(Hey!)")
        #expect(try mustache("({{=[ ]=}}[text])", ["text": "It worked!"]) == "(It worked!)")
        #expect(try mustache("[{{= | | =}}|text|]", ["text": "x"]) == "[x]")
        #expect(try mustache("{{=<% %>=}}<%={{ }}=%>{{text}}", ["text": "back"]) == "back")
    }

    @Test("new delimiters work for sections and inverted sections")
    func sectionsWithNewDelimiters() throws {
        let template = "[\n{{#section}}\n  {{data}}\n  |data|\n{{/section}}\n{{= | | =}}\n|#section|\n  {{data}}\n  |data|\n|/section|\n]\n"
        #expect(try mustache(template, ["section": true, "data": "I got interpolated."])
            == "[\n  I got interpolated.\n  |data|\n  {{data}}\n  I got interpolated.\n]\n")
    }

    @Test("a partial has the default delimiters, whatever the including template set, and its own changes stay inside it")
    func partialsKeepTheirDelimiters() throws {
        #expect(try mustache("[ {{>include}} ]\n{{= | | =}}\n[ |>include| ]\n", ["value": "yes"], partials: ["include": ".{{value}}."])
            == "[ .yes. ]\n[ .yes. ]\n")
        #expect(try mustache("[ {{>include}} ]\n[ .{{value}}.  .|value|. ]\n", ["value": "yes"], partials: ["include": ".{{value}}. {{= | | =}} .|value|."])
            == "[ .yes.  .yes. ]\n[ .yes.  .|value|. ]\n")
    }

    @Test("a set-delimiter tag alone on its line takes the line with it; inside a line it leaves the spaces")
    func standalone() throws {
        #expect(try mustache("Begin.\n{{=@ @=}}\nEnd.\n") == "Begin.\nEnd.\n")
        #expect(try mustache("Begin.\n  {{=@ @=}}\nEnd.\n") == "Begin.\nEnd.\n")
        #expect(try mustache("|\r\n{{= @ @ =}}\r\n|") == "|\r\n|")
        #expect(try mustache("  | {{=@ @=}}\n") == "  | \n")
    }
}

@Suite("Mustache conformance: partials")
struct MustachePartialTests {
    @Test("a partial is rendered in place with the current context, and may include others or itself")
    func partials() throws {
        #expect(try mustache("\"{{>text}}\"", partials: ["text": "from partial"]) == "\"from partial\"")
        #expect(try mustache("\"{{>partial}}\"", ["text": "content"], partials: ["partial": "*{{text}}*"]) == "\"*content*\"")
        #expect(try mustache("{{>outer}}", ["a": "A", "b": "B"], partials: ["outer": "*{{a}} {{>inner}}*", "inner": "!{{b}}!"]) == "*A !B!*")
        let tree: [String: Any?] = ["content": "X", "nodes": [["content": "Y", "nodes": [Any?]()]]]
        #expect(try mustache("{{>node}}", tree, partials: ["node": "{{content}}<{{#nodes}}{{>node}}{{/nodes}}>"]) == "X<Y<>>")
        #expect(try mustache("|{{> partial }}|", partials: ["partial": "[]"]) == "|[]|")
    }

    @Test("a partial inside a line is neither standalone nor indented")
    func inlinePartials() throws {
        #expect(try mustache("| {{>partial}} |", partials: ["partial": "\t|\t"]) == "| \t|\t |")
        #expect(try mustache("  {{data}}  {{> partial}}\n", ["data": "|"], partials: ["partial": ">\n>"]) == "  |  >\n>\n")
    }

    @Test("a partial alone on its line takes the line end, and its indentation goes on each of the partial's lines")
    func standalonePartials() throws {
        #expect(try mustache("|\r\n{{>partial}}\r\n|", partials: ["partial": ">"]) == "|\r\n>|")
        #expect(try mustache("  {{>partial}}\n>", partials: ["partial": ">\n>"]) == "  >\n  >>")
        #expect(try mustache(">\n  {{>partial}}", partials: ["partial": ">\n>"]) == ">\n  >\n  >")
    }

    @Test("the indentation of a standalone partial goes on the partial's own lines, not on the lines of a value it shows")
    func indentationIsNotForValues() throws {
        let output = try mustache("\\\n {{>partial}}\n/\n", ["content": "<\n->"], partials: ["partial": "|\n{{{content}}}\n|\n"])
        #expect(output == "\\\n |\n <\n->\n |\n/\n")
    }

    @Test("the indentation of nested standalone partials adds up, and a partial's standalone lines vanish too")
    func nestedIndentation() throws {
        let partials = ["outer": "<ul>\n  {{>inner}}\n</ul>\n", "inner": "{{#items}}\n<li>{{.}}</li>\n{{/items}}\n"]
        #expect(try mustache("<nav>\n  {{>outer}}\n</nav>\n", ["items": ["a", "b"]], partials: partials)
            == "<nav>\n  <ul>\n    <li>a</li>\n    <li>b</li>\n  </ul>\n</nav>\n")
    }

    @Test("sitegen differs on purpose: a partial or parent that does not exist is reported at its tag, not shown as nothing")
    func missingPartialsAreErrors() throws {
        var library = TemplateLibrary()
        try library.add("line one\n  {{> partials/nope}}\n{{<layot}}{{/layot}}\n", named: "page")
        try library.add("{{> page}}", named: "home")
        let missing = library.missingReferences.map { "\($0.template) \($0.name) \($0.position.line):\($0.position.column)" }
        #expect(missing == ["page partials/nope 2:3", "page layot 3:1"])
    }
}

@Suite("Mustache conformance: template inheritance")
struct MustacheInheritanceTests {
    @Test("a block outside a parent shows its default content, which may hold any tags")
    func blockDefaults() throws {
        #expect(try mustache("{{$title}}Default title{{/title}}\n") == "Default title\n")
        #expect(try mustache("{{$b}}<{{v}}>{{{v}}}{{#s}}{{w}}{{/s}}{{^no}}!{{/no}}{{/b}}", ["v": "&", "s": ["w": "in"]]) == "<&amp;>&in!")
    }

    @Test("a parent renders the named template with the child's blocks in place of its defaults")
    func overrides() throws {
        let partials = ["base": "<{{$a}}A{{/a}}|{{$b}}B{{/b}}>"]
        #expect(try mustache("{{<base}}{{/base}}", partials: partials) == "<A|B>")
        #expect(try mustache("{{<base}}{{$b}}mine{{/b}}{{/base}}", partials: partials) == "<A|mine>")
        #expect(try mustache("before {{<base}}{{$a}}1{{/a}}{{/base}} {{<base}}{{$a}}2{{/a}}{{/base}}", partials: partials) == "before <1|B> <2|B>")
        #expect(try mustache("{{>base}}|{{<base}}{{/base}}", partials: partials) == "<A|B>|<A|B>")
    }

    @Test("the context never overrides a block, and text between a parent's blocks is ignored")
    func namespaces() throws {
        let partials = ["base": "{{$v}}default{{/v}}"]
        #expect(try mustache("{{<base}}{{/base}}", ["v": "data"], partials: partials) == "default")
        #expect(try mustache("{{<base}} ignored {{$v}}given{{/v}} ignored too {{/base}}", partials: partials) == "given")
    }

    @Test("with several levels of parents, the outermost child's block wins")
    func multiLevel() throws {
        let partials = ["child": "{{<mid}}{{$a}}child{{/a}}{{/mid}}", "mid": "{{<base}}{{$a}}mid{{/a}}{{/base}}", "base": "{{$a}}base{{/a}}"]
        #expect(try mustache("{{<child}}{{$a}}page{{/a}}{{/child}}", partials: partials) == "page")
        #expect(try mustache("{{<child}}{{/child}}", partials: partials) == "child")
    }

    @Test("a block's content is rendered with the context where the block is used")
    func blockScope() throws {
        let data: [String: Any?] = ["fruit": "apples", "nested": ["fruit": "bananas"]]
        #expect(try mustache("{{<base}}{{$b}}{{fruit}}{{/b}}{{/base}}", data, partials: ["base": "{{#nested}}{{$b}}-{{/b}}{{/nested}}"]) == "bananas")
    }

    @Test("recursive parents end when a block stops the recursion")
    func recursion() throws {
        let partials = ["p": "{{$foo}}p-default{{/foo}} {{$bar}}{{<q}}{{/q}}{{/bar}}",
                        "q": "{{$foo}}q-default{{/foo}} {{<p}}{{$bar}}stop{{/bar}}{{/p}}"]
        #expect(try mustache("{{<p}}{{$foo}}X{{/foo}}{{/p}}", partials: partials) == "X X X stop")
    }

    @Test("a block overridden with lines keeps them as written")
    func multiLineOverride() throws {
        #expect(try mustache("{{<p}}{{$b}}\nfirst\n\n:)\n{{/b}}{{/p}}", partials: ["p": "{{$b}}default{{/b}}"]) == "first\n\n:)\n")
    }

    @Test("a line holding only parent tags is standalone: its line end vanishes and its indentation goes on the parent's lines")
    func standaloneParent() throws {
        #expect(try mustache("Hello,\n    {{<p}}{{/p}}\nBye\n", partials: ["p": "a\nb\n"]) == "Hello,\n    a\n    b\nBye\n")
        #expect(try mustache("{{<p}}\n{{$x}}\nX\n{{/x}}\n{{/p}}\n", partials: ["p": "[\n{{$x}}{{/x}}]\n"]) == "[\nX\n]\n")
    }

    @Test("a line holding only parent and block tags is standalone, and the block's content keeps its own lines")
    func standaloneParentAndBlockTags() throws {
        let page = "{{<p}}{{$b}}\nline 1\nline 2{{/b}}\n{{/p}}\n"
        #expect(try mustache(page, partials: ["p": "Start\n   {{$b}}{{/b}}\n"]) == "Start\n   line 1\n   line 2\n")
    }

    @Test("a block's content loses the indentation it has where it is written and gets the indentation of where it is used")
    func blockReindentation() throws {
        let page = "{{<p}}{{$b}}\n        deep 1\n        deep 2\n{{/b}}{{/p}}\n"
        #expect(try mustache(page, partials: ["p": "Start\n  {{$b}}\n  {{/b}}\nEnd\n"]) == "Start\n  deep 1\n  deep 2\nEnd\n")
        // The place of use is indented like the block's default content when its tag stands alone.
        let flat = "{{<p}}{{$b}}\nflat 1\nflat 2\n{{/b}}{{/p}}\n"
        #expect(try mustache(flat, partials: ["p": "Start\n{{$b}}\n    default\n{{/b}}\n"]) == "Start\n    flat 1\n    flat 2\n")
        // A block used inside a line continues that line with its first line.
        #expect(try mustache("{{<p}}{{$b}}one\ntwo{{/b}}{{/p}}", partials: ["p": "stop:\n  {{$b}}x{{/b}}\n"]) == "stop:\n  one\n  two\n")
    }

    @Test("nested blocks are re-indented relative to the block around them")
    func nestedBlockReindentation() throws {
        let partials = ["p": "{{<gp}}{{$outer}}\n  one\n  {{$inner}}\n    two\n  {{/inner}}\n{{/outer}}{{/gp}}\n", "gp": "{{$outer}}default{{/outer}}"]
        #expect(try mustache("{{<p}}{{$inner}}\nthree\n{{/inner}}{{/p}}\n", partials: partials) == "one\n  three\n")
        #expect(try mustache("{{<p}}{{/p}}\n", partials: partials) == "one\n  two\n")
    }

    @Test("a block's indentation goes on its content's own lines, not on the lines of a value it shows")
    func blockIndentationIsNotForValues() throws {
        let page = "{{<p}}{{$b}}\n<pre>{{{code}}}</pre>\n<p>after</p>\n{{/b}}{{/p}}\n"
        #expect(try mustache(page, ["code": "line 1\nline 2"], partials: ["p": "<main>\n  {{$b}}\n  {{/b}}\n</main>\n"])
            == "<main>\n  <pre>line 1\nline 2</pre>\n  <p>after</p>\n</main>\n")
    }

    @Test("a standalone parent inside an indented partial adds its indentation to the partial's")
    func indentationAddsUp() throws {
        let partials = ["card": "<div>\n  {{<frame}}{{$body}}\n  <b>x</b>\n  {{/body}}{{/frame}}\n</div>\n",
                        "frame": "<section>\n  {{$body}}\n  {{/body}}\n</section>\n"]
        #expect(try mustache("<main>\n  {{>card}}\n</main>\n", partials: partials)
            == "<main>\n  <div>\n    <section>\n      <b>x</b>\n    </section>\n  </div>\n</main>\n")
    }
}
