/// Checks every ID and reference of a loaded site and builds the linked, ordered ``Site``.
///
/// Pure: it reads only its input. Every unknown ID is reported at the place it is written,
/// with a "did you mean" when a close ID exists.
public struct Resolver: Sendable {
    /// Whether draft articles and notes are part of the build.
    public var includeDrafts: Bool
    /// Whether orders and sorted backlinks are computed on another core meanwhile.
    public var parallel: Bool

    /// Creates a resolver.
    public init(includeDrafts: Bool, parallel: Bool = true) {
        self.includeDrafts = includeDrafts
        self.parallel = parallel
    }

    /// The orders pages are listed in, and each event's and note's position in them.
    private struct Orders: Sendable {
        var articleOrder: [String] = []
        var actorOrder: [String] = []
        var timeline: [String] = []
        var timelinePosition: [String: Int] = [:]
        var noteOrder: [String] = []
        var notePosition: [String: Int] = [:]
    }

    /// Article IDs, newest first (then by ID): ``Site/articleOrder``.
    static func articleOrder(_ articles: [String: Article]) -> [String] {
        // The keys alone are sorted: a copy of every article would be a large site's peak.
        articles.values.map { (published: $0.published, id: $0.id) }.sorted {
            $0.published != $1.published ? $0.published > $1.published : $0.id < $1.id
        }.map(\.id)
    }

    /// Actor IDs by display name (then by ID): ``Site/actorOrder``.
    static func actorOrder(_ actors: [String: Actor]) -> [String] {
        actors.values.map { ($0.name.lowercased(), $0.id) }.sorted {
            $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1
        }.map(\.1)
    }

    private static func orders(articles: [String: Article], actors: [String: Actor], events: [String: Event],
                               notes: [String: Note]) -> Orders {
        var orders = Orders()
        orders.articleOrder = articleOrder(articles)
        orders.actorOrder = actorOrder(actors)
        orders.timeline = events.values.map { (date: $0.date, id: $0.id) }.sorted {
            $0.date != $1.date ? $0.date < $1.date : $0.id < $1.id
        }.map(\.id)
        orders.timelinePosition = Dictionary(uniqueKeysWithValues: orders.timeline.enumerated().map { ($1, $0) })
        orders.noteOrder = notes.values.sorted {
            switch ($0.order, $1.order) {
            case let (left?, right?) where left != right: return left < right
            case (.some, nil): return true
            case (nil, .some): return false
            default: return $0.title.lowercased() != $1.title.lowercased() ? $0.title.lowercased() < $1.title.lowercased() : $0.id < $1.id
            }
        }.map(\.id)
        orders.notePosition = Dictionary(uniqueKeysWithValues: orders.noteOrder.enumerated().map { ($1, $0) })
        return orders
    }

    /// Resolves `raw` into a site, with every problem found.
    public func resolve(_ raw: RawSite) -> (Site, [Diagnostic]) {
        var copy = raw
        return resolve(emptying: &copy)
    }

