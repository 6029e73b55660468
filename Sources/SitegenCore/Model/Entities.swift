/// The settings of `content/site.yaml`.
public struct SiteConfig: Sendable, Hashable {
    /// The site's name, shown in every page title.
    public var title: String
    /// One-line description, used for the home page and feed.
    public var description: String
    /// BCP 47 language of the pages: it chooses the theme's words (``StringTable``).
    public var language: String
    /// Where `language` is written, for messages about it.
    public var languageLocation: SourceLocation = SourceLocation(path: "content/site.yaml")
    /// The site's public address, ending in `/`; nil when unknown (no feed, sitemap or canonical URLs).
    public var baseURL: String?
    /// Whether raw HTML in Markdown goes through to the pages.
    public var unsafeHTML: Bool
    /// `links:` of site.yaml (or `--links`); nil when not set.
    public var links: LinkStyle?
    /// `feed_limit:`: how many of the latest articles and notes `feed.xml` carries (50 by default, as Hugo and Zola).
    public var feedLimit: Int = 50
    /// `list_limit:`: the most entries one page lists (500 by default); longer lists (the
    /// timeline, the indexes, an actor's events) are split into pages with links between them.
    public var listLimit: Int = 500
    /// `search: true`: the site gets a search page, and the build indexes it with Pagefind.
    public var search: Bool = false
    /// Where `search` is written, for the message when Pagefind is missing.
    public var searchLocation: SourceLocation = SourceLocation(path: "content/site.yaml")

    /// Creates settings.
    public init(title: String, description: String = "", language: String = "en", baseURL: String? = nil, unsafeHTML: Bool = false,
                links: LinkStyle? = nil) {
        self.title = title
        self.description = description
        self.language = language
        self.baseURL = baseURL
        self.unsafeHTML = unsafeHTML
        self.links = links
    }

    /// How pages link to each other: as set, or else folder links for a site with a `base_url`
    /// (it is going to a web server) and file links for one without (it may be opened from a disk).
    public var linkStyle: LinkStyle {
        links ?? (baseURL == nil ? .files : .folders)
    }
}

/// A Markdown text written by an editor, with where it starts in its file and what it references.
public struct MarkdownText: Sendable, Hashable {
    /// The Markdown source, until the loader parses it; empty after that. What later stages
    /// read of a text is what its one parse found (``references``, ``content``, ``plainSummary``,
    /// ``uncitedParagraphs``, ``holdsPlaceholder``), so that a large site's sources are never
    /// all held at once.
    public var source: String
    /// The file it is in.
    public var path: String
    /// Lines of the file before the first line of `source` (the front matter).
    public var lineOffset: Int
    /// Column offset of the first line (for an inline value in YAML).
    public var firstLineColumnOffset: Int
    /// Column offset of every later line (the indentation of a YAML block scalar).
    public var otherLinesColumnOffset: Int = 0
    /// Cross-references and citations found in it, in order of appearance.
    public var references: [MarkdownReference]
    /// The text rendered once: HTML, and the links, image addresses and citation groups that
    /// each page writes for itself.
    public var content = MarkdownContent()
    /// The first sentences as plain text, for page descriptions and the feed.
    public var plainSummary: String = ""
    /// Where each paragraph starts that cites no article and is not marked `<!-- uncited -->`,
    /// less those on a line that still holds a `sitegen new` placeholder (``PlaceholderCheck``
    /// warns there, and replacing the placeholder comes first).
    public var uncitedParagraphs: [SourceLocation] = []
    /// Whether the source holds one of the placeholders `sitegen new` writes (``PlaceholderCheck``).
    public var holdsPlaceholder = false

    /// Creates a Markdown text.
    public init(source: String, path: String, lineOffset: Int, firstLineColumnOffset: Int = 0, references: [MarkdownReference] = []) {
        self.source = source
        self.path = path
        self.lineOffset = lineOffset
        self.firstLineColumnOffset = firstLineColumnOffset
        self.references = references
    }
}

