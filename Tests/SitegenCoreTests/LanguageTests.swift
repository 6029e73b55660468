import Foundation
import Testing
@testable import SitegenCore

/// The demo site, copied and set to `language`, built; records an issue if the build fails.
private func demoSite(in language: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> (TestSite, BuildReport) {
    let site = try TestSite(copying: demoSiteFolder)
    let settings = try String(contentsOf: site.root.appendingPathComponent("content/site.yaml"), encoding: .utf8)
    try site.write("content/site.yaml", settings.replacingOccurrences(of: "language: en", with: "language: \(language)"))
    let report = site.build()
    #expect(!report.failed, "the demo site does not build in \(language): \(report.diagnostics)", sourceLocation: sourceLocation)
    return (site, report)
}

/// The texts a reader meets on a page: text between tags (not in `<script>` or `<style>`), and the
/// values of `aria-label`, `title` and `alt` and of the page's description, entities decoded.
/// Each text is one entry, white space collapsed.
private func readerTexts(_ html: String) -> [String] {
    var texts: [String] = []
    func add(_ raw: Substring) {
        let text = decodeEntities(String(raw)).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if !text.isEmpty { texts.append(text) }
    }
    var rest = html[...]
    var skipping: String?
    while let open = rest.firstIndex(of: "<") {
        if skipping == nil { add(rest[..<open]) }
        guard let close = rest[open...].firstIndex(of: ">") else { break }
        let tag = rest[rest.index(after: open)..<close]
        let name = tag.prefix { $0.isLetter || $0 == "/" }.lowercased()
        if let current = skipping {
            if name == "/" + current { skipping = nil }
        } else if name == "script" || name == "style" {
            skipping = name
        } else {
            let isDescription = name == "meta" && ["name=\"description\"", "property=\"og:title\"", "property=\"og:description\""].contains { tag.contains($0) }
            for attribute in ["aria-label", "title", "alt"] + (isDescription ? ["content"] : []) {
                if let start = tag.range(of: " \(attribute)=\"") {
                    add(tag[start.upperBound...].prefix { $0 != "\"" })
                }
            }
        }
        rest = rest[rest.index(after: close)...]
    }
    add(rest)
    return texts
}

private func decodeEntities(_ text: String) -> String {
    guard text.contains("&") else { return text }
    return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
        .replacingOccurrences(of: "&#x27;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
}

/// Quotes and apostrophes folded, white space collapsed: to find a page's text in the files it comes from.
private func folded(_ text: String) -> String {
    String(text.map { "‘’".contains($0) ? "'" : "“”".contains($0) ? "\"" : $0 })
        .split(whereSeparator: \.isWhitespace).joined(separator: " ")
}

/// Whether the occurrences of `word` in a page's `text` are the editor's words: the word with the
/// two words around it on each side is in the content, or the whole text is a whole value there.
private func comesFromContent(_ word: String, in text: String, content: String) -> Bool {
    var tokens = text.split(separator: " ").map(String.init)
    // A summary cut short ends in a cut word: "… or an…".
    if tokens.last?.hasSuffix("…") == true { tokens.removeLast() }
    let wordTokens = word.split(separator: " ").count
    var start = 0
    var sawOne = false
    while start + wordTokens <= tokens.count {
        let candidate = tokens[start..<(start + wordTokens)].joined(separator: " ")
        if containsWord(candidate, word) {
            sawOne = true
            let window = tokens[max(0, start - 2)..<min(tokens.count, start + wordTokens + 2)].joined(separator: " ")
            let fromContent = window.split(separator: " ").count > wordTokens
                ? content.contains(folded(window))
                : content.split(separator: "\n").contains { line in
                    let value = line.drop { $0 == " " || $0 == "-" || $0 == "#" }
                    let afterKey = value.firstRange(of: ": ").map { value[$0.upperBound...] } ?? value
                    return afterKey.trimmingCharacters(in: CharacterSet(charactersIn: " \"'")) == folded(text)
                }
            if !fromContent { return false }
        }
        start += 1
    }
    return sawOne
}

/// Whether `word` occurs in `text` as a whole word (or phrase), case included.
private func containsWord(_ text: String, _ word: String) -> Bool {
    var rest = text[...]
    while let range = rest.range(of: word) {
        let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
        let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
        if !(before?.isLetter ?? false) && !(after?.isLetter ?? false) { return true }
        rest = text[range.upperBound...]
    }
    return false
}

/// The words of a text of the table, without its `{placeholders}`: "since {date}" → ["since"].
private func fragments(_ text: String) -> [String] {
    var pieces: [String] = []
    var current = ""
    var inPlaceholder = false
    for character in text {
        if character == "{" { inPlaceholder = true; pieces.append(current); current = "" }
        else if character == "}" { inPlaceholder = false }
        else if !inPlaceholder { current.append(character) }
    }
    pieces.append(current)
    return pieces.map { $0.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters)) }
        .filter { $0.filter(\.isLetter).count >= 2 }
}

