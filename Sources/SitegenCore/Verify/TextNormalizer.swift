import Foundation

/// Text prepared for quote comparison, as the contract's section 8 defines it.
///
/// `plain` is the text with HTML tags removed and entities decoded (for showing passages);
/// `bytes` is the comparison form: NFC, straight quotes, `-` for every dash, no white space.
struct NormalizedText: Sendable {
    /// Tag-free, entity-decoded text, as UTF-8.
    var plain: [UInt8]
    /// The comparison form, UTF-8.
    var bytes: [UInt8]
    /// For each byte of `bytes`, the offset in `plain` of the character it came from.
    var origins: [Int32]

    /// The plain text from the character at `first` to the one at `last` (offsets in `plain`).
    func passage(from first: Int, through last: Int) -> String {
        var end = last + 1
        while end < plain.count, plain[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: plain[first..<end], as: UTF8.self)
    }
}

/// Normalises source texts and quotes the same way before they are compared.
enum TextNormalizer {
    /// Normalises `text`: tags removed, entities decoded, NFC, quotes straightened, dashes unified, white space dropped.
    ///
    /// One pass over the UTF-8 bytes: ASCII (most of any English text) is copied byte by byte;
    /// other characters are decoded, and only words holding characters that NFC may change
    /// are composed.
    static func normalize(_ text: String) -> NormalizedText {
        let plain = Array(HTMLText.stripTags(text).utf8)
        return normalizeWithoutComposition(plain) ?? normalize(plain: plain)
    }

    /// The common case in one pass: a text with no word that NFC may change (all of English and
    /// most Latin-script text) is normalised by copying each byte or mapped scalar into buffers
    /// made at the text's size (mapping never lengthens a scalar); nil as soon as a word needs
    /// composition, for ``normalize(plain:)`` to do it all. The result is the same bytes and origins.
    private static func normalizeWithoutComposition(_ plain: [UInt8]) -> NormalizedText? {
        let count = plain.count
        var written = 0
        var composes = false
        var bytes = [UInt8](repeating: 0, count: count)
        var origins = [Int32](repeating: 0, count: count)
        plain.withUnsafeBufferPointer { plain in
            bytes.withUnsafeMutableBufferPointer { bytes in
                origins.withUnsafeMutableBufferPointer { origins in
                    var offset = 0
                    while offset < count {
                        let byte = plain[offset]
                        if byte < 0x80 {
                            if !(byte == 0x20 || (0x09...0x0D).contains(byte)) {
                                bytes[written] = byte
                                origins[written] = Int32(offset)
                                written += 1
                            }
                            offset += 1
                            continue
                        }
                        let length = byte < 0xE0 ? 2 : (byte < 0xF0 ? 3 : 4)
                        var value = UInt32(byte) & (length == 2 ? 0x1F : (length == 3 ? 0x0F : 0x07))
                        for index in 1..<length { value = value << 6 | UInt32(plain[offset + index] & 0x3F) }
                        let decoded = Unicode.Scalar(value) ?? "\u{FFFD}"
                        let scalarValue = decoded.value
                        if decoded.properties.isWhitespace || scalarValue == 0x200B || scalarValue == 0xFEFF || scalarValue == 0x00AD {
                            offset += length
                            continue
                        }
                        if !(scalarValue < 0x300 || (0x2010...0x205F).contains(scalarValue)) {
                            composes = true
                            return
                        }
                        let origin = Int32(offset)
                        UTF8.encode(mapped(decoded)) { encoded in
                            bytes[written] = encoded
                            origins[written] = origin
                            written += 1
                        }
                        offset += length
                    }
                }
            }
        }
        guard !composes else { return nil }
        bytes.removeLast(count - written)
        origins.removeLast(count - written)
        return NormalizedText(plain: plain, bytes: bytes, origins: origins)
    }

