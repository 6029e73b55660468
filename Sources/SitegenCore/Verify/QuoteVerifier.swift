/// Checks that every quoted passage occurs in the source text of the article it cites.
///
/// The source texts are read here, one article's at a time (on each core), so that a large
/// site's texts are never all held at once. Each source is normalised once per article,
/// however many quotes cite it. A source cited by many quotes gets an index of its 8-byte
/// grams, so a quote is found by looking up candidates instead of scanning the whole text again.
public struct QuoteVerifier: Sendable {
    /// Whether sources are checked on all cores.
    public var parallel: Bool
    /// Reads the source texts (Load's).
    public var sourceTexts: SourceTextReader

    /// Creates a verifier reading the source texts from `fileSystem`.
    public init(parallel: Bool = true, fileSystem: FileSystem) {
        self.parallel = parallel
        self.sourceTexts = SourceTextReader(fileSystem: fileSystem)
    }

    /// One quote to check, with the article it cites.
    struct Check: Sendable {
        var quote: String
        var location: SourceLocation
    }

    /// Checks the quotes of a loaded site: errors for quotes not found and for missing source
    /// files, warnings for quotes of articles without a source text. It needs no resolved site,
    /// so it runs while the site is resolved (draft articles count only with `includeDrafts`).
    public func verifyQuotes(in raw: RawSite, includeDrafts: Bool) -> [Diagnostic] {
        // Each built article's position in `raw.articles` by ID (the first of an ID): the entities
        // are read in place, never copied (a copy of each of 10,000 articles and 50,000 events
        // was most of this stage's time on one core).
        var positions: [String: Int] = [:]
        positions.reserveCapacity(raw.articles.count)
        for index in raw.articles.indices where (includeDrafts || !raw.articles[index].draft) && positions[raw.articles[index].id] == nil {
            positions[raw.articles[index].id] = index
        }
        var diagnostics: [Diagnostic] = []
        let sources = raw.sources
        let sourceNames = Array(sources.keys)

        // Source files named by articles must exist.
        for index in positions.values {
            let source = raw.articles[index].source
            let sameAs = raw.articles[index].sameAs
            for name in ([source].compactMap { $0 } + sameAs) where sources[name] == nil {
                let location = raw.articles[index].sourceLocations[name] ?? raw.articles[index].location
                diagnostics.append(.error(location, "source file `\(name)` not found in `content/sources/`",
                                          suggestion: Suggestions.closest(to: name, in: sourceNames)))
            }
        }

        // Group quotes by the set of texts they may be found in.
        var checksByArticle: [Int: [Check]] = [:]
        func collect(_ quotes: [SourceQuote]) {
            for entry in quotes {
                guard let quote = entry.quote, let index = positions[entry.article] else { continue }
                if raw.articles[index].source == nil && raw.articles[index].sameAs.isEmpty {
                    diagnostics.append(.warning(entry.quoteLocation,
                        "article `\(entry.article)` has no `source` text, so this quote cannot be checked; it is marked unverified"))
                    continue
                }
                checksByArticle[index, default: []].append(Check(quote: quote, location: entry.quoteLocation))
            }
        }
        for index in raw.events.indices {
            collect(raw.events[index].sources)
            for fact in raw.events[index].facts { for value in fact.values { collect(value.sources) } }
        }
        for index in raw.actors.indices {
            for relation in raw.actors[index].relations { collect(relation.sources) }
            for fact in raw.actors[index].facts { for value in fact.values { collect(value.sources) } }
        }

        let jobs: [(texts: [SourceText], checks: [Check])] = checksByArticle.keys
            .sorted { raw.articles[$0].id < raw.articles[$1].id }.compactMap { index in
            let names = [raw.articles[index].source].compactMap { $0 } + raw.articles[index].sameAs
            let texts = names.compactMap { sources[$0] }
            guard !texts.isEmpty else { return nil }  // missing files are reported above
            return (texts, checksByArticle[index]!)
        }
        let sourceTexts = self.sourceTexts
        let results = jobs.parallelMap(minimumCount: 4, parallel: parallel) { job in
            var problems: [Diagnostic] = []
            let texts = job.texts.compactMap { source -> (name: String, text: String)? in
                switch sourceTexts.text(of: source) {
                case .success(let text): return (source.name, text)
                case .failure(let diagnostic): problems.append(diagnostic); return nil
                }
            }
            // A text that could not be read again (changed since it was loaded) is reported
            // at its file; the quotes are checked against the others.
            return texts.isEmpty ? problems : problems + QuoteVerifier.check(job.checks, against: texts)
        }
        for result in results { diagnostics += result }
        return diagnostics
    }

    /// Checks quotes against the renditions of one article; a quote may occur in any of them.
    static func check(_ checks: [Check], against texts: [(name: String, text: String)]) -> [Diagnostic] {
        var sources = texts.map { (name: $0.name, searcher: PassageSearcher(TextNormalizer.normalize($0.text), expectedQueries: checks.count)) }
        var diagnostics: [Diagnostic] = []
        for check in checks {
            let needle = TextNormalizer.normalize(check.quote).bytes
            guard !needle.isEmpty else {
                diagnostics.append(.error(check.location, "the quote is empty"))
                continue
            }
            if sources.contains(where: { $0.searcher.contains(needle) }) { continue }
            var message = "quote not found in `content/sources/\(sources[0].name)`"
            if sources.count > 1 { message += " or its `same_as` copies" }
            let passages = sources.indices.compactMap { sources[$0].searcher.closestPassage(to: needle) }
            if let closest = passages.max(by: { $0.score < $1.score }) {
                message += "; closest passage: \"\(closest.text)\""
            }
            diagnostics.append(.error(check.location, message))
        }
        return diagnostics
    }
}

