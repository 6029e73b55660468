import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A folder that is served while it is written (``BuildSession``): a file is replaced only when
/// its bytes change, and then atomically (written beside it under a temporary name, then renamed
/// over it), so a request never sees a half-written file.
struct LiveOutputFolder: Sendable {
    /// The folder.
    let url: URL

    /// Writes `file` when its bytes differ from what the folder holds: `.success(true)` when it
    /// was unchanged (and not written), `.success(false)` when it was written.
    func write(_ file: OutputFile) -> Result<Bool, OutputWriter.WriteError> {
        guard OutputWriter.isSafe(file.path) else { return .failure(.unsafePath(file.path)) }
        let path = url.path + "/" + file.path
        if Self.holds(path, file.contents) { return .success(true) }
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = folder + "/.sitegen-" + UUID().uuidString.prefix(12) + ".tmp"
        var descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        if descriptor < 0 && errno == ENOENT {
            // A new folder (the first page of a new entity).
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                return .failure(.io(.outputFile(file.path), "could not create the folder of `\(file.path)`: \(error.localizedDescription)"))
            }
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else {
            return .failure(.io(.outputFile(file.path), "could not write `\(file.path)`: \(String(cString: strerror(errno)))"))
        }
        let written = file.contents.withUnsafeBytes { bytes -> Bool in
            var offset = 0
            while offset < bytes.count {
                let count = Self.systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0 { if errno == EINTR { continue }; return false }
                offset += count
            }
            return true
        }
        let closed = close(descriptor) == 0
        guard written && closed else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return .failure(.io(.outputFile(file.path), "could not write `\(file.path)`: \(reason)"))
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return .failure(.io(.outputFile(file.path), "could not write `\(file.path)`: \(reason)"))
        }
        return .success(false)
    }

    /// `write(2)` (the name `write` is this type's own).
    private static func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.write(descriptor, bytes, count)
        #else
        return Darwin.write(descriptor, bytes, count)
        #endif
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

    /// Removes the file at `relative`, and its folders as they become empty.
    func remove(_ relative: String) {
        guard OutputWriter.isSafe(relative) else { return }
        unlink(url.path + "/" + relative)
        var folder = (relative as NSString).deletingLastPathComponent
        while !folder.isEmpty, rmdir(url.path + "/" + folder) == 0 {
            folder = (folder as NSString).deletingLastPathComponent
        }
    }
}
