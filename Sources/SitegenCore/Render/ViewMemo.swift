import Synchronization

/// Pieces of views that a page builder makes again and again with the same result, kept once
/// made: a large site shows each actor's link on thousands of pages, each of its few thousand
/// distinct dates hundreds of times, each article's "outlet, date" line on every page that lists it.
///
/// Only what stays small on the largest sites is kept: one entry per distinct date, per actor,
/// per outlet and date, per path to the root, and per article a few fields it shares with the
/// site (about 10 MB per render thread at 100,000 articles). Not one view per event, which at
/// 100,000 articles (500,000 events) would hold hundreds of megabytes per render thread.
///
/// Each render thread of a build has its own ``PageBuilder`` (``Array/parallelMap(parallel:makingContext:_:)``
/// hands a finished chunk's builder to the next chunk) and so its own memo: the locks are never
/// waited for. The threads re-rendering pages after an edit share one (``BuildSession``), kept
/// from one update to the next: an update first forgets what shows an entity whose value changed
/// (``forget(_:)``), and what is left is what the pages of the site now on disk show. The locks
/// are held for a lookup only.
///
/// A memo made with `keepsTimelineEntries` also keeps the timeline's entries (``RootMemo/timelineEntry(_:valid:_:)``):
/// an actor's rename renders the 170 pages of a 50,000-event timeline again, and all but its
/// own events' entries are then the ones the last update made.
final class ViewMemo: Sendable {
    /// Whether the timeline's entries are kept (``BuildSession``), not only made.
    let keepsTimelineEntries: Bool

    /// A memo that keeps the timeline's entries when `keepsTimelineEntries` (for a memo that
    /// lives from one update to the next; a cold build makes each entry once).
    init(keepsTimelineEntries: Bool = false) {
        self.keepsTimelineEntries = keepsTimelineEntries
    }

    /// The date views made so far, by what they show.
    private let dates = Mutex<[DateKey: DateView]>([:])
    /// Article details ("Le Monde, 3 May 2023") by outlet and publication date.
    private let details = Mutex<[DetailKey: String]>([:])
    /// What lists show of each article, by ID; nil for an article that is not on the site.
    private let articles = Mutex<[String: ArticleCard?]>([:])
    /// What depends on the page's path to the root only, by that path (`../../`).
    private let roots = Mutex<[String: RootMemo]>([:])

    struct DateKey: Hashable {
        var start: PartialDate
        var end: PartialDate?
        var approximate: Bool

        /// One number for the whole key (equal keys give equal numbers): hashing it is one step
        /// where the fields would be eight, and a timeline page asks for hundreds of dates.
        func hash(into hasher: inout Hasher) {
            func packed(_ date: PartialDate) -> UInt64 {
                UInt64(truncatingIfNeeded: date.year) << 9 | UInt64(truncatingIfNeeded: date.month ?? 0) << 5 | UInt64(truncatingIfNeeded: date.day ?? 0)
            }
            hasher.combine(packed(start) &* 0x9E37_79B9_7F4A_7C15 ^ (end.map(packed) ?? 0) << 1 ^ (approximate ? 1 : 0))
        }
    }

    /// What lists, sources and quotes show of an article: reading them from the site's
    /// dictionary copies the whole article (its body, references and citations) each time.
    /// A class: handing out the card retains one object, not each of its strings.
    final class ArticleCard: Sendable {
        let title: String
        let outlet: String
        /// Its publication date as quotes and sources show it, made with the card: not looked
        /// up again for each of the pages that show it.
        let date: DateView
        /// Its address on the outlet's site (`url:`).
        let originalURL: String?
        /// Whether its quotes were checked against a source text (`source:` or `same_as:`).
        let verified: Bool
        /// "Le Monde, 3 May 2023", the line of detail under its link.
        let detail: String

        init(title: String, outlet: String, date: DateView, originalURL: String?, verified: Bool, detail: String) {
            self.title = title
            self.outlet = outlet
            self.date = date
            self.originalURL = originalURL
            self.verified = verified
            self.detail = detail
        }
    }

    struct DetailKey: Hashable {
        var outlet: String
        var date: PartialDate
    }

    /// The view of a date, made by `make` the first time.
    func date(_ key: DateKey, _ make: () -> DateView) -> DateView {
        if let known = dates.withLock({ $0[key] }) { return known }
        let view = make()
        dates.withLock { $0[key] = view }
        return view
    }

    /// An article's line of detail, made by `make` the first time.
    func detail(_ key: DetailKey, _ make: () -> String) -> String {
        if let known = details.withLock({ $0[key] }) { return known }
        let text = make()
        details.withLock { $0[key] = text }
        return text
    }

