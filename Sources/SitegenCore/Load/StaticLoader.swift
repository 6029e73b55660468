/// One file of the site's `static/` folder, copied as it is into the output.
public struct StaticFile: Sendable, Hashable {
    /// Its path from the site root (`static/images/bridge.jpg`).
    public var source: String
    /// Its path in the output (`images/bridge.jpg`).
    public var output: String
}

/// Lists `static/`: every regular file below it, hidden ones too (`.nojekyll`,
/// `.well-known/…`), in a stable order. Its bytes are read only when the output is written.
public enum StaticLoader {
    /// The static files of the site at `fileSystem`; empty when there is no `static/` folder.
    public static func load(fileSystem: FileSystem) -> [StaticFile] {
        fileSystem.listFiles("static").map { path in
            StaticFile(source: path, output: String(path.dropFirst("static/".count)))
        }
    }
}
