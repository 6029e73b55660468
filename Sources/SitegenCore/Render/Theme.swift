import Foundation
import Mustache

/// The templates and assets a site is rendered with: the built-in theme, with any file of the
/// site's own `templates/` folder replacing the built-in file of the same name.
public struct Theme: Sendable {
    /// The page templates, partials and layout.
    public var library: MustacheLibrary
    /// Asset files by their path under `assets/` (`style.css`).
    public var assets: [String: Data]
    /// The template texts the library was parsed from, by name.
    var templateTexts: [String: String] = [:]

    /// A library parsed anew from the same texts: render threads each use their own, so they
    /// share no reference-counted template objects.
    func freshLibrary() -> MustacheLibrary {
        var fresh = MustacheLibrary()
        for (name, text) in templateTexts {
            if let template = try? MustacheTemplate(string: text) { fresh.register(template, named: name) }
        }
        return fresh
    }

    /// The page kinds, each rendered with the template of this name.
    static let pageTemplates = ["home", "timeline", "event", "actors", "actor", "articles", "article", "notes", "note", "404"]

    /// swift-mustache's parser error in words a template editor can act on.
    static func explain(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else {
            // An unterminated tag runs the parser into the end of the file.
            if "\(error)".contains("overflow") { return "a tag is not finished before the end of the file: every `{{` needs its `}}`" }
            return "\(error)"
        }
        switch error {
        case .sectionCloseNameIncorrect:
            return "this `{{/...}}` does not close the section open here: its name must match the last `{{#name}}`, `{{^name}}` or `{{$name}}` still open"
        case .unfinishedName:
            return "a tag is not finished: every `{{` needs its `}}` on the same line"
        case .expectedSectionEnd:
            return "a section is never closed: every `{{#name}}`, `{{^name}}`, `{{$name}}` or `{{<name}}` needs its `{{/name}}`"
        case .invalidSetDelimiter:
            return "badly formed delimiter change: write it like `{{=<% %>=}}`"
        case .textInsideInheritSection, .illegalTokenInsideInheritSection:
            return "inside `{{<layout}}...{{/layout}}` only `{{$block}}...{{/block}}` sections may appear (\(error))"
        default:
            return "\(error)"
        }
    }

    /// Loads the theme of the site at `fileSystem`'s root, reporting template syntax errors and
    /// references to partials or layouts that do not exist.
    public static func load(fileSystem: FileSystem) -> (Theme, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var sources: [String: (text: String, path: String)] = [:]
        for (name, text) in BuiltinTheme.templates { sources[name] = (text, "(built-in theme) templates/\(name).mustache") }
        var assets: [String: Data] = [:]
        for (name, base64) in BuiltinTheme.assets { assets[name] = Data(base64Encoded: base64) ?? Data() }
        for path in fileSystem.listFiles("templates") {
            let relative = String(path.dropFirst("templates/".count))
            if relative.hasPrefix("assets/") {
                if let data = fileSystem.readFile(path) { assets[String(relative.dropFirst("assets/".count))] = data }
            } else if relative.hasSuffix(".mustache") {
                guard let data = fileSystem.readFile(path) else { continue }
                switch TextFile.decode(data, path: path) {
                case .failure(let diagnostic): diagnostics.append(diagnostic)
                case .success(let file): sources[String(relative.dropLast(".mustache".count))] = (file.text, path)
                }
            } else if !(relative.split(separator: "/").last ?? "").hasPrefix(".") {
                diagnostics.append(.warning(SourceLocation(path: path), "ignored: `templates/` holds `.mustache` files and an `assets/` folder"))
            }
        }
        // Values are escaped by FastHTMLEscaping (same output as swift-mustache's HTML escaping, faster):
        // every template starts by switching to it, on its first line so line numbers stay true.
        MustacheContentTypes.register(FastHTMLEscaping(), named: FastHTMLEscaping.name)
        let pragma = "{{% CONTENT_TYPE: \(FastHTMLEscaping.name) }}"
        var library = MustacheLibrary()
        var templateTexts: [String: String] = [:]
        for name in sources.keys.sorted() {
            let (text, path) = sources[name]!
            do {
                library.register(try MustacheTemplate(string: pragma + text), named: name)
                templateTexts[name] = pragma + text
            } catch let error as MustacheTemplate.ParserError {
                let line = error.context.lineNumber
                let column = line == 1 ? max(1, error.context.columnNumber - pragma.count) : error.context.columnNumber
                diagnostics.append(.error(SourceLocation(path: path, line: line, column: column),
                                          "template syntax: " + explain(error.error)))
            } catch {
                diagnostics.append(.error(SourceLocation(path: path), "template syntax: \(error)"))
            }
        }
        // swift-mustache renders a missing partial or layout as nothing: check every reference.
        for name in sources.keys.sorted() {
            let (text, path) = sources[name]!
            for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                var rest = line[...]
                while let open = rest.firstRange(of: "{{") {
                    let afterOpen = rest[open.upperBound...]
                    let tag = afterOpen.drop { $0 == " " }
                    guard let sigil = tag.first, sigil == ">" || sigil == "<",
                          let close = afterOpen.firstRange(of: "}}") else {
                        rest = afterOpen
                        continue
                    }
                    let target = tag[tag.index(after: tag.startIndex)..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                    if sources[target] == nil {
                        let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                        diagnostics.append(.error(SourceLocation(path: path, line: lineIndex + 1, column: column),
                            "template `\(target)` does not exist", suggestion: Suggestions.closest(to: target, in: Array(sources.keys))))
                    }
                    rest = afterOpen[close.upperBound...]
                }
            }
        }
        for name in pageTemplates where sources[name] == nil {
            diagnostics.append(.error(SourceLocation(path: "templates/\(name).mustache"), "the page template `\(name)` is missing"))
        }
        return (Theme(library: library, assets: assets, templateTexts: templateTexts), diagnostics)
    }
}
