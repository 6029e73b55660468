/// How serious a problem is: errors stop the build, warnings do not.
public enum Severity: String, Hashable, Sendable, Comparable {
    case warning
    case error

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .warning && rhs == .error
    }
}

/// One problem found in a site, at a place in one of its files.
///
/// Problems in user content are collected as diagnostics, never thrown, so that one run
/// reports all of them.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// Whether the problem stops the build.
    public var severity: Severity
    /// Where the problem is.
    public var location: SourceLocation
    /// What is wrong, in one sentence.
    public var message: String
    /// The closest valid value, when there is one (`minusma` for `minsuma`).
    public var suggestion: String?

    /// Creates a diagnostic.
    public init(_ severity: Severity, at location: SourceLocation, _ message: String, suggestion: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.suggestion = suggestion
    }

    /// An error at `location`.
    public static func error(_ location: SourceLocation, _ message: String, suggestion: String? = nil) -> Diagnostic {
        Diagnostic(.error, at: location, message, suggestion: suggestion)
    }

    /// A warning at `location`.
    public static func warning(_ location: SourceLocation, _ message: String, suggestion: String? = nil) -> Diagnostic {
        Diagnostic(.warning, at: location, message, suggestion: suggestion)
    }

    /// The message with its suggestion: "unknown actor `minsuma`; did you mean `minusma`?".
    public var fullMessage: String {
        guard let suggestion else { return message }
        return "\(message); did you mean `\(suggestion)`?"
    }

    /// `path:line:column: error: message`, the form compilers and editors understand.
    public var description: String {
        "\(location): \(severity.rawValue): \(fullMessage)"
    }
}

extension Array where Element == Diagnostic {
    /// The diagnostics in reading order: by path, line, column, then message. Duplicates are removed.
    public func sortedForDisplay() -> [Diagnostic] {
        var result = self
        result.sortForDisplay()
        return result
    }

    /// Puts the diagnostics in reading order (``sortedForDisplay()``) in place, without a second
    /// list beside them: a build's report sorts 1,780,000 warnings at 100,000 articles, 130 MB.
    public mutating func sortForDisplay() {
        func before(_ first: Diagnostic, _ second: Diagnostic) -> Bool {
            if first.location != second.location { return first.location < second.location }
            if first.severity != second.severity { return first.severity > second.severity }
            return first.fullMessage < second.fullMessage
        }
        // Sorted first, then each duplicate dropped: equal diagnostics sort next to each other
        // (among those that tie, the sort keeps their order), so each is compared only with the
        // few of its own place and message instead of hashing all of them (a large site has
        // 181,000 warnings). The kept ones are moved to the front, in order.
        sort(by: before)
        var kept = 0
        var tieStart = 0
        for index in indices {
            if kept > 0, before(self[kept - 1], self[index]) { tieStart = kept }
            if self[tieStart..<kept].contains(self[index]) { continue }
            if kept != index { swapAt(kept, index) }
            kept += 1
        }
        removeSubrange(kept...)
    }

    /// What `(groups' diagnostics + others).sortedForDisplay()` gives, where each group holds the
    /// diagnostics of one file (the key is their path), already sorted for display. The order is by
    /// path first, so only the files that `others` has problems in are sorted again: the
    /// incremental session keeps its 181,000 warnings of a large site sorted by file this way.
    /// `sortedPaths`, when given, are the keys of `groups` sorted (the session keeps them: sorting
    /// 13,000 paths on every update took longer than the rest).
    static func mergedForDisplay(byPath groups: [String: [Diagnostic]], sortedPaths: [String]? = nil, others: [Diagnostic]) -> [Diagnostic] {
        let extra = Dictionary(grouping: others, by: \.location.path)
        var result: [Diagnostic] = []
        result.reserveCapacity(groups.values.reduce(others.count) { $0 + $1.count })
        var paths: [String]
        if let sortedPaths {
            // The few paths only `others` has, put in their places.
            paths = sortedPaths
            for path in extra.keys.filter({ groups[$0] == nil }).sorted().reversed() {
                var low = 0, high = paths.count
                while low < high {
                    let middle = (low + high) / 2
                    if paths[middle] < path { low = middle + 1 } else { high = middle }
                }
                paths.insert(path, at: low)
            }
        } else {
            paths = Set(groups.keys).union(extra.keys).sorted()
        }
        for path in paths {
            if let more = extra[path] {
                result += ((groups[path] ?? []) + more).sortedForDisplay()
            } else if let group = groups[path] {
                result += group
            }
        }
        return result
    }

    /// Whether any of the diagnostics is an error.
    public var containsErrors: Bool { contains { $0.severity == .error } }
}
