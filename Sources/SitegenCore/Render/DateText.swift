import Synchronization

/// Dates as readers see them, in the words of the site's language (`dates.*` and `periods.*` of
/// its table of strings): "16 June 2023", "June 2023", "2023", "c. 2021", "15–16 May 2022";
/// "15 mai 2022", "c. juin 2023".
struct DateText {
    let strings: StringTable
    /// `dates.month_names` and `dates.first_day`, looked up once: a large site formats a
    /// million dates.
    private let monthNames: [String]
    private let firstDay: String
    /// The dates and spans written so far: a large site shows each of its few thousand distinct
    /// dates hundreds of times (an event's date on its page, the timeline, each actor's list).
    /// Each render thread has its own ``PageBuilder`` and so its own ``DateText``: the lock is
    /// never waited for in a build, and makes a shared one safe.
    private let written = WrittenDates()

    private final class WrittenDates: Sendable {
        struct Key: Hashable {
            var start: PartialDate
            var end: PartialDate?
            var approximate: Bool
        }
        let texts = Mutex<[Key: String]>([:])
    }

    /// Dates in the words of `strings`.
    init(strings: StringTable) {
        self.strings = strings
        monthNames = strings.list("dates.month_names")
        firstDay = strings.text("dates.first_day")
    }

    /// The name of a month, 1-12.
    func monthName(_ month: Int) -> String {
        monthNames.indices.contains(month - 1) ? monthNames[month - 1] : String(format2: month)
    }

    /// A day of the month as written: "1er" in French for the first.
    func day(_ day: Int) -> String {
        day == 1 ? firstDay : "\(day)"
    }

    /// A date at its own precision.
    func format(_ date: PartialDate) -> String {
        format(date, end: nil, approximate: false)
    }

    /// ``format(_:)`` without the memory of dates written.
    private func plain(_ date: PartialDate) -> String {
        let year = String(format4: date.year)
        switch (date.month, date.day) {
        case let (month?, day?): return strings.text("dates.day") { $0 == "day" ? self.day(day) : $0 == "month" ? monthName(month) : $0 == "year" ? year : nil }
        case let (month?, nil): return strings.text("dates.month") { $0 == "month" ? monthName(month) : $0 == "year" ? year : nil }
        default: return strings.text("dates.year") { $0 == "year" ? year : nil }
        }
    }

    /// A date or span, approximate or not. Shared parts are written once: "15–16 May 2022",
    /// "30 May – 2 June 2022", "May–June 2022".
    func format(_ start: PartialDate, end: PartialDate?, approximate: Bool) -> String {
        let key = WrittenDates.Key(start: start, end: end, approximate: approximate)
        if let text = written.texts.withLock({ $0[key] }) { return text }
        let text = write(start, end: end, approximate: approximate)
        written.texts.withLock { $0[key] = text }
        return text
    }

    private func write(_ start: PartialDate, end: PartialDate?, approximate: Bool) -> String {
        var text: String
        if let end, end != start {
            if start.precision == end.precision, start.year == end.year {
                let year = String(format4: start.year)
                switch start.precision {
                case .day where start.month == end.month:
                    text = strings.text("dates.range_days", ["start_day": day(start.day!), "end_day": day(end.day!),
                                                             "month": monthName(start.month!), "year": year])
                case .day:
                    text = strings.text("dates.range_days_months", ["start_day": day(start.day!), "start_month": monthName(start.month!),
                                                                    "end": plain(end)])
                case .month:
                    text = strings.text("dates.range_months", ["start_month": monthName(start.month!), "end_month": monthName(end.month!),
                                                               "year": year])
                case .year:
                    text = plain(start)
                }
            } else if start.precision == .year && end.precision == .year {
                text = strings.text("dates.range_years", ["start_year": String(format4: start.year), "end_year": String(format4: end.year)])
            } else {
                text = strings.text("dates.range", ["start": plain(start), "end": plain(end)])
            }
        } else {
            text = plain(start)
        }
        return approximate ? strings.text("dates.approximate") { $0 == "date" ? text : nil } : text
    }

    /// A publication date: "16 June 2023".
    func format(_ stamp: Timestamp) -> String {
        format(stamp.date, end: nil, approximate: false)
    }

    /// How long a relation held: "since March 2020", "until 2022", "2019 – 2 May 2021"; nil
    /// without dates.
    func period(since: PartialDate?, until: PartialDate?) -> String? {
        switch (since, until) {
        case let (since?, until?): return strings.text("periods.between", ["start": format(since), "end": format(until)])
        case let (since?, nil): return strings.text("periods.since.\(since.precision.name)", ["date": format(since)])
        case let (nil, until?): return strings.text("periods.until.\(until.precision.name)", ["date": format(until)])
        default: return nil
        }
    }
}
