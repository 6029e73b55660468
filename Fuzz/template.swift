// Fuzz target: the Mustache parser and renderer. The input is a template; it is also a partial
// called `page`, beside a few fixed ones, so that it can include itself and fill their blocks.
// Parsing may fail with a syntax error (it must carry a position inside the text); rendering
// must end, without a crash, for every template that parses.
import Foundation
@testable import SitegenCore

let partials = [
    "layout": "<title>{{$title}}T{{/title}}</title>\n<main>\n  {{$main}}\n  {{/main}}\n</main>\n",
    "item": "<li>{{name}}</li>\n  {{> page}}\n",
    "list": "{{#items}}\n  {{> item}}\n{{/items}}\n",
]

let context = TemplateValue.object([
    "name": .text("a <b> & \"c\"\nsecond line"),
    "items": .list([.object(["name": .text("one")] as [String: TemplateValue]), .object(["name": .text("two")] as [String: TemplateValue])]),
    "yes": .bool(true), "no": .bool(false), "n": .int(3), "empty": .list([]),
    "nested": .object(["name": .text("inner"), "deeper": .object(["x": .text("y")] as [String: TemplateValue])] as [String: TemplateValue]),
] as [String: TemplateValue])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplate(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    var library = TemplateLibrary()
    // A template that includes itself twice per level stops after this many partials, parents
    // and blocks (100,000 in a build, a second or two per input under the sanitizers: inputs that
    // reach it would take most of the fuzzer's time). Ending is what is checked, not the number.
    library.maximumExpansions = 1_000
    for (name, partial) in partials { try! library.add(partial, named: name) }
    do {
        try library.add(text, named: "page")
    } catch {
        let lines = text.utf8.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        if error.position.line < 1 || error.position.line > lines || error.position.column < 1 {
            finding("syntax error at \(error.position.line):\(error.position.column), outside the text", text)
        }
        return 0
    }
    _ = library.missingReferences
    _ = library.render(context, template: "page")
    _ = library.render(context, template: "list")
    return 0
}
