import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A folder that is served while it is written (``BuildSession``): a file is replaced only when
/// its bytes change, and then in place, holding the file's lock (``WriteGate/files``), which the
/// server holds too while it reads the file for a request: a request never sees a half-written file.
///
/// In place rather than under a temporary name renamed over the file: the file keeps its inode
/// and its memory, which the kernel need not free and allocate again. An actor's rename on the
/// 10,000-article archive rewrites 7,400 pages, and took a fifth more of the server's CPU the other
/// way (docs/performance.md). A file is written in place only when it is a regular file of the
/// folder's own: a symbolic link, a file with other names (hard links) or anything else found at
/// its path is removed and a new file made, so that no write reaches outside the folder.
///
/// The folder remembers the size of each file it wrote, or found holding the bytes it was to
/// write. A file whose new bytes have another size than that is written without reading what the
/// folder holds: whatever the folder holds then (the file as written, or a file changed or removed
/// behind the server's back), the new bytes must replace it. A file of the same size is compared
/// byte for byte with the folder's, as one it knows nothing of: a file changed behind the
/// server's back is set right whenever its page is written again.
final class LiveOutputFolder: Sendable {
    /// The folder.
    let url: URL
    /// The folder's path, as `open(2)` takes it.
    private let path: String
    /// The size of each file (by path in the folder) as last written or found holding what was to be written.
    private let sizes = Mutex([String: Int]())
    /// The gate every write and removal goes through, with the files' locks.
    let gate: WriteGate

    /// The folder at `url`, of whose files nothing is known yet, written through `gate`.
    init(url: URL, gate: WriteGate) {
        self.url = url
        self.gate = gate
        path = url.path
    }

    /// Writes `file` when its bytes differ from what the folder holds: `.success(true)` when it
    /// was unchanged (and not written), `.success(false)` when it was written.
    func write(_ file: OutputFile) -> Result<Bool, OutputWriter.WriteError> {
        guard OutputWriter.isSafe(file.path) else { return .failure(.unsafePath(file.path)) }
        return gate.pass { writeNow(file) } ?? .failure(.stopped)
    }

    private func writeNow(_ file: OutputFile) -> Result<Bool, OutputWriter.WriteError> {
        let path = self.path + "/" + file.path
        let size = file.contents.count
        let known = sizes.withLock { $0[file.path] }
        if known == nil || known == size, Self.holds(path, file.contents) {
            if known == nil { sizes.withLock { $0[file.path] = size } }
            return .success(true)
        }
        let result = gate.files.withLock(file.path) { replace(path, file) }
        sizes.withLock { $0[file.path] = result == nil ? size : nil }
        return result.map { .failure($0) } ?? .success(false)
    }

    /// Writes `file` over the file at `path` (made when there is none, with its folders): nil when
    /// done. A file that could not be written whole is removed, not left half-written.
    private func replace(_ path: String, _ file: OutputFile) -> OutputWriter.WriteError? {
        var descriptor = Self.openForWriting(path)
        if descriptor < 0 && errno == ENOENT {
            // A new folder (the first page of a new entity).
            let folder = String(path.utf8[..<path.utf8.lastIndex(of: UInt8(ascii: "/"))!])!
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                return .io(.outputFile(file.path), "could not create the folder of `\(file.path)`: \(error.localizedDescription)")
            }
            descriptor = Self.openForWriting(path)
        }
        guard descriptor >= 0 else {
            return .io(.outputFile(file.path), "could not write `\(file.path)`: \(String(cString: strerror(errno)))")
        }
        let written = file.contents.withUnsafeBytes { bytes -> Bool in
            var offset = 0
            while offset < bytes.count {
                let count = pwrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset, off_t(offset))
                if count < 0 { if errno == EINTR { continue }; return false }
                offset += count
            }
            return true
        }
        let truncated = written && ftruncate(descriptor, off_t(file.contents.count)) == 0
        let closed = close(descriptor) == 0
        guard truncated && closed else {
            let reason = String(cString: strerror(errno))
            unlink(path)
            return .io(.outputFile(file.path), "could not write `\(file.path)`: \(reason)")
        }
        return nil
    }

    /// The regular file at `path`, open for writing, made when there is none: a negative
    /// descriptor when it cannot be (`errno` says why). Anything else found at `path` (a symbolic
    /// link, a file that has other names, a pipe) is removed first and a new file made; a folder
    /// is left, and is an error.
    private static func openForWriting(_ path: String) -> Int32 {
        for attempt in 0..<2 {
            // O_NONBLOCK: a pipe found at the path would otherwise wait for a reader.
            let descriptor = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o644)
            if descriptor < 0 {
                guard attempt == 0, errno == ELOOP || errno == ENXIO, unlink(path) == 0 else { return -1 }
                continue
            }
            var info = stat()
            if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_nlink == 1 { return descriptor }
            close(descriptor)
            guard attempt == 0 else {
                errno = EEXIST
                return -1
            }
            guard unlink(path) == 0 else { return -1 }
        }
        return -1
    }

    /// Whether the regular file at `path` holds exactly `contents` (compared by size first, then byte by byte).
    private static func holds(_ path: String, _ contents: Data) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == contents.count else { return false }
        if contents.isEmpty { return true }
        var existing = [UInt8](repeating: 0, count: contents.count)
        var filled = 0
        while filled < existing.count {
            let count = existing.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            filled += count
        }
        return contents.withUnsafeBytes { new in existing.withUnsafeBytes { memcmp(new.baseAddress!, $0.baseAddress!, $0.count) == 0 } }
    }

    /// Puts the folder `replacement` (outside this folder, on the same file system) in place of
    /// the folder `name` of this folder: the old one is renamed aside, the new one renamed in
    /// (a request between the two renames, microseconds apart, finds neither), the old one removed.
    func replaceFolder(_ name: String, with replacement: URL) throws(OutputWriter.WriteError) {
        let target = path + "/" + name
        let aside = replacement.path + "-old"
        let moved: Result<Void, OutputWriter.WriteError>? = gate.pass {
            try? FileManager.default.removeItem(atPath: aside)
            let hadOne = rename(target, aside) == 0
            guard hadOne || errno == ENOENT, rename(replacement.path, target) == 0 else {
                let reason = String(cString: strerror(errno))
                if hadOne { _ = rename(aside, target) }
                return .failure(.io(.outputFile(name), "could not put the new `\(name)/` in place: \(reason)"))
            }
            return .success(())
        }
        try? FileManager.default.removeItem(atPath: aside)
        try (moved ?? .failure(.stopped)).get()
    }

    /// Removes the file at `relative`, and its folders as they become empty.
    func remove(_ relative: String) {
        guard OutputWriter.isSafe(relative) else { return }
        gate.pass { removeNow(relative) }
    }

    private func removeNow(_ relative: String) {
        sizes.withLock { $0[relative] = nil }
        unlink(path + "/" + relative)
        var folder = (relative as NSString).deletingLastPathComponent
        while !folder.isEmpty, rmdir(path + "/" + folder) == 0 {
            folder = (folder as NSString).deletingLastPathComponent
        }
    }
}
