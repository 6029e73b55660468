// The values templates receive, already formatted. A template reads a field by its property
// name through ViewModels+Templates.swift, which scripts/generate-view-lookups writes from this
// file (run it after changing a struct). docs/templates.md documents them; keep the two in step.

/// What every page's layout needs.
struct PageView {
    /// The `<title>`: "Page – Site".
    var title: String
    /// The page's own heading (its one `h1`).
    var heading: String
    /// `<meta name="description">` and Open Graph description.
    var description: String
    /// The page's `lang`: the site's language.
    var lang: String
    /// The page's writing direction, `ltr` or `rtl`, from its language.
    var dir: String
    /// Absolute URL of the page, when the site has a `base_url`.
    var canonical: String?
    /// Open Graph type: `website` or `article`.
    var ogType: String
    /// Relative path from this page to the site root (`../../`), or `./` on the home page.
    var root: String
    /// The page's path from the root, as a folder URL (`actors/mali/`), empty for the home page.
    var path: String
    /// The stylesheet's relative URL (fingerprinted).
    var stylesheet: String
    /// Every asset's relative URL by its name with `.` and `/` turned into `_` (`style_css`).
    var assets: [String: String]
    /// The relative links to the home page and the built-in sections, by name (`home`,
    /// `timeline`, `actors`, `articles`, `notes`), in the site's link style.
    var links: [String: String]
    /// schema.org JSON-LD, already escaped for a `<script>` element.
    var jsonLD: String
    /// The main navigation.
    var nav: [NavItem]
    /// The feed's relative URL, when the site has one.
    var feed: String?
    /// The site's settings.
    var site: SiteView
    /// Absolute URL of the page's image (`image:` of its front matter) for link previews
    /// (`og:image`), when it has one and the site has a `base_url` (or the image is external).
    var image: String?
    /// The image's alt text, for `og:image:alt`, when `image` is set.
    var imageAlt: String?
    /// What the page tells Pagefind: set on the pages of entities (articles, actors, events,
    /// notes, standalone pages) when the site has `search: true`, nil on every other page.
    var search: SearchMarks?
}

/// The marks a page gives Pagefind, the search indexer (docs/templates.md, "Search").
struct SearchMarks {
    /// The `kind` filter: the page's kind in the site's words ("Actor", "Event").
    var kind: String
    /// The `year` filter, for pages with a date (an event's, an article's publication, a note's).
    var year: String?
    /// `data-pagefind-weight` of the page's heading: higher for actors and events, so that they
    /// rank above the notes and articles that mention them.
    var weight: String
}

/// The image shown at the top of an actor's, article's or note's page (`image:`).
struct ImageView {
    /// Its address from this page (`../../images/bridge.jpg`).
    var src: String
    /// What it shows, for readers who cannot see it (`image_alt:`); empty when not given.
    var alt: String
    /// Whether `width` and `height` are known (read from the file's header).
    var hasSize: Bool
    /// Width in pixels, 0 when unknown.
    var width: Int
    /// Height in pixels, 0 when unknown.
    var height: Int
    /// Who made it (`image_credit:`), shown after `t.image.credit`.
    var credit: String?
}

/// The site's settings as templates see them.
struct SiteView {
    var title: String
    var description: String
    var language: String
    var baseURL: String?
}

/// An entry of the main navigation.
struct NavItem {
    var label: String
    var url: String
    var current: Bool
}

/// A link to a page, with an optional line of detail.
struct LinkItem {
    var title: String
    var url: String
    var detail: String?
}

/// A date for `<time datetime>`, written out and in parts, for themes that write dates their own way.
struct DateView {
    /// As readers see it, in the site's language: "16 June 2023", "c. 2021", "15–16 May 2022".
    var text: String
    /// Machine-readable start: `2023-06-16`, `2023-06`, `2023`.
    var iso: String
    /// The year of the start.
    var year: Int
    /// The month of the start, 1-12, when known.
    var month: Int?
    /// The day of the start, 1-31, when known.
    var day: Int?
    /// The month's name in the site's language, when the month is known.
    var monthName: String?
    /// How precisely the start is known: `year`, `month` or `day`.
    var precision: String
    /// Whether the editor marked the date approximate.
    var approximate: Bool
    /// The end of a span, when there is one.
    var end: DateEndView?
}

