/// One kind of page of the site: where its pages are written, the template that shows them, the
/// view builder that fills the template, and what it lists.
///
/// Every page of a site comes from one row of ``all``: the renderer makes one page per row (or
/// one per entity, for `.entity` rows; none for a row a site does not include), the menu is the rows with a `menu` label, the sitemap is
/// the rows that are `inSitemap`, and the theme must have each row's template. Adding a page kind
/// is one row here, one view builder in `PageBuilder` and one template (docs/architecture.md).
struct PageKind: Sendable {
    /// Where the pages of a kind are written.
    enum Output: Sendable, Equatable {
        /// One page, `folder/index.html`; the home page has the empty folder.
        case folder(String)
        /// One file at the root, served at any address (`404.html`): its links are absolute.
        case file(String)
        /// One page per entity of a kind, `actors/ID/index.html`.
        case entity(EntityKind)
        /// A list split into pages (``ListPaging``, ``TimelinePaging``): the first page at
        /// `folder/index.html`, the others in folders below it (`articles/page/2/`, `timeline/2023/`).
        case list(String)
    }

    /// The template that renders the pages (`templates/NAME.mustache`).
    var template: String
    /// Where the pages go.
    var output: Output
    /// The key of its label in the main menu (in the theme's strings), for the kinds in it, in the order of ``all``.
    var menu: String?
    /// Whether the pages are listed in sitemap.xml.
    var inSitemap: Bool = true
    /// The IDs of the pages of a `.list` kind, the first page's empty: `["", "page/2"]`; given the
    /// site and its timeline's paging (made when asked for, once per build: ``TimelinePaging``).
    var listPages: @Sendable (Site, () -> TimelinePaging) -> [String] = { _, _ in [""] }
    /// Whether a site has this kind of page at all (the search page only when `search: true`);
    /// a kind that is off has no page, no menu entry and no sitemap line.
    var isIncluded: @Sendable (Site) -> Bool = { _ in true }
    /// The parts of its pages that cite articles, in the order the page shows them: the page's
    /// sources are numbered in this order (``PageCitations``).
    var citing: [CitingPart] = []
    /// Builds the template's value for the page of `id` (empty for kinds with one page and for a
    /// list's first page), with the page's numbered sources.
    var view: @Sendable (PageBuilder, _ id: String, _ place: PageBuilder.Place, _ citations: PageCitations) -> any TemplateRepresentable

    static let home = PageKind(template: "home", output: .folder(""), menu: "nav.home", citing: [.introduction]) { builder, _, place, citations in builder.homePage(place, citations) }
    static let timeline = PageKind(template: "timeline", output: .list("timeline/"), menu: "nav.timeline",
                                   listPages: { $1().pageIDs },
                                   citing: [.eventSummaries]) { $0.timelinePage($1, $2, $3) }
    static let actors = PageKind(template: "actors", output: .list("actors/"), menu: "nav.actors",
                                 listPages: { site, _ in ListPaging.pageIDs(count: site.actorOrder.count, limit: site.config.listLimit) }) { builder, id, place, _ in builder.actorsIndexPage(id, place) }
    static let network = PageKind(template: "network", output: .folder("network/"), menu: "nav.network") { builder, _, place, _ in builder.networkPage(place) }
    static let articles = PageKind(template: "articles", output: .list("articles/"), menu: "nav.articles",
                                   listPages: { site, _ in ListPaging.pageIDs(count: site.articleOrder.count, limit: site.config.listLimit) }) { builder, id, place, _ in builder.articlesIndexPage(id, place) }
    static let notes = PageKind(template: "notes", output: .list("notes/"), menu: "nav.notes",
                                listPages: { site, _ in ListPaging.pageIDs(count: site.noteOrder.count, limit: site.config.listLimit) }) { builder, id, place, _ in builder.notesIndexPage(id, place) }
    static let search = PageKind(template: "search", output: .folder("search/"), menu: "nav.search",
                                 isIncluded: { $0.config.search }) { builder, _, place, _ in builder.searchPage(place) }
    static let notFound = PageKind(template: "404", output: .file("404.html"), inSitemap: false) { builder, _, place, _ in builder.notFoundPage(place) }
    static let article = PageKind(template: "article", output: .entity(.article), citing: [.body]) { $0.articlePage($0.site.articles[$1]!, $2, $3) }
    static let actor = PageKind(template: "actor", output: .entity(.actor), citing: [.body, .relations, .facts]) { $0.actorPage($0.site.actors[$1]!, $2, $3) }
    static let actorList = PageKind(template: "actor-list", output: .list("actors/"), listPages: { site, _ in ActorLists.pageIDs(in: site) }) {
        $0.actorListPage($1, $2, $3)
    }
    static let event = PageKind(template: "event", output: .entity(.event), citing: [.summary, .quotedSources, .otherSources, .facts]) { $0.eventPage($0.site.events[$1]!, $2, $3) }
    static let note = PageKind(template: "note", output: .entity(.note), citing: [.body]) { $0.notePage($0.site.notes[$1]!, $2, $3) }
    static let page = PageKind(template: "page", output: .entity(.page), citing: [.body]) { $0.standalonePage($0.site.pages[$1]!, $2, $3) }

    /// Every kind of page, menu entries in menu order.
    static let all: [PageKind] = [home, timeline, actors, network, articles, notes, search, notFound, article, actor, actorList, event, note, page]

    /// The IDs of the pages of this kind in `site`: one empty ID for a kind with one page.
    /// `timelinePaging` is the site's, when the caller has made it already.
    func pageIDs(in site: Site, timelinePaging: TimelinePaging? = nil) -> [String] {
        guard isIncluded(site) else { return [] }
        if case .list = output { return listPages(site) { timelinePaging ?? TimelinePaging(site: site, limit: site.config.listLimit) } }
        guard case .entity(let kind) = output else { return [""] }
        switch kind {
        case .article: return site.articleOrder
        case .actor: return site.actorOrder
        case .event: return site.timeline
        case .note: return site.noteOrder
        case .page: return site.pageOrder
        }
    }

    /// The folder URL of a page from the site root (`actors/mali/`, `timeline/`, `timeline/2023/`, `404.html`).
    func folder(of id: String) -> String {
        switch output {
        case .folder(let folder): return folder
        case .list(let folder): return id.isEmpty ? folder : folder + id + "/"
        case .file(let name): return name
        case .entity(let kind): return Ref(kind, id).outputFolder
        }
    }
}
