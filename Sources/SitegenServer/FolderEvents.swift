import Foundation
import SitegenCore
#if canImport(Glibc)
import Glibc
#endif

/// Hears about changes below a site's watched folders from the kernel (inotify, on Linux), so
/// that `sitegen serve` neither looks at every file every 50 ms nor waits for the next look:
/// a save is known within milliseconds, with the paths it changed.
///
/// Every folder below the watched ones is watched. When the kernel's queue overflowed, a folder
/// was created, removed or moved, or a watched folder appeared or went away, the paths are not
/// known exactly: ``take()`` then says so (nil), and the watches are set up again. Where inotify
/// cannot be used (another system, the watch limit reached, a symbolic link below the folders,
/// whose target's changes it would not report), ``start(root:folders:)`` gives nil and the
/// server polls snapshots instead.
///
/// One watch loop uses it at a time; ``wait(milliseconds:)`` runs on another thread while that
/// loop awaits it, and only reads the descriptor.
final class FolderEvents: @unchecked Sendable {
    private let descriptor: Int32
    private let root: String
    private let folders: [String]
    /// The folder (root-relative) of each watch; the root itself is watched for the watched folders appearing.
    private var watched: [Int32: String] = [:]
    /// The paths changed since the last ``take()``; nil when they are not known.
    private var pending: Set<String>? = []
    /// Whether anything was heard since the last ``take()``.
    private(set) var heardSomething = false

    private init(descriptor: Int32, root: String, folders: [String]) {
        self.descriptor = descriptor
        self.root = root
        self.folders = folders
    }

    deinit { close(descriptor) }

    /// Watches `folders` (root-relative) of `root`; nil where inotify cannot be used (above).
    static func start(root: URL, folders: [String]) -> FolderEvents? {
        #if os(Linux)
        let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        let events = FolderEvents(descriptor: descriptor, root: root.standardizedFileURL.path, folders: folders)
        return events.watchAll() ? events : nil
        #else
        return nil
        #endif
    }

    /// Waits until the kernel has something to report, at most `milliseconds`; whether it has.
    /// Blocks the calling thread (the server calls it off the cooperative thread pool).
    func wait(milliseconds: Int32) -> Bool {
        #if os(Linux)
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, milliseconds) > 0
        #else
        return false
        #endif
    }

    /// Whether something other than an editor's swap or backup file changed (or the paths are not known).
    var heardAChange: Bool {
        guard heardSomething else { return false }
        return pending.map { $0.contains { !FolderSnapshot.isEditorFile($0) } } ?? true
    }

    /// Reads what the kernel has queued, without waiting. Returns whether anything new was heard.
    @discardableResult
    func read() -> Bool {
        #if os(Linux)
        var heard = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            heard = true
            var offset = 0
            while offset + 16 <= count {
                let (watch, mask, length) = buffer.withUnsafeBytes { raw in
                    (raw.loadUnaligned(fromByteOffset: offset, as: Int32.self), raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                     Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
                }
                let nameBytes = buffer[(offset + 16)..<min(count, offset + 16 + length)].prefix { $0 != 0 }
                record(watch: watch, mask: mask, name: String(decoding: nameBytes, as: UTF8.self))
                offset += 16 + length
            }
        }
        if heard { heardSomething = true }
        return heard
        #else
        return false
        #endif
    }

    /// The paths (root-relative) changed since the last call, nil when they are not known; then starts over.
    func take() -> Set<String>? {
        defer { (pending, heardSomething) = ([], false) }
        return pending
    }

    /// The changed paths heard so far, nil when not known.
    var changedPaths: Set<String>? { pending }

    #if os(Linux)
    private func record(watch: Int32, mask: UInt32, name: String) {
        let mask = Int32(bitPattern: mask)
        if mask & Int32(IN_Q_OVERFLOW) != 0 { return lost() }
        guard let folder = watched[watch] else { return }
        if folder.isEmpty {
            // The root: only the watched folders appearing or going away matter.
            if folders.contains(name) { lost() }
            return
        }
        let path = folder + "/" + name
        if mask & Int32(IN_ISDIR) != 0 && mask & Int32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO) != 0 { return lost() }
        if mask & Int32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 { return lost() }
        if mask & Int32(IN_IGNORED) != 0 { return }
        pending?.insert(path)
    }

    /// What changed is no longer known exactly: watch every folder again and say so at the next ``take()``.
    private func lost() {
        pending = nil
        for watch in watched.keys { inotify_rm_watch(descriptor, watch) }
        watched = [:]
        _ = watchAll()
    }

    /// Watches the root and every folder below the watched ones; false when one cannot be
    /// watched or a symbolic link is found.
    private func watchAll() -> Bool {
        let rootMask = UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ONLYDIR)
        let rootWatch = inotify_add_watch(descriptor, root, rootMask)
        guard rootWatch >= 0 else { return false }
        watched[rootWatch] = ""
        for folder in folders where !watch(folder, depth: 0) { return false }
        return true
    }

    private func watch(_ folder: String, depth: Int) -> Bool {
        let path = root + "/" + folder
        let mask = UInt32(IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE | IN_DELETE
                          | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW)
        var info = stat()
        guard lstat(path, &info) == 0 else { return true }  // a missing folder: the root's watch hears it appear
        guard (info.st_mode & S_IFMT) == S_IFDIR else { return (info.st_mode & S_IFMT) != S_IFLNK }
        guard depth < 16 else { return false }
        let watch = inotify_add_watch(descriptor, path, mask)
        guard watch >= 0 else { return false }
        watched[watch] = folder
        for entry in FolderEntry.list(path) ?? [] where entry.kind == .folder || entry.kind == .unknown || entry.kind == .symbolicLink {
            guard self.watch(folder + "/" + entry.name, depth: depth + 1) else { return false }
        }
        return true
    }
    #endif
}
