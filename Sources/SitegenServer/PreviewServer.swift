import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import SitegenCore
import Synchronization

/// What `sitegen serve` is asked to do.
public struct ServeOptions: Sendable {
    /// The site's root folder.
    public var root: URL
    /// Whether drafts are built.
    public var includeDrafts: Bool
    /// The site's address for absolute links; by default the server's own (`http://127.0.0.1:PORT/`),
    /// so the feed, canonical links and `404.html` point at the preview.
    public var baseURL: String?
    /// The address to listen on; only the local machine by default.
    public var host: String
    /// The port; 0 picks a free one.
    public var port: Int
    /// A private folder for the builds; by default a new folder in `/dev/shm` (memory) where it
    /// exists, else in the temporary folder. Never `ROOT/public`.
    public var workFolder: URL?
    /// How often `content/`, `templates/` and `static/` are checked for changes where the kernel
    /// does not report them (systems other than Linux, or a symbolic link below them).
    public var pollInterval: Duration
    /// Once a change is seen, how long the folders must stay unchanged before the build starts
    /// (an editor that truncates a file and then writes it is not built half-way).
    public var settleInterval: Duration
    /// How long a live-reload request is held open when nothing changes.
    public var longPollTimeout: Duration
    /// Whether each build's stage times are logged after its summary (`--timings`).
    public var timings: Bool

    /// Creates options.
    public init(root: URL, includeDrafts: Bool = false, baseURL: String? = nil, host: String = "127.0.0.1", port: Int = 8080,
                workFolder: URL? = nil, pollInterval: Duration = .milliseconds(50), settleInterval: Duration = .milliseconds(20),
                longPollTimeout: Duration = .seconds(25), timings: Bool = false) {
        self.root = root.standardizedFileURL
        self.includeDrafts = includeDrafts
        self.baseURL = baseURL
        self.host = host
        self.port = port
        self.workFolder = workFolder
        self.pollInterval = pollInterval
        self.settleInterval = settleInterval
        self.longPollTimeout = longPollTimeout
        self.timings = timings
    }
}

/// The editors' preview server: builds the site into a private folder, serves it, watches
/// `content/` and `templates/`, rebuilds on change and makes open pages reload themselves.
///
/// The site is built into `site/` in the work folder by a ``BuildSession``: after the first build,
/// an edit re-reads only the changed files and rewrites only the pages whose bytes change, each
/// in place while holding its lock, which a request holds too while it reads the file, so a
/// request never sees a half-written file; a failed build leaves the last good one in place
/// (docs/incremental.md).
public final class PreviewServer: Sendable {
    /// The options the server was made with.
    public let options: ServeOptions
    /// Where the builds are written.
    public let workFolder: URL
    /// Receives one line per build and per problem (the terminal, in `sitegen serve`).
    let log: @Sendable (String) -> Void
    let state = PreviewState()
    private let ownsWorkFolder: Bool
    /// The gate of every build's writes: closed by ``cleanUp()``, so that a build still running
    /// when the server stops writes nothing more (it would make the removed work folder again).
    private let writes = WriteGate()
    /// The error overlay of the latest failed build, by build version (``overlay(for:)``).
    private let overlays = Mutex<(version: Int, html: String)?>(nil)

    /// Creates a server; nothing is built or bound until the application runs.
    ///
    /// - Parameters:
    ///   - options: what to serve and how.
    ///   - log: where build results and diagnostics are printed.
    public init(options: ServeOptions, log: @escaping @Sendable (String) -> Void = { _ in }) throws {
        self.options = options
        self.log = log
        if let folder = options.workFolder {
            workFolder = folder.standardizedFileURL
            ownsWorkFolder = false
        } else {
            // Memory-backed /dev/shm where there is one: writing the site there takes ~10 ms instead
            // of 40-500 ms on a busy disk, which is most of the edit-to-reload time.
            let shm = "/dev/shm"
            let base = FileManager.default.isWritableFile(atPath: shm)
                ? URL(fileURLWithPath: shm, isDirectory: true) : FileManager.default.temporaryDirectory
            workFolder = base.appendingPathComponent("sitegen-serve-\(getpid())-\(UUID().uuidString.prefix(8))")
            ownsWorkFolder = true
        }
        try FileManager.default.createDirectory(at: workFolder, withIntermediateDirectories: true)
    }

