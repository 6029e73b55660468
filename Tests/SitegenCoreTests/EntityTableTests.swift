import Testing
@testable import SitegenCore

private struct Item: Identifiable, Sendable, Equatable {
    var id: String
    var value: Int
}

@Suite("EntityTable: entities by ID, as a dictionary, in one list")
struct EntityTableTests {
    @Test("an entity is found by its ID, replaced, and removed; the others stay found")
    func findsReplacesAndRemoves() {
        var table = EntityTable([Item(id: "a", value: 1), Item(id: "b", value: 2), Item(id: "c", value: 3), Item(id: "d", value: 4)])
        #expect(table.count == 4)
        #expect(table["b"]?.value == 2)
        #expect(table["z"] == nil)
        #expect(table.updateValue(Item(id: "b", value: 20), forKey: "b")?.value == 2)
        #expect(table["b"]?.value == 20 && table.count == 4)
        // Removing one from the middle moves the last into its place: every ID is still found.
        #expect(table.removeValue(forKey: "a")?.value == 1)
        #expect(table["a"] == nil && table.index(forKey: "a") == nil)
        for (id, value) in [("b", 20), ("c", 3), ("d", 4)] { #expect(table[id]?.value == value, "\(id)") }
        table["d"] = nil
        table["e"] = Item(id: "e", value: 5)
        #expect(table.removeValue(forKey: "e")?.value == 5)
        #expect(table.removeValue(forKey: "e") == nil)
        #expect(Set(table.keys) == ["b", "c"])
        #expect(Set(table.values.map(\.id)) == ["b", "c"])
        #expect(Set(table.map(\.key)) == ["b", "c"])
        #expect(table.keys.contains("c") && !table.keys.contains("d"))
    }

    @Test("two tables of the same entities are equal whatever their order, as dictionaries are")
    func equalityIgnoresOrder() {
        let first: EntityTable<Item> = ["a": Item(id: "a", value: 1), "b": Item(id: "b", value: 2)]
        var second = EntityTable([Item(id: "b", value: 2), Item(id: "a", value: 1)])
        #expect(first == second)
        second["a"] = Item(id: "a", value: 9)
        #expect(first != second)
        second["a"] = nil
        #expect(first != second)
        #expect(EntityTable<Item>() == [:])
    }

    @Test("many insertions and removals in turn keep the table as a dictionary kept beside it")
    func matchesADictionary() {
        var table = EntityTable<Item>()
        var dictionary: [String: Item] = [:]
        var generator = SystemRandomNumberGenerator()
        for step in 0..<2_000 {
            let id = "id-\(Int.random(in: 0..<60, using: &generator))"
            if Bool.random(using: &generator) {
                table[id] = Item(id: id, value: step)
                dictionary[id] = Item(id: id, value: step)
            } else {
                #expect(table.removeValue(forKey: id) == dictionary.removeValue(forKey: id))
            }
        }
        #expect(table.count == dictionary.count)
        for (id, item) in dictionary { #expect(table[id] == item) }
        for (id, item) in table { #expect(dictionary[id] == item) }
    }
}