/// Every text of a table: plain texts, each form of a plural, each item of a list.
private func texts(of entry: StringTable.Entry) -> [String] {
    switch entry {
    case .text(let text): return [text]
    case .plural(let forms): return forms.keys.sorted().map { forms[$0]! }
    case .list(let items): return items
    }
}

@Suite("The readers' language")
struct LanguageTests {
    @Test("a site in French shows no English word of the theme: the demo site, page by page")
    func frenchDemoSiteHasNoEnglishThemeWords() throws {
        let (site, _) = try demoSite(in: "fr")
        let english = builtinStrings("en"), french = builtinStrings("fr")
        // The English texts that French says otherwise, as words to look for.
        var words = Set<String>()
        for (key, entry) in english.entries {
            let frenchTexts = french.entries[key].map(texts(of:)) ?? []
            for text in texts(of: entry) where !frenchTexts.contains(text) {
                words.formUnion(fragments(text).filter { fragment in !frenchTexts.contains { containsWord($0, fragment) } })
            }
        }
        #expect(words.count > 80)
        #expect(words.isSuperset(of: ["Sources differ", "Timeline", "May", "since", "Verified against the source text"]))
        // The demo content is English; a text of the page that comes from it is not the theme's.
        let contentFolder = site.root.appendingPathComponent("content")
        let content = try listFiles(below: contentFolder).map {
            folded(try String(contentsOf: contentFolder.appendingPathComponent($0), encoding: .utf8))
        }.joined(separator: "\n")
        var pages = 0
        var found: [String] = []
        for path in site.outputFiles() where path.hasSuffix(".html") {
            pages += 1
            for text in readerTexts(try site.page(path)) {
                for word in words where containsWord(text, word) && !comesFromContent(word, in: text, content: content) {
                    found.append("\(path): “\(word)” in “\(text)”")
                }
            }
        }
        #expect(pages > 20)
        #expect(found.isEmpty, "English words of the theme on French pages:\n\(found.sorted().joined(separator: "\n"))")
    }

    @Test("French pages have French dates, labels and typography: « », and no-break spaces before : ; ? !")
    func frenchTypography() throws {
        let (site, _) = try demoSite(in: "fr")
        let norland = try site.page("actors/norland/index.html")
        #expect(norland.contains("<html lang=\"fr\" dir=\"ltr\">"))
        #expect(norland.contains("Nom complet\u{A0}: Republic of Norland"))
        let commission = try site.page("actors/meridian-river-commission/index.html")
        #expect(commission.contains("<span class=\"fact-quote\">«\u{A0}The river, 1,240 km long, rises in Norland\u{A0}»</span>"))
        #expect(commission.contains("Les sources divergent"))
        #expect(norland.contains(">Chronologie</a>"))
        let timeline = visibleText(try site.page("timeline/index.html"))
        #expect(timeline.contains("mai 2022"))
        #expect(!timeline.contains("May 2022"))
        let event = try site.page("events/westerra-withdraws/index.html")
        #expect(event.contains("Vérifiée dans le texte source"))
        let home = try site.page("index.html")
        #expect(home.contains("Toute la chronologie\u{A0}: 5 événements"))
    }

    @Test("dates reach templates in parts too, so a theme can write them its own way")
    func structuredDates() throws {
        let files = renderSite("""
            -- content/site.yaml --
            title: Parts
            language: fr
            -- content/events/all.yaml --
            - id: signing
              date: 2022-05-01
              end: 2022-05-03
              approximate: true
              title: Signing
              sources: [{article: wire, quote: "signed"}]
            -- content/articles/wire.md --
            ---
            title: Signed
            outlet: The Wire
            published: 2022-05-04
            ---
            It was signed.
            -- templates/partials/event-list.mustache --
            {{#events}}[{{date.year}}|{{date.month}}|{{date.day}}|{{date.monthName}}|{{date.precision}}|{{date.iso}}|{{#date.approximate}}approx{{/date.approximate}}|{{date.end.day}} {{date.end.monthName}}|{{date.text}}]{{/events}}
            """)
        let timeline = try #require(files["timeline/index.html"])
        #expect(timeline.contains("[2022|5|1|mai|day|2022-05-01|approx|3 mai|c. 1er–3 mai 2022]"))
    }

