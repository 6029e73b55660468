import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The door every write of a build goes through, so that whoever owns the output can shut it:
/// `sitegen serve` closes it when it stops, and then removes its work folder knowing that no
/// build still running on another thread writes into it again (recreating the folder it just
/// removed), and that no Pagefind it started is left running.
///
/// A write passes (``pass(_:)``) only while the gate is open; ``close()`` waits for the writes
/// passing at that moment to end, and kills the programs started through the gate
/// (``run(_:)``), which ``whilePausingPrograms(_:)`` pauses while other work runs. A build's
/// own gate (``BuildOptions/writeGate``) is never closed.
///
/// The gate also holds the locks of the files written in place (``files``), which the server
/// takes to read a file of the folder it serves.
public final class WriteGate: Sendable {
    /// The locks of the files a session writes in place (``LiveOutputFolder``): a reader of the
    /// folder holds a file's lock while it reads it, and so never reads it half-written.
    public let files = FileLocks()
    /// Whether the gate was closed.
    private let closed = Atomic(false)
    /// The writes passing now.
    private let passing = Atomic(0)
    /// The programs started through the gate and not yet ended, by process identifier, and how
    /// many callers of ``whilePausingPrograms(_:)`` want them paused.
    private let programs = Mutex((running: Set<Int32>(), pauses: 0))

    /// An open gate.
    public init() {}

    /// Whether the gate was closed: writes no longer pass.
    public var isClosed: Bool { closed.load(ordering: .sequentiallyConsistent) }

    /// Runs `write` unless the gate is closed: its result, or nil (and `write` not run) when closed.
    ///
    /// The count of writes passing goes up before the gate is looked at, and ``close()`` shuts
    /// the gate before it looks at the count (both in one total order): a write either sees the
    /// gate shut, or is counted and waited for.
    public func pass<Value>(_ write: () throws -> Value) rethrows -> Value? {
        passing.add(1, ordering: .sequentiallyConsistent)
        defer { passing.subtract(1, ordering: .sequentiallyConsistent) }
        guard !closed.load(ordering: .sequentiallyConsistent) else { return nil }
        return try write()
    }

    /// Starts `process`, unless the gate is closed (then false, and nothing is started); the
    /// process is killed if the gate closes before ``ended(_:)`` is called for it.
    ///
    /// A program started from a build's thread inherits that thread's blocked signals (the
    /// server blocks SIGINT and SIGTERM to handle them itself), so only SIGKILL stops it.
    public func run(_ process: Process) throws -> Bool {
        try pass {
            try process.run()
            programs.withLock { programs in
                programs.running.insert(process.processIdentifier)
                if programs.pauses > 0 { kill(process.processIdentifier, SIGSTOP) }
            }
            return true
        } ?? false
    }

    /// Forgets a program started by ``run(_:)`` once it has ended.
    public func ended(_ process: Process) {
        programs.withLock { _ = $0.running.remove(process.processIdentifier) }
    }

    /// Runs `work` with the programs started through the gate paused (SIGSTOP, then SIGCONT):
    /// `sitegen serve` pauses the Pagefind indexing its folder while an edit's pages are made.
    /// Pagefind at the lowest priority leaves the cores to the edit, not the caches and memory
    /// bandwidth they share, which made an actor's rename on the 10,000-article corpus up to
    /// 1.7 times as costly. A program started meanwhile is paused too.
    public func whilePausingPrograms<Value>(_ work: () throws -> Value) rethrows -> Value {
        programs.withLock { programs in
            programs.pauses += 1
            if programs.pauses == 1 { for program in programs.running { kill(program, SIGSTOP) } }
        }
        defer {
            programs.withLock { programs in
                programs.pauses -= 1
                if programs.pauses == 0 { for program in programs.running { kill(program, SIGCONT) } }
            }
        }
        return try work()
    }

    /// Shuts the gate: no write passes from now on, and the programs started through it are
    /// killed. Returns once the writes passing when it was called have ended.
    public func close() {
        closed.store(true, ordering: .sequentiallyConsistent)
        while passing.load(ordering: .sequentiallyConsistent) > 0 { usleep(1_000) }
        for program in programs.withLock({ $0.running }) { kill(program, SIGKILL) }
    }
}