    /// The bytes of `file`, a file of the served folder `folder` (both canonical paths), read
    /// whole: a file that a build is writing meanwhile (in place) is read before or after the
    /// write, never half-written (``WriteGate/files``).
    func contents(ofServedFile file: String, in folder: String) -> Data? {
        let relative = file.hasPrefix(folder + "/") ? String(file.dropFirst(folder.count + 1)) : file
        return writes.files.withLock(relative) { FileManager.default.contents(atPath: file) }
    }

    /// Stops every build's writes (and the Pagefind it runs), then removes the work folder when
    /// the server made it. A build still running goes on unobserved, and writes nothing.
    public func cleanUp() {
        writes.close()
        guard ownsWorkFolder else { return }
        // Removing a large site's copy takes a while (628,000 pages: about 25 s): the editor who
        // pressed Ctrl-C is told what the server is doing rather than left with a silent terminal.
        if FileManager.default.fileExists(atPath: workFolder.appendingPathComponent("site").path) {
            log("Stopping: removing the preview's copy of the site (\(workFolder.path))")
        }
        try? FileManager.default.removeItem(at: workFolder)
    }

    /// The latest build status.
    public var status: BuildStatus {
        get async { await state.status }
    }

    /// The status of the first build, waiting for it to finish.
    public func firstBuild() async -> BuildStatus {
        await state.firstBuild()
    }

    /// Waits until a build newer than `version` has finished (or `timeout` passes) and returns the status.
    public func waitForBuild(after version: Int, timeout: Duration = .seconds(60)) async -> BuildStatus {
        await state.waitForChange(after: version, timeout: timeout)
    }

    /// Runs the server until SIGINT (Ctrl-C) or SIGTERM, which stop it within a second in every
    /// state: during the first build, while serving, while live-reload requests are held open and
    /// while errors are shown.
    ///
    /// - Throws: ``ServeError`` when the server cannot listen (the port is in use); the error's
    ///   description is the line to print.
    public func run() async throws {
        var configuration = ServiceGroupConfiguration(
            services: [makeApplication()], gracefulShutdownSignals: [.sigterm, .sigint], logger: Self.quietLogger)
        // A graceful stop answers open long-polls and abandons a running build at once; should
        // anything still wait, cancellation ends it.
        configuration.maximumGracefulShutdownDuration = .milliseconds(500)
        do {
            try await ServiceGroup(configuration: configuration).run()
        } catch {
            if let problem = ServeError(listening: error, host: options.host, port: options.port) { throw problem }
            throw error
        }
    }

