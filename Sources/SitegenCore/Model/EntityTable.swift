/// The entities of one kind by ID, as a dictionary gives them, held in one list beside an index
/// of their positions.
///
/// A `[String: Event]` keeps its values in its hash table, which is a quarter to half empty: at
/// 100,000 articles the 500,000 events (312 bytes each) took 344 MB in a table of 1,048,576
/// slots, and making it from the loaded list held both at once. Here the entities take their own
/// size, the index 20 bytes a slot, and the loaded list becomes the table without a copy.
///
/// The order of ``values`` and of iteration is arbitrary, as a dictionary's is (a removal moves
/// the last entity into the gap): whoever needs an order sorts.
public struct EntityTable<Entity: Identifiable & Sendable>: Sendable where Entity.ID == String {
    /// The entities, in no particular order.
    public private(set) var values: [Entity] = []
    /// The position of each entity in ``values``, by ID.
    private var positions: [String: Int] = [:]

    /// An empty table.
    public init() {}

    /// A table of `entities`, which must have distinct IDs; the list becomes the table's.
    public init(_ entities: consuming [Entity]) {
        values = entities
        positions.reserveCapacity(values.count)
        for (position, entity) in values.enumerated() {
            let earlier = positions.updateValue(position, forKey: entity.id)
            precondition(earlier == nil, "two entities have the ID `\(entity.id)`")
        }
    }

    /// The number of entities.
    public var count: Int { values.count }

    /// Whether the table holds no entity.
    public var isEmpty: Bool { values.isEmpty }

    /// The IDs, in no particular order (looking one up is as fast as in a dictionary).
    public var keys: Dictionary<String, Int>.Keys { positions.keys }

    /// The entity with ID `id`; setting one stores it under its ID (which must be `id`), setting nil removes it.
    public subscript(id: String) -> Entity? {
        get { positions[id].map { values[$0] } }
        set {
            if let newValue { updateValue(newValue, forKey: id) } else { removeValue(forKey: id) }
        }
    }

    /// The position in the table of the entity with ID `id`, or nil when there is none (the way to ask whether there is one).
    public func index(forKey id: String) -> Int? {
        positions[id]
    }

    /// Stores `entity` under `id` (its ID) and returns the entity it replaces, if any.
    @discardableResult
    public mutating func updateValue(_ entity: Entity, forKey id: String) -> Entity? {
        precondition(entity.id == id, "an entity is stored under its own ID, not `\(id)`")
        if let position = positions[id] {
            let old = values[position]
            values[position] = entity
            return old
        }
        positions[id] = values.count
        values.append(entity)
        return nil
    }

    /// Removes the entity with ID `id` and returns it, if any. The last entity takes its place.
    @discardableResult
    public mutating func removeValue(forKey id: String) -> Entity? {
        guard let position = positions.removeValue(forKey: id) else { return nil }
        let last = values.removeLast()
        guard position < values.count else { return last }
        let removed = values[position]
        values[position] = last
        positions[last.id] = position
        return removed
    }
}

extension EntityTable: RandomAccessCollection {
    /// An entity with its ID, as a dictionary's element.
    public typealias Element = (key: String, value: Entity)

    public var startIndex: Int { 0 }
    public var endIndex: Int { values.count }

    public subscript(position: Int) -> Element {
        let entity = values[position]
        return (entity.id, entity)
    }
}

extension EntityTable: ExpressibleByDictionaryLiteral {
    /// A table of the literal's entities; each key must be its entity's ID.
    public init(dictionaryLiteral elements: (String, Entity)...) {
        self.init()
        for (id, entity) in elements { updateValue(entity, forKey: id) }
    }
}

extension EntityTable: Equatable where Entity: Equatable {
    /// Whether both tables hold the same entities by ID, in whatever order (as dictionaries compare).
    public static func == (first: EntityTable, second: EntityTable) -> Bool {
        first.count == second.count && first.values.allSatisfy { second[$0.id] == $0 }
    }
}
