/// The orders pages are listed in (``Site/articleOrder``, ``Site/timeline``, …), sorted from the
/// loaded lists and each kind's ``Members`` before the entities go into the site's tables. Ties go
/// by ID: an entity's number within its kind, as IDs are numbered in order.
enum SiteOrders {
    /// The timeline: event IDs by date (coarser precision first), then ID; each event's position
    /// in it by its number among events; and the same positions by ID.
    struct Timeline: Sendable {
        var ids: [String] = []
        var positionOfNumber: [Int32] = []
        var position: [String: Int] = [:]
    }

    /// The other orders.
    struct Lists: Sendable {
        var articleOrder: [String] = []
        var actorOrder: [String] = []
        var noteOrder: [String] = []
        /// Each note's position in ``noteOrder`` by its number among notes.
        var notePositionOfNumber: [Int32] = []
        var notePosition: [String: Int] = [:]
        var pageOrder: [String] = []
    }

    /// The key a date sorts by in the timeline (``PartialDate/<``).
    static func timelineKey(_ date: PartialDate) -> (Int, Int, Int, Int) {
        (date.year, date.month ?? 1, date.day ?? 1, date.precision.rawValue)
    }

    /// The key an article's publication time sorts by: newest first.
    static func articleKey(_ published: Timestamp) -> (Int, Int, Int, Int, Int) {
        (-published.date.year, -(published.date.month ?? 1), -(published.date.day ?? 1), -published.date.precision.rawValue,
         -(published.secondsOfDay ?? 0))
    }

    /// The key an actor sorts by: its display name, case aside.
    static func actorKey(_ name: String) -> String { name.lowercased() }

    /// Whether a note with `left`'s order and title sorts before one with `right`'s, or nil when
    /// they tie (then the ID decides): by `order`, notes without one last, then by title, case aside.
    static func noteSortsBefore(_ left: (order: Int?, title: String), _ right: (order: Int?, title: String)) -> Bool? {
        switch (left.order, right.order) {
        case let (first?, second?) where first != second: return first < second
        case (.some, nil): return true
        case (nil, .some): return false
        default:
            let (first, second) = (left.title.lowercased(), right.title.lowercased())
            return first != second ? first < second : nil
        }
    }

    static func timeline(_ events: [Event], _ members: Members) -> Timeline {
        let keys = members.indices.map { timelineKey(events[$0].date) }
        let order = keys.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
        var timeline = Timeline()
        timeline.ids = order.map { members.ids[$0] }
        timeline.positionOfNumber = [Int32](repeating: 0, count: order.count)
        timeline.position.reserveCapacity(order.count)
        for (position, number) in order.enumerated() {
            timeline.positionOfNumber[number] = Int32(position)
            timeline.position[members.ids[number]] = position
        }
        return timeline
    }

    static func lists(_ raw: RawSite, articles: Members, actors: Members, notes: Members, pages: Members) -> Lists {
        var lists = Lists()
        lists.articleOrder = articleOrder(articles.indices.map { raw.articles[$0].published }, ids: articles.ids)
        lists.actorOrder = actorOrder(actors.indices.map { raw.actors[$0].name }, ids: actors.ids)

        let noteOrder = notes.indices.indices.sorted {
            let (left, right) = (raw.notes[notes.indices[$0]], raw.notes[notes.indices[$1]])
            return noteSortsBefore((left.order, left.title), (right.order, right.title)) ?? ($0 < $1)
        }
        lists.noteOrder = noteOrder.map { notes.ids[$0] }
        lists.notePositionOfNumber = [Int32](repeating: 0, count: noteOrder.count)
        lists.notePosition.reserveCapacity(noteOrder.count)
        for (position, number) in noteOrder.enumerated() {
            lists.notePositionOfNumber[number] = Int32(position)
            lists.notePosition[notes.ids[number]] = position
        }

        // The menu: pages with a `menu` position, by it, then by title and ID.
        let pageKeys = pages.indices.map { (raw.pages[$0].menu ?? .max, raw.pages[$0].title.lowercased()) }
        lists.pageOrder = pageKeys.indices.sorted {
            pageKeys[$0] != pageKeys[$1] ? pageKeys[$0] < pageKeys[$1] : $0 < $1
        }.map { pages.ids[$0] }
        return lists
    }

    /// Article IDs, newest first (then by ID), from each article's publication time and ID.
    static func articleOrder(_ published: [Timestamp], ids: [String]) -> [String] {
        let keys = published.map(articleKey)
        return keys.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : ids[$0] < ids[$1] }.map { ids[$0] }
    }

    /// Actor IDs by display name, case aside (then by ID), from each actor's name and ID.
    static func actorOrder(_ names: [String], ids: [String]) -> [String] {
        let keys = names.map(actorKey)
        return keys.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : ids[$0] < ids[$1] }.map { ids[$0] }
    }
}
