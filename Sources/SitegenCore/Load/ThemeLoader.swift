import Foundation

extension Theme {
    /// Chooses the words of `language`, with the site's own texts (`content/strings.yaml`) over
    /// the theme's; returns the problems of that file.
    public mutating func useLanguage(_ language: String, overrides: TextFile?, languageLocation: SourceLocation) -> [Diagnostic] {
        let (table, diagnostics) = StringsLoader.table(for: Language(language), themeTables: stringTables, reference: stringKeys,
                                                       overrides: overrides, languageLocation: languageLocation)
        strings = table
        return diagnostics
    }

    /// Loads the theme of the site at `fileSystem`'s root, reporting template syntax errors,
    /// references to partials or layouts that do not exist, and missing `pageTemplates` (the
    /// templates of the site's page kinds).
    static func load(fileSystem: FileSystem, pageTemplates: [String]) -> (Theme, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var sources: [String: (text: String, path: String)] = [:]
        for (name, text) in BuiltinTheme.templates { sources[name] = (text, "(built-in theme) templates/\(name).mustache") }
        var assets: [String: Data] = [:]
        for (name, base64) in BuiltinTheme.assets { assets[name] = Data(base64Encoded: base64) ?? Data() }
        var stringFiles: [TextFile] = []
        for path in fileSystem.listFiles("templates") {
            let relative = String(path.dropFirst("templates/".count))
            if relative.hasPrefix("strings/"), relative.hasSuffix(".yaml"), relative.split(separator: "/").count == 2 {
                guard let data = fileSystem.readFile(path) else { continue }
                switch TextFile.decode(data, path: path) {
                case .failure(let diagnostic): diagnostics.append(diagnostic)
                case .success(let file): stringFiles.append(file)
                }
            } else if relative.hasPrefix("assets/") {
                if let data = fileSystem.readFile(path) { assets[String(relative.dropFirst("assets/".count))] = data }
            } else if relative.hasSuffix(".mustache") {
                guard let data = fileSystem.readFile(path) else { continue }
                switch TextFile.decode(data, path: path) {
                case .failure(let diagnostic): diagnostics.append(diagnostic)
                case .success(let file): sources[String(relative.dropLast(".mustache".count))] = (file.text, path)
                }
            } else if !(relative.split(separator: "/").last ?? "").hasPrefix(".") {
                diagnostics.append(.warning(SourceLocation(path: path), "ignored: `templates/` holds `.mustache` files, an `assets/` folder and `strings/LANG.yaml` tables"))
            }
        }
        var library = TemplateLibrary()
        for name in sources.keys.sorted() {
            let (text, path) = sources[name]!
            do {
                try library.add(text, named: name)
            } catch {
                diagnostics.append(.error(SourceLocation(path: path, line: error.position.line, column: error.position.column),
                                          "template syntax: " + error.message))
            }
        }
        // A missing partial or layout would render as nothing: check every reference.
        // (A template with a syntax error is missing from the library but reported already.)
        for reference in library.missingReferences where sources[reference.name] == nil {
            let path = sources[reference.template]!.path
            diagnostics.append(.error(SourceLocation(path: path, line: reference.position.line, column: reference.position.column),
                "template `\(reference.name)` does not exist", suggestion: Suggestions.closest(to: reference.name, in: Array(sources.keys))))
        }
        for name in pageTemplates where sources[name] == nil {
            diagnostics.append(.error(SourceLocation(path: "templates/\(name).mustache"), "the page template `\(name)` is missing"))
        }
        let (tables, keys, stringProblems) = StringsLoader.themeTables(builtin: BuiltinTheme.strings, site: stringFiles)
        diagnostics += stringProblems
        // A misspelled `{{t.KEY}}` would render as nothing: check every one.
        for name in sources.keys.sorted() {
            diagnostics += StringLookups.check(sources[name]!.text, path: sources[name]!.path, keys: keys)
        }
        let english = StringsLoader.table(for: Language("en"), themeTables: tables, reference: keys, overrides: nil,
                                          languageLocation: SourceLocation(path: "content/site.yaml")).0
        return (Theme(library: library, assets: assets, stringTables: tables, stringKeys: keys, strings: english), diagnostics)
    }
}
