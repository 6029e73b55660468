import Foundation

/// Builds the view of one page and renders it with its template.
struct PageBuilder {
    let site: Site
    let theme: Theme
    /// Asset key → path from the site root (`style_css` → `assets/style.3f2a9c1b.css`).
    let assetPaths: [String: String]
    /// The theme's words in the site's language.
    let strings: StringTable
    /// The same words as templates see them, `t`.
    let stringsValue: TemplateValue
    let dates: DateText
    /// `aria-label="…"` for footnotes' links back to the text, when the site's words differ from cmark-gfm's.
    let footnoteBack: String?
    /// Each event's, note's and article's place in its reading order, for the previous and next links.
    let readingPositions: [EntityKind: [String: Int]]
    /// The timeline's pages, and which page shows each event.
    let timelinePaging: TimelinePaging
    /// The menu, the same on every page but for its links: the page kinds that are in it, then
    /// the standalone pages that have a `menu` position (label, folder, template).
    private let menu: (sections: [(String, String, String)], pages: [(String, String, String)])
    /// The headings of the "Referenced by" sections, by the kind they list.
    private let backlinkTitles: [(EntityKind, String)]
    /// The marks of single citations, with `sources.source` before their numbers.
    private let citationMarks: CitationMarks
    /// What this builder, and the builders sharing its memo, have made already and will show
    /// again (``ViewMemo``).
    let memo: ViewMemo

    /// How many notes, and actors of each kind, the home page lists at most; the indexes list them all.
    static let homeNotesLimit = 10
    static let homeActorsPerKindLimit = 20

    /// Notes with at least this many top headings get a table of contents.
    static let tocMinimumSections = 4

