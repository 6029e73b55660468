import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One entry of a folder, as `readdir` gives it: its name and what the folder says it is.
///
/// The one folder walker of sitegen: the loader lists a site's files with it, `sitegen serve`'s
/// snapshots stamp them and its watcher finds the folders to watch. FileManager's enumerator
/// and a `fileExists` per entry cost about half a second for a 30,000-file site.
public struct FolderEntry: Sendable, Equatable {
    /// What an entry is, by the folder's word (`d_type`), without a `stat`.
    public enum Kind: Sendable, Equatable {
        case file
        case folder
        case symbolicLink
        /// The file system does not say (some do not): `stat` the entry to know.
        case unknown
        /// A device, socket or pipe.
        case other
    }

    /// The entry's name within its folder.
    public var name: String
    public var kind: Kind

    /// The entries of the folder at `path` (absolute), without `.` and `..`, in the folder's own
    /// order; nil when it cannot be opened (missing, not a folder, not readable).
    public static func list(_ path: String) -> [FolderEntry]? {
        guard let handle = opendir(path) else { return nil }
        defer { closedir(handle) }
        var entries: [FolderEntry] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." { continue }
            let kind: Kind
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): kind = .file
            case Int32(DT_DIR): kind = .folder
            case Int32(DT_LNK): kind = .symbolicLink
            case Int32(DT_UNKNOWN): kind = .unknown
            default: kind = .other
            }
            entries.append(FolderEntry(name: name, kind: kind))
        }
        return entries
    }
}
