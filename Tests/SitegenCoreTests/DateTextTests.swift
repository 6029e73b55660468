import Testing
@testable import SitegenCore

private func date(_ text: String) -> PartialDate {
    PartialDate(parsing: text)!
}

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
        #expect(DateText.format(date(input), end: nil, approximate: false) == shown)
    }

    @Test("an approximate date is shown with c.")
    func approximate() {
        #expect(DateText.format(date("2021"), end: nil, approximate: true) == "c. 2021")
        #expect(DateText.format(date("2021-03"), end: nil, approximate: true) == "c. March 2021")
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
        #expect(DateText.format(date(start), end: date(end), approximate: false) == shown)
    }

    @Test("a span whose ends are equal is one date")
    func equalEnds() {
        #expect(DateText.format(date("2022-05-15"), end: date("2022-05-15"), approximate: false) == "15 May 2022")
    }

    @Test("an approximate span is shown with c.")
    func approximateSpan() {
        #expect(DateText.format(date("2022-05-15"), end: date("2022-05-16"), approximate: true) == "c. 15–16 May 2022")
    }

    @Test("a publication date is shown as a day")
    func publication() throws {
        let stamp = try #require(Timestamp(parsing: "2023-06-16T14:30Z"))
        #expect(DateText.format(stamp) == "16 June 2023")
        #expect(stamp.rfc3339 == "2023-06-16T14:30:00Z")
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
