extension String {
    /// Every occurrence of `target` replaced by `replacement`, comparing UTF-8 bytes.
    ///
    /// Foundation's `replacingOccurrences` goes through NSString and was a large share of
    /// render time; this does one pass over the bytes.
    func replacingAll(_ target: String, with replacement: String) -> String {
        let needle = Array(target.utf8)
        guard let first = needle.first else { return self }
        var utf8 = self.utf8
        return utf8.withContiguousStorageIfAvailable { haystack -> String in
            var output: [UInt8] = []
            var index = 0
            var copied = 0
            let last = haystack.count - needle.count
            while index <= last {
                if haystack[index] == first {
                    var offset = 1
                    while offset < needle.count, haystack[index + offset] == needle[offset] { offset += 1 }
                    if offset == needle.count {
                        if output.isEmpty { output.reserveCapacity(haystack.count + 64) }
                        output.append(contentsOf: haystack[copied..<index])
                        output.append(contentsOf: replacement.utf8)
                        index += needle.count
                        copied = index
                        continue
                    }
                }
                index += 1
            }
            if copied == 0 { return self }
            output.append(contentsOf: haystack[copied...])
            return String(decoding: output, as: UTF8.self)
        } ?? {
            var copy = self
            copy.makeContiguousUTF8()
            utf8 = copy.utf8
            return copy.replacingAll(target, with: replacement)
        }()
    }
}

extension String {
    /// Whether `needle` occurs, comparing UTF-8 bytes (Foundation's `contains` goes through NSString).
    func containsBytes(_ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return true }
        var copy = self
        return copy.withUTF8 { haystack in
            guard haystack.count >= pattern.count else { return false }
            var index = 0
            let last = haystack.count - pattern.count
            while index <= last {
                if haystack[index] == first {
                    var offset = 1
                    while offset < pattern.count, haystack[index + offset] == pattern[offset] { offset += 1 }
                    if offset == pattern.count { return true }
                }
                index += 1
            }
            return false
        }
    }
}
