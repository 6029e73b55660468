import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The only stage that writes: it builds the new output in a staging folder beside the output
/// folder and swaps it in, so a failed or interrupted build leaves the old output as it was.
///
/// A file whose bytes did not change is hard-linked from the previous output instead of
/// written again, so it keeps its modification time and a deploy uploads only what changed.
public struct OutputWriter: Sendable {
    /// What a write did.
    public struct Summary: Sendable, Equatable {
        /// Files written because they are new or changed.
        public var written: Int
        /// Files carried over unchanged from the previous output.
        public var unchanged: Int
    }

    /// Problems that stop a write; none of them touches the existing output.
    public enum WriteError: Error, CustomStringConvertible {
        case unsafeOutputFolder(String)
        case unsafePath(String)
        case io(String)

        public var description: String {
            switch self {
            case .unsafeOutputFolder(let message): return message
            case .unsafePath(let path): return "refusing to write `\(path)`: it would land outside the output folder"
            case .io(let message): return message
            }
        }
    }

    /// Whether files are written from all cores.
    public var parallel: Bool

    /// Creates a writer.
    public init(parallel: Bool = true) {
        self.parallel = parallel
    }

    /// Replaces the folder `output` with exactly `files`.
    ///
    /// - Parameters:
    ///   - output: the output folder (`public/`); created if missing.
    ///   - files: every file of the new site.
    ///   - siteRoot: the site's root folder, which the output must not contain or be.
    public func replace(_ output: URL, with files: [OutputFile], siteRoot: URL) throws -> Summary {
        let output = output.standardizedFileURL
        let root = siteRoot.standardizedFileURL
        try checkOutputFolder(output, siteRoot: root)
        for file in files where !Self.isSafe(file.path) { throw WriteError.unsafePath(file.path) }

        let fileManager = FileManager.default
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let pid = getpid()
        removeAbandonedFolders(in: parent, name: name)
        let staging = parent.appendingPathComponent(".\(name)-staging-\(pid)")
        let old = parent.appendingPathComponent(".\(name)-old-\(pid)")
        try? fileManager.removeItem(at: staging)
        do {
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            var folders = Set<String>()
            for file in files {
                var folder = (file.path as NSString).deletingLastPathComponent
                while !folder.isEmpty, folders.insert(folder).inserted {
                    folder = (folder as NSString).deletingLastPathComponent
                }
            }
            // Sorted, so every parent is made before its children: one mkdir each, no existence checks.
            for folder in folders.sorted() where mkdir(staging.path + "/" + folder, 0o755) != 0 && errno != EEXIST {
                throw WriteError.io("could not create \(folder): \(String(cString: strerror(errno)))")
            }
            let stagingPath = staging.path
            let outputPath = output.path
            let results = files.parallelMap(minimumCount: 64, parallel: parallel) { file -> Result<Bool, WriteError> in
                Self.stage(file, into: stagingPath, previous: outputPath)
            }
            var summary = Summary(written: 0, unchanged: 0)
            for result in results {
                switch result {
                case .success(true): summary.unchanged += 1
                case .success(false): summary.written += 1
                case .failure(let error): throw error
                }
            }
            try swap(staging: staging, into: output, old: old)
            return summary
        } catch {
            try? fileManager.removeItem(at: staging)
            if let error = error as? WriteError { throw error }
            throw WriteError.io("could not write the site: \(error.localizedDescription)")
        }
    }

    /// Writes one file into the staging folder; returns true when it was linked unchanged.
    private static func stage(_ file: OutputFile, into staging: String, previous: String) -> Result<Bool, WriteError> {
        let target = staging + "/" + file.path
        let existing = previous + "/" + file.path
        var info = stat()
        if lstat(existing, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == file.contents.count,
           let bytes = FileManager.default.contents(atPath: existing), bytes == file.contents,
           link(existing, target) == 0 {
            return .success(true)
        }
        let descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { return .failure(.io("could not write \(file.path): \(String(cString: strerror(errno)))")) }
        defer { close(descriptor) }
        let complete = file.contents.withUnsafeBytes { buffer -> Bool in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return true }
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, base + offset, buffer.count - offset)
                if written < 0 { if errno == EINTR { continue }; return false }
                offset += written
            }
            return true
        }
        return complete ? .success(false) : .failure(.io("could not write \(file.path): \(String(cString: strerror(errno)))"))
    }

    private func swap(staging: URL, into output: URL, old: URL) throws {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: output.path) {
            guard rename(output.path, old.path) == 0 else {
                throw WriteError.io("could not move the old output aside: \(String(cString: strerror(errno)))")
            }
            guard rename(staging.path, output.path) == 0 else {
                let reason = String(cString: strerror(errno))
                _ = rename(old.path, output.path)
                throw WriteError.io("could not put the new output in place: \(reason)")
            }
            try? fileManager.removeItem(at: old)
        } else {
            guard rename(staging.path, output.path) == 0 else {
                throw WriteError.io("could not put the new output in place: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// Removes staging and old folders left by builds that were killed (their process is gone).
    private func removeAbandonedFolders(in parent: URL, name: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for entry in entries.sorted() {
            for prefix in [".\(name)-staging-", ".\(name)-old-"] where entry.hasPrefix(prefix) {
                guard let pid = Int32(entry.dropFirst(prefix.count)), pid != getpid() else { continue }
                if kill(pid, 0) != 0 && errno == ESRCH {
                    try? FileManager.default.removeItem(at: parent.appendingPathComponent(entry))
                }
            }
        }
    }

    /// The output must not be the site root, contain it, or be a folder that holds a Git repository.
    private func checkOutputFolder(_ output: URL, siteRoot: URL) throws {
        let outputPath = output.path
        let rootPath = siteRoot.path
        if outputPath == "/" || outputPath == rootPath || rootPath.hasPrefix(outputPath.hasSuffix("/") ? outputPath : outputPath + "/") {
            throw WriteError.unsafeOutputFolder("refusing to use `\(outputPath)` as the output folder: it contains the site itself")
        }
        let home = FileManager.default.homeDirectoryForCurrentUser.standardizedFileURL.path
        if outputPath == home {
            throw WriteError.unsafeOutputFolder("refusing to use your home folder as the output folder")
        }
        if FileManager.default.fileExists(atPath: output.appendingPathComponent(".git").path) {
            throw WriteError.unsafeOutputFolder("refusing to replace `\(outputPath)`: it holds a Git repository")
        }
        if FileManager.default.fileExists(atPath: output.appendingPathComponent("content/site.yaml").path) {
            throw WriteError.unsafeOutputFolder("refusing to replace `\(outputPath)`: it holds a site's content")
        }
    }

    /// A relative path with no `..`, no empty or hidden-parent segments, and not absolute.
    static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0") else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { $0 != ".." && $0 != "." && !$0.isEmpty }
    }
}
