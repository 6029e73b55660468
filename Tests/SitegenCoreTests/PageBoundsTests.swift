import Foundation
import Testing
@testable import SitegenCore

/// An inline site: `site.yaml` with `settings`, the given events (`(id, date)`), `articles`
/// articles published a day apart from 2020-01-01 and `notes` notes dated a day apart from 2019-01-01.
private func generatedSite(settings: String = "", events: [(String, String)] = [], articles: Int = 1, notes: Int = 0) -> String {
    var text = "-- content/site.yaml --\ntitle: Bounds\n\(settings)\n"
    for number in 0..<articles {
        let date = Calendar(identifier: .gregorian).date(byAdding: .day, value: number, to: Date(timeIntervalSince1970: 1_577_836_800))!
        let day = ISO8601DateFormatter().string(from: date).prefix(10)
        text += "-- content/articles/a\(number).md --\n---\ntitle: Article \(number)\noutlet: The Wire\npublished: \(day)\n---\nReport \(number) [@a\(number)].\n"
    }
    for number in 0..<notes {
        let date = Calendar(identifier: .gregorian).date(byAdding: .day, value: number, to: Date(timeIntervalSince1970: 1_546_300_800))!
        let day = ISO8601DateFormatter().string(from: date).prefix(10)
        text += "-- content/notes/n\(number).md --\n---\ntitle: Note \(number)\ndate: \(day)\n---\nNote \(number) [@a0].\n"
    }
    if !events.isEmpty {
        text += "-- content/events/all.yaml --\n"
        for (id, date) in events { text += "- id: \(id)\n  date: \(date)\n  title: Event \(id)\n  sources: [a0]\n" }
    }
    return text
}

/// The output path a relative link of the page at `path` leads to, and its fragment.
private func target(of href: String, from path: String) -> (path: String, fragment: String?) {
    let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
    var folders = path.split(separator: "/").dropLast().map(String.init)
    for piece in parts[0].split(separator: "/", omittingEmptySubsequences: false) {
        if piece == ".." { folders.removeLast() } else if piece != "." && !piece.isEmpty { folders.append(String(piece)) }
    }
    var resolved = folders.joined(separator: "/")
    if parts[0].isEmpty {
        resolved = path
    } else if !(folders.last ?? "").contains(".") {
        resolved += resolved.isEmpty ? "index.html" : "/index.html"
    }
    return (resolved, parts.count > 1 ? String(parts[1]) : nil)
}

/// The output paths the links of the page at `path` lead to.
private func linkedPages(_ html: String, from path: String) -> Set<String> {
    Set(linkTargets(in: html).filter { !$0.contains("://") }.map { target(of: $0, from: path).path })
}

/// Every internal link of every page that does not lead to a page of `output`, or to an `id` on it.
private func brokenLinks(_ output: [String: String]) -> [String] {
    var broken: [String] = []
    for (path, html) in output where path.hasSuffix(".html") && path != "404.html" {
        for href in linkTargets(in: html) where !href.contains("://") && !href.hasPrefix("mailto:") && !href.hasPrefix("assets/") && !href.contains("/assets/") {
            let (file, fragment) = target(of: href, from: path)
            guard let page = output[file] else { broken.append("\(path) → \(href) (no \(file))"); continue }
            if let fragment, !fragment.isEmpty, !elementIDs(in: page).contains(fragment) { broken.append("\(path) → \(href) (no #\(fragment))") }
        }
    }
    return broken.sorted()
}

/// The `<li>` items of the first list (`ul`, or `tag`) of class `class` in `html`.
private func listItems(_ html: String, class name: String, tag: String = "ul") -> Int {
    guard let list = section(of: html, from: "<\(tag) class=\"\(name)\">", to: "</\(tag)>") else { return 0 }
    return occurrences(of: "<li>", in: list)
}

/// Twelve events, four in each of 2021, 2022 and 2023: more than a `list_limit` of 10.
private let threeYears = (1...4).flatMap { [("start-\($0)", "2021"), ("middle-\($0)", "2022-06"), ("end-\($0)", "2023-01-0\($0)")] }