    /// Resolves `raw` into a site, emptying its lists of entities as each is taken into the
    /// site's tables: when `raw` holds the only copy of a list (a cold build), its memory is
    /// given back before the rest of the site is made, rather than at the end, when the site
    /// and every entity twice would be the build's peak.
    func resolve(emptying raw: inout RawSite) -> (Site, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var draftIDs: Set<Ref> = []

        // Each table is made at its size at once: growing one copies it, at the build's peak.
        var articles: [String: Article] = [:]
        articles.reserveCapacity(raw.articles.count)
        for article in raw.articles {
            if article.draft && !includeDrafts { draftIDs.insert(Ref(.article, article.id)); continue }
            articles[article.id] = article
        }
        raw.articles = []
        var notes: [String: Note] = [:]
        notes.reserveCapacity(raw.notes.count)
        for note in raw.notes {
            if note.draft && !includeDrafts { draftIDs.insert(Ref(.note, note.id)); continue }
            notes[note.id] = note
        }
        raw.notes = []
        var standalonePages: [String: StandalonePage] = [:]
        for page in raw.pages {
            if page.draft && !includeDrafts { draftIDs.insert(Ref(.page, page.id)); continue }
            standalonePages[page.id] = page
        }
        raw.pages = []
        let actors = Dictionary(raw.actors.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        raw.actors = []
        var events: [String: Event] = [:]
        events.reserveCapacity(raw.events.count)
        // In the order they are written (their positions sorted, not a copy of every event).
        for index in raw.events.indices.sorted(by: { raw.events[$0].location < raw.events[$1].location }) {
            let event = raw.events[index]
            if let first = events[event.id] {
                diagnostics.append(.error(event.location, "duplicate event ID `\(event.id)`, first used at \(first.location)"))
                continue
            }
            events[event.id] = event
        }
        raw.events = []

        // Every page gets a number, in Ref order, so backlinks are collected as lists of numbers
        // (sorted and made unique once) instead of sets of Refs hashed on every insertion.
        let pages = PageNumbers(articles: articles.keys, actors: actors.keys, events: events.keys, notes: notes.keys,
                                pages: standalonePages.keys)
        func exists(_ target: Ref) -> Bool { pages.number(of: target) != nil }
        var backlinkLists = [[Int32]](repeating: [], count: pages.refs.count)

        /// Records a reference from `source` to `target`, or reports it if the target does not exist.
        func record(_ target: Ref, at location: SourceLocation, from source: Int32?) {
            if let number = pages.number(of: target) {
                if let source, source != number { backlinkLists[Int(number)].append(source) }
                return
            }
            if raw.brokenRefs.contains(target) { return }  // its own file's errors are reported already
            diagnostics.append(unknownReference(target, at: location, pages: pages, drafts: draftIDs))
        }
        func references(in text: MarkdownText?, from source: Int32?) {
            for reference in text?.references ?? [] {
                guard IDSyntax.isValid(reference.target.id) else {
                    diagnostics.append(.error(reference.location, "`\(reference.target)`: \(IDSyntax.problem(with: reference.target.id))"))
                    continue
                }
                record(reference.target, at: reference.location, from: source)
            }
        }
        func sources(_ quotes: [SourceQuote], from source: Int32) {
            for quote in quotes { record(Ref(.article, quote.article), at: quote.location, from: source) }
        }
        func facts(_ facts: [Fact], from source: Int32) {
            for fact in facts {
                for value in fact.values { sources(value.sources, from: source) }
            }
        }

        // Orders need only the pages: they are sorted on another core while references are checked.
        let (orderArticles, orderActors, orderEvents, orderNotes) = (articles, actors, events, notes)
        let pendingOrders = BackgroundWork(parallel: parallel) {
            Self.orders(articles: orderArticles, actors: orderActors, events: orderEvents, notes: orderNotes)
        }

        references(in: raw.introduction, from: nil)
        for article in articles.values {
            references(in: article.body, from: pages.number(of: Ref(.article, article.id)))
        }
        var incomingRelations: [String: [(from: String, relation: Relation)]] = [:]
        for actor in actors.values {
            let me = pages.number(of: Ref(.actor, actor.id))!
            references(in: actor.body, from: me)
            for relation in actor.relations {
                record(Ref(.actor, relation.actor), at: relation.actorLocation, from: me)
                if relation.actor == actor.id {
                    diagnostics.append(.error(relation.actorLocation, "an actor cannot be related to itself"))
                }
                sources(relation.sources, from: me)
                if actors[relation.actor] != nil, relation.actor != actor.id {
                    incomingRelations[relation.actor, default: []].append((actor.id, relation))
                }
            }
            facts(actor.facts, from: me)
        }
        var eventsByActorSets: [String: Set<String>] = [:]
        for event in events.values {
            let me = pages.number(of: Ref(.event, event.id))!
            references(in: event.summary, from: me)
            for (actorID, location) in event.actors {
                record(Ref(.actor, actorID), at: location, from: me)
                if actors[actorID] != nil { eventsByActorSets[actorID, default: []].insert(event.id) }
            }
            sources(event.sources, from: me)
            facts(event.facts, from: me)
        }
        var notesAboutSets: [Ref: Set<String>] = [:]
        for note in notes.values {
            let me = pages.number(of: Ref(.note, note.id))!
            references(in: note.body, from: me)
            for (target, location) in note.about {
                guard IDSyntax.isValid(target.id) else {
                    diagnostics.append(.error(location, "`\(target)`: \(IDSyntax.problem(with: target.id))"))
                    continue
                }
                record(target, at: location, from: me)
                if exists(target) { notesAboutSets[target, default: []].insert(note.id) }
            }
        }

        for page in standalonePages.values {
            references(in: page.body, from: pages.number(of: Ref(.page, page.id))!)
        }
        // The menu: pages with a `menu` position, by it, then by title and ID.
        let pageOrder = standalonePages.values.sorted {
            ($0.menu ?? .max, $0.title.lowercased(), $0.id) < ($1.menu ?? .max, $1.title.lowercased(), $1.id)
        }.map(\.id)

        let finishedBacklinks = backlinkLists
        let pendingBacklinks = BackgroundWork(parallel: parallel) { pages.backlinks(from: finishedBacklinks) }
        let orders = pendingOrders.value
        let (articleOrder, actorOrder, timeline, noteOrder) = (orders.articleOrder, orders.actorOrder, orders.timeline, orders.noteOrder)
        let (timelinePosition, notePosition) = (orders.timelinePosition, orders.notePosition)

        // Events that link an actor from their summary count as the actor's events too.
        for (number, sources) in backlinkLists.enumerated() where pages.refs[number].kind == .actor {
            for source in sources where pages.refs[Int(source)].kind == .event {
                eventsByActorSets[pages.refs[number].id, default: []].insert(pages.refs[Int(source)].id)
            }
        }
        // Each ID's position is looked up once, not at every comparison (these sorts were a
        // quarter of resolving a 10,000-article site); equal positions, if any, go by ID.
        func ordered(_ set: Set<String>, by position: [String: Int]) -> [String] {
            set.map { (position[$0, default: 0], $0) }.sorted { $0 < $1 }.map(\.1)
        }
        let eventsByActor = eventsByActorSets.mapValues { ordered($0, by: timelinePosition) }
        let notesAbout = notesAboutSets.mapValues { ordered($0, by: notePosition) }
        for key in incomingRelations.keys {
            incomingRelations[key]?.sort { ($0.relation.type.rawValue, $0.from) < ($1.relation.type.rawValue, $1.from) }
        }

        let backlinks = pendingBacklinks.value
        let site = Site(config: raw.config, introduction: raw.introduction, articles: articles, actors: actors,
                        events: events, notes: notes, pages: standalonePages, pageOrder: pageOrder,
                        articleOrder: articleOrder,
                        actorOrder: actorOrder, timeline: timeline, noteOrder: noteOrder, backlinks: backlinks,
                        incomingRelations: incomingRelations, eventsByActor: eventsByActor, notesAbout: notesAbout,
                        timelinePosition: timelinePosition, notePosition: notePosition)
        return (site, diagnostics)
    }

    private func unknownReference(_ target: Ref, at location: SourceLocation, pages: PageNumbers,
                                  drafts: Set<Ref>) -> Diagnostic {
        if drafts.contains(target) {
            return .error(location, "\(target.kind.rawValue) `\(target.id)` is a draft: publish it (remove `draft: true`) or build with --drafts")
        }
        if let suggestion = Suggestions.closest(to: target.id, in: pages.ids(of: target.kind)) {
            return .error(location, "unknown \(target.kind.rawValue) `\(target.id)`", suggestion: suggestion)
        }
        for kind in EntityKind.allCases where kind != target.kind && pages.number(of: Ref(kind, target.id)) != nil {
            return .error(location, "unknown \(target.kind.rawValue) `\(target.id)`; there is \(kind == .article || kind == .actor || kind == .event ? "an" : "a") \(kind.rawValue) with this ID",
                          suggestion: "\(kind.rawValue):\(target.id)")
        }
        if target.kind == .event {
            return .error(location, "unknown event `\(target.id)`: no event in content/events/ has `id: \(target.id)`")
        }
        return .error(location, "unknown \(target.kind.rawValue) `\(target.id)`: there is no file `content/\(target.kind.folder)/\(target.id).md`")
    }
}

/// A number for every page of a build, in ``Ref`` order.
private struct PageNumbers: Sendable {
    /// The pages, sorted; a page's number is its position here.
    let refs: [Ref]
    private var articles: [String: Int32] = [:]
    private var actors: [String: Int32] = [:]
    private var events: [String: Int32] = [:]
    private var notes: [String: Int32] = [:]
    private var pages: [String: Int32] = [:]