/// A cross-reference (`[x](actor:mali)`) or citation (`[@id]`) found in Markdown.
public struct MarkdownReference: Sendable, Hashable {
    /// Whether it is a link or a citation.
    public enum Form: Sendable, Hashable { case link, citation }
    public var form: Form
    /// What it points at; for a citation always an article.
    public var target: Ref
    /// Where it is written.
    public var location: SourceLocation
}

/// A quote from a source article, with the article it comes from.
public struct SourceQuote: Sendable, Hashable {
    /// The cited article's ID.
    public var article: String
    /// The quoted words, if any.
    public var quote: String?
    /// Where the entry is written.
    public var location: SourceLocation
    /// Where the quote is written.
    public var quoteLocation: SourceLocation
}

/// A piece of information with one or more values, each with its sources.
public struct Fact: Sendable, Hashable {
    /// One claimed value and the sources that claim it.
    public struct Value: Sendable, Hashable {
        public var value: String
        public var sources: [SourceQuote]
        public var location: SourceLocation
    }
    public var label: String
    public var values: [Value]
    public var location: SourceLocation

    /// Whether sources disagree: two values differ once white space is trimmed.
    public var sourcesDiffer: Bool {
        Set(values.map { $0.value.trimmingWhitespace() }).count > 1
    }
}

/// A source article's page: `content/articles/ID.md`.
public struct Article: Sendable, Hashable, Identifiable {
    public var id: String
    public var title: String
    public var outlet: String
    public var published: Timestamp
    public var updated: Timestamp?
    public var author: String?
    public var url: String?
    /// File name in `content/sources/` with the article text.
    public var source: String?
    /// Other renditions of the same text in `content/sources/`.
    public var sameAs: [String]
    public var language: String?
    public var draft: Bool
    public var body: MarkdownText
    /// Where the front matter starts.
    public var location: SourceLocation
    /// Where `source:` and each `same_as` entry are written.
    public var sourceLocations: [String: SourceLocation]
    /// The image shown at the top of the page and in link previews (`image:`), when given.
    public var image: PageImage? = nil
}

/// The kinds of actor.
public enum ActorKind: String, Sendable, Hashable, CaseIterable {
    case person, state, government, organization, alliance
    case armedGroup = "armed-group"
    case militaryForce = "military-force"

    // How a kind is named to readers is in the theme's strings: `kinds.KIND.label` and `.heading`.
}

/// The kinds of relation between actors.
public enum RelationType: String, Sendable, Hashable, CaseIterable {
    case memberOf = "member-of"
    case partOf = "part-of"
    case leads
    case alliedWith = "allied-with"
    case opposedTo = "opposed-to"
    case partnerOf = "partner-of"
    case successorOf = "successor-of"

    /// Whether the relation reads the same from both actors (allied, opposed, partners).
    public var isSymmetric: Bool { self == .alliedWith || self == .opposedTo || self == .partnerOf }

    // How a relation reads is in the theme's strings: `relations.TYPE.forward` (from its subject,
    // "Member of") and `.inverse` (from its object, "Members").
}

/// A relation from one actor to another.
public struct Relation: Sendable, Hashable {
    public var type: RelationType
    public var actor: String
    public var since: PartialDate?
    public var until: PartialDate?
    public var sources: [SourceQuote]
    public var location: SourceLocation
    public var actorLocation: SourceLocation
}

/// An actor's profile: `content/actors/ID.md`.
public struct Actor: Sendable, Hashable, Identifiable {
    public var id: String
    public var name: String
    public var kind: ActorKind
    public var fullName: String?
    public var aliases: [String]
    public var role: String?
    public var relations: [Relation]
    public var facts: [Fact]
    public var body: MarkdownText
    public var location: SourceLocation
    /// The image shown at the top of the page and in link previews (`image:`), when given.
    public var image: PageImage? = nil
}

