extension MarkdownContent {
    /// The text's HTML on one page: cross-reference links from the page's path to the site root
    /// (`root`, `./` on the home page; with `.files` links `index.html` ends a page's folder),
    /// the addresses of the site's images after `root`, and each citation group as its mark
    /// with the page's numbers.
    func html(root: String, links: LinkStyle, citations: PageCitations) -> String {
        // Bytes, not Strings: cutting a String at the marks' UTF-8 offsets checks each cut
        // against the Unicode scalars, and appending a piece checks it again.
        var text = self.text
        text.makeContiguousUTF8()
        let linkRoot = root.isEmpty ? "./" : root
        var html: [UInt8] = []
        html.reserveCapacity(text.utf8.count + 64 * marks.count)
        text.utf8.withContiguousStorageIfAvailable { utf8 in
            var position = 0
            for mark in marks {
                let place = Int(mark.offset)
                if place > position { html.append(contentsOf: utf8[position..<place]) }
                position = place
                switch mark.kind {
                case .link(let length):
                    position = place + Int(length)
                    html.append(contentsOf: linkRoot.utf8)
                    html.append(contentsOf: utf8[place..<position])
                    if links == .files, position > place, utf8[position - 1] == UInt8(ascii: "/") { html.append(contentsOf: "index.html".utf8) }
                case .root:
                    html.append(contentsOf: root.utf8)
                case .citation(let ids):
                    html.append(contentsOf: citations.html(for: ids).utf8)
                case .image(let image):
                    html.append(contentsOf: image.html(root: root).utf8)
                }
            }
            if position < utf8.count { html.append(contentsOf: utf8[position...]) }
        }
        return String(decoding: html, as: UTF8.self)
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
