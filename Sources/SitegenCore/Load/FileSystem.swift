import Foundation

/// The file access the loader needs, as a value of closures so tests can run on memory.
///
/// Paths are relative to the site root and use `/`. Listings are sorted, so every
/// run sees files in the same order.
public struct FileSystem: Sendable {
    /// Every regular file below `directory`, as root-relative paths, sorted. Empty when the folder is missing.
    public var listFiles: @Sendable (_ directory: String) -> [String]
    /// The bytes of a file, or nil if it does not exist or cannot be read.
    public var readFile: @Sendable (_ path: String) -> Data?
    /// Whether a folder exists.
    public var directoryExists: @Sendable (_ path: String) -> Bool

    /// Creates a file system from its three operations.
    public init(
        listFiles: @escaping @Sendable (String) -> [String],
        readFile: @escaping @Sendable (String) -> Data?,
        directoryExists: @escaping @Sendable (String) -> Bool
    ) {
        self.listFiles = listFiles
        self.readFile = readFile
        self.directoryExists = directoryExists
    }

    /// The real disk, below `root`.
    public static func disk(root: URL) -> FileSystem {
        let rootPath = root.standardizedFileURL.path
        @Sendable func absolute(_ path: String) -> String {
            path.isEmpty ? rootPath : rootPath + "/" + path
        }
        return FileSystem(
            listFiles: { directory in
                let base = absolute(directory)
                guard let enumerator = FileManager.default.enumerator(atPath: base) else { return [] }
                var files: [String] = []
                while let relative = enumerator.nextObject() as? String {
                    var isDirectory: ObjCBool = false
                    let full = base + "/" + relative
                    if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                        files.append(directory.isEmpty ? relative : directory + "/" + relative)
                    }
                }
                return files.sorted()
            },
            readFile: { path in FileManager.default.contents(atPath: absolute(path)) },
            directoryExists: { path in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: absolute(path), isDirectory: &isDirectory) && isDirectory.boolValue
            }
        )
    }

    /// A file system held in memory: root-relative path → contents.
    public static func inMemory(_ files: [String: String]) -> FileSystem {
        let data = files.mapValues { Data($0.utf8) }
        return FileSystem(
            listFiles: { directory in
                let prefix = directory.isEmpty ? "" : directory + "/"
                return data.keys.filter { $0.hasPrefix(prefix) }.sorted()
            },
            readFile: { data[$0] },
            directoryExists: { directory in
                let prefix = directory.isEmpty ? "" : directory + "/"
                return data.keys.contains { $0.hasPrefix(prefix) }
            }
        )
    }
}
