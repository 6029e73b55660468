extension MarkdownContent {
    /// The text's HTML on one page: cross-reference links from the page's path to the site root
    /// (`root`, `./` on the home page; with `.files` links `index.html` ends a page's folder),
    /// the addresses of the site's images after `root`, and each citation group as its mark
    /// with the page's numbers.
    func html(root: String, links: LinkStyle, citations: PageCitations) -> String {
        var html = ""
        html.reserveCapacity(text.utf8.count + 64)
        forEachPiece { piece in
            switch piece {
            case .html(let text):
                html += text
            case .mark(.link, let path):
                html += root.isEmpty ? "./" : root
                html += path
                if links == .files, path.utf8.last == UInt8(ascii: "/") { html += "index.html" }
            case .mark(.root, _):
                html += root
            case .mark(.citation(let ids), _):
                html += citations.html(for: ids)
            case .mark(.image(let image), _):
                html += image.html(root: root)
            }
        }
        return html
    }
}

extension MarkdownImage {
    /// `<img>` on a page whose path to the site root is `root`: its address, alt text, title,
    /// width and height when known (so the page does not jump while it loads), and lazy loading
    /// below the first screen.
    func html(root: String) -> String {
        let address: String
        switch source {
        case .site: address = root + HTMLEscaping.escape(source.url(root: ""))
        case .external: address = HTMLEscaping.escape(source.url(root: ""))
        }
        var html = "<img src=\"" + address + "\" alt=\"" + HTMLEscaping.escape(alt) + "\""
        if let title { html += " title=\"" + HTMLEscaping.escape(title) + "\"" }
        if let size { html += " width=\"\(size.width)\" height=\"\(size.height)\"" }
        if lazy { html += " loading=\"lazy\"" }
        return html + " decoding=\"async\">"
    }
}
