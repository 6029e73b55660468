import Testing
@testable import SitegenCore

@Suite("Quote search on long sources")
struct QuoteIndexTests {
    /// A long source, normalised, with a known sentence every few hundred bytes.
    private func longSource() -> (text: String, sentences: [String]) {
        var sentences: [String] = []
        var text = ""
        for index in 0..<400 {
            let sentence = "Officials in town \(index) said the “convoy” left on day \(index * 7) – before dawn."
            sentences.append(sentence)
            text += sentence + "\n\n Filler words about the region and its people number \(index). "
        }
        return (text, sentences)
    }

    @Test("many quotes on a long source are found through the index, and a miss still names the closest passage")
    func indexedSearchFindsEveryQuote() {
        let (text, sentences) = longSource()
        let quotes = sentences.enumerated().filter { $0.offset % 5 == 0 }.map(\.element)
        var searcher = PassageSearcher(TextNormalizer.normalize(text), expectedQueries: quotes.count)
        for quote in quotes {
            #expect(searcher.contains(TextNormalizer.normalize(quote).bytes), "\(quote) not found")
        }
        let miss = TextNormalizer.normalize("Officials in town 42 said the convoy left on day 999").bytes
        #expect(!searcher.contains(miss))
        #expect(searcher.closestPassage(to: miss)?.text.contains("town 42") == true)
    }

    @Test("the indexed search and the plain scan agree on every quote")
    func indexAndScanAgree() {
        let (text, sentences) = longSource()
        let normalized = TextNormalizer.normalize(text)
        let indexed = PassageSearcher(normalized, expectedQueries: 10_000)
        let scanned = PassageSearcher(normalized, expectedQueries: 1)
        // Probes that open like hundreds of sentences and differ only at their end, and ones
        // that run from one sentence into the next.
        let probes = sentences.prefix(40) + ["day 7 – before", "not in the text at all", "Filler words", "x",
            "Officials in town 3 said the “convoy” left on day 22", "Officials in town 3 said the “convoy” left on day 21",
            "said the “convoy” left on day 2799 – before dawn.", "number 12. Officials in town 13 said",
            "number 12. Officials in town 14 said", "Officials in town"]
        for probe in probes {
            let bytes = TextNormalizer.normalize(probe).bytes
            #expect(indexed.contains(bytes) == scanned.contains(bytes), "\(probe)")
        }
    }
}
