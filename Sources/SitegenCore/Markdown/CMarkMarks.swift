extension CMark {
    /// What the one cmark-gfm render of a text leaves to each page, and how it is cut out of
    /// the rendered bytes into ``MarkdownContent``, in this stage, before the HTML is a `String`.
    ///
    /// A mark is `0xFF`, a letter, a decimal index, `0xFF`. Byte 0xFF never occurs in UTF-8, so
    /// no text, URL or raw HTML an editor writes can make one. cmark-gfm writes a custom inline
    /// or a text literal as it is, and a link's or image's title escaped only for `&<>"`, so a
    /// mark comes out as it went in:
    /// - `C`: citation group n (a custom inline, or a text node in a table cell);
    /// - `I`: image n (a custom inline);
    /// - `A`: address n, at the start of a link's or image's `title`: the link's `href` is the
    ///   page's folder (a ``MarkdownSegment/link(path:)``), the image's `src` a file of
    ///   `static/` behind the page's root (``MarkdownSegment/root``).
    struct Marks {
        enum Address { case link, root }

        private(set) var groups: [[String]] = []
        var images: [MarkdownImage] = []
        private var addresses: [(kind: Address, hasTitle: Bool)] = []

        /// The mark for a citation group, as a C string.
        mutating func citation(_ ids: [String]) -> [CChar] {
            groups.append(ids)
            return Self.mark("C", groups.count - 1)
        }

        /// The mark for an image, as a C string.
        mutating func image(_ image: MarkdownImage) -> [CChar] {
            images.append(image)
            return Self.mark("I", images.count - 1)
        }

        /// The title to give a link or image whose address the page writes: the mark, then its own title.
        mutating func address(_ kind: Address, title: String) -> [CChar] {
            addresses.append((kind, !title.isEmpty))
            var mark = Self.mark("A", addresses.count - 1)
            mark.removeLast()
            return mark + title.utf8.map { CChar(bitPattern: $0) } + [0]
        }

        private static func mark(_ letter: Unicode.Scalar, _ index: Int) -> [CChar] {
            ([0xFF, UInt8(ascii: letter)] + Array(String(index).utf8) + [0xFF, 0]).map { CChar(bitPattern: $0) }
        }

        /// Cuts rendered HTML at its marks.
        func segments(of bytes: UnsafeBufferPointer<UInt8>) -> MarkdownContent {
            var text: [UInt8] = []
            text.reserveCapacity(bytes.count)
            var marks: [MarkdownContent.Mark] = []
            // Where the HTML written since the last mark starts in `text`.
            var literalStart = 0
            func mark(_ kind: MarkdownContent.Mark.Kind, at offset: Int) {
                marks.append(MarkdownContent.Mark(offset: Int32(offset), kind: kind))
            }
            var copied = 0
            while let start = ByteSearch.firstIndex(of: 0xFF, in: bytes, from: copied),
                  start + 1 < bytes.count, let end = ByteSearch.firstIndex(of: 0xFF, in: bytes, from: start + 1),
                  let index = Int(String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 2)..<end]), as: UTF8.self)) {
                text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<start]))
                copied = end + 1
                switch bytes[start + 1] {
                case UInt8(ascii: "C"):
                    mark(.citation(groups[index]), at: text.count)
                    literalStart = text.count
                case UInt8(ascii: "I"):
                    mark(.image(images[index]), at: text.count)
                    literalStart = text.count
                default:
                    // `…href="URL" title="` or `…src="URL" alt="ALT" title="` is written so far.
                    let address = addresses[index]
                    text.removeLast(Self.titleOpening.count)
                    let opening = address.kind == .link ? Self.hrefOpening : Self.srcOpening
                    let urlStart = Self.lastIndex(of: opening, in: text, from: literalStart)! + opening.count
                    if address.kind == .link {
                        // The page's folder stays in the text, marked as the link's path; the
                        // fragment, if any, is HTML again.
                        let pathEnd = text[urlStart...].firstIndex(of: UInt8(ascii: "#")) ?? text.count
                        mark(.link(length: Int32(pathEnd - urlStart)), at: urlStart)
                        literalStart = pathEnd
                    } else {
                        mark(.root, at: urlStart)
                        literalStart = urlStart
                    }
                    if address.hasTitle { text += Self.titleOpening }
                }
            }
            text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            return MarkdownContent(text: String(decoding: text, as: UTF8.self), marks: marks)
        }

        private static let titleOpening = Array("\" title=\"".utf8)
        private static let hrefOpening = Array("<a href=\"".utf8)
        private static let srcOpening = Array("<img src=\"".utf8)

        /// The last place of `needle` in `haystack` at or after `lowerBound`.
        private static func lastIndex(of needle: [UInt8], in haystack: [UInt8], from lowerBound: Int) -> Int? {
            var index = haystack.count - needle.count
            while index >= lowerBound {
                if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
                index -= 1
            }
            return nil
        }
    }
}
