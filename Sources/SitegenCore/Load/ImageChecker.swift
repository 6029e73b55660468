import Foundation
import Synchronization

/// Checks the images that pages show, against the files of `static/`: the path is resolved
/// from `static/`, a missing file is an error, an empty alt text a warning, and the width and
/// height are read from the file's header. Only files listed in `static/` are ever read, so
/// no path (`../../etc/passwd`, `/etc/passwd`, `%2e%2e/…`) reaches outside it.
///
/// Shared by the loaders of one build, on all cores: each file is read once.
final class ImageChecker: Sendable {
    private let fileSystem: FileSystem
    /// Paths below `static/` (`images/bridge.jpg`) of the files there.
    private let available: Set<String>
    /// Sizes already read, by path below `static/`.
    private let sizes = Mutex<[String: Result<ImageSize, ImageHeader.Problem>]>([:])

    /// A checker for the site at `fileSystem` whose static files are `staticFiles`.
    init(fileSystem: FileSystem, staticFiles: [StaticFile]) {
        self.fileSystem = fileSystem
        available = Set(staticFiles.map(\.output))
    }

    /// What an image's address, as written, stands for.
    enum Written: Equatable {
        /// A file below `static/`, by its normalised path (`images/bridge.jpg`).
        case file(String)
        /// An `http` or `https` address, left as written.
        case external(String)
        /// Not a usable address: why, and a corrected address when there is one.
        case invalid(String, suggestion: String?)
    }

    /// Reads an address as written in Markdown or front matter, without touching any file:
    /// `http(s)://` addresses are external; everything else is a path below `static/`,
    /// percent-decoded, that must not start with `/`, use `\`, hold `..` or control characters.
    static func interpret(_ written: String) -> Written {
        let address = written.trimmingCharacters(in: .whitespaces)
        let lower = address.lowercased()
        if address.isEmpty { return .invalid("the image has no address: write a path from `static/`, such as `images/photo.jpg`", suggestion: nil) }
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("//") { return .external(address) }
        if let colon = address.firstIndex(of: ":"), !address[..<colon].contains("/"), address[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }) {
            return .invalid("`\(address)` is not an image sitegen can check: put the file in `static/` and write its path from there (`images/photo.jpg`), or give an `https://` address", suggestion: nil)
        }
        guard let decoded = address.removingPercentEncoding else {
            return .invalid("`\(address)` has a `%` that is not followed by two hexadecimal digits: write a space as `%20`, a `%` as `%25`", suggestion: nil)
        }
        if decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return .invalid("the image path `\(address)` holds a control character", suggestion: nil)
        }
        if decoded.contains("\\") {
            return .invalid("the image path `\(address)` uses `\\`: separate folders with `/`", suggestion: decoded.replacingOccurrences(of: "\\", with: "/"))
        }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        if segments.contains("..") {
            return .invalid("the image path `\(address)` uses `..`: images are looked for only inside `static/`; write the path from there (`images/photo.jpg`)", suggestion: nil)
        }
        if decoded.hasPrefix("/") {
            let fromStatic = segments.joined(separator: "/")
            return .invalid("the image path `\(address)` starts with `/`: images are looked for in `static/`, so write the path from there, without the `/`",
                            suggestion: fromStatic.isEmpty ? nil : fromStatic)
        }
        if segments.isEmpty { return .invalid("the image path `\(address)` names no file", suggestion: nil) }
        return .file(segments.joined(separator: "/"))
    }

    /// Checks one image, written at `location` with the alt text `alt`: its source and size, and
    /// the problems found (`what` names it in messages: "the image", "`image`").
    func check(_ written: String, alt: String, at location: SourceLocation,
               altHint: String = "describe it between the brackets: `![What the photo shows](…)`")
        -> (source: ImageSource?, size: ImageSize?, problems: [Diagnostic]) {
        var problems: [Diagnostic] = []
        if alt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            problems.append(.warning(location, "the image `\(written)` has no alt text, which readers using a screen reader hear instead of it: \(altHint)"))
        }
        switch Self.interpret(written) {
        case .external(let address):
            return (.external(address), nil, problems)
        case .invalid(let message, let suggestion):
            // A corrected path is offered only when it names a file that is there.
            return (nil, nil, problems + [.error(location, message, suggestion: suggestion.flatMap { available.contains($0) ? $0 : nil })])
        case .file(let path):
            guard available.contains(path) else {
                // `static/images/x.jpg` written from the site root: the path without `static/`.
                let fromStatic = path.hasPrefix("static/") ? String(path.dropFirst("static/".count)) : nil
                let closest = fromStatic.flatMap { available.contains($0) ? $0 : nil }
                    ?? Suggestions.closest(to: path, in: available.filter { $0.split(separator: "/").last?.contains(".") == true })
                var message = "image not found: `\(written)` was looked for at `static/\(path)`, and there is no such file; put the image there, or correct the path (it is read from `static/`)"
                if closest == nil, let inContent = Self.contentHint(path) { message += inContent }
                return (nil, nil, problems + [.error(location, message, suggestion: closest)])
            }
            switch size(of: path) {
            case .success(let size):
                return (.site(path), size, problems)
            case .failure(let problem):
                problems.append(.warning(location, "the width and height of `static/\(path)` could not be read (\(problem)), so the page may jump while the image loads: save it as a PNG, JPEG, GIF, WebP or SVG image"))
                return (.site(path), nil, problems)
            }
        }
    }

    /// A hint for a path that looks written from `content/`.
    private static func contentHint(_ path: String) -> String? {
        path.hasPrefix("content/") || path.hasPrefix("static/") ? " (paths start inside `static/`, not at the site root)" : nil
    }

    /// The size of `static/path`, read once per build.
    private func size(of path: String) -> Result<ImageSize, ImageHeader.Problem> {
        if let known = sizes.withLock({ $0[path] }) { return known }
        let result: Result<ImageSize, ImageHeader.Problem>
        if let data = fileSystem.readFile("static/" + path) {
            result = ImageHeader.size(of: [UInt8](data))
        } else {
            result = .failure(ImageHeader.Problem(description: "the file cannot be read"))
        }
        sizes.withLock { $0[path] = result }
        return result
    }

    /// Checks a front-matter image (`image:`, `image_alt:`) and fills in its source and size.
    func check(_ image: inout PageImage) -> [Diagnostic] {
        let (source, size, problems) = check(image.written, alt: image.alt, at: image.location,
                                             altHint: "add `image_alt:` saying what the image shows")
        image.source = source
        image.size = size
        return problems
    }
}
