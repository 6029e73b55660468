import Foundation

/// One file of the built site: a path relative to the output folder, and its bytes.
public struct OutputFile: Sendable, Hashable {
    /// Relative path, `/`-separated (`actors/mali/index.html`).
    public var path: String
    /// The file's contents.
    public var contents: Data

    /// Creates an output file.
    public init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
    }

    /// Creates a text output file, UTF-8 encoded.
    public init(path: String, text: String) {
        self.init(path: path, contents: Data(text.utf8))
    }

    /// Whether this is an HTML page.
    public var isPage: Bool { path.hasSuffix(".html") }
}
