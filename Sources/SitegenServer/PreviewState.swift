import Foundation
import SitegenCore

/// What the server knows about the latest build.
public struct BuildStatus: Sendable {
    /// Counts finished builds, good or bad; 0 before the first. Pages reload when it changes.
    public var version: Int
    /// The output of the last good build (a canonical path), served for every request; nil before one.
    public var servedFolder: String?
    /// The diagnostics of the latest build.
    public var diagnostics: [Diagnostic]
    /// A failure of the write stage of the latest build.
    public var writeError: String?
    /// Whether the latest build failed; HTML requests then get the error overlay.
    public var failed: Bool
}

/// The latest build status, and the requests waiting for the next one (live reload long-polls).
actor PreviewState {
    private(set) var status = BuildStatus(version: 0, servedFolder: nil, diagnostics: [], writeError: nil, failed: false)
    private var waiters: [UUID: CheckedContinuation<BuildStatus, Never>] = [:]
    private var port: Int?
    private var portWaiters: [CheckedContinuation<Int, Never>] = []

    /// Records a finished build and wakes everyone waiting for it.
    func publish(report: BuildReport, builtFolder: String) -> BuildStatus {
        status.version += 1
        status.diagnostics = report.diagnostics
        status.writeError = report.writeError
        status.failed = report.failed
        if !report.failed { status.servedFolder = builtFolder }
        let waiting = waiters
        waiters = [:]
        for continuation in waiting.values { continuation.resume(returning: status) }
        return status
    }

    private var shuttingDown = false

    /// Answers every waiting request now, and every later one at once: the server is stopping,
    /// and must not wait for long-polls to time out.
    func shutDown() {
        shuttingDown = true
        let waiting = waiters
        waiters = [:]
        for continuation in waiting.values { continuation.resume(returning: status) }
    }

    /// The status once a build newer than `version` exists, or the current one after `timeout`.
    func waitForChange(after version: Int, timeout: Duration) async -> BuildStatus {
        if status.version != version || shuttingDown { return status }
        let id = UUID()
        return await withCheckedContinuation { continuation in
            waiters[id] = continuation
            Task { [weak self] in
                try? await Task.sleep(for: timeout)
                await self?.timeOut(id)
            }
        }
    }

    /// The status of the first build, waiting for it if needed.
    func firstBuild() async -> BuildStatus {
        while status.version == 0 {
            _ = await waitForChange(after: 0, timeout: .seconds(60))
        }
        return status
    }

    private func timeOut(_ id: UUID) {
        waiters.removeValue(forKey: id)?.resume(returning: status)
    }

    /// Records the port the server listens on.
    func setPort(_ port: Int) {
        self.port = port
        for waiter in portWaiters { waiter.resume(returning: port) }
        portWaiters = []
    }

    /// The port the server listens on, once it does.
    func listeningPort() async -> Int {
        if let port { return port }
        return await withCheckedContinuation { portWaiters.append($0) }
    }
}
