import Testing
@testable import SitegenCore

/// `first(_:sortedBy:)`, with which the feed takes its latest entries without sorting every
/// article: the same elements in the same order as sorting everything and taking the first.
@Suite struct FirstSortedTests {
    @Test("the first few of a shuffled list, of a sorted one and of a reversed one are those of the sorted list")
    func sameAsSortingEverything() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            // Values with many ties, told apart by their position: a strict total order.
            let values = (0..<Int.random(in: 0...300, using: &generator)).map { (key: Int.random(in: 0..<40, using: &generator), position: $0) }
            func before(_ first: (key: Int, position: Int), _ second: (key: Int, position: Int)) -> Bool {
                first.key != second.key ? first.key > second.key : first.position < second.position
            }
            let count = Int.random(in: 0...60, using: &generator)
            let expected = Array(values.sorted(by: before).prefix(count))
            for list in [values, values.shuffled(using: &generator), values.sorted(by: before), values.sorted(by: before).reversed()] {
                #expect(list.first(count, sortedBy: before).map(\.position) == expected.map(\.position))
            }
        }
    }
}
