import Testing
@testable import SitegenCore

/// An event item titled `title`, whose renderings are kept in `store`.
private func item(_ title: String, _ store: RenderedFragments?) -> EventItem {
    EventItem(id: "e", url: "events/e/", title: title,
              date: DateView(text: "1 May 2023", iso: "2023-05-01", year: 2023, month: 5, day: 1, monthName: "May",
                             precision: "day", approximate: false, end: nil),
              summaryHTML: "", hasSummary: false, place: nil, actors: [], hasActors: false, rendered: store)
}

/// Renders the template `page` of `templates` with `items` as `events` and `outer` beside them.
private func render(_ templates: [String: String], _ items: [EventItem], outer: String = "outer", maximumExpansions: Int? = nil) throws -> String {
    var library = TemplateLibrary()
    for (name, text) in templates { try library.add(text, named: name) }
    if let maximumExpansions { library.maximumExpansions = maximumExpansions }
    let context: [String: TemplateValue] = ["events": items.templateValue, "outer": .text(outer)]
    return library.render(.object(context), template: "page").map { String(decoding: $0, as: UTF8.self) } ?? "(no template)"
}

/// The timeline keeps its entries from one update to the next, each with what the templates
/// wrote for it (``RenderedFragments``): the next page that shows the entry at the same place
/// writes those bytes again. These tests change an item behind its store on purpose, to see
/// whether the bytes written come from the store (the pages never do: a kept entry's value
/// does not change).
@Suite("Templates: renderings kept with an item")
struct KeptRenderingTests {
    @Test func anItemsRenderingIsWrittenAgainFromItsStoreAtTheSamePlace() throws {
        let store = RenderedFragments()
        let page = ["page": "<ol>{{#events}}<li>{{title}} ({{date.text}})</li>{{/events}}</ol>"]
        #expect(try render(page, [item("Accord signed", store)]) == "<ol><li>Accord signed (1 May 2023)</li></ol>")
        #expect(store.fragment?.bytes == Array("<li>Accord signed (1 May 2023)</li>".utf8))
        #expect(try render(page, [item("Changed behind the store", store)]) == "<ol><li>Accord signed (1 May 2023)</li></ol>")
        #expect(try render(page, [item("Without a store", nil)]) == "<ol><li>Without a store (1 May 2023)</li></ol>")
    }

    @Test func aRenderingThatReadsOutsideItsItemIsNotKept() throws {
        let outside = [
            "an enclosing value": "{{#events}}{{title}} {{outer}}{{/events}}",
            "a name missing from the item": "{{#events}}{{title}}{{missing}}{{/events}}",
            "the position in the list": "{{#events}}{{title}}{{^last()}},{{/last()}}{{/events}}",
            "a block": "{{#events}}{{title}}{{$b}}default{{/b}}{{/events}}",
        ]
        for (what, template) in outside {
            let store = RenderedFragments()
            let first = try render(["page": template], [item("A", store)])
            #expect(store.fragment == nil, "\(what)")
            #expect(try render(["page": template], [item("B", store)]) == first.replacingOccurrences(of: "A", with: "B"), "\(what)")
        }
        // A leading dot stays in the item; a section inside it reads its own values.
        let store = RenderedFragments()
        _ = try render(["page": "{{#events}}{{.title}}{{#date}}{{text}}{{/date}}{{#.place}}{{place}}{{/.place}}{{/events}}"], [item("A", store)])
        #expect(store.fragment != nil)
    }

    @Test func aRenderingKeptAtOnePlaceIsNotWrittenAtAnother() throws {
        let store = RenderedFragments()
        let templates = ["page": "{{#events}}[{{title}}]{{/events}}\n  {{> list}}\n", "list": "{{#events}}\n<{{title}}>\n{{/events}}\n"]
        #expect(try render(templates, [item("A", store)]) == "[A]\n  <A>\n")
        // The first section's rendering is the one kept; the partial's, indented, is made each time.
        #expect(try render(templates, [item("B", store)]) == "[A]\n  <B>\n")
        #expect(try render(["page": "{{> list}}", "list": "{{#events}}[{{title}}]{{/events}}"], [item("B", store)]) == "[B]",
                "the same section in another template")
    }

    @Test func aKeptRenderingCountsItsPartialsAgainstTheLimitAsWhenItWasMade() throws {
        let templates = ["page": "{{#events}}{{> entry}}{{/events}}", "entry": "{{title}}{{> mark}}", "mark": "."]
        let stores = (0..<3).map { _ in RenderedFragments() }
        // Two partials per item: a limit of five renders two items whole and the third's first partial.
        let expected = "A.A.A"
        #expect(try render(templates, stores.map { item("A", $0) }, maximumExpansions: 5) == expected)
        #expect(stores.map { $0.fragment != nil } == [true, true, false], "the cut rendering is not kept")
        #expect(try render(templates, stores.map { item("A", $0) }, maximumExpansions: 5) == expected)
        #expect(try render(templates, stores.map { item("A", $0) }, maximumExpansions: 3) == "A.A", "the second item's kept partials would pass the limit")
    }
}
