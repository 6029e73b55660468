import Foundation
import Testing
@testable import SitegenCore

/// The incremental build of `sitegen serve` (``BuildSession``) never serves a stale page: after
/// each edit of a random sequence (change, add, delete and rename articles, actors, events and
/// notes, append events, edit a template and site.yaml, break a file and mend it), the folder the
/// session keeps up to date holds exactly the files, byte for byte, that a cold `build()` of the
/// same content writes, and the two report the same problems.
///
/// `SITEGEN_NEVER_STALE_STEPS` sets the number of edits per site (a longer run), and
/// `SITEGEN_NEVER_STALE_SEED` replays a run whose seed a failure printed.
@Suite struct NeverStaleTests {
    static var steps: Int { ProcessInfo.processInfo.environment["SITEGEN_NEVER_STALE_STEPS"].flatMap(Int.init) ?? 100 }
    static var seed: UInt64 {
        ProcessInfo.processInfo.environment["SITEGEN_NEVER_STALE_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 1...999_999)
    }

    @Test func theDemoSiteServedIncrementallyMatchesAColdBuildAfterEveryRandomEdit() throws {
        let site = try TestSite(copying: demoSiteFolder)
        try EditRun(root: site.root, seed: Self.seed, steps: Self.steps).run()
    }

    @Test func aGeneratedSiteWithSplitListsMatchesAColdBuildAfterEveryRandomEdit() throws {
        let site = try TestSite(copying: demoSiteFolder)
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content"))
        var generator = SeededRandom(seed: 7)
        for (path, text) in GeneratedSite.files(using: &generator) {
            try site.write(path, text)
        }
        try EditRun(root: site.root, seed: Self.seed, steps: Self.steps).run()
    }

    @Test func anEditThatOnlyEncodesALetterOtherwiseIsServedAsAColdBuildWritesIt() throws {
        // "Südmark" with its ü composed (U+00FC) and decomposed (u, U+0308): equal as Swift
        // Strings, other bytes on every page that shows the name.
        let site = try TestSite(copying: demoSiteFolder)
        let run = try EditRun(root: site.root, seed: 1, steps: 0)
        try run.compare(step: 0, edit: "first build")
        let path = "content/actors/sudmark.md"
        let text = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
        #expect(text.contains("name: Sudmark\n"))
        let composed = text.replacingOccurrences(of: "name: Sudmark\n", with: "name: S\u{FC}dmark\n", options: .literal)
        let decomposed = text.replacingOccurrences(of: "name: Sudmark\n", with: "name: Su\u{308}dmark\n", options: .literal)
        #expect(decomposed == composed && decomposed.utf8.count == composed.utf8.count + 1)
        try site.write(path, composed)
        try run.compare(step: 1, edit: "the actor's name with a composed ü")
        try site.write(path, decomposed)
        try run.compare(step: 2, edit: "the actor's name with its ü decomposed")
        try site.write(path, composed)
        try run.compare(step: 3, edit: "the actor's name composed again")
        // The same for an event, one of several in its file.
        let events = "content/events/background.yaml"
        let list = try String(contentsOf: site.root.appendingPathComponent(events), encoding: .utf8)
        #expect(list.contains("title: First joint survey of the river\n"))
        try site.write(events, list.replacingOccurrences(of: "title: First joint survey of the river\n", with: "title: Premi\u{E8}re survey of the river\n"))
        try run.compare(step: 4, edit: "an event's title with a composed è")
        try site.write(events, list.replacingOccurrences(of: "title: First joint survey of the river\n", with: "title: Premie\u{300}re survey of the river\n"))
        try run.compare(step: 5, edit: "the event's title with its è decomposed")
        // Events written on one line (a flow list) share the line's bytes. Years apart, so that
        // neither page shows the other (their previous and next links go to other events).
        let flow = "content/events/flow.yaml"
        func flowList(_ title: String) -> String {
            // The title last: the places of what follows it in its item would change with its scalars.
            "[{id: flow-one, date: 2001, actors: [norland], sources: [{article: gazette-2021-11-commission-report}], title: \"\(title)\"}, "
                + "{id: flow-two, date: 2030, title: Second, actors: [sudmark], sources: [{article: gazette-2021-11-commission-report}]}]\n"
        }
        try site.write(flow, flowList("Premi\u{E8}re"))
        try run.compare(step: 6, edit: "two events on one line, one title with a composed è")
        try site.write(flow, flowList("Premie\u{300}re"))
        try run.compare(step: 7, edit: "the first event's è decomposed")
    }

    @Test func aFileRewrittenWithinTheSameClockTickIsStillSeen() throws {
        let site = try TestSite(copying: demoSiteFolder)
        let run = try EditRun(root: site.root, seed: 1, steps: 0)
        try run.compare(step: 0, edit: "first build")
        // The same size, written at once after the build: the stamp alone could miss it.
        let path = "content/notes/how-events-are-dated.md"
        let text = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
        try site.write(path, text.replacingOccurrences(of: "title: How events are dated", with: "title: How events are DATED"))
        try run.compare(step: 1, edit: "same-size title change")
        let page = try String(contentsOf: run.live.appendingPathComponent("notes/how-events-are-dated/index.html"), encoding: .utf8)
        #expect(page.contains("How events are DATED"))
    }

    @Test func aFileRewrittenWithinTheSameClockTickIsSeenEvenWhenTheServersSnapshotsMissIt() throws {
        let site = try TestSite(copying: demoSiteFolder)
        let run = try EditRun(root: site.root, seed: 1, steps: 0)
        try run.compare(step: 0, edit: "first build", hinted: true)
        let path = "content/notes/how-events-are-dated.md"
        let text = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
        // Both saves get one modification time, as two saves within one tick of the clock do. It
        // is an hour ahead, so that the first is recent when the update reads it however slow this
        // machine is (a busy one takes seconds to get there; a save older than two seconds when
        // read cannot share its time with a later one).
        let file = site.root.appendingPathComponent(path)
        let tick = Date().addingTimeInterval(3600)
        // A save the snapshots see, read by the update...
        try site.write(path, text.replacingOccurrences(of: "title: How events are dated", with: "title: How events are Dated"))
        try FileManager.default.setAttributes([.modificationDate: tick], ofItemAtPath: file.path)
        try run.compare(step: 1, edit: "title change", hinted: true)
        // ...then one of the same size in the same tick, which they miss: told that nothing
        // changed, the update still sees it.
        try site.write(path, text.replacingOccurrences(of: "title: How events are dated", with: "title: How events are DATED"))
        try FileManager.default.setAttributes([.modificationDate: tick], ofItemAtPath: file.path)
        let report = try #require(run.session.update(changed: []))
        #expect(!report.failed)
        let page = try String(contentsOf: run.live.appendingPathComponent("notes/how-events-are-dated/index.html"), encoding: .utf8)
        #expect(page.contains("How events are DATED"))
    }

    /// The session keeps the timeline's entries from one update to the next (``ViewMemo``): an entry
    /// whose summary cites an article is made again when a citation added to an earlier event
    /// moves that article's number on the page, though nothing of its own event changed.
    @Test func aCitationAddedEarlierOnTheTimelineRenumbersTheEntriesKeptAfterIt() throws {
        let site = try TestSite(copying: demoSiteFolder)
        let run = try EditRun(root: site.root, seed: 1, steps: 0)
        try run.compare(step: 0, edit: "first build")
        func timeline() throws -> String {
            try String(contentsOf: run.live.appendingPathComponent("timeline/index.html"), encoding: .utf8)
        }
        let before = try timeline()
        // The 2021 commission's report cites the gazette, source 1 of the timeline; the 2019 survey cites nothing yet.
        let path = "content/events/background.yaml"
        let text = try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8)
        #expect(text.contains("  approximate: true\n"))
        try site.write(path, text.replacingOccurrences(of: "  approximate: true\n",
                                                       with: "  approximate: true\n  summary: Surveyed together [@courier-2022-05-compact-signed].\n"))
        #expect(try !run.compare(step: 1, edit: "a citation added to the survey of 2019", hinted: true))
        let after = try timeline()
        #expect(before.contains("#source_1\"") && after.contains("#source_2\""))
    }

