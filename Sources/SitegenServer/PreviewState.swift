import Foundation
import SitegenCore

/// What the server knows about the latest build.
public struct BuildStatus: Sendable {
    /// Counts finished builds, good or bad; 0 before the first. Pages reload when it changes.
    public var version: Int
    /// The output of the last good build (a canonical path), served for every request; nil before one.
    public var servedFolder: String?
    /// The diagnostics of the latest build (a failed write among them).
    public var diagnostics: [Diagnostic]
    /// Whether the latest build failed; HTML requests then get the error overlay.
    public var failed: Bool

    /// How many errors and warnings the latest build had.
    public var problems: ProblemCount { ProblemCount(diagnostics) }
}

/// The latest build status, and the requests waiting for the next one (live reload long-polls).
///
/// Every wait ends at once when the waiting task is cancelled or the server stops, so a stopping
/// server never waits for a long-poll's timeout or for a build nobody will see.
actor PreviewState {
    private(set) var status = BuildStatus(version: 0, servedFolder: nil, diagnostics: [], failed: false)
    private var waiters: [UUID: CheckedContinuation<BuildStatus, Never>] = [:]
    private var port: Int?
    private var portWaiters: [UUID: CheckedContinuation<Int?, Never>] = [:]
    private(set) var shuttingDown = false

    /// Records a finished build and wakes everyone waiting for it.
    func publish(report: BuildReport, builtFolder: String) -> BuildStatus {
        // The last build's diagnostics (181,563 warnings on a large site) are freed on another
        // thread, not while every request waits for this one.
        let retired = status.diagnostics
        defer { Task.detached(priority: .utility) { withExtendedLifetime(retired) {} } }
        status.version += 1
        status.diagnostics = report.diagnostics
        status.failed = report.failed
        if !report.failed { status.servedFolder = builtFolder }
        let waiting = waiters
        waiters = [:]
        for continuation in waiting.values { continuation.resume(returning: status) }
        return status
    }

    /// Answers every waiting request now, and every later one at once: the server is stopping,
    /// and must not wait for long-polls to time out.
    func shutDown() {
        shuttingDown = true
        let waiting = waiters
        waiters = [:]
        for continuation in waiting.values { continuation.resume(returning: status) }
        let waitingForPort = portWaiters
        portWaiters = [:]
        for continuation in waitingForPort.values { continuation.resume(returning: port) }
    }

    /// The status once a build newer than `version` exists, or the current one after `timeout`,
    /// when the server stops or when the calling task is cancelled.
    func waitForChange(after version: Int, timeout: Duration) async -> BuildStatus {
        if status.version != version || shuttingDown || Task.isCancelled { return status }
        let id = UUID()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                waiters[id] = continuation
                Task { [weak self] in
                    try? await Task.sleep(for: timeout)
                    await self?.answer(id)
                }
            }
        } onCancel: {
            // Runs after the continuation is stored: this actor finishes storing it first.
            Task { await self.answer(id) }
        }
    }

    /// The status of the first build, waiting for it if needed; its version is still 0 when the
    /// server stopped (or the calling task was cancelled) before the first build finished.
    func firstBuild() async -> BuildStatus {
        while status.version == 0 && !shuttingDown && !Task.isCancelled {
            _ = await waitForChange(after: 0, timeout: .seconds(60))
        }
        return status
    }

    private func answer(_ id: UUID) {
        waiters.removeValue(forKey: id)?.resume(returning: status)
    }

    /// Records the port the server listens on.
    func setPort(_ port: Int) {
        self.port = port
        let waiting = portWaiters
        portWaiters = [:]
        for continuation in waiting.values { continuation.resume(returning: port) }
    }

    /// The port the server listens on, once it does; nil when the calling task is cancelled first
    /// (the server could not listen, or is stopping).
    func listeningPort() async -> Int? {
        if let port { return port }
        if shuttingDown || Task.isCancelled { return nil }
        let id = UUID()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                portWaiters[id] = continuation
            }
        } onCancel: {
            Task { await self.answerPortWaiter(id) }
        }
    }

    private func answerPortWaiter(_ id: UUID) {
        portWaiters.removeValue(forKey: id)?.resume(returning: port)
    }
}
