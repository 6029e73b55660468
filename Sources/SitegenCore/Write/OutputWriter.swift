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

        /// Creates a summary from its counts.
        public init(written: Int, unchanged: Int) {
            self.written = written
            self.unchanged = unchanged
        }

        /// Counts staging results; the first failure is thrown.
        public init(_ results: [Result<Bool, WriteError>]) throws(WriteError) {
            let (summary, failures) = Self.counting(results)
            if let first = failures.first { throw first }
            self = summary
        }

        /// Counts staging results, and returns every failure among them.
        static func counting(_ results: [Result<Bool, WriteError>]) -> (Summary, failures: [WriteError]) {
            var summary = Summary(written: 0, unchanged: 0)
            var failures: [WriteError] = []
            for result in results {
                switch result {
                case .success(true): summary.unchanged += 1
                case .success(false): summary.written += 1
                case .failure(let error): failures.append(error)
                }
            }
            return (summary, failures)
        }
    }

    /// A problem that stops a write; none of them touches the existing output.
    public struct WriteError: Error, Equatable, CustomStringConvertible {
        /// What a write problem is about.
        public enum Subject: Sendable, Equatable {
            /// The output folder itself (or the staging folder beside it).
            case output
            /// One file of the output, relative to the output folder.
            case outputFile(String)
            /// A file of the site, relative to the site root (a static file that could not be read).
            case siteFile(String)
        }

        /// The file or folder the problem is about.
        public var subject: Subject
        /// What went wrong, in one sentence.
        public var message: String

        public var description: String { message }

        /// The output folder may not be replaced.
        static func unsafeOutputFolder(_ message: String) -> WriteError { WriteError(subject: .output, message: message) }

        /// A generated path that would land outside the output folder.
        static func unsafePath(_ path: String) -> WriteError {
            WriteError(subject: .outputFile(path), message: "refusing to write `\(path)`: it would land outside the output folder")
        }

        /// A failed file operation.
        static func io(_ subject: Subject, _ message: String) -> WriteError { WriteError(subject: subject, message: message) }

        /// A write refused because the build's ``WriteGate`` was closed (the server is stopping).
        public static let stopped = WriteError(subject: .output, message: "the build was stopped before it could write its output")

        /// The problem as an error at the file or folder it is about (``SourceLocation/whole(_:)``):
        /// a path relative to the site root when the output is inside it, absolute otherwise.
        public func diagnostic(output: URL, siteRoot: URL) -> Diagnostic {
            let outputPath = output.standardizedFileURL.path
            let rootPath = siteRoot.standardizedFileURL.path
            let shownOutput = outputPath.hasPrefix(rootPath + "/") ? String(outputPath.dropFirst(rootPath.count + 1)) : outputPath
            switch subject {
            case .output: return .error(.whole(shownOutput), message)
            case .outputFile(let path): return .error(.whole(shownOutput + "/" + path), message)
            case .siteFile(let path): return .error(.whole(path), message)
            }
        }
    }

    /// Whether files are written from all cores.
    public var parallel: Bool
    /// The gate every write goes through (``WriteGate``): once it is closed, nothing is written.
    public var gate: WriteGate

    /// Creates a writer.
    public init(parallel: Bool = true, gate: WriteGate = WriteGate()) {
        self.parallel = parallel
        self.gate = gate
    }

    /// A staging folder beside the output folder, filled file by file and then swapped in.
    public struct StagingArea: Sendable {
        /// The output folder it will replace.
        public let output: URL
        let staging: URL
        let old: URL
        /// Whether an earlier output exists to take unchanged files from.
        let previousExists: Bool
        /// The gate every write into the staging folder goes through.
        let gate: WriteGate
        /// `staging.path` and `output.path`, made once: a URL's path is parsed again at each
        /// call (percent-decoding), and every page asked for it.
        private let stagingPath: String
        private let outputPath: String

        init(output: URL, staging: URL, old: URL, previousExists: Bool, gate: WriteGate) {
            self.output = output
            self.staging = staging
            self.old = old
            self.previousExists = previousExists
            self.gate = gate
            stagingPath = staging.path
            outputPath = output.path
        }

        /// Writes one file into the staging folder, creating its folders; true when the file
        /// was unchanged and linked from the previous output.
        public func stage(_ file: OutputFile) -> Result<Bool, WriteError> {
            guard OutputWriter.isSafe(file.path) else { return .failure(.unsafePath(file.path)) }
            return gate.pass { OutputWriter.stage(file, into: stagingPath, previous: previousExists ? outputPath : nil) } ?? .failure(.stopped)
        }

        /// Puts the staged files in place of the output folder.
        public func commit() throws(WriteError) {
            let swapped: Result<Void, WriteError>? = gate.pass {
                do throws(WriteError) {
                    return .success(try OutputWriter.swap(staging: staging, into: output, old: old))
                } catch {
                    return .failure(error)
                }
            }
            try (swapped ?? .failure(.stopped)).get()
        }

        /// Removes the staging folder; the output folder is untouched. Done even when the gate is
        /// closed: removing makes nothing that a stopping server would have to remove again.
        public func abandon() {
            try? FileManager.default.removeItem(at: staging)
        }
    }

    /// Checks that `output` may be replaced and makes an empty staging folder beside it.
    public func beginStaging(_ output: URL, siteRoot: URL) throws(WriteError) -> StagingArea {
        let output = output.standardizedFileURL
        try checkOutputFolder(output, siteRoot: siteRoot.standardizedFileURL)
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        let pid = getpid()
        removeAbandonedFolders(in: parent, name: name)
        let area = StagingArea(output: output, staging: parent.appendingPathComponent(".\(name)-staging-\(pid)"),
                               old: parent.appendingPathComponent(".\(name)-old-\(pid)"),
                               previousExists: FileManager.default.fileExists(atPath: output.path), gate: gate)
        let made: Result<Void, WriteError>? = gate.pass {
            try? FileManager.default.removeItem(at: area.staging)
            do {
                try FileManager.default.createDirectory(at: area.staging, withIntermediateDirectories: true)
                return .success(())
            } catch {
                return .failure(.io(.output, "could not create the staging folder beside \(output.path): \(error.localizedDescription)"))
            }
        }
        try (made ?? .failure(.stopped)).get()
        return area
    }

    /// Replaces the folder `output` with exactly `files`.
    ///
    /// - Parameters:
    ///   - output: the output folder (`public/`); created if missing.
    ///   - files: every file of the new site.
    ///   - siteRoot: the site's root folder, which the output must not contain or be.
    public func replace(_ output: URL, with files: [OutputFile], siteRoot: URL) throws(WriteError) -> Summary {
        for file in files where !Self.isSafe(file.path) { throw WriteError.unsafePath(file.path) }
        let area = try beginStaging(output, siteRoot: siteRoot)
        let results = files.parallelMap(minimumCount: 64, parallel: parallel) { area.stage($0) }
        do {
            let summary = try Summary(results)
            try area.commit()
            return summary
        } catch {
            area.abandon()
            throw error
        }
    }

    /// Writes one file into the staging folder; returns true when it was linked unchanged.
    /// - Parameter previous: the current output folder, or nil when there is none (a cold build
    ///   then makes no look-ups in it).
    static func stage(_ file: OutputFile, into staging: String, previous: String?) -> Result<Bool, WriteError> {
        let target = staging + "/" + file.path
        // Nearly every page has a folder of its own (`events/ID/index.html`), new in a fresh
        // staging folder: make it first (one mkdir; the folders above only when it says they
        // are missing) instead of failing an open and walking every parent.
        if let slash = file.path.utf8.lastIndex(of: UInt8(ascii: "/")),
           mkdir(staging + "/" + file.path[..<slash], 0o755) != 0, errno == ENOENT {
            makeParentFolders(of: file.path, in: staging)
        }
        func retryingWithFolders(_ operation: () -> Int32) -> Int32 {
            let result = operation()
            guard result < 0, errno == ENOENT else { return result }
            makeParentFolders(of: file.path, in: staging)
            return operation()
        }
        if let previous {
            let existing = previous + "/" + file.path
            var info = stat()
            if lstat(existing, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == file.contents.count,
               let bytes = FileManager.default.contents(atPath: existing), bytes == file.contents,
               retryingWithFolders({ link(existing, target) }) == 0 {
                return .success(true)
            }
        }
        let descriptor = retryingWithFolders { open(target, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        guard descriptor >= 0 else { return .failure(.io(.outputFile(file.path), "could not write \(file.path): \(String(cString: strerror(errno)))")) }
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
        return complete ? .success(false) : .failure(.io(.outputFile(file.path), "could not write \(file.path): \(String(cString: strerror(errno)))"))
    }

    /// Creates the folders above `path` inside `root` (each mkdir tolerates an existing folder,
    /// so concurrent writers can share parents).
    private static func makeParentFolders(of path: String, in root: String) {
        var folder = root
        let parts = path.split(separator: "/")
        for part in parts.dropLast() {
            folder += "/" + part
            _ = mkdir(folder, 0o755)
        }
    }

    static func swap(staging: URL, into output: URL, old: URL) throws(WriteError) {
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: output.path) {
            guard rename(output.path, old.path) == 0 else {
                throw WriteError.io(.output, "could not move the old output aside: \(String(cString: strerror(errno)))")
            }
            guard rename(staging.path, output.path) == 0 else {
                let reason = String(cString: strerror(errno))
                _ = rename(old.path, output.path)
                throw WriteError.io(.output, "could not put the new output in place: \(reason)")
            }
            try? fileManager.removeItem(at: old)
        } else {
            guard rename(staging.path, output.path) == 0 else {
                throw WriteError.io(.output, "could not put the new output in place: \(String(cString: strerror(errno)))")
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

    /// The output must be empty or an earlier build, must not be the site root or contain it, and
    /// must not hold a Git repository or a site's content.
    private func checkOutputFolder(_ output: URL, siteRoot: URL) throws(WriteError) {
        let outputPath = output.path
        // Only an earlier build (which always has index.html) or an empty folder is replaced:
        // pointing --output at a folder of other files must not delete them.
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: outputPath),
           !entries.isEmpty, !entries.contains("index.html") {
            throw WriteError.unsafeOutputFolder(
                "refusing to replace `\(outputPath)`: it is not empty and holds no earlier build (no index.html); empty it or choose another --output")
        }
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
        guard !path.isEmpty, !path.hasPrefix("/"), !path.utf8.contains(UInt8(ascii: "\\")), !path.utf8.contains(0) else { return false }
        return path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty && !part.elementsEqual("..".utf8) && !part.elementsEqual(".".utf8)
        }
    }
}