/// Searches one normalised source text.
///
/// A text searched by many quotes gets an index: every 8-byte gram with its position, sorted,
/// so a quote is found by a binary search for its first gram and a check of those positions
/// only, instead of a scan of the whole text. Few quotes on a short text are cheaper to scan.
struct PassageSearcher {
    let text: NormalizedText
    private let gramIndex: [(gram: UInt64, position: Int32)]?
    private static let gramLength = 8
    /// The places of every 4-byte gram, made on the first miss and kept for the next ones, so
    /// that many misquotes of one text cost one pass over it, not one each.
    private var fourGramPlaces: [UInt32: [Int]]?

    init(_ text: NormalizedText, expectedQueries: Int) {
        self.text = text
        let bytes = text.bytes
        if expectedQueries * bytes.count > 256 * 1024, bytes.count >= Self.gramLength {
            var index: [(gram: UInt64, position: Int32)] = []
            index.reserveCapacity(bytes.count)
            for start in 0...(bytes.count - Self.gramLength) {
                index.append((Self.gram(bytes, at: start), Int32(start)))
            }
            index.sort { $0.gram != $1.gram ? $0.gram < $1.gram : $0.position < $1.position }
            gramIndex = index
        } else {
            gramIndex = nil
        }
    }

    private static func gram(_ bytes: [UInt8], at start: Int) -> UInt64 {
        var value: UInt64 = 0
        for offset in 0..<gramLength { value = value << 8 | UInt64(bytes[start + offset]) }
        return value
    }

    /// The entries of the sorted index that hold `gram`.
    private static func places(of gram: UInt64, in index: [(gram: UInt64, position: Int32)]) -> Range<Int> {
        func firstEntry(notBelow value: UInt64) -> Int {
            var low = 0
            var high = index.count
            while low < high {
                let middle = (low + high) / 2
                if index[middle].gram < value { low = middle + 1 } else { high = middle }
            }
            return low
        }
        let start = firstEntry(notBelow: gram)
        guard start < index.count, index[start].gram == gram else { return start..<start }
        return start..<(gram == UInt64.max ? index.count : firstEntry(notBelow: gram + 1))
    }

    /// Whether the normalised quote occurs in the text.
    func contains(_ needle: [UInt8]) -> Bool {
        let haystack = text.bytes
        guard needle.count <= haystack.count else { return false }
        if let gramIndex, needle.count >= Self.gramLength {
            // Candidates come from the quote's rarest gram (of those at every 8th byte, and the
            // last), not its first: quotes of a text that all open alike ("The council said")
            // would otherwise each check every place where that opening occurs.
            var best: (offset: Int, places: Range<Int>)?
            var offsets = Array(stride(from: 0, through: needle.count - Self.gramLength, by: Self.gramLength))
            if offsets.last != needle.count - Self.gramLength { offsets.append(needle.count - Self.gramLength) }
            for offset in offsets {
                let places = Self.places(of: Self.gram(needle, at: offset), in: gramIndex)
                if places.isEmpty { return false }
                if best == nil || places.count < best!.places.count { best = (offset, places) }
                if places.count <= 4 { break }
            }
            guard let best else { return false }
            for place in best.places {
                let begin = Int(gramIndex[place].position) - best.offset
                if begin >= 0, begin + needle.count <= haystack.count, haystack[begin..<(begin + needle.count)].elementsEqual(needle) {
                    return true
                }
            }
            return false
        }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { ByteSearch.firstMatch(of: $0, in: hay) != nil }
        }
    }

    /// The passage of the text that shares the most 4-byte grams with the quote at one alignment.
    mutating func closestPassage(to needle: [UInt8]) -> (text: String, score: Int)? {
        let haystack = text.bytes
        let k = 4
        guard haystack.count >= k, needle.count >= k else { return nil }
        if fourGramPlaces == nil {
            var places: [UInt32: [Int]] = [:]
            for start in 0...(haystack.count - k) {
                var value: UInt32 = 0
                for offset in 0..<k { value = value << 8 | UInt32(haystack[start + offset]) }
                places[value, default: []].append(start)
            }
            fourGramPlaces = places
        }
        let positions = fourGramPlaces!
        var votes: [Int: Int] = [:]
        for offsetInNeedle in 0...(needle.count - k) {
            var value: UInt32 = 0
            for offset in 0..<k { value = value << 8 | UInt32(needle[offsetInNeedle + offset]) }
            for position in positions[value] ?? [] { votes[position - offsetInNeedle, default: 0] += 1 }
        }
        guard let best = votes.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }) else { return nil }
        let startByte = max(0, best.key)
        let endByte = min(haystack.count - 1, best.key + needle.count - 1)
        guard startByte <= endByte else { return nil }
        let first = Int(text.origins[startByte])
        let last = Int(text.origins[endByte])
        var passage = text.passage(from: first, through: last)
        passage = passage.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        if passage.count > 160 { passage = String(passage.prefix(157)) + "..." }
        return (passage, best.value)
    }
}
