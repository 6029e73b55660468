/// What changed between two resolved sites, for ``BuildSession`` to choose the pages to render
/// again (docs/incremental.md).
///
/// Two kinds of change are told apart, because different pages show them:
///
/// - an entity's **value** changed (it comes from a file that changed, and reads differently), or
///   it was added or removed: every page that links it shows its value (name, title, date, role,
///   outlet) beside the link, and is rendered again;
/// - only what is **derived** for it changed: who links to it (backlinks), the notes about it, an
///   actor's incoming relations and events, its neighbours in its reading order (the previous and
///   next links), an event's timeline page. Only its own page and, for an actor, its list pages
///   (`actors/ID/events/`…) show these; a page that merely links it does not.
///
/// The comparison looks only where a change can be: what is derived for an entity is made from
/// the references other entities record to it, so it can change only for a target of a changed
/// entity (before or after the change); an entity's place in an order follows its own value, so
/// only the neighbours of changed entities can have new neighbours; an event can move to another
/// timeline page only within the years of the changed events.
struct SiteChanges {
    /// Entities whose own value changed, or that were added or removed.
    var values: Set<Ref> = []
    /// Entities whose own value did not change but for which what is derived changed (not in ``values``).
    var derived: Set<Ref> = []
    /// Kinds whose list order (and so membership) changed: their index pages are rendered again.
    var reordered: Set<EntityKind> = []
    /// Whether the timeline's first page changed as a whole: the overview of a split timeline
    /// (every period with its number of events) when a period or a count changed.
    var timelineReshaped = false
    /// Whether the navigation between the timeline's periods changed (a period added or removed,
    /// or one that has events now had none, or the other way round): every period's page shows it.
    var timelineNavigationChanged = false
    /// The periods of a split timeline whose events changed (other events, or in another order).
    var changedPeriods: Set<String> = []
    /// Whether something every page shows changed (the standalone pages of the menu): render everything.
    var everything = false

    /// The entities whose own pages (and an actor's list pages) are rendered again: ``values`` and ``derived``.
    var ownPages: Set<Ref> { values.union(derived) }

    /// The changes from `old` to `new`, where `changedValues` are the entities whose own values differ
    /// (added and removed ones among them). `sameReferences` says that `new` was made by ``ResolvePatch``:
    /// the same entities, the same backlinks, relations, actors' events and notes about pages, the same
    /// timeline and event dates, which are then not compared again.
    init(from old: Site, to new: Site, changedValues: Set<Ref>, sameReferences: Bool = false) {
        self.init(from: old, to: new, changedValues: changedValues, sameReferences: sameReferences,
                  timelinePagings: (TimelinePaging(site: old, limit: old.config.listLimit), TimelinePaging(site: new, limit: new.config.listLimit)))
    }