    /// The session keeps what the templates wrote for each timeline entry (``RenderedFragments``)
    /// only when it shows nothing but the entry: a theme whose entries show their place in the
    /// list is served the new places when an earlier event comes, as a cold build writes them.
    @Test func aThemeShowingEachEntrysPlaceOnTheTimelineIsServedItsNewPlaceWhenAnEventComesBefore() throws {
        let site = try TestSite(copying: demoSiteFolder)
        try site.write("templates/partials/event-list.mustache",
                       "<ol>{{#events}}<li id=\"{{id}}\">{{index()}}. <a href=\"{{url}}\">{{title}}</a></li>{{/events}}</ol>\n")
        let run = try EditRun(root: site.root, seed: 1, steps: 0)
        try run.compare(step: 0, edit: "first build")
        let timeline = run.live.appendingPathComponent("timeline/index.html")
        #expect(try String(contentsOf: timeline, encoding: .utf8).contains("1. <a href=\"../events/westerra-withdraws/\">"))
        try site.write("content/events/earlier.yaml", """
            - id: first-meeting
              date: 2023-02
              title: The first meeting
              sources:
                - article: ledger-2023-06-westerra-withdraws
                  quote: "Talks on a new compact could resume in 2023, a diplomat said."

            """)
        #expect(try !run.compare(step: 1, edit: "an event added before another of its year", hinted: true))
        #expect(try String(contentsOf: timeline, encoding: .utf8).contains("2. <a href=\"../events/westerra-withdraws/\">"))
    }

