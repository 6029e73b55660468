import Testing
@testable import SitegenCore

private func date(_ text: String) -> PartialDate {
    PartialDate(parsing: text)!
}

/// The built-in theme's words in `language`, as a site with that `language:` gets them.
func builtinStrings(_ language: String) -> StringTable {
    var (theme, _) = Theme.load(fileSystem: .inMemory([:]), pageTemplates: PageKind.all.map(\.template))
    _ = theme.useLanguage(language, overrides: nil, languageLocation: SourceLocation(path: "content/site.yaml"))
    return theme.strings
}

private let englishDates = DateText(strings: builtinStrings("en"))
private let frenchDates = DateText(strings: builtinStrings("fr"))

@Suite("Dates as readers see them")
struct DateTextTests {
    @Test("a date is shown at its precision", arguments: [
        ("2023-06-16", "16 June 2023"),
        ("2023-06", "June 2023"),
        ("2023", "2023"),
        ("2022-05-01", "1 May 2022"),
        ("2021-12", "December 2021"),
    ])
    func precision(input: String, shown: String) {
        #expect(englishDates.format(date(input), end: nil, approximate: false) == shown)
    }

    @Test("an approximate date is shown with c.")
    func approximate() {
        #expect(englishDates.format(date("2021"), end: nil, approximate: true) == "c. 2021")
        #expect(englishDates.format(date("2021-03"), end: nil, approximate: true) == "c. March 2021")
    }

    @Test("a span shows both ends, writing shared parts once", arguments: [
        ("2022-05-15", "2022-05-16", "15–16 May 2022"),
        ("2022-05-30", "2022-06-02", "30 May – 2 June 2022"),
        ("2022-05", "2022-06", "May–June 2022"),
        ("2021", "2023", "2021–2023"),
        ("2022-12-30", "2023-01-02", "30 December 2022 – 2 January 2023"),
        ("2022-12", "2023-01-05", "December 2022 – 5 January 2023"),
    ])
    func span(start: String, end: String, shown: String) {
        #expect(englishDates.format(date(start), end: date(end), approximate: false) == shown)
    }

    @Test("a span whose ends are equal is one date")
    func equalEnds() {
        #expect(englishDates.format(date("2022-05-15"), end: date("2022-05-15"), approximate: false) == "15 May 2022")
    }

    @Test("an approximate span is shown with c.")
    func approximateSpan() {
        #expect(englishDates.format(date("2022-05-15"), end: date("2022-05-16"), approximate: true) == "c. 15–16 May 2022")
    }

    @Test("a publication date is shown as a day")
    func publication() throws {
        let stamp = try #require(Timestamp(parsing: "2023-06-16T14:30Z"))
        #expect(englishDates.format(stamp) == "16 June 2023")
        #expect(stamp.rfc3339 == "2023-06-16T14:30:00Z")
    }

    @Test("French dates use French month names, 1er for the first day, and c. when approximate", arguments: [
        ("2022-05-15", nil, false, "15 mai 2022"),
        ("2023-06", nil, true, "c. juin 2023"),
        ("2022-05-01", nil, false, "1er mai 2022"),
        ("2022-08", nil, false, "août 2022"),
        ("2022-05-15", "2022-05-16", false, "15–16 mai 2022"),
        ("2022-05-30", "2022-06-02", false, "30 mai – 2 juin 2022"),
        ("2022-05", "2022-06", false, "mai–juin 2022"),
        ("2022-12", "2023-01-05", false, "décembre 2022 – 5 janvier 2023"),
    ] as [(String, String?, Bool, String)])
    func frenchDate(start: String, end: String?, approximate: Bool, shown: String) {
        #expect(frenchDates.format(date(start), end: end.map(date), approximate: approximate) == shown)
    }

    @Test("a relation's period reads by the precision of its date, in each language")
    func periods() {
        #expect(englishDates.period(since: date("2020-03"), until: nil) == "since March 2020")
        #expect(englishDates.period(since: nil, until: date("2022")) == "until 2022")
        #expect(englishDates.period(since: date("2019"), until: date("2021-05-02")) == "2019 – 2 May 2021")
        #expect(englishDates.period(since: nil, until: nil) == nil)
        #expect(frenchDates.period(since: date("2020-03-01"), until: nil) == "depuis le 1er mars 2020")
        #expect(frenchDates.period(since: nil, until: date("2022-05")) == "jusqu’en mai 2022")
        #expect(frenchDates.period(since: nil, until: date("2022-05-16")) == "jusqu’au 16 mai 2022")
    }

    @Test("a partial date sorts at the start of its period, coarser precision first on a tie")
    func ordering() {
        #expect(date("2022") < date("2022-01"))
        #expect(date("2022-01") < date("2022-01-01"))
        #expect(date("2022-01-01") < date("2022-01-02"))
        #expect(date("2021-12-31") < date("2022"))
        #expect(date("2022-06") < date("2022-06-15"))
        #expect(date("2022-05-31") < date("2022-06"))
    }
}
