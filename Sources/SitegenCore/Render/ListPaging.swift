/// Long lists split into pages of at most `list_limit` entries (``SiteConfig/listLimit``), so
/// that no page of a large site is too long to open on a phone.
///
/// A list's first page keeps the list's own address (`articles/`); the others are numbered
/// below it (`articles/page/2/`), as Hugo does. A folder `page/` under `articles/` cannot clash
/// with an article's page: an article `page` is `articles/page/index.html`, beside `articles/page/2/`.
enum ListPaging {
    /// `items` in pages of at most `limit`; one empty page for an empty list.
    static func pages<Item>(_ items: [Item], limit: Int) -> [ArraySlice<Item>] {
        guard !items.isEmpty else { return [items[...]] }
        return stride(from: 0, to: items.count, by: limit).map { items[$0..<min($0 + limit, items.count)] }
    }

    /// The ID of page `number` (from 1) among a list's pages: "" for the first, `page/N` for the others.
    static func pageID(_ number: Int) -> String {
        number == 1 ? "" : "page/\(number)"
    }

    /// The number of a page from its ID (``pageID(_:)``); 1 for an unknown ID.
    static func number(ofPage id: String) -> Int {
        guard id.hasPrefix("page/"), let number = Int(id.dropFirst(5)), number >= 1 else { return 1 }
        return number
    }

    /// The page IDs of a list of `count` entries.
    static func pageIDs(count: Int, limit: Int) -> [String] {
        (1...max(1, (count + limit - 1) / limit)).map(pageID)
    }

    /// The page numbers a navigation shows: the first, the last, and those near `current`; nil
    /// marks a gap ("1 … 4 5 6 … 20"), so the navigation stays small however long the list.
    static func window(current: Int, count: Int, around: Int = 2) -> [Int?] {
        var numbers: [Int?] = []
        for number in 1...max(1, count) where number == 1 || number == count || abs(number - current) <= around {
            if let last = numbers.last, let last, number > last + 1 { numbers.append(nil) }
            numbers.append(number)
        }
        return numbers
    }
}

/// The timeline split into periods, when it has more events than `list_limit`: a page per year,
/// a page per month for a year with more events than `list_limit`, and numbered pages for a
/// month that still has more. A timeline within the limit stays one page, `timeline/`.
///
/// The events of a split year that are dated only by the year stay on the year's page, below
/// the links to its months.
struct TimelinePaging: Sendable {
    /// One page of the timeline.
    struct Period: Sendable {
        /// Its ID below `timeline/`: `2023`, `2023/05`, `2023/05/page/2`.
        var id: String
        var year: Int
        /// The month, for a page of a split year's month; nil for a year's own page.
        var month: Int?
        /// Which page of the year or month, from 1.
        var part: Int
        /// The event IDs on the page, in timeline order.
        var events: [String]
    }

    /// Every page, in time order.
    let periods: [Period]
    /// The years split by month.
    let splitYears: Set<Int>
    /// The number of events of each year.
    let yearCounts: [Int: Int]
    /// Each period's index in ``periods``, by its ID.
    let periodIndex: [String: Int]
    /// The index in ``periods`` of each event's page.
    let eventPeriod: [String: Int]

