/// The resolve stage of an edit that adds or removes entities, or changes what an entity
/// references, made from the last site (``BuildSession``, docs/incremental.md).
///
/// What the resolver derives is a sum over the entities: each one's references give backlinks
/// to their targets, an event's actors list it among their events, a note's `about` lists it
/// among the notes about its subjects, an actor's relations are the incoming relations of the
/// other actors. So a changed entity's part can be taken out (its old value's references) and
/// put back (its new value's), and an added or removed entity is one whose old or new value is
/// missing; the orders are patched by taking the changed entities out and inserting them where
/// they sort. The result is the site ``Resolver`` makes of the same files, list for list.
///
/// Anything that would be a problem is left to the resolver, so that its messages are the ones
/// reported: a reference to a page that does not exist (or an invalid ID, a relation of an
/// actor to itself), a removed entity that something still references (including the
/// introduction), a duplicate event ID, a file that could not be read. So are edits outside
/// articles, actors, events, notes and source texts, and edits of more than ``entityLimit``
/// entities (each is patched in the orders one at a time).
extension ResolvePatch {
    /// The most changed entities patched one by one; an edit of more is resolved whole.
    static let entityLimit = 64

    /// An entity's value, as the resolver reads it.
    private enum Value {
        case article(Article), actor(Actor), event(Event), note(Note)

        var article: Article? { if case .article(let article) = self { article } else { nil } }
        var actor: Actor? { if case .actor(let actor) = self { actor } else { nil } }
        var event: Event? { if case .event(let event) = self { event } else { nil } }
        var note: Note? { if case .note(let note) = self { note } else { nil } }

        /// Every page it references: what it gives backlinks to.
        var targets: Set<Ref> {
            switch self {
            case .article(let article): return ResolvePatch.targets(of: article)
            case .actor(let actor): return ResolvePatch.targets(of: actor)
            case .event(let event): return ResolvePatch.targets(of: event)
            case .note(let note): return ResolvePatch.targets(of: note)
            }
        }
    }

