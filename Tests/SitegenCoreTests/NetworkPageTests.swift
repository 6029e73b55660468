import Foundation
import Testing
@testable import SitegenCore

/// Four related actors and one with no relation.
private let related = """
    -- content/site.yaml --
    title: Sahel
    description: Who is who
    language: en
    base_url: https://example.org/
    -- content/articles/a.md --
    ---
    title: A
    outlet: O
    published: 2023-01-01
    ---
    -- content/actors/mali.md --
    ---
    name: Mali
    kind: state
    relations:
      - type: member-of
        actor: g5
        since: 2014
        until: 2022
      - type: partner-of
        actor: russia
        since: 2021
    ---
    -- content/actors/g5.md --
    ---
    name: G5 Sahel
    kind: alliance
    ---
    -- content/actors/russia.md --
    ---
    name: Russia
    kind: state
    ---
    -- content/actors/goita.md --
    ---
    name: Assimi Goïta
    kind: person
    relations:
      - type: leads
        actor: mali
        since: 2021
    ---
    -- content/actors/loner.md --
    ---
    name: Loner
    kind: person
    ---
    """

/// The `<h3>` entry of an actor on the network page, up to the next actor or group.
private func entry(_ html: String, actor id: String) -> String? {
    guard let text = section(of: html, from: "<h3 id=\"actor_\(id)\"", to: "</dl>") else { return nil }
    return text
}

/// A site of `count` actors in a chain, each the member of the next, and every tenth one leads
/// the first: actor 0 is the most connected, the others have one or two relations.
private func bigSite(actors count: Int) -> String {
    var files = """
        -- content/site.yaml --
        title: Big
        description: Many actors
        language: en

        """
    for index in 0..<count {
        var relations: [String] = []
        if index + 1 < count { relations.append("  - type: member-of\n    actor: a\(index + 1)") }
        if index % 10 == 5 { relations.append("  - type: leads\n    actor: a0") }
        files += "-- content/actors/a\(index).md --\n---\nname: Actor \(index)\nkind: \(index % 2 == 0 ? "person" : "organization")\n"
        if !relations.isEmpty { files += "relations:\n" + relations.joined(separator: "\n") + "\n" }
        files += "---\n"
    }
    return files
}

