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
/// A reference of a changed entity to a page that does not exist (or with an invalid ID) is
/// reported here, with the resolver's own checks (``ReferenceScan``): the other entities are
/// unchanged and so are the pages they can name, so these are all the problems the resolver would
/// find, and the edit needs no site (errors stop the build).
///
/// Anything else is left to the ``Resolver``: an entity added or removed (or made a draft), a
/// changed event date or note order or title, a changed standalone page, introduction or setting,
/// a file that could not be read, or a duplicate event ID.
///
/// The site is patched in place, and the values it replaced are given back (``Replaced``), so
/// that the caller can undo the patch: the last site's tables are not copied to replace a few
/// of their entries, as long as the caller holds the only copy of the site.
enum ResolvePatch {
    /// What a patch replaced: the changed entities' old values and the orders before. Its
    /// ``undo(in:)`` makes the patched site the old one again.
    struct Replaced: Sendable {
        var articles: [String: Article] = [:], actors: [String: Actor] = [:], events: [String: Event] = [:], notes: [String: Note] = [:]
        /// The orders that were sorted again, as they were (nil: unchanged).
        var articleOrder: [String]?, actorOrder: [String]?
        var config: SiteConfig
        var introduction: MarkdownText?

        /// The old site's order of articles, given the patched site.
        func oldArticleOrder(_ site: Site) -> [String] { articleOrder ?? site.articleOrder }
        /// The old site's order of actors, given the patched site.
        func oldActorOrder(_ site: Site) -> [String] { actorOrder ?? site.actorOrder }

        /// Puts the old values back into the patched `site`.
        func undo(in site: inout Site) {
            for (id, article) in articles { site.articles[id] = article }
            for (id, actor) in actors { site.actors[id] = actor }
            for (id, event) in events { site.events[id] = event }
            for (id, note) in notes { site.notes[id] = note }
            if let articleOrder { site.articleOrder = articleOrder }
            if let actorOrder { site.actorOrder = actorOrder }
            site.config = config
            site.introduction = introduction
        }
    }

    /// What ``patch(_:raw:changedValues:changedPaths:includeDrafts:)`` did.
    enum Outcome {
        /// The site is the one ``Resolver/resolve(_:)`` makes of the loaded site; these are the values it replaced.
        case patched(Replaced)
        /// The resolver would report these problems (and only these): the site is untouched.
        case problems([Diagnostic])
    }