    /// The Hummingbird application: the HTTP server plus the watcher that rebuilds.
    public func makeApplication() -> some ApplicationProtocol {
        Application(
            responder: PreviewResponder(server: self),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: nil),
            services: [Watcher(server: self)],
            onServerRunning: { [state] channel in
                await state.setPort(channel.localAddress?.port ?? 0)
            },
            logger: Self.quietLogger
        )
    }

    /// Shutting down with a live-reload request open logs "errors" that are not, and a port in use
    /// is reported by ``run()``; editors get build results from `log` instead.
    static let quietLogger: Logger = {
        var logger = Logger(label: "sitegen.serve")
        logger.logLevel = .critical
        return logger
    }()

    /// Brings the served site up to date, and publishes the result.
    ///
    /// The session (``BuildSession``) keeps the site in memory and writes only the pages that
    /// changed into `site/` of the work folder, each file whole to any request, while it is served; a build
    /// with errors writes nothing. For a site with `search: true`, the search index is then made
    /// again apart (``SearchIndexing``), and follows the pages within one Pagefind run.
    ///
    /// Only the watcher calls this once the server runs, so builds never overlap. When the calling
    /// task is cancelled (the server stops) it returns nil at once and the build's result is dropped.
    @discardableResult
    func rebuild(session: BuildSession, changed: Set<String>?, search: SearchIndexing) async -> BuildStatus? {
        let clock = ContinuousClock()
        let start = clock.now
        // The build is synchronous and uses every core: keep it off the cooperative thread pool.
        guard let report = await BackgroundBuild.run({ session.update(changed: changed) }) else { return nil }
        let elapsed = clock.now - start
        let target = session.options.output
        let folder = RequestPath.realPath(target.path) ?? target.path
        let status = await state.publish(report: report, builtFolder: folder)
        // The overlay every page of a failed build carries, made before the log's lines (which
        // count the same warnings), so that the first request after the build finds it made.
        if status.failed { _ = overlay(for: status) }
        report.logSummary(to: log, root: options.root, elapsed: elapsed, hasGoodBuild: status.servedFolder != nil)
        if options.timings {
            log(report.timings.map { "\($0.stage) \(Self.milliseconds($0.duration)) ms" }.joined(separator: ", "))
        }
        if !status.failed { search.request() }
        return status
    }

    /// Polls for changes and rebuilds until cancelled. The first build happens at once.
    func watch() async {
        // Nil when the server could not listen or is stopping: then there is nothing to watch for.
        guard let port = await state.listeningPort() else { return }
        let host = options.host.contains(":") ? "[\(options.host)]" : options.host
        let address = "http://\(host):\(port)/"
        // Absolute links (feed, canonical, 404.html) point at the preview unless a base URL is given.
        let baseURL = options.baseURL ?? address
        log("Serving \(options.root.path) at \(address) (press Ctrl-C to stop). Watching content/, templates/ and static/.")
        let watched = ["content", "templates", "static"]
        // Listening starts before the first build, so that an edit made during it is built next.
        let events = FolderEvents.start(root: options.root, folders: watched)
        let snapshot = { FolderSnapshot.take(root: self.options.root, folders: watched) }
        var seen = events == nil ? snapshot() : nil
        var buildOptions = BuildOptions(root: options.root, output: workFolder.appendingPathComponent("site"),
                                        includeDrafts: options.includeDrafts, baseURL: baseURL, writesOutput: true)
        buildOptions.writeGate = writes
        let session = BuildSession(buildOptions)
        let search = SearchIndexing(session: session, root: options.root, log: log)
        await rebuild(session: session, changed: nil, search: search)
        if let events {
            await watch(events, session: session, search: search)
            return
        }
        while !Task.isCancelled, let before = seen {
            do { try await Task.sleep(for: options.pollInterval) } catch { return }
            let now = snapshot()
            // Editors' swap and backup files change without the site changing: they are handed
            // on with the next real change, not built for.
            guard now != before, now.changedPaths(since: before).contains(where: { !FolderSnapshot.isEditorFile($0) }) else { continue }
            // A file may be seen half-written (many editors truncate, then write): wait until one
            // more look finds nothing new before building. Changes made while this build runs are
            // in the next snapshot: bursts coalesce.
            guard let settled = await settle(now, snapshot: snapshot) else { return }
            seen = settled
            await rebuild(session: session, changed: settled.changedPaths(since: before), search: search)
        }
    }

    /// Rebuilds on what the kernel reports (``FolderEvents``): once something other than an
    /// editor's swap file changed and nothing more was heard for `settleInterval`. It waits for
    /// the reports on a thread of its own, so an idle server uses no CPU.
    private func watch(_ events: FolderEvents, session: BuildSession, search: SearchIndexing) async {
        let settle = Int32(max(1, options.settleInterval.components.seconds * 1000
                                  + options.settleInterval.components.attoseconds / 1_000_000_000_000_000))
        while !Task.isCancelled {
            // Waiting for the first report, a quarter second at a time (to notice the server stopping);
            // then until the folders are quiet for the settle interval.
            let timeout = events.heardAChange ? settle : 250
            guard let heard = await BackgroundBuild.run({ events.wait(milliseconds: timeout) }) else { return }
            if heard {
                events.read()
                continue
            }
            guard events.heardAChange else { continue }
            await rebuild(session: session, changed: events.take(), search: search)
        }
    }
}

extension PreviewServer {
    /// Looks again every `settleInterval` until a snapshot equals the one before it, at most ten
    /// times (a file written without pause for longer is built as it then is); nil when the task
    /// is cancelled.
    func settle(_ changed: FolderSnapshot, snapshot: () -> FolderSnapshot) async -> FolderSnapshot? {
        var current = changed
        for _ in 0..<10 {
            do { try await Task.sleep(for: options.settleInterval) } catch { return nil }
            let next = snapshot()
            if next == current { break }
            current = next
        }
        return current
    }
}

