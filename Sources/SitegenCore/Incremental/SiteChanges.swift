/// What changed between two resolved sites, for ``BuildSession`` to choose the pages to render
/// again (docs/incremental.md).
///
/// An entity has changed when its own value changed (it comes from a file that changed, and
/// reads differently), when it was added or removed, or when what is derived for it changed:
/// who links to it (backlinks), the notes about it, an actor's incoming relations and events,
/// its neighbours in its reading order (the previous and next links), an event's timeline page.
struct SiteChanges {
    /// Entities whose page, or whose showing on other pages, may have changed.
    var entities: Set<Ref> = []
    /// Kinds whose list order (and so membership) changed: their index pages are rendered again.
    var reordered: Set<EntityKind> = []
    /// Whether the timeline's pages changed shape (other periods, other events on them, other counts).
    var timelineReshaped = false
    /// Whether something every page shows changed (the standalone pages of the menu): render everything.
    var everything = false

    /// The changes from `old` to `new`, where `changedValues` are the entities whose own values differ.
    /// `sameReferences` says that `new` was made by ``ResolvePatch``: the same entities, the same
    /// backlinks, relations, actors' events and notes about pages, the same timeline and event dates,
    /// which are then not compared again. `timelinePagings` are the timeline's pages of `old` and
    /// `new`, when the caller has them.
    init(from old: Site, to new: Site, changedValues: Set<Ref>, sameReferences: Bool = false,
         timelinePagings: (old: TimelinePaging, new: TimelinePaging)? = nil) {
        entities = changedValues
        if changedValues.contains(where: { $0.kind == .page }) || old.pageOrder != new.pageOrder {
            everything = true
        }

        // Membership and order.
        if old.articleOrder != new.articleOrder { reordered.insert(.article) }
        if old.actorOrder != new.actorOrder { reordered.insert(.actor) }
        if old.timeline != new.timeline { reordered.insert(.event) }
        if old.noteOrder != new.noteOrder { reordered.insert(.note) }
        // The same entities, and the same data derived from references (ResolvePatch): only the
        // orders of articles and actors may differ.
        if sameReferences {
            neighboursChanged(old, new)
            return
        }
        for (kind, oldIDs, newIDs) in [(EntityKind.article, Set(old.articles.keys), Set(new.articles.keys)),
                                       (.actor, Set(old.actors.keys), Set(new.actors.keys)),
                                       (.event, Set(old.events.keys), Set(new.events.keys)),
                                       (.note, Set(old.notes.keys), Set(new.notes.keys))] where oldIDs != newIDs {
            reordered.insert(kind)
            for id in oldIDs.symmetricDifference(newIDs) { entities.insert(Ref(kind, id)) }
        }

        // Derived data, entity by entity.
        for ref in Set(old.backlinks.keys).union(new.backlinks.keys) where old.backlinks[ref] != new.backlinks[ref] {
            entities.insert(ref)
        }
        for ref in Set(old.notesAbout.keys).union(new.notesAbout.keys) where old.notesAbout[ref] != new.notesAbout[ref] {
            entities.insert(ref)
        }
        for id in Set(old.eventsByActor.keys).union(new.eventsByActor.keys) where old.eventsByActor[id] != new.eventsByActor[id] {
            entities.insert(Ref(.actor, id))
        }
        for id in Set(old.incomingRelations.keys).union(new.incomingRelations.keys) {
            let before = old.incomingRelations[id] ?? [], after = new.incomingRelations[id] ?? []
            if before.count != after.count || zip(before, after).contains(where: { $0.from != $1.from || $0.relation != $1.relation }) {
                entities.insert(Ref(.actor, id))
            }
        }
        neighboursChanged(old, new)
        // The timeline's pages: which page shows each event, and what every page lists.
        if reordered.contains(.event) || !changedValues.filter({ $0.kind == .event }).isEmpty {
            let before = timelinePagings?.old ?? TimelinePaging(site: old, limit: old.config.listLimit)
            let after = timelinePagings?.new ?? TimelinePaging(site: new, limit: new.config.listLimit)
            if before.periods.map(\.id) != after.periods.map(\.id) || before.periods.map(\.events) != after.periods.map(\.events)
                || before.yearCounts != after.yearCounts || before.splitYears != after.splitYears {
                timelineReshaped = true
            }
            for id in Set(before.eventPeriod.keys).union(after.eventPeriod.keys)
                where before.eventPeriod[id].map({ before.periods[$0].id }) != after.eventPeriod[id].map({ after.periods[$0].id }) {
                entities.insert(Ref(.event, id))
            }
        }
    }

    /// Adds the entities whose neighbours in reading order changed, for the previous and next links.
    private mutating func neighboursChanged(_ old: Site, _ new: Site) {
        for (kind, before, after) in [(EntityKind.article, old.articleOrder, new.articleOrder), (.event, old.timeline, new.timeline),
                                      (.note, old.noteOrder, new.noteOrder)] where before != after {
            let oldNeighbours = Self.neighbours(before), newNeighbours = Self.neighbours(after)
            for id in Set(before).union(after) where oldNeighbours[id] != newNeighbours[id] {
                entities.insert(Ref(kind, id))
            }
        }
    }

    /// Each ID's previous and next ID in `order`.
    private static func neighbours(_ order: [String]) -> [String: Pair] {
        var result: [String: Pair] = [:]
        result.reserveCapacity(order.count)
        for (index, id) in order.enumerated() {
            result[id] = Pair(previous: index > 0 ? order[index - 1] : nil, next: index + 1 < order.count ? order[index + 1] : nil)
        }
        return result
    }

    private struct Pair: Equatable {
        var previous: String?
        var next: String?
    }
}
