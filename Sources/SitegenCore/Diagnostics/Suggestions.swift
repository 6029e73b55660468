/// Finds the closest valid value to a misspelled one, for "did you mean" hints.
public enum Suggestions {
    /// The candidate closest to `value` by edit distance, if it is close enough to be a likely typo.
    ///
    /// A candidate qualifies when its distance is at most a third of the longer word's length
    /// (at least 2), or when one is a prefix of the other. Ties go to the alphabetically first.
    public static func closest<S: Sequence>(to value: String, in candidates: S) -> String? where S.Element == String {
        let target = Array(value.lowercased().unicodeScalars)
        var best: (distance: Int, candidate: String)?
        for candidate in candidates where candidate != value {
            let scalars = Array(candidate.lowercased().unicodeScalars)
            let limit = max(2, max(target.count, scalars.count) / 3)
            if abs(scalars.count - target.count) > limit && !candidate.hasPrefix(value) && !value.hasPrefix(candidate) {
                continue
            }
            let distance = editDistance(target, scalars, limit: limit)
            let isPrefix = target.count >= 3 && (candidate.hasPrefix(value) || value.hasPrefix(candidate))
            guard distance <= limit || isPrefix else { continue }
            let score = isPrefix ? min(distance, limit) : distance
            if best == nil || score < best!.distance || (score == best!.distance && candidate < best!.candidate) {
                best = (score, candidate)
            }
        }
        return best?.candidate
    }

    /// Levenshtein distance, giving up (returning `limit + 1`) once every path exceeds `limit`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMinimum = Swift.min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
