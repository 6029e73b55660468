/// A whole site with every reference checked: the immutable input of verification and rendering.
public struct Site: Sendable {
    public var config: SiteConfig
    public var introduction: MarkdownText?
    public var articles: EntityTable<Article>
    public var actors: EntityTable<Actor>
    public var events: EntityTable<Event>
    public var notes: EntityTable<Note>
    /// Standalone pages (`content/pages/`), by ID.
    public var pages: EntityTable<StandalonePage>
    /// Standalone page IDs: those with a `menu` position first, by it, then by title.
    public var pageOrder: [String]

    /// Article IDs, newest first (then by ID).
    public var articleOrder: [String]
    /// Actor IDs by display name.
    public var actorOrder: [String]
    /// Event IDs in timeline order: start date, coarser precision first, then ID.
    public var timeline: [String]
    /// Note IDs by `order`, then title.
    public var noteOrder: [String]

    /// For each page, the pages that reference it (links, citations, event actors and sources,
    /// relations, fact sources, `about`), sorted, without the page itself.
    public var backlinks: [Ref: [Ref]]
    /// For each actor, relations other actors have towards it.
    public var incomingRelations: [String: [(from: String, relation: Relation)]]
    /// For each actor, the events it takes part in or is linked from, in timeline order.
    public var eventsByActor: [String: [String]]
    /// For each page, the notes whose `about` names it, in note order.
    public var notesAbout: [Ref: [String]]

    /// Each event's position in ``timeline``.
    public var timelinePosition: [String: Int]
    /// Each note's position in ``noteOrder``.
    public var notePosition: [String: Int]

    /// Event IDs sorted in timeline order.
    public func inTimelineOrder(_ ids: [String]) -> [String] {
        ids.sorted { timelinePosition[$0, default: .max] < timelinePosition[$1, default: .max] }
    }

    // Note order and backlinks of one kind: ``SiteLookup``, which a site is.
}
