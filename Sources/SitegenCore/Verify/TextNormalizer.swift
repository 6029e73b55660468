import Foundation

/// Text prepared for quote comparison, as the contract's section 8 defines it.
///
/// `plain` is the text with HTML tags removed and entities decoded (for showing passages);
/// `bytes` is the comparison form: NFC, straight quotes, `-` for every dash, no white space.
struct NormalizedText: Sendable {
    /// Tag-free, entity-decoded text, as Unicode scalars.
    var plain: [Unicode.Scalar]
    /// The comparison form, UTF-8.
    var bytes: [UInt8]
    /// For each byte of `bytes`, the index in `plain` of the scalar it came from.
    var origins: [Int32]
}

/// Normalises source texts and quotes the same way before they are compared.
enum TextNormalizer {
    /// Normalises `text`: tags removed, entities decoded, NFC, quotes straightened, dashes unified, white space dropped.
    static func normalize(_ text: String) -> NormalizedText {
        let plain = Array(HTMLText.stripTags(text).unicodeScalars)
        var bytes: [UInt8] = []
        var origins: [Int32] = []
        bytes.reserveCapacity(plain.count)
        origins.reserveCapacity(plain.count)
        // Words (runs between white space) are composed to NFC one by one: composition never
        // crosses white space, and a pure-ASCII word needs none, which keeps the origin mapping simple.
        var wordStart = 0
        var wordIsASCII = true
        var wordNeedsComposition = false
        func appendWord(upTo end: Int) {
            guard wordStart < end else { return }
            if !wordNeedsComposition {
                for index in wordStart..<end {
                    let origin = Int32(index)
                    UTF8.encode(mapped(plain[index])) { byte in
                        bytes.append(byte)
                        origins.append(origin)
                    }
                }
                return
            }
            if wordIsASCII {
                for index in wordStart..<end {
                    bytes.append(UInt8(truncatingIfNeeded: mapped(plain[index]).value))
                    origins.append(Int32(index))
                }
                return
            }
            let word = String(String.UnicodeScalarView(plain[wordStart..<end])).precomposedStringWithCanonicalMapping
            var sourceIndex = wordStart
            for scalar in word.unicodeScalars {
                let origin = Int32(min(sourceIndex, end - 1))
                UTF8.encode(mapped(scalar)) { byte in
                    bytes.append(byte)
                    origins.append(origin)
                }
                sourceIndex += 1
            }
        }
        for (index, scalar) in plain.enumerated() {
            let value = scalar.value
            let isSpace = value < 0x80
                ? (value == 0x20 || (0x09...0x0D).contains(value))
                : (scalar.properties.isWhitespace || value == 0x200B || value == 0xFEFF || value == 0x00AD)
            if isSpace {
                appendWord(upTo: index)
                wordStart = index + 1
                wordIsASCII = true
                wordNeedsComposition = false
            } else if value >= 0x80 {
                wordIsASCII = false
                // Latin-1, Latin Extended and the punctuation block are already composed and never
                // compose with a neighbour: only other scalars can change under NFC.
                if !(value < 0x300 || (0x2010...0x205F).contains(value)) { wordNeedsComposition = true }
            }
        }
        appendWord(upTo: plain.count)
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