/// A site with `list_limit: 10` where the actor `mali` takes part in 25 events (one a day from
/// 2022-01-01), is mentioned by 12 articles and 12 notes, and the actor `niger` in one event.
private func busyActorSite(settings: String = "") -> String {
    var text = "-- content/site.yaml --\ntitle: Bounds\nlist_limit: 10\n\(settings)\n"
    text += "-- content/actors/mali.md --\n---\nname: Mali\nkind: state\n---\n"
    text += "-- content/actors/niger.md --\n---\nname: Niger\nkind: state\n---\n"
    for number in 0..<12 {
        text += "-- content/articles/a\(number).md --\n---\ntitle: Article \(number)\noutlet: The Wire\npublished: 2021-01-\(String(format2: number + 1))\n---\n"
            + "[Mali](actor:mali) acted [@a\(number)].\n"
        text += "-- content/notes/n\(number).md --\n---\ntitle: Note \(number)\nabout: [actor:mali]\n---\nOn Mali [@a0].\n"
    }
    text += "-- content/events/all.yaml --\n"
    for day in 1...25 {
        text += "- id: day-\(day)\n  date: 2022-01-\(String(format2: day))\n  title: Day \(day)\n  actors: [mali]\n  sources: [a0]\n"
    }
    text += "- id: niger-day\n  date: 2022-02-01\n  title: Niger's day\n  actors: [niger]\n  sources: [a0]\n"
    return text
}

@Suite("Pages bounded: long lists split into pages a phone can open")
struct PageBoundsTests {
    @Test("a timeline longer than list_limit, with events in three years, has a page per year, linked from each other and from the list of years")
    func timelinePagePerYear() throws {
        let output = renderSite(generatedSite(settings: "list_limit: 10", events: threeYears))
        for year in ["2021", "2022", "2023"] {
            let page = try #require(output["timeline/\(year)/index.html"], "no page for \(year)")
            let others = ["2021", "2022", "2023"].filter { $0 != year }
            let linked = linkedPages(page, from: "timeline/\(year)/index.html")
            for other in others { #expect(linked.contains("timeline/\(other)/index.html"), "\(year) does not link \(other)") }
            #expect(visibleText(mainContent(page)).contains("Timeline: \(year)"))
        }
        let overview = try #require(output["timeline/index.html"])
        #expect(linkedPages(mainContent(overview), from: "timeline/index.html")
            == ["timeline/2021/index.html", "timeline/2022/index.html", "timeline/2023/index.html"])
        #expect(elementIDs(in: try #require(output["timeline/2022/index.html"])).contains("middle-1"))
        #expect(!elementIDs(in: try #require(output["timeline/2022/index.html"])).contains("start-1"))
        #expect(occurrences(of: "class=\"event-item\"", in: try #require(output["timeline/2022/index.html"])) == 4)
        #expect(occurrences(of: "class=\"event-item\"", in: overview) == 0)
        #expect(brokenLinks(output) == [])
    }

    @Test("an event page links to its year's timeline page, at the event")
    func eventLinksToItsPlace() throws {
        let output = renderSite(generatedSite(settings: "list_limit: 10", events: threeYears))
        let event = try #require(output["events/middle-2/index.html"])
        #expect(event.contains("href=\"../../timeline/2022/index.html#middle-2\""))
        #expect(brokenLinks(output) == [])
    }

    @Test("a timeline within list_limit stays one page, every event on it")
    func smallTimelineIsOnePage() throws {
        let output = renderSite(generatedSite(events: threeYears))
        #expect(output.keys.filter { $0.hasPrefix("timeline/") } == ["timeline/index.html"])
        #expect(occurrences(of: "class=\"event-item\"", in: try #require(output["timeline/index.html"])) == 12)
        #expect(try #require(output["events/middle-2/index.html"]).contains("href=\"../../timeline/index.html#middle-2\""))
    }

    @Test("a year with more events than list_limit gets a page per month, and a month with more gets numbered pages")
    func monthsOfABusyYear() throws {
        var events = [("only-year", "2023"), ("other-year", "2022-04-01")]
        events += (1...12).map { ("march-\($0)", "2023-03-\(String(format2: $0))") }
        events += (1...3).map { ("may-\($0)", "2023-05-\(String(format2: $0))") }
        let output = renderSite(generatedSite(settings: "list_limit: 10", events: events))
        #expect(output["timeline/2023/03/index.html"] != nil)
        #expect(output["timeline/2023/03/page/2/index.html"] != nil)
        #expect(output["timeline/2023/05/index.html"] != nil)
        #expect(output["timeline/2022/04/index.html"] == nil, "2022 has one event: one page for the year")
        let year = try #require(output["timeline/2023/index.html"])
        #expect(elementIDs(in: year).contains("only-year"))
        let linked = linkedPages(year, from: "timeline/2023/index.html")
        #expect(linked.contains("timeline/2023/03/index.html") && linked.contains("timeline/2023/05/index.html"))
        #expect(occurrences(of: "class=\"event-item\"", in: try #require(output["timeline/2023/03/index.html"])) == 10)
        #expect(occurrences(of: "class=\"event-item\"", in: try #require(output["timeline/2023/03/page/2/index.html"])) == 2)
        #expect(try #require(output["events/march-12/index.html"]).contains("timeline/2023/03/page/2/index.html#march-12"))
        #expect(brokenLinks(output) == [])
    }