/// Runs the watch loop for as long as the application runs.
struct Watcher: Service {
    let server: PreviewServer

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await server.watch()
        }
        // Requests still waiting for a build are answered now.
        await server.state.shutDown()
    }
}

/// Runs a synchronous build on a thread of its own, away from the cooperative thread pool.
enum BackgroundBuild {
    /// The build's report; nil at once when the calling task is cancelled (the build then runs on
    /// unobserved and its result is dropped).
    static func run<Value: Sendable>(_ work: @escaping @Sendable () -> Value) async -> Value? {
        let once = ResumeOnce<Value>()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                once.store(continuation)
                DispatchQueue.global(qos: .userInitiated).async { once.resume(with: work()) }
            }
        } onCancel: {
            once.resume(with: nil)
        }
    }

    /// A continuation resumed by whichever comes first, the result or the cancellation, even when
    /// the cancellation comes before the continuation is stored.
    final class ResumeOnce<Value: Sendable>: Sendable {
        private enum State {
            case waiting(CheckedContinuation<Value?, Never>?)
            case finished(Value?)
        }
        private let state = Mutex(State.waiting(nil))

        func store(_ continuation: CheckedContinuation<Value?, Never>) {
            let early: Value?? = state.withLock { state in
                switch state {
                case .waiting:
                    state = .waiting(continuation)
                    return nil
                case .finished(let result):
                    return .some(result)
                }
            }
            if let early { continuation.resume(returning: early) }
        }

        func resume(with result: Value?) {
            let continuation: CheckedContinuation<Value?, Never>? = state.withLock { state in
                guard case .waiting(let continuation) = state else { return nil }
                state = .finished(result)
                return continuation
            }
            continuation?.resume(returning: result)
        }
    }
}

/// Why `sitegen serve` could not start.
public struct ServeError: Error, CustomStringConvertible {
    /// The line to print: `error: 127.0.0.1:8080 is already in use; try --port 8081`.
    public var description: String

    /// The error for a failure to listen on `host:port`, or nil when `error` is something else.
    init?(listening error: any Error, host: String, port: Int) {
        guard let ioError = error as? IOError else { return nil }
        let address = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        switch ioError.errnoCode {
        case EADDRINUSE:
            if let free = PortProbe.firstFree(host: host, after: port) {
                description = "error: \(address) is already in use; try --port \(free)"
            } else {
                description = "error: \(address) is already in use; try --port 0 (any free port)"
            }
        case EACCES:
            description = "error: cannot listen on \(address): permission denied (ports below 1024 need root); try --port 8080"
        default:
            description = "error: cannot listen on \(address): \(String(cString: strerror(ioError.errnoCode)))"
        }
    }
}

extension PreviewServer {
    /// The error overlay for a failed build (``LiveReload/overlay(for:root:)``), made once per build:
    /// counting a large site's warnings (181,563 on the 10,000-article corpus) takes a while, and
    /// every HTML request of a failing build carries the overlay.
    func overlay(for status: BuildStatus) -> String {
        if let cached = overlays.withLock({ $0 }), cached.version == status.version { return cached.html }
        let html = LiveReload.overlay(for: status, root: options.root)
        overlays.withLock { $0 = (status.version, html) }
        return html
    }

    /// A duration in whole milliseconds.
    static func milliseconds(_ duration: Duration) -> Int {
        Int((Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15).rounded())
    }
}

extension BuildReport {
    /// One line per build, after its diagnostics.
    func logSummary(to log: @Sendable (String) -> Void, root: URL, elapsed: Duration, hasGoodBuild: Bool) {
        let selection = ShownDiagnostics(diagnostics)
        for formatted in DiagnosticFormatter(root: root).format(selection.shown) { log(formatted) }
        for note in selection.notes(hint: "`sitegen build --all-warnings` shows them") { log(note) }
        let milliseconds = Int((Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15).rounded())
        let problems = ProblemCount(diagnostics)
        if failed {
            let serving = hasGoodBuild
                ? "serving the last good build with the errors on every page"
                : "every page shows the errors until they are fixed"
            log("Build failed (\(problems)) in \(milliseconds) ms; \(serving).")
        } else {
            log("Built \(ProblemCount.counted(pageCount, "page")) in \(milliseconds) ms\(problems.isEmpty ? "" : ", \(problems)").")
        }
    }
}