    init(site: Site, limit: Int) {
        guard site.timeline.count > limit else {
            (periods, splitYears, yearCounts, periodIndex, eventPeriod) = ([], [], [:], [:], [:])
            return
        }
        var years: [(year: Int, events: [String])] = []
        for id in site.timeline {
            guard let event = site.events[id] else { continue }
            if years.last?.year == event.date.year {
                years[years.count - 1].events.append(id)
            } else {
                years.append((event.date.year, [id]))
            }
        }
        var periods: [Period] = []
        var split = Set<Int>()
        var counts: [Int: Int] = [:]
        for (year, events) in years {
            counts[year, default: 0] += events.count
            let made = Self.periods(ofYear: year, events, site: site, limit: limit)
            periods += made.periods
            if made.split { split.insert(year) }
        }
        self.periods = periods
        splitYears = split
        yearCounts = counts
        periodIndex = Dictionary(periods.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var eventPeriod: [String: Int] = [:]
        for (index, period) in periods.enumerated() {
            for id in period.events { eventPeriod[id] = index }
        }
        self.eventPeriod = eventPeriod
    }

    /// The pages of one year whose events are `events` (in timeline order), and whether the year is split by month.
    private static func periods(ofYear year: Int, _ events: [String], site: Site, limit: Int) -> (periods: [Period], split: Bool) {
        var periods: [Period] = []
        func add(_ base: String, month: Int?, _ events: [String]) {
            for (index, page) in ListPaging.pages(events, limit: limit).enumerated() {
                periods.append(Period(id: index == 0 ? base : base + "/" + ListPaging.pageID(index + 1), year: year, month: month,
                                      part: index + 1, events: Array(page)))
            }
        }
        let yearID = String(format4: year)
        guard events.count > limit else {
            add(yearID, month: nil, events)
            return (periods, false)
        }
        var byMonth: [Int: [String]] = [:]
        for id in events { byMonth[site.events[id]!.date.month ?? 0, default: []].append(id) }
        add(yearID, month: nil, byMonth[0] ?? [])
        for month in byMonth.keys.sorted() where month != 0 {
            add(yearID + "/" + String(format2: month), month: month, byMonth[month]!)
        }
        return (periods, true)
    }

    /// The paging of `site` made from `old`, the paging of the last site, when the only events
    /// that may have changed, moved, come or gone are `changed` (IDs), for ``BuildSession``: the
    /// periods are made year by year, so only the years those events were or are in are made
    /// again (reading a year's events, a run of the timeline), and the other periods and events
    /// keep their places. Nil when it cannot be made so: a timeline that is not split (or no
    /// longer), or a year whose number of pages changed (the later periods would move).
    init?(patching old: TimelinePaging, site: Site, limit: Int, changed: some Collection<String>) {
        guard old.isSplit, site.timeline.count > limit else { return nil }
        var years = Set<Int>()
        for id in changed {
            if let index = old.eventPeriod[id] { years.insert(old.periods[index].year) }
            if let year = site.events[id]?.date.year { years.insert(year) }
        }
        var (periods, splitYears, yearCounts) = (old.periods, old.splitYears, old.yearCounts)
        var (periodIndex, eventPeriod) = (old.periodIndex, old.eventPeriod)
        let timeline = site.timeline
        func yearOf(_ index: Int) -> Int { site.events[timeline[index]]!.date.year }
        var made: [(first: Int, periods: [Period])] = []
        for year in years.sorted() {
            // The year's pages (periods are in time order) and its events (the timeline is sorted by year first).
            let first = Self.firstIndex(in: periods.count) { periods[$0].year >= year }
            let end = Self.firstIndex(in: periods.count) { periods[$0].year > year }
            let events = Array(timeline[Self.firstIndex(in: timeline.count) { yearOf($0) >= year }..<Self.firstIndex(in: timeline.count) { yearOf($0) > year }])
            let paged = Self.periods(ofYear: year, events, site: site, limit: limit)
            guard !events.isEmpty, paged.periods.count == end - first else { return nil }
            made.append((first, paged.periods))
            yearCounts[year] = events.count
            if paged.split { splitYears.insert(year) } else { splitYears.remove(year) }
        }
        // The old pages of those years out of the tables, then the new ones in (an event may have moved from one year to another).
        for (first, new) in made {
            for period in periods[first..<first + new.count] {
                periodIndex[period.id] = nil
                for id in period.events { eventPeriod[id] = nil }
            }
        }
        for (first, new) in made {
            periods.replaceSubrange(first..<first + new.count, with: new)
            for (offset, period) in new.enumerated() {
                periodIndex[period.id] = first + offset
                for id in period.events { eventPeriod[id] = first + offset }
            }
        }
        (self.periods, self.splitYears, self.yearCounts, self.periodIndex, self.eventPeriod) = (periods, splitYears, yearCounts, periodIndex, eventPeriod)
    }

    /// The first index in `0..<count` for which `isAtOrPast` holds, which holds for every index after it.
    private static func firstIndex(in count: Int, where isAtOrPast: (Int) -> Bool) -> Int {
        var (low, high) = (0, count)
        while low < high {
            let middle = (low + high) / 2
            if isAtOrPast(middle) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// Whether the timeline is split into periods (else it is one page).
    var isSplit: Bool { !periods.isEmpty }

    /// The page IDs of the timeline: the whole timeline or the overview (empty ID), then every period.
    var pageIDs: [String] { [""] + periods.map(\.id) }
}

/// An actor's own lists, which its page cuts to `list_limit` entries when they are longer: the
/// events it takes part in, the notes about it or linking it, and the articles, actors and
/// standalone pages that reference it. A cut list continues on pages of its own below the actor's
/// (`actors/mali/events/`, `actors/mali/events/page/2/`), each of at most `list_limit` entries,
/// so that the whole list stays reachable.
struct ActorLists {
    /// One of an actor's lists.
    struct List {
        /// Its folder below the actor's: `events`, `notes`, `articles`, `actors`, `pages`.
        var name: String
        /// The kind of its entries.
        var kind: EntityKind
        /// Its entries, in the order the actor's page lists them.
        var ids: [String]
    }

    /// The lists, in the order of the actor's page (empty ones too).
    let lists: [List]

    init(_ actorID: String, in site: some SiteLookup) {
        lists = Self.names.compactMap { Self.list($0, of: actorID, in: site) }
    }

    /// The names of the lists, in the order of the actor's page.
    static let names = ["events", "notes"] + [EntityKind.article, .actor, .page].map(\.folder)

    /// The list called `name` of actor `actorID`, made alone (a page of one list needs not the others).
    static func list(_ name: String, of actorID: String, in site: some SiteLookup) -> List? {
        let ref = Ref(.actor, actorID)
        switch name {
        case "events": return List(name: name, kind: .event, ids: site.events(of: actorID) ?? [])
        case "notes":
            return List(name: name, kind: .note, ids: site.inNoteOrder(Array(Set((site.notes(about: ref) ?? []) + site.backlinks(to: ref, ofKind: .note)))))
        default:
            guard let kind = [EntityKind.article, .actor, .page].first(where: { $0.folder == name }) else { return nil }
            return List(name: name, kind: kind, ids: site.backlinks(to: ref, ofKind: kind))
        }
    }

    /// The list called `name`, if the actor has it.
    func list(_ name: String) -> List? {
        lists.first { $0.name == name }
    }

    /// The IDs (below `actors/`) of the pages of every actor's cut lists: `mali/events`,
    /// `mali/events/page/2`, …, actors in ``Site/actorOrder``.
    static func pageIDs(in site: Site) -> [String] {
        site.actorOrder.flatMap { pageIDs(of: $0, in: site) }
    }

    /// The IDs (below `actors/`) of the pages of `actor`'s cut lists: `mali/events`, `mali/events/page/2`, ….
    static func pageIDs(of actor: String, in site: Site) -> [String] {
        let limit = site.config.listLimit
        var ids: [String] = []
        for list in ActorLists(actor, in: site).lists where list.ids.count > limit {
            ids += ListPaging.pageIDs(count: list.ids.count, limit: limit).map {
                actor + "/" + list.name + ($0.isEmpty ? "" : "/" + $0)
            }
        }
        return ids
    }

    /// The actor, the list and the page (``ListPaging/pageID(_:)``) that a page ID of ``pageIDs(in:)`` names.
    static func parse(_ id: String) -> (actor: String, list: String, page: String) {
        let parts = id.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        return (parts[0], parts.count > 1 ? parts[1] : "", parts.count > 2 ? parts[2] : "")
    }
}
