import Dispatch

/// Results written by index from concurrent iterations; each slot is written exactly once.
private final class ResultSlots<Element>: @unchecked Sendable {
    var values: [Element?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
}

extension Array where Element: Sendable {
    /// Transforms every element on all cores, keeping the order of the input.
    ///
    /// Falls back to a plain loop for small arrays, where threads cost more than they save.
    func parallelMap<Result: Sendable>(minimumCount: Int = 16, _ transform: @Sendable (Element) -> Result) -> [Result] {
        guard count >= minimumCount else { return map(transform) }
        let slots = ResultSlots<Result>(count: count)
        let chunkCount = Swift.min(count, 64)
        let chunkSize = (count + chunkCount - 1) / chunkCount
        self.withUnsafeBufferPointer { input in
            nonisolated(unsafe) let input = input
            slots.values.withUnsafeMutableBufferPointer { output in
                nonisolated(unsafe) let output = output
                DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                    let start = chunk * chunkSize
                    let end = Swift.min(start + chunkSize, input.count)
                    guard start < end else { return }
                    for index in start..<end { output[index] = transform(input[index]) }
                }
            }
        }
        return slots.values.map { $0! }
    }
}
