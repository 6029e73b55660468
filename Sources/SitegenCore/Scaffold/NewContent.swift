import Foundation

/// The files `sitegen new` writes: an article, actor, event or note with its front matter,
/// each key explained by a comment, that builds as written.
///
/// Articles and notes start as drafts (`draft: true`), as in Hugo: they show with
/// `sitegen serve --drafts` and stay out of the published site until the line is removed.
/// An event is written to `content/events/ID.yaml` as a one-item list; it needs a source
/// article, given with `article`, or else a placeholder that `sitegen check` reports.
public enum NewContent {
    /// What to create.
    public struct Request: Sendable {
        /// Which kind of page.
        public var kind: EntityKind
        /// The new ID.
        public var id: String
        /// The title (or an actor's name); by default made from the ID.
        public var title: String?
        /// An actor's kind; `organization` by default.
        public var actorKind: ActorKind?
        /// An event's source article, which must exist.
        public var article: String?
        /// The date written into `published` or `date`; today (UTC) by default.
        public var date: Date?

        /// Creates a request.
        public init(kind: EntityKind, id: String, title: String? = nil, actorKind: ActorKind? = nil, article: String? = nil, date: Date? = nil) {
            self.kind = kind
            self.id = id
            self.title = title
            self.actorKind = actorKind
            self.article = article
            self.date = date
        }
    }

    /// A file to write: its path relative to the site root, and its text.
    public struct Plan: Sendable, Equatable {
        /// `content/notes/ID.md`, relative to the site root.
        public var path: String
        /// The whole file.
        public var text: String
        /// Something the editor must still do, or nil (an event without a source article).
        public var reminder: String?
    }

    /// Why a file cannot be made; the message says what to do instead.
    public struct Problem: Error, CustomStringConvertible, Equatable {
        /// What is wrong.
        public var description: String

        /// Creates a problem.
        public init(description: String) {
            self.description = description
        }
    }

    /// The event source placeholder: an ID no article has, so `sitegen check` reports it.
    public static let articlePlaceholder = "replace-with-source-article-id"

    /// Works out the file for `request` in the site at `root`, refusing an invalid or existing ID.
    public static func plan(_ request: Request, root: URL) throws(Problem) -> Plan {
        let fileManager = FileManager.default
        let content = root.appendingPathComponent("content")
        guard fileManager.fileExists(atPath: content.appendingPathComponent("site.yaml").path) else {
            throw Problem(description: "no content/site.yaml in \(root.path): run this in the site's folder, pass --root, or start a new site with `sitegen init`")
        }
        let id = request.id
        guard IDSyntax.isValid(id) else {
            var message = IDSyntax.problem(with: id)
            if let suggestion = SiteLoader.suggestedID(for: id) { message += "; did you mean `\(suggestion)`?" }
            throw Problem(description: message)
        }
        let existing = existingIDs(of: request.kind, in: content)
        if let place = existing[id] {
            throw Problem(description: "there is already \(request.kind == .article || request.kind == .actor || request.kind == .event ? "an" : "a") \(request.kind.rawValue) `\(id)` (\(place)): choose another ID")
        }
        let title = request.title ?? humanized(id)
        let date = dateText(request.date ?? Date())
        // Examples in comments use this site's own IDs, so that uncommenting them works.
        let exampleActor = existingIDs(of: .actor, in: content).keys.min() ?? "actor-id"
        let exampleEvent = existingIDs(of: .event, in: content).keys.min() ?? "event-id"
        switch request.kind {
        case .article:
            return Plan(path: "content/articles/\(id).md", text: articleText(id: id, title: title, date: date), reminder: nil)
        case .actor:
            return Plan(path: "content/actors/\(id).md", text: actorText(id: id, name: title, kind: request.actorKind ?? .organization), reminder: nil)
        case .note:
            return Plan(path: "content/notes/\(id).md", text: noteText(id: id, title: title, actor: exampleActor, event: exampleEvent), reminder: nil)
        case .page:
            if PageLoader.reservedIDs.contains(id) {
                throw Problem(description: "a page cannot be called `\(id)`: `\(id)/` is a section of the site itself; choose another ID")
            }
            return Plan(path: "content/pages/\(id).md", text: pageText(id: id, title: title, actor: exampleActor), reminder: nil)
        case .event:
            let articles = existingIDs(of: .article, in: content).keys.sorted()
            if let article = request.article, !articles.contains(article) {
                var message = "there is no article `\(article)` in content/articles/"
                if let suggestion = Suggestions.closest(to: article, in: articles) { message += "; did you mean `\(suggestion)`?" }
                throw Problem(description: message)
            }
            let path = "content/events/\(id).yaml"
            if fileManager.fileExists(atPath: root.appendingPathComponent(path).path) {
                throw Problem(description: "\(path) already exists: choose another ID")
            }
            let reminder = request.article == nil
                ? "replace `\(articlePlaceholder)` with the ID of the article the event comes from (until then, `sitegen check` reports it)"
                : nil
            return Plan(path: path, text: eventText(id: id, title: title, date: date, article: request.article, articles: articles,
                                           actor: exampleActor),
                        reminder: reminder)
        }
    }