    /// Normalises the tag-free UTF-8 `plain`, composing the words that NFC may change.
    private static func normalize(plain: [UInt8]) -> NormalizedText {
        var bytes: [UInt8] = []
        var origins: [Int32] = []
        bytes.reserveCapacity(plain.count)
        origins.reserveCapacity(plain.count)
        plain.withUnsafeBufferPointer { plain in
            /// The scalar starting at `offset` and its length in bytes (the input is valid UTF-8).
            func scalar(at offset: Int) -> (Unicode.Scalar, Int) {
                let lead = plain[offset]
                let length = lead < 0xE0 ? 2 : (lead < 0xF0 ? 3 : 4)
                var value = UInt32(lead) & (length == 2 ? 0x1F : (length == 3 ? 0x0F : 0x07))
                for index in 1..<length { value = value << 6 | UInt32(plain[offset + index] & 0x3F) }
                return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
            }
            func append(_ scalar: Unicode.Scalar, origin: Int32) {
                if scalar.value < 0x80 {
                    bytes.append(UInt8(truncatingIfNeeded: scalar.value))
                    origins.append(origin)
                } else {
                    UTF8.encode(scalar) { byte in
                        bytes.append(byte)
                        origins.append(origin)
                    }
                }
            }
            var wordStart = 0
            var wordNeedsComposition = false
            func appendWord(upTo end: Int) {
                guard wordStart < end else { return }
                if !wordNeedsComposition {
                    var offset = wordStart
                    while offset < end {
                        let byte = plain[offset]
                        if byte < 0x80 {
                            bytes.append(byte)
                            origins.append(Int32(offset))
                            offset += 1
                        } else {
                            let (decoded, length) = scalar(at: offset)
                            append(mapped(decoded), origin: Int32(offset))
                            offset += length
                        }
                    }
                    return
                }
                // Composition changes the number of scalars: each composed scalar is credited to
                // the source scalar at the same position, as far as the word goes.
                var starts: [Int] = []
                var offset = wordStart
                while offset < end {
                    starts.append(offset)
                    offset += plain[offset] < 0x80 ? 1 : scalar(at: offset).1
                }
                let word = String(decoding: UnsafeBufferPointer(rebasing: plain[wordStart..<end]), as: UTF8.self)
                    .precomposedStringWithCanonicalMapping
                for (index, composed) in word.unicodeScalars.enumerated() {
                    append(mapped(composed), origin: Int32(starts[min(index, starts.count - 1)]))
                }
            }
            var offset = 0
            while offset < plain.count {
                let byte = plain[offset]
                if byte < 0x80 {
                    if byte == 0x20 || (0x09...0x0D).contains(byte) {
                        appendWord(upTo: offset)
                        wordStart = offset + 1
                        wordNeedsComposition = false
                    }
                    offset += 1
                    continue
                }
                let (decoded, length) = scalar(at: offset)
                let value = decoded.value
                if decoded.properties.isWhitespace || value == 0x200B || value == 0xFEFF || value == 0x00AD {
                    appendWord(upTo: offset)
                    wordStart = offset + length
                    wordNeedsComposition = false
                } else if !(value < 0x300 || (0x2010...0x205F).contains(value)) {
                    // Latin-1, Latin Extended and the punctuation block are already composed and
                    // never compose with a neighbour: only other scalars can change under NFC.
                    wordNeedsComposition = true
                }
                offset += length
            }
            appendWord(upTo: plain.count)
        }
        return NormalizedText(plain: plain, bytes: bytes, origins: origins)
    }

    /// Straight quotes for curly ones, primes and guillemets; `-` for every dash and minus sign.
    static func mapped(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x2036, 0x00AB, 0x00BB, 0x301D, 0x301E, 0xFF02:
            return "\""
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x2035, 0x2039, 0x203A, 0x02BC, 0xFF07:
            return "'"
        case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D, 0x2E3A, 0x2E3B:
            return "-"
        default:
            return scalar
        }
    }
}
