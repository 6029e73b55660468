/// How pages link to each other: to a page's folder (`actors/mali/`), which works over HTTP, or
/// to its file (`actors/mali/index.html`), which also works when the pages are opened from a disk.
public enum LinkStyle: String, Sendable, Hashable, CaseIterable {
    /// `actors/mali/`: short addresses, for a site served by a web server.
    case folders
    /// `actors/mali/index.html`: a browser opening `public/index.html` from a disk follows them too.
    case files

    /// The link to a page whose folder from the site root is `folder` (`actors/mali/`, or empty
    /// for the home page), from a page whose path to the root is `root` (`../../`, or empty).
    public func url(root: String, folder: String, fragment: String? = nil) -> String {
        var url: String
        switch self {
        case .folders: url = root + folder
        case .files: url = root + folder + "index.html"
        }
        if url.isEmpty { url = "./" }
        if let fragment { url += "#" + fragment }
        return url
    }
}