    /// An edit that names a page that does not exist shows the error a cold build reports (the same
    /// message, place and "did you mean"), however the reference is written; mending it serves the
    /// edit. The session finds these errors without resolving the whole site (``ResolvePatch``).
    @Test func anEditNamingAnUnknownPageShowsTheErrorAColdBuildReportsAndItsFixIsServed() throws {
        let site = try TestSite(copying: demoSiteFolder)
        let run = try EditRun(root: site.root, seed: 1, steps: 0)
        try run.compare(step: 0, edit: "first build")
        // A draft to link to: its own update resolves the whole site (a page was added).
        try site.write("content/articles/a-draft.md", "---\ntitle: A draft\noutlet: The Courier\npublished: 2023-01-01\ndraft: true\n---\n<!-- uncited -->\nNot yet.\n")
        #expect(try !run.compare(step: 1, edit: "a draft added", hinted: true))
        let note = "content/notes/how-events-are-dated.md", events = "content/events/compact.yaml", actor = "content/actors/norland.md"
        func read(_ path: String) throws -> String { try String(contentsOf: site.root.appendingPathComponent(path), encoding: .utf8) }
        let (noteText, eventsText, actorText) = (try read(note), try read(events), try read(actor))
        let broken: [(path: String, text: String, error: String)] = [
            (note, noteText + "\nSee [Westera](actor:westera).\n", "unknown actor `westera`; did you mean `westerra`?"),
            (note, noteText + "\nSee [Norland](event:norland).\n", "unknown event `norland`; there is an actor with this ID; did you mean `actor:norland`?"),
            (note, noteText + "\nSee [nobody](actor:nobody-at-all).\n", "unknown actor `nobody-at-all`: there is no file `content/actors/nobody-at-all.md`"),
            (note, noteText + "\nSee [the draft](article:a-draft).\n", "article `a-draft` is a draft: publish it (remove `draft: true`) or build with --drafts"),
            (note, noteText + "\nSee [this](actor:Not_An_ID).\n", "`actor:Not_An_ID`:"),
            (events, eventsText.replacingOccurrences(of: "actors: [norland, sudmark]\n", with: "actors: [norland, sudmrak]\n"),
             "unknown actor `sudmrak`; did you mean `sudmark`?"),
            (events, eventsText.replacingOccurrences(of: "- article: courier-2022-05-compact-signed", with: "- article: courier-2022-05-compact"),
             "unknown article `courier-2022-05-compact`"),
            (actor, actorText + "\nNorland borders [Estland](actor:estland).\n", "unknown actor `estland`"),
        ]
        for (step, edit) in broken.enumerated() {
            try site.write(edit.path, edit.text)
            #expect(try run.compare(step: 2 * step + 2, edit: "\(edit.path): \(edit.error)", hinted: step % 2 == 0), "the build fails")
            let errors = build(BuildOptions(root: site.root, output: run.cold)).diagnostics.filter { $0.severity == .error }
            #expect(errors.count == 1 && errors[0].fullMessage.hasPrefix(edit.error) && errors[0].location.path == edit.path,
                    "\(errors.map(\.description))")
            // Mended with another text than before, which the page then shows.
            let original = edit.path == note ? noteText : edit.path == events ? eventsText : actorText
            let mended = edit.path == note ? original + "\n<!-- uncited -->\nMended \(step).\n" : original
            try site.write(edit.path, mended)
            #expect(try !run.compare(step: 2 * step + 3, edit: "\(edit.path) mended", hinted: step % 2 == 1), "the mended site builds")
            if edit.path == note {
                let page = try String(contentsOf: run.live.appendingPathComponent("notes/how-events-are-dated/index.html"), encoding: .utf8)
                #expect(page.contains("Mended \(step)."))
            }
        }
    }
}

/// A run of random edits on a site, each followed by an incremental update and a cold build compared byte for byte.
struct EditRun {
    let root: URL
    let seed: UInt64
    let steps: Int
    let live: URL
    let cold: URL
    let session: BuildSession
    /// The site's files as they were at the start, to mend broken files from.
    let original: [String: Data]
    /// What the server's watcher last saw of the site's folders, to tell the session what changed.
    let seen = SeenFolders()

