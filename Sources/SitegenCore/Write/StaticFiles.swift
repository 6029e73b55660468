import Foundation

/// Checks the static files against the generated ones and stages them beside them.
public enum StaticFiles {
    /// Generated files a static file may replace: a site's own `robots.txt` wins over the default one.
    static let replaceable: Set<String> = ["robots.txt"]

    /// The generated paths that a static file of the same path replaces, without error.
    public static func replaced(_ files: [StaticFile]) -> Set<String> {
        Set(files.map(\.output)).intersection(replaceable)
    }

    /// The generated paths that can collide with a static file: a static file's output path, a
    /// path inside one (the static file is where a folder must be), or a folder of one. Given
    /// only these, ``collisions(_:generated:describe:)`` finds what it finds given every
    /// generated path, so a build keeps only these of its 628,000 paths.
    public struct CollisionCandidates: Sendable {
        private let outputs: Set<String>
        private let folders: Set<String>

        /// The candidates for `files`.
        public init(_ files: [StaticFile]) {
            outputs = Set(files.map(\.output))
            folders = Set(files.flatMap { StaticFiles.folders(of: $0.output).map(String.init) })
        }

        /// Whether the generated file `path` can collide with a static file.
        public func contains(_ path: String) -> Bool {
            if outputs.isEmpty { return false }
            return outputs.contains(path) || folders.contains(path) || StaticFiles.folders(of: path).contains { outputs.contains(String($0)) }
        }
    }

    /// The folders that hold `path`, innermost first: `a/b` and `a` for `a/b/c.html`.
    static func folders(of path: String) -> [Substring] {
        var found: [Substring] = []
        var folder = Substring(path)
        while let slash = folder.lastIndex(of: "/") {
            folder = folder[..<slash]
            found.append(folder)
        }
        return found
    }

    /// An error for each static file whose output path is a generated file, lies inside a
    /// generated file's path, or is a folder of generated files; each names both files.
    ///
    /// - Parameters:
    ///   - files: the static files.
    ///   - generated: every path the build renders (pages, feeds, assets), or those of them
    ///     that are ``CollisionCandidates``.
    ///   - describe: a reader's name for a generated path ("the home page (content/index.md)").
    public static func collisions(_ files: [StaticFile], generated: [String], describe: (String) -> String) -> [Diagnostic] {
        if files.isEmpty { return [] }  // a large site's 62,000 generated paths need not be looked at
        let generatedSet = Set(generated)
        var generatedFolders: [String: String] = [:]  // folder → one generated file inside it
        for path in generated.sorted() {
            for folder in folders(of: path) where generatedFolders[String(folder)] == nil { generatedFolders[String(folder)] = path }
        }
        var diagnostics: [Diagnostic] = []
        for file in files {
            let location = SourceLocation(path: file.source)
            if generatedSet.contains(file.output) {
                if replaceable.contains(file.output) { continue }
                diagnostics.append(.error(location, "`\(file.source)` has the same path in the output as \(describe(file.output)), `\(file.output)`: rename or move the static file"))
            } else if let inside = generatedFolders[file.output] {
                diagnostics.append(.error(location, "`\(file.source)` would be a file where the output needs a folder for \(describe(inside)), `\(inside)`: rename or move the static file"))
            } else if let folder = folders(of: file.output).first(where: { generatedSet.contains(String($0)) }) {
                diagnostics.append(.error(location, "`\(file.source)` would need a folder where the output has \(describe(String(folder))), `\(folder)`: rename or move the static file"))
            }
        }
        return diagnostics
    }

    /// A reader's name for a generated output path of `site`.
    public static func describe(_ path: String, in site: Site) -> String {
        let parts = path.split(separator: "/").map(String.init)
        switch parts.count {
        case 1:
            switch path {
            case "index.html": return "the home page" + (site.introduction != nil ? " (content/index.md)" : "")
            case "404.html": return "the page-not-found page"
            case "feed.xml": return "the Atom feed"
            case "sitemap.xml": return "the sitemap"
            default: return "a generated file"
            }
        case 2 where parts[1] == "index.html":
            switch parts[0] {
            case "timeline": return "the timeline page"
            case "actors", "articles", "notes": return "the list of \(parts[0])"
            default: return "a generated page"
            }
        case 3 where parts[2] == "index.html":
            let id = parts[1]
            for kind in EntityKind.allCases where kind.folder == parts[0] {
                return "the page of `\(kind.rawValue):\(id)`"
            }
            return "a generated page"
        default:
            return parts.first == "assets" ? "a theme asset" : "a generated file"
        }
    }

    /// Reads each static file and stages it; a file that cannot be read is an error at its path.
    static func stage(_ files: [StaticFile], fileSystem: FileSystem, into area: OutputWriter.StagingArea, parallel: Bool)
        -> [Result<Bool, OutputWriter.WriteError>] {
        files.parallelMap(minimumCount: 16, parallel: parallel) { file in
            guard let data = fileSystem.readFile(file.source) else {
                return .failure(.io(.siteFile(file.source), "could not read \(file.source)"))
            }
            return area.stage(OutputFile(path: file.output, contents: data))
        }
    }
}
