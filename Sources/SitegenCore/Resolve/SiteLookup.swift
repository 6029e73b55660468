/// Read access to a resolved site, entry by entry: its entities, orders and what is derived from
/// its references. ``Site`` is one; the other is the last site of `sitegen serve` as it was before
/// an incremental patch changed it in place, seen through the patched site and the entries the
/// patch replaced (`ResolvePatch.Relinking`), so that the comparison of the two sites needs no
/// copy of the last one's tables.
protocol SiteLookup {
    /// Standalone page IDs, in menu order (``Site/pageOrder``).
    var pageOrder: [String] { get }
    /// The orders of ``Site``: articles newest first, actors by name, the timeline, notes.
    var articleOrder: [String] { get }
    var actorOrder: [String] { get }
    var timeline: [String] { get }
    var noteOrder: [String] { get }

    func article(_ id: String) -> Article?
    func actor(_ id: String) -> Actor?
    func event(_ id: String) -> Event?
    func note(_ id: String) -> Note?
    func page(_ id: String) -> StandalonePage?

    /// The pages that reference `ref` (``Site/backlinks``).
    func backlinks(to ref: Ref) -> [Ref]?
    /// The notes whose `about` names `ref`, in note order (``Site/notesAbout``).
    func notes(about ref: Ref) -> [String]?
    /// The events of an actor, in timeline order (``Site/eventsByActor``).
    func events(of actor: String) -> [String]?
    /// The relations other actors have towards an actor (``Site/incomingRelations``).
    func incomingRelations(of actor: String) -> [(from: String, relation: Relation)]?
    /// An event's position in ``timeline``.
    func timelinePosition(of id: String) -> Int?
    /// A note's position in ``noteOrder``.
    func notePosition(of id: String) -> Int?
}

extension SiteLookup {
    /// Whether the site has the entity `ref` (and so its page).
    func has(_ ref: Ref) -> Bool {
        switch ref.kind {
        case .article: return article(ref.id) != nil
        case .actor: return actor(ref.id) != nil
        case .event: return event(ref.id) != nil
        case .note: return note(ref.id) != nil
        case .page: return page(ref.id) != nil
        }
    }

    /// Note IDs sorted in note order.
    func inNoteOrder(_ ids: [String]) -> [String] {
        ids.sorted { notePosition(of: $0) ?? .max < notePosition(of: $1) ?? .max }
    }

    /// The pages that reference `ref`, of one kind.
    func backlinks(to ref: Ref, ofKind kind: EntityKind) -> [String] {
        backlinks(to: ref)?.ids(ofKind: kind) ?? []
    }
}

extension Site: SiteLookup {
    func article(_ id: String) -> Article? { articles[id] }
    func actor(_ id: String) -> Actor? { actors[id] }
    func event(_ id: String) -> Event? { events[id] }
    func note(_ id: String) -> Note? { notes[id] }
    func page(_ id: String) -> StandalonePage? { pages[id] }
    func backlinks(to ref: Ref) -> [Ref]? { backlinks[ref] }
    func notes(about ref: Ref) -> [String]? { notesAbout[ref] }
    func events(of actor: String) -> [String]? { eventsByActor[actor] }
    func incomingRelations(of actor: String) -> [(from: String, relation: Relation)]? { incomingRelations[actor] }
    func timelinePosition(of id: String) -> Int? { timelinePosition[id] }
    func notePosition(of id: String) -> Int? { notePosition[id] }
}