/// The end of a span of dates, in parts.
struct DateEndView {
    /// As readers see it alone: "2 June 2022".
    var text: String
    var iso: String
    var year: Int
    var month: Int?
    var day: Int?
    var monthName: String?
    var precision: String
}

/// One event in a list.
struct EventItem {
    var id: String
    var url: String
    var title: String
    var date: DateView
    var summaryHTML: String
    var hasSummary: Bool
    var place: String?
    var actors: [LinkItem]
    var hasActors: Bool
    /// What the templates wrote for the item, when it is kept from one update to the next
    /// (``RootMemo/TimelineEntry``): nil for an item made for one page.
    var rendered: RenderedFragments? = nil
}

/// One numbered entry of a page's Sources list.
struct SourceEntry {
    var number: Int
    var anchor: String
    var title: String
    var outlet: String
    var date: DateView
    var url: String
    var originalURL: String?
}

/// A citation mark beside a value, quote or relation (made by ``PageCitations``).
struct CitationMark {
    var number: Int
    /// The id of its entry in the Sources list (`source_3`).
    var anchor: String
    /// The mark itself, `<sup class="cite">[<a href="#source_3" …>3</a>]</sup>`, written by ``CitationMark/html(_:label:)``.
    var html: String
}

/// A quote from a source, shown as a blockquote.
struct QuoteItem {
    var text: String
    var article: LinkItem
    var outlet: String
    var date: DateView
    var citation: CitationMark
    var verified: Bool
    var originalURL: String?
}

/// A fact with its values; `differ` when sources disagree.
struct FactItem {
    var label: String
    var differ: Bool
    var values: [FactValueItem]
}

/// One value of a fact and the sources that give it.
struct FactValueItem {
    var value: String
    var citations: [CitationMark]
    var quotes: [String]
}

/// Relations of one type, in one direction.
struct RelationGroup {
    var label: String
    var items: [RelationItem]
}

/// One related actor.
struct RelationItem {
    var actor: LinkItem
    var period: String?
    var citations: [CitationMark]
    var hasCitations: Bool
}

/// One kind of actor in a diagram's legend.
struct LegendItem {
    var title: String
    var shapeSVG: String
}

/// The site's network page (`network/`).
struct NetworkPage {
    var page: PageView
    /// The drawing: an inline SVG, empty when no two actors are related.
    var svg: String
    var legend: [LegendItem]
    /// The actors drawn, by kind, each with its relations to the others drawn.
    var groups: [NetworkGroup]
    var hasNetwork: Bool
    /// "The 40 most connected of the 120 related actors are drawn …", when some are left out.
    var capped: String?
    /// How many relations are drawn.
    var edgeCount: Int
}

/// The actors of one kind on the network page.
struct NetworkGroup {
    var id: String
    var title: String
    var actors: [NetworkActor]
}

/// An actor on the network page and its relations.
struct NetworkActor {
    var id: String
    var name: String
    var url: String
    var relations: [RelationGroup]
}

/// Actors of one kind.
struct ActorGroup {
    var id: String
    var title: String
    var actors: [LinkItem]
    /// Whether the group shows only the first of its actors (on the home page).
    var isCut: Bool = false
}

/// A period of the timeline in its navigation: a year, or a month of a year split by month.
struct PeriodLink {
    /// "2023", or the month's name.
    var label: String
    var url: String
    /// "3,906 events" (`timeline.event_count`), on the overview only.
    var detail: String?
    /// Whether the page shown is this period (or a month of this year).
    var current: Bool
    /// On the overview: the months of a year split by month.
    var months: [PeriodLink]
    var hasMonths: Bool
}

/// The links between the pages of a list split by `list_limit`.
struct PaginationView {
    /// The navigation's accessible name ("Pages").
    var label: String
    /// "Page 2 of 20".
    var status: String
    /// The first and last page, the pages around this one, and gaps between them.
    var pages: [PageNumberItem]
    var hasPrevious: Bool
    var previousURL: String
    var hasNext: Bool
    var nextURL: String
}

