import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Notices changes below a few folders by polling (every 50 ms in `sitegen serve`): a snapshot of every file's path, size,
/// modification time (in nanoseconds) and inode, compared with the previous one.
///
/// Linux has no FSEvents, and a site is a few hundred files, so one snapshot costs well under
/// a millisecond; polling every 50 ms keeps the cost negligible and needs no C shims.
struct ChangeWatcher: Sendable {
    /// One file or folder as last seen.
    struct Entry: Equatable, Sendable {
        var path: String
        var size: Int64
        var modified: Int64
        var inode: UInt64
        var isFolder: Bool
    }

    /// The folders watched, as absolute paths; a missing folder is watched for appearing.
    var folders: [String]

    /// The state of every watched file, in a stable order.
    func snapshot() -> [Entry] {
        var entries: [Entry] = []
        for folder in folders { scan(folder, depth: 0, into: &entries) }
        return entries
    }

    private func scan(_ path: String, depth: Int, into entries: inout [Entry]) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        let isFolder = (info.st_mode & S_IFMT) == S_IFDIR
        #if canImport(Darwin)
        let modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
        entries.append(Entry(path: path, size: Int64(info.st_size), modified: modified, inode: UInt64(info.st_ino), isFolder: isFolder))
        guard isFolder, depth < 16, let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for name in names.sorted() where !Self.isIgnored(name) {
            scan(path + "/" + name, depth: depth + 1, into: &entries)
        }
    }

    /// Editors' temporary and backup files, which change without the site changing.
    static func isIgnored(_ name: String) -> Bool {
        name.hasSuffix(".swp") || name.hasSuffix(".swx") || name.hasSuffix("~") || name.hasPrefix(".#")
            || name == ".DS_Store" || name.hasSuffix(".tmp")
    }
}
