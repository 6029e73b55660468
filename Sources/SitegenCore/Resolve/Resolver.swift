/// Checks every ID and reference of a loaded site and builds the linked, ordered ``Site``.
///
/// Pure: it reads only its input. Every unknown ID is reported at the place it is written,
/// with a "did you mean" when a close ID exists.
public struct Resolver: Sendable {
    /// Whether draft articles and notes are part of the build.
    public var includeDrafts: Bool
    /// Whether resolving uses every core (the site is the same either way).
    public var parallel: Bool

    /// Creates a resolver.
    public init(includeDrafts: Bool, parallel: Bool = true) {
        self.includeDrafts = includeDrafts
        self.parallel = parallel
    }

    /// Article IDs, newest first (then by ID): ``Site/articleOrder``.
    static func articleOrder(_ articles: EntityTable<Article>) -> [String] {
        // The keys alone are sorted: a copy of every article would be a large site's peak.
        SiteOrders.articleOrder(articles.values.map(\.published), ids: articles.values.map(\.id))
    }

    /// Actor IDs by display name (then by ID): ``Site/actorOrder``.
    static func actorOrder(_ actors: EntityTable<Actor>) -> [String] {
        SiteOrders.actorOrder(actors.values.map(\.name), ids: actors.values.map(\.id))
    }

    /// Resolves `raw` into a site, with every problem found.
    public func resolve(_ raw: RawSite) -> (Site, [Diagnostic]) {
        var copy = raw
        return resolve(emptying: &copy)
    }

    /// Resolves `raw` into a site, emptying its lists of entities as each is taken into the
    /// site's tables: when `raw` holds the only copy of a list (a cold build), its entities are
    /// moved into the tables rather than copied, and the list's memory is given back before the
    /// next table is made.
    ///
    /// Three steps, each on both cores when `parallel`: the members of each kind and their
    /// numbers (``PageNumbers``); every reference checked, in parts, beside the orders; then the
    /// tables, beside the backlinks.
    func resolve(emptying raw: inout RawSite) -> (Site, [Diagnostic]) {
        let (pages, duplicateEvents) = Self.pageNumbers(raw, includeDrafts: includeDrafts, parallel: parallel)
        var diagnostics = duplicateEvents
        let (found, timeline, lists) = Self.scan(raw, pages, includeDrafts: includeDrafts, parallel: parallel)
        for part in found { diagnostics += part.diagnostics }
        let links = LinkTable(count: pages.count, links: found.map(\.links), parallel: parallel)
        let about = found.flatMap(\.about)
        let relations = found.flatMap(\.relations)
        _ = consume found

        // The backlinks' lists on every core, then their table on another core while the
        // entities go into theirs.
        let backlinkLists = links.backlinkLists(pages, parallel: parallel)
        let (tables, backlinks) = concurrently(parallel: parallel, {
            Self.tables(&raw, pages)
        }, {
            LinkTable.backlinks(backlinkLists, pages)
        })

        // An actor's events: the events that name it or link it, in timeline order.
        var eventsByActor: [String: [String]] = [:]
        let actorNumbers = pages.range(of: .actor), eventNumbers = pages.range(of: .event)
        for actor in actorNumbers {
            let events = links.sources(of: actor).filter { eventNumbers.contains($0) }
            guard !events.isEmpty else { continue }
            let positions = events.map { timeline.positionOfNumber[Int($0 - eventNumbers.lowerBound)] }.sorted()
            eventsByActor[pages.ref(actor).id] = positions.map { timeline.ids[Int($0)] }
        }
        // The notes about each page, in note order.
        var notesAbout: [Ref: [String]] = [:]
        var aboutByPosition = about.map { $0 & 0xFFFF_FFFF_0000_0000 | UInt64(lists.notePositionOfNumber[Int(UInt32(truncatingIfNeeded: $0))]) }
        aboutByPosition.sort()
        var previous: UInt64?
        for entry in aboutByPosition where entry != previous {
            previous = entry
            notesAbout[pages.ref(Int32(entry >> 32)), default: []].append(lists.noteOrder[Int(UInt32(truncatingIfNeeded: entry))])
        }
        // Relations other actors have towards each actor, by type, then by the other actor.
        var incomingRelations: [String: [(from: String, relation: Relation)]] = [:]
        for (target, from, relation) in relations {
            incomingRelations[pages.ref(actorNumbers.lowerBound + target).id, default: []].append((from, relation))
        }
        for key in incomingRelations.keys {
            incomingRelations[key]?.sort { ($0.relation.type.rawValue, $0.from) < ($1.relation.type.rawValue, $1.from) }
        }

        let site = Site(config: raw.config, introduction: raw.introduction, articles: tables.articles, actors: tables.actors,
                        events: tables.events, notes: tables.notes, pages: tables.pages, pageOrder: lists.pageOrder,
                        articleOrder: lists.articleOrder, actorOrder: lists.actorOrder, timeline: timeline.ids,
                        noteOrder: lists.noteOrder, backlinks: backlinks, incomingRelations: incomingRelations,
                        eventsByActor: eventsByActor, notesAbout: notesAbout,
                        timelinePosition: timeline.position, notePosition: lists.notePosition)
        return (site, diagnostics)
    }

