/// A Markdown text rendered once, at load: the HTML that is the same on every page, and, as
/// data, the pieces that depend on the page showing it (links to other pages, addresses of the
/// site's files, citation numbers). Render writes them for each page
/// (`MarkdownContent.html(root:links:citations:)`).
///
/// Kept compact, for a site of a hundred thousand texts is held whole from load to the end of
/// render: the HTML and the links' paths are one string, and each piece a page writes is a
/// mark at its place in it (rather than a string for every run of HTML between two pieces).
public struct MarkdownContent: Sendable, Hashable {
    /// The HTML, with each link's path (``Mark/Kind/link(length:)``) where the link's address goes.
    var text: String
    /// The pieces each page writes, in order, each at its offset in the UTF-8 of `text`.
    var marks: [Mark]

    /// What a page writes at one place of ``text``.
    struct Mark: Sendable, Hashable {
        enum Kind: Sendable, Hashable {
            /// A cross-reference's address: the page's path to the site root, then the `length`
            /// bytes of `text` here (the page's folder), which are not HTML of their own.
            case link(length: Int32)
            /// The page's path to the site root (an image of `static/` in a table cell).
            case root
            /// A citation group's mark.
            case citation([String])
            /// An image (indirect: an image is large, and most marks are not one).
            indirect case image(MarkdownImage)
        }
        /// Its place: a UTF-8 offset in ``MarkdownContent/text``.
        var offset: Int32
        var kind: Kind
    }

    init(text: String, marks: [Mark]) {
        self.text = text
        self.marks = marks
    }

    /// Content of `segments`.
    public init(_ segments: [MarkdownSegment] = []) {
        var bytes: [UInt8] = []
        var marks: [Mark] = []
        for segment in segments {
            let offset = Int32(bytes.count)
            switch segment {
            case .html(let html): bytes += html.utf8
            case .link(let path):
                bytes += path.utf8
                marks.append(Mark(offset: offset, kind: .link(length: Int32(path.utf8.count))))
            case .root: marks.append(Mark(offset: offset, kind: .root))
            case .citation(let ids): marks.append(Mark(offset: offset, kind: .citation(ids)))
            case .image(let image): marks.append(Mark(offset: offset, kind: .image(image)))
            }
        }
        self.init(text: String(decoding: bytes, as: UTF8.self), marks: marks)
    }

    /// The pieces, in the order they are written: runs of HTML, and what each page writes.
    public var segments: [MarkdownSegment] {
        var segments: [MarkdownSegment] = []
        forEachPiece { piece in
            switch piece {
            case .html(let html): segments.append(.html(String(html)))
            case .mark(let kind, let path):
                switch kind {
                case .link: segments.append(.link(path: String(path)))
                case .root: segments.append(.root)
                case .citation(let ids): segments.append(.citation(ids))
                case .image(let image): segments.append(.image(image))
                }
            }
        }
        return segments
    }

    /// One piece of ``text``: a run of HTML, or a mark with, for a link, its path.
    enum Piece {
        case html(Substring)
        case mark(Mark.Kind, path: Substring)
    }

    /// Calls `body` with each piece in order; runs of HTML are never empty.
    func forEachPiece(_ body: (Piece) -> Void) {
        let utf8 = text.utf8
        var position = utf8.startIndex
        for mark in marks {
            let place = utf8.index(utf8.startIndex, offsetBy: Int(mark.offset))
            if place > position { body(.html(text[position..<place])) }
            if case .link(let length) = mark.kind {
                position = utf8.index(place, offsetBy: Int(length))
                body(.mark(mark.kind, path: text[place..<position]))
            } else {
                position = place
                body(.mark(mark.kind, path: ""))
            }
        }
        if position < utf8.endIndex { body(.html(text[position...])) }
    }

    /// Whether there is nothing to show.
    public var isEmpty: Bool { text.isEmpty && marks.isEmpty }

    /// The article IDs of each citation group (`[@a; @b]`), in the order the text shows them.
    public var citationGroups: [[String]] {
        marks.compactMap { mark in
            if case .citation(let ids) = mark.kind { return ids }
            return nil
        }
    }
}

/// One piece of rendered Markdown (``MarkdownContent/segments``).
public enum MarkdownSegment: Sendable, Hashable {
    /// HTML, written as it is.
    case html(String)
    /// The address of a cross-reference link (`[x](actor:mali)`) inside its `href`: `path` is
    /// the page's folder from the site root (`actors/mali/`, escaped for the attribute); the
    /// fragment, if any, is in the next `html`.
    case link(path: String)
    /// The page's path to the site root inside the `src` of an image of `static/` that keeps
    /// cmark-gfm's markup (in a table cell); the file's path is in the next `html`.
    case root
    /// A citation group: the cited article IDs as written.
    case citation([String])
    /// An image of the text, checked at load.
    /// (Indirect: an image is large, and most segments are not one.)
    indirect case image(MarkdownImage)
}
/// An image written in Markdown (`![alt](images/bridge.jpg "title")`), checked at load.
public struct MarkdownImage: Sendable, Hashable {
    /// Its checked address.
    public var source: ImageSource
    /// Its description, as cmark-gfm makes alt text of it.
    public var alt: String
    /// Its title, when the editor gave one.
    public var title: String?
    /// Its width and height, when the file's header gave them.
    public var size: ImageSize?
    /// Whether it loads only when the reader nears it (every image but a page's first).
    public var lazy: Bool

    /// An image of a text.
    public init(source: ImageSource, alt: String, title: String?, size: ImageSize?, lazy: Bool) {
        self.source = source
        self.alt = alt
        self.title = title
        self.size = size
        self.lazy = lazy
    }
}
