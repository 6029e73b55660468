import Foundation

extension MarkdownHTML {
    /// Fills in the placeholders for one page, in one pass over the UTF-8 bytes: the byte
    /// search jumps from one placeholder to the next.
    /// With `.files` links, `index.html` is added to each rewritten link's folder path; an image's
    /// `src` gets the root path alone.
    static func finish(_ html: String, root: String, links: LinkStyle, citations: PageCitations) -> String {
        var html = html
        let finished = html.withUTF8 { bytes -> String? in
            guard let base = bytes.baseAddress else { return nil }
            var output: [UInt8] = []
            var copied = 0
            var nextLink = firstLink(in: bytes, from: 0)
            var nextCitation = ByteSearch.firstIndex(of: 0x01, in: bytes)
            var nextImage = firstImage(in: bytes, from: 0)
            while nextLink != nil || nextCitation != nil || nextImage != nil {
                if output.isEmpty { output.reserveCapacity(bytes.count + 256) }
                if let image = nextImage, image < (nextLink ?? Int.max), image < (nextCitation ?? Int.max) {
                    // `src="sitegen-root:images/bridge.jpg"` → `src="../../images/bridge.jpg"`: a
                    // file's address, the same in both link styles.
                    output.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: image - copied))
                    output.append(contentsOf: "src=\"".utf8)
                    output.append(contentsOf: root.utf8)
                    copied = image + srcPlaceholderBytes.count
                    nextImage = firstImage(in: bytes, from: copied)
                } else if let link = nextLink, nextCitation.map({ link < $0 }) ?? true {
                    output.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: link - copied))
                    output.append(contentsOf: "href=\"".utf8)
                    output.append(contentsOf: (root.isEmpty ? "./" : root).utf8)
                    copied = link + hrefPlaceholderBytes.count
                    if links == .files {
                        // `actors/mali/#facts"` → `actors/mali/index.html#facts"`
                        var end = copied
                        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "#") { end += 1 }
                        if end > copied, bytes[end - 1] == UInt8(ascii: "/") {
                            output.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: end - copied))
                            output.append(contentsOf: "index.html".utf8)
                            copied = end
                        }
                    }
                    nextLink = firstLink(in: bytes, from: copied)
                } else if let citation = nextCitation {
                    guard let end = ByteSearch.firstIndex(of: 0x02, in: bytes, from: citation + 1) else { break }
                    output.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: citation - copied))
                    let ids = String(decoding: UnsafeBufferPointer(start: base + citation + 1, count: end - citation - 1), as: UTF8.self)
                        .split(separator: ";").map(String.init)
                    output.append(contentsOf: citations.html(for: ids).utf8)
                    copied = end + 1
                    nextCitation = ByteSearch.firstIndex(of: 0x01, in: bytes, from: copied)
                }
            }
            guard copied > 0 else { return nil }
            output.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: bytes.count - copied))
            return String(decoding: output, as: UTF8.self)
        }
        return finished ?? html
    }

    private static let hrefPlaceholderBytes = Array(hrefPlaceholder.utf8)
    private static let srcPlaceholderBytes = Array(srcPlaceholder.utf8)

    private static func firstImage(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        srcPlaceholderBytes.withUnsafeBufferPointer { ByteSearch.firstMatch(of: $0, in: bytes, from: start) }
    }

    private static func firstLink(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        hrefPlaceholderBytes.withUnsafeBufferPointer { ByteSearch.firstMatch(of: $0, in: bytes, from: start) }
    }
}