/// A dated happening, from `content/events/*.yaml`.
public struct Event: Sendable, Equatable, Identifiable {
    public var id: String
    public var date: PartialDate
    public var end: PartialDate?
    public var approximate: Bool
    public var title: String
    /// Inline Markdown.
    public var summary: MarkdownText?
    public var actors: [EventActor]
    public var place: String?
    public var sources: [SourceQuote]
    public var facts: [Fact]
    public var location: SourceLocation
    /// A hash of the bytes the event was read from (its item of the events file, up to the
    /// next): two events equal as values but written in other bytes (Swift's `==` compares texts
    /// as Unicode does, a composed `é` equal to `e` and a combining accent) are told apart, so
    /// that `sitegen serve` renders again the pages that show them (docs/incremental.md).
    public var sourceHash: Int = 0
}

/// An actor an event names (`actors:`), with where it is named.
public struct EventActor: Sendable, Hashable {
    public var id: String
    public var location: SourceLocation

    public init(id: String, location: SourceLocation) {
        self.id = id
        self.location = location
    }
}

/// A page a note is about (`about:`), with where it is named.
public struct NoteSubject: Sendable, Hashable {
    public var ref: Ref
    public var location: SourceLocation

    public init(ref: Ref, location: SourceLocation) {
        self.ref = ref
        self.location = location
    }
}

/// An editor's explainer note: `content/notes/ID.md`.
public struct Note: Sendable, Equatable, Identifiable {
    public var id: String
    public var title: String
    public var summary: String?
    public var order: Int?
    public var about: [NoteSubject]
    public var draft: Bool
    public var body: MarkdownText
    public var location: SourceLocation
    /// When the note was written or last revised (`date:`), when given.
    public var date: PartialDate? = nil
    /// Who wrote the note (`author:`), when given.
    public var author: String? = nil
    /// The image shown at the top of the page and in link previews (`image:`), when given.
    public var image: PageImage? = nil

}

/// A standalone page (About, Methodology, Corrections): `content/pages/ID.md`, written to `ID/`.
public struct StandalonePage: Sendable, Hashable, Identifiable {
    public var id: String
    public var title: String
    public var summary: String?
    /// Its position in the site menu, after the built-in sections; nil keeps it out of the menu.
    public var menu: Int?
    public var draft: Bool
    public var body: MarkdownText
    public var location: SourceLocation
}

/// A source text of `content/sources/`, against which quotes are checked: its name and file.
/// The loader reads it only to check that it is text; the verify stage reads it again, one
/// article's texts at a time, so that a large site's texts are never all held at once.
public struct SourceText: Sendable {
    /// The file name inside `content/sources/`.
    public var name: String
    /// The file, from the site root.
    public var path: String
}

/// Everything read from a site's folder, before references are checked.
public struct RawSite: Sendable {
    public var config: SiteConfig
    public var introduction: MarkdownText?
    public var articles: [Article]
    public var actors: [Actor]
    public var events: [Event]
    public var notes: [Note]
    /// Standalone pages.
    public var pages: [StandalonePage] = []
    /// Source texts by file name.
    public var sources: [String: SourceText]
    /// `content/strings.yaml`, the site's own words for the theme, when there is one.
    public var strings: TextFile?
    /// Pages whose files exist but could not be read (their errors are already reported):
    /// references to them are not reported again.
    public var brokenRefs: Set<Ref> = []
}

extension RawSite {
    /// Empties what only the verify stage reads: the uncited paragraphs of every text (the
    /// Markdown sources are let go when parsed, and the source texts are never kept). A cold
    /// build drops them once verified, before the site is resolved and rendered.
    public mutating func dropVerifiedTexts() {
        func drop(_ text: inout MarkdownText) {
            text.uncitedParagraphs = []
        }
        if introduction != nil { drop(&introduction!) }
        for index in articles.indices { drop(&articles[index].body) }
        for index in actors.indices { drop(&actors[index].body) }
        for index in events.indices where events[index].summary != nil { drop(&events[index].summary!) }
        for index in notes.indices { drop(&notes[index].body) }
        for index in pages.indices { drop(&pages[index].body) }
    }
}