    @Test("content/strings.yaml changes any text of the theme, grouped or with a dotted key")
    func siteOverridesStrings() throws {
        let files = renderSite("""
            -- content/site.yaml --
            title: Overrides
            language: fr
            -- content/strings.yaml --
            nav:
              home: Une
            nav.timeline: Le fil
            home.timeline_link:
              one: "Le fil : {count} fait"
              other: "Le fil : {count} faits"
            dates:
              first_day: "1"
            -- content/events/all.yaml --
            - id: signing
              date: 2022-05-01
              title: Signing
              sources: [{article: wire, quote: "signed"}]
            -- content/articles/wire.md --
            ---
            title: Signed
            outlet: The Wire
            published: 2022-05-04
            ---
            It was signed.
            """)
        let home = try #require(files["index.html"])
        #expect(home.contains(">Une</a>"))
        #expect(home.contains(">Le fil</a>"))
        #expect(home.contains("Le fil\u{A0}: 1 fait"))
        #expect(visibleText(try #require(files["timeline/index.html"])).contains("1 mai 2022"))
    }

    @Test("an unknown key in content/strings.yaml is an error at its line and column, with the key it looks like")
    func unknownKeys() {
        let found = diagnostics(of: """
            -- content/strings.yaml --
            nav:
              hom: Start
            facts.difer: Disagree
            sidebar: Nope
            """)
        let problems = errors(found).map(\.description)
        #expect(problems.contains("content/strings.yaml:2:3: error: unknown string `nav.hom`: the theme has no such text; did you mean `nav.home`?"))
        #expect(problems.contains("content/strings.yaml:3:1: error: unknown string `facts.difer`: the theme has no such text; did you mean `facts.differ`?"))
        #expect(problems.contains { $0.hasPrefix("content/strings.yaml:4:1: error: unknown string `sidebar`") })
    }

    @Test("a text of content/strings.yaml must keep its shape and fill in only the values it is given")
    func wrongShapes() {
        let found = errors(diagnostics(of: """
            -- content/strings.yaml --
            timeline.description: "All of {sit}"
            home.timeline_link:
              one: "{count} event"
              several: "{count} events"
            dates.month_names: [Jan, Feb]
            nav.home: [Home, Start]
            facts.title:
            """)).map(\.description)
        #expect(found.contains("content/strings.yaml:1:23: error: `{sit}` is not filled in: `timeline.description` takes `{site}`; did you mean `{site}`?"))
        #expect(found.contains { $0.hasPrefix("content/strings.yaml:4:3: error: `several` is not a plural form of `home.timeline_link`") })
        #expect(found.contains { $0.hasPrefix("content/strings.yaml:5:21: error: `dates.month_names` must list 12 texts") })
        #expect(found.contains("content/strings.yaml:6:12: error: `nav.home` must be one text, not a list"))
        #expect(found.contains { $0.hasPrefix("content/strings.yaml:7:13:") && $0.contains("`facts.title` has no text") })
        #expect(found.count == 5, "\(found)")
    }