    @Test("the articles index of 25 articles with list_limit 10 is three pages, every article once, with links between them")
    func articlesIndexSplit() throws {
        let output = renderSite(generatedSite(settings: "list_limit: 10", articles: 25))
        let pages = ["articles/index.html", "articles/page/2/index.html", "articles/page/3/index.html"]
        let counts = try pages.map { listItems(try #require(output[$0]), class: "link-list") }
        #expect(counts == [10, 10, 5])
        #expect(output["articles/page/4/index.html"] == nil)
        let listed = pages.flatMap { page in
            linkTargets(in: section(of: output[page]!, from: "<ul class=\"link-list\">", to: "</ul>") ?? "").map { target(of: $0, from: page).path }
        }
        #expect(listed.count == 25 && Set(listed).count == 25)
        let second = try #require(output["articles/page/2/index.html"])
        #expect(second.contains("Page 2 of 3"))
        #expect(second.contains("<title>Articles, page 2 – Bounds</title>"))
        #expect(second.contains("rel=\"prev\"") && second.contains("rel=\"next\""))
        #expect(brokenLinks(output) == [])
    }

    @Test("a site with 60 articles and feed_limit 10 has the 10 newest in its feed; notes are entries too")
    func feedLimit() throws {
        let output = renderSite(generatedSite(settings: "base_url: https://example.org/\nfeed_limit: 10", articles: 60))
        let feed = try #require(output["feed.xml"])
        #expect(occurrences(of: "<entry>", in: feed) == 10)
        #expect(feed.contains("<title>Article 59</title>") && !feed.contains("<title>Article 49</title>"))
        let titles = feed.components(separatedBy: "<entry>").dropFirst().compactMap { section(of: $0, from: "<title>", to: "</title>") }
        #expect(titles == (50...59).reversed().map { "Article \($0)" }, "newest first")

        let withNote = generatedSite(settings: "base_url: https://example.org/", articles: 60)
            + "-- content/notes/latest.md --\n---\ntitle: The latest note\ndate: 2030-01-01\n---\nNew [@a0].\n"
        let defaultFeed = try #require(renderSite(withNote)["feed.xml"])
        #expect(occurrences(of: "<entry>", in: defaultFeed) == 50)
        let first = try #require(section(of: defaultFeed, from: "<entry>", to: "</entry>"))
        #expect(first.contains("<title>The latest note</title>") && first.contains("https://example.org/notes/latest/"))
    }

    @Test("the sitemap lists every page of the split lists")
    func sitemapListsEveryPage() throws {
        let output = renderSite(generatedSite(settings: "base_url: https://example.org/\nlist_limit: 10", events: threeYears, articles: 25))
        #expect(output["timeline/2021/index.html"] != nil && output["articles/page/3/index.html"] != nil)
        let sitemap = try #require(output["sitemap.xml"])
        for path in output.keys where path.hasSuffix("index.html") {
            #expect(sitemap.contains("<loc>https://example.org/\(path.dropLast("index.html".count))</loc>"), "\(path) is not in the sitemap")
        }
        #expect(brokenLinks(output) == [])
    }

    @Test("the home page lists the first ten notes and links to all of them")
    func homeBounded() throws {
        let output = renderSite(generatedSite(articles: 1, notes: 15))
        let home = try #require(output["index.html"])
        let notes = try #require(section(of: home, from: "<ul class=\"card-list\">", to: "</ul>"))
        #expect(occurrences(of: "<li>", in: notes) == 10)
        #expect(home.contains("All 15 explainers"))
    }

    @Test("the home page shows the first 20 actors of each kind, in the actors' order, and links to all of them")
    func homeActorsBounded() throws {
        var site = generatedSite(articles: 1)
        for number in 0..<25 { site += "-- content/actors/p\(number).md --\n---\nname: Person \(String(format2: number))\nkind: person\n---\n" }
        for name in ["Niger", "Mali", "Chad"] { site += "-- content/actors/\(name.lowercased()).md --\n---\nname: \(name)\nkind: state\n---\n" }
        let home = try #require(renderSite(site)["index.html"])
        let people = try #require(section(of: home, from: "<h3 id=\"home_kind_person\">", to: "</ul>"))
        #expect(occurrences(of: "<li>", in: people) == 20)
        #expect(people.contains(">Person 00</a>") && people.contains(">Person 19</a>") && !people.contains(">Person 20</a>"), "the first twenty by name")
        let states = try #require(section(of: home, from: "<h3 id=\"home_kind_state\">", to: "</ul>"))
        #expect(linkTargets(in: states) == ["actors/chad/index.html", "actors/mali/index.html", "actors/niger/index.html"])
        #expect(home.contains("All 28 actors"))
        // With no kind over the limit, no link to the rest.
        let few = try #require(renderSite(generatedSite(articles: 1) + "-- content/actors/mali.md --\n---\nname: Mali\nkind: state\n---\n")["index.html"])
        #expect(few.contains(">Mali</a>") && !few.contains("All 1 actors") && !few.contains("All actors: 1"))
    }

    @Test("an actor in 25 events with list_limit 10 shows its latest 10 and links to all 25, on pages of their own")
    func actorEventsBounded() throws {
        let output = renderSite(busyActorSite())
        let actor = try #require(output["actors/mali/index.html"])
        #expect(listItems(actor, class: "event-titles", tag: "ol") == 10)
        #expect(actor.contains(">Day 25</a>") && actor.contains(">Day 16</a>") && !actor.contains(">Day 15</a>"), "the latest ten")
        #expect(actor.contains("<a href=\"../../actors/mali/events/index.html\">See all 25</a>"))
        let pages = ["actors/mali/events/index.html", "actors/mali/events/page/2/index.html", "actors/mali/events/page/3/index.html"]
        #expect(try pages.map { listItems(try #require(output[$0]), class: "event-titles", tag: "ol") } == [10, 10, 5])
        #expect(output["actors/mali/events/page/4/index.html"] == nil)
        let listed = pages.flatMap { page in
            linkTargets(in: section(of: output[page]!, from: "<ol class=\"event-titles\">", to: "</ol>") ?? "").map { target(of: $0, from: page).path }
        }
        #expect(Set(listed) == Set((1...25).map { "events/day-\($0)/index.html" }), "every event is on one of the pages")
        let first = try #require(output["actors/mali/events/index.html"])
        #expect(first.contains("<title>Mali: Timeline – Bounds</title>") && first.contains("Page 1 of 3"))
        #expect(linkedPages(first, from: "actors/mali/events/index.html").contains("actors/mali/index.html"), "the list links back to the actor")
        #expect(try #require(output["actors/mali/events/page/2/index.html"]).contains("<title>Mali: Timeline, page 2 – Bounds</title>"))
        #expect(brokenLinks(output) == [])
    }

    @Test("an actor mentioned by 12 articles and 12 notes lists the first 10 of each, and the pages of its lists hold all of them")
    func actorMentionsBounded() throws {
        let output = renderSite(busyActorSite())
        let actor = try #require(output["actors/mali/index.html"])
        let notes = try #require(section(of: actor, from: "id=\"notes_heading\"", to: "</section>"))
        #expect(occurrences(of: "<li>", in: notes) == 10 && notes.contains("<a href=\"../../actors/mali/notes/index.html\">See all 12</a>"))
        let mentions = try #require(section(of: actor, from: "id=\"backlinks_heading\"", to: "</section>"))
        #expect(occurrences(of: "<li>", in: mentions) == 10 && mentions.contains("<a href=\"../../actors/mali/articles/index.html\">See all 12</a>"))
        for (list, prefix) in [("notes", "notes/n"), ("articles", "articles/a")] {
            let pages = ["actors/mali/\(list)/index.html", "actors/mali/\(list)/page/2/index.html"]
            let listed = try pages.flatMap { page in
                let html = try #require(output[page], "no \(page)")
                return linkTargets(in: section(of: html, from: "<ul class=\"link-list\">", to: "</ul>") ?? "").map { target(of: $0, from: page).path }
            }
            #expect(Set(listed) == Set((0..<12).map { "\(prefix)\($0)/index.html" }), "all of \(list)")
            #expect(listed.count == 12)
        }
        #expect(brokenLinks(output) == [])
    }

    @Test("an actor within list_limit has every entry on its page and no list pages; the sitemap names the list pages")
    func smallActorUnchanged() throws {
        let output = renderSite(busyActorSite(settings: "base_url: https://example.org/"))
        let niger = try #require(output["actors/niger/index.html"])
        #expect(listItems(niger, class: "event-titles", tag: "ol") == 1 && !niger.contains("See all"))
        #expect(!output.keys.contains { $0.hasPrefix("actors/niger/") && $0 != "actors/niger/index.html" })
        #expect(output["actors/mali/actors/index.html"] == nil, "a list of no entries has no pages")
        let sitemap = try #require(output["sitemap.xml"])
        for path in ["actors/mali/events/", "actors/mali/events/page/3/", "actors/mali/notes/page/2/", "actors/mali/articles/"] {
            #expect(sitemap.contains("<loc>https://example.org/\(path)</loc>"), "\(path) is not in the sitemap")
        }
    }

    @Test("feed_limit and list_limit must be whole numbers, said at their line")
    func badLimits() {
        let problems = errors(diagnostics(of: "-- content/site.yaml --\ntitle: Bad\nfeed_limit: none\nlist_limit: 3\n"))
        #expect(problems.map(\.location.line) == [2, 3])
        #expect(problems.first?.message.contains("`feed_limit` must be a whole number") == true)
    }
}
