import Foundation
import Testing
@testable import SitegenCore

/// Splits a Hugo-style txtar text into files: each `-- path --` line starts a file whose
/// contents run to the next such line. Text before the first marker is a comment.
func txtarFiles(_ archive: String) -> [String: String] {
    var files: [String: String] = [:]
    var current: String?
    var lines: [Substring] = []
    func flush() {
        guard let current else { return }
        var text = lines.joined(separator: "\n")
        if !text.isEmpty { text += "\n" }
        files[current] = text
    }
    for line in archive.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix("-- "), line.hasSuffix(" --"), line.count > 6 {
            flush()
            current = String(line.dropFirst(3).dropLast(3)).trimmingCharacters(in: .whitespaces)
            lines = []
        } else {
            lines.append(line)
        }
    }
    flush()
    // A trailing empty line from the closing `"""` belongs to no file's meaning.
    return files
}

/// The `site.yaml` every inline site gets unless it brings its own.
let defaultSiteYAML = "title: Test site\ndescription: A site built by the tests\n"

/// The files of an inline site, with a default `content/site.yaml` when it has none.
func siteFiles(_ archive: String) -> [String: String] {
    var files = txtarFiles(archive)
    if files["content/site.yaml"] == nil { files["content/site.yaml"] = defaultSiteYAML }
    return files
}

/// A small site written into its own temporary folder, built and read back as a reader would.
///
/// Each test gets its own folder, so tests run in parallel; the folder is removed when the
/// value goes away.
final class TestSite: @unchecked Sendable {
    let root: URL
    var publicURL: URL { root.appendingPathComponent("public") }

    /// Writes the txtar `archive` (plus a default `content/site.yaml`) into a new temporary folder.
    init(_ archive: String) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("sitegen-test-\(UUID().uuidString)", isDirectory: true)
            .standardizedFileURL
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for (path, text) in siteFiles(archive) { try write(path, text) }
    }

    /// A copy of a folder (a committed fixture site) in a new temporary folder.
    init(copying folder: URL) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("sitegen-test-\(UUID().uuidString)", isDirectory: true)
            .standardizedFileURL
        try FileManager.default.copyItem(at: folder, to: root)
        try? FileManager.default.removeItem(at: publicURL)
    }

    deinit {
        try? FileManager.default.removeItem(at: root)
    }

    /// Writes a text file below the site root, creating folders.
    func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    /// Writes bytes below the site root, creating folders.
    func write(_ path: String, _ data: Data) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    /// Removes a file below the site root.
    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(path))
    }

    /// Builds the site into `public/`.
    @discardableResult
    func build(drafts: Bool = false, baseURL: String? = nil) -> BuildReport {
        SitegenCore.build(BuildOptions(root: root, includeDrafts: drafts, baseURL: baseURL))
    }

    /// Whether `public/path` exists.
    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: publicURL.appendingPathComponent(path).path)
    }

    /// The text of `public/path`.
    func page(_ path: String) throws -> String {
        let url = publicURL.appendingPathComponent(path)
        let data = try Data(contentsOf: url)
        return String(decoding: data, as: UTF8.self)
    }

    /// Every file of `public/`, as relative paths, sorted.
    func outputFiles() -> [String] {
        listFiles(below: publicURL)
    }

    /// The bytes of every file below `public/`, by relative path.
    func outputSnapshot() throws -> [String: Data] {
        var result: [String: Data] = [:]
        for path in outputFiles() { result[path] = try Data(contentsOf: publicURL.appendingPathComponent(path)) }
        return result
    }

    /// The modification time of `public/path`.
    func modificationDate(_ path: String) throws -> Date {
        let attributes = try FileManager.default.attributesOfItem(atPath: publicURL.appendingPathComponent(path).path)
        return try #require(attributes[.modificationDate] as? Date)
    }
}

/// Every regular file below `folder`, as relative paths, sorted.
func listFiles(below folder: URL) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
    var files: [String] = []
    while let relative = enumerator.nextObject() as? String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent(relative).path, isDirectory: &isDirectory),
           !isDirectory.boolValue {
            files.append(relative)
        }
    }
    return files.sorted()
}

// MARK: - In-memory pipeline

/// Diagnostics of a whole check of an inline site, held in memory (nothing is written).
func diagnostics(of archive: String, drafts: Bool = false) -> [Diagnostic] {
    let options = BuildOptions(root: URL(fileURLWithPath: "/nonexistent-sitegen-site"), includeDrafts: drafts, writesOutput: false)
    return build(options, fileSystem: .inMemory(siteFiles(archive))).diagnostics
}

