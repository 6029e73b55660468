/// What checking the references of some pages found: problems, and who references whom, as page
/// numbers (``PageNumbers``) so that nothing is hashed twice. Pages are checked in parts on every
/// core (``ReferenceScan``), each part with a `Found` of its own.
struct Found: Sendable {
    var diagnostics: [Diagnostic] = []
    /// One entry per reference from a page to another: target number << 32 | source number.
    var links: [UInt64] = []
    /// One entry per note's `about` target that exists: target number << 32 | the note's number among notes.
    var about: [UInt64] = []
    /// Relations towards an actor from another: the target's number among actors, and the relation.
    var relations: [(target: Int32, from: String, relation: Relation)] = []
}

/// The pages that references are checked against (``ReferenceScan``): which exist, each with its
/// number, and the IDs of each kind for "did you mean".
protocol ReferenceTargets: Sendable {
    /// The number of the page `id` of `kind`, or nil when there is no such page.
    func number(_ kind: EntityKind, _ id: String) -> Int32?
    /// The numbers of the pages of one kind.
    func range(of kind: EntityKind) -> Range<Int32>
    /// The IDs of the pages of one kind.
    func ids(of kind: EntityKind) -> [String]
    /// Whether every page's ID is valid (then a reference to an existing page needs no syntax check).
    var allValid: Bool { get }
}

extension PageNumbers: ReferenceTargets {}

/// Checks the references of a loaded site's pages against its pages, a part at a time (the
/// resolver, with ``PageNumbers``), or only some pages' references (``ResolvePatch``, for an
/// edit's pages, against the last resolved site): the same checks, so the same problems.
struct ReferenceScan<Targets: ReferenceTargets>: Sendable {
    let raw: RawSite
    let pages: Targets
    /// Drafts left out of the build, for "is a draft" instead of "unknown".
    let drafts: Set<Ref>

    /// A part of the pages to check.
    enum Part: Sendable {
        case introduction
        /// The pages of `kind` at `range` in the loaded list (drafts and duplicates are skipped).
        /// Parts follow the loaded lists, file by file, so that two threads seldom share a file's
        /// strings (their paths), whose reference counts would then go from core to core.
        case pages(EntityKind, Range<Int>)
    }

    /// The site's pages in parts of about `size` pages.
    static func parts(_ raw: RawSite, size: Int) -> [Part] {
        var parts: [Part] = [.introduction]
        for (kind, count) in [(EntityKind.article, raw.articles.count), (.actor, raw.actors.count), (.event, raw.events.count),
                              (.note, raw.notes.count), (.page, raw.pages.count)] {
            for start in stride(from: 0, to: count, by: size) { parts.append(.pages(kind, start..<min(start + size, count))) }
        }
        return parts
    }

    /// The problems of the references of the pages of `kind` at `indices` of the loaded list, as
    /// the resolver finds them (what the pages link to is not recorded: every page counts as number 0).
    func problems(of kind: EntityKind, at indices: [Int]) -> [Diagnostic] {
        var scanner = Scanner(pages: pages, scan: self)
        for index in indices {
            switch kind {
            case .article: scanner.references(raw.articles[index].body.references, from: 0)
            case .actor: scanner.actor(raw.actors, index, 0)
            case .event: scanner.event(raw.events, index, 0)
            case .note: scanner.note(raw.notes, index, 0, number: 0)
            case .page: scanner.references(raw.pages[index].body.references, from: 0)
            }
        }
        return scanner.found.diagnostics
    }