    /// The members of each kind, numbered, and the errors for events that share an ID (the
    /// first written is kept). Each kind's table and order are found at the same time, on every core.
    private static func pageNumbers(_ raw: RawSite, includeDrafts: Bool, parallel: Bool) -> (PageNumbers, [Diagnostic]) {
        enum Part: Sendable { case table, order }
        enum Made: Sendable { case table(Members.Table), order(Members.Order) }
        @Sendable func id(_ kind: EntityKind, _ index: Int) -> String {
            switch kind {
            case .article: return raw.articles[index].id
            case .actor: return raw.actors[index].id
            case .event: return raw.events[index].id
            case .note: return raw.notes[index].id
            case .page: return raw.pages[index].id
            }
        }
        @Sendable func isDraft(_ kind: EntityKind, _ index: Int) -> Bool {
            guard !includeDrafts else { return false }
            switch kind {
            case .article: return raw.articles[index].draft
            case .note: return raw.notes[index].draft
            case .page: return raw.pages[index].draft
            case .actor, .event: return false
            }
        }
        @Sendable func count(_ kind: EntityKind) -> Int {
            switch kind {
            case .article: return raw.articles.count
            case .actor: return raw.actors.count
            case .event: return raw.events.count
            case .note: return raw.notes.count
            case .page: return raw.pages.count
            }
        }
        // Of several entities with one ID: the last article, note or page, the first actor, the
        // event written first.
        @Sendable func keeps(_ kind: EntityKind, _ index: Int, over other: Int) -> Bool {
            switch kind {
            case .article, .note, .page: return true
            case .actor: return false
            case .event: return raw.events[index].location < raw.events[other].location
            }
        }
        // The events first: there are the most.
        let kinds: [EntityKind] = [.event, .article, .actor, .note, .page]
        let made = kinds.flatMap { kind in [(kind, Part.table), (kind, .order)] }.parallelMap(minimumCount: 2, parallel: parallel) { kind, part -> Made in
            switch part {
            case .table:
                return .table(Members.Table(count: count(kind), id: { id(kind, $0) }, isDraft: { isDraft(kind, $0) },
                                            keeps: { keeps(kind, $0, over: $1) }))
            case .order:
                return .order(Members.Order(count: count(kind), id: { id(kind, $0) }, isDraft: { isDraft(kind, $0) }))
            }
        }
        var members: [EntityKind: Members] = [:]
        for (number, kind) in kinds.enumerated() {
            guard case .table(let table) = made[2 * number], case .order(let order) = made[2 * number + 1] else { preconditionFailure() }
            members[kind] = Members(table, order, count: count(kind), id: { id(kind, $0) })
        }
        var diagnostics: [Diagnostic] = []
        let events = members[.event]!
        for (id, group) in events.table.shared {
            // The one written first is kept; the others are errors.
            let kept = events.table.positions.value(id)!
            let first = raw.events[kept]
            for index in group where index != kept {
                diagnostics.append(.error(raw.events[index].location, "duplicate event ID `\(first.id)`, first used at \(first.location)"))
            }
        }
        return (PageNumbers(articles: members[.article]!, actors: members[.actor]!, events: events, notes: members[.note]!,
                            pages: members[.page]!), diagnostics)
    }

    /// Every reference checked, in parts on every core, and the orders sorted meanwhile.
    private static func scan(_ raw: RawSite, _ pages: PageNumbers, includeDrafts: Bool, parallel: Bool)
        -> ([Found], SiteOrders.Timeline, SiteOrders.Lists) {
        var drafts: Set<Ref> = []
        for (kind, members) in zip(EntityKind.allCases, pages.members) {
            for id in members.table.drafts { drafts.insert(Ref(kind, id)) }
        }
        enum Work: Sendable {
            case timeline, lists, references(ReferenceScan<PageNumbers>.Part)
        }
        enum Result: Sendable {
            case timeline(SiteOrders.Timeline), lists(SiteOrders.Lists), found(Found)
        }
        let scan = ReferenceScan(raw: raw, pages: pages, drafts: drafts)
        let work = [Work.timeline, .lists] + ReferenceScan<PageNumbers>.parts(raw, size: 1000).map { Work.references($0) }
        let results = work.parallelMap(minimumCount: 2, parallel: parallel) { work -> Result in
            switch work {
            case .timeline: return .timeline(SiteOrders.timeline(raw.events, pages.members[PageNumbers.slot(.event)]))
            case .lists:
                let members = pages.members
                return .lists(SiteOrders.lists(raw, articles: members[PageNumbers.slot(.article)], actors: members[PageNumbers.slot(.actor)],
                                               notes: members[PageNumbers.slot(.note)], pages: members[PageNumbers.slot(.page)]))
            case .references(let part): return .found(scan.scan(part))
            }
        }
        var found: [Found] = []
        var timeline = SiteOrders.Timeline(), lists = SiteOrders.Lists()
        for result in results {
            switch result {
            case .timeline(let value): timeline = value
            case .lists(let value): lists = value
            case .found(let value): found.append(value)
            }
        }
        return (found, timeline, lists)
    }

    /// The site's tables, each made of `raw`'s list, without the entities that are not on the
    /// site (drafts, a repeated ID's later entities): the list becomes the table, with no copy
    /// (a copy was the build's peak at 100,000 articles).
    private static func tables(_ raw: inout RawSite, _ pages: PageNumbers)
        -> (articles: EntityTable<Article>, actors: EntityTable<Actor>, events: EntityTable<Event>, notes: EntityTable<Note>, pages: EntityTable<StandalonePage>) {
        func table<Entity>(_ list: inout [Entity], _ kind: EntityKind) -> EntityTable<Entity> {
            let kept = pages.members[PageNumbers.slot(kind)].numberOfIndex
            var taken: [Entity] = []
            swap(&taken, &list)
            var count = 0
            for index in taken.indices where kept[index] >= 0 {
                if count != index { taken.swapAt(count, index) }
                count += 1
            }
            taken.removeSubrange(count...)
            return EntityTable(taken)
        }
        return (table(&raw.articles, .article), table(&raw.actors, .actor), table(&raw.events, .event),
                table(&raw.notes, .note), table(&raw.pages, .page))
    }
}