    /// The changes from `old` (the last site, or the one a patch replaced, seen through the patched
    /// one: ``ResolvePatch/SiteBefore``) to `new`, as above; `timelinePagings` are the timeline's
    /// pages of `old` and `new`.
    init(from old: some SiteLookup, to new: Site, changedValues: Set<Ref>, sameReferences: Bool = false,
         timelinePagings: (old: TimelinePaging, new: TimelinePaging)) {
        values = changedValues
        if changedValues.contains(where: { $0.kind == .page }) || old.pageOrder != new.pageOrder {
            everything = true
            return
        }
        var changedIDs: [EntityKind: [String]] = [:]
        for ref in changedValues { changedIDs[ref.kind, default: []].append(ref.id) }

        // Membership and order: an entity added or removed is among the changed values, and in no
        // order or in one only, so the orders differ.
        if old.articleOrder != new.articleOrder { reordered.insert(.article) }
        if old.actorOrder != new.actorOrder { reordered.insert(.actor) }
        if old.timeline != new.timeline { reordered.insert(.event) }
        if old.noteOrder != new.noteOrder { reordered.insert(.note) }

        // The previous and next links.
        if reordered.contains(.article) {
            neighboursChanged(.article, old.articleOrder, new.articleOrder, moved: changedIDs[.article] ?? [],
                              Self.positions(old.articleOrder), Self.positions(new.articleOrder))
        }
        if reordered.contains(.event) {
            neighboursChanged(.event, old.timeline, new.timeline, moved: changedIDs[.event] ?? [],
                              { old.timelinePosition(of: $0) }, { new.timelinePosition[$0] })
        }
        if reordered.contains(.note) {
            neighboursChanged(.note, old.noteOrder, new.noteOrder, moved: changedIDs[.note] ?? [], { old.notePosition(of: $0) }, { new.notePosition[$0] })
        }
        // The same references (ResolvePatch): what is derived from them, the timeline and the event
        // dates are the same; only the orders of articles and actors may differ.
        guard !sameReferences else { return }

        // What is derived for each target of a changed entity, before or after the change.
        var targets = Set<Ref>()
        for ref in changedValues {
            Self.references(of: ref, in: old, into: &targets)
            Self.references(of: ref, in: new, into: &targets)
        }
        for target in targets where !values.contains(target) && Self.derivedDiffers(target, old, new, changed: changedValues, reordered: reordered) {
            derived.insert(target)
        }

        // The timeline's pages: which page shows each event, and what every page lists.
        if reordered.contains(.event) || changedIDs[.event] != nil {
            let (before, after) = timelinePagings
            timelineNavigationChanged = before.isSplit != after.isSplit || before.splitYears != after.splitYears
                || !before.periods.elementsEqual(after.periods) { $0.id == $1.id && $0.events.isEmpty == $1.events.isEmpty }
            periodsChanged(before, after, old, new, events: changedIDs[.event] ?? [])
            timelineReshaped = timelineNavigationChanged || !changedPeriods.isEmpty || before.yearCounts != after.yearCounts
        }
    }

    // MARK: - Neighbours

    /// Adds the entities of `kind` whose previous or next entity in reading order changed, from
    /// `before` to `after` (`beforePosition` and `afterPosition` give an ID's index in each). Each
    /// entity's place follows its own value, so with the `moved` (changed) entities taken out the
    /// two orders are the same, and an entity whose neighbours changed has a moved entity beside
    /// it, before or after: only those are compared. Should the orders differ otherwise, every
    /// entity is compared.
    private mutating func neighboursChanged(_ kind: EntityKind, _ before: [String], _ after: [String], moved: [String],
                                            _ beforePosition: (String) -> Int?, _ afterPosition: (String) -> Int?) {
        let movedBefore = moved.compactMap(beforePosition).sorted(), movedAfter = moved.compactMap(afterPosition).sorted()
        var candidates = Set<String>()
        if Self.same(before, without: movedBefore, after, without: movedAfter) {
            for (order, indices) in [(before, movedBefore), (after, movedAfter)] {
                for index in indices {
                    if index > 0 { candidates.insert(order[index - 1]) }
                    if index + 1 < order.count { candidates.insert(order[index + 1]) }
                }
            }
        } else {
            candidates = Set(before).union(after)
        }
        let movedSet = Set(moved)
        for id in candidates where !movedSet.contains(id) {
            if Self.neighbours(of: id, before, beforePosition) != Self.neighbours(of: id, after, afterPosition) {
                derived.insert(Ref(kind, id))
            }
        }
    }

    /// Whether `before` without the entries at `skippedBefore` and `after` without those at
    /// `skippedAfter` (both sorted) are the same list.
    private static func same(_ before: [String], without skippedBefore: [Int], _ after: [String], without skippedAfter: [Int]) -> Bool {
        guard before.count - skippedBefore.count == after.count - skippedAfter.count else { return false }
        var (i, j, nextSkippedBefore, nextSkippedAfter) = (0, 0, 0, 0)
        while true {
            while nextSkippedBefore < skippedBefore.count, skippedBefore[nextSkippedBefore] == i { i += 1; nextSkippedBefore += 1 }
            while nextSkippedAfter < skippedAfter.count, skippedAfter[nextSkippedAfter] == j { j += 1; nextSkippedAfter += 1 }
            guard i < before.count, j < after.count else { return i >= before.count && j >= after.count }
            guard before[i] == after[j] else { return false }
            i += 1
            j += 1
        }
    }

    /// The IDs before and after `id` in `order` (nil where there is none, or `id` is not in it).
    private static func neighbours(of id: String, _ order: [String], _ position: (String) -> Int?) -> [String?] {
        guard let index = position(id) else { return [nil, nil] }
        return [index > 0 ? order[index - 1] : nil, index + 1 < order.count ? order[index + 1] : nil]
    }