    /// What lists show of article `id`, made by `make` the first time.
    func article(_ id: String, _ make: () -> ArticleCard?) -> ArticleCard? {
        if let known = articles.withLock({ $0[id] }) { return known }
        let card = make()
        articles.withLock { $0[id] = .some(card) }
        return card
    }

    /// Forgets what shows an entity of `changed` (its value changed, or it was added or removed):
    /// its article card, its actor link, the timeline entries of an event among them or of an
    /// event that names an actor among them; and the layout of each depth (it shows the menu,
    /// whose standalone pages may be among them). Dates and details show their keys only.
    func forget(_ changed: Set<Ref>) {
        articles.withLock { articles in
            for ref in changed where ref.kind == .article { articles[ref.id] = nil }
        }
        for memo in roots.withLock({ Array($0.values) }) { memo.forget(changed) }
    }

    /// The memo of pages whose path to the root is `root`.
    func root(_ root: String) -> RootMemo {
        roots.withLock { roots in
            if let known = roots[root] { return known }
            let memo = RootMemo()
            roots[root] = memo
            return memo
        }
    }
}

/// Pieces of views that depend on what they show and on the page's path to the root (its links
/// are relative), for the pages at one depth.
final class RootMemo: Sendable {
    /// Actors' link items (name, link, role), by actor ID; nil for an actor that is not on the site.
    private let actors = Mutex<[String: LinkItem?]>([:])
    /// The section links and asset paths of ``PageView``, made once.
    private let layout = Mutex<Layout?>(nil)

    struct Layout {
        var assets: [String: String]
        var links: [String: String]
        var sectionURLs: [String]
    }

    /// The timeline's entries made so far, with what they show (``TimelineEntries``).
    private let timeline = Mutex(TimelineEntries())

    /// An event's entry on a timeline page, with what it shows besides the event's own value.
    final class TimelineEntry: Sendable {
        let item: EventItem
        /// The actors the event names (as written, shown or not: one added shows).
        let actors: [String]
        /// The articles its summary cites, each with its number on the page it was made for.
        let citations: [(article: String, number: Int?)]

        init(item: EventItem, actors: [String], citations: [(article: String, number: Int?)]) {
            self.item = item
            self.actors = actors
            self.citations = citations
        }
    }

    /// The entries kept, by event, and the events that name each actor.
    struct TimelineEntries {
        var byEvent: [String: TimelineEntry] = [:]
        var eventsByActor: [String: Set<String>] = [:]

        /// At most this many entries are kept (a 100,000-article site's timeline holds 500,000
        /// events): later ones are made each time, as without a memo.
        static let limit = 100_000

        mutating func remove(_ event: String) {
            guard let entry = byEvent.removeValue(forKey: event) else { return }
            for actor in entry.actors { eventsByActor[actor]?.remove(event) }
        }
    }

    /// The entry of `event` made by `make`, or the one kept, when `valid` says it shows what the
    /// page would (its citations' numbers are those of this page).
    func timelineEntry(_ event: String, valid: (TimelineEntry) -> Bool, _ make: () -> TimelineEntry) -> EventItem {
        if let known = timeline.withLock({ $0.byEvent[event] }), valid(known) { return known.item }
        let entry = make()
        timeline.withLock { entries in
            entries.remove(event)
            guard entries.byEvent.count < TimelineEntries.limit else { return }
            entries.byEvent[event] = entry
            for actor in entry.actors { entries.eventsByActor[actor, default: []].insert(event) }
        }
        return entry.item
    }

    /// Forgets what shows an entity of `changed` (``ViewMemo/forget(_:)``).
    func forget(_ changed: Set<Ref>) {
        actors.withLock { actors in
            for ref in changed where ref.kind == .actor { actors[ref.id] = nil }
        }
        layout.withLock { $0 = nil }
        timeline.withLock { entries in
            for ref in changed {
                switch ref.kind {
                case .event: entries.remove(ref.id)
                case .actor: for event in entries.eventsByActor[ref.id] ?? [] { entries.remove(event) }
                case .article, .note, .page: break
                }
            }
        }
    }

    /// The link item of an actor, made by `make` the first time.
    func actor(_ id: String, _ make: () -> LinkItem?) -> LinkItem? {
        if let known = actors.withLock({ $0[id] }) { return known }
        let item = make()
        actors.withLock { $0[id] = .some(item) }
        return item
    }

    /// The layout's links from these pages, made by `make` the first time.
    func layout(_ make: () -> Layout) -> Layout {
        if let known = layout.withLock({ $0 }) { return known }
        let made = make()
        layout.withLock { $0 = made }
        return made
    }
}