/// One entry of a ``PaginationView``: a page number, or a gap ("…") between numbers.
struct PageNumberItem {
    var label: String
    var url: String
    var current: Bool
    var isGap: Bool
}

/// Events of one period on the timeline (a year or a month).
struct YearGroup {
    var year: String
    var id: String
    var events: [EventItem]
}

/// Links to the previous and next page of the same kind, in reading order: events in time,
/// notes and articles in the order of their index.
struct PagerView {
    /// The navigation's accessible name ("Events before and after this one").
    var label: String
    /// The page before, with what it is ("Previous event") as its detail.
    var previous: LinkItem?
    /// The page after, with what it is ("Next event") as its detail.
    var next: LinkItem?
}

/// Who references a page, by kind.
struct BacklinkSection {
    var title: String
    var items: [LinkItem]
    /// On an actor's page, when the list is cut to `list_limit`: the link to all of it.
    var more: MoreLink?
}

/// The link below a list an actor's page cuts to `list_limit` entries, to the pages of the whole
/// list (``ActorLists``): "See all 7,345".
struct MoreLink {
    var label: String
    var url: String
}

struct HomePage {
    var page: PageView
    var introHTML: String
    var hasIntro: Bool
    var notes: [LinkItem]
    var hasNotes: Bool
    var events: [EventItem]
    var hasEvents: Bool
    var actorGroups: [ActorGroup]
    var hasActors: Bool
    var timelineURL: String
    /// "The whole timeline: 48 events" (`home.timeline_link`, by the number of events).
    var timelineLink: String
    /// The number of events on the timeline.
    var eventCount: Int
    /// Whether the site has more notes than the home page lists (it lists the first 10).
    var moreNotes: Bool
    var notesURL: String
    /// "All 500 explainers" (`home.notes_link`, by the number of notes).
    var notesLink: String
    /// Whether the site has more actors of a kind than the home page lists (20 of each kind).
    var moreActors: Bool
    var actorsURL: String
    /// "All 2,000 actors" (`home.actors_link`, by the number of actors).
    var actorsLink: String
    var sources: [SourceEntry]
    var hasSources: Bool
}

struct TimelinePage {
    var page: PageView
    /// Whether the timeline is one page, every event by year (a timeline within `list_limit` events).
    var isWhole: Bool
    /// Whether this is `timeline/` of a split timeline: the list of every year (and month) with its number of events.
    var isOverview: Bool
    /// Whether this is the page of one period (a year, a month) of a split timeline.
    var isPeriod: Bool
    /// Every year of the timeline; on a period's page the year shown is `current`.
    var periods: [PeriodLink]
    /// On a page of a year split by month: its months.
    var months: [PeriodLink]
    var hasMonths: Bool
    /// The events of the page, under the period's heading (none on the overview).
    var years: [YearGroup]
    /// Whether the site has events at all.
    var hasEvents: Bool
    /// The periods before and after this one; nil on the overview.
    var pager: PagerView?
    var sources: [SourceEntry]
    var hasSources: Bool
}

struct EventPage {
    var page: PageView
    var event: EventItem
    var timelineURL: String
    /// The events just before and after this one in time; nil when it is the only event.
    var pager: PagerView?
    var quotes: [QuoteItem]
    var facts: [FactItem]
    var hasFacts: Bool
    var notes: [LinkItem]
    var hasNotes: Bool
    var backlinks: [BacklinkSection]
    var hasBacklinks: Bool
    var sources: [SourceEntry]
    var hasSources: Bool
}

struct ActorPage {
    var page: PageView
    var name: String
    var kind: String
    var role: String?
    var fullName: String?
    var aliases: String?
    /// The actor's image (`image:`), when given.
    var image: ImageView?
    var profileHTML: String
    var hasProfile: Bool
    var relations: [RelationGroup]
    var hasRelations: Bool
    /// The relations drawn: an inline SVG, this actor in the centre (empty without relations).
    var networkSVG: String
    /// The kinds drawn, each with its small shape (`shapeSVG`, **HTML**) and its label (`title`).
    var networkLegend: [LegendItem]
    /// "… and 8 more related actors, all listed below", when the diagram leaves some out.
    var networkMore: String?
    var facts: [FactItem]
    var hasFacts: Bool
    /// The events it takes part in; its latest `list_limit` when it has more.
    var events: [EventItem]
    var hasEvents: Bool
    /// The link to all its events, when ``events`` is cut.
    var eventsMore: MoreLink?
    var notes: [LinkItem]
    var hasNotes: Bool
    /// The link to all the notes about it, when ``notes`` is cut.
    var notesMore: MoreLink?
    var backlinks: [BacklinkSection]
    var hasBacklinks: Bool
    var sources: [SourceEntry]
    var hasSources: Bool
}

