import Synchronization

/// Locks that let the files of a folder be written in place while the folder is read: whoever
/// writes a file holds its lock for the whole write, whoever reads it holds the same lock for the
/// whole read, so a reader gets the file as it was before the write or as it is after it, never
/// half of each.
///
/// `sitegen serve` writes its pages in place (``LiveOutputFolder``) and reads them for each
/// request through these locks. A file's lock is one of 64, chosen by a hash of its path in the folder: two
/// files rarely share one, and when they do, one waits for the other's write or read (microseconds).
public final class FileLocks: Sendable {
    /// One lock.
    private final class Lock: Sendable {
        let mutex = Mutex(())
    }

    private let locks: [Lock] = (0..<64).map { _ in Lock() }

    /// Locks that nobody holds.
    public init() {}

    /// Runs `body` holding the lock of the file at `path` (relative to the folder, as written:
    /// `actors/mali/index.html`), and returns what it returns.
    public func withLock<Value: Sendable>(_ path: String, _ body: () -> Value) -> Value {
        // The locks live as long as this process, so the process's own string hash chooses.
        locks[Int(UInt(bitPattern: path.hashValue) % UInt(locks.count))].mutex.withLock { _ in body() }
    }
}