    /// The checks of one part, and what they found.
    fileprivate struct Scanner {
        let pages: Targets
        let scan: ReferenceScan
        var found = Found()

        /// Records a reference from `source` to `target`, or reports it if the target does not exist.
        mutating func record(_ kind: EntityKind, _ id: String, at location: @autoclosure () -> SourceLocation, from source: Int32?) {
            if let number = pages.number(kind, id) {
                if let source, source != number { found.links.append(UInt64(number) << 32 | UInt64(source)) }
                return
            }
            let target = Ref(kind, id)
            if scan.raw.brokenRefs.contains(target) { return }  // its own file's errors are reported already
            found.diagnostics.append(scan.unknownReference(target, at: location()))
        }

        mutating func references(_ references: [MarkdownReference], from source: Int32?) {
            for index in references.indices {
                // An existing page's ID is valid, so the syntax is checked only for the others.
                if pages.allValid, let number = pages.number(references[index].target.kind, references[index].target.id) {
                    if let source, source != number { found.links.append(UInt64(number) << 32 | UInt64(source)) }
                    continue
                }
                let reference = references[index]
                guard IDSyntax.isValid(reference.target.id) else {
                    found.diagnostics.append(.error(reference.location, "`\(reference.target)`: \(IDSyntax.problem(with: reference.target.id))"))
                    continue
                }
                record(reference.target.kind, reference.target.id, at: reference.location, from: source)
            }
        }

        mutating func sources(_ quotes: [SourceQuote], from source: Int32) {
            for index in quotes.indices { record(.article, quotes[index].article, at: quotes[index].location, from: source) }
        }

        mutating func facts(_ facts: [Fact], from source: Int32) {
            for fact in facts.indices {
                for value in facts[fact].values.indices { sources(facts[fact].values[value].sources, from: source) }
            }
        }

        mutating func actor(_ actors: [Actor], _ index: Int, _ me: Int32) {
            references(actors[index].body.references, from: me)
            let first = pages.range(of: .actor).lowerBound
            for relation in actors[index].relations {
                let target = pages.number(.actor, relation.actor)
                record(.actor, relation.actor, at: relation.actorLocation, from: me)
                if relation.actor == actors[index].id {
                    found.diagnostics.append(.error(relation.actorLocation, "an actor cannot be related to itself"))
                }
                sources(relation.sources, from: me)
                if let target, target != me {
                    found.relations.append((target - first, actors[index].id, relation))
                }
            }
            facts(actors[index].facts, from: me)
        }

        mutating func event(_ events: [Event], _ index: Int, _ me: Int32) {
            if let summary = events[index].summary?.references { references(summary, from: me) }
            // Its actors are backlinks of theirs, from which each actor's events are listed.
            let actors = events[index].actors
            for actor in actors.indices { record(.actor, actors[actor].id, at: actors[actor].location, from: me) }
            sources(events[index].sources, from: me)
            facts(events[index].facts, from: me)
        }

        mutating func note(_ notes: [Note], _ index: Int, _ me: Int32, number: Int32) {
            references(notes[index].body.references, from: me)
            for subject in notes[index].about {
                let target = subject.ref
                guard IDSyntax.isValid(target.id) else {
                    found.diagnostics.append(.error(subject.location, "`\(target)`: \(IDSyntax.problem(with: target.id))"))
                    continue
                }
                record(target.kind, target.id, at: subject.location, from: me)
                if let page = pages.number(target.kind, target.id) { found.about.append(UInt64(page) << 32 | UInt64(number)) }
            }
        }
    }

    /// The error for a reference to a page that does not exist: a draft, a likely typo, an ID of
    /// another kind, or nothing close.
    func unknownReference(_ target: Ref, at location: SourceLocation) -> Diagnostic {
        if drafts.contains(target) {
            return .error(location, "\(target.kind.rawValue) `\(target.id)` is a draft: publish it (remove `draft: true`) or build with --drafts")
        }
        if let suggestion = Suggestions.closest(to: target.id, in: pages.ids(of: target.kind)) {
            return .error(location, "unknown \(target.kind.rawValue) `\(target.id)`", suggestion: suggestion)
        }
        for kind in EntityKind.allCases where kind != target.kind && pages.number(kind, target.id) != nil {
            return .error(location, "unknown \(target.kind.rawValue) `\(target.id)`; there is \(kind == .article || kind == .actor || kind == .event ? "an" : "a") \(kind.rawValue) with this ID",
                          suggestion: "\(kind.rawValue):\(target.id)")
        }
        if target.kind == .event {
            return .error(location, "unknown event `\(target.id)`: no event in content/events/ has `id: \(target.id)`")
        }
        return .error(location, "unknown \(target.kind.rawValue) `\(target.id)`: there is no file `content/\(target.kind.folder)/\(target.id).md`")
    }
}

extension ReferenceScan where Targets == PageNumbers {
    /// Checks one part.
    func scan(_ part: Part) -> Found {
        var scanner = Scanner(pages: pages, scan: self)
        switch part {
        case .introduction:
            if let references = raw.introduction?.references { scanner.references(references, from: nil) }
        case .pages(let kind, let range):
            let offset = pages.range(of: kind).lowerBound
            let numbers = pages.members[PageNumbers.slot(kind)].numberOfIndex
            for index in range where numbers[index] >= 0 {
                let me = offset + numbers[index]
                // Fields are read in place: a copy of an entity retains each of its strings.
                switch kind {
                case .article: scanner.references(raw.articles[index].body.references, from: me)
                case .actor: scanner.actor(raw.actors, index, me)
                case .event: scanner.event(raw.events, index, me)
                case .note: scanner.note(raw.notes, index, me, number: numbers[index])
                case .page: scanner.references(raw.pages[index].body.references, from: me)
                }
            }
        }
        return scanner.found
    }
}