    /// A builder for `site`; `timelinePaging` is the site's (``TimelinePaging``), made here when not
    /// given (a build makes it once for all its builders). Builders of the same site and theme
    /// may share a `memo`.
    init(site: Site, theme: Theme, assetPaths: [String: String], timelinePaging: TimelinePaging? = nil, memo: ViewMemo = ViewMemo()) {
        self.site = site
        self.memo = memo
        self.theme = theme
        self.assetPaths = assetPaths
        strings = theme.strings
        stringsValue = theme.strings.templateValue
        dates = DateText(strings: theme.strings)
        let back = "aria-label=\"" + HTMLEscaping.escape(theme.strings.text("footnotes.back")) + "\""
        footnoteBack = back == Self.cmarkFootnoteBack ? nil : back
        // The site has the events' and notes' positions already; each builder of a build would
        // otherwise make the 50,000 of a large site's timeline again.
        readingPositions = [.event: site.timelinePosition, .note: site.notePosition,
                            .article: Dictionary(site.articleOrder.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })]
        self.timelinePaging = timelinePaging ?? TimelinePaging(site: site, limit: site.config.listLimit)
        let strings = theme.strings
        backlinkTitles = [(.article, strings.text("related.articles")), (.actor, strings.text("related.actors")),
                          (.event, strings.text("related.events")), (.note, strings.text("related.notes_referring")),
                          (.page, strings.text("related.pages_referring"))]
        citationMarks = CitationMarks(label: strings.text("sources.source"))
        menu = (PageKind.all.filter { $0.isIncluded(site) }.compactMap { kind in kind.menu.map { (strings.text($0), kind.folder(of: ""), kind.template) } },
                site.pageOrder.compactMap { site.pages[$0] }.filter { $0.menu != nil }
                    .map { ($0.title, Ref(.page, $0.id).outputFolder, PageKind.page.template) })
    }

    /// Where a page is written and its path back to the site root.
    struct Place {
        var file: String
        var folder: String
        var root: String
        /// The template of the page's kind (`articles`), which marks its menu entry as current.
        var kind: String = ""
        /// What pages at the same depth share (``RootMemo``).
        var memo: RootMemo
    }

    /// Renders the page `id` of `kind` (`id` is empty for kinds with one page).
    func render(_ kind: PageKind, _ id: String) -> OutputFile {
        renderShowingOwnText(kind, id).file
    }

    /// Renders the page `id` of `kind`, with the HTML of the entity's own text that the view gave
    /// the template (``ShowsOwnText``; nil for a page without one). The template may or may not
    /// have shown it.
    func renderShowingOwnText(_ kind: PageKind, _ id: String) -> (file: OutputFile, ownText: String?) {
        let place = self.place(kind, id)
        let view = kind.view(self, id, place, citations(kind, id))
        let context = PageContext(view: view.templateValue, strings: stringsValue)
        guard let html = theme.library.render(context.templateValue, template: kind.template) else {
            preconditionFailure("the theme has no template `\(kind.template)`: ThemeLoader reports a missing page template")
        }
        return (OutputFile(path: place.file, contents: Data(html)), (view as? ShowsOwnText)?.ownTextHTML)
    }

    /// The numbered sources of page `id`: what its kind's citing parts cite, in their order.
    func citations(_ kind: PageKind, _ id: String) -> PageCitations {
        guard !kind.citing.isEmpty else { return .none }
        var cited: [String] = []
        if kind.output == .entity(.event) {
            // An event page has four citing parts: its event is looked up once, not once for each.
            // Only the fields that cite are read: copying the whole event out of the site's
            // dictionary retains all of its strings and arrays.
            guard let event = site.events[id] else { return .none }
            let summary = event.summary?.content.marks, sources = event.sources, facts = event.facts
            for part in kind.citing { citedArticles(part, summary: summary, sources: sources, facts: facts, into: &cited) }
        } else {
            for part in kind.citing { citedArticles(part, kind, id, into: &cited) }
        }
        return PageCitations(cited, marks: citationMarks)
    }

    /// Appends the articles a text whose marks are `marks` cites to `cited`, in the order it
    /// cites them (the marks only: reading a whole text copies its source and references).
    private func cited(_ marks: [MarkdownContent.Mark]?, into cited: inout [String]) {
        guard let marks else { return }
        for mark in marks { if case .citation(let ids) = mark.kind { cited += ids } }
    }

    /// Appends the articles of `sources` that are on the site to `cited`, in their order.
    private func published(_ sources: [SourceQuote], into cited: inout [String], where shown: (SourceQuote) -> Bool = { _ in true }) {
        for source in sources where shown(source) && site.articles.index(forKey: source.article) != nil { cited.append(source.article) }
    }

    /// Appends the articles one part of an event's page cites to `cited`, in the order the page
    /// shows them; `summary` is the marks of the event's summary.
    private func citedArticles(_ part: CitingPart, summary: [MarkdownContent.Mark]?, sources: [SourceQuote], facts: [Fact],
                               into cited: inout [String]) {
        switch part {
        case .summary: self.cited(summary, into: &cited)
        case .quotedSources: published(sources, into: &cited) { $0.quote != nil }
        case .otherSources: published(sources, into: &cited) { $0.quote == nil }
        case .facts: for fact in facts { for value in fact.values { published(value.sources, into: &cited) } }
        case .introduction, .body, .eventSummaries, .relations: break
        }
    }

    /// Appends the articles one part of page `id` cites to `cited`, in the order the page shows them.
    private func citedArticles(_ part: CitingPart, _ kind: PageKind, _ id: String, into cited: inout [String]) {
        guard case .entity(let entity) = kind.output else {
            switch part {
            case .introduction: self.cited(site.introduction?.content.marks, into: &cited)
            case .eventSummaries: for event in timelineEvents(id) { self.cited(site.events[event]?.summary?.content.marks, into: &cited) }
            case .body, .summary, .quotedSources, .otherSources, .relations, .facts: break
            }
            return
        }
        switch (part, entity) {
        case (.body, .article): self.cited(site.articles[id]?.body.content.marks, into: &cited)
        case (.body, .actor): self.cited(site.actors[id]?.body.content.marks, into: &cited)
        case (.body, .note): self.cited(site.notes[id]?.body.content.marks, into: &cited)
        case (.body, .page): self.cited(site.pages[id]?.body.content.marks, into: &cited)
        case (_, .event):
            if let event = site.events[id] {
                citedArticles(part, summary: event.summary?.content.marks, sources: event.sources, facts: event.facts, into: &cited)
            }
        case (.relations, .actor):
            guard let actor = site.actors[id] else { return }
            for group in shownRelations(actor) { for relation in group.relations { published(relation.relation.sources, into: &cited) } }
        case (.facts, .actor):
            guard let actor = site.actors[id] else { return }
            for fact in actor.facts { for value in fact.values { published(value.sources, into: &cited) } }
        default: break
        }
    }

    private func place(_ kind: PageKind, _ id: String) -> Place {
        let folder = kind.folder(of: id)
        switch kind.output {
        case .file(let name):
            // Served at any depth: absolute links when the address is known.
            let root = site.config.baseURL ?? ""
            return Place(file: name, folder: folder, root: root, kind: kind.template, memo: memo.root(root))
        case .folder, .entity, .list:
            let depth = folder.utf8.filter { $0 == UInt8(ascii: "/") }.count
            let root = String(repeating: "../", count: depth)
            return Place(file: folder + "index.html", folder: folder, root: root, kind: kind.template, memo: memo.root(root))
        }
    }

    // MARK: - Shared pieces

    private func link(_ ref: Ref, from place: Place) -> String {
        site.config.linkStyle.url(root: place.root, folder: ref.outputFolder)
    }

    /// The link to a built-in section (`timeline/`, or empty for the home page).
    private func link(section folder: String, from place: Place, fragment: String? = nil) -> String {
        site.config.linkStyle.url(root: place.root, folder: folder, fragment: fragment)
    }

    /// Markdown's HTML finished for this page: cross-reference links and citation numbers, and the
    /// footnotes' "Back to content" links (written by cmark-gfm in English) in the site's words.
    private func finish(_ content: MarkdownContent, _ place: Place, _ citations: PageCitations) -> String {
        let finished = content.html(root: place.root, links: site.config.linkStyle, citations: citations)
        guard let footnoteBack, finished.containsBytes(Self.cmarkFootnoteBack) else { return finished }
        return finished.replacingAll(Self.cmarkFootnoteBack, with: footnoteBack)
    }

    /// The label cmark-gfm gives a footnote's link back to the text.
    private static let cmarkFootnoteBack = "aria-label=\"Back to content\""

    private func home(from place: Place) -> String {
        place.root.isEmpty ? "./" : place.root
    }

    private func absoluteURL(_ folder: String) -> String? {
        site.config.baseURL.map { $0 + folder }
    }

    /// A front-matter image as the page shows it, when it was found.
    private func imageView(_ image: PageImage?, _ place: Place) -> ImageView? {
        guard let image, let source = image.source else { return nil }
        return ImageView(src: source.url(root: place.root), alt: image.alt, hasSize: image.size != nil,
                         width: image.size?.width ?? 0, height: image.size?.height ?? 0, credit: image.credit)
    }

    /// A front-matter image's absolute URL, for link previews and JSON-LD: a file of `static/`
    /// under `base_url` (none without one), an external address as written.
    private func absoluteImageURL(_ image: PageImage?) -> String? {
        switch image?.source {
        case .site?: return site.config.baseURL.map { image!.source!.url(root: $0) }
        case .external(let address)?: return address.hasPrefix("//") ? "https:" + address : address
        case nil: return nil
        }
    }

    private func pageView(_ place: Place, heading: String, description: String, ogType: String,
                          canonical: Bool = true, jsonLD: JSONLD.Object, image: PageImage? = nil,
                          indexedAs: (kind: EntityKind, year: Int?)? = nil) -> PageView {
        // The menu: the page kinds that are in it, then the standalone pages that have a `menu` position.
        // Every page of a split list (`articles/page/2/`) marks its section as current.
        let layout = place.memo.layout {
            var links: [String: String] = [:]
            for (_, folder, _) in menu.sections { links[folder.isEmpty ? "home" : String(folder.dropLast())] = link(section: folder, from: place) }
            var assets: [String: String] = [:]
            for (key, path) in assetPaths { assets[key] = place.root + path }
            return RootMemo.Layout(assets: assets, links: links,
                                   sectionURLs: (menu.sections + menu.pages).map { link(section: $0.1, from: place) })
        }
        let isNotFound = place.file == PageKind.notFound.folder(of: "")
        let nav = zip(menu.sections + menu.pages, layout.sectionURLs).map { entry, url in
            NavItem(label: entry.0, url: url,
                    current: (place.folder == entry.1 || (place.kind == entry.2 && entry.2 != PageKind.page.template)) && !isNotFound)
        }
        let links = layout.links
        let assets = layout.assets
        var ld = jsonLD
        if canonical, let url = absoluteURL(place.folder), ld["url"] == nil { ld["url"] = .text(url) }
        let imageURL = absoluteImageURL(image)
        if let imageURL, ld["image"] == nil { ld["image"] = .text(imageURL) }
        let title = place.file == "index.html" ? site.config.title : strings.text("site.page_title") { $0 == "page" ? heading : $0 == "site" ? site.config.title : nil }
        return PageView(title: title, heading: heading, description: description.isEmpty ? site.config.description : description,
                        lang: site.config.language, dir: strings.language.direction, canonical: canonical ? absoluteURL(place.folder) : nil,
                        ogType: ogType, root: home(from: place), path: place.folder,
                        stylesheet: assets["style_css"] ?? "", assets: assets, links: links, jsonLD: JSONLD.script(ld), nav: nav,
                        feed: site.config.baseURL == nil ? nil : place.root + "feed.xml",
                        site: SiteView(title: site.config.title, description: site.config.description,
                                       language: site.config.language, baseURL: site.config.baseURL),
                        image: imageURL, imageAlt: imageURL == nil ? nil : image?.alt,
                        search: site.config.search ? indexedAs.map(searchMarks) : nil)
    }

    /// The kind filter's value for pages of `kind`, in the site's words.
    private func searchKind(_ kind: EntityKind) -> String {
        strings.text("search.kinds.\(kind.rawValue)")
    }

    /// Actors and events are what a reader most often looks for by name: their headings weigh
    /// more than Pagefind's default for an `h1` (7), notes', articles' and pages' keep it.
    private func searchMarks(_ indexed: (kind: EntityKind, year: Int?)) -> SearchMarks {
        let weight: String
        switch indexed.kind {
        case .actor: weight = "10"
        case .event: weight = "9"
        case .article, .note, .page: weight = "7"
        }
        return SearchMarks(kind: searchKind(indexed.kind), year: indexed.year.map { String(format4: $0) }, weight: weight)
    }

    private func date(_ date: PartialDate, end: PartialDate? = nil, approximate: Bool = false) -> DateView {
        memo.date(ViewMemo.DateKey(start: date, end: end, approximate: approximate)) { makeDate(date, end: end, approximate: approximate) }
    }

    private func makeDate(_ date: PartialDate, end: PartialDate?, approximate: Bool) -> DateView {
        let endView = end.flatMap { end -> DateEndView? in
            guard end != date else { return nil }
            return DateEndView(text: dates.format(end), iso: end.description, year: end.year, month: end.month, day: end.day,
                               monthName: end.month.map(dates.monthName), precision: end.precision.name)
        }
        return DateView(text: dates.format(date, end: end, approximate: approximate), iso: date.description,
                        year: date.year, month: date.month, day: date.day, monthName: date.month.map(dates.monthName),
                        precision: date.precision.name, approximate: approximate, end: endView)
    }

    private func date(_ stamp: Timestamp) -> DateView {
        date(stamp.date)
    }

    /// The item of event `id` in a list. Its fields are read one by one: copying the whole
    /// event out of the site's dictionary would retain all of its strings and arrays, for each
    /// of the thousands of items a rename re-renders.
    private func eventItem(_ id: String, _ place: Place, _ citations: PageCitations, withSummary: Bool = true) -> EventItem {
        guard let event = site.events[id] else { preconditionFailure("a listed event `\(id)` is not on the site") }
        return eventItem(id: id, title: event.title, date: date(event.date, end: event.end, approximate: event.approximate),
                         summary: withSummary ? event.summary?.content : nil, actors: event.actors, place: event.place,
                         place, citations)
    }

    /// The entry of event `id` on a timeline page: the one the memo keeps (``RootMemo/timelineEntry(_:valid:_:)``)
    /// when its summary's citations have the numbers they have on this page, else made again,
    /// with a store for what the templates write for it (``RenderedFragments``).
    private func timelineItem(_ id: String, _ place: Place, _ citations: PageCitations) -> EventItem {
        guard memo.keepsTimelineEntries else { return eventItem(id, place, citations) }
        return place.memo.timelineEntry(id, valid: { entry in entry.citations.allSatisfy { citations.number(of: $0.article) == $0.number } }) {
            guard let event = site.events[id] else { preconditionFailure("a listed event `\(id)` is not on the site") }
            var cited: [String] = []
            self.cited(event.summary?.content.marks, into: &cited)
            // Kept as long as the entry: what the templates write for it is then written once.
            var item = eventItem(id, place, citations)
            item.rendered = RenderedFragments()
            return RootMemo.TimelineEntry(item: item, actors: event.actors.map(\.id),
                                          citations: cited.map { ($0, citations.number(of: $0)) })
        }
    }

    private func eventItem(_ event: Event, _ place: Place, _ citations: PageCitations) -> EventItem {
        eventItem(id: event.id, title: event.title, date: date(event.date, end: event.end, approximate: event.approximate),
                  summary: event.summary?.content, actors: event.actors, place: event.place, place, citations)
    }

    private func eventItem(id: String, title: String, date: DateView, summary: MarkdownContent?, actors: [EventActor], place eventPlace: String?,
                           _ place: Place, _ citations: PageCitations) -> EventItem {
        let summary = summary.map { finish($0, place, citations) } ?? ""
        let actors = actors.compactMap { entry -> LinkItem? in
            guard var item = actorLink(entry.id, place) else { return nil }
            item.detail = nil
            return item
        }
        return EventItem(id: id, url: link(Ref(.event, id), from: place), title: title, date: date,
                         summaryHTML: summary, hasSummary: !summary.isEmpty, place: eventPlace,
                         actors: actors, hasActors: !actors.isEmpty)
    }

    private func sourceEntries(_ citations: PageCitations, _ place: Place) -> [SourceEntry] {
        citations.order.enumerated().compactMap { index, id in
            guard let article = articleCard(id) else { return nil }
            return SourceEntry(number: index + 1, anchor: citations.mark(index + 1).anchor, title: article.title, outlet: article.outlet,
                               date: article.date, url: link(Ref(.article, id), from: place), originalURL: article.originalURL)
        }
    }

    private func quoteItems(_ quotes: [SourceQuote], _ place: Place, _ citations: PageCitations) -> [QuoteItem] {
        quotes.compactMap { entry in
            guard let quote = entry.quote, let article = articleCard(entry.article) else { return nil }
            return QuoteItem(text: quote, article: LinkItem(title: article.title, url: link(Ref(.article, entry.article), from: place), detail: nil),
                             outlet: article.outlet, date: article.date,
                             citation: citations.marks(for: [entry.article])[0], verified: article.verified,
                             originalURL: article.originalURL)
        }
    }

    private func factItems(_ facts: [Fact], _ citations: PageCitations) -> [FactItem] {
        facts.map { fact in
            FactItem(label: fact.label, differ: fact.sourcesDiffer, values: fact.values.map { value in
                FactValueItem(value: value.value,
                              citations: citations.marks(for: value.sources.map(\.article)),
                              quotes: value.sources.compactMap(\.quote))
            })
        }
    }

    private func linkItem(_ ref: Ref, _ place: Place) -> LinkItem? {
        switch ref.kind {
        case .article:
            guard let article = articleCard(ref.id) else { return nil }
            return LinkItem(title: article.title, url: link(ref, from: place), detail: article.detail)
        case .actor:
            return actorLink(ref.id, place)
        case .event:
            guard let event = site.events[ref.id] else { return nil }
            return LinkItem(title: event.title, url: link(ref, from: place),
                            detail: date(event.date, end: event.end, approximate: event.approximate).text)
        case .note:
            guard let note = site.notes[ref.id] else { return nil }
            return LinkItem(title: note.title, url: link(ref, from: place), detail: note.summary)
        case .page:
            guard let page = site.pages[ref.id] else { return nil }
            return LinkItem(title: page.title, url: link(ref, from: place), detail: page.summary)
        }
    }

    /// What lists show of article `id` (``ViewMemo/ArticleCard``), made once; nil for an article
    /// that is not on the site.
    private func articleCard(_ id: String) -> ViewMemo.ArticleCard? {
        memo.article(id) {
            // The fields one by one: the whole article (its body, references and citations) is
            // not copied out of the site's dictionary.
            guard let article = site.articles[id] else { return nil }
            let outlet = article.outlet, published = article.published
            let detail = memo.detail(ViewMemo.DetailKey(outlet: outlet, date: published.date)) {
                strings.text("article.detail", ["outlet": outlet, "date": dates.format(published)])
            }
            return ViewMemo.ArticleCard(title: article.title, outlet: outlet, date: date(published), originalURL: article.url,
                                        verified: article.source != nil || !article.sameAs.isEmpty, detail: detail)
        }
    }

    /// An actor's link item (name, link, role), made once for the pages at `place`'s depth; nil
    /// for an actor that is not on the site.
    private func actorLink(_ id: String, _ place: Place) -> LinkItem? {
        place.memo.actor(id) {
            guard let actor = site.actors[id] else { return nil }
            return LinkItem(title: actor.name, url: link(Ref(.actor, id), from: place), detail: actor.role)
        }
    }

    /// "Referenced by" sections: who links or cites this page (`backlinks`, the page's entry of
    /// ``Site/backlinks``, looked up once by the page), except the kinds the page lists elsewhere.
    private func backlinkSections(_ backlinks: [Ref], _ place: Place, excluding excluded: Set<EntityKind>) -> [BacklinkSection] {
        backlinkTitles.compactMap { kind, title in
            guard !excluded.contains(kind) else { return nil }
            let items = backlinks.compactMap { $0.kind == kind ? linkItem($0, place) : nil }
            return items.isEmpty ? nil : BacklinkSection(title: title, items: items)
        }
    }

    /// An actor's "Referenced by" sections, from its `lists`: each cut to `list_limit` entries
    /// with a link to all of them.
    private func backlinkSections(_ ref: Ref, _ place: Place, excluding excluded: Set<EntityKind>, cutting lists: ActorLists) -> [BacklinkSection] {
        backlinkTitles.compactMap { kind, title in
            guard !excluded.contains(kind) else { return nil }
            let list = lists.list(kind.folder)
            let items = (list?.ids ?? []).prefix(site.config.listLimit).compactMap { linkItem(Ref(kind, $0), place) }
            return items.isEmpty ? nil : BacklinkSection(title: title, items: items, more: moreLink(ref.id, list, place))
        }
    }

    /// Notes about a page (`about`) and notes linking it (among its `backlinks`), in note order.
    private func notes(about ref: Ref, linkedBy backlinks: [Ref], _ place: Place) -> [LinkItem] {
        let about = site.notesAbout[ref] ?? []
        let linking = backlinks.ids(ofKind: .note)
        guard !about.isEmpty || !linking.isEmpty else { return [] }
        let ids = Set(about + linking)
        return site.inNoteOrder(Array(ids)).compactMap { linkItem(Ref(.note, $0), place) }
    }

    /// The previous and next page of the same kind in reading order, or nil when there is neither.
    private func pager(_ ref: Ref, _ place: Place) -> PagerView? {
        let order: [String]
        switch ref.kind {
        case .event: order = site.timeline
        case .note: order = site.noteOrder
        case .article: order = site.articleOrder
        case .actor, .page: return nil
        }
        guard let index = readingPositions[ref.kind]?[ref.id] else { return nil }
        let previous = index > 0 ? linkItem(Ref(ref.kind, order[index - 1]), place) : nil
        let next = index + 1 < order.count ? linkItem(Ref(ref.kind, order[index + 1]), place) : nil
        guard previous != nil || next != nil else { return nil }
        return PagerView(label: strings.text("pager.\(ref.kind.rawValue)"), previous: previous, next: next)
    }

    /// The links between the pages of a list split by `list_limit`, for page `number` of
    /// `count` below `folder`; nil for a list of one page.
    private func pagination(_ folder: String, number: Int, count: Int, _ place: Place) -> PaginationView? {
        guard count > 1 else { return nil }
        func url(_ page: Int) -> String {
            link(section: page == 1 ? folder : folder + ListPaging.pageID(page) + "/", from: place)
        }
        let pages = ListPaging.window(current: number, count: count).map { page in
            page.map { PageNumberItem(label: strings.number($0), url: url($0), current: $0 == number, isGap: false) }
                ?? PageNumberItem(label: "…", url: "", current: false, isGap: true)
        }
        return PaginationView(label: strings.text("pagination.label"),
                              status: strings.text("pagination.status", ["number": strings.number(number), "count": strings.number(count)]),
                              pages: pages, hasPrevious: number > 1, previousURL: number > 1 ? url(number - 1) : "",
                              hasNext: number < count, nextURL: number < count ? url(number + 1) : "")
    }

    /// The `<title>` of page `number` of a list: "Articles, page 2 – Site".
    private func pagedTitle(_ heading: String, number: Int) -> String {
        strings.text("site.page_title", ["page": strings.text("pagination.title", ["page": heading, "number": strings.number(number)]),
                                         "site": site.config.title])
    }

    // MARK: - Pages

    func homePage(_ place: Place, _ citations: PageCitations) -> HomePage {
        let intro = site.introduction.map { finish($0.content, place, citations) } ?? ""
        let notes = site.noteOrder.prefix(Self.homeNotesLimit).compactMap { linkItem(Ref(.note, $0), place) }
        let latest = site.timeline.suffix(8).reversed().map { eventItem($0, place, citations, withSummary: false) }
        let groups = actorGroups(site.actorOrder, place, limit: Self.homeActorsPerKindLimit)
        var page = pageView(place, heading: site.config.title, description: site.config.description, ogType: "website",
                            jsonLD: ["@type": "WebSite", "name": .text(site.config.title), "description": .text(site.config.description)])
        page.title = site.config.title
        let sources = sourceEntries(citations, place)
        return HomePage(page: page, introHTML: intro, hasIntro: !intro.isEmpty, notes: notes, hasNotes: !notes.isEmpty,
                        events: latest, hasEvents: !latest.isEmpty, actorGroups: groups, hasActors: !groups.isEmpty,
                        timelineURL: link(section: PageKind.timeline.folder(of: ""), from: place),
                        timelineLink: strings.plural("home.timeline_link", count: site.timeline.count), eventCount: site.timeline.count,
                        moreNotes: site.noteOrder.count > notes.count,
                        notesURL: link(section: PageKind.notes.folder(of: ""), from: place),
                        notesLink: strings.plural("home.notes_link", count: site.noteOrder.count),
                        moreActors: groups.contains(where: \.isCut),
                        actorsURL: link(section: PageKind.actors.folder(of: ""), from: place),
                        actorsLink: strings.plural("home.actors_link", count: site.actorOrder.count),
                        sources: sources, hasSources: !sources.isEmpty)
    }

    /// The actors of `ids` by kind, each group cut to its first `limit` when one is given.
    ///
    /// Only the actors shown are looked at beyond their kind, and the look stops once every kind
    /// has more than `limit`: the home page, rendered on every edit in `sitegen serve`, shows a
    /// few actors of 20,000 on a 100,000-article site.
    private func actorGroups(_ ids: some Collection<String>, _ place: Place, limit: Int? = nil) -> [ActorGroup] {
        let kinds = ActorKind.allCases
        var shown = [[String]](repeating: [], count: kinds.count)
        var cut = [Bool](repeating: false, count: kinds.count)
        var full = 0
        for id in ids {
            guard let position = site.actors.index(forKey: id),
                  let kind = kinds.firstIndex(of: site.actors.values[position].kind) else { continue }
            if let limit, shown[kind].count == limit {
                if !cut[kind] { (cut[kind], full) = (true, full + 1) }
                if full == kinds.count { break }
                continue
            }
            shown[kind].append(id)
        }
        return kinds.indices.compactMap { kind in
            guard !shown[kind].isEmpty else { return nil }
            return ActorGroup(id: "kind_" + kinds[kind].rawValue, title: strings.text("kinds.\(kinds[kind].rawValue).heading"),
                              actors: shown[kind].compactMap { actorLink($0, place) }, isCut: cut[kind])
        }
    }

    /// A page of the timeline: the overview of its years and months (empty `id`), or the
    /// events of one period (``TimelinePaging``).
    func timelinePage(_ id: String, _ place: Place, _ citations: PageCitations) -> TimelinePage {
        let paging = timelinePaging
        guard paging.isSplit else { return wholeTimelinePage(place, citations) }
        let current = paging.periodIndex[id].map { paging.periods[$0] }
        func url(_ period: TimelinePaging.Period) -> String {
            link(section: PageKind.timeline.folder(of: period.id), from: place)
        }
        func label(_ period: TimelinePaging.Period) -> String {
            let name = period.month.map { dates.format(PartialDate(year: period.year, month: $0)) } ?? String(format4: period.year)
            return period.part > 1 ? strings.text("pagination.title", ["page": name, "number": strings.number(period.part)]) : name
        }
        // The numbers of events are shown on the overview only: a period's page links the other
        // periods without them, so that an event added or removed changes the overview and its
        // own period's page, not every page of the timeline (docs/incremental.md).
        func count(_ events: Int) -> String? {
            current == nil ? strings.plural("timeline.event_count", count: events) : nil
        }
        // The first page of each month of `year`, for a year split by month.
        func months(of year: Int) -> [PeriodLink] {
            guard paging.splitYears.contains(year) else { return [] }
            return paging.periods.filter { $0.year == year && $0.month != nil && $0.part == 1 }.map { period in
                PeriodLink(label: dates.monthName(period.month!), url: url(period),
                           detail: count(paging.periods.filter { $0.year == year && $0.month == period.month }.reduce(0) { $0 + $1.events.count }),
                           current: current?.year == year && current?.month == period.month, months: [], hasMonths: false)
            }
        }
        let years = paging.periods.filter { $0.month == nil && $0.part == 1 }.map { period in
            let monthLinks = current == nil ? months(of: period.year) : []
            return PeriodLink(label: String(format4: period.year), url: url(period), detail: count(paging.yearCounts[period.year] ?? 0),
                              current: current?.year == period.year, months: monthLinks, hasMonths: !monthLinks.isEmpty)
        }
        let title = strings.text("timeline.title")
        var groups: [YearGroup] = []
        var pager: PagerView?
        var heading = title
        if let current {
            heading = strings.text("timeline.period_title", ["period": label(current)])
            if !current.events.isEmpty {
                let anchor = (current.month == nil ? "year_" : "month_") + String(format4: current.year)
                    + (current.month.map { "_" + String(format2: $0) } ?? "")
                groups = [YearGroup(year: label(current), id: anchor, events: current.events.map { timelineItem($0, place, citations) })]
            }
            // The periods before and after this one that show events.
            let index = paging.periodIndex[id]!
            let before = paging.periods[..<index].last { !$0.events.isEmpty }
            let after = paging.periods[(index + 1)...].first { !$0.events.isEmpty }
            if before != nil || after != nil {
                pager = PagerView(label: strings.text("pager.period"),
                                  previous: before.map { LinkItem(title: label($0), url: url($0), detail: nil) },
                                  next: after.map { LinkItem(title: label($0), url: url($0), detail: nil) })
            }
        }
        let monthLinks = current.map { months(of: $0.year) } ?? []
        let page = pageView(place, heading: heading, description: strings.text("timeline.description", ["site": site.config.title]),
                            ogType: "website", jsonLD: ["@type": "CollectionPage", "name": .text(heading)])
        let sources = sourceEntries(citations, place)
        return TimelinePage(page: page, isWhole: false, isOverview: current == nil, isPeriod: current != nil, periods: years, months: monthLinks, hasMonths: !monthLinks.isEmpty,
                            years: groups, hasEvents: !site.timeline.isEmpty, pager: pager, sources: sources, hasSources: !sources.isEmpty)
    }

    /// The events timeline page `id` lists with their summaries: all of them on an unsplit
    /// timeline, those of the period on a period's page, none on the overview.
    private func timelineEvents(_ id: String) -> [String] {
        guard timelinePaging.isSplit else { return site.timeline }
        return timelinePaging.periodIndex[id].map { timelinePaging.periods[$0].events } ?? []
    }

    /// The timeline of a site within `list_limit` events: every event on one page, by year.
    private func wholeTimelinePage(_ place: Place, _ citations: PageCitations) -> TimelinePage {
        var years: [YearGroup] = []
        for id in site.timeline {
            let item = timelineItem(id, place, citations)
            let year = String(format4: item.date.year)
            if years.last?.year == year {
                years[years.count - 1].events.append(item)
            } else {
                years.append(YearGroup(year: year, id: "year_" + year, events: [item]))
            }
        }
        let heading = strings.text("timeline.title")
        let page = pageView(place, heading: heading, description: strings.text("timeline.description", ["site": site.config.title]),
                            ogType: "website", jsonLD: ["@type": "CollectionPage", "name": .text(heading)])
        let sources = sourceEntries(citations, place)
        return TimelinePage(page: page, isWhole: true, isOverview: false, isPeriod: false, periods: [], months: [], hasMonths: false,
                            years: years, hasEvents: !years.isEmpty, pager: nil, sources: sources, hasSources: !sources.isEmpty)
    }

    func notFoundPage(_ place: Place) -> NotFoundPage {
        let heading = strings.text("not_found.title")
        return NotFoundPage(page: pageView(place, heading: heading, description: strings.text("not_found.description"),
                                           ogType: "website", canonical: false, jsonLD: ["@type": "WebPage", "name": .text(heading)]))
    }

    func searchPage(_ place: Place) -> SearchPage {
        let heading = strings.text("search.title")
        let kinds: [EntityKind] = [.actor, .event, .article, .note, .page]
        let indexes = [(PageKind.timeline, "nav.timeline"), (PageKind.actors, "nav.actors"), (PageKind.network, "nav.network"), (PageKind.articles, "nav.articles"), (PageKind.notes, "nav.notes")]
            .map { kind, label in LinkItem(title: strings.text(label), url: link(section: kind.folder(of: ""), from: place), detail: nil) }
        return SearchPage(page: pageView(place, heading: heading, description: strings.text("search.description", ["site": site.config.title]),
                                         ogType: "website", jsonLD: ["@type": "SearchResultsPage", "name": .text(heading)]),
                          kinds: kinds.map(searchKind), pagefindScript: place.root + "pagefind/pagefind.js", indexes: indexes)
    }

    /// Page `id` of a list split by `list_limit` (``ListPaging``) below `folder`: its entries,
    /// its page view ("Articles, page 2" from the second page on) and the navigation between its pages.
    private func listPage(_ ids: [String], _ id: String, folder: String, heading: String, description: String,
                          _ place: Place) -> (ids: ArraySlice<String>, page: PageView, pagination: PaginationView?) {
        let number = ListPaging.number(ofPage: id)
        let pages = ListPaging.pages(ids, limit: site.config.listLimit)
        var page = pageView(place, heading: heading, description: description, ogType: "website", jsonLD: ["@type": "CollectionPage", "name": .text(heading)])
        if number > 1 { page.title = pagedTitle(heading, number: number) }
        return (pages[min(number, pages.count) - 1], page, pagination(folder, number: number, count: pages.count, place))
    }

    func actorsIndexPage(_ id: String, _ place: Place) -> ActorsIndexPage {
        let list = listPage(site.actorOrder, id, folder: PageKind.actors.folder(of: ""), heading: strings.text("actors.title"),
                            description: strings.text("actors.description", ["site": site.config.title]), place)
        let groups = actorGroups(list.ids, place)
        return ActorsIndexPage(page: list.page, groups: groups, hasActors: !groups.isEmpty, pagination: list.pagination)
    }

    func articlesIndexPage(_ id: String, _ place: Place) -> ArticlesIndexPage {
        let list = listPage(site.articleOrder, id, folder: PageKind.articles.folder(of: ""), heading: strings.text("articles.title"),
                            description: strings.text("articles.description", ["site": site.config.title]), place)
        let items = list.ids.compactMap { linkItem(Ref(.article, $0), place) }
        return ArticlesIndexPage(page: list.page, articles: items, hasArticles: !items.isEmpty, pagination: list.pagination)
    }

    func notesIndexPage(_ id: String, _ place: Place) -> NotesIndexPage {
        let list = listPage(site.noteOrder, id, folder: PageKind.notes.folder(of: ""), heading: strings.text("notes.title"),
                            description: strings.text("notes.description", ["site": site.config.title]), place)
        let items = list.ids.compactMap { linkItem(Ref(.note, $0), place) }
        return NotesIndexPage(page: list.page, notes: items, hasNotes: !items.isEmpty, pagination: list.pagination)
    }

    /// A page of one of an actor's cut lists (``ActorLists``): `actors/mali/events/page/2/`.
    func actorListPage(_ id: String, _ place: Place, _ citations: PageCitations) -> ActorListPage {
        let (actorID, name, pageID) = ActorLists.parse(id)
        let actor = site.actors[actorID]!
        let list = ActorLists.list(name, of: actorID, in: site)!
        let folder = PageKind.actorList.folder(of: actorID + "/" + name)
        let heading = strings.text("actor.list_title", ["name": actor.name, "list": actorListTitle(list.kind)])
        let shown = listPage(list.ids, pageID, folder: folder, heading: heading,
                             description: strings.text("actor.list_description", ["name": actor.name, "site": site.config.title]), place)
        let isEvents = list.kind == .event
        return ActorListPage(page: shown.page, name: actor.name, actorURL: link(Ref(.actor, actorID), from: place), heading: heading,
                             isEvents: isEvents,
                             events: isEvents ? shown.ids.map { eventItem($0, place, citations, withSummary: false) } : [],
                             items: isEvents ? [] : shown.ids.compactMap { linkItem(Ref(list.kind, $0), place) },
                             pagination: shown.pagination)
    }

    /// The heading of an actor's list of `kind`, as its page shows it.
    private func actorListTitle(_ kind: EntityKind) -> String {
        switch kind {
        case .event: return strings.text("actor.timeline")
        case .note: return strings.text("related.notes")
        case .article: return strings.text("related.articles")
        case .actor: return strings.text("related.actors")
        case .page: return strings.text("related.pages_referring")
        }
    }

    /// The link to all of an actor's list, when its page cuts it to `list_limit`.
    private func moreLink(_ actorID: String, _ list: ActorLists.List?, _ place: Place) -> MoreLink? {
        guard let list, list.ids.count > site.config.listLimit else { return nil }
        return MoreLink(label: strings.plural("actor.more", count: list.ids.count),
                        url: link(section: PageKind.actorList.folder(of: actorID + "/" + list.name), from: place))
    }

    func articlePage(_ article: Article, _ place: Place, _ citations: PageCitations) -> ArticlePage {
        let ref = Ref(.article, article.id)
        let body = finish(article.body.content, place, citations)
        let linked = site.backlinks[ref] ?? []
        let events = site.inTimelineOrder(linked.ids(ofKind: .event))
            .map { eventItem($0, place, citations, withSummary: false) }
        let notes = self.notes(about: ref, linkedBy: linked, place)
        let backlinks = backlinkSections(linked, place, excluding: [.event, .note])
        let description = MarkdownHTML.summary(article.body.plainSummary)
        let jsonLD: JSONLD.Object = [
            "@type": "NewsArticle", "headline": .text(article.title), "datePublished": .text(article.published.rfc3339),
            "dateModified": article.updated.map { .text($0.rfc3339) },
            "author": article.author.map { ["@type": "Person", "name": .text($0)] },
            "publisher": ["@type": "Organization", "name": .text(article.outlet)],
            "isBasedOn": article.url.map(JSONLD.Value.text), "description": description.isEmpty ? nil : .text(description),
            "inLanguage": .text(article.language ?? site.config.language),
        ]
        let page = pageView(place, heading: article.title, description: description, ogType: "article", jsonLD: jsonLD, image: article.image,
                            indexedAs: (.article, article.published.date.year))
        let sources = sourceEntries(citations, place)
        let language = article.language.flatMap { $0 == site.config.language ? nil : $0 }
        return ArticlePage(page: page, lang: language, dir: language.map { Language($0).direction }, title: article.title, outlet: article.outlet, published: date(article.published),
                           updated: article.updated.map(date), author: article.author, originalURL: article.url,
                           image: imageView(article.image, place), bodyHTML: body, events: events, hasEvents: !events.isEmpty, notes: notes, hasNotes: !notes.isEmpty,
                           backlinks: backlinks, hasBacklinks: !backlinks.isEmpty, sources: sources, hasSources: !sources.isEmpty,
                           pager: pager(ref, place))
    }

    func actorPage(_ actor: Actor, _ place: Place, _ citations: PageCitations) -> ActorPage {
        let ref = Ref(.actor, actor.id)
        let profile = finish(actor.body.content, place, citations)
        let groups = relationGroups(actor, place, citations)
        let (networkSVG, legend, more) = egoNetwork(actor, place)
        let facts = factItems(actor.facts, citations)
        // Lists longer than list_limit are cut (the latest events, the first of the others) and
        // continue on pages of their own (ActorLists).
        let lists = ActorLists(actor.id, in: site)
        let limit = site.config.listLimit
        let events = (lists.list("events")?.ids ?? []).suffix(limit).map { eventItem($0, place, citations, withSummary: false) }
        let notes = (lists.list("notes")?.ids ?? []).prefix(limit).compactMap { linkItem(Ref(.note, $0), place) }
        let backlinks = backlinkSections(ref, place, excluding: [.event, .note], cutting: lists)
        let description = actor.role ?? MarkdownHTML.summary(actor.body.plainSummary)
        let isPerson = actor.kind == .person
        let jsonLD: JSONLD.Object = [
            "@type": .text(isPerson ? "Person" : "Organization"), "name": .text(actor.name),
            "alternateName": actor.aliases.isEmpty ? nil : .texts(actor.aliases),
            "description": description.isEmpty ? nil : .text(description),
            (isPerson ? "jobTitle" : "legalName"): (isPerson ? actor.role : actor.fullName).map(JSONLD.Value.text),
        ]
        let page = pageView(place, heading: actor.name, description: description, ogType: isPerson ? "profile" : "website", jsonLD: jsonLD,
                            image: actor.image, indexedAs: (.actor, nil))
        let sources = sourceEntries(citations, place)
        return ActorPage(page: page, name: actor.name, kind: strings.text("kinds.\(actor.kind.rawValue).label"), role: actor.role,
                         fullName: actor.fullName, aliases: actor.aliases.isEmpty ? nil : strings.joined(actor.aliases),
                         image: imageView(actor.image, place), profileHTML: profile, hasProfile: !profile.isEmpty, relations: groups, hasRelations: !groups.isEmpty,
                         networkSVG: networkSVG, networkLegend: legend,
                         networkMore: more == 0 ? nil : strings.plural("network.more", count: more),
                         facts: facts, hasFacts: !facts.isEmpty, events: events, hasEvents: !events.isEmpty,
                         eventsMore: moreLink(actor.id, lists.list("events"), place),
                         notes: notes, hasNotes: !notes.isEmpty, notesMore: moreLink(actor.id, lists.list("notes"), place),
                         backlinks: backlinks, hasBacklinks: !backlinks.isEmpty,
                         sources: sources, hasSources: !sources.isEmpty)
    }

    /// An actor's relations grouped by type as its page lists them ("Member of", then "Members"),
    /// the relations with an actor outside `among` left out; with citation marks when `citations` is given.
    private func relationGroups(_ actor: Actor, _ place: Place, _ citations: PageCitations?, among: Set<String>? = nil) -> [RelationGroup] {
        shownRelations(actor, among: among).map { group in
            RelationGroup(label: strings.text(group.label), items: group.relations.compactMap { relationItem($0.relation, other: $0.other, place, citations) })
        }
    }

    /// An actor's relations in the order its page lists them, grouped by type and direction
    /// ("Member of", then "Members"), each group under the strings key of its label; relations
    /// with an actor that is not on the site, or not in `among`, are left out, and so are empty groups.
    func shownRelations(_ actor: Actor, among: Set<String>? = nil) -> [(label: String, relations: [(relation: Relation, other: String)])] {
        var groups: [(label: String, relations: [(relation: Relation, other: String)])] = []
        let shown = { (other: String) in (among?.contains(other) ?? true) && site.actors.index(forKey: other) != nil }
        for type in RelationType.allCases {
            let outgoing = actor.relations.filter { $0.type == type && shown($0.actor) }.map { (relation: $0, other: $0.actor) }
            let incoming = (site.incomingRelations[actor.id] ?? []).filter { $0.relation.type == type && shown($0.from) }.map { (relation: $0.relation, other: $0.from) }
            if type.isSymmetric {
                // "A allied with B" reads the same from B: one group, each actor once.
                var seen = Set<String>()
                let relations = (outgoing + incoming).filter { seen.insert($0.other).inserted }
                if !relations.isEmpty { groups.append(("relations.\(type.rawValue).forward", relations)) }
                continue
            }
            if !outgoing.isEmpty { groups.append(("relations.\(type.rawValue).forward", outgoing)) }
            if !incoming.isEmpty { groups.append(("relations.\(type.rawValue).inverse", incoming)) }
        }
        return groups
    }

    /// The actor's relations as a diagram, the legend of the kinds it shows, and how many related
    /// actors it leaves out (beyond ``NetworkDiagram/egoLimit``, its own relations first).
    private func egoNetwork(_ actor: Actor, _ place: Place) -> (String, [LegendItem], Int) {
        var edges: [NetworkDiagram.Edge] = []
        var around: [NetworkDiagram.Node] = []
        var seen: Set<String> = [actor.id]
        func add(_ other: String) {
            guard let found = site.actors[other], seen.insert(other).inserted else { return }
            around.append(NetworkDiagram.Node(id: other, name: found.name, kind: found.kind, url: link(Ref(.actor, other), from: place)))
        }
        for relation in actor.relations where site.actors.index(forKey: relation.actor) != nil {
            add(relation.actor)
            edges.append(edge(relation, from: actor.id, to: relation.actor))
        }
        for incoming in site.incomingRelations[actor.id] ?? [] where site.actors.index(forKey: incoming.from) != nil {
            add(incoming.from)
            edges.append(edge(incoming.relation, from: incoming.from, to: actor.id))
        }
        guard !around.isEmpty else { return ("", [], 0) }
        let more = max(around.count - NetworkDiagram.egoLimit, 0)
        around = Array(around.prefix(NetworkDiagram.egoLimit))
        let drawn = Set(around.map(\.id) + [actor.id])
        edges = edges.filter { drawn.contains($0.from) && drawn.contains($0.to) }
        let centre = NetworkDiagram.Node(id: actor.id, name: actor.name, kind: actor.kind, url: link(Ref(.actor, actor.id), from: place))
        let caption = NetworkDiagram.Caption(title: strings.text("network.title", ["name": actor.name]),
                                             description: strings.text("network.description", ["name": actor.name, "count": String(around.count)])
                                                + (more == 0 ? "" : " " + strings.plural("network.more", count: more)),
                                             idPrefix: "network")
        let svg = NetworkDiagram.ego(centre: centre, around: around, edges: edges, caption: caption)
        return (svg, legend(Set(around.map(\.kind) + [actor.kind])), more)
    }

    /// A relation as an edge of a diagram, from its subject to its object.
    private func edge(_ relation: Relation, from: String, to: String) -> NetworkDiagram.Edge {
        NetworkDiagram.Edge(from: from, to: to, label: strings.text("relations.\(relation.type.rawValue).forward"),
                            period: dates.period(since: relation.since, until: relation.until), symmetric: relation.type.isSymmetric,
                            fromName: site.actors[from]?.name ?? from, toName: site.actors[to]?.name ?? to)
    }

    /// The legend of a diagram showing actors of `kinds`, in the order of the kinds.
    private func legend(_ kinds: Set<ActorKind>) -> [LegendItem] {
        ActorKind.allCases.filter(kinds.contains).map {
            LegendItem(title: strings.text("kinds.\($0.rawValue).label"), shapeSVG: NetworkDiagram.legendShape($0))
        }
    }

    /// The site's network page: the most connected actors (at most ``NetworkDiagram/mapLimit``)
    /// drawn grouped by kind, with the relations among them listed under each actor.
    func networkPage(_ place: Place) -> NetworkPage {
        var degree: [String: Int] = [:]
        var edges: [NetworkDiagram.Edge] = []
        for id in site.actorOrder {
            guard let actor = site.actors[id] else { continue }
            for relation in actor.relations where relation.actor != id && site.actors.index(forKey: relation.actor) != nil {
                degree[id, default: 0] += 1
                degree[relation.actor, default: 0] += 1
                edges.append(edge(relation, from: id, to: relation.actor))
            }
        }
        let rank = Dictionary(uniqueKeysWithValues: site.actorOrder.enumerated().map { ($1, $0) })
        let connected = site.actorOrder.filter { degree[$0] != nil }
        let shown = connected.sorted { (degree[$0]!, rank[$1]!) > (degree[$1]!, rank[$0]!) }.prefix(NetworkDiagram.mapLimit)
        let among = Set(shown)
        let kinds = ActorKind.allCases
        let drawn = shown.sorted {
            (kinds.firstIndex(of: site.actors[$0]!.kind)!, rank[$0]!) < (kinds.firstIndex(of: site.actors[$1]!.kind)!, rank[$1]!)
        }
        let nodes = drawn.map { id in
            NetworkDiagram.Node(id: id, name: site.actors[id]!.name, kind: site.actors[id]!.kind, url: link(Ref(.actor, id), from: place))
        }
        edges = edges.filter { among.contains($0.from) && among.contains($0.to) }
        let caption = NetworkDiagram.Caption(title: strings.text("network.map_title"),
                                             description: strings.text("network.map_description", ["count": String(nodes.count)]),
                                             idPrefix: "network")
        let svg = nodes.isEmpty ? "" : NetworkDiagram.map(nodes, edges: edges, caption: caption)
        let groups: [NetworkGroup] = kinds.compactMap { kind in
            let actors = drawn.compactMap { site.actors[$0] }.filter { $0.kind == kind }
            guard !actors.isEmpty else { return nil }
            return NetworkGroup(id: "kind_" + kind.rawValue, title: strings.text("kinds.\(kind.rawValue).heading"), actors: actors.map {
                NetworkActor(id: "actor_" + $0.id, name: $0.name, url: link(Ref(.actor, $0.id), from: place),
                             relations: relationGroups($0, place, nil, among: among))
            })
        }
        let heading = strings.text("network.page_title")
        let page = pageView(place, heading: heading, description: strings.text("network.page_description", ["site": site.config.title]),
                            ogType: "website", jsonLD: ["@type": "CollectionPage", "name": .text(heading)])
        let capped = connected.count > shown.count
            ? strings.text("network.capped", ["shown": String(shown.count), "total": String(connected.count)]) : nil
        return NetworkPage(page: page, svg: svg, legend: legend(Set(nodes.map(\.kind))), groups: groups, hasNetwork: !nodes.isEmpty,
                           capped: capped, edgeCount: edges.count)
    }

    private func relationItem(_ relation: Relation, other: String, _ place: Place, _ citations: PageCitations?) -> RelationItem? {
        guard let actor = actorLink(other, place) else { return nil }
        let period = dates.period(since: relation.since, until: relation.until)
        let marks = citations?.marks(for: relation.sources.map(\.article)) ?? []
        return RelationItem(actor: actor,
                            period: period, citations: marks, hasCitations: !marks.isEmpty)
    }

    func eventPage(_ event: Event, _ place: Place, _ citations: PageCitations) -> EventPage {
        let ref = Ref(.event, event.id)
        let item = eventItem(event, place, citations)
        let quotes = quoteItems(event.sources, place, citations)
        let facts = factItems(event.facts, citations)
        let linked = site.backlinks[ref] ?? []
        let notes = self.notes(about: ref, linkedBy: linked, place)
        let backlinks = backlinkSections(linked, place, excluding: [.note])
        let description = event.summary.map { MarkdownHTML.summary($0.plainSummary) } ?? event.title
        let jsonLD: JSONLD.Object = [
            "@type": "Event", "name": .text(event.title), "startDate": .text(event.date.description),
            "endDate": event.end.map { .text($0.description) },
            "location": event.place.map { ["@type": "Place", "name": .text($0)] },
            "description": .text(description),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        ]
        let page = pageView(place, heading: event.title, description: description, ogType: "article", jsonLD: jsonLD,
                            indexedAs: (.event, event.date.year))
        let sources = sourceEntries(citations, place)
        // The event's place on the timeline: the page of its period, at its anchor.
        let period = timelinePaging.eventPeriod[event.id].map { timelinePaging.periods[$0].id } ?? ""
        return EventPage(page: page, event: item, timelineURL: link(section: PageKind.timeline.folder(of: period), from: place, fragment: event.id),
                         pager: pager(ref, place), quotes: quotes,
                         facts: facts, hasFacts: !facts.isEmpty, notes: notes, hasNotes: !notes.isEmpty,
                         backlinks: backlinks, hasBacklinks: !backlinks.isEmpty, sources: sources, hasSources: !sources.isEmpty)
    }

    func standalonePage(_ standalone: StandalonePage, _ place: Place, _ citations: PageCitations) -> StandalonePageView {
        let ref = Ref(.page, standalone.id)
        let body = finish(standalone.body.content, place, citations)
        let linked = site.backlinks[ref] ?? []
        let notes = self.notes(about: ref, linkedBy: linked, place)
        let backlinks = backlinkSections(linked, place, excluding: [.note])
        let description = standalone.summary ?? MarkdownHTML.summary(standalone.body.plainSummary)
        let jsonLD: JSONLD.Object = [
            "@type": "WebPage", "name": .text(standalone.title), "description": description.isEmpty ? nil : .text(description),
        ]
        let page = pageView(place, heading: standalone.title, description: description, ogType: "website", jsonLD: jsonLD,
                            indexedAs: (.page, nil))
        let sources = sourceEntries(citations, place)
        return StandalonePageView(page: page, title: standalone.title, summary: standalone.summary, bodyHTML: body,
                                  notes: notes, hasNotes: !notes.isEmpty, backlinks: backlinks, hasBacklinks: !backlinks.isEmpty,
                                  sources: sources, hasSources: !sources.isEmpty)
    }

    func notePage(_ note: Note, _ place: Place, _ citations: PageCitations) -> NotePage {
        let ref = Ref(.note, note.id)
        var body = finish(note.body.content, place, citations)
        var toc: [LinkItem] = []
        let anchored = HeadingAnchors.anchor(body)
        if anchored.headings.count >= Self.tocMinimumSections {
            body = anchored.html
            toc = anchored.headings.map { LinkItem(title: $0.text, url: "#" + $0.id, detail: nil) }
        }
        let about = note.about.compactMap { linkItem($0.ref, place) }
        let backlinks = backlinkSections(site.backlinks[ref] ?? [], place, excluding: [])
        let description = note.summary ?? MarkdownHTML.summary(note.body.plainSummary)
        let jsonLD: JSONLD.Object = [
            "@type": "Article", "headline": .text(note.title), "description": description.isEmpty ? nil : .text(description),
            "datePublished": note.date.map { .text($0.description) },
            "author": note.author.map { ["@type": "Person", "name": .text($0)] },
            "publisher": ["@type": "Organization", "name": .text(site.config.title)],
        ]
        let page = pageView(place, heading: note.title, description: description, ogType: "article", jsonLD: jsonLD, image: note.image,
                            indexedAs: (.note, note.date?.year))
        let sources = sourceEntries(citations, place)
        return NotePage(page: page, title: note.title, summary: note.summary, date: note.date.map { date($0) }, author: note.author,
                        image: imageView(note.image, place), bodyHTML: body, toc: toc, hasTOC: !toc.isEmpty, pager: pager(ref, place), about: about, hasAbout: !about.isEmpty,
                        backlinks: backlinks, hasBacklinks: !backlinks.isEmpty, sources: sources, hasSources: !sources.isEmpty)
    }
}
