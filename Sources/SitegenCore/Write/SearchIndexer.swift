import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs Pagefind (https://pagefind.app), the static search indexer, on a staging folder before it
/// is swapped in, for sites with `search: true`: the index is always the one of the pages beside
/// it, and when Pagefind fails the old output stays as it was.
///
/// Pagefind writes its bundle into `pagefind/` of the staging folder. A file of the bundle whose
/// bytes did not change since the previous output is hard-linked from it, as the pages are, so it
/// keeps its modification time (Pagefind's output is the same for the same pages).
public struct SearchIndexer: Sendable {
    /// The folder of the output that holds the index and Pagefind's scripts.
    public static let folder = "pagefind"
    /// What Pagefind leaves out of every page besides `data-pagefind-ignore`: the citation marks
    /// (`[3]`) that sitegen writes into the text, which would otherwise show in the excerpts.
    public static let excludedSelectors = "sup.cite"
    /// The environment variable that names the Pagefind executable to use.
    public static let environmentVariable = "SITEGEN_PAGEFIND"
    /// How to install Pagefind, said whenever it cannot be found.
    public static let installAdvice = "install it with `pip install 'pagefind[bin]'` (then `pagefind` or `python3 -m pagefind` runs it), or download it from https://pagefind.app and put it on PATH, or set \(environmentVariable) to its path; or turn search off with `search: false`"

    /// How to start Pagefind: an executable and the arguments that come before sitegen's own.
    public struct Command: Sendable, Equatable {
        /// The executable's path.
        public var executable: String
        /// Arguments before `--site`: `["-m", "pagefind"]` for `python3 -m pagefind`.
        public var arguments: [String]

        /// Creates a command.
        public init(executable: String, arguments: [String] = []) {
            self.executable = executable
            self.arguments = arguments
        }

        /// The command as a reader would type it.
        public var description: String { ([executable] + arguments).joined(separator: " ") }
    }

    /// The Pagefind to run.
    public var command: Command
    /// The environment Pagefind runs in.
    public var environment: [String: String]

    /// Creates an indexer that runs `command`.
    public init(command: Command, environment: [String: String]) {
        self.command = command
        self.environment = environment
    }

    /// Finds Pagefind, in this order: the executable that `SITEGEN_PAGEFIND` names, `pagefind` on
    /// `PATH`, then `python3 -m pagefind` (what `pip install 'pagefind[bin]'` provides).
    ///
    /// - Returns: the command, or why there is none (a sentence that says how to install it).
    public static func locate(environment: [String: String]) -> Result<Command, LocateError> {
        if let named = environment[environmentVariable], !named.isEmpty {
            if let path = executablePath(named, environment: environment) { return .success(Command(executable: path)) }
            return .failure(LocateError(message: "`search: true` needs Pagefind, but \(environmentVariable)=\(named) is not an executable file: set it to Pagefind's path, or unset it and \(installAdvice)"))
        }
        for name in ["pagefind", "pagefind_extended"] {
            if let path = executablePath(name, environment: environment) { return .success(Command(executable: path)) }
        }
        if let python = executablePath("python3", environment: environment) {
            let probe = Command(executable: python, arguments: ["-m", "pagefind"])
            if let (status, _) = (try? run(probe, ["--version"], environment: environment)) ?? nil, status == 0 {
                return .success(probe)
            }
        }
        return .failure(LocateError(message: "`search: true` needs Pagefind, the search indexer, and it was not found (no `pagefind` on PATH, no `python3 -m pagefind`): \(installAdvice)"))
    }

    /// Why Pagefind could not be found.
    public struct LocateError: Error, Equatable, Sendable {
        /// The sentence to show, with how to install it.
        public var message: String
    }

    /// Static files that would land in `pagefind/`, where the index goes: errors.
    public static func collisions(_ files: [StaticFile]) -> [Diagnostic] {
        files.filter { $0.output == folder || $0.output.hasPrefix(folder + "/") }.map {
            .error(SourceLocation(path: $0.source), "`\($0.source)` would land in `\(folder)/`, the folder of the search index (`search: true` in content/site.yaml): rename or move the static file")
        }
    }

    /// Indexes the pages of the staging folder into its `pagefind/` folder.
    ///
    /// - Parameters:
    ///   - area: the staging folder, with every page and static file already in it.
    ///   - keepIndexURL: whether result links keep `index.html` (sites with `links: files`).
    /// - Returns: for each file of the bundle, whether it was unchanged and linked from the previous output.
    /// - Throws: ``OutputWriter/WriteError`` when Pagefind cannot start or fails; the output is untouched.
    public func index(_ area: OutputWriter.StagingArea, keepIndexURL: Bool) throws(OutputWriter.WriteError) -> [Result<Bool, OutputWriter.WriteError>] {
        let bundle = area.staging.appendingPathComponent(Self.folder)
        try run(["--site", area.staging.path, "--output-subdir", Self.folder], keepIndexURL: keepIndexURL, bundle: bundle, gate: area.gate)
        return Self.files(below: bundle).map { relative in
            area.keepIfUnchanged(Self.folder + "/" + relative)
        }
    }

    /// Indexes the pages of a folder that is served while Pagefind reads it (``BuildSession``)
    /// into `bundle`, a folder outside it: the served folder's own index is replaced only once
    /// the new one is whole.
    ///
    /// - Parameters:
    ///   - served: the folder of the pages.
    ///   - bundle: where the index goes; removed first if it exists.
    ///   - keepIndexURL: whether result links keep `index.html` (sites with `links: files`).
    ///   - gate: the gate Pagefind is started through (closing it kills Pagefind).
    /// - Throws: ``OutputWriter/WriteError`` when Pagefind cannot start or fails.
    public func index(served: URL, into bundle: URL, keepIndexURL: Bool, gate: WriteGate) throws(OutputWriter.WriteError) {
        try? FileManager.default.removeItem(at: bundle)
        try run(["--site", served.path, "--output-path", bundle.path], keepIndexURL: keepIndexURL, bundle: bundle, gate: gate)
    }

    /// Runs Pagefind with `arguments` (where to read and write) and sitegen's own, and checks
    /// that it wrote a bundle into `bundle`.
    private func run(_ arguments: [String], keepIndexURL: Bool, bundle: URL, gate: WriteGate) throws(OutputWriter.WriteError) {
        var arguments = arguments + ["--exclude-selectors", Self.excludedSelectors, "--quiet"]
        if keepIndexURL { arguments.append("--keep-index-url") }
        let status: Int32
        let output: String
        do {
            guard let ran = try Self.run(command, arguments, environment: environment, gate: gate) else { throw OutputWriter.WriteError.stopped }
            (status, output) = ran
        } catch let error as OutputWriter.WriteError {
            throw error
        } catch {
            throw OutputWriter.WriteError.io(.output, "could not run Pagefind (`\(command.description)`): \(error.localizedDescription); \(Self.installAdvice)")
        }
        guard !gate.isClosed else { throw OutputWriter.WriteError.stopped }
        guard status == 0 else {
            let lines = output.split(separator: "\n").suffix(12).joined(separator: "\n")
            throw OutputWriter.WriteError.io(.output, "Pagefind (`\(command.description)`) failed with exit status \(status); the previous output was left as it was" + (lines.isEmpty ? "" : ":\n" + lines))
        }
        guard FileManager.default.fileExists(atPath: bundle.appendingPathComponent("pagefind.js").path) else {
            throw OutputWriter.WriteError.io(.output, "Pagefind (`\(command.description)`) wrote no `\(Self.folder)/pagefind.js`; the previous output was left as it was")
        }
    }

    /// Runs `command` with `arguments`, its standard output and error together; returns its exit
    /// status and output, or nil when `gate` is closed (then it is not started, or is killed).
    static func run(_ command: Command, _ arguments: [String], environment: [String: String], gate: WriteGate = WriteGate()) throws -> (Int32, String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command.executable)
        process.arguments = command.arguments + arguments
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        guard try gate.run(process) else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        gate.ended(process)
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The path of `name` if it is an executable file: as given when it holds a `/`, else found on `PATH`.
    static func executablePath(_ name: String, environment: [String: String]) -> String? {
        func isExecutable(_ path: String) -> Bool {
            var info = stat()
            return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && access(path, X_OK) == 0
        }
        if name.contains("/") { return isExecutable(name) ? name : nil }
        for folder in (environment["PATH"] ?? "").split(separator: ":") where !folder.isEmpty {
            let path = folder + "/" + name
            if isExecutable(path) { return path }
        }
        return nil
    }

    /// Every regular file below `folder`, as sorted relative paths.
    static func files(below folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if let type = enumerator.fileAttributes?[.type] as? FileAttributeType, type == .typeRegular { files.append(relative) }
        }
        return files.sorted()
    }
}

extension OutputWriter.StagingArea {
    /// For a file something else wrote into the staging folder: when the previous output has the
    /// same bytes at `path`, the staged file is replaced by a hard link to it (true); else it stays (false).
    public func keepIfUnchanged(_ path: String) -> Result<Bool, OutputWriter.WriteError> {
        gate.pass { linkIfUnchanged(path) } ?? .failure(.stopped)
    }

    private func linkIfUnchanged(_ path: String) -> Result<Bool, OutputWriter.WriteError> {
        guard previousExists else { return .success(false) }
        let staged = staging.path + "/" + path
        let existing = output.path + "/" + path
        var info = stat()
        guard lstat(existing, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
              let new = FileManager.default.contents(atPath: staged), Int(info.st_size) == new.count,
              let old = FileManager.default.contents(atPath: existing), old == new else { return .success(false) }
        let temporary = staged + ".sitegen-link"
        guard link(existing, temporary) == 0 else { return .success(false) }
        guard rename(temporary, staged) == 0 else {
            unlink(temporary)
            return .failure(.io(.outputFile(path), "could not replace \(path) in the staging folder: \(String(cString: strerror(errno)))"))
        }
        return .success(true)
    }
}
