/// Reads the source texts of `content/sources/` again for the verify stage, which checks one
/// article's quotes at a time against them: the loader keeps only their names and paths, so that
/// a large site's texts are never all held at once. Reading stays in Load (docs/architecture.md).
public struct SourceTextReader: Sendable {
    /// Where the texts are read.
    public var fileSystem: FileSystem

    /// A reader of the texts in `fileSystem`.
    public init(fileSystem: FileSystem) {
        self.fileSystem = fileSystem
    }

    /// The text of `source`, or the problem at its file: it may have changed or gone since it
    /// was loaded.
    func text(of source: SourceText) -> Result<String, Diagnostic> {
        switch fileSystem.readFile(source.path).map({ TextFile.decode($0, path: source.path) }) {
        case .success(let file)?: return .success(file.text)
        case .failure(let diagnostic)?: return .failure(diagnostic)
        case nil: return .failure(.error(SourceLocation(path: source.path), "cannot read this file"))
        }
    }
}