    init(articles: some Collection<String>, actors: some Collection<String>, events: some Collection<String>, notes: some Collection<String>,
         pages: some Collection<String>) {
        var refs: [Ref] = []
        refs.reserveCapacity(articles.count + actors.count + events.count + notes.count + pages.count)
        refs += pages.map { Ref(.page, $0) }
        refs += articles.map { Ref(.article, $0) }
        refs += actors.map { Ref(.actor, $0) }
        refs += events.map { Ref(.event, $0) }
        refs += notes.map { Ref(.note, $0) }
        refs.sort()
        self.refs = refs
        for (number, ref) in refs.enumerated() {
            switch ref.kind {
            case .article: self.articles[ref.id] = Int32(number)
            case .actor: self.actors[ref.id] = Int32(number)
            case .event: self.events[ref.id] = Int32(number)
            case .note: self.notes[ref.id] = Int32(number)
            case .page: self.pages[ref.id] = Int32(number)
            }
        }
    }

    /// The IDs of the pages of one kind.
    func ids(of kind: EntityKind) -> Dictionary<String, Int32>.Keys {
        switch kind {
        case .article: return articles.keys
        case .actor: return actors.keys
        case .event: return events.keys
        case .note: return notes.keys
        case .page: return pages.keys
        }
    }

    /// The number of `ref`, or nil when there is no such page.
    func number(of ref: Ref) -> Int32? {
        switch ref.kind {
        case .article: return articles[ref.id]
        case .actor: return actors[ref.id]
        case .event: return events[ref.id]
        case .note: return notes[ref.id]
        case .page: return pages[ref.id]
        }
    }

    /// Lists of referring page numbers, by target number, as sorted lists of distinct Refs.
    func backlinks(from lists: [[Int32]]) -> [Ref: [Ref]] {
        var result: [Ref: [Ref]] = [:]
        result.reserveCapacity(lists.count)
        for (target, list) in lists.enumerated() where !list.isEmpty {
            var sorted = list.sorted()
            var unique = 1
            for index in 1..<sorted.count where sorted[index] != sorted[unique - 1] {
                sorted[unique] = sorted[index]
                unique += 1
            }
            result[refs[target]] = sorted[..<unique].map { refs[Int($0)] }
        }
        return result
    }
}
