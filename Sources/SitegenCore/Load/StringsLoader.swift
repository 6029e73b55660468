/// Reads tables of strings — the theme's `templates/strings/LANG.yaml` and a site's
/// `content/strings.yaml` — and makes the ``StringTable`` of a site's language.
///
/// A table is YAML: groups of keys (`nav:` then `home: Home`), or dotted keys (`nav.home: Home`).
/// A value is a text, a list of texts (`month_names`), or a plural: a mapping of CLDR categories
/// (`one:`, `other:`...). The English table of the theme is the reference: it names every key and
/// the `{placeholders}` each text may use.
public enum StringsLoader {
    /// Parses a table. Without a reference, each value's shape is taken as written (the theme's
    /// own tables); with one, every key must be one of the reference's, with its shape and its
    /// placeholders (a site's `content/strings.yaml`, the theme's other languages).
    static func parse(_ file: TextFile, reference: StringKeys?) -> (StringsFile, [Diagnostic]) {
        var table = StringsFile(path: file.path, entries: [:])
        var diagnostics: [Diagnostic] = []
        let root: YAMLNode
        switch YAMLNode.parse(file.text, path: file.path) {
        case .failure(let diagnostic): return (table, [diagnostic])
        case .success(nil): return (table, [])
        case .success(let node?): root = node
        }

        func walk(_ node: YAMLNode, prefix: String) {
            guard case .mapping(let pairs) = node.value else {
                let what = prefix.isEmpty ? "a table of strings" : "`\(prefix)`, a group of strings,"
                diagnostics.append(.error(node.location, "expected \(what) as `key: text` lines, found \(node.shapeName)"))
                return
            }
            for (key, keyLocation, value) in pairs {
                let path = prefix.isEmpty ? key : prefix + "." + key
                if let reference {
                    if reference.groups.contains(path) {
                        walk(value, prefix: path)
                    } else if let expected = reference.entries[path] {
                        if let entry = read(value, path: path, expected: expected) { table.entries[path] = (entry, value.location) }
                    } else {
                        diagnostics.append(unknownKey(path, at: keyLocation, reference: reference))
                    }
                } else if case .mapping(let forms) = value.value, !forms.isEmpty,
                          forms.allSatisfy({ PluralCategory(rawValue: $0.key) != nil }) {
                    if let entry = read(value, path: path, expected: .plural([:])) { table.entries[path] = (entry, value.location) }
                } else if case .mapping = value.value {
                    walk(value, prefix: path)
                } else if case .sequence = value.value {
                    if let entry = read(value, path: path, expected: .list([])) { table.entries[path] = (entry, value.location) }
                } else if let entry = read(value, path: path, expected: .text("")) {
                    table.entries[path] = (entry, value.location)
                }
            }
        }

        /// The value of `path`, in the shape of `expected`; nil after reporting a problem.
        func read(_ node: YAMLNode, path: String, expected: StringTable.Entry) -> StringTable.Entry? {
            switch (expected, node.value) {
            case (_, .scalar(_, isNull: true)):
                diagnostics.append(.error(node.location, "`\(path)` has no text: write `\"\"` to show nothing"))
                return nil
            case (.text(let reference), .scalar(let text, _)):
                return checked(.text(text), path: path, at: node.location, allowed: StringTable.placeholders(in: reference), strict: reference != "")
            case (.plural(let reference), .scalar(let text, _)):
                // One text for every number.
                let allowed = reference.values.flatMap(StringTable.placeholders(in:)) + ["count"]
                return checked(.plural([.other: text]), path: path, at: node.location, allowed: allowed, strict: !reference.isEmpty)
            case (.plural(let reference), .mapping(let pairs)):
                var forms: [PluralCategory: String] = [:]
                var ok = true
                for (key, keyLocation, value) in pairs {
                    guard let category = PluralCategory(rawValue: key) else {
                        diagnostics.append(.error(keyLocation, "`\(key)` is not a plural form of `\(path)`: use `zero`, `one`, `two`, `few`, `many` or `other`",
                                                  suggestion: Suggestions.closest(to: key, in: PluralCategory.allCases.map(\.rawValue))))
                        ok = false
                        continue
                    }
                    guard let text = value.string else {
                        diagnostics.append(.error(value.location, "`\(path).\(key)` must be one text"))
                        ok = false
                        continue
                    }
                    forms[category] = text
                }
                guard ok else { return nil }
                guard forms[.other] != nil else {
                    diagnostics.append(.error(node.location, "`\(path)` is a plural and needs an `other:` form (the form for most numbers)"))
                    return nil
                }
                let allowed = reference.values.flatMap(StringTable.placeholders(in:)) + ["count"]
                return checked(.plural(forms), path: path, at: node.location, allowed: allowed, strict: !reference.isEmpty)
            case (.list(let reference), .sequence(let items)):
                var texts: [String] = []
                for item in items {
                    guard let text = item.string else {
                        diagnostics.append(.error(item.location, "each entry of `\(path)` must be one text"))
                        return nil
                    }
                    texts.append(text)
                }
                if !reference.isEmpty, texts.count != reference.count {
                    diagnostics.append(.error(node.location, "`\(path)` must list \(reference.count) texts, like the theme's (\(reference.prefix(2).joined(separator: ", "))…); found \(texts.count)"))
                    return nil
                }
                return .list(texts)
            case (.text, _):
                diagnostics.append(.error(node.location, "`\(path)` must be one text, not \(node.shapeName)"))
            case (.plural, _):
                diagnostics.append(.error(node.location, "`\(path)` must be a text, or a plural (`one:` and `other:` lines), not \(node.shapeName)"))
            case (.list, _):
                diagnostics.append(.error(node.location, "`\(path)` must be a list of texts (`[a, b, c]`), not \(node.shapeName)"))
            }
            return nil
        }

        /// `entry` when its placeholders are among `allowed` (checked only when `strict`).
        func checked(_ entry: StringTable.Entry, path: String, at location: SourceLocation, allowed: [String], strict: Bool) -> StringTable.Entry? {
            guard strict else { return entry }
            let texts: [String]
            switch entry {
            case .text(let text): texts = [text]
            case .plural(let forms): texts = Array(forms.values)
            case .list: return entry
            }
            var ok = true
            for name in Set(texts.flatMap(StringTable.placeholders(in:))).sorted() where !allowed.contains(name) {
                let known = Array(Set(allowed)).sorted()
                let message = known.isEmpty
                    ? "`{\(name)}` is not filled in: `\(path)` takes no values"
                    : "`{\(name)}` is not filled in: `\(path)` takes " + known.map { "`{\($0)}`" }.joined(separator: ", ")
                diagnostics.append(.error(location, message, suggestion: Suggestions.closest(to: name, in: known).map { "{\($0)}" }))
                ok = false
            }
            return ok ? entry : nil
        }

        walk(root, prefix: "")
        return (table, diagnostics)
    }