@Suite("The network page: every actor with relations, drawn and listed")
struct NetworkPageTests {
    @Test("the network page draws the related actors, each a link to its page, and lists every relation in text")
    func drawsAndLists() throws {
        let pages = renderSite(related)
        let html = mainContent(try #require(pages["network/index.html"]))
        let svg = try #require(section(of: html, from: "<svg class=\"net net-map\"", to: "</svg>"))
        #expect(svg.contains("<title id=\"network_title\">The actors and their relations</title>"))
        #expect(svg.contains("<desc id=\"network_desc\">4 actors on a circle, grouped by kind"))
        for id in ["mali", "g5", "russia", "goita"] {
            #expect(svg.contains("href=\"../actors/\(id)/\""), "no node for \(id)")
        }
        #expect(!svg.contains("actors/loner/"), "an actor without relations is not drawn")
        #expect(svg.contains(">Member of</tspan>") && svg.contains(">2014 – 2022</tspan>"))
        #expect(occurrences(of: "marker-end=", in: svg) == 2, "member of and leads have an arrow, partner of none")
        #expect(!html.contains("<script"))

        // Every relation, under its subject and under its object, in words.
        let mali = try #require(entry(html, actor: "mali"))
        #expect(mali.contains("<dt>Member of</dt>\n<dd><a href=\"../actors/g5/\">G5 Sahel</a> <span class=\"detail-inline\">(2014 – 2022)</span></dd>"))
        #expect(mali.contains("<dt>Partner of</dt>\n<dd><a href=\"../actors/russia/\">Russia</a> <span class=\"detail-inline\">(since 2021)</span></dd>"))
        #expect(mali.contains("<dt>Led by</dt>\n<dd><a href=\"../actors/goita/\">Assimi Goïta</a>"))
        #expect(try #require(entry(html, actor: "goita")).contains("<dt>Leads</dt>\n<dd><a href=\"../actors/mali/\">Mali</a>"))
        #expect(try #require(entry(html, actor: "g5")).contains("<dt>Members</dt>\n<dd><a href=\"../actors/mali/\">Mali</a>"))
        #expect(try #require(entry(html, actor: "russia")).contains("<a href=\"../actors/mali/\">Mali</a>"))
        // Grouped by kind, in the order of kinds: people, then states, then alliances.
        let people = try #require(html.range(of: "<h2 id=\"kind_person\">People</h2>"))
        let states = try #require(html.range(of: "<h2 id=\"kind_state\">States</h2>"))
        let alliances = try #require(html.range(of: "<h2 id=\"kind_alliance\">Alliances</h2>"))
        #expect(people.lowerBound < states.lowerBound && states.lowerBound < alliances.lowerBound)
        #expect(!html.contains("most connected"), "a small site's page draws every related actor")
    }

    @Test("the network page is in every page's menu and in the sitemap")
    func inMenuAndSitemap() throws {
        let pages = renderSite(related)
        #expect(try #require(pages["index.html"]).contains("<a href=\"network/\">Network</a>"))
        #expect(try #require(pages["network/index.html"]).contains("<a href=\"../network/\" aria-current=\"page\">Network</a>"))
        #expect(try #require(pages["sitemap.xml"]).contains("<loc>https://example.org/network/</loc>"))
    }

    @Test("the network page is the same, byte for byte, from two builds of the same site")
    func deterministic() throws {
        let first = try #require(renderSite(related)["network/index.html"])
        let second = try #require(renderSite(related)["network/index.html"])
        #expect(first == second)
    }

    @Test("a site whose actors have no relations gets a network page that says so, with no drawing")
    func noRelations() throws {
        let pages = renderSite("""
            -- content/actors/loner.md --
            ---
            name: Loner
            kind: person
            ---
            """)
        let html = mainContent(try #require(pages["network/index.html"]))
        #expect(html.contains("No relations between actors yet."))
        #expect(!html.contains("<svg class=\"net"))
    }

    @Test("names with markup, quotes and no spaces are escaped in the drawings and do not break the layout")
    func hostileNames() throws {
        let long = String(repeating: "Supercalifragilistic", count: 8)
        let pages = renderSite("""
            -- content/actors/a.md --
            ---
            name: "<script>alert('x')</script> & \\"Co\\""
            kind: organization
            relations:
              - type: opposed-to
                actor: b
            ---
            -- content/actors/b.md --
            ---
            name: \(long)
            kind: person
            ---
            """)
        for page in ["network/index.html", "actors/a/index.html", "actors/b/index.html"] {
            let html = try #require(pages[page])
            let svg = try #require(section(of: html, from: "<svg class=\"net net-", to: "</svg>"), "\(page) has no drawing")
            #expect(!svg.contains("<script"), "\(page) lets markup through")
            #expect(svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") && svg.contains("&amp;"))
            #expect(svg.contains(long), "a name with no space is kept whole")
        }
        // The one-word name widens the drawing rather than running out of it.
        let page = try #require(pages["actors/a/index.html"])
        let svg = try #require(section(of: page, from: "<svg class=\"net net-ego\"", to: "</svg>"))
        let view = try #require(matches(of: "viewBox=\"([-0-9. ]+)\"", in: svg).first).split(separator: " ").compactMap { Double($0) }
        for label in labelBoxes(svg) {
            #expect(label.box.x >= view[0] && label.box.maxX <= view[0] + view[2], "\(label.text) is cut off")
        }
    }

    @Test("a large site's network page draws only the 40 most connected actors and says where the others are")
    func capsLargeSite() throws {
        let pages = renderSite(bigSite(actors: 120))
        let html = mainContent(try #require(pages["network/index.html"]))
        let svg = try #require(section(of: html, from: "<svg class=\"net net-map\"", to: "</svg>"))
        #expect(occurrences(of: "<a href=", in: svg) == NetworkDiagram.mapLimit)
        #expect(occurrences(of: "<h3 id=\"actor_", in: html) == NetworkDiagram.mapLimit)
        #expect(svg.contains("href=\"../actors/a0/index.html\""), "the most connected actor is drawn")
        #expect(html.contains("Drawn here: the 40 most connected of the 120 actors with relations."))
        #expect(html.contains("<a href=\"../actors/index.html\">All actors</a>"))
        // The text list names only actors that are drawn.
        let drawn = Set(matches(of: "href=\"../actors/(a[0-9]+)/index.html\"", in: svg))
        let listed = Set(matches(of: "href=\"../actors/(a[0-9]+)/index.html\"", in: section(of: html, from: "</figure>", to: "</main>") ?? ""))
        #expect(listed.isSubset(of: drawn))
    }
}

@Suite("An actor's own diagram stays readable when it has many relations")
struct BusyActorDiagramTests {
    /// An actor with `count` relations of all types, some dated, to actors with names of all lengths.
    static func busy(_ count: Int) -> String {
        let types = ["member-of", "part-of", "leads", "allied-with", "opposed-to", "partner-of"]
        let names = ["Mali's military junta", "Russia", "Economic Community of West African States", "Wagner Group", "UN",
                     "Ibrahim Boubacar Keïta", "Islamic State in the Greater Sahara", "Chad", "French forces",
                     "The Coordination of Azawad Movements", "Burkina Faso", "MINUSMA", "Al-Qaeda", "Niger", "Algeria"]
        var files = "-- content/actors/hub.md --\n---\nname: Transitional Government of Mali\nkind: government\nrelations:\n"
        for index in 0..<count {
            files += "  - type: \(types[index % types.count])\n    actor: r\(index)\n"
            if index % 3 != 2 { files += "    since: \(2010 + index % 10)\n" }
            if index % 4 == 1 { files += "    until: 2023-05\n" }
        }
        files += "---\n"
        for index in 0..<count {
            files += "-- content/actors/r\(index).md --\n---\nname: \(names[index % names.count])\nkind: \(index % 2 == 0 ? "state" : "armed-group")\n---\n"
        }
        return files
    }

    @Test("no two labels of a 12-relation actor's diagram overlap")
    func labelsApart() throws {
        let html = try #require(renderSite(Self.busy(12))["actors/hub/index.html"])
        let svg = try #require(section(of: html, from: "<svg class=\"net net-ego\"", to: "</svg>"))
        let boxes = labelBoxes(svg)
        #expect(boxes.count == 1 + 12 + 12, "the centre, twelve actors and twelve edges have a label each")
        for (i, a) in boxes.enumerated() {
            for b in boxes[(i + 1)...] {
                #expect(!a.box.overlaps(b.box), "\(a.text) overlaps \(b.text)")
            }
        }
        // Every label is inside the drawing.
        let view = try #require(matches(of: "viewBox=\"([-0-9. ]+)\"", in: svg).first).split(separator: " ").compactMap { Double($0) }
        for label in boxes {
            #expect(label.box.x >= view[0] && label.box.y >= view[1] && label.box.maxX <= view[0] + view[2] && label.box.maxY <= view[1] + view[3],
                    "\(label.text) is cut off")
        }
    }

    @Test("an actor with more related actors than the diagram draws says how many more, and lists them all")
    func trimmed() throws {
        let html = mainContent(try #require(renderSite(Self.busy(15))["actors/hub/index.html"]))
        let svg = try #require(section(of: html, from: "<svg class=\"net net-ego\"", to: "</svg>"))
        #expect(occurrences(of: "<a href=", in: svg) == NetworkDiagram.egoLimit + 1)
        #expect(html.contains("<p class=\"network-more\">And 3 more related actors, all listed below.</p>"))
        #expect(svg.contains("And 3 more related actors, all listed below.</desc>"))
        let list = try #require(section(of: html, from: "<dl class=\"relations\">", to: "</dl>"))
        for index in 0..<15 { #expect(list.contains("href=\"../../actors/r\(index)/index.html\"")) }
    }
}

/// The texts of an SVG with the box each takes, from their position, anchor and lines.
private func labelBoxes(_ svg: String) -> [(text: String, box: LabelBox)] {
    let pattern = try! NSRegularExpression(pattern: "<text class=\"(net-label|net-edge-label)\" x=\"([-0-9.]+)\" y=\"([-0-9.]+)\" text-anchor=\"(\\w+)\">(.*?)</text>")
    let tspan = try! NSRegularExpression(pattern: "<tspan[^>]*>(.*?)</tspan>")
    let ns = svg as NSString
    return pattern.matches(in: svg, range: NSRange(location: 0, length: ns.length)).map { match in
        let group = { (index: Int) in ns.substring(with: match.range(at: index)) }
        let inner = group(5) as NSString
        let lines = tspan.matches(in: group(5), range: NSRange(location: 0, length: inner.length)).map {
            inner.substring(with: $0.range(at: 1)).replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&#39;", with: "'")
        }
        let node = group(1) == "net-label"
        // Names are measured as if bold (the centre's is): wider than they are, never narrower.
        let box = LabelBox.text(lines, x: Double(group(2))!, y: Double(group(3))!, anchor: group(4),
                                fontSize: node ? 14 : 12, lineHeight: node ? 16 : 14, bold: node)
        return (lines.joined(separator: " "), box)
    }
}

/// The first capture group of each match of `pattern` in `text`.
private func matches(of pattern: String, in text: String) -> [String] {
    let regex = try! NSRegularExpression(pattern: pattern)
    let ns = text as NSString
    return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) }
}