/// The errors among `diagnostics`.
func errors(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    diagnostics.filter { $0.severity == .error }
}

/// The warnings among `diagnostics`.
func warnings(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    diagnostics.filter { $0.severity == .warning }
}

/// Loads an inline site held in memory.
func loadSite(_ archive: String) -> (RawSite, [Diagnostic]) {
    SiteLoader(fileSystem: .inMemory(siteFiles(archive))).load()
}

/// Loads and resolves an inline site held in memory.
func resolveSite(_ archive: String, drafts: Bool = false) -> (Site, [Diagnostic]) {
    let (raw, loadDiagnostics) = loadSite(archive)
    let (site, resolveDiagnostics) = Resolver(includeDrafts: drafts).resolve(raw)
    return (site, loadDiagnostics + resolveDiagnostics)
}

/// Builds an inline site with the real ``build(_:fileSystem:)`` (content read from memory, the
/// output written to a temporary folder) and reads the output back: output path → text.
/// Records an issue if the site has errors.
func renderSite(_ archive: String, drafts: Bool = false, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [String: String] {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-render-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let options = BuildOptions(root: folder.appendingPathComponent("site"), output: folder.appendingPathComponent("public"),
                               includeDrafts: drafts)
    let report = build(options, fileSystem: .inMemory(siteFiles(archive)))
    let problems = errors(report.diagnostics)
    #expect(problems.isEmpty && !report.failed, "the inline site has errors: \(problems)", sourceLocation: sourceLocation)
    var output: [String: String] = [:]
    for path in listFiles(below: options.output) {
        output[path] = (try? String(contentsOf: options.output.appendingPathComponent(path), encoding: .utf8)) ?? ""
    }
    return output
}

// MARK: - Reading HTML

/// The values of every `href` and `src` attribute in `html`, with entities `&amp;` decoded.
func linkTargets(in html: String) -> [String] {
    var result: [String] = []
    for attribute in [" href=\"", " src=\""] {
        var rest = html[...]
        while let start = rest.range(of: attribute) {
            let after = rest[start.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            result.append(String(after[..<end]).replacingOccurrences(of: "&amp;", with: "&"))
            rest = after[end...]
        }
    }
    return result
}

/// The values of every `id` attribute in `html`.
func elementIDs(in html: String) -> Set<String> {
    var result: Set<String> = []
    var rest = html[...]
    while let start = rest.range(of: " id=\"") {
        let after = rest[start.upperBound...]
        guard let end = after.firstIndex(of: "\"") else { break }
        result.insert(String(after[..<end]))
        rest = after[end...]
    }
    return result
}

/// The text of `html` between `start` and the next `end` after it, or nil.
func section(of html: String, from start: String, to end: String) -> String? {
    guard let open = html.range(of: start) else { return nil }
    let rest = html[open.upperBound...]
    guard let close = rest.range(of: end) else { return String(rest) }
    return String(rest[..<close.lowerBound])
}

/// Tags after which a reader sees a break between words.
private let blockTags: Set<String> = [
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "br", "section", "article",
    "header", "footer", "nav", "main", "table", "tr", "td", "th", "blockquote", "figure", "figcaption", "time", "title",
]

/// The text of `html` with tags removed and white space collapsed: what a reader sees.
/// Block tags separate words; inline tags (`a`, `span`, `sup`, `em`) do not.
func visibleText(_ html: String) -> String {
    var text = ""
    var tag = ""
    var inTag = false
    for character in html {
        if inTag {
            if character == ">" {
                inTag = false
                let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
                if blockTags.contains(name) { text.append(" ") }
            } else {
                tag.append(character)
            }
        } else if character == "<" {
            inTag = true
            tag = ""
        } else {
            text.append(character)
        }
    }
    return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}

/// The `<main>` element's contents of a page, where the page's own content is.
func mainContent(_ html: String) -> String {
    section(of: html, from: "<main", to: "</main>") ?? html
}

/// Counts the non-overlapping occurrences of `needle` in `text`.
func occurrences(of needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
}

extension MarkdownContent {
    /// The content as a page at the site root shows it (folder links), its citations numbered in order.
    var testHTML: String {
        html(root: "", links: .folders, citations: PageCitations(citationGroups.flatMap { $0 }))
    }
}

extension MarkdownText {
    /// The text as a page at the site root shows it (folder links), its citations numbered in order.
    var html: String { content.testHTML }
}
