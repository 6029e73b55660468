/// Every page of a site, kind by kind, as ``SiteRenderer`` makes them
/// (``PageKind/pageIDs(in:timelinePaging:)``), kept by ``BuildSession`` between updates and
/// patched with the entities an edit changed rather than listed again (62,846 pages at 10,000
/// articles; listing them took ~75 ms an update).
///
/// - The pages of an entity kind are the site's order of that kind (shared, not copied): the
///   pages added or removed are those of changed entities that are new or gone, since an
///   entity is in its order exactly when the site has it, which only its own value decides.
/// - An actor's list pages (``ActorLists``) follow the lengths of its lists (its events, the
///   notes about or linking it, what references it), which are derived from the references
///   other entities record to it: they can change only for the actors a changed entity
///   references, before or after the edit (as ``SiteChanges`` finds derived data), and for a
///   changed actor itself. Those actors' pages are listed again, the others' kept.
/// - The other kinds have a few hundred pages at most (the timeline's periods, the indexes'
///   pages) and are listed again.
///
/// A change to a standalone page lists everything again (every page is rendered then anyway).
struct PageList: Sendable {
    typealias Page = BuildSession.PageJob

    /// The IDs of each kind's pages (an index in ``PageKind/all``), in the renderer's order.
    private(set) var ids: [[String]]
    /// The IDs of each actor's list pages, for the actors that have some.
    private var actorLists: [String: [String]]

    /// The index of ``PageKind/actorList`` in ``PageKind/all``.
    static let actorListKind = PageKind.all.firstIndex { $0.template == PageKind.actorList.template }!

    /// The pages of `site`, whose timeline's pages are `paging`.
    init(site: Site, paging: TimelinePaging) {
        var lists: [String: [String]] = [:]
        for actor in site.actorOrder {
            let ids = ActorLists.pageIDs(of: actor, in: site)
            if !ids.isEmpty { lists[actor] = ids }
        }
        actorLists = lists
        ids = PageKind.all.enumerated().map { index, kind in
            guard index == Self.actorListKind else { return kind.pageIDs(in: site, timelinePaging: paging) }
            return kind.isIncluded(site) ? site.actorOrder.flatMap { lists[$0] ?? [] } : []
        }
    }

    /// The number of pages.
    var count: Int { ids.reduce(0) { $0 + $1.count } }

    /// The page `id` of the kind at `kind` in ``PageKind/all``, with its output path.
    static func page(_ kind: Int, _ id: String) -> Page {
        if case .file(let name) = PageKind.all[kind].output { return Page(kind: kind, id: id, path: name) }
        return Page(kind: kind, id: id, path: PageKind.all[kind].folder(of: id) + "index.html")
    }

    /// The pages of the kind at `kind` in ``PageKind/all``.
    func pages(ofKind kind: Int) -> [Page] {
        ids[kind].map { Self.page(kind, $0) }
    }

    /// Every page's output path.
    var paths: [String] {
        ids.indices.flatMap { kind in ids[kind].map { Self.page(kind, $0).path } }
    }

    /// The pages one list has and another does not.
    struct Difference: Sendable {
        var added: [Page] = []
        var removed: [Page] = []
    }

