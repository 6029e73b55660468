import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import SitegenCore

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
    /// How often `content/` and `templates/` are checked for changes.
    public var pollInterval: Duration
    /// How long a live-reload request is held open when nothing changes.
    public var longPollTimeout: Duration

    /// Creates options.
    public init(root: URL, includeDrafts: Bool = false, baseURL: String? = nil, host: String = "127.0.0.1", port: Int = 8080,
                workFolder: URL? = nil, pollInterval: Duration = .milliseconds(50), longPollTimeout: Duration = .seconds(25)) {
        self.root = root.standardizedFileURL
        self.includeDrafts = includeDrafts
        self.baseURL = baseURL
        self.host = host
        self.port = port
        self.workFolder = workFolder
        self.pollInterval = pollInterval
        self.longPollTimeout = longPollTimeout
    }
}

/// The editors' preview server: builds the site into a private folder, serves it, watches
/// `content/` and `templates/`, rebuilds on change and makes open pages reload themselves.
///
/// Builds alternate between two folders, `a/` and `b/`, in the work folder: a build writes the
/// folder that is not being served and only then becomes the served one, so a request never
/// sees a half-written site, and a failed build leaves the last good one in place.
public final class PreviewServer: Sendable {
    /// The options the server was made with.
    public let options: ServeOptions
    /// Where the builds are written.
    public let workFolder: URL
    /// Receives one line per build and per problem (the terminal, in `sitegen serve`).
    let log: @Sendable (String) -> Void
    let state = PreviewState()
    private let ownsWorkFolder: Bool

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

    /// Removes the work folder when the server made it.
    public func cleanUp() {
        if ownsWorkFolder { try? FileManager.default.removeItem(at: workFolder) }
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

    /// The Hummingbird application: the HTTP server plus the watcher that rebuilds.
    public func makeApplication() -> some ApplicationProtocol {
        Application(
            responder: PreviewResponder(server: self),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: nil),
            services: [Watcher(server: self)],
            onServerRunning: { [state] channel in
                await state.setPort(channel.localAddress?.port ?? 0)
            },
            logger: {
                var logger = Logger(label: "sitegen.serve")
                // Shutting down with a live-reload request open logs "errors" that are not; editors
                // get build results from `log` instead.
                logger.logLevel = .critical
                return logger
            }()
        )
    }

    /// Builds the site once into the folder not being served, and publishes the result.
    ///
    /// Only the watcher calls this once the server runs, so builds never overlap.
    @discardableResult
    func rebuild(baseURL: String?) async -> BuildStatus {
        let current = await state.status.servedFolder
        let a = workFolder.appendingPathComponent("a")
        let b = workFolder.appendingPathComponent("b")
        let target = current.map { $0.hasSuffix("/a") } == true ? b : a
        let buildOptions = BuildOptions(root: options.root, output: target, includeDrafts: options.includeDrafts,
                                        baseURL: baseURL, writesOutput: true)
        let clock = ContinuousClock()
        let start = clock.now
        // The build is synchronous and uses every core: keep it off the cooperative thread pool.
        let report = await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: build(buildOptions))
            }
        }
        let elapsed = clock.now - start
        let folder = RequestPath.realPath(target.path) ?? target.path
        let status = await state.publish(report: report, builtFolder: folder)
        report.logSummary(to: log, root: options.root, elapsed: elapsed)
        return status
    }

    /// Polls for changes and rebuilds until cancelled. The first build happens at once.
    func watch() async {
        let port = await state.listeningPort()
        let host = options.host.contains(":") ? "[\(options.host)]" : options.host
        let address = "http://\(host):\(port)/"
        // Absolute links (feed, canonical, 404.html) point at the preview unless a base URL is given.
        let baseURL = options.baseURL ?? address
        log("Serving \(options.root.path) at \(address) (press Ctrl-C to stop). Watching content/, templates/ and static/.")
        let watcher = ChangeWatcher(folders: [options.root.appendingPathComponent("content").path,
                                              options.root.appendingPathComponent("templates").path,
                                              options.root.appendingPathComponent("static").path])
        var seen = watcher.snapshot()
        await rebuild(baseURL: baseURL)
        while !Task.isCancelled {
            do { try await Task.sleep(for: options.pollInterval) } catch { return }
            let now = watcher.snapshot()
            guard now != seen else { continue }
            // Changes made while this build runs are caught by the next snapshot: bursts coalesce.
            seen = now
            await rebuild(baseURL: baseURL)
        }
    }
}

/// Runs the watch loop for as long as the application runs.
struct Watcher: Service {
    let server: PreviewServer

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await server.watch()
        }
    }
}

extension BuildReport {
    /// One line per build, after its diagnostics.
    func logSummary(to log: @Sendable (String) -> Void, root: URL, elapsed: Duration) {
        let formatter = DiagnosticFormatter(root: root)
        for diagnostic in diagnostics { log(formatter.format(diagnostic)) }
        if let writeError { log("error: \(writeError)") }
        let milliseconds = Int((Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15).rounded())
        let errors = diagnostics.filter { $0.severity == .error }.count + (writeError == nil ? 0 : 1)
        let warnings = diagnostics.count - diagnostics.filter { $0.severity == .error }.count
        var counts: [String] = []
        if errors > 0 { counts.append("\(errors) error\(errors == 1 ? "" : "s")") }
        if warnings > 0 { counts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
        if failed {
            log("Build failed (\(counts.joined(separator: ", "))) in \(milliseconds) ms; serving the last good build with the errors on every page.")
        } else {
            log("Built \(pageCount) pages in \(milliseconds) ms\(counts.isEmpty ? "" : " with " + counts.joined(separator: ", ")).")
        }
    }
}
