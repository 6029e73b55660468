import Foundation
import Testing

/// The repository root, from this file's place in it.
private let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().standardizedFileURL

private let demoSite = repositoryRoot.appendingPathComponent("Tests/Fixtures/demo-site")

/// The built `sitegen` binary: `SITEGEN_BINARY` if set, else the `sitegen` beside the test
/// bundle (SwiftPM puts products and test bundles in the same folder), else `.build/debug/sitegen`.
let sitegenBinary: URL? = {
    let fileManager = FileManager.default
    func isExecutable(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && fileManager.isExecutableFile(atPath: url.path)
    }
    if let path = ProcessInfo.processInfo.environment["SITEGEN_BINARY"], !path.isEmpty {
        return URL(fileURLWithPath: path)
    }
    var starts: [URL] = [Bundle.main.bundleURL]
    if let executable = Bundle.main.executableURL { starts.append(executable.deletingLastPathComponent()) }
    if let first = CommandLine.arguments.first { starts.append(URL(fileURLWithPath: first).deletingLastPathComponent()) }
    for start in starts {
        var folder = start.standardizedFileURL
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("sitegen")
            if isExecutable(candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
    }
    for configuration in ["debug", "release"] {
        let candidate = repositoryRoot.appendingPathComponent(".build/\(configuration)/sitegen")
        if isExecutable(candidate) { return candidate }
    }
    return nil
}()

/// What one run of the binary printed and how it ended.
private struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `sitegen` with `arguments` in `directory`, colour off, and waits for it to end.
private func sitegen(_ arguments: [String], in directory: URL? = nil) throws -> Run {
    let binary = try #require(sitegenBinary, "cannot find the sitegen binary; build it or set SITEGEN_BINARY")
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-cli-out-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("stdout")
    let errURL = scratch.appendingPathComponent("stderr")
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    process.environment = environment
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    return Run(status: process.terminationStatus,
               stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
               stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
}

/// A copy of the demo site in its own temporary folder, removed afterwards.
final class SiteCopy: @unchecked Sendable {
    let root: URL
    var publicFolder: URL { root.appendingPathComponent("public") }

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("sitegen-cli-\(UUID().uuidString)", isDirectory: true).standardizedFileURL
        try FileManager.default.copyItem(at: demoSite, to: root)
        try? FileManager.default.removeItem(at: publicFolder)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
    }

    /// Every file below `public/` with its bytes.
    func publicSnapshot() throws -> [String: Data] {
        var result: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: publicFolder.path) else { return result }
        while let relative = enumerator.nextObject() as? String {
            let url = publicFolder.appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[relative] = try Data(contentsOf: url)
            }
        }
        return result
    }
}

/// Whether `text` has a line matching the regular expression `pattern`.
private func hasLine(_ text: String, matching pattern: String) -> Bool {
    text.split(separator: "\n").contains { $0.range(of: pattern, options: .regularExpression) != nil }
}