    @Test("a template that looks up a text the theme does not have is an error at its line and column")
    func unknownLookupInTemplate() {
        let found = errors(diagnostics(of: """
            -- templates/partials/sources.mustache --
            <h2>{{t.sources.title}}</h2>
            <p>{{t.sources.titel}}</p>{{#t.kinds}}{{/t.kinds}}{{uppercased(t.nav.hom)}}
            """)).map(\.description)
        #expect(found == [
            "templates/partials/sources.mustache:2:6: error: unknown string `t.sources.titel`: the theme's tables (templates/strings/) have no such text; did you mean `t.sources.title`?",
            "templates/partials/sources.mustache:2:64: error: unknown string `t.nav.hom`: the theme's tables (templates/strings/) have no such text; did you mean `t.nav.home`?",
        ])
    }

    @Test("a theme can add its own texts in templates/strings/, in English and in other languages")
    func themeAddsStrings() throws {
        let files = renderSite("""
            -- content/site.yaml --
            title: Themed
            language: fr-CA
            -- templates/strings/en.yaml --
            footer_note: Made with care
            -- templates/strings/fr.yaml --
            footer_note: Fait avec soin
            -- templates/partials/sources.mustache --
            <p class="note">{{t.footer_note}} – {{t.nav.home}}</p>
            """)
        #expect(try #require(files["index.html"]).contains("<p class=\"note\">Fait avec soin – Accueil</p>"))
    }

    @Test("a language the theme has no words for falls back to English, with a warning at `language:`")
    func missingLanguage() {
        let found = warnings(diagnostics(of: """
            -- content/site.yaml --
            title: Portuguese
            language: pt
            """)).map(\.description)
        #expect(found.contains { $0.hasPrefix("content/site.yaml:2:11: warning: the theme has no strings in `pt`: ") && $0.contains("shown in English") })
        // A site that gives every text itself is not warned.
        let french = warnings(diagnostics(of: """
            -- content/site.yaml --
            title: French
            language: fr
            """))
        #expect(french.isEmpty)
    }

    @Test("Arabic pages are written right to left")
    func rightToLeft() throws {
        let files = renderSite("""
            -- content/site.yaml --
            title: موقع
            language: ar
            -- content/strings.yaml --
            nav.home: الرئيسية
            """)
        let home = try #require(files["index.html"])
        #expect(home.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(home.contains(">الرئيسية</a>"))
        // Citation marks inside the editor's Markdown are labelled in the site's words.
        let cited = renderSite("""
            -- content/site.yaml --
            title: موقع
            language: ar
            -- content/strings.yaml --
            sources.source: المصدر
            -- content/index.md --
            نص [@wire].
            -- content/articles/wire.md --
            ---
            title: Signed
            outlet: The Wire
            published: 2022-05-04
            ---
            It was signed.
            """)
        #expect(try #require(cited["index.html"]).contains("<a href=\"#source_1\" aria-label=\"المصدر 1\">1</a>"))
        #expect(Language("ar").isRightToLeft && Language("he-IL").isRightToLeft && Language("az-Arab").isRightToLeft)
        #expect(!Language("fr").isRightToLeft && !Language("ku-Latn").isRightToLeft)
    }

    @Test("plural forms follow each language's rules", arguments: [
        ("en", 0, PluralCategory.other), ("en", 1, .one), ("en", 2, .other),
        ("fr", 0, .one), ("fr", 1, .one), ("fr", 2, .other),
        ("ar", 0, .zero), ("ar", 2, .two), ("ar", 3, .few), ("ar", 11, .many), ("ar", 100, .other),
        ("ru", 21, .one), ("ru", 22, .few), ("ru", 25, .many), ("ja", 1, .other),
    ])
    func pluralRules(language: String, count: Int, category: PluralCategory) {
        #expect(Language(language).pluralCategory(of: count) == category)
    }

    @Test("the theme ships English and French with the same keys, shapes and values to fill in")
    func shippedTablesAreComplete() throws {
        #expect(Set(BuiltinTheme.strings.keys) == ["en", "fr"])
        let (tables, reference, problems) = StringsLoader.themeTables(builtin: BuiltinTheme.strings, site: [])
        #expect(problems.isEmpty, "\(problems)")
        for (language, files) in tables {
            let entries = try #require(files.first).entries
            #expect(Set(entries.keys) == Set(reference.entries.keys), "\(language): keys differ from English")
            for (key, english) in reference.entries {
                let placeholders = Set(texts(of: english).flatMap(StringTable.placeholders(in:)))
                let translated = try #require(entries[key]?.entry, "\(language) has no `\(key)`")
                switch (english, translated) {
                case (.text, .text), (.plural, .plural): break
                case (.list(let a), .list(let b)): #expect(a.count == b.count, "\(language): \(key)")
                default: Issue.record("\(language): `\(key)` has another shape than in English")
                }
                #expect(Set(texts(of: translated).flatMap(StringTable.placeholders(in:))) == placeholders, "\(language): \(key)")
            }
        }
    }

    @Test("counts group their digits as the language does: 10,000 in English, 10 000 in French")
    func numbers() {
        #expect(builtinStrings("en").plural("home.timeline_link", count: 12_345) == "The whole timeline: 12,345 events")
        #expect(builtinStrings("fr").plural("home.timeline_link", count: 12_345) == "Toute la chronologie\u{A0}: 12\u{202F}345 événements")
        #expect(builtinStrings("en").number(999) == "999")
        #expect(builtinStrings("en").number(1_000_000) == "1,000,000")
    }

    @Test("French spacing: no-break spaces before : ; ? ! and inside « », nothing else changed")
    func frenchSpacing() {
        let french = Language("fr")
        #expect(Typography.apply("Nom complet : « oui » ; vraiment ? non !", language: french)
                == "Nom complet\u{A0}: «\u{A0}oui\u{A0}»\u{202F}; vraiment\u{202F}? non\u{202F}!")
        #expect(Typography.apply("Full name : yes", language: Language("en")) == "Full name : yes")
    }

    @Test("a site in English still reads as before: labels, kinds, relations, dates")
    func englishUnchanged() throws {
        let (site, _) = try demoSite(in: "en")
        let norland = visibleText(try site.page("actors/norland/index.html"))
        #expect(norland.contains("Full name: Republic of Norland"))
        #expect(try site.page("actors/westerra/index.html").contains("Also called: the Westerran government"))
        #expect(visibleText(try site.page("actors/index.html")).contains("People"))
        #expect(try site.page("404.html").contains("<h1>Page not found</h1>"))
    }
}
