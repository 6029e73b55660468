extension ResolvePatch {
    /// What ``relink(_:raw:changedValues:changedPaths:includeDrafts:)`` replaced in a site, entry by
    /// entry: each entity, backlink list, actor's events, notes about a page and incoming relations it
    /// changed, as they were (nil: there was none), the orders as they were, and what it takes to
    /// tell the old positions in them. ``undo(in:)`` makes the patched site the old one again;
    /// ``SiteBefore`` shows the old one without copying it.
    struct Relinking: Sendable {
        var articles: [String: Article?] = [:], actors: [String: Actor?] = [:], events: [String: Event?] = [:], notes: [String: Note?] = [:]
        var backlinks: [Ref: [Ref]?] = [:]
        var incomingRelations: [String: [(from: String, relation: Relation)]?] = [:]
        var eventsByActor: [String: [String]?] = [:]
        var notesAbout: [Ref: [String]?] = [:]
        /// The orders as they were.
        let articleOrder: [String], actorOrder: [String], timeline: [String], noteOrder: [String]
        /// The old positions of the changed events and notes that were in the site.
        var timelinePositions: [String: Int] = [:], notePositions: [String: Int] = [:]
        /// The first positions of the timeline and of the notes numbered again (before them, the orders are the old ones).
        var timelineFrom = Int.max, notesFrom = Int.max
        /// The new positions of the changed events and notes that are in the site, sorted.
        var timelineInserted: [Int] = [], notesInserted: [Int] = []
        let config: SiteConfig
        let introduction: MarkdownText?

        /// Nothing replaced yet in `site`.
        init(_ site: Site) {
            (articleOrder, actorOrder, timeline, noteOrder) = (site.articleOrder, site.actorOrder, site.timeline, site.noteOrder)
            (config, introduction) = (site.config, site.introduction)
        }

        /// Keeps the entry `key` of `table` as it is, unless one was kept already.
        static func keep<Key: Hashable, Value>(_ key: Key, of table: [Key: Value], in kept: inout [Key: Value?]) {
            if kept.index(forKey: key) == nil { kept[key] = .some(table[key]) }
        }

        /// Sets the entity `id` of `table` to `entity` (removes it when nil), keeping the entity it
        /// replaces in `kept`, unless one was kept already.
        static func replace<Entity>(_ id: String, in table: inout EntityTable<Entity>, keeping kept: inout [String: Entity?], with entity: Entity?) {
            if kept.index(forKey: id) == nil { kept[id] = .some(table[id]) }
            table[id] = entity
        }

        /// Whether the site had the changed entity `ref` before the patch.
        func hadValue(_ ref: Ref) -> Bool {
            switch ref.kind {
            case .article: return articles[ref.id].map { $0 != nil } ?? false
            case .actor: return actors[ref.id].map { $0 != nil } ?? false
            case .event: return events[ref.id].map { $0 != nil } ?? false
            case .note: return notes[ref.id].map { $0 != nil } ?? false
            case .page: return false
            }
        }

        /// Makes the patched `site` the site it was.
        func undo(in site: inout Site) {
            for (id, value) in articles { site.articles[id] = value }
            for (id, value) in actors { site.actors[id] = value }
            for (id, value) in events { site.events[id] = value }
            for (id, value) in notes { site.notes[id] = value }
            for (key, value) in backlinks { site.backlinks[key] = value }
            for (key, value) in incomingRelations { site.incomingRelations[key] = value }
            for (key, value) in eventsByActor { site.eventsByActor[key] = value }
            for (key, value) in notesAbout { site.notesAbout[key] = value }
            (site.articleOrder, site.actorOrder, site.timeline, site.noteOrder) = (articleOrder, actorOrder, timeline, noteOrder)
            // Positions: the new entities' taken out, the others numbered again where they may have moved.
            for (id, value) in events where value == nil { site.timelinePosition[id] = nil }
            for (id, value) in notes where value == nil { site.notePosition[id] = nil }
            for index in min(timelineFrom, timeline.count)..<timeline.count { site.timelinePosition[timeline[index]] = index }
            for index in min(notesFrom, noteOrder.count)..<noteOrder.count { site.notePosition[noteOrder[index]] = index }
            (site.config, site.introduction) = (config, introduction)
        }

        /// The position an entity that did not change had in `order` (the old one), given its
        /// position in the patched order: the entities that did not change are in the same order
        /// in both, so it is found by counting the changed ones inserted before it and those taken
        /// out before it.
        fileprivate static func oldPosition(_ id: String, new position: Int, in order: [String], from: Int, inserted: [Int], removed: [Int]) -> Int? {
            guard position >= from else { return position }
            var old = position - inserted.count { $0 < position }
            for index in removed.sorted() where index <= old { old += 1 }
            return old < order.count && order[old] == id ? old : order.firstIndex(of: id)
        }
    }

    /// The site as it was before ``relink(_:raw:changedValues:changedPaths:includeDrafts:)``
    /// patched it, seen through the patched site (`site`) and what the patch replaced: no table of
    /// the site is copied.
    struct SiteBefore: SiteLookup {
        let site: Site
        let relinking: Relinking

        var pageOrder: [String] { site.pageOrder }
        var articleOrder: [String] { relinking.articleOrder }
        var actorOrder: [String] { relinking.actorOrder }
        var timeline: [String] { relinking.timeline }
        var noteOrder: [String] { relinking.noteOrder }

        func article(_ id: String) -> Article? { relinking.articles[id] ?? site.articles[id] }
        func actor(_ id: String) -> Actor? { relinking.actors[id] ?? site.actors[id] }
        func event(_ id: String) -> Event? { relinking.events[id] ?? site.events[id] }
        func note(_ id: String) -> Note? { relinking.notes[id] ?? site.notes[id] }
        func page(_ id: String) -> StandalonePage? { site.pages[id] }
        func backlinks(to ref: Ref) -> [Ref]? { relinking.backlinks[ref] ?? site.backlinks[ref] }
        func notes(about ref: Ref) -> [String]? { relinking.notesAbout[ref] ?? site.notesAbout[ref] }
        func events(of actor: String) -> [String]? { relinking.eventsByActor[actor] ?? site.eventsByActor[actor] }
        func incomingRelations(of actor: String) -> [(from: String, relation: Relation)]? {
            relinking.incomingRelations[actor] ?? site.incomingRelations[actor]
        }

        func timelinePosition(of id: String) -> Int? {
            if relinking.events[id] != nil { return relinking.timelinePositions[id] }
            guard let position = site.timelinePosition[id] else { return nil }
            return Relinking.oldPosition(id, new: position, in: relinking.timeline, from: relinking.timelineFrom,
                                         inserted: relinking.timelineInserted, removed: Array(relinking.timelinePositions.values))
        }

        func notePosition(of id: String) -> Int? {
            if relinking.notes[id] != nil { return relinking.notePositions[id] }
            guard let position = site.notePosition[id] else { return nil }
            return Relinking.oldPosition(id, new: position, in: relinking.noteOrder, from: relinking.notesFrom,
                                         inserted: relinking.notesInserted, removed: Array(relinking.notePositions.values))
        }
    }
}
