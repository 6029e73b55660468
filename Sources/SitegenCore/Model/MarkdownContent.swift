/// A Markdown text rendered once, at load: the HTML that is the same on every page, and, as
/// data, the pieces that depend on the page showing it (links to other pages, addresses of the
/// site's files, citation numbers). Render writes them for each page
/// (`MarkdownContent.html(root:links:citations:)`).
public struct MarkdownContent: Sendable, Hashable {
    /// The pieces, in the order they are written.
    public var segments: [MarkdownSegment]

    /// Content of `segments`.
    public init(_ segments: [MarkdownSegment] = []) {
        self.segments = segments
    }

    /// Whether there is nothing to show.
    public var isEmpty: Bool { segments.isEmpty }

    /// The article IDs of each citation group (`[@a; @b]`), in the order the text shows them.
    public var citationGroups: [[String]] {
        segments.compactMap { segment in
            if case .citation(let ids) = segment { return ids }
            return nil
        }
    }
}

/// One piece of rendered Markdown.
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