    /// Makes `site` the site ``Resolver/resolve(_:)`` makes of `raw`, in place, and returns what it
    /// replaced (``Relinking``, which can undo it and shows the site as it was); nil, with `site`
    /// as it was, when this edit needs the resolver.
    ///
    /// - Parameters:
    ///   - site: the site resolved, without a problem, from the same files but those of `changedPaths`.
    ///   - changedValues: the entities whose values differ between the two (added and removed ones among them).
    ///   - changedPaths: the content files whose versions differ (added and removed ones among them).
    static func relink(_ site: inout Site, raw: RawSite, changedValues: Set<Ref>, changedPaths: Set<String>, includeDrafts: Bool) -> Relinking? {
        let patchable = ["content/articles/", "content/actors/", "content/events/", "content/notes/", "content/sources/"]
        guard raw.brokenRefs.isEmpty, changedValues.count <= entityLimit,
              changedPaths.allSatisfy({ path in patchable.contains { path.hasPrefix($0) } }),
              changedValues.allSatisfy({ [.article, .actor, .event, .note].contains($0.kind) })
        else { return nil }

        // The new value of each changed entity, where it has one (a draft has none, unless drafts are built).
        let ids = Dictionary(grouping: changedValues, by: \.kind).mapValues { Set($0.map(\.id)) }
        var values: [Ref: Value] = [:]
        if let wanted = ids[.article] {
            for index in raw.articles.indices where wanted.contains(raw.articles[index].id) && (!raw.articles[index].draft || includeDrafts) {
                values[Ref(.article, raw.articles[index].id)] = .article(raw.articles[index])
            }
        }
        if let wanted = ids[.actor] {
            for index in raw.actors.indices where wanted.contains(raw.actors[index].id) {
                guard values[Ref(.actor, raw.actors[index].id)] == nil else { return nil }
                values[Ref(.actor, raw.actors[index].id)] = .actor(raw.actors[index])
            }
        }
        if let wanted = ids[.note] {
            for index in raw.notes.indices where wanted.contains(raw.notes[index].id) && (!raw.notes[index].draft || includeDrafts) {
                values[Ref(.note, raw.notes[index].id)] = .note(raw.notes[index])
            }
        }
        if let wanted = ids[.event] {
            // A changed event comes from a changed file: only their events are looked at (paths are
            // compared, not hashed: an edit changes a file or two, and there are 50,000 events).
            let few = changedPaths.count <= 8 ? Array(changedPaths) : nil
            for index in raw.events.indices where few?.contains(raw.events[index].location.path) ?? changedPaths.contains(raw.events[index].location.path)
                && wanted.contains(raw.events[index].id) {
                let ref = Ref(.event, raw.events[index].id)
                guard values[ref] == nil else { return nil }  // a duplicate ID
                values[ref] = .event(raw.events[index])
            }
            // No duplicate ID elsewhere: the old site had none, an event not among the changed ones
            // is where it was, so the events are the old ones, less those removed, plus those added.
            let added = wanted.count { site.events[$0] == nil && values[Ref(.event, $0)] != nil }
            let removed = wanted.count { site.events[$0] != nil && values[Ref(.event, $0)] == nil }
            guard raw.events.count == site.events.count - removed + added else { return nil }
        }
        guard values.keys.allSatisfy({ IDSyntax.isValid($0.id) }) else { return nil }

        // Patched in place, each entry changed kept as it was first (for undoing, and for comparing
        // with the site as it was): the tables are not copied to change a few of their entries.
        var log = Relinking(site)
        site.config = raw.config
        site.introduction = raw.introduction
        // What the old values gave, taken out; then the new values in the tables.
        var removedFromOrders: [EntityKind: [Int]] = [:]
        for ref in changedValues {
            guard let before = value(ref, in: site) else { continue }
            unlink(ref, before, in: &site, log: &log)
            switch ref.kind {
            case .article: removedFromOrders[.article, default: []].append(site.articleOrder.firstIndex(of: ref.id)!)
            case .actor: removedFromOrders[.actor, default: []].append(site.actorOrder.firstIndex(of: ref.id)!)
            case .event:
                removedFromOrders[.event, default: []].append(site.timelinePosition[ref.id]!)
                log.timelinePositions[ref.id] = site.timelinePosition[ref.id]!
            case .note:
                removedFromOrders[.note, default: []].append(site.notePosition[ref.id]!)
                log.notePositions[ref.id] = site.notePosition[ref.id]!
            case .page: break
            }
        }
        for ref in changedValues {
            let value = values[ref]  // nil: gone
            switch ref.kind {
            case .article: Relinking.replace(ref.id, in: &site.articles, keeping: &log.articles, with: value?.article)
            case .actor: Relinking.replace(ref.id, in: &site.actors, keeping: &log.actors, with: value?.actor)
            case .event: Relinking.replace(ref.id, in: &site.events, keeping: &log.events, with: value?.event)
            case .note: Relinking.replace(ref.id, in: &site.notes, keeping: &log.notes, with: value?.note)
            case .page: break
            }
        }

        // Nothing the resolver would report: every reference of a new value is to a page of the
        // new site, and nothing still references a page that is gone.
        func leftToTheResolver() -> Relinking? {
            log.undo(in: &site)
            return nil
        }
        for (ref, value) in values where !valid(ref, value, in: site) { return leftToTheResolver() }
        for ref in changedValues where values[ref] == nil && log.hadValue(ref) {
            guard site.backlinks[ref] == nil, !(raw.introduction?.references.contains { $0.target == ref } ?? false) else { return leftToTheResolver() }
        }

        // The orders: the changed entities taken out, and those with a new value put where they sort.
        let changedIDs = Dictionary(grouping: values.keys, by: \.kind).mapValues { $0.map(\.id).sorted() }
        patchOrder(&site.articleOrder, removing: removedFromOrders[.article] ?? [], inserting: changedIDs[.article] ?? []) {
            articleSortsBefore(site.articles[$0]!, site.articles[$1]!)
        }
        patchOrder(&site.actorOrder, removing: removedFromOrders[.actor] ?? [], inserting: changedIDs[.actor] ?? []) {
            actorSortsBefore(site.actors[$0]!, site.actors[$1]!)
        }
        log.timelineFrom = patchOrder(&site.timeline, removing: removedFromOrders[.event] ?? [], inserting: changedIDs[.event] ?? []) {
            eventSortsBefore(site.events[$0]!, site.events[$1]!)
        }
        log.notesFrom = patchOrder(&site.noteOrder, removing: removedFromOrders[.note] ?? [], inserting: changedIDs[.note] ?? []) {
            noteSortsBefore(site.notes[$0]!, site.notes[$1]!)
        }
        for ref in changedValues where values[ref] == nil {
            if ref.kind == .event { site.timelinePosition[ref.id] = nil }
            if ref.kind == .note { site.notePosition[ref.id] = nil }
        }
        for index in log.timelineFrom..<site.timeline.count { site.timelinePosition[site.timeline[index]] = index }
        for index in log.notesFrom..<site.noteOrder.count { site.notePosition[site.noteOrder[index]] = index }
        log.timelineInserted = (changedIDs[.event] ?? []).map { site.timelinePosition[$0]! }.sorted()
        log.notesInserted = (changedIDs[.note] ?? []).map { site.notePosition[$0]! }.sorted()

        // What the new values give, put in (after the orders: an actor's events and the notes
        // about a page are listed in them).
        var relationTargets = Set<String>()
        for (ref, value) in values { link(ref, value, in: &site, log: &log, relationTargets: &relationTargets) }
        for target in relationTargets {
            site.incomingRelations[target]?.sort { ($0.relation.type.rawValue, $0.from) < ($1.relation.type.rawValue, $1.from) }
        }
        return log
    }

