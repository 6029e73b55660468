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
        if let existing = FileManager.default.contents(atPath: path), existing == file.contents { return .success(true) }
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            return .failure(.io(.outputFile(file.path), "could not create the folder of `\(file.path)`: \(error.localizedDescription)"))
        }
        let temporary = folder + "/.sitegen-" + UUID().uuidString.prefix(12) + ".tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: file.contents) else {
            return .failure(.io(.outputFile(file.path), "could not write `\(file.path)`"))
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return .failure(.io(.outputFile(file.path), "could not write `\(file.path)`: \(reason)"))
        }
        return .success(false)
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
