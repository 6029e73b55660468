import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a file looked like when it was last read: its size, times and inode, enough to tell
/// without reading it that it has not changed.
///
/// A file written twice within one tick of the file system's clock can keep its times and size
/// while its bytes change; a stamp taken within ``racyWindow`` of the file's last change is
/// therefore not trusted, and the file's bytes are compared (``BuildSession``).
struct FileStamp: Equatable, Sendable {
    var size: Int64
    var modified: Int64
    var changed: Int64
    var inode: UInt64

    /// How recent a change must be for the stamp alone not to be trusted: two seconds, in nanoseconds.
    static let racyWindow: Int64 = 2_000_000_000

    /// The stamp of the file at `path`, or nil when there is no such file.
    static func of(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileStamp(info)
    }

    /// Whether there is a regular file (or a symbolic link to one) at `path`, as a listing counts files.
    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// The stamp in the result of `stat`.
    init(_ info: stat) {
        #if canImport(Darwin)
        modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        changed = Int64(info.st_ctimespec.tv_sec) * 1_000_000_000 + Int64(info.st_ctimespec.tv_nsec)
        #else
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        #endif
        size = Int64(info.st_size)
        inode = UInt64(info.st_ino)
    }

    init(size: Int64, modified: Int64, changed: Int64, inode: UInt64) {
        (self.size, self.modified, self.changed, self.inode) = (size, modified, changed, inode)
    }

    /// Whether the file had changed so recently when it was looked at (`checked`, nanoseconds
    /// since 1970) that it may have changed again within the same tick of the clock, unseen.
    /// Such a file's bytes are compared at every later look, until one finds its change old enough.
    func isRacy(at checked: Int64) -> Bool {
        checked - max(modified, changed) < Self.racyWindow
    }

    /// The current time in nanoseconds since 1970, as file times count.
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}

/// A hash of a file's bytes, to compare two versions of a file within one process.
struct ContentHash: Equatable, Sendable {
    var value: Int
    var count: Int

    init(_ data: Data) {
        var hasher = Hasher()
        data.withUnsafeBytes { hasher.combine(bytes: $0) }
        value = hasher.finalize()
        count = data.count
    }
}