    /// An unknown key, with the closest key of the reference (or of its group).
    static func unknownKey(_ path: String, at location: SourceLocation, reference: StringKeys) -> Diagnostic {
        let candidates = Array(reference.entries.keys) + Array(reference.groups)
        var suggestion = Suggestions.closest(to: path, in: candidates)
        if suggestion == nil, let dot = path.lastIndex(of: ".") {
            // A misspelled last part: `nav.hom` → `nav.home`.
            let group = String(path[..<dot])
            let siblings = reference.entries.keys.filter { $0.hasPrefix(group + ".") }
            suggestion = Suggestions.closest(to: path, in: siblings)
        }
        return .error(location, "unknown string `\(path)`: the theme has no such text", suggestion: suggestion)
    }

    /// The theme's tables by language tag (lowercased): the built-in table, then the site's own
    /// `templates/strings/LANG.yaml` over it. Non-English tables are checked against English.
    static func themeTables(builtin: [String: String], site: [TextFile]) -> (tables: [String: [StringsFile]], reference: StringKeys, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var sources: [String: [TextFile]] = [:]
        for (tag, text) in builtin { sources[tag.lowercased(), default: []].append(TextFile(path: "(built-in theme) templates/strings/\(tag).yaml", text: text)) }
        for file in site.sorted(by: { $0.path < $1.path }) {
            let name = file.path.split(separator: "/").last.map(String.init) ?? ""
            sources[String(name.dropLast(".yaml".count)).lowercased(), default: []].append(file)
        }
        var tables: [String: [StringsFile]] = [:]
        var englishEntries: [String: StringTable.Entry] = [:]
        for file in sources["en"] ?? [] {
            let (table, found) = parse(file, reference: nil)
            diagnostics += found
            for (key, value) in table.entries { englishEntries[key] = value.entry }
            tables["en", default: []].append(table)
        }
        let reference = StringKeys(englishEntries)
        for tag in sources.keys.sorted() where tag != "en" {
            for file in sources[tag]! {
                let (table, found) = parse(file, reference: reference)
                diagnostics += found
                tables[tag, default: []].append(table)
            }
        }
        return (tables, reference, diagnostics)
    }

    /// The table of `language`: for each key of the reference, the site's `content/strings.yaml`
    /// text, else the theme's text in the language (`fr-CA`, then `fr`), else its English text.
    /// A warning at `languageLocation` counts the texts that stay in English for another language.
    static func table(for language: Language, themeTables: [String: [StringsFile]], reference: StringKeys,
                      overrides: TextFile?, languageLocation: SourceLocation) -> (StringTable, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var overridden: [String: StringTable.Entry] = [:]
        if let overrides {
            let (table, found) = parse(overrides, reference: reference)
            diagnostics += found
            for (key, value) in table.entries { overridden[key] = value.entry }
        }
        let chain = language.fallbacks.map { $0.lowercased() }
        var entries: [String: StringTable.Entry] = [:]
        var inEnglish = 0
        for key in reference.entries.keys {
            if let entry = overridden[key] {
                entries[key] = entry
                continue
            }
            for (index, tag) in chain.enumerated() {
                guard let entry = themeTables[tag]?.last(where: { $0.entries[key] != nil })?.entries[key]?.entry else { continue }
                entries[key] = entry
                if index == chain.count - 1 && language.primary != "en" { inEnglish += 1 }
                break
            }
        }
        if inEnglish > 0 {
            let message = themeTables[chain[0]] == nil && themeTables[language.primary] == nil
                ? "the theme has no strings in `\(language.tag)`: \(inEnglish) of its \(reference.entries.count) texts are shown in English; give them in content/strings.yaml (see docs/content-format.md)"
                : "\(inEnglish) of the theme's \(reference.entries.count) texts have no `\(language.tag)` version and are shown in English; give them in content/strings.yaml"
            diagnostics.append(.warning(languageLocation, message))
        }
        // French spacing and the like, for the theme's texts and the site's alike.
        for (key, entry) in entries {
            entries[key] = typeset(entry, language)
        }
        return (StringTable(language: language, entries: entries), diagnostics)
    }

    private static func typeset(_ entry: StringTable.Entry, _ language: Language) -> StringTable.Entry {
        switch entry {
        case .text(let text): return .text(Typography.apply(text, language: language))
        case .plural(let forms): return .plural(forms.mapValues { Typography.apply($0, language: language) })
        case .list(let items): return .list(items.map { Typography.apply($0, language: language) })
        }
    }
}
