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
                var files: [String] = []
                listRegularFiles(in: absolute(directory), relative: directory, into: &files)
                return files.sorted()
            },
            readFile: { path in readWholeFile(absolute(path)) },
            directoryExists: { path in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: absolute(path), isDirectory: &isDirectory) && isDirectory.boolValue
            }
        )
    }

    /// The bytes of a regular file, read with one `read` per chunk into a buffer of its size
    /// (FileManager's reader cost more than the parsing of small content files).
    private static func readWholeFile(_ path: String) -> Data? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        var data = Data(count: Int(info.st_size))
        var filled = 0
        let complete = data.withUnsafeMutableBytes { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }
            while filled < buffer.count {
                let count = read(descriptor, base + filled, buffer.count - filled)
                if count < 0 { if errno == EINTR { continue }; return false }
                if count == 0 { break }
                filled += count
            }
            return true
        }
        guard complete else { return nil }
        if filled < data.count { data.removeSubrange(filled...) }
        return data
    }

    /// Every regular file below `folder` (``FolderEntry``). Symbolic links to files count as
    /// files; linked folders are not entered.
    private static func listRegularFiles(in folder: String, relative: String, into files: inout [String]) {
        for entry in FolderEntry.list(folder) ?? [] {
            let full = folder + "/" + entry.name
            let path = relative.isEmpty ? entry.name : relative + "/" + entry.name
            var kind = entry.kind
            if kind == .unknown || kind == .symbolicLink {
                var info = stat()
                guard stat(full, &info) == 0 else { continue }
                let format = info.st_mode & S_IFMT
                kind = format == S_IFREG ? .file : (format == S_IFDIR && kind == .unknown ? .folder : .other)
            }
            if kind == .file {
                files.append(path)
            } else if kind == .folder {
                listRegularFiles(in: full, relative: path, into: &files)
            }
        }
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