    /// Makes this list (of `old`) the list of `site`, whose timeline's pages are `paging`, and
    /// returns the pages added and removed. `changedValues` are the entities whose own values
    /// differ between the two sites (added and removed ones among them); `old` is the last site (or
    /// the one a patch replaced, seen through the patched one: ``ResolvePatch/SiteBefore``), nil when the
    /// site was patched by ``ResolvePatch/patch(_:raw:changedValues:changedPaths:includeDrafts:)``
    /// (the same entities and references: no entity page or actor list page comes or goes).
    mutating func update<Old: SiteLookup>(to site: Site, paging: TimelinePaging, from old: Old?, changedValues: Set<Ref>) -> Difference {
        let start = self
        // Listed again: every page is rendered anyway when a standalone page changed; and should
        // the patched site's pages not be the last ones, as nothing suggests.
        func listedAgain() -> Difference {
            self = PageList(site: site, paging: paging)
            return Self.difference(from: start, to: self)
        }
        if changedValues.contains(where: { $0.kind == .page }) || changedValues.count > 1_000 || old.map({ $0.pageOrder != site.pageOrder }) ?? false {
            return listedAgain()
        }
        var difference = Difference()
        for (index, kind) in PageKind.all.enumerated() {
            let before = ids[index]
            switch kind.output {
            case .entity(let entityKind):
                let after = kind.pageIDs(in: site)
                ids[index] = after
                guard let old else {
                    if after.count != before.count { return listedAgain() }
                    continue
                }
                var added: [Page] = [], removed: [Page] = []
                for ref in changedValues where ref.kind == entityKind {
                    switch (old.has(ref), site.has(ref)) {
                    case (false, true): added.append(Self.page(index, ref.id))
                    case (true, false): removed.append(Self.page(index, ref.id))
                    default: break
                    }
                }
                if before.count - removed.count + added.count == after.count {
                    difference.added += added.sorted { $0.path < $1.path }
                    difference.removed += removed.sorted { $0.path < $1.path }
                } else {
                    Self.compare(index, before, after, into: &difference)  // not expected: compared whole
                }
            case _ where index == Self.actorListKind:
                if let old, kind.isIncluded(site) {
                    // The actors whose lists may have other lengths: those a changed entity references, before or after.
                    var actors = Set<String>()
                    for ref in changedValues {
                        if ref.kind == .actor { actors.insert(ref.id) }
                        var targets = Set<Ref>()
                        SiteChanges.references(of: ref, in: old, into: &targets)
                        SiteChanges.references(of: ref, in: site, into: &targets)
                        for target in targets where target.kind == .actor { actors.insert(target.id) }
                    }
                    for actor in actors.sorted() {
                        let after = site.actors[actor] == nil ? [] : ActorLists.pageIDs(of: actor, in: site)
                        let before = actorLists[actor] ?? []
                        guard after != before else { continue }
                        Self.compare(index, before, after, into: &difference)
                        actorLists[actor] = after.isEmpty ? nil : after
                    }
                }
                // In the actors' order, which a rename changes.
                let after = kind.isIncluded(site) ? site.actorOrder.flatMap { actorLists[$0] ?? [] } : []
                if old == nil && after.count != before.count { return listedAgain() }
                ids[index] = after
            default:
                let after = kind.pageIDs(in: site, timelinePaging: paging)
                if after != before { Self.compare(index, before, after, into: &difference) }
                ids[index] = after
            }
        }
        return difference
    }

    /// The pages `new` has and `old` does not, and the other way round.
    static func difference(from old: PageList, to new: PageList) -> Difference {
        var difference = Difference()
        for index in PageKind.all.indices where old.ids[index] != new.ids[index] {
            compare(index, old.ids[index], new.ids[index], into: &difference)
        }
        return difference
    }

    /// Adds the pages of the kind at `kind` that are in `after` and not in `before` (added), and the other way round (removed).
    private static func compare(_ kind: Int, _ before: [String], _ after: [String], into difference: inout Difference) {
        let (beforeSet, afterSet) = (Set(before), Set(after))
        difference.added += after.filter { !beforeSet.contains($0) }.map { page(kind, $0) }
        difference.removed += before.filter { !afterSet.contains($0) }.map { page(kind, $0) }
    }

    /// The entity page of `site` at the output path `path` (`articles/ID/index.html`), if there is one.
    static func entityPage(at path: String, in site: Site) -> Page? {
        guard path.hasSuffix("/index.html") else { return nil }
        let folder = path.dropLast("index.html".count)
        for (index, kind) in PageKind.all.enumerated() {
            guard case .entity(let entityKind) = kind.output else { continue }
            let prefix = entityKind == .page ? "" : entityKind.folder + "/"
            guard folder.hasPrefix(prefix), folder.count > prefix.count + 1 else { continue }
            let ref = Ref(entityKind, String(folder.dropFirst(prefix.count).dropLast()))
            if ref.outputFolder == folder && site.has(ref) { return Page(kind: index, id: ref.id, path: path) }
        }
        return nil
    }
}
