import Foundation

/// The small site `sitegen init` writes: one of each thing a site is made of, each file saying
/// in its own words what it is for, and building with no warning as written.
///
/// Its people, places and outlets are invented for the example, so a newsroom replaces them
/// rather than keeps them by accident; nothing in it names a real site's IDs.
public enum NewSite {
    /// Every file of the new site: a path relative to the site root, and its text.
    public static func files(title: String) -> [(path: String, text: String)] {
        [
            ("content/site.yaml", siteYAML(title: title)),
            ("content/index.md", indexMarkdown),
            ("content/articles/example-gazette-harbour-vote.md", article),
            ("content/sources/example-gazette-harbour-vote.txt", sourceText),
            ("content/actors/town-council.md", townCouncil),
            ("content/actors/harbour-board.md", harbourBoard),
            ("content/events/harbour.yaml", events),
            ("content/notes/how-this-site-works.md", note),
            ("content/pages/about.md", aboutPage),
            ("static/images/old-pier.svg", pierDrawing),
        ]
    }

    /// Writes the new site into `root`, which may exist but must hold no `content/` or `static/`
    /// folder yet; nothing is written when it does.
    public static func write(to root: URL, title: String) throws(NewContent.Problem) -> [String] {
        let fileManager = FileManager.default
        for folder in ["content", "static"] where fileManager.fileExists(atPath: root.appendingPathComponent(folder).path) {
            throw NewContent.Problem(description: "\(root.appendingPathComponent(folder).path) already exists: `sitegen init` only starts a new site; choose an empty folder")
        }
        var written: [String] = []
        for (path, text) in files(title: title) {
            let url = root.appendingPathComponent(path)
            do {
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url, options: .withoutOverwriting)
            } catch {
                throw NewContent.Problem(description: "could not write \(path): \(error.localizedDescription)")
            }
            written.append(path)
        }
        // Files for the site's root (images, PDFs, favicon.ico, CNAME) go here, copied as they are.
        try? fileManager.createDirectory(at: root.appendingPathComponent("static"), withIntermediateDirectories: true)
        return written
    }

    static func siteYAML(title: String) -> String {
        """
        # The site's settings. Every page's title ends with the site's title.
        title: \(NewContent.quoted(title))
        description: "An explainer written from its sources: replace this with one line about your story"
        language: en   # the readers' language: the theme's words are built in for en and fr; content/strings.yaml for others
        # base_url: https://news.example.org/harbour/   # where the site will live; gives it a feed, a sitemap and canonical links
        # links: files   # `files` (links end in index.html: the site also works opened from a disk) or `folders`

        """
    }

    static let indexMarkdown = """
        <!-- uncited -->
        This is the home page's introduction, written in `content/index.md`. Say here what the
        explainer is about and why a reader should care. Every other paragraph must cite the article
        it comes from; one that needs no citation, like this one, starts with `<!-- uncited -->`.

        This example site tells an invented story: the [Town Council](actor:town-council) voted
        to give the [Harbour Board](actor:harbour-board) the money to rebuild the old pier
        [@example-gazette-harbour-vote]. Every page links to the others, and every fact cites the
        article it comes from. Read [how this site works](note:how-this-site-works), then replace
        these files with your own story.

        """

    static let article = """
        ---
        # A source article: one news report the explainer is written from. Its file name is its ID.
        # Cite it as [@example-gazette-harbour-vote]; its page lists every event and note built on it.
        title: Council backs the harbour rebuild
        outlet: The Example Gazette
        published: 2024-03-14
        author: A. Reporter
        # url: https://gazette.example/2024/03/harbour-vote   # the original article's address
        source: example-gazette-harbour-vote.txt   # its text, in content/sources/: quotes are checked against it
        ---
        The article's summary, in the editors' own words, citing it for each fact. This one reports
        that the [Town Council](actor:town-council) voted 9 to 2 for the rebuild of the old pier,
        to be carried out by the [Harbour Board](actor:harbour-board) [@example-gazette-harbour-vote].

        """

    static let sourceText = """
        Council backs the harbour rebuild

        By A. Reporter, The Example Gazette, 14 March 2024

        (This is a source text: the words of the article itself, kept in content/sources/ so that
        every quote taken from it can be checked word for word. It is never published.)

        The town council voted nine to two on Wednesday to fund the rebuilding of the old pier.
        "The pier has carried this town for a century, and it will carry it for another," the
        council's chair said after the vote. The harbour board will run the works, which are to
        start in the spring.

        """

    static let townCouncil = """
        ---
        # An actor: a person, state, government, organisation, alliance, armed group or military
        # force the story is about. Its file name is its ID: link it as [the council](actor:town-council).
        name: Town Council
        kind: government
        role: Elected council of the town
        relations:   # how it stands to other actors; each relation shows on both actors' pages
          - type: leads
            actor: harbour-board
            sources:
              - article: example-gazette-harbour-vote
        ---
        The actor's profile, in Markdown: who they are and what they did in this story, with a
        citation for each fact. The council voted to fund the rebuild of the old pier
        [@example-gazette-harbour-vote].

        """

    static let harbourBoard = """
        ---
        # A second actor. The relation written on the Town Council's page ("leads") shows here too,
        # as "Led by": write each relation once, on either actor.
        name: Harbour Board
        kind: organization
        role: Runs the harbour and its works
        ---
        The board will run the works on the old pier, which are to start in the spring
        [@example-gazette-harbour-vote].

        """

    static let events = """
        # Events: what happened, when, and who took part. This file is a YAML list; add events to it
        # or to any other file in content/events/. They make up the timeline, in date order.
        - id: council-votes-pier-rebuild
          date: 2024-03-13   # YYYY, YYYY-MM or YYYY-MM-DD; add `approximate: true` for "c."
          title: The council votes to rebuild the old pier
          summary: The vote was nine to two [@example-gazette-harbour-vote].
          actors: [town-council, harbour-board]
          place: Town hall
          sources:
            - article: example-gazette-harbour-vote
              # A quote must be copied exactly from the article's source text: sitegen checks it
              # word for word and marks it "verified" on the page.
              quote: "The pier has carried this town for a century, and it will carry it for another,"

        """

    static let aboutPage = """
        ---
        # A standalone page: About, Methodology, Corrections. It is written to about/ and, with a
        # `menu` position, listed in the site menu after the built-in sections.
        title: About
        menu: 1
        ---
        Say here who writes this explainer and how: which newsroom, how sources are chosen, how to
        reach the editors and how corrections are made. A page links and cites like any other, for
        example to [the harbour board](actor:harbour-board) or [the report](article:example-gazette-harbour-vote).

        """

    /// A drawing for the note's example image, in `static/images/`.
    static let pierDrawing = """
        <svg xmlns="http://www.w3.org/2000/svg" width="480" height="200" viewBox="0 0 480 200">
          <title>The old pier reaching out into the harbour (an example image: replace it)</title>
          <rect width="480" height="200" fill="#dcebf5"/>
          <rect y="130" width="480" height="70" fill="#8fb8d8"/>
          <path d="M0 110 H120 V130 H0 Z" fill="#c9b48a"/>
          <rect x="110" y="104" width="300" height="10" fill="#7a5a3a"/>
          <g fill="#5a4030"><rect x="150" y="114" width="8" height="56"/><rect x="230" y="114" width="8" height="56"/><rect x="310" y="114" width="8" height="56"/><rect x="390" y="114" width="8" height="56"/></g>
          <circle cx="400" cy="50" r="22" fill="#f3d27a"/>
        </svg>

        """

    static let note = """
        ---
        # A note: an explainer the editors write themselves, about any actors and events.
        title: How this site works
        summary: What each folder of content/ is for, and what to do next.
        about: [actor:town-council, event:council-votes-pier-rebuild]   # the note is listed on these pages
        ---
        <!-- uncited -->
        This site is built by sitegen from plain text files:

        <!-- uncited -->
        - `content/articles/` holds one summary per source article, and `content/sources/` the
          article's own text, against which every quote is checked.
        - `content/actors/` holds a profile per actor, with their relations.
        - `content/events/` holds the timeline's events, each with its sources and quotes.
        - `content/notes/` holds explainers like this one, and `content/pages/` standalone pages
          such as [About](page:about).
        - `static/` holds files copied as they are: images, PDFs, `favicon.ico`, `CNAME`.

        <!-- uncited -->
        An image is shown with its path from `static/` and, in the brackets, what it shows for
        readers who cannot see it: `![A drawing of the old pier](images/old-pier.svg)`.

        ![A drawing of the old pier reaching out into the harbour](images/old-pier.svg)

        Links between pages are written like [the vote](event:council-votes-pier-rebuild), and a
        citation like [@example-gazette-harbour-vote]. Run `sitegen serve` to see your changes as
        you save, `sitegen new article ID` to add an article, and `sitegen build` to write the site
        into `public/`.

        """
}
