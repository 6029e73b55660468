import Foundation

/// Rewrites `url(...)` references in a stylesheet to the fingerprinted names of other assets.
enum CSSReferences {
    /// - Parameters:
    ///   - css: the stylesheet.
    ///   - stylesheet: its name under `assets/` (`css/site.css`).
    ///   - assetPaths: asset name under `assets/` → output path (`assets/fonts/a.1f2e3d4c5b.woff2`).
    static func rewrite(_ css: String, stylesheet: String, assetPaths: [String: String]) -> String {
        guard css.contains("url(") else { return css }
        let folder = stylesheet.split(separator: "/").dropLast().map(String.init)
        var output = ""
        var rest = css[...]
        while let open = rest.range(of: "url(") {
            output += rest[..<open.upperBound]
            guard let close = rest[open.upperBound...].firstIndex(of: ")") else {
                rest = rest[open.upperBound...]
                break
            }
            let raw = rest[open.upperBound..<close]
            var reference = raw.trimmingCharacters(in: .whitespaces)
            let quote = reference.first.flatMap { $0 == "\"" || $0 == "'" ? $0 : nil }
            if let quote, reference.count >= 2, reference.last == quote { reference = String(reference.dropFirst().dropLast()) }
            let suffixStart = reference.firstIndex { $0 == "?" || $0 == "#" } ?? reference.endIndex
            let path = String(reference[..<suffixStart])
            if let target = resolve(path, from: folder), let outputPath = assetPaths[target] {
                let outputName = String(outputPath.dropFirst("assets/".count))
                let relative = relativePath(to: outputName, from: folder) + reference[suffixStart...]
                output += quote.map { "\($0)\(relative)\($0)" } ?? relative
            } else {
                output += raw
            }
            rest = rest[close...]
        }
        output += rest
        return output
    }

    /// `../fonts/a.woff2` seen from `css/` → `fonts/a.woff2`; nil for absolute or external URLs.
    private static func resolve(_ path: String, from folder: [String]) -> String? {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains(":") else { return nil }
        var parts = folder
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(String(part))
            }
        }
        return parts.joined(separator: "/")
    }

    private static func relativePath(to target: String, from folder: [String]) -> String {
        let targetParts = target.split(separator: "/").map(String.init)
        var common = 0
        while common < folder.count, common < targetParts.count - 1, folder[common] == targetParts[common] { common += 1 }
        let ups = Array(repeating: "..", count: folder.count - common)
        return (ups + targetParts[common...]).joined(separator: "/")
    }
}
