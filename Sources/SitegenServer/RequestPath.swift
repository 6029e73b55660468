import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns a request path into a file inside the output folder, or refuses it.
///
/// The rules: the path is split on `/`, each segment is percent-decoded, and a segment that is
/// `.` or `..` (however it was encoded), or holds `/`, `\` or NUL once decoded, refuses the whole
/// request. The file found is then resolved with `realpath`, so a symbolic link that leads out of
/// the output folder is treated as missing.
enum RequestPath {
    /// What a request path leads to.
    enum Resolution: Equatable {
        /// A regular file inside the output folder (its resolved path).
        case file(String)
        /// A folder requested without its trailing slash: redirect so relative links work.
        case redirect(String)
        /// Nothing there (or something outside the output folder).
        case notFound
        /// A path that tries to leave the output folder or cannot be decoded.
        case refused
    }

    /// The decoded segments of `rawPath` (without query), or nil when the path is refused.
    static func segments(_ rawPath: String) -> [String]? {
        guard rawPath.hasPrefix("/") else { return nil }
        var result: [String] = []
        for raw in rawPath.split(separator: "/", omittingEmptySubsequences: true) {
            guard let decoded = String(raw).removingPercentEncoding else { return nil }
            if decoded == "." || decoded == ".." { return nil }
            if decoded.contains("/") || decoded.contains("\\") || decoded.contains("\0") { return nil }
            result.append(decoded)
        }
        return result
    }

    /// The canonical absolute path of `path` with every symbolic link resolved, or nil if it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Resolves `rawPath` (the request's path, query removed) against `folder`, a canonical path.
    static func resolve(_ rawPath: String, in folder: String) -> Resolution {
        guard let segments = segments(rawPath) else { return .refused }
        var candidate = folder + (segments.isEmpty ? "" : "/" + segments.joined(separator: "/"))
        var info = stat()
        guard stat(candidate, &info) == 0 else { return .notFound }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            guard rawPath.hasSuffix("/") else { return .redirect(rawPath + "/") }
            candidate += "/index.html"
        }
        return file(candidate, in: folder)
    }

    /// `candidate` if it is a regular file whose real path lies inside `folder`.
    static func file(_ candidate: String, in folder: String) -> Resolution {
        guard let real = realPath(candidate), real.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/") else {
            return .notFound
        }
        var info = stat()
        guard stat(real, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return .notFound }
        return .file(real)
    }
}

/// Content types by file extension, for the files a site holds.
enum ContentType {
    static let byExtension: [String: String] = [
        "html": "text/html; charset=utf-8",
        "htm": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "mjs": "text/javascript; charset=utf-8",
        "json": "application/json",
        "xml": "application/xml; charset=utf-8",
        "svg": "image/svg+xml",
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "gif": "image/gif",
        "webp": "image/webp",
        "avif": "image/avif",
        "ico": "image/x-icon",
        "woff": "font/woff",
        "woff2": "font/woff2",
        "ttf": "font/ttf",
        "otf": "font/otf",
        "txt": "text/plain; charset=utf-8",
        "pdf": "application/pdf",
        "webmanifest": "application/manifest+json",
    ]

    /// The content type of a file by its name; `application/octet-stream` when unknown.
    static func of(_ path: String) -> String {
        let name = (path as NSString).lastPathComponent
        if name == "feed.xml" { return "application/atom+xml; charset=utf-8" }
        return byExtension[(name as NSString).pathExtension.lowercased()] ?? "application/octet-stream"
    }
}
