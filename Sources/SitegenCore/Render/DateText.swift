/// Dates as readers see them: "16 June 2023", "June 2023", "2023", "c. 2021", "15–16 May 2022".
enum DateText {
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]

    /// A date at its own precision.
    static func format(_ date: PartialDate) -> String {
        switch (date.month, date.day) {
        case let (month?, day?): return "\(day) \(monthNames[month - 1]) \(date.year)"
        case let (month?, nil): return "\(monthNames[month - 1]) \(date.year)"
        default: return "\(date.year)"
        }
    }

    /// A date or span, with "c." when approximate. Shared parts are written once: "15–16 May 2022",
    /// "30 May – 2 June 2022", "May–June 2022".
    static func format(_ start: PartialDate, end: PartialDate?, approximate: Bool) -> String {
        var text: String
        if let end, end != start {
            if start.precision == end.precision, start.year == end.year {
                switch start.precision {
                case .day where start.month == end.month:
                    text = "\(start.day!)–\(end.day!) \(monthNames[start.month! - 1]) \(start.year)"
                case .day:
                    text = "\(start.day!) \(monthNames[start.month! - 1]) – \(format(end))"
                case .month:
                    text = "\(monthNames[start.month! - 1])–\(monthNames[end.month! - 1]) \(start.year)"
                case .year:
                    text = "\(start.year)"
                }
            } else if start.precision == .year && end.precision == .year {
                text = "\(start.year)–\(end.year)"
            } else {
                text = "\(format(start)) – \(format(end))"
            }
        } else {
            text = format(start)
        }
        return approximate ? "c. " + text : text
    }

    /// A publication date: "16 June 2023".
    static func format(_ stamp: Timestamp) -> String {
        format(stamp.date)
    }
}
