/// The verify stage's problems of the last update, by file, so that an update verifies again only
/// the files an edit can change the problems of (``BuildSession``).
///
/// A file's problems depend on its own content, and for its quotes on the articles they cite
/// (whether the article is built, its `source` and `same_as`) and on those articles' source texts.
/// So the files verified again are the files that changed, and every file with a quote of an
/// article whose file changed one of those (or could not be read) or whose source text changed:
/// an article's summary or body edited checks no quote again. Every problem of the verify stage is at a place in the file of
/// the entity it is about, which is what lets problems be kept by file.
struct VerifyCache: Sendable {
    /// The problems, by the path of the file they are in, each file's sorted for display
    /// (``Swift/Array/sortedForDisplay()``), so that the report merges them without sorting them all again.
    var problems: [String: [Diagnostic]]
    /// The keys of ``problems``, sorted.
    var paths: [String]
    /// Every problem, in the report's order (file by file in the order of ``paths``): made again
    /// only when a file's problems changed, so that an edit that changes none (most do not) is
    /// reported without merging 181,000 warnings again.
    var merged: [Diagnostic]
    /// The version of each content file they were found in.
    var versions: [String: Int]
    /// The latest version given to any file by then (``BuildSession/differingPaths(_:last:_:)``).
    var lastVersion: Int

    /// Groups a whole verify stage's problems by file.
    init(_ diagnostics: [Diagnostic], versions: [String: Int], lastVersion: Int) {
        problems = Dictionary(grouping: diagnostics, by: \.location.path).mapValues { $0.sortedForDisplay() }
        paths = problems.keys.sorted()
        merged = .mergedForDisplay(byPath: problems, sortedPaths: paths, others: [])
        self.versions = versions
        self.lastVersion = lastVersion
    }

    /// The cache for `raw`, read from files whose versions are `versions`: the problems of
    /// unchanged files kept, the others found again.
    func update(_ raw: RawSite, versions: [String: Int], lastVersion: Int, oldFiles: [String: BuildSession.CachedFile],
                newFiles: [String: BuildSession.CachedFile], includeDrafts: Bool, parallel: Bool,
                fileSystem: FileSystem) -> VerifyCache {
        var again = BuildSession.differingPaths(self.versions, last: self.lastVersion, versions)
        // Articles whose quotes must be checked again: changed article files, changed source texts.
        var articles = Set<String>()
        var sources = Set<String>()
        for path in again {
            let (before, after) = (oldFiles[path]?.loaded, newFiles[path]?.loaded)
            if !Self.sameForQuotes(before?.article, after?.article) {
                for article in [before?.article, after?.article].compactMap({ $0 }) { articles.insert(article.id) }
            }
            for file in [before, after].compactMap({ $0 }) {
                for ref in file.brokenRefs where ref.kind == .article { articles.insert(ref.id) }
            }
            if path.hasPrefix("content/sources/") { sources.insert(String(path.dropFirst("content/sources/".count))) }
        }
        if !sources.isEmpty {
            for article in raw.articles where ([article.source].compactMap { $0 } + article.sameAs).contains(where: sources.contains) {
                articles.insert(article.id)
            }
        }
        if !articles.isEmpty {
            func cites(_ quotes: [SourceQuote]) -> Bool { quotes.contains { articles.contains($0.article) } }
            func cites(_ facts: [Fact]) -> Bool { facts.contains { fact in fact.values.contains { cites($0.sources) } } }
            for index in raw.events.indices where cites(raw.events[index].sources) || cites(raw.events[index].facts) {
                again.insert(raw.events[index].location.path)
            }
            for index in raw.actors.indices where cites(raw.actors[index].facts) || raw.actors[index].relations.contains(where: { cites($0.sources) }) {
                again.insert(raw.actors[index].location.path)
            }
        }
        // The entities of the files verified again.
        var part = raw
        part.introduction = raw.introduction.flatMap { again.contains($0.path) ? $0 : nil }
        // (Picked by position: filtering the lists themselves would copy every entity to look at its path.)
        part.actors = raw.actors.indices.filter { again.contains(raw.actors[$0].location.path) }.map { raw.actors[$0] }
        part.events = raw.events.indices.filter { again.contains(raw.events[$0].location.path) }.map { raw.events[$0] }
        part.notes = raw.notes.indices.filter { again.contains(raw.notes[$0].location.path) }.map { raw.notes[$0] }
        part.pages = raw.pages.indices.filter { again.contains(raw.pages[$0].location.path) }.map { raw.pages[$0] }
        // Their quotes are looked up in the articles they cite, wherever those are.
        var cited = Set<String>()
        func collect(_ quotes: [SourceQuote]) { for quote in quotes { cited.insert(quote.article) } }
        func collect(_ facts: [Fact]) { for fact in facts { for value in fact.values { collect(value.sources) } } }
        for event in part.events { collect(event.sources); collect(event.facts) }
        for actor in part.actors { collect(actor.facts); for relation in actor.relations { collect(relation.sources) } }
        part.articles = raw.articles.indices.filter { again.contains(raw.articles[$0].location.path) || cited.contains(raw.articles[$0].id) }
            .map { raw.articles[$0] }
        let quotes = QuoteVerifier(parallel: parallel, fileSystem: fileSystem).verifyQuotes(in: part, includeDrafts: includeDrafts)
            .filter { again.contains($0.location.path) }
        part.articles = raw.articles.indices.filter { again.contains(raw.articles[$0].location.path) }.map { raw.articles[$0] }
        let found = quotes + PlaceholderCheck.check(part, includeDrafts: includeDrafts, fileSystem: fileSystem)
            + UncitedParagraphs.warnings(in: part, includeDrafts: includeDrafts)
        var cache = self
        cache.versions = versions
        cache.lastVersion = lastVersion
        let grouped = Dictionary(grouping: found, by: \.location.path)
        let touched = again.union(grouped.keys)
        let hadProblems = touched.filter { problems[$0] != nil }
        for path in again { cache.problems[path] = nil }
        for (path, list) in grouped { cache.problems[path] = list.sortedForDisplay() }
        // Sorted again only when a file gained its first problem or lost its last.
        if hadProblems != touched.filter({ cache.problems[$0] != nil }) { cache.paths = cache.problems.keys.sorted() }
        if touched.contains(where: { cache.problems[$0] != problems[$0] }) {
            cache.merged = .mergedForDisplay(byPath: cache.problems, sortedPaths: cache.paths, others: [])
        }
        return cache
    }

    /// Whether the quotes of an article read the same of it before and after (nil: no article):
    /// whether it is built, and the source texts it names.
    static func sameForQuotes(_ before: Article?, _ after: Article?) -> Bool {
        guard let before, let after else { return before == nil && after == nil }
        return before.id == after.id && before.draft == after.draft && before.source == after.source && before.sameAs == after.sameAs
    }
}