    final class SeenFolders {
        var snapshot: FolderSnapshot?
    }

    init(root: URL, seed: UInt64, steps: Int) throws {
        self.root = root
        self.seed = seed
        self.steps = steps
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("never-stale-\(UUID().uuidString.prefix(8))")
        live = work.appendingPathComponent("live")
        cold = work.appendingPathComponent("cold")
        try FileManager.default.createDirectory(at: live, withIntermediateDirectories: true)
        session = BuildSession(BuildOptions(root: root, output: live))
        var files: [String: Data] = [:]
        for path in FileSystem.disk(root: root).listFiles("content") { files[path] = FileManager.default.contents(atPath: root.path + "/" + path) }
        original = files
    }

    func run() throws {
        var random = SeededRandom(seed: seed)
        var editor = SiteEditor(root: root, original: original)
        var failed = try compare(step: 0, edit: "first build")
        var failedSteps = failed ? 1 : 0
        for step in 1...max(steps, 1) where steps > 0 {
            // An editor who sees the error page mends a file, most of the time.
            let edit = failed && Int.random(in: 0..<3, using: &random) > 0 ? try editor.mend(using: &random) : try editor.randomEdit(using: &random)
            // Half the updates are told what changed, as the server does; the others look at every file.
            failed = try compare(step: step, edit: edit, hinted: Bool.random(using: &random))
            if failed { failedSteps += 1 }
        }
        // The run is worth something only when it builds good sites and broken ones.
        if steps >= 50 {
            #expect(failedSteps > 0 && failedSteps < steps * 3 / 4, "seed \(seed): \(failedSteps) of \(steps) steps failed to build")
        }
        print("never-stale: seed \(seed), \(steps) edits of \(root.lastPathComponent), \(failedSteps) builds with errors, every step identical to a cold build")
        try? FileManager.default.removeItem(at: live.deletingLastPathComponent())
    }

    /// Updates the session and builds cold, and records an issue naming the seed when they differ;
    /// returns whether the build failed (on errors).
    @discardableResult
    func compare(step: Int, edit: String, hinted: Bool = false) throws -> Bool {
        let coldReport = build(BuildOptions(root: root, output: cold))
        let now = FolderSnapshot.take(root: root, folders: ["content", "templates", "static"])
        let changed = seen.snapshot.map { now.changedPaths(since: $0) }
        seen.snapshot = now
        let liveReport = try #require(session.update(changed: hinted ? changed : nil), "the session built nothing")
        let replay = "seed \(seed) (SITEGEN_NEVER_STALE_SEED=\(seed)), step \(step)\(hinted ? " (told what changed)" : ""): \(edit)"
        #expect(liveReport.failed == coldReport.failed, "\(replay): the cold build \(coldReport.failed ? "failed" : "succeeded"), the session not")
        #expect(liveReport.diagnostics == coldReport.diagnostics, "\(replay): the problems differ")
        #expect(liveReport.failed || (liveReport.pageCount, liveReport.fileCount) == (coldReport.pageCount, coldReport.fileCount),
                "\(replay): the session counts \(liveReport.pageCount) pages and \(liveReport.fileCount) files, the cold build \(coldReport.pageCount) and \(coldReport.fileCount)")
        let liveFiles = Set(FileSystem.disk(root: live).listFiles(""))
        let coldFiles = Set(FileSystem.disk(root: cold).listFiles(""))
        let differing = liveFiles.intersection(coldFiles).sorted().filter {
            FileManager.default.contents(atPath: live.path + "/" + $0) != FileManager.default.contents(atPath: cold.path + "/" + $0)
        }
        #expect(liveFiles.subtracting(coldFiles).isEmpty, "\(replay): files only in the session's folder: \(liveFiles.subtracting(coldFiles).sorted().prefix(5))")
        #expect(coldFiles.subtracting(liveFiles).isEmpty, "\(replay): files missing from the session's folder: \(coldFiles.subtracting(liveFiles).sorted().prefix(5))")
        #expect(differing.isEmpty, "\(replay): stale files: \(differing.prefix(5))")
        if liveReport.failed != coldReport.failed || !differing.isEmpty || liveFiles != coldFiles {
            throw StaleOutput(description: replay)
        }
        return coldReport.failed
    }

    struct StaleOutput: Error, CustomStringConvertible {
        var description: String
    }
}

/// SplitMix64: the same numbers for the same seed, on every platform.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random edits of a site's files, as an editor makes them.
struct SiteEditor {
    let root: URL
    let original: [String: Data]
    var counter = 0

