/// The width and height of an image in CSS pixels, as its file's header gives them.
public struct ImageSize: Sendable, Hashable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    /// Creates a size.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public var description: String { "\(width)×\(height)" }
}

/// Where an image shown on a page comes from.
public enum ImageSource: Sendable, Hashable {
    /// A file of the site's `static/` folder, by its path in the output (`images/bridge.jpg`).
    case site(String)
    /// An address on another site (`https://…`), used as written and not checked.
    case external(String)
}

extension ImageSource {
    /// Its address in a page whose path to the site root is `root` (`../../`, a base URL, or
    /// empty on the home page): a file of `static/` percent-encoded after `root`, an external
    /// address as written.
    public func url(root: String) -> String {
        switch self {
        case .site(let path): return root + Self.percentEncoded(path)
        case .external(let address): return address
        }
    }

    /// Bytes a path may keep in a URL; `:` is encoded so a first segment never reads as a scheme.
    private static let kept: Set<UInt8> = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/!$&'()*+,;=@".utf8))

    /// `images/my photo.jpg` → `images/my%20photo.jpg`.
    static func percentEncoded(_ path: String) -> String {
        guard !path.utf8.allSatisfy(kept.contains) else { return path }
        let hex = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = []
        for byte in path.utf8 {
            if kept.contains(byte) {
                output.append(byte)
            } else {
                output += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}

/// An image that a page shows at its top: `image:`, `image_alt:` and `image_credit:` of an
/// actor's, article's or note's front matter.
public struct PageImage: Sendable, Hashable {
    /// The path or address as written (`images/bridge.jpg`).
    public var written: String
    /// Where `image:` is written.
    public var location: SourceLocation
    /// The text readers with a screen reader hear instead of the image; empty when not given.
    public var alt: String
    /// Who made the image, shown under it ("Image: Jane Doe/Agency").
    public var credit: String?
    /// The checked image, set by the loader when the file is found (or the address is external).
    public var source: ImageSource?
    /// Its width and height, when the file's header gave them.
    public var size: ImageSize?

    /// Creates a front-matter image, not yet checked.
    public init(written: String, location: SourceLocation, alt: String, credit: String?) {
        self.written = written
        self.location = location
        self.alt = alt
        self.credit = credit
    }
}