/// A page of one of an actor's lists that its page cuts (``ActorLists``): `actors/mali/events/`,
/// `actors/mali/events/page/2/`.
struct ActorListPage {
    var page: PageView
    /// The actor's name and page.
    var name: String
    var actorURL: String
    /// "Mali: Timeline".
    var heading: String
    /// Whether the list is the actor's events (shown as on its page, with their dates).
    var isEvents: Bool
    var events: [EventItem]
    /// The entries of the other lists (notes, articles, actors, pages).
    var items: [LinkItem]
    /// The links to the other pages of the list; nil when it has one page.
    var pagination: PaginationView?
}

struct ArticlePage {
    var page: PageView
    /// The article's own `language` when it differs from the site's, for its title and summary.
    var lang: String?
    /// The writing direction of `lang`, when given.
    var dir: String?
    var title: String
    var outlet: String
    var published: DateView
    var updated: DateView?
    var author: String?
    var originalURL: String?
    /// The article's image (`image:`), when given.
    var image: ImageView?
    var bodyHTML: String
    var events: [EventItem]
    var hasEvents: Bool
    var notes: [LinkItem]
    var hasNotes: Bool
    var backlinks: [BacklinkSection]
    var hasBacklinks: Bool
    var sources: [SourceEntry]
    var hasSources: Bool
    /// The articles before and after this one on the articles index; nil when it is the only one.
    var pager: PagerView?
}

struct NotePage {
    var page: PageView
    var title: String
    var summary: String?
    /// The note's `date`, when given.
    var date: DateView?
    /// The note's `author`, when given.
    var author: String?
    /// The note's image (`image:`), when given.
    var image: ImageView?
    /// The body, its top headings with an `id` each when the note has a table of contents.
    var bodyHTML: String
    /// The table of contents: a link to each top heading, for notes of four sections or more.
    var toc: [LinkItem]
    var hasTOC: Bool
    /// The notes before and after this one on the notes index; nil when it is the only one.
    var pager: PagerView?
    var about: [LinkItem]
    var hasAbout: Bool
    var backlinks: [BacklinkSection]
    var hasBacklinks: Bool
    var sources: [SourceEntry]
    var hasSources: Bool
}

/// A standalone page of `content/pages/`: About, Methodology, Corrections.
struct StandalonePageView {
    var page: PageView
    var title: String
    var summary: String?
    var bodyHTML: String
    var notes: [LinkItem]
    var hasNotes: Bool
    var backlinks: [BacklinkSection]
    var hasBacklinks: Bool
    var sources: [SourceEntry]
    var hasSources: Bool
}

struct ActorsIndexPage {
    var page: PageView
    var groups: [ActorGroup]
    var hasActors: Bool
    /// The links to the other pages of the index; nil when it has one page.
    var pagination: PaginationView?
}

struct ArticlesIndexPage {
    var page: PageView
    var articles: [LinkItem]
    var hasArticles: Bool
    /// The links to the other pages of the index; nil when it has one page.
    var pagination: PaginationView?
}

struct NotesIndexPage {
    var page: PageView
    var notes: [LinkItem]
    var hasNotes: Bool
    /// The links to the other pages of the index; nil when it has one page.
    var pagination: PaginationView?
}

struct NotFoundPage {
    var page: PageView
}

/// The search page (`search/`, when the site has `search: true`).
struct SearchPage {
    var page: PageView
    /// The `kind` filter's values, in the order of the menu (each kind's name in the site's words).
    var kinds: [String]
    /// The relative URL of Pagefind's script, `../pagefind/pagefind.js`.
    var pagefindScript: String
    /// The indexes to browse without JavaScript: timeline, actors, articles, notes.
    var indexes: [LinkItem]
}