    init(root: URL, original: [String: Data]) {
        self.root = root
        self.original = original
    }

    private func files(_ folder: String, _ ext: String) -> [String] {
        FileSystem.disk(root: root).listFiles(folder).filter { $0.hasSuffix(ext) }
    }
    private func read(_ path: String) -> String {
        (try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)) ?? ""
    }
    private func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
    private func remove(_ path: String) { try? FileManager.default.removeItem(at: root.appendingPathComponent(path)) }
    private func ids(_ folder: String) -> [String] {
        files("content/\(folder)", ".md").map { String($0.split(separator: "/").last!.dropLast(3)) }
    }
    private func eventIDs() -> [String] {
        files("content/events", ".yaml").flatMap { path in
            read(path).split(separator: "\n").compactMap { line in line.hasPrefix("- id: ") ? String(line.dropFirst(6)) : nil }
        }
    }
    /// Replaces the first line starting with `prefix` (in the front matter or a YAML file).
    private func replacingLine(_ text: String, _ prefix: String, with line: String) -> String {
        var lines = text.components(separatedBy: "\n")
        if let index = lines.firstIndex(where: { $0.hasPrefix(prefix) }) { lines[index] = line }
        return lines.joined(separator: "\n")
    }
    private func date(using random: inout SeededRandom) -> String {
        "20\(Int.random(in: 19...24, using: &random))-0\(Int.random(in: 1...9, using: &random))-1\(Int.random(in: 0...9, using: &random))"
    }

    /// Makes one random edit and says what it was.
    mutating func randomEdit(using random: inout SeededRandom) throws -> String {
        counter += 1
        let n = counter
        let articles = ids("articles"), actors = ids("actors"), notes = ids("notes"), events = eventIDs()
        let eventFiles = files("content/events", ".yaml")
        func pick(_ list: [String]) -> String? { list.randomElement(using: &random) }
        switch Int.random(in: 0..<33, using: &random) {
        case 0, 1:
            guard let id = pick(articles) else { return "nothing" }
            let path = "content/articles/\(id).md"
            try write(path, replacingLine(read(path), "title:", with: "title: Article title \(n)"))
            return "retitle article \(id)"
        case 2:
            guard let id = pick(articles) else { return "nothing" }
            let path = "content/articles/\(id).md"
            try write(path, read(path) + "\nA new paragraph \(n) [@\(id)].\n")
            return "extend article \(id)'s text"
        case 3:
            guard let id = pick(articles) else { return "nothing" }
            let path = "content/articles/\(id).md"
            try write(path, replacingLine(read(path), "published:", with: "published: \(date(using: &random))"))
            return "redate article \(id)"
        case 4:
            let actor = pick(actors) ?? "nobody"
            try write("content/articles/added-\(n).md", "---\ntitle: Added article \(n)\noutlet: The Test\npublished: \(date(using: &random))\n---\nAbout [\(actor)](actor:\(actor)) [@added-\(n)].\n")
            return "add article added-\(n)"
        case 5:
            guard let id = pick(articles) else { return "nothing" }
            remove("content/articles/\(id).md")
            return "delete article \(id)"
        case 6:
            guard let id = pick(articles) else { return "nothing" }
            try rename("content/articles/\(id).md", to: "content/articles/\(id)-moved.md")
            return "rename article \(id)"
        case 7, 8:
            guard let id = pick(actors) else { return "nothing" }
            let path = "content/actors/\(id).md"
            try write(path, replacingLine(read(path), "name:", with: "name: Actor name \(n)"))
            return "rename actor \(id)'s name"
        case 9:
            guard let id = pick(actors), let other = pick(events) else { return "nothing" }
            let path = "content/actors/\(id).md"
            try write(path, read(path) + "\n<!-- uncited -->\nSee [this](event:\(other)).\n")
            return "link actor \(id) to event \(other)"
        case 10:
            let actor = pick(actors) ?? "nobody"
            let relation = Bool.random(using: &random) ? "relations:\n  - type: allied-with\n    actor: \(actor)\n" : ""
            try write("content/actors/added-\(n).md", "---\nname: Added actor \(n)\nkind: person\nrole: Role \(n)\n\(relation)---\n<!-- uncited -->\nAn actor.\n")
            return "add actor added-\(n)"
        case 11:
            guard let id = pick(actors) else { return "nothing" }
            remove("content/actors/\(id).md")
            return "delete actor \(id)"
        case 12:
            guard let id = pick(actors) else { return "nothing" }
            try rename("content/actors/\(id).md", to: "content/actors/\(id)-moved.md")
            return "rename actor file \(id)"
        case 13, 14:
            guard let path = pick(eventFiles) else { return "nothing" }
            var lines = read(path).components(separatedBy: "\n")
            let titles = lines.indices.filter { lines[$0].hasPrefix("  title:") }
            guard let index = titles.randomElement(using: &random) else { return "nothing" }
            lines[index] = "  title: Event title \(n)"
            try write(path, lines.joined(separator: "\n"))
            return "retitle an event in \(path)"
        case 15, 16:
            guard let path = pick(eventFiles) else { return "nothing" }
            let who = (0..<Int.random(in: 0...2, using: &random)).compactMap { _ in pick(actors) }
            let cite = pick(articles).map { "\n  summary: \"Cites [@\($0)].\"" } ?? ""
            try write(path, read(path).trimmingCharacters(in: .newlines) + "\n\n- id: appended-\(n)\n  date: \(date(using: &random))\n  title: Appended event \(n)\(cite)\n  actors: [\(Set(who).sorted().joined(separator: ", "))]\n")
            return "append event appended-\(n) to \(path)"
        case 17:
            guard let path = pick(eventFiles) else { return "nothing" }
            let text = read(path)
            var blocks = text.components(separatedBy: "\n- id: ")
            guard blocks.count > 2 else { return "nothing" }
            let index = Int.random(in: 1..<blocks.count, using: &random)
            blocks.remove(at: index)
            try write(path, blocks.joined(separator: "\n- id: "))
            return "delete an event from \(path)"
        case 18:
            guard let id = pick(notes) else { return "nothing" }
            let path = "content/notes/\(id).md"
            let target = pick(actors).map { " about [it](actor:\($0))" } ?? ""
            try write(path, read(path) + "\n<!-- uncited -->\nEdited \(n)\(target).\n")
            return "edit note \(id)'s body"
        case 19:
            let about = pick(events).map { "about: [event:\($0)]\n" } ?? ""
            try write("content/notes/added-\(n).md", "---\ntitle: Added note \(n)\n\(about)date: \(date(using: &random))\n---\n<!-- uncited -->\nA note \(n).\n")
            return "add note added-\(n)"
        case 20:
            guard let id = pick(notes) else { return "nothing" }
            if Bool.random(using: &random) {
                remove("content/notes/\(id).md")
                return "delete note \(id)"
            }
            try rename("content/notes/\(id).md", to: "content/notes/\(id)-moved.md")
            return "rename note \(id)"
        case 21:
            switch Int.random(in: 0..<3, using: &random) {
            case 0:
                try write("templates/404.mustache", "<!doctype html><title>{{page.title}}</title><p>Lost \(n)</p>\n")
                return "template 404 overridden"
            case 1:
                // The timeline's entries, kept between updates with what they render to, now show
                // their place in the list and the page: such renderings must not be kept.
                try write("templates/partials/event-list.mustache",
                          "<ol>{{#events}}<li id=\"{{id}}\">{{index()}} <a href=\"{{url}}\">{{title}}</a> ({{page.heading}}) \(n)</li>{{/events}}</ol>\n")
                return "template partials/event-list overridden"
            default:
                remove("templates")
                return "templates removed"
            }
        case 22:
            let path = "content/site.yaml"
            try write(path, replacingLine(read(path), "description:", with: "description: Described \(n)"))
            return "site.yaml description changed"
        case 24:
            // A source text cut short: the quotes of the articles it belongs to are no longer found.
            guard let path = pick(files("content/sources", "")) else { return "nothing" }
            let text = read(path)
            try write(path, String(text.prefix(text.count / 3)))
            return "cut \(path) short"
        case 23:
            // An error: a broken front matter, or a link to nobody.
            let candidates = files("content", ".md")
            guard let path = pick(candidates) else { return "nothing" }
            if Bool.random(using: &random) {
                try write(path, read(path).replacingOccurrences(of: "---\n", with: "---\ntitle: [unclosed\n", options: [], range: nil))
                return "break \(path)'s front matter"
            }
            try write(path, read(path) + "\nSee [nobody](actor:nobody-\(n)).\n")
            return "link \(path) to an unknown actor"
        case 25:
            // An event's date moved: it changes place on the timeline, maybe page, and its neighbours.
            guard let path = pick(eventFiles) else { return "nothing" }
            var lines = read(path).components(separatedBy: "\n")
            let dates = lines.indices.filter { lines[$0].hasPrefix("  date:") }
            guard let index = dates.randomElement(using: &random) else { return "nothing" }
            lines[index] = "  date: \(date(using: &random))"
            try write(path, lines.joined(separator: "\n"))
            return "redate an event in \(path)"
        case 26:
            // A note retitled or given another `order`: it moves in the note order, and in the lists of notes about or linking a page.
            guard let id = pick(notes) else { return "nothing" }
            let path = "content/notes/\(id).md"
            if Bool.random(using: &random) {
                try write(path, replacingLine(read(path), "title:", with: "title: \(["A", "M", "Z"].randomElement(using: &random)!) note \(n)"))
                return "retitle note \(id)"
            }
            let text = read(path)
            let order = "order: \(Int.random(in: 0...20, using: &random))"
            try write(path, text.contains("\norder:") ? replacingLine(text, "order:", with: order) : text.replacingOccurrences(of: "---\ntitle:", with: "---\n\(order)\ntitle:"))
            return "reorder note \(id)"
        case 27:
            // A note about an actor (the one most events name, most of the time): its notes list changes, not its value.
            guard let actor = Bool.random(using: &random) ? mostNamedActor() : pick(actors) else { return "nothing" }
            try write("content/notes/about-\(n).md", "---\ntitle: \(["B", "N", "Y"].randomElement(using: &random)!) note about \(n)\nabout: [actor:\(actor)]\n---\n<!-- uncited -->\nOn \(actor).\n")
            return "add note about-\(n) about actor \(actor)"
        case 28:
            // A new event naming the actor most events name: every page linking that actor shows only its value.
            guard let path = pick(eventFiles), let actor = mostNamedActor() else { return "nothing" }
            let summary = Bool.random(using: &random) ? "\n  summary: \"With [them](actor:\(actor)).\"" : ""
            try write(path, read(path).trimmingCharacters(in: .newlines) + "\n\n- id: named-\(n)\n  date: \(date(using: &random))\n  title: Named event \(n)\(summary)\n  actors: [\(actor)]\n")
            return "append event named-\(n) naming \(actor) to \(path)"
        case 29:
            // An event's actors changed: the actors' events change, the event's value too.
            guard let path = pick(eventFiles) else { return "nothing" }
            var lines = read(path).components(separatedBy: "\n")
            let lists = lines.indices.filter { lines[$0].hasPrefix("  actors:") }
            guard let index = lists.randomElement(using: &random) else { return "nothing" }
            let who = Set((0..<Int.random(in: 0...2, using: &random)).compactMap { _ in pick(actors) })
            lines[index] = "  actors: [\(who.sorted().joined(separator: ", "))]"
            try write(path, lines.joined(separator: "\n"))
            return "change an event's actors in \(path)"
        case 30:
            // A relation added to or dropped from an actor: the other actor's incoming relations change.
            guard let id = pick(actors), let other = pick(actors.filter { $0 != id }) else { return "nothing" }
            let path = "content/actors/\(id).md"
            let text = read(path)
            if text.contains("\nrelations:\n"), Bool.random(using: &random) {
                let dropped = text.components(separatedBy: "\n").filter { !$0.hasPrefix("relations:") && !$0.hasPrefix("  ") }.joined(separator: "\n")
                try write(path, dropped)
                return "drop actor \(id)'s relations"
            }
            let relation = "  - type: \(["allied-with", "member-of", "opposed-to"].randomElement(using: &random)!)\n    actor: \(other)\n"
            let added = text.contains("\nrelations:\n") ? text.replacingOccurrences(of: "\nrelations:\n", with: "\nrelations:\n" + relation)
                : text.replacingOccurrences(of: "\nkind:", with: "\nrelations:\n" + relation + "kind:")
            try write(path, added)
            return "relate actor \(id) to \(other)"
        case 31:
            // The same name in other bytes: an é composed (U+00E9) or decomposed (e, U+0301),
            // which Swift's == finds equal.
            guard let id = pick(actors) else { return "nothing" }
            let path = "content/actors/\(id).md"
            let text = read(path)
            guard let line = text.components(separatedBy: "\n").first(where: { $0.hasPrefix("name:") }) else { return "nothing" }
            let composed = "\u{E9}".unicodeScalars.first!, accent = "\u{301}".unicodeScalars.first!
            let scalars = Array(line.unicodeScalars)
            var toggled = String.UnicodeScalarView()
            if scalars.contains(composed) {
                for scalar in scalars { if scalar == composed { toggled.append("e"); toggled.append(accent) } else { toggled.append(scalar) } }
            } else if scalars.contains(accent) {
                for (index, scalar) in scalars.enumerated() where scalar != accent {
                    let accented = scalar == "e" && index + 1 < scalars.count && scalars[index + 1] == accent
                    toggled.append(accented ? composed : scalar)
                }
            } else {
                toggled = (line + " Pr\u{E9}sident").unicodeScalars
            }
            try write(path, replacingLine(text, "name:", with: String(toggled)))
            return "re-encode actor \(id)'s name (\(String(toggled).unicodeScalars.count) scalars)"
        default:
            return try mend(using: &random)
        }
    }

    /// The actor that the events files name most often (the one whose page and lists are longest).
    private func mostNamedActor() -> String? {
        let text = files("content/events", ".yaml").map(read).joined(separator: "\n")
        let counts = ids("actors").map { ($0, text.components(separatedBy: $0).count) }
        return counts.max { ($0.1, $1.0) < ($1.1, $0.0) }?.0
    }

    /// Renames a file as an editor's file manager would when told to replace: a file already at
    /// `destination` (left by an earlier rename whose source was mended back) is replaced.
    func rename(_ source: String, to destination: String) throws {
        remove(destination)
        try FileManager.default.moveItem(at: root.appendingPathComponent(source), to: root.appendingPathComponent(destination))
    }

    /// Puts a changed file back as it was (and a renamed one back in its place), or every file.
    func mend(using random: inout SeededRandom) throws -> String {
        if Int.random(in: 0..<4, using: &random) == 0 {
            try mendAll()
            return "every file mended"
        }
        let current = Set(files("content", ""))
        let changed = current.union(original.keys).sorted().filter { original[$0] != FileManager.default.contents(atPath: root.path + "/" + $0) }
        guard let path = changed.randomElement(using: &random) else { return "nothing to mend" }
        if let data = original[path] { try data.write(to: root.appendingPathComponent(path)) } else { remove(path) }
        return "mend \(path)"
    }

    /// Puts every content file back as it was at the start.
    func mendAll() throws {
        for path in FileSystem.disk(root: root).listFiles("content") where original[path] == nil { remove(path) }
        for (path, data) in original {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: root.appendingPathComponent(path))
        }
    }
}