    /// Writes the planned file, creating its folder; never replaces an existing file.
    public static func write(_ plan: Plan, root: URL) throws(Problem) {
        let url = root.appendingPathComponent(plan.path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(plan.text.utf8).write(to: url, options: .withoutOverwriting)
        } catch {
            throw Problem(description: "could not write \(plan.path): \(error.localizedDescription)")
        }
    }

    /// The IDs of one kind already in the site, each with the file that holds it.
    static func existingIDs(of kind: EntityKind, in content: URL) -> [String: String] {
        let folder = content.appendingPathComponent(kind.folder)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        var result: [String: String] = [:]
        switch kind {
        case .article, .actor, .note, .page:
            for name in names where name.hasSuffix(".md") {
                result[String(name.dropLast(3))] = "content/\(kind.folder)/\(name)"
            }
        case .event:
            // `- id: x` or `id: x`, maybe quoted, maybe followed by a comment.
            for name in names where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { continue }
                let text = String(decoding: data, as: UTF8.self)
                for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    var rest = Substring(line.trimmingCharacters(in: .whitespaces))
                    if rest.hasPrefix("- ") { rest = Substring(rest.dropFirst(2).trimmingCharacters(in: .whitespaces)) }
                    guard rest.hasPrefix("id:") else { continue }
                    var value = rest.dropFirst(3)
                    if let hash = value.range(of: " #") { value = value[..<hash.lowerBound] }
                    let id = value.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                    if result[id] == nil { result[id] = "content/events/\(name):\(index + 1)" }
                }
            }
        }
        return result
    }

    /// `un-security-council` → `Un security council`: a start the editor will rewrite.
    static func humanized(_ id: String) -> String {
        let words = id.split(separator: "-").joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    static func dateText(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    /// A YAML double-quoted string.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func articleText(id: String, title: String, date: String) -> String {
        """
        ---
        # One source article. The file name is its ID: cite it as [@\(id)], link it as [the report](article:\(id)).
        title: \(quoted(title))   # required: the article's headline, as the outlet printed it
        outlet: "Outlet name"   # required: the publication, e.g. Voice of America
        published: \(date)   # required: YYYY-MM-DD (or YYYY-MM-DDTHH:MMZ)
        # updated: \(date)   # the date of the last update, if the outlet shows one
        # author: Name Surname   # the byline
        # url: https://example.org/article   # the original article's address
        # source: FILE.txt   # the article's text in content/sources/, used to check quotes
        # same_as: [OTHER.html]   # other copies of the same article in content/sources/
        # language: fr   # only if not the site's language
        draft: true   # keeps the page out of the site; see it with `sitegen serve --drafts`, delete the line to publish
        ---
        Summarise the article here in your own words, citing it for each fact [@\(id)].

        """
    }

    static func actorText(id: String, name: String, kind: ActorKind) -> String {
        let kinds = ActorKind.allCases.map(\.rawValue).joined(separator: ", ")
        let types = RelationType.allCases.map(\.rawValue).joined(separator: ", ")
        return """
        ---
        # One actor. The file name is its ID: link it as [\(name)](actor:\(id)).
        name: \(quoted(name))   # required: the name shown on the site
        kind: \(kind.rawValue)   # required: one of \(kinds)
        # full_name: Long form of the name
        # aliases: [Other name, Abbreviation]   # other names the sources use
        # role: One line shown under the name
        # relations:   # type is one of \(types)
        #   - type: member-of
        #     actor: other-actor-id
        #     since: 2013   # optional, like until: YYYY, YYYY-MM or YYYY-MM-DD
        #     sources:
        #       - article: article-id
        #         quote: "words copied exactly from the article"
        ---
        Write the profile here. Cite each fact with the article it comes from, written `[@article-id]`.

        """
    }

    static func eventText(id: String, title: String, date: String, article: String?, articles: [String], actor: String = "actor-id") -> String {
        var lines = [
            "# Events are YAML lists; this file holds one. Add more events to it, or to any file in content/events/.",
            "# Link this event as [the event](event:\(id)); it appears on the timeline by date.",
            "- id: \(id)   # required: unique among events",
            "  date: \(date)   # required: YYYY, YYYY-MM or YYYY-MM-DD",
            "  # end: \(date)   # for a span: the last day, not before date",
            "  # approximate: true   # shows the date as \"c.\"",
            "  title: \(quoted(title))   # required: one line",
            "  # summary: Inline Markdown, may link [an actor](actor:\(actor)) and cite [@article-id].",
            "  # actors: [\(actor), other-actor-id]   # the actors taking part",
            "  # place: Name of the place   # free text: a town, a building, a region",
            "  sources:   # required: at least one entry",
        ]
        if let article {
            lines.append("    - article: \(article)   # the article the event comes from; add an entry per article")
        } else {
            lines.append(articles.isEmpty
                ? "    # No article exists yet: write one first with `sitegen new article ID`."
                : "    # Articles in this site: " + articles.prefix(8).joined(separator: ", ") + (articles.count > 8 ? ", ..." : ""))
            lines.append("    - article: \(articlePlaceholder)   # REQUIRED: the source article's ID; until replaced, `sitegen check` reports it")
        }
        lines.append("      # quote: \"words copied exactly from the article\"   # expected: checked against the article's source text")
        return lines.joined(separator: "\n") + "\n"
    }

    static func pageText(id: String, title: String, actor: String = "actor-id") -> String {
        """
        ---
        # A standalone page (About, Methodology, Corrections), written to \(id)/. Link it as [about us](page:\(id)).
        title: \(quoted(title))   # required
        # summary: One sentence shown under the title and as the page's description.
        menu: 10   # its position in the site menu, after Home, Timeline, Actors, Articles and Notes; delete the line to leave it out
        draft: true   # keeps the page out of the site; see it with `sitegen serve --drafts`, delete the line to publish
        ---
        Write the page here in Markdown. Link an actor with `[its name](actor:\(actor))` and cite an article with `[@article-id]`.

        """
    }

    static func noteText(id: String, title: String, actor: String = "actor-id", event: String = "event-id") -> String {
        """
        ---
        # An explainer note. The file name is its ID: link it as [why](note:\(id)).
        title: \(quoted(title))   # required
        # summary: One sentence shown in lists of notes.
        # order: 1   # position in the notes list; lower first
        # about: [actor:\(actor), event:\(event)]   # the note is listed on these pages
        draft: true   # keeps the note out of the site; see it with `sitegen serve --drafts`, delete the line to publish
        ---
        Write the note here in Markdown. Link an actor with `[its name](actor:\(actor))` and cite an article with `[@article-id]`.

        """
    }
}
