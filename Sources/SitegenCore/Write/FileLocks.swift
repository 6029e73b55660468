import Synchronization

/// Locks that let the files of a folder be written in place while the folder is read: whoever
/// writes a file holds its lock for the whole write, whoever reads it holds the same lock for the
/// whole read, so a reader gets the file as it was before the write or as it is after it, never
/// half of each.
///
/// `sitegen serve` writes its pages in place (``LiveOutputFolder``) and reads them for each
/// request through these locks. A file's lock is one of 64, chosen by its path in the folder: two
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
        locks[Self.lockIndex(path, count: locks.count)].mutex.withLock { _ in body() }
    }

    /// The lock of `path` among `count`: a hash of its bytes (FNV-1a).
    static func lockIndex(_ path: String, count: Int) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in path.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return Int(hash % UInt64(count))
    }
}
