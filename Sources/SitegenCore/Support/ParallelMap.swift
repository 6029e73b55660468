import Dispatch
import Synchronization

extension Array where Element: Sendable {
    /// Like ``parallelMap(minimumCount:_:)``, but each chunk of work runs with a `context` of its
    /// own (for example its own copy of parsed templates), so threads share no reference-counted
    /// objects on the hot path: shared ones make every retain and release contend between cores.
    /// A chunk takes a context a finished chunk gave back, or makes one: there are as many
    /// contexts as chunks ran at once (one per core), not one per chunk, so what a context keeps
    /// (a page builder's memo of what it made) serves the later chunks too. A context is used
    /// by one chunk at a time.
    func parallelMap<Context, Result: Sendable>(
        parallel: Bool = true,
        makingContext makeContext: @Sendable () -> Context,
        _ transform: @Sendable (Context, Element) -> Result
    ) -> [Result] {
        guard parallel else {
            let context = makeContext()
            return map { transform(context, $0) }
        }
        let chunkCount = Swift.min(count, 16)
        guard chunkCount > 0 else { return [] }
        let contexts = ContextPool<Context>()
        // Chunks take every chunkCount-th element, so costly elements at the front of the array
        // (put there by the caller) are spread over chunks and start first.
        return filledConcurrently(chunkCount: chunkCount) { input, output, chunk in
            guard chunk < input.count else { return }
            let context = contexts.take() ?? makeContext()
            for index in stride(from: chunk, to: input.count, by: chunkCount) {
                output.initializeElement(at: index, to: transform(context, input[index]))
            }
            contexts.give(context)
        }
    }

    /// Transforms every element on all cores, keeping the order of the input.
    ///
    /// Falls back to a plain loop for small arrays, where threads cost more than they save.
    /// Chunks take every 64th element, so a run of costly elements (a folder of large files)
    /// is spread over all cores instead of landing in one chunk.
    func parallelMap<Result: Sendable>(minimumCount: Int = 16, parallel: Bool = true, _ transform: @Sendable (Element) -> Result) -> [Result] {
        guard parallel, count >= minimumCount else { return map(transform) }
        let chunkCount = Swift.min(count, 64)
        return filledConcurrently(chunkCount: chunkCount) { input, output, chunk in
            for index in stride(from: chunk, to: input.count, by: chunkCount) {
                output.initializeElement(at: index, to: transform(input[index]))
            }
        }
    }

    /// A new array of `count` results, made by running `fill` for each chunk `0..<chunkCount` at
    /// once on all cores: together the chunks must initialize every element of the output exactly
    /// once (each chunk its own elements). The results are written in place, not held as
    /// optionals and copied out (628,000 pages at 100,000 articles: the list of what was rendered
    /// would be held twice).
    private func filledConcurrently<Result: Sendable>(
        chunkCount: Int,
        _ fill: @Sendable (UnsafeBufferPointer<Element>, UnsafeMutableBufferPointer<Result>, Int) -> Void
    ) -> [Result] {
        self.withUnsafeBufferPointer { input in
            nonisolated(unsafe) let input = input
            return [Result](unsafeUninitializedCapacity: input.count) { output, initializedCount in
                nonisolated(unsafe) let output = output
                DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in fill(input, output, chunk) }
                initializedCount = input.count
            }
        }
    }
}

/// Runs `first` and `second` at the same time on two threads (one after the other when not
/// `parallel`) and returns both results.
func concurrently<First: Sendable, Second: Sendable>(
    parallel: Bool, _ first: () -> First, _ second: @escaping @Sendable () -> Second
) -> (First, Second) {
    let pending = BackgroundWork(parallel: parallel, second)
    return (first(), pending.value)
}

/// Work started on another thread (or done at once when not `parallel`); ``value`` waits for it.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private var result: Value?
    private let group = DispatchGroup()

    /// Starts `work`.
    init(parallel: Bool, _ work: @escaping @Sendable () -> Value) {
        guard parallel else {
            result = work()
            return
        }
        DispatchQueue.global().async(group: group) { self.result = work() }
    }

    /// The result, once the work is done.
    var value: Value {
        group.wait()
        return result!
    }
}

/// Lets go of `value` on another thread when `parallel` (at once otherwise): a large site is
/// millions of values, and freeing them took a second at the end of a 10,000-article build
/// that nothing needs to wait for. A program that exits meanwhile frees it all at once.
///
/// The value is moved into a box that the other thread empties: a closure capturing the value
/// itself would leave the freeing to whichever thread drops the last reference, and when the
/// other thread ran first that was this one (seen under load: seconds of freeing on the
/// main thread before the write stage).
func releaseInBackground<Value: Sendable>(_ value: consuming Value, parallel: Bool) {
    guard parallel else { return }
    let box = ReleaseBox(consume value)
    DispatchQueue.global(qos: .utility).async { box.empty() }
}

/// Holds a value until ``empty()`` lets go of it, on the thread that calls it.
private final class ReleaseBox<Value>: @unchecked Sendable {
    private var value: Value?
    init(_ value: consuming Value) { self.value = consume value }
    func empty() { value = nil }
}

/// The contexts of ``Array/parallelMap(parallel:makingContext:_:)`` that no chunk is using.
/// A context moves from the chunk that gave it back to the one that takes it, never used by
/// two at once: the lock orders the two.
private final class ContextPool<Context>: @unchecked Sendable {
    private let lock = Mutex<Void>(())
    private var idle: [Context] = []

    func take() -> Context? {
        lock.withLock { _ in idle.popLast() }
    }

    func give(_ context: Context) {
        lock.withLock { _ in idle.append(context) }
    }
}