    /// The value of `ref` in `site`, if it has one.
    private static func value(_ ref: Ref, in site: Site) -> Value? {
        switch ref.kind {
        case .article: return site.articles[ref.id].map(Value.article)
        case .actor: return site.actors[ref.id].map(Value.actor)
        case .event: return site.events[ref.id].map(Value.event)
        case .note: return site.notes[ref.id].map(Value.note)
        case .page: return nil
        }
    }

    /// Whether `site` has a page `ref`.
    private static func exists(_ ref: Ref, in site: Site) -> Bool {
        switch ref.kind {
        case .article: return site.articles[ref.id] != nil
        case .actor: return site.actors[ref.id] != nil
        case .event: return site.events[ref.id] != nil
        case .note: return site.notes[ref.id] != nil
        case .page: return site.pages[ref.id] != nil
        }
    }

    /// Whether the resolver reports nothing for the references of `value` (``ReferenceScan``):
    /// each is to a page of `site`, a reference in text or an `about` with a valid ID, and no
    /// actor is related to itself.
    private static func valid(_ ref: Ref, _ value: Value, in site: Site) -> Bool {
        func text(_ references: [MarkdownReference]) -> Bool {
            references.allSatisfy { IDSyntax.isValid($0.target.id) && exists($0.target, in: site) }
        }
        func quotes(_ quotes: [SourceQuote]) -> Bool { quotes.allSatisfy { site.articles[$0.article] != nil } }
        func facts(_ facts: [Fact]) -> Bool { facts.allSatisfy { $0.values.allSatisfy { quotes($0.sources) } } }
        switch value {
        case .article(let article): return text(article.body.references)
        case .actor(let actor):
            return text(actor.body.references) && facts(actor.facts)
                && actor.relations.allSatisfy { $0.actor != actor.id && site.actors[$0.actor] != nil && quotes($0.sources) }
        case .event(let event):
            return text(event.summary?.references ?? []) && event.actors.allSatisfy { site.actors[$0.id] != nil }
                && quotes(event.sources) && facts(event.facts)
        case .note(let note):
            return text(note.body.references) && note.about.allSatisfy { IDSyntax.isValid($0.ref.id) && exists($0.ref, in: site) }
        }
    }

    /// Takes out what `value` (of `ref`) gave: its backlinks on its targets, an event's place
    /// among its actors' events, a note's among the notes about its subjects, an actor's
    /// relations among the other actors' incoming ones. A list left empty is removed, as the
    /// resolver makes none.
    private static func unlink(_ ref: Ref, _ value: Value, in site: inout Site, log: inout Relinking) {
        let targets = value.targets
        for target in targets where target != ref {
            Relinking.keep(target, of: site.backlinks, in: &log.backlinks)
            remove(ref, from: &site.backlinks[target])
        }
        switch value {
        case .article: break
        case .actor(let actor):
            for target in Set(actor.relations.map(\.actor)) where target != actor.id {
                Relinking.keep(target, of: site.incomingRelations, in: &log.incomingRelations)
                site.incomingRelations[target]?.removeAll { $0.from == actor.id }
                if site.incomingRelations[target]?.isEmpty == true { site.incomingRelations[target] = nil }
            }
        case .event(let event):
            for target in targets where target.kind == .actor {
                Relinking.keep(target.id, of: site.eventsByActor, in: &log.eventsByActor)
                remove(event.id, from: &site.eventsByActor[target.id])
            }
        case .note(let note):
            for subject in Set(note.about.map(\.ref)) {
                Relinking.keep(subject, of: site.notesAbout, in: &log.notesAbout)
                remove(note.id, from: &site.notesAbout[subject])
            }
        }
    }

