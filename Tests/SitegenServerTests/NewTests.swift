import Foundation
import SitegenCore
import Testing

/// `sitegen new` lives in SitegenCore (`NewContent`) so that what it writes can be built here.
@Suite("sitegen new")
struct NewTests {
    /// Builds the site with and without drafts; returns the diagnostics of the draft build.
    func buildAll(_ site: TestSite) -> (published: BuildReport, drafts: BuildReport) {
        let output = site.root.appendingPathComponent(".out")
        let published = build(BuildOptions(root: site.root, output: output))
        let drafts = build(BuildOptions(root: site.root, output: output, includeDrafts: true))
        return (published, drafts)
    }

    func make(_ site: TestSite, _ kind: EntityKind, _ id: String, article: String? = nil) throws -> NewContent.Plan {
        let plan = try NewContent.plan(NewContent.Request(kind: kind, id: id, article: article,
                                                          date: Date(timeIntervalSince1970: 1_700_000_000)), root: site.root)
        try NewContent.write(plan, root: site.root)
        return plan
    }

    @Test("an article, an actor and a note made by new build with no errors or warnings, with and without drafts")
    func buildsCleanly() throws {
        let site = try TestSite()
        defer { site.remove() }
        let article = try make(site, .article, "reuters-2023-07-un-vote")
        let actor = try make(site, .actor, "african-union")
        let note = try make(site, .note, "how-the-vote-went")
        #expect(article.path == "content/articles/reuters-2023-07-un-vote.md")
        #expect(actor.path == "content/actors/african-union.md")
        #expect(note.path == "content/notes/how-the-vote-went.md")
        #expect(try site.read(article.path).contains("published: 2023-11-14"))

        let (published, drafts) = buildAll(site)
        // What new writes for the editor to replace is a warning on each published page that still holds it.
        #expect(published.diagnostics.map(\.description) == [
            "content/actors/african-union.md:16:1: warning: `Write the profile here.` is a placeholder written by `sitegen new`: replace it with the actor's profile before publishing",
        ])
        #expect(drafts.diagnostics.allSatisfy { $0.severity == .warning && $0.message.contains("is a placeholder written by `sitegen new`") })
        #expect(Set(drafts.diagnostics.map(\.location.path)) == [article.path, actor.path, note.path])
        #expect(drafts.diagnostics.contains { $0.location.path == article.path && $0.message.hasPrefix("`Outlet name`") && $0.location.column == 10 })
        #expect(!published.failed && !drafts.failed)
        // Drafts stay out until their line is removed; the actor is published at once.
        let output = site.root.appendingPathComponent(".out")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("actors/african-union/index.html").path))
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("notes/how-the-vote-went/index.html").path))
        _ = build(BuildOptions(root: site.root, output: output))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("notes/how-the-vote-went/index.html").path))
    }

    @Test("every front matter key written by new is explained by a comment")
    func comments() throws {
        let site = try TestSite()
        defer { site.remove() }
        let text = try site.read(try make(site, .actor, "african-union").path)
        for key in ["name:", "kind:", "full_name:", "aliases:", "role:", "relations:"] {
            let line = try #require(text.split(separator: "\n").first { $0.contains(key) }, "\(key)")
            #expect(line.contains("#"), "\(key) has no comment")
        }
        #expect(text.contains("person, state, government, organization, alliance, armed-group, military-force"))
    }

    @Test("an event made by new builds once pointed at an existing article")
    func eventWithArticle() throws {
        let site = try TestSite()
        defer { site.remove() }
        let plan = try make(site, .event, "minusma-leaves", article: "voa-report")
        #expect(plan.path == "content/events/minusma-leaves.yaml")
        #expect(plan.reminder == nil)
        let (published, drafts) = buildAll(site)
        #expect(published.diagnostics.isEmpty, "\(published.diagnostics)")
        #expect(drafts.diagnostics.isEmpty, "\(drafts.diagnostics)")
    }

    @Test("an event made without an article holds a placeholder that check reports, and builds once it is replaced")
    func eventPlaceholder() throws {
        let site = try TestSite()
        defer { site.remove() }
        let plan = try make(site, .event, "minusma-leaves")
        #expect(plan.reminder != nil)
        let text = try site.read(plan.path)
        #expect(text.contains("Articles in this site: voa-report"))
        let report = build(BuildOptions(root: site.root, writesOutput: false))
        #expect(report.failed)
        #expect(report.diagnostics.contains { $0.severity == .error && $0.message.contains(NewContent.articlePlaceholder) })

        try site.write(plan.path, text.replacingOccurrences(of: NewContent.articlePlaceholder, with: "voa-report"))
        let fixed = build(BuildOptions(root: site.root, writesOutput: false))
        #expect(fixed.diagnostics.isEmpty, "\(fixed.diagnostics)")
    }

    @Test("new refuses an ID that already exists", arguments: [
        (EntityKind.article, "voa-report"), (.actor, "minusma"), (.note, "what-was-minusma"), (.event, "vote"),
    ])
    func refusesExisting(kind: EntityKind, id: String) throws {
        let site = try TestSite(extra: ["content/events/2023.yaml": """
            - id: vote   # an inline comment
              date: 2023-06-30
              title: The vote
              sources: [{article: voa-report}]
            """])
        defer { site.remove() }
        let before = try? site.read("content/\(kind.folder)/\(id).md")
        #expect(throws: NewContent.Problem.self) {
            _ = try NewContent.plan(NewContent.Request(kind: kind, id: id), root: site.root)
        }
        do {
            _ = try NewContent.plan(NewContent.Request(kind: kind, id: id), root: site.root)
        } catch {
            #expect(error.description.contains("already"), "\(error)")
        }
        #expect((try? site.read("content/\(kind.folder)/\(id).md")) == before)
    }

    @Test("new refuses an invalid ID and suggests a valid one", arguments: ["Mali_Army", "-mali", "mali--army", "", "mali army", "é"])
    func refusesInvalid(id: String) throws {
        let site = try TestSite()
        defer { site.remove() }
        do {
            _ = try NewContent.plan(NewContent.Request(kind: .actor, id: id), root: site.root)
            Issue.record("accepted `\(id)`")
        } catch {
            #expect(error.description.contains("ID"), "\(error)")
            if id == "Mali_Army" { #expect(error.description.contains("did you mean `mali-army`?")) }
        }
    }

    @Test("new refuses an unknown source article for an event, suggesting the closest")
    func unknownArticle() throws {
        let site = try TestSite()
        defer { site.remove() }
        #expect(throws: NewContent.Problem(description: "there is no article `voa-reprot` in content/articles/; did you mean `voa-report`?")) {
            _ = try NewContent.plan(NewContent.Request(kind: .event, id: "x", article: "voa-reprot"), root: site.root)
        }
    }
}