    /// A lookup of each ID's position in `order`.
    private static func positions(_ order: [String]) -> (String) -> Int? {
        let table = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return { table[$0] }
    }

    // MARK: - Derived data

    /// Adds every entity that `ref`, as it is in `site`, records a reference to: what the resolver
    /// makes backlinks, incoming relations, actors' events and notes about pages of.
    static func references(of ref: Ref, in site: some SiteLookup, into targets: inout Set<Ref>) {
        switch ref.kind {
        case .article: if let article = site.article(ref.id) { targets.formUnion(ResolvePatch.targets(of: article)) }
        case .actor: if let actor = site.actor(ref.id) { targets.formUnion(ResolvePatch.targets(of: actor)) }
        case .event: if let event = site.event(ref.id) { targets.formUnion(ResolvePatch.targets(of: event)) }
        case .note: if let note = site.note(ref.id) { targets.formUnion(ResolvePatch.targets(of: note)) }
        case .page: if let page = site.page(ref.id) { targets.formUnion(page.body.references.map(\.target)) }
        }
    }

    /// Whether what `target`'s own pages show of what is derived for it differs between `old` and
    /// `new`: its backlinks, the notes about it, an actor's events and incoming relations, and the
    /// lists shown in reading order (the notes about or linking it, an article's events), where a
    /// changed note or event may have moved.
    private static func derivedDiffers(_ target: Ref, _ old: some SiteLookup, _ new: Site, changed: Set<Ref>, reordered: Set<EntityKind>) -> Bool {
        if old.backlinks(to: target) != new.backlinks[target] || old.notes(about: target) != new.notesAbout[target] { return true }
        if target.kind == .actor {
            if old.events(of: target.id) != new.eventsByActor[target.id] { return true }
            let before = old.incomingRelations(of: target.id) ?? [], after = new.incomingRelations[target.id] ?? []
            if before.count != after.count || zip(before, after).contains(where: { $0.from != $1.from || $0.relation != $1.relation }) {
                return true
            }
        }
        let backlinks = new.backlinks[target] ?? []
        if reordered.contains(.note),
           (new.notesAbout[target] ?? []).contains(where: { changed.contains(Ref(.note, $0)) })
            || backlinks.contains(where: { $0.kind == .note && changed.contains($0) }) {
            return true
        }
        if reordered.contains(.event), backlinks.contains(where: { $0.kind == .event && changed.contains($0) }) { return true }
        return false
    }

    // MARK: - Timeline

    /// Adds the events shown on another timeline page than before, and the periods whose events
    /// changed. Periods are made year by year (a year's pages depend only on its own events), so
    /// only the periods of a year a changed event was or is in can change, unless the timeline
    /// was split or joined (then every event and period is compared).
    private mutating func periodsChanged(_ before: TimelinePaging, _ after: TimelinePaging, _ old: some SiteLookup, _ new: Site, events: [String]) {
        var candidates = Set<String>()
        var beforePeriods: [TimelinePaging.Period] = [], afterPeriods: [TimelinePaging.Period] = []
        if before.isSplit != after.isSplit || (events.isEmpty && reordered.contains(.event)) {
            candidates = Set(before.eventPeriod.keys).union(after.eventPeriod.keys)
            (beforePeriods, afterPeriods) = (before.periods, after.periods)
        } else if after.isSplit {
            var years = Set<Int>()
            for id in events {
                if let event = old.event(id) { years.insert(event.date.year) }
                if let event = new.events[id] { years.insert(event.date.year) }
            }
            beforePeriods = before.periods.filter { years.contains($0.year) }
            afterPeriods = after.periods.filter { years.contains($0.year) }
            for period in beforePeriods + afterPeriods { candidates.formUnion(period.events) }
        }
        let eventsBefore = Dictionary(beforePeriods.map { ($0.id, $0.events) }, uniquingKeysWith: { first, _ in first })
        for period in afterPeriods where eventsBefore[period.id] != period.events { changedPeriods.insert(period.id) }
        for id in candidates where !values.contains(Ref(.event, id))
            && before.eventPeriod[id].map({ before.periods[$0].id }) != after.eventPeriod[id].map({ after.periods[$0].id }) {
            derived.insert(Ref(.event, id))
        }
    }
}
