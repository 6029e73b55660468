import Foundation
import Testing
@testable import SitegenCore

/// `sitegen serve` keeps the list of pages and the sitemap of its last build and patches them with
/// what an edit changed (``PageList``, ``Sitemap/patch(_:changedValues:site:)``) instead of listing
/// and sorting every page again: they are then what a cold build lists and writes, and the pages
/// added and removed are exactly those one list has and the other not.
@Suite struct PageListTests {
    /// The list of pages and the sitemap of the last site patched with `step`'s edit, compared with
    /// those made whole from the resolver's site; `patchedValues` patches as after an edit of
    /// values only (``ResolvePatch/patch(_:raw:changedValues:changedPaths:includeDrafts:)``).
    func expectPatched(_ step: ResolvePatchTests.Step, sitemapLimit: Int = Sitemap.protocolLimit, patchedValues: Bool = false, _ context: String = "",
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let (old, new) = (step.old, step.cold)
        let (oldPaging, wholePaging) = (TimelinePaging(site: old, limit: old.config.listLimit), TimelinePaging(site: new, limit: new.config.listLimit))
        // The timeline's pages, made again for the years of the changed events only, when the session does so.
        let events = step.changedValues.filter { $0.kind == .event }.map(\.id)
        let newPaging = TimelinePaging(patching: oldPaging, site: new, limit: new.config.listLimit, changed: events) ?? wholePaging
        Self.expectSame(newPaging, wholePaging, "\(context): the timeline's pages", sourceLocation: sourceLocation)
        let before = PageList(site: old, paging: oldPaging)
        var pages = before
        let difference = pages.update(to: new, paging: newPaging, from: patchedValues ? nil : old, changedValues: step.changedValues)
        #expect(pages.ids == PageKind.all.map { $0.pageIDs(in: new, timelinePaging: newPaging) }, "\(context): the pages", sourceLocation: sourceLocation)
        #expect(pages.count == PageList(site: new, paging: newPaging).count, sourceLocation: sourceLocation)
        let (pathsBefore, pathsAfter) = (Set(before.paths), Set(pages.paths))
        #expect(Set(difference.added.map(\.path)) == pathsAfter.subtracting(pathsBefore), "\(context): the pages added", sourceLocation: sourceLocation)
        #expect(Set(difference.removed.map(\.path)) == pathsBefore.subtracting(pathsAfter), "\(context): the pages removed", sourceLocation: sourceLocation)
        // The same from the site patched in place, the last one seen through it (as the session does).
        if !patchedValues, let relinked = step.patchedWithWhatItReplaced(sourceLocation: sourceLocation) {
            let (patched, replaced) = relinked
            var fromPatch = before
            let differenceFromPatch = fromPatch.update(to: patched, paging: newPaging, from: ResolvePatch.SiteBefore(site: patched, relinking: replaced),
                                                       changedValues: step.changedValues)
            #expect(fromPatch.ids == pages.ids, "\(context): the pages, from the patched site", sourceLocation: sourceLocation)
            #expect(differenceFromPatch.added.map(\.path) == difference.added.map(\.path)
                        && differenceFromPatch.removed.map(\.path) == difference.removed.map(\.path), "\(context): the pages added and removed, from the patched site",
                    sourceLocation: sourceLocation)
        }

