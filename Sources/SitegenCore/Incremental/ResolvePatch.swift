/// The resolve stage of an edit that changes no link, made from the last site instead of resolving
/// 62,000 entities again (``BuildSession``, docs/incremental.md).
///
/// A resolved ``Site`` is its entities, the orders they are listed in, and what is derived from
/// the references between them (backlinks, incoming relations, each actor's events, the notes
/// about a page). When an edit changes only the values of existing articles, actors, events and
/// notes, and each changed entity still records exactly the same references (the same targets,
/// the same relations, the same `about`) and keeps its place in the orders, everything derived
/// is what it was, and the site is the last one with those entities replaced. An article's date
/// or an actor's name may change: their orders are sorted again, which nothing else depends on.
///
/// Anything else is left to the ``Resolver``: an entity added or removed (or made a draft), a
/// changed event date or note order or title, a changed standalone page, introduction or setting,
/// a file that could not be read, a duplicate event ID, or a reference that would be a problem.
enum ResolvePatch {
    /// The site ``Resolver/resolve(_:)`` makes of `raw`, or nil when this edit needs the resolver.
    ///
    /// - Parameters:
    ///   - raw: the loaded site.
    ///   - old: the site resolved, without a problem, from the same files but those of `changedPaths`.
    ///   - changedValues: the entities whose values differ between the two (added and removed ones among them).
    ///   - changedPaths: the content files whose versions differ.
    static func site(_ raw: RawSite, old: Site, changedValues: Set<Ref>, changedPaths: Set<String>, includeDrafts: Bool) -> Site? {
        let patchable = ["content/articles/", "content/actors/", "content/events/", "content/notes/", "content/sources/"]
        guard raw.brokenRefs.isEmpty,
              changedPaths.allSatisfy({ path in patchable.contains { path.hasPrefix($0) } }),
              changedValues.allSatisfy({ [.article, .actor, .event, .note].contains($0.kind) })
        else { return nil }

        // The new values of the changed entities; each must be in the old site and in the new one.
        // (Looked for by position: a loop over a list copies every entity it looks at.)
        let ids = Dictionary(grouping: changedValues, by: \.kind).mapValues { Set($0.map(\.id)) }
        var articles: [String: Article] = [:], actors: [String: Actor] = [:], events: [String: Event] = [:], notes: [String: Note] = [:]
        if let wanted = ids[.article] {
            for index in raw.articles.indices where wanted.contains(raw.articles[index].id) && (!raw.articles[index].draft || includeDrafts) {
                articles[raw.articles[index].id] = raw.articles[index]
            }
        }
        if let wanted = ids[.actor] {
            for index in raw.actors.indices where wanted.contains(raw.actors[index].id) { actors[raw.actors[index].id] = raw.actors[index] }
        }
        if let wanted = ids[.note] {
            for index in raw.notes.indices where wanted.contains(raw.notes[index].id) && (!raw.notes[index].draft || includeDrafts) {
                notes[raw.notes[index].id] = raw.notes[index]
            }
        }
        if let wanted = ids[.event] {
            for index in raw.events.indices where wanted.contains(raw.events[index].id) {
                guard events[raw.events[index].id] == nil else { return nil }  // a duplicate ID
                events[raw.events[index].id] = raw.events[index]
            }
            // No duplicate ID anywhere: as many events as the old site had, and every changed one in it.
            // The old site had none, so a new one involves an event of a changed file.
            guard raw.events.count == old.events.count else { return nil }
            let edited = Set(raw.events.indices.filter { changedPaths.contains(raw.events[$0].location.path) }.map { raw.events[$0].id })
            var seen = Set<String>()
            for index in raw.events.indices where edited.contains(raw.events[index].id) {
                guard seen.insert(raw.events[index].id).inserted else { return nil }
            }
        }
        guard articles.count == ids[.article, default: []].count, actors.count == ids[.actor, default: []].count,
              events.count == ids[.event, default: []].count, notes.count == ids[.note, default: []].count
        else { return nil }

        var site = old
        site.config = raw.config
        site.introduction = raw.introduction
        var reorderArticles = false, reorderActors = false
        for (id, new) in articles {
            guard let before = old.articles[id], targets(of: new) == targets(of: before), valid(new.body.references, in: old) else { return nil }
            reorderArticles = reorderArticles || new.published != before.published
            site.articles[id] = new
        }
        for (id, new) in actors {
            guard let before = old.actors[id], new.relations == before.relations, targets(of: new) == targets(of: before),
                  valid(new.body.references, in: old) else { return nil }
            reorderActors = reorderActors || new.name.lowercased() != before.name.lowercased()
            site.actors[id] = new
        }
        for (id, new) in events {
            guard let before = old.events[id], new.date == before.date, targets(of: new) == targets(of: before),
                  valid(new.summary?.references ?? [], in: old) else { return nil }
            site.events[id] = new
        }
        for (id, new) in notes {
            guard let before = old.notes[id], new.order == before.order, new.title.lowercased() == before.title.lowercased(),
                  Set(new.about.map(\.ref)) == Set(before.about.map(\.ref)), targets(of: new) == targets(of: before),
                  valid(new.body.references, in: old) else { return nil }
            site.notes[id] = new
        }
        if reorderArticles { site.articleOrder = Resolver.articleOrder(site.articles) }
        if reorderActors { site.actorOrder = Resolver.actorOrder(site.actors) }
        return site
    }

    /// Whether every reference is to a valid ID of a page of `site` (the resolver reports nothing).
    private static func valid(_ references: [MarkdownReference], in site: Site) -> Bool {
        references.allSatisfy { reference in
            guard IDSyntax.isValid(reference.target.id) else { return false }
            switch reference.target.kind {
            case .article: return site.articles[reference.target.id] != nil
            case .actor: return site.actors[reference.target.id] != nil
            case .event: return site.events[reference.target.id] != nil
            case .note: return site.notes[reference.target.id] != nil
            case .page: return site.pages[reference.target.id] != nil
            }
        }
    }

    // What the resolver records a backlink for, by entity: the same set gives the same backlinks,
    // the same events of each actor (an event's actors and the actors its summary links) and the
    // same notes about each page (with the same `about`). SiteChanges looks for changed derived
    // data among these targets.

    private static func targets(_ text: MarkdownText?) -> [Ref] { text?.references.map(\.target) ?? [] }
    private static func articles(_ quotes: [SourceQuote]) -> [Ref] { quotes.map { Ref(.article, $0.article) } }
    private static func articles(_ facts: [Fact]) -> [Ref] { facts.flatMap { $0.values.flatMap { articles($0.sources) } } }

    static func targets(of article: Article) -> Set<Ref> { Set(targets(article.body)) }
    static func targets(of actor: Actor) -> Set<Ref> {
        Set(targets(actor.body) + actor.relations.flatMap { [Ref(.actor, $0.actor)] + articles($0.sources) } + articles(actor.facts))
    }
    static func targets(of event: Event) -> Set<Ref> {
        Set(targets(event.summary) + event.actors.map { Ref(.actor, $0.id) } + articles(event.sources) + articles(event.facts))
    }
    static func targets(of note: Note) -> Set<Ref> { Set(targets(note.body) + note.about.map(\.ref)) }
}
