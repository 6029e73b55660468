#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Searching UTF-8 bytes. Foundation's `contains` and `replacingOccurrences` go through NSString
/// and were a large share of render time; these make one pass over the bytes.
enum ByteSearch {
    /// The offset of the first occurrence of `needle` in `haystack` at or after `start`, if any.
    static func firstMatch(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return needle.isEmpty ? start : nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            guard let found = firstIndex(of: first, in: UnsafeBufferPointer(rebasing: haystack[..<(last + 1)]), from: index) else { return nil }
            index = found
            var offset = 1
            while offset < needle.count, haystack[index + offset] == needle[offset] { offset += 1 }
            if offset == needle.count { return index }
            index += 1
        }
        return nil
    }

    /// The offset of the first `byte` in `haystack` at or after `start`, found by `memchr`
    /// (vector instructions).
    static func firstIndex(of byte: UInt8, in haystack: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        guard start < haystack.count, let base = haystack.baseAddress,
              let found = memchr(base + start, Int32(byte), haystack.count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}

extension String {
    /// Every occurrence of `target` replaced by `replacement`, comparing UTF-8 bytes.
    func replacingAll(_ target: String, with replacement: String) -> String {
        var needle = target
        var copy = self
        return needle.withUTF8 { needle in
            copy.withUTF8 { haystack -> String in
                guard !needle.isEmpty, var match = ByteSearch.firstMatch(of: needle, in: haystack) else { return self }
                var output: [UInt8] = []
                output.reserveCapacity(haystack.count + 64)
                var copied = 0
                while true {
                    output.append(contentsOf: haystack[copied..<match])
                    output.append(contentsOf: replacement.utf8)
                    copied = match + needle.count
                    guard let next = ByteSearch.firstMatch(of: needle, in: haystack, from: copied) else { break }
                    match = next
                }
                output.append(contentsOf: haystack[copied...])
                return String(decoding: output, as: UTF8.self)
            }
        }
    }

    /// Whether `needle` occurs, comparing UTF-8 bytes.
    func containsBytes(_ needle: String) -> Bool {
        var needle = needle
        var copy = self
        return needle.withUTF8 { needle in
            copy.withUTF8 { ByteSearch.firstMatch(of: needle, in: $0) != nil }
        }
    }
}