        let base = "https://example.org/"
        var sitemap = Sitemap(site: old, base: base, limit: sitemapLimit)
        let count = sitemap.count(after: difference)
        _ = sitemap.patch(difference, changedValues: step.changedValues, site: new)
        let cold = Sitemap(site: new, base: base, limit: sitemapLimit)
        #expect(sitemap.count == count && sitemap.paths == Sitemap.paths(count: count, limit: sitemapLimit), sourceLocation: sourceLocation)
        #expect(sitemap.entries == cold.entries, "\(context): the sitemap's lines", sourceLocation: sourceLocation)
        #expect(Self.files(sitemap) == Self.files(cold), "\(context): the sitemap's files", sourceLocation: sourceLocation)
    }

    static func expectSame(_ paging: TimelinePaging, _ whole: TimelinePaging, _ context: String, sourceLocation: Testing.SourceLocation) {
        #expect(paging.periods.map { [$0.id, "\($0.year)", "\($0.month ?? 0)", "\($0.part)"] + $0.events }
                    == whole.periods.map { [$0.id, "\($0.year)", "\($0.month ?? 0)", "\($0.part)"] + $0.events }, "\(context)", sourceLocation: sourceLocation)
        #expect(paging.splitYears == whole.splitYears && paging.yearCounts == whole.yearCounts, "\(context)", sourceLocation: sourceLocation)
        #expect(paging.periodIndex == whole.periodIndex && paging.eventPeriod == whole.eventPeriod, "\(context)", sourceLocation: sourceLocation)
    }

    static func files(_ sitemap: Sitemap) -> [OutputFile] {
        var files: [OutputFile] = []
        sitemap.files { files.append($0) }
        return files
    }

    @Test func aNewNoteADeletedNoteAndAnAppendedEventPatchThePagesAndTheSitemapAsAColdBuildListsThem() throws {
        let site = try ResolvePatchTests.generatedSite()
        let events = "content/events/file-1.yaml"
        let eventsText = try String(contentsOf: site.root.appendingPathComponent(events), encoding: .utf8)
        expectPatched(try ResolvePatchTests.Step(site) {
            try site.write("content/notes/a-new-note.md", "---\ntitle: A new note\norder: 3\nabout: [actor:actor-1, event:event-2]\n---\n<!-- uncited -->\nOn [the third article](article:article-3).\n")
        }, "a new note")
        expectPatched(try ResolvePatchTests.Step(site) { try site.remove("content/notes/note-5.md") }, "a deleted note")
        expectPatched(try ResolvePatchTests.Step(site) {
            try site.write(events, eventsText + "\n- id: appended\n  date: 2020-06-15\n  title: Appended\n  summary: \"With [one](actor:actor-3) [@article-2].\"\n  actors: [actor-1, actor-2]\n  sources:\n    - article: article-5\n")
        }, "an appended event")
    }

    /// The first actor takes part in every other event and every note links it: its lists are cut
    /// into pages (`actors/actor-1/events/page/2/`), which come and go with what references it.
    @Test func anActorsListPagesComeAndGoWithWhatReferencesIt() throws {
        let site = try ResolvePatchTests.generatedSite()
        var step = try ResolvePatchTests.Step(site) {
            for number in 1...12 {
                try site.write("content/notes/more-\(number).md", "---\ntitle: More \(number)\norder: \(20 + number)\n---\n<!-- uncited -->\nOn [the first actor](actor:actor-1).\n")
            }
        }
        #expect(step.cold.backlinks(to: Ref(.actor, "actor-1"), ofKind: .note).count > 20)
        expectPatched(step, "notes linking actor-1 added")
        step = try ResolvePatchTests.Step(site) {
            for number in 1...12 { try site.remove("content/notes/more-\(number).md") }
        }
        expectPatched(step, "those notes removed")
        // An actor that comes with its own references, and goes.
        step = try ResolvePatchTests.Step(site) {
            try site.write("content/actors/a-new-actor.md", "---\nname: Aardvark Front\nkind: armed-group\nrelations:\n  - type: allied-with\n    actor: actor-1\n---\n<!-- uncited -->\nClose to [actor 1](actor:actor-1).\n")
        }
        expectPatched(step, "an actor added")
        step = try ResolvePatchTests.Step(site) { try site.remove("content/actors/a-new-actor.md") }
        expectPatched(step, "the actor removed")
    }

    @Test func anArticlesNewDateIsItsLastmodInThePatchedSitemap() throws {
        let site = try ResolvePatchTests.generatedSite()
        let path = "content/articles/article-2.md"
        let text = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
        let step = try ResolvePatchTests.Step(site) {
            try site.write(path, text.replacingOccurrences(of: "published: ", with: "updated: 2024-12-31\npublished: "))
        }
        #expect(step.changedValues == [Ref(.article, "article-2")])
        expectPatched(step, patchedValues: true, "an article's date")
        var sitemap = Sitemap(site: step.old, base: "https://example.org/")
        let changed = sitemap.patch(PageList.Difference(), changedValues: step.changedValues, site: step.cold)
        #expect(changed, "the sitemap changed")
        #expect(sitemap.entries.contains { $0.line.contains("articles/article-2/</loc><lastmod>2024-12-31</lastmod>") })
    }

    /// Past its limit of URLs the sitemap is an index of parts: pages added and removed move the
    /// lines across the parts, add a part or take one away, as a cold build splits them.
    @Test func pastItsLimitTheSitemapIsSplitAsAColdBuildSplitsItAfterPagesComeAndGo() throws {
        let site = try ResolvePatchTests.generatedSite()
        let count = Sitemap(site: try ResolvePatchTests.Step(site) {}.old, base: "https://example.org/").count
        var step = try ResolvePatchTests.Step(site) {
            for number in 1...7 {
                try site.write("content/articles/added-\(number).md", "---\ntitle: Added \(number)\noutlet: Outlet 1\npublished: 2021-0\(number)-04\n---\nOn [actor 2](actor:actor-2) [@added-\(number)].\n")
            }
        }
        // Split before and after, one part more, and from one file to an index.
        for limit in [10, 7, count - 3, count] { expectPatched(step, sitemapLimit: limit, "7 articles added, a part holding \(limit)") }
        #expect(Sitemap.paths(count: count, limit: count) == ["sitemap.xml"])
        #expect(Sitemap.paths(count: count + 7, limit: count) == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"])
        step = try ResolvePatchTests.Step(site) {
            for number in 1...7 { try site.remove("content/articles/added-\(number).md") }
            try site.remove("content/notes/note-5.md")
        }
        for limit in [10, 7, count + 7, count] { expectPatched(step, sitemapLimit: limit, "7 articles and a note removed, a part holding \(limit)") }
        let split = Self.files(Sitemap(site: step.old, base: "https://example.org/", limit: 10))
        #expect(split.map(\.path) == ["sitemap.xml"] + (1...((count + 16) / 10)).map { "sitemap-\($0).xml" })
        #expect(String(decoding: split[0].contents, as: UTF8.self).contains("<sitemap><loc>https://example.org/sitemap-2.xml</loc></sitemap>"))
    }

    @Test func randomEditsPatchThePagesAndTheSitemapAsAColdBuildListsThem() throws {
        let site = try ResolvePatchTests.generatedSite()
        let seed = NeverStaleTests.seed
        var random = SeededRandom(seed: seed)
        var original: [String: Data] = [:]
        for path in FileSystem.disk(root: site.root).listFiles("content") { original[path] = FileManager.default.contents(atPath: site.root.path + "/" + path) }
        var editor = SiteEditor(root: site.root, original: original)
        var (compared, broken) = (0, false)
        for number in 1...150 {
            var edit = ""
            // A broken site is mended most of the time, as an editor does.
            let mends = broken && Int.random(in: 0..<3, using: &random) > 0
            let step = try ResolvePatchTests.Step(site) { edit = try mends ? editor.mend(using: &random) : editor.randomEdit(using: &random) }
            broken = !step.after.brokenRefs.isEmpty || step.coldProblems.contains { $0.severity == .error }
            // The session patches the last good site into a good one, with the same settings (else everything is listed again).
            guard !broken, !step.oldProblems.contains(where: { $0.severity == .error }), !step.changedPaths.contains(where: BuildSession.isGlobal) else { continue }
            compared += 1
            expectPatched(step, sitemapLimit: 25, "seed \(seed) (SITEGEN_NEVER_STALE_SEED), step \(number): \(edit)")
        }
        #expect(compared >= 20, "seed \(seed): only \(compared) of 150 edits compared")
    }

    /// Through the server's session (``EditRun`` compares every file with a cold build's, byte for
    /// byte): the sitemap after pages come and go, and `robots.txt`, which reads only the settings
    /// and stays whatever the edit, with the site's address or without it.
    @Test func theServedSitemapAndRobotsTxtAreTheColdBuildsAfterPagesComeAndGo() throws {
        let site = try ResolvePatchTests.generatedSite()
        let run = try EditRun(root: site.root, seed: 1, steps: 0)
        func served(_ path: String) -> String? {
            FileManager.default.contents(atPath: run.live.appendingPathComponent(path).path).map { String(decoding: $0, as: UTF8.self) }
        }
        try run.compare(step: 0, edit: "first build")
        try site.write("content/articles/added.md", "---\ntitle: Added\noutlet: Outlet 1\npublished: 2021-05-04\n---\nOn [actor 2](actor:actor-2) [@added].\n")
        #expect(try !run.compare(step: 1, edit: "an article added", hinted: true))
        #expect(served("sitemap.xml")?.contains("<loc>https://example.org/articles/added/</loc><lastmod>2021-05-04</lastmod>") == true)
        try site.remove("content/notes/note-5.md")
        #expect(try !run.compare(step: 2, edit: "a note deleted"))
        #expect(served("sitemap.xml")?.contains("notes/note-5/") == false)
        let settings = try String(contentsOf: site.root.appendingPathComponent("content/site.yaml"), encoding: .utf8)
        try site.write("content/site.yaml", settings.replacingOccurrences(of: "base_url: https://example.org/\n", with: ""))
        #expect(try !run.compare(step: 3, edit: "no base_url", hinted: true))
        try site.remove("content/articles/added.md")
        #expect(try !run.compare(step: 4, edit: "the article removed", hinted: true))
        #expect(served("sitemap.xml") == nil && served("feed.xml") == nil && served("robots.txt") == "User-agent: *\nAllow: /\n")
        try site.write("content/site.yaml", settings)
        #expect(try !run.compare(step: 5, edit: "base_url again", hinted: true))
        try site.write("content/articles/added.md", "---\ntitle: Added again\noutlet: Outlet 1\npublished: 2022-05-04\n---\nOn [actor 2](actor:actor-2) [@added].\n")
        #expect(try !run.compare(step: 6, edit: "the article added again", hinted: true))
        #expect(served("robots.txt")?.hasSuffix("Sitemap: https://example.org/sitemap.xml\n") == true)
    }

    /// The timeline of the generated site is split by year and month (`list_limit: 10`): an event
    /// appended, moved to another year or removed pages again only its years, as a whole paging
    /// pages them; an event in a year that had none adds periods, which the whole paging makes.
    @Test func theTimelinesPagesAreMadeAgainForTheChangedEventsYearsAsAWholePagingMakesThem() throws {
        let site = try ResolvePatchTests.generatedSite()
        let path = "content/events/file-1.yaml"
        let text = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
        func event(_ id: String, _ date: String) -> String {
            "\n- id: \(id)\n  date: \(date)\n  title: \(id)\n  actors: [actor-2]\n  sources:\n    - article: article-5\n"
        }
        let edits: [(String, String, Bool)] = [
            ("an event appended", text + event("appended", "2020-06-15"), true),
            ("two events in two years", text + event("appended", "2020-06-15") + event("another", "2021-02"), false),
            ("an event dated by its year only", text + event("appended", "2019"), true),
            ("an event moved to another year", try Self.redating("event-20", in: text, to: "2019-03-03"), false),
            ("an event in a year that had none", text + event("appended", "2031-01-01"), false),
        ]
        for (name, edited, patchable) in edits {
            let step = try ResolvePatchTests.Step(site) { try site.write(path, edited) }
            let limit = step.cold.config.listLimit
            let (old, whole) = (TimelinePaging(site: step.old, limit: limit), TimelinePaging(site: step.cold, limit: limit))
            #expect(whole.isSplit && whole.splitYears.count >= 2, "\(name)")
            let events = step.changedValues.filter { $0.kind == .event }.map(\.id)
            let patched = TimelinePaging(patching: old, site: step.cold, limit: limit, changed: events)
            if patchable { #expect(patched != nil, "\(name): paged again year by year") }
            if let patched { Self.expectSame(patched, whole, name, sourceLocation: #_sourceLocation) }
            expectPatched(step, name)
            try site.write(path, text)
        }
    }

    /// `text` (an events file) with the event `id` dated `date`.
    static func redating(_ id: String, in text: String, to date: String) throws -> String {
        let start = try #require(text.range(of: "id: \(id)\n  date: "))
        let end = try #require(text[start.upperBound...].firstIndex(of: "\n"))
        return text.replacingCharacters(in: start.upperBound..<end, with: date)
    }

    @Test func theEntityPageAtAPathIsFoundOnlyWhenTheSiteHasIt() throws {
        let site = try ResolvePatchTests.generatedSite()
        let resolved = try ResolvePatchTests.Step(site) {}.old
        #expect(PageList.entityPage(at: "actors/actor-1/index.html", in: resolved)?.id == "actor-1")
        #expect(PageList.entityPage(at: "events/event-3/index.html", in: resolved).map { PageKind.all[$0.kind].template } == "event")
        for path in ["actors/nobody/index.html", "actors/actor-1/events/index.html", "actors/index.html", "timeline/index.html", "index.html", "404.html"] {
            #expect(PageList.entityPage(at: path, in: resolved) == nil, "\(path)")
        }
    }
}
