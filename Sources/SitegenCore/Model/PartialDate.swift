/// A calendar date known to a year, a month or a day: `2023`, `2023-06`, `2023-06-16`.
public struct PartialDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// How precisely a date is known.
    public enum Precision: Int, Sendable, Comparable {
        case year = 0, month, day
        public static func < (lhs: Precision, rhs: Precision) -> Bool { lhs.rawValue < rhs.rawValue }

        /// `year`, `month` or `day`.
        public var name: String {
            switch self {
            case .year: return "year"
            case .month: return "month"
            case .day: return "day"
            }
        }
    }

    public var year: Int
    /// 1-12, or nil when only the year is known.
    public var month: Int?
    /// 1-31, or nil when only the year or month is known.
    public var day: Int?

    /// The precision the date was written with.
    public var precision: Precision { day != nil ? .day : month != nil ? .month : .year }

    /// Creates a date; callers ensure the parts are valid.
    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = month == nil ? nil : day
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking that the day exists.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count),
              parts[0].count == 4, let year = Int(parts[0]) else { return nil }
        var month: Int?
        var day: Int?
        if parts.count >= 2 {
            guard parts[1].count == 2, let value = Int(parts[1]), (1...12).contains(value) else { return nil }
            month = value
        }
        if parts.count == 3 {
            guard parts[2].count == 2, let value = Int(parts[2]), let month,
                  (1...PartialDate.daysIn(month: month, year: year)).contains(value) else { return nil }
            day = value
        }
        self.init(year: year, month: month, day: day)
    }

    /// Days in a month of the Gregorian calendar.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The first day of the period, for ordering.
    public var start: (Int, Int, Int) { (year, month ?? 1, day ?? 1) }

    /// The last day of the period: `2022` ends on 31 December, `2022-02` on the 28th.
    public var last: (Int, Int, Int) {
        let lastMonth = month ?? 12
        return (year, lastMonth, day ?? PartialDate.daysIn(month: lastMonth, year: year))
    }

    /// ISO 8601 form as written: `2023`, `2023-06` or `2023-06-16`.
    public var description: String {
        var text = String(format4: year)
        if let month { text += "-" + String(format2: month) }
        if let day { text += "-" + String(format2: day) }
        return text
    }

    /// Timeline order: by start date, then coarser precision first.
    public static func < (lhs: PartialDate, rhs: PartialDate) -> Bool {
        if lhs.start != rhs.start { return lhs.start < rhs.start }
        return lhs.precision < rhs.precision
    }
}

/// A publication time: a day, with a UTC time when the editor gave one.
public struct Timestamp: Hashable, Sendable, Comparable {
    public var date: PartialDate
    /// Seconds after midnight UTC, when a time was given.
    public var secondsOfDay: Int?

    /// Parses `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]Z`.
    public init?(parsing text: String) {
        let pieces = text.split(separator: "T", maxSplits: 1).map(String.init)
        guard let date = PartialDate(parsing: pieces[0]), date.precision == .day else { return nil }
        self.date = date
        if pieces.count == 2 {
            var time = pieces[1]
            guard time.hasSuffix("Z") else { return nil }
            time.removeLast()
            let fields = time.split(separator: ":", omittingEmptySubsequences: false)
            guard (2...3).contains(fields.count), fields.allSatisfy({ $0.count == 2 }),
                  let hours = Int(fields[0]), let minutes = Int(fields[1]),
                  hours < 24, minutes < 60 else { return nil }
            let seconds = fields.count == 3 ? Int(fields[2]) : 0
            guard let seconds, seconds < 60 else { return nil }
            secondsOfDay = hours * 3600 + minutes * 60 + seconds
        }
    }

    /// RFC 3339 in UTC, as Atom wants: `2023-06-16T00:00:00Z`.
    public var rfc3339: String {
        let seconds = secondsOfDay ?? 0
        return "\(date)T\(String(format2: seconds / 3600)):\(String(format2: seconds / 60 % 60)):\(String(format2: seconds % 60))Z"
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        if lhs.date != rhs.date { return lhs.date < rhs.date }
        return (lhs.secondsOfDay ?? 0) < (rhs.secondsOfDay ?? 0)
    }
}

extension String {
    init(format2 value: Int) { self = value < 10 ? "0\(value)" : "\(value)" }
    init(format4 value: Int) {
        let text = "\(value)"
        self = String(repeating: "0", count: Swift.max(0, 4 - text.count)) + text
    }
}