@Suite("The sitegen command line")
struct CLITests {
    @Test("build exits 0, prints the summary line and writes public/")
    func buildSucceeds() throws {
        let site = try SiteCopy()
        let run = try sitegen(["build", "--root", site.root.path])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(hasLine(run.stdout, matching: #"^Built 22 pages in [0-9]+ ms"#), "stdout: \(run.stdout)")
        #expect(site.exists("public/index.html"))
        #expect(site.exists("public/actors/norland/index.html"))
        #expect(!run.stderr.contains("warning:"), "stderr: \(run.stderr)")
    }

    @Test("build run inside the site's folder needs no --root")
    func buildInCurrentFolder() throws {
        let site = try SiteCopy()
        let run = try sitegen(["build"], in: site.root)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(site.exists("public/index.html"))
    }

    @Test("an unchanged rebuild says how many files were left unchanged")
    func unchangedRebuild() throws {
        let site = try SiteCopy()
        #expect(try sitegen(["build", "--root", site.root.path]).status == 0)
        let run = try sitegen(["build", "--root", site.root.path])
        #expect(run.status == 0)
        #expect(hasLine(run.stdout, matching: #"^Built 22 pages in [0-9]+ ms \(0 files written, [0-9]+ unchanged\)"#),
                "stdout: \(run.stdout)")
    }

    @Test("a content error exits 1, is printed as path:line:column with a did-you-mean, and leaves public/ as it was")
    func contentErrorExitsOne() throws {
        let site = try SiteCopy()
        #expect(try sitegen(["build", "--root", site.root.path]).status == 0)
        let before = try site.publicSnapshot()
        try site.write("content/notes/broken.md", "---\ntitle: Broken\n---\nSee [Norland](actor:norlad).\n")
        let run = try sitegen(["build", "--root", site.root.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("content/notes/broken.md:4:5: error: unknown actor `norlad`; did you mean `norland`?"),
                "stderr: \(run.stderr)")
        #expect(run.stderr.contains("See [Norland](actor:norlad)."), "the offending line is quoted")
        #expect(run.stdout.contains("Build failed"))
        #expect(!hasLine(run.stdout, matching: "^Built "))
        #expect(try site.publicSnapshot() == before)
    }

    @Test("every error of a run is printed, in file order")
    func everyErrorPrinted() throws {
        let site = try SiteCopy()
        try site.write("content/notes/b.md", "---\ntitle: B\n---\n[x](actor:nobody)\n")
        try site.write("content/notes/a.md", "---\ntitle: A\n---\n[@nothing]\n")
        try site.write("content/events/zz.yaml", "- id: zz\n  date: 2023-13\n  title: Z\n  sources: [nothing]\n")
        let run = try sitegen(["build", "--root", site.root.path])
        #expect(run.status == 1)
        let errorLines = run.stderr.split(separator: "\n").filter { $0.contains(": error: ") }.map { String($0.prefix { $0 != " " }) }
        #expect(errorLines == ["content/events/zz.yaml:2:9:", "content/notes/a.md:4:2:", "content/notes/b.md:4:1:"])
        #expect(run.stdout.contains("3 errors"))
        #expect(!site.exists("public"))
    }

    @Test("check reports problems without writing anything")
    func checkWritesNothing() throws {
        let site = try SiteCopy()
        let good = try sitegen(["check", "--root", site.root.path])
        #expect(good.status == 0, "stderr: \(good.stderr)")
        #expect(good.stdout.contains("Checked 22 pages"))
        #expect(!site.exists("public"))
        try site.write("content/notes/broken.md", "---\ntitle: Broken\n---\n[x](event:nowhere)\n")
        let bad = try sitegen(["check", "--root", site.root.path])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("content/notes/broken.md:4:1: error:"))
        #expect(!site.exists("public"))
    }

    @Test("--drafts includes drafts; without it they are left out")
    func draftsFlag() throws {
        let site = try SiteCopy()
        try site.write("content/notes/draft.md", "---\ntitle: Draft note\ndraft: true\n---\n")
        #expect(try sitegen(["build", "--root", site.root.path]).status == 0)
        #expect(!site.exists("public/notes/draft/index.html"))
        #expect(try sitegen(["build", "--root", site.root.path, "--drafts"]).status == 0)
        #expect(site.exists("public/notes/draft/index.html"))
    }

    @Test("--output writes the site elsewhere")
    func outputFlag() throws {
        let site = try SiteCopy()
        let run = try sitegen(["build", "--root", site.root.path, "--output", site.root.appendingPathComponent("out/site").path])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(site.exists("out/site/index.html"))
        #expect(!site.exists("public"))
    }

    @Test("a wrong command line exits 2", arguments: [
        ["buidl"],
        ["build", "--no-such-option"],
        ["build", "--root"],
        ["build", "--root", "/nonexistent/sitegen/site"],
        ["build", "--base-url", "not-a-url"],
        ["check", "extra-argument"],
    ])
    func usageErrorsExitTwo(arguments: [String]) throws {
        let site = try SiteCopy()
        let run = try sitegen(arguments, in: site.root)
        #expect(run.status == 2, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
        #expect(!run.stderr.isEmpty)
        #expect(!site.exists("public"))
    }

    @Test("--help exits 0 and lists the commands")
    func help() throws {
        let run = try sitegen(["--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("build"))
        #expect(run.stdout.contains("check"))
    }

    @Test("an output folder that would replace the site itself is refused with exit 1")
    func outputOverSiteRefused() throws {
        let site = try SiteCopy()
        let run = try sitegen(["build", "--root", site.root.path, "--output", site.root.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("refusing"))
        #expect(site.exists("content/site.yaml"))
        #expect(site.exists("content/articles/courier-2022-05-compact-signed.md"))
    }

    @Test("--base-url replaces the address of site.yaml in canonical URLs and the feed")
    func baseURLFlag() throws {
        let site = try SiteCopy()
        let run = try sitegen(["build", "--root", site.root.path, "--base-url", "https://news.example.com/river"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let page = String(decoding: try Data(contentsOf: site.publicFolder.appendingPathComponent("actors/norland/index.html")), as: UTF8.self)
        #expect(page.contains("<link rel=\"canonical\" href=\"https://news.example.com/river/actors/norland/\">"))
        let feed = String(decoding: try Data(contentsOf: site.publicFolder.appendingPathComponent("feed.xml")), as: UTF8.self)
        #expect(feed.contains("https://news.example.com/river/articles/"))
        #expect(!feed.contains("example.org/meridian"))
    }

    @Test("--version prints the version and exits 0")
    func version() throws {
        let run = try sitegen(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(run.stdout)")
    }

    @Test("init writes a site that builds with no warning and no error, and names none of the Mali site's IDs")
    func initWritesABuildableSite() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-init-\(UUID().uuidString)").standardizedFileURL
        defer { try? FileManager.default.removeItem(at: folder) }
        let created = try sitegen(["init", folder.path, "--title", "The harbour: a story"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("sitegen serve"))
        let built = try sitegen(["build", "--root", folder.path])
        #expect(built.status == 0)
        #expect(!built.stderr.contains("warning") && !built.stderr.contains("error"), "\(built.stderr)")
        #expect(built.stdout.hasPrefix("Built "))
        let site = folder.appendingPathComponent("public")
        for page in ["index.html", "actors/town-council/index.html", "actors/harbour-board/index.html",
                     "events/council-votes-pier-rebuild/index.html", "notes/how-this-site-works/index.html",
                     "articles/example-gazette-harbour-vote/index.html"] {
            #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent(page).path), "\(page)")
        }
        let event = String(decoding: try Data(contentsOf: site.appendingPathComponent("events/council-votes-pier-rebuild/index.html")), as: UTF8.self)
        #expect(event.contains("verified"))
        let board = String(decoding: try Data(contentsOf: site.appendingPathComponent("actors/harbour-board/index.html")), as: UTF8.self)
        #expect(board.contains("Led by"))
        let note = String(decoding: try Data(contentsOf: site.appendingPathComponent("notes/how-this-site-works/index.html")), as: UTF8.self)
        #expect(note.contains(#"<img src="../../images/old-pier.svg" alt="A drawing of the old pier reaching out into the harbour" width="480" height="200""#))
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("images/old-pier.svg").path))
        #expect(String(decoding: try Data(contentsOf: site.appendingPathComponent("index.html")), as: UTF8.self).contains("<title>The harbour: a story</title>"))
        var everything = ""
        for path in listed(folder.appendingPathComponent("content")) {
            everything += String(decoding: try Data(contentsOf: folder.appendingPathComponent("content/" + path)), as: UTF8.self)
        }
        for word in ["minusma", "bamako", "mali", "g5"] { #expect(!everything.lowercased().contains(word), "\(word)") }
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("static").path))
    }

    @Test("init refuses a folder that already holds a site, and changes nothing in it")
    func initRefusesAnExistingSite() throws {
        let site = try SiteCopy()
        let before = try Data(contentsOf: site.root.appendingPathComponent("content/site.yaml"))
        let run = try sitegen(["init", site.root.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("already exists"))
        #expect(try Data(contentsOf: site.root.appendingPathComponent("content/site.yaml")) == before)
    }

    @Test("build in a folder with no site says how to start one")
    func noSiteHintsInit() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try sitegen(["build"], in: folder)
        #expect(run.status == 1)
        #expect(run.stderr.contains("sitegen init"))
    }

    @Test("a placeholder left by new is a warning at its line, and the build still succeeds")
    func placeholderWarning() throws {
        let site = try SiteCopy()
        let created = try sitegen(["new", "actor", "harbour-master", "--root", site.root.path])
        #expect(created.status == 0, "\(created.stderr)")
        let run = try sitegen(["build", "--root", site.root.path])
        #expect(run.status == 0)
        #expect(hasLine(run.stderr, matching: #"^content/actors/harbour-master\.md:\d+:1: warning: `Write the profile here\.` is a placeholder"#), "\(run.stderr)")
    }

    @Test("a warning repeated word for word is printed 20 times, the rest counted in a note; --all-warnings prints every one")
    func repeatedWarningsAreCapped() throws {
        let site = try SiteCopy()
        let paragraphs = (1...25).map { "Paragraph \($0) cites nothing." }.joined(separator: "\n\n")
        try site.write("content/notes/uncited.md", "---\ntitle: Uncited\n---\n\(paragraphs)\n")
        let capped = try sitegen(["build", "--root", site.root.path])
        #expect(capped.status == 0, "\(capped.stderr)")
        let uncited = capped.stderr.split(separator: "\n").filter { $0.contains("warning: this paragraph cites no source") }
        #expect(uncited.count == 20)
        #expect(hasLine(capped.stderr, matching: #"^note: 5 more warnings “this paragraph cites no source” not shown \(--all-warnings shows them\)$"#), "\(capped.stderr)")
        #expect(hasLine(capped.stdout, matching: #", 25 warnings$"#), "\(capped.stdout)")
        let all = try sitegen(["build", "--root", site.root.path, "--all-warnings"])
        #expect(all.stderr.split(separator: "\n").filter { $0.contains("warning: this paragraph cites no source") }.count == 25)
        #expect(!all.stderr.contains("not shown"))
    }

    @Test("the summary line counts warnings")
    func summaryCountsWarnings() throws {
        let site = try SiteCopy()
        let clean = try sitegen(["build", "--root", site.root.path])
        #expect(clean.status == 0, "stderr: \(clean.stderr)")
        #expect(hasLine(clean.stdout, matching: #"^Built 22 pages in [0-9]+ ms$"#), "stdout: \(clean.stdout)")
        try site.write("content/notes/extra.md", "---\ntitle: Extra\nsumary: Short\n---\nText [@gazette-2021-11-commission-report].\n")
        let one = try sitegen(["build", "--root", site.root.path])
        #expect(hasLine(one.stdout, matching: #"^Built 23 pages in [0-9]+ ms \([0-9]+ files? written, [0-9]+ unchanged\), 1 warning$"#),
                "stdout: \(one.stdout)")
        try site.write("content/notes/extra.md", "---\ntitle: Extra\nsumary: Short\nordr: 2\n---\nText [@gazette-2021-11-commission-report].\n")
        let two = try sitegen(["build", "--root", site.root.path])
        #expect(hasLine(two.stdout, matching: #"^Built 23 pages in [0-9]+ ms \([0-9]+ files? written, [0-9]+ unchanged\), 2 warnings$"#),
                "stdout: \(two.stdout)")
    }

    @Test("--strict fails build and check on any warning, with exit 1 and nothing written", arguments: ["build", "check"])
    func strictFailsOnWarnings(command: String) throws {
        let site = try SiteCopy()
        try site.write("content/notes/extra.md", "---\ntitle: Extra\nsumary: Short\n---\nText [@gazette-2021-11-commission-report].\n")
        let run = try sitegen([command, "--strict", "--root", site.root.path])
        #expect(run.status == 1, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
        #expect(run.stderr.contains("content/notes/extra.md:3:1: warning: unknown key `sumary` in note; did you mean `summary`?"), "stderr: \(run.stderr)")
        #expect(run.stdout.contains("failed: 1 warning (--strict: warnings fail the build)"), "stdout: \(run.stdout)")
        #expect(!site.exists("public"))
    }

    @Test("--strict passes a site without warnings")
    func strictPassesCleanSite() throws {
        let site = try SiteCopy()
        let run = try sitegen(["build", "--strict", "--root", site.root.path])
        #expect(run.status == 0, "stdout: \(run.stdout)\nstderr: \(run.stderr)")
        #expect(run.stderr.isEmpty, "the demo site has no warning: \(run.stderr)")
        #expect(hasLine(run.stdout, matching: #"^Built 22 pages in [0-9]+ ms$"#), "stdout: \(run.stdout)")
    }

    @Test("a misspelled `draft` fails the build instead of publishing the page")
    func misspelledDraftFails() throws {
        let site = try SiteCopy()
        try site.write("content/notes/plan.md", "---\ntitle: Plan\ndarft: true\n---\nNot ready.\n")
        let run = try sitegen(["build", "--root", site.root.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("content/notes/plan.md:3:1: error: unknown key `darft` in note"), "stderr: \(run.stderr)")
        #expect(run.stderr.contains("did you mean `draft`?"))
        #expect(!site.exists("public/notes/plan/index.html"))
    }

    @Test("a failed first build says nothing was written, not that public/ was left as it was")
    func failedFirstBuildWording() throws {
        let site = try SiteCopy()
        try site.write("content/notes/broken.md", "---\ntitle: Broken\n---\n[x](actor:nobody)\n")
        let first = try sitegen(["build", "--root", site.root.path])
        #expect(first.status == 1)
        #expect(hasLine(first.stdout, matching: #"^Build failed: 1 error(, [0-9]+ warnings?)?; nothing was written\.$"#), "stdout: \(first.stdout)")
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/notes/broken.md"))
        #expect(try sitegen(["build", "--root", site.root.path]).status == 0)
        try site.write("content/notes/broken.md", "---\ntitle: Broken\n---\n[x](actor:nobody)\n")
        let second = try sitegen(["build", "--root", site.root.path])
        #expect(hasLine(second.stdout, matching: #"^Build failed: 1 error(, [0-9]+ warnings?)?; .*public/ was left as it was\.$"#), "stdout: \(second.stdout)")
    }

    @Test("the base_url note is printed only when a site is written, not by check or a failed build")
    func baseURLNoteOnlyOnWrite() throws {
        let site = try SiteCopy()
        let siteYAML = site.root.appendingPathComponent("content/site.yaml")
        let settings = try String(contentsOf: siteYAML, encoding: .utf8)
        try site.write("content/site.yaml", settings.split(separator: "\n").filter { !$0.hasPrefix("base_url:") }.joined(separator: "\n") + "\n")
        #expect(!(try sitegen(["check", "--root", site.root.path]).stderr.contains("base_url")))
        #expect(try sitegen(["build", "--root", site.root.path]).stderr.contains("note: feed.xml and sitemap.xml are not written"))
        try site.write("content/notes/broken.md", "---\ntitle: Broken\n---\n[x](actor:nobody)\n")
        #expect(!(try sitegen(["build", "--root", site.root.path]).stderr.contains("base_url")))
    }

    @Test("a YAML syntax error is printed at the line to change, with the line and a caret")
    func yamlErrorPrinted() throws {
        let site = try SiteCopy()
        try site.write("content/notes/tab.md", "---\ntitle: Tab\nsummary: S\n\tdraft: true\n---\nText.\n")
        let run = try sitegen(["check", "--root", site.root.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("content/notes/tab.md:4:1: error: YAML syntax: YAML does not allow tabs for indentation: indent with spaces\n draft: true\n^\n"),
                "stderr: \(run.stderr)")
    }
}

/// Every file below `folder`, as relative paths.
private func listed(_ folder: URL) -> [String] {
    var files: [String] = []
    guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return files }
    while let relative = enumerator.nextObject() as? String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent(relative).path, isDirectory: &isDirectory), !isDirectory.boolValue {
            files.append(relative)
        }
    }
    return files.sorted()
}
