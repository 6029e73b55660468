import Foundation

/// Reads an image's width and height from the first bytes of its file: PNG, JPEG, GIF, WebP
/// (VP8, VP8L, VP8X) and SVG. Pure functions of the bytes; a file that is none of these, or is
/// cut short, gives a reason and never a crash.
enum ImageHeader {
    /// Why no size could be read.
    struct Problem: Error, Hashable, CustomStringConvertible {
        var description: String
    }

    /// The size given by the file's header, or why there is none. The format is told by the
    /// bytes, not by the file's name.
    static func size(of bytes: [UInt8]) -> Result<ImageSize, Problem> {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return png(bytes) }
        if bytes.starts(with: [0xFF, 0xD8]) { return jpeg(bytes) }
        if bytes.starts(with: Array("GIF87a".utf8)) || bytes.starts(with: Array("GIF89a".utf8)) { return gif(bytes) }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)), Array(bytes[8..<12]) == Array("WEBP".utf8) { return webp(bytes) }
        if looksLikeSVG(bytes) { return svg(bytes) }
        return .failure(Problem(description: "it is not a PNG, JPEG, GIF, WebP or SVG file"))
    }

    // MARK: - Formats

    /// PNG: the IHDR chunk comes first, width and height as 32-bit big-endian numbers.
    static func png(_ bytes: [UInt8]) -> Result<ImageSize, Problem> {
        guard bytes.count >= 24 else { return .failure(Problem(description: "the PNG file is cut short")) }
        guard Array(bytes[12..<16]) == Array("IHDR".utf8) else { return .failure(Problem(description: "the PNG file does not start with its header chunk")) }
        return checked(bigEndian(bytes, 16, 4), bigEndian(bytes, 20, 4), "PNG")
    }

    /// GIF: the logical screen's width and height, 16-bit little-endian, after the signature.
    static func gif(_ bytes: [UInt8]) -> Result<ImageSize, Problem> {
        guard bytes.count >= 10 else { return .failure(Problem(description: "the GIF file is cut short")) }
        return checked(littleEndian(bytes, 6, 2), littleEndian(bytes, 8, 2), "GIF")
    }

    /// JPEG: the segments are walked up to the first start-of-frame (SOF0…SOF15 but DHT, JPG and
    /// DAC), which holds the height and width. An Exif orientation that turns the picture a
    /// quarter (5 to 8) swaps them, as browsers show it turned.
    static func jpeg(_ bytes: [UInt8]) -> Result<ImageSize, Problem> {
        var index = 2
        var swapped = false
        while true {
            // A marker is 0xFF (any number of them, as fill) and a code.
            guard index < bytes.count, bytes[index] == 0xFF else {
                return .failure(Problem(description: index >= bytes.count ? "the JPEG file is cut short before its frame header"
                                                                          : "the JPEG file is damaged (no marker where one should be)"))
            }
            while index < bytes.count, bytes[index] == 0xFF { index += 1 }
            guard index < bytes.count else { return .failure(Problem(description: "the JPEG file is cut short before its frame header")) }
            let marker = bytes[index]
            index += 1
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { continue }  // no length
            if marker == 0xD9 || marker == 0xDA {
                return .failure(Problem(description: "the JPEG file has no frame header before its image data"))
            }
            guard index + 2 <= bytes.count else { return .failure(Problem(description: "the JPEG file is cut short before its frame header")) }
            let length = bigEndian(bytes, index, 2)
            guard length >= 2 else { return .failure(Problem(description: "the JPEG file is damaged (a segment of length \(length))")) }
            if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                guard index + 7 <= bytes.count else { return .failure(Problem(description: "the JPEG file is cut short in its frame header")) }
                let height = bigEndian(bytes, index + 3, 2), width = bigEndian(bytes, index + 5, 2)
                return checked(swapped ? height : width, swapped ? width : height, "JPEG")
            }
            if marker == 0xE1, index + length <= bytes.count, let orientation = exifOrientation(bytes[(index + 2)..<(index + length)]) {
                swapped = (5...8).contains(orientation)
            }
            index += length
        }
    }

    /// The Exif orientation (tag 0x0112 of the first image directory) of an APP1 segment's data.
    static func exifOrientation(_ segment: ArraySlice<UInt8>) -> Int? {
        let data = Array(segment)
        guard data.count >= 14, data.starts(with: Array("Exif".utf8) + [0, 0]) else { return nil }
        let tiff = 6
        let little: Bool
        switch (data[tiff], data[tiff + 1]) {
        case (0x49, 0x49): little = true   // "II"
        case (0x4D, 0x4D): little = false  // "MM"
        default: return nil
        }
        func number(_ offset: Int, _ count: Int) -> Int? {
            guard offset >= 0, offset + count <= data.count else { return nil }
            return little ? littleEndian(data, offset, count) : bigEndian(data, offset, count)
        }
        guard let first = number(tiff + 4, 4), let entries = number(tiff + first, 2) else { return nil }
        for entry in 0..<min(entries, 256) {
            let at = tiff + first + 2 + entry * 12
            guard let tag = number(at, 2) else { return nil }
            if tag == 0x0112 { return number(at + 8, 2) }
        }
        return nil
    }

    /// WebP: a RIFF file whose first chunk is `VP8X` (extended: the canvas size), `VP8 `
    /// (lossy: the key frame's size) or `VP8L` (lossless: 14-bit sizes minus one).
    static func webp(_ bytes: [UInt8]) -> Result<ImageSize, Problem> {
        let short = Problem(description: "the WebP file is cut short")
        guard bytes.count >= 16 else { return .failure(short) }
        switch String(decoding: bytes[12..<16], as: UTF8.self) {
        case "VP8X":
            guard bytes.count >= 30 else { return .failure(short) }
            return checked(littleEndian(bytes, 24, 3) + 1, littleEndian(bytes, 27, 3) + 1, "WebP")
        case "VP8 ":
            guard bytes.count >= 30 else { return .failure(short) }
            guard bytes[23] == 0x9D, bytes[24] == 0x01, bytes[25] == 0x2A else {
                return .failure(Problem(description: "the WebP file's lossy image has no key frame start code"))
            }
            return checked(littleEndian(bytes, 26, 2) & 0x3FFF, littleEndian(bytes, 28, 2) & 0x3FFF, "WebP")
        case "VP8L":
            guard bytes.count >= 25 else { return .failure(short) }
            guard bytes[20] == 0x2F else { return .failure(Problem(description: "the WebP file's lossless image has no signature")) }
            let bits = littleEndian(bytes, 21, 4)
            return checked((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1, "WebP")
        default:
            return .failure(Problem(description: "the WebP file starts with no image chunk (VP8, VP8L or VP8X)"))
        }
    }

    /// Whether the bytes start (after a byte-order mark and white space) like an XML or SVG document.
    static func looksLikeSVG(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes.prefix(4096), as: UTF8.self)
        let trimmed = text.drop { $0 == "\u{FEFF}" || $0.isWhitespace }
        return (trimmed.hasPrefix("<?xml") || trimmed.hasPrefix("<svg") || trimmed.hasPrefix("<!--") || trimmed.hasPrefix("<!DOCTYPE"))
            && text.contains("<svg")
    }

    /// SVG: the root element's `width` and `height` (in pixels, or without a unit); one of them
    /// missing (or in `%`, `em`) is taken from the `viewBox`'s proportions; neither, the `viewBox`'s size.
    static func svg(_ bytes: [UInt8]) -> Result<ImageSize, Problem> {
        let text = String(decoding: bytes.prefix(65_536), as: UTF8.self)
        guard let start = text.range(of: "<svg") else { return .failure(Problem(description: "the SVG file has no `<svg>` element")) }
        guard let end = text[start.upperBound...].firstIndex(of: ">") else { return .failure(Problem(description: "the SVG file is cut short in its `<svg>` tag")) }
        let attributes = svgAttributes(String(text[start.upperBound..<end]))
        let width = attributes["width"].flatMap(pixels), height = attributes["height"].flatMap(pixels)
        let box = attributes["viewBox"].map { $0.split(whereSeparator: { $0 == " " || $0 == "," || $0.isWhitespace }).compactMap { Double($0) } }
        let boxSize: (Double, Double)? = box.flatMap { $0.count == 4 && $0[2] > 0 && $0[3] > 0 ? ($0[2], $0[3]) : nil }
        switch (width, height, boxSize) {
        case let (width?, height?, _): return checked(Int(width.rounded()), Int(height.rounded()), "SVG")
        case let (width?, nil, (boxWidth, boxHeight)?): return checked(Int(width.rounded()), Int((width * boxHeight / boxWidth).rounded()), "SVG")
        case let (nil, height?, (boxWidth, boxHeight)?): return checked(Int((height * boxWidth / boxHeight).rounded()), Int(height.rounded()), "SVG")
        case let (nil, nil, (boxWidth, boxHeight)?): return checked(Int(boxWidth.rounded()), Int(boxHeight.rounded()), "SVG")
        default: return .failure(Problem(description: "the SVG file's `<svg>` element has no width and height in pixels and no `viewBox`"))
        }
    }

    /// The attributes of a tag's inside (`width="10" height='20'`), by name.
    private static func svgAttributes(_ tag: String) -> [String: String] {
        var result: [String: String] = [:]
        var rest = Substring(tag)
        while let equals = rest.firstIndex(of: "=") {
            let name = rest[..<equals].split(whereSeparator: { $0.isWhitespace }).last.map(String.init) ?? ""
            var after = rest[rest.index(after: equals)...].drop { $0.isWhitespace }
            guard let quote = after.first, quote == "\"" || quote == "'" else { break }
            after = after.dropFirst()
            guard let close = after.firstIndex(of: quote) else { break }
            if result[name] == nil { result[name] = String(after[..<close]) }
            rest = after[after.index(after: close)...]
        }
        return result
    }

    /// `120`, `120px`, `120.5` → the number; other units (`%`, `em`, `cm`) → nil.
    private static func pixels(_ value: String) -> Double? {
        var text = value.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("px") { text.removeLast(2) }
        guard let number = Double(text), number.isFinite, number > 0 else { return nil }
        return number
    }

    // MARK: - Bytes

    private static func checked(_ width: Int, _ height: Int, _ format: String) -> Result<ImageSize, Problem> {
        guard width > 0, height > 0 else {
            return .failure(Problem(description: "the \(format) file gives a size of \(width)×\(height)"))
        }
        return .success(ImageSize(width: width, height: height))
    }

    private static func bigEndian(_ bytes: [UInt8], _ offset: Int, _ count: Int) -> Int {
        bytes[offset..<(offset + count)].reduce(0) { $0 << 8 | Int($1) }
    }

    private static func littleEndian(_ bytes: [UInt8], _ offset: Int, _ count: Int) -> Int {
        bytes[offset..<(offset + count)].reversed().reduce(0) { $0 << 8 | Int($1) }
    }
}