    /// Puts in what `value` (of `ref`) gives, as ``unlink(_:_:in:)`` takes it out; the targets of
    /// relations added are collected in `relationTargets` (their lists are sorted afterwards).
    private static func link(_ ref: Ref, _ value: Value, in site: inout Site, log: inout Relinking, relationTargets: inout Set<String>) {
        let targets = value.targets
        for target in targets where target != ref {
            Relinking.keep(target, of: site.backlinks, in: &log.backlinks)
            insert(ref, into: &site.backlinks[target]) { $0 < $1 }
        }
        switch value {
        case .article: break
        case .actor(let actor):
            for relation in actor.relations where relation.actor != actor.id {
                Relinking.keep(relation.actor, of: site.incomingRelations, in: &log.incomingRelations)
                site.incomingRelations[relation.actor, default: []].append((actor.id, relation))
                relationTargets.insert(relation.actor)
            }
        case .event(let event):
            let positions = site.timelinePosition
            for target in targets where target.kind == .actor {
                Relinking.keep(target.id, of: site.eventsByActor, in: &log.eventsByActor)
                insert(event.id, into: &site.eventsByActor[target.id]) { positions[$0]! < positions[$1]! }
            }
        case .note(let note):
            let positions = site.notePosition
            for subject in Set(note.about.map(\.ref)) {
                Relinking.keep(subject, of: site.notesAbout, in: &log.notesAbout)
                insert(note.id, into: &site.notesAbout[subject]) { positions[$0]! < positions[$1]! }
            }
        }
    }

    /// Removes `element` from a sorted list, which is removed when left empty.
    private static func remove<Element: Equatable>(_ element: Element, from list: inout [Element]?) {
        guard let index = list?.firstIndex(of: element) else { return }
        list!.remove(at: index)
        if list!.isEmpty { list = nil }
    }

    /// Inserts `element` into a list sorted by `sortsBefore` (made when there is none), unless it is there.
    private static func insert<Element: Equatable>(_ element: Element, into list: inout [Element]?, by sortsBefore: (Element, Element) -> Bool) {
        if list == nil { list = [] }
        let index = insertionIndex(of: element, in: list!, by: sortsBefore)
        guard index == list!.count || list![index] != element else { return }
        list!.insert(element, at: index)
    }

    /// The first index of `list` (sorted by `sortsBefore`) whose element does not sort before `element`.
    private static func insertionIndex<Element>(of element: Element, in list: [Element], by sortsBefore: (Element, Element) -> Bool) -> Int {
        var (low, high) = (0, list.count)
        while low < high {
            let middle = (low + high) / 2
            if sortsBefore(list[middle], element) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Removes the entries of `order` at `removing` (positions in it), then inserts each of
    /// `inserting` where it sorts; returns the first position whose entry may have changed.
    @discardableResult
    private static func patchOrder(_ order: inout [String], removing: [Int], inserting: [String], by sortsBefore: (String, String) -> Bool) -> Int {
        var first = order.count
        for index in removing.sorted(by: >) {
            order.remove(at: index)
            first = min(first, index)
        }
        for id in inserting {
            let index = insertionIndex(of: id, in: order, by: sortsBefore)
            order.insert(id, at: index)
            first = min(first, index)
        }
        return first
    }

    // The orders of ``SiteOrders``, one pair at a time; ties go by ID.

    private static func articleSortsBefore(_ left: Article, _ right: Article) -> Bool {
        let (first, second) = (SiteOrders.articleKey(left.published), SiteOrders.articleKey(right.published))
        return first != second ? first < second : left.id < right.id
    }

    private static func actorSortsBefore(_ left: Actor, _ right: Actor) -> Bool {
        let (first, second) = (SiteOrders.actorKey(left.name), SiteOrders.actorKey(right.name))
        return first != second ? first < second : left.id < right.id
    }

    private static func eventSortsBefore(_ left: Event, _ right: Event) -> Bool {
        let (first, second) = (SiteOrders.timelineKey(left.date), SiteOrders.timelineKey(right.date))
        return first != second ? first < second : left.id < right.id
    }

    private static func noteSortsBefore(_ left: Note, _ right: Note) -> Bool {
        SiteOrders.noteSortsBefore((left.order, left.title), (right.order, right.title)) ?? (left.id < right.id)
    }
}