/// A small generated site whose lists are split (`list_limit: 10`): actors related to each other,
/// articles citing one another, events over several years in three files, notes about them.
enum GeneratedSite {
    static func files(using random: inout SeededRandom) -> [String: String] {
        var files: [String: String] = [:]
        files["content/site.yaml"] = "title: Generated\ndescription: A generated site\nlanguage: en\nbase_url: https://example.org/\nlist_limit: 10\nfeed_limit: 5\n"
        files["content/index.md"] = "Welcome to a generated site.\n"
        let actors = (1...14).map { "actor-\($0)" }
        let articles = (1...24).map { "article-\($0)" }
        for (index, id) in actors.enumerated() {
            let other = actors[(index + 3) % actors.count]
            let kind = ["person", "state", "armed-group", "organization"][index % 4]
            files["content/actors/\(id).md"] = "---\nname: Actor \(index + 1)\nkind: \(kind)\nrole: Role \(index + 1)\nrelations:\n  - type: \(index % 2 == 0 ? "allied-with" : "member-of")\n    actor: \(other)\n---\n<!-- uncited -->\nProfile of actor \(index + 1), close to [the other](actor:\(other)).\n"
        }
        for (index, id) in articles.enumerated() {
            let actor = actors[index % actors.count]
            files["content/articles/\(id).md"] = "---\ntitle: Article \(index + 1)\noutlet: Outlet \(index % 3)\npublished: 202\(index % 4)-0\(1 + index % 9)-1\(index % 10)\n---\nAbout [\(actor)](actor:\(actor)) [@\(id)].\n"
        }
        for file in 0..<3 {
            var text = "# Events \(file)\n"
            for number in 0..<18 {
                let index = file * 18 + number
                let year = 2019 + Int.random(in: 0...3, using: &random)
                // The first actor takes part in every other event: its lists are cut and split.
                let who = [actors[index % actors.count], actors[(index * 5) % actors.count]] + (index % 2 == 0 ? [actors[0]] : [])
                text += "\n- id: event-\(index)\n  date: \(year)-0\(1 + index % 9)-\(10 + index % 18)\n  title: Event \(index)\n  summary: \"With [someone](actor:\(who[0])) [@\(articles[index % articles.count])].\"\n  actors: [\(Set(who).sorted().joined(separator: ", "))]\n  sources:\n    - article: \(articles[(index + 1) % articles.count])\n"
            }
            files["content/events/file-\(file).yaml"] = text
        }
        for number in 1...12 {
            files["content/notes/note-\(number).md"] = "---\ntitle: Note \(number)\norder: \(number)\nabout: [actor:\(actors[number])]\ndate: 2023-0\(1 + number % 9)-01\n---\n<!-- uncited -->\nA note on [event \(number)](event:event-\(number)) and [the first actor](actor:actor-1).\n"
        }
        return files
    }
}