    /// Makes `site` the site ``Resolver/resolve(_:)`` makes of `raw`, or finds the problems it
    /// would report; nil, with `site` untouched, when this edit needs the resolver.
    ///
    /// - Parameters:
    ///   - site: the site resolved, without a problem, from the same files but those of `changedPaths`.
    ///   - raw: the loaded site.
    ///   - changedValues: the entities whose values differ between the two (added and removed ones among them).
    ///   - changedPaths: the content files whose versions differ.
    static func patch(_ site: inout Site, raw: RawSite, changedValues: Set<Ref>, changedPaths: Set<String>, includeDrafts: Bool) -> Outcome? {
        let patchable = ["content/articles/", "content/actors/", "content/events/", "content/notes/", "content/sources/"]
        guard raw.brokenRefs.isEmpty,
              changedPaths.allSatisfy({ path in patchable.contains { path.hasPrefix($0) } }),
              changedValues.allSatisfy({ [.article, .actor, .event, .note].contains($0.kind) })
        else { return nil }

        // The new values of the changed entities, and where they are in the loaded lists; each
        // must be in the old site and in the new one. (Looked for by position: a loop over a list
        // copies every entity it looks at.)
        let ids = Dictionary(grouping: changedValues, by: \.kind).mapValues { Set($0.map(\.id)) }
        var articles: [String: Int] = [:], actors: [String: Int] = [:], events: [String: Int] = [:], notes: [String: Int] = [:]
        if let wanted = ids[.article] {
            for index in raw.articles.indices where wanted.contains(raw.articles[index].id) && (!raw.articles[index].draft || includeDrafts) {
                articles[raw.articles[index].id] = index
            }
        }
        if let wanted = ids[.actor] {
            for index in raw.actors.indices where wanted.contains(raw.actors[index].id) { actors[raw.actors[index].id] = index }
        }
        if let wanted = ids[.note] {
            for index in raw.notes.indices where wanted.contains(raw.notes[index].id) && (!raw.notes[index].draft || includeDrafts) {
                notes[raw.notes[index].id] = index
            }
        }
        if let wanted = ids[.event] {
            // The old site's events were those of the last files, each ID once: a duplicate ID now
            // involves an event of a changed file, with an ID it has twice or that an event of a
            // file that did not change has (in the old site, at that file). Then, with as many
            // events as before, the changed files have the IDs they had. (Paths are compared, not
            // hashed: an edit changes a file or two, and there are 50,000 events.)
            let few = changedPaths.count <= 8 ? Array(changedPaths) : nil
            var seen = Set<String>()
            for index in raw.events.indices where few?.contains(raw.events[index].location.path) ?? changedPaths.contains(raw.events[index].location.path) {
                let id = raw.events[index].id
                guard seen.insert(id).inserted, let path = site.events[id]?.location.path, changedPaths.contains(path) else { return nil }
                if wanted.contains(id) { events[id] = index }
            }
            guard raw.events.count == site.events.count else { return nil }
        }
        guard articles.count == ids[.article, default: []].count, actors.count == ids[.actor, default: []].count,
              events.count == ids[.event, default: []].count, notes.count == ids[.note, default: []].count,
              articles.keys.allSatisfy({ site.articles[$0] != nil }), actors.keys.allSatisfy({ site.actors[$0] != nil }),
              events.keys.allSatisfy({ site.events[$0] != nil }), notes.keys.allSatisfy({ site.notes[$0] != nil })
        else { return nil }

        // The same pages as before: the changed entities' references are checked against them as the
        // resolver checks them, and every other entity's references were checked before and name the same pages.
        var drafts = Set<Ref>()
        if !includeDrafts {
            for index in raw.articles.indices where raw.articles[index].draft { drafts.insert(Ref(.article, raw.articles[index].id)) }
            for index in raw.notes.indices where raw.notes[index].draft { drafts.insert(Ref(.note, raw.notes[index].id)) }
            for index in raw.pages.indices where raw.pages[index].draft { drafts.insert(Ref(.page, raw.pages[index].id)) }
        }
        let scan = ReferenceScan(raw: raw, pages: SitePages(site: site), drafts: drafts)
        let problems = scan.problems(of: .article, at: articles.values.sorted()) + scan.problems(of: .actor, at: actors.values.sorted())
            + scan.problems(of: .event, at: events.values.sorted()) + scan.problems(of: .note, at: notes.values.sorted())
        guard problems.isEmpty else { return .problems(problems) }

        // Each changed entity records the same references as before, and keeps its place where a
        // place is derived from (the timeline, the note order).
        for (id, index) in articles where targets(of: raw.articles[index]) != targets(of: site.articles[id]!) { return nil }
        for (id, index) in actors {
            let before = site.actors[id]!
            guard raw.actors[index].relations == before.relations, targets(of: raw.actors[index]) == targets(of: before) else { return nil }
        }
        for (id, index) in events {
            let before = site.events[id]!
            guard raw.events[index].date == before.date, targets(of: raw.events[index]) == targets(of: before) else { return nil }
        }
        for (id, index) in notes {
            let (new, before) = (raw.notes[index], site.notes[id]!)
            guard new.order == before.order, new.title.lowercased() == before.title.lowercased(),
                  Set(new.about.map(\.ref)) == Set(before.about.map(\.ref)), targets(of: new) == targets(of: before) else { return nil }
        }

        // Patched in place: each table is replaced entry by entry (the old values kept for undoing).
        var replaced = Replaced(config: site.config, introduction: site.introduction)
        site.config = raw.config
        site.introduction = raw.introduction
        var reorderArticles = false, reorderActors = false
        for (id, index) in articles {
            let before = site.articles.updateValue(raw.articles[index], forKey: id)!
            reorderArticles = reorderArticles || raw.articles[index].published != before.published
            replaced.articles[id] = before
        }
        for (id, index) in actors {
            let before = site.actors.updateValue(raw.actors[index], forKey: id)!
            reorderActors = reorderActors || raw.actors[index].name.lowercased() != before.name.lowercased()
            replaced.actors[id] = before
        }
        for (id, index) in events { replaced.events[id] = site.events.updateValue(raw.events[index], forKey: id)! }
        for (id, index) in notes { replaced.notes[id] = site.notes.updateValue(raw.notes[index], forKey: id)! }
        if reorderArticles { replaced.articleOrder = site.articleOrder; site.articleOrder = Resolver.articleOrder(site.articles) }
        if reorderActors { replaced.actorOrder = site.actorOrder; site.actorOrder = Resolver.actorOrder(site.actors) }
        return .patched(replaced)
    }

    /// The pages of a resolved site as the targets of references: whether each exists (every
    /// page is number 0: the patch records no link).
    private struct SitePages: ReferenceTargets {
        let site: Site

        func number(_ kind: EntityKind, _ id: String) -> Int32? {
            switch kind {
            case .article: return site.articles[id] == nil ? nil : 0
            case .actor: return site.actors[id] == nil ? nil : 0
            case .event: return site.events[id] == nil ? nil : 0
            case .note: return site.notes[id] == nil ? nil : 0
            case .page: return site.pages[id] == nil ? nil : 0
            }
        }

        func range(of kind: EntityKind) -> Range<Int32> { 0..<1 }

        func ids(of kind: EntityKind) -> [String] {
            switch kind {
            case .article: return Array(site.articles.keys)
            case .actor: return Array(site.actors.keys)
            case .event: return Array(site.events.keys)
            case .note: return Array(site.notes.keys)
            case .page: return Array(site.pages.keys)
            }
        }

        /// The loaders keep no entity whose ID is invalid (they report it), so neither does a site.
        var allValid: Bool { true }
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
