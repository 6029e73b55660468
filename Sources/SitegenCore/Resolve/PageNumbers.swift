/// The entities of one kind that a build has: their IDs sorted, a number for each (its place
/// among them) and where each is in the loaded list. Made of two parts that are found at the same
/// time on two cores: which entity each ID names (``Table``), and the IDs in order (``Order``).
struct Members: Sendable {
    /// Which entity of the loaded list each ID names, and what is left out.
    struct Table: Sendable {
        /// The position in the loaded list of the entity each ID names.
        var positions: IDTable
        /// The IDs of drafts left out of the build.
        var drafts: [String] = []
        /// For each ID that several entities have, their positions in list order.
        var shared: [String: [Int]] = [:]
        /// Whether every ID is valid (``IDSyntax``), as a loader makes them.
        var allValid = true

        /// The table of a loaded list of `count` entities with `id`s: drafts are left out
        /// (`isDraft`); of several entities with one ID, the one `keeps` prefers is kept
        /// (`keeps(a, b)`: whether the entity at `a` is kept rather than the one at `b`).
        init(count: Int, id: (Int) -> String, isDraft: (Int) -> Bool, keeps: (Int, Int) -> Bool) {
            positions = IDTable(capacity: count)
            for index in 0..<count {
                let id = id(index)
                if isDraft(index) {
                    drafts.append(id)
                    continue
                }
                if allValid && !IDSyntax.isValid(id) { allValid = false }
                if let other = positions.update(id, index) {
                    shared[id, default: [other]].append(index)
                    if !keeps(index, other) { positions.update(id, other) }
                }
            }
        }
    }

    /// The positions in the loaded list of the entities that are not drafts, by ID (see ``IDOrder``).
    struct Order: Sendable {
        var sorted: [Int]
        /// Ranges of ``sorted`` whose positions have one ID.
        var shared: [Range<Int>]

        init(count: Int, id: (Int) -> String, isDraft: (Int) -> Bool) {
            (sorted, shared) = IDOrder.sorted((0..<count).filter { !isDraft($0) }, by: id)
        }
    }

    /// The IDs, sorted and distinct; an entity's number within its kind is its position here.
    let ids: [String]
    /// For each number, the entity's position in the loaded list.
    let indices: [Int]
    /// For each position in the loaded list, the entity's number, or -1 when it is left out.
    let numberOfIndex: [Int32]
    let table: Table

    init(_ table: Table, _ order: Order, count: Int, id: (Int) -> String) {
        var ids: [String] = [], indices: [Int] = []
        ids.reserveCapacity(table.positions.count)
        indices.reserveCapacity(table.positions.count)
        var shared = order.shared[...]
        var next = 0
        while next < order.sorted.count {
            let id = id(order.sorted[next])
            ids.append(id)
            if let range = shared.first, range.lowerBound == next {
                indices.append(table.positions.value(id)!)
                next = range.upperBound
                shared = shared.dropFirst()
            } else {
                indices.append(order.sorted[next])
                next += 1
            }
        }
        var numberOfIndex = [Int32](repeating: -1, count: count)
        for (number, index) in indices.enumerated() { numberOfIndex[index] = Int32(number) }
        (self.ids, self.indices, self.numberOfIndex, self.table) = (ids, indices, numberOfIndex, table)
    }
}

/// A number for every page of a build, in ``Ref`` order: the articles by ID, then the actors,
/// the events, the notes and the standalone pages. Backlinks are collected as pairs of numbers,
/// and a list of numbers sorted is a list of pages in ``Ref`` order.
struct PageNumbers: Sendable {
    /// The members of each kind, in ``EntityKind`` order.
    let members: [Members]
    /// The number of each kind's first page, in ``EntityKind`` order, then the number of pages.
    let offsets: [Int32]
    /// Whether every page's ID is valid.
    let allValid: Bool

    /// What finds a kind's numbers by ID, held here rather than looked up in `members`: a lookup
    /// then retains nothing that the threads checking references share.
    private struct Lookup: Sendable {
        let positions: IDTable
        let numberOfIndex: [Int32]
        let first: Int32
        let ids: [String]

        init(_ members: Members, first: Int32) {
            (positions, numberOfIndex, self.first, ids) = (members.table.positions, members.numberOfIndex, first, members.ids)
        }

        func number(_ id: String) -> Int32? {
            positions.value(id).map { first + numberOfIndex[$0] }
        }
    }
    private let articles: Lookup, actors: Lookup, events: Lookup, notes: Lookup, pages: Lookup

    init(articles: Members, actors: Members, events: Members, notes: Members, pages: Members) {
        members = [articles, actors, events, notes, pages]
        var offsets: [Int32] = [0]
        for members in members { offsets.append(offsets.last! + Int32(members.ids.count)) }
        self.offsets = offsets
        allValid = members.allSatisfy(\.table.allValid)
        self.articles = Lookup(articles, first: offsets[0])
        self.actors = Lookup(actors, first: offsets[1])
        self.events = Lookup(events, first: offsets[2])
        self.notes = Lookup(notes, first: offsets[3])
        self.pages = Lookup(pages, first: offsets[4])
    }

    /// The number of pages.
    var count: Int { Int(offsets[5]) }

    /// The position of `kind` in ``EntityKind`` order.
    static func slot(_ kind: EntityKind) -> Int {
        switch kind {
        case .article: return 0
        case .actor: return 1
        case .event: return 2
        case .note: return 3
        case .page: return 4
        }
    }

    /// The IDs of the pages of one kind, sorted.
    func ids(of kind: EntityKind) -> [String] {
        members[Self.slot(kind)].ids
    }

    /// The numbers of the pages of one kind.
    func range(of kind: EntityKind) -> Range<Int32> {
        let slot = Self.slot(kind)
        return offsets[slot]..<offsets[slot + 1]
    }

    /// The page numbered `number`.
    func ref(_ number: Int32) -> Ref {
        if number < actors.first { return Ref(.article, articles.ids[Int(number - articles.first)]) }
        if number < events.first { return Ref(.actor, actors.ids[Int(number - actors.first)]) }
        if number < notes.first { return Ref(.event, events.ids[Int(number - events.first)]) }
        if number < pages.first { return Ref(.note, notes.ids[Int(number - notes.first)]) }
        return Ref(.page, pages.ids[Int(number - pages.first)])
    }

    /// The number of `ref`, or nil when there is no such page.
    func number(of ref: Ref) -> Int32? {
        number(ref.kind, ref.id)
    }

    /// The number of the page `id` of `kind`, or nil when there is no such page.
    func number(_ kind: EntityKind, _ id: String) -> Int32? {
        switch kind {
        case .article: return articles.number(id)
        case .actor: return actors.number(id)
        case .event: return events.number(id)
        case .note: return notes.number(id)
        case .page: return pages.number(id)
        }
    }
}
