import Foundation
import Testing
@testable import SitegenCore

/// A YAML tree as text, values and places included, so two trees can be compared.
private func describe(_ node: YAMLNode?) -> String {
    guard let node else { return "(empty)" }
    let place = "@\(node.location.line):\(node.location.column)"
    switch node.value {
    case .scalar(let text, let isNull): return "\(isNull ? "null" : "scalar")(\(text.debugDescription))\(place)"
    case .sequence(let items): return "[" + items.map(describe).joined(separator: ", ") + "]\(place)"
    case .mapping(let pairs):
        return "{" + pairs.map { "\($0.key)@\($0.keyLocation.line):\($0.keyLocation.column): \(describe($0.value))" }.joined(separator: ", ") + "}\(place)"
    }
}

/// What libyaml alone makes of `text`.
private func libyaml(_ text: String) -> String {
    switch YAMLNode.parseWithLibYAML(text, path: "f.yaml", lineOffset: 3) {
    case .success(let node): return describe(node)
    case .failure(let diagnostic): return "error: \(diagnostic.message)"
    }
}

/// What the fast reader makes of `text`, or nil when it leaves the text to libyaml.
private func fast(_ text: String) -> String? {
    guard case .parsed(let node) = FastYAML.parse(text, path: "f.yaml", lineOffset: 3) else { return nil }
    return describe(node)
}

@Suite("Fast YAML reader")
struct FastYAMLTests {
    /// Shapes content files use every day: the fast reader must read each, exactly as libyaml does.
    static let everyday: [String] = [
        "title: Council votes\noutlet: The Wire\npublished: 2023-06-30\n",
        "title: \"Mali: the break\"\nurl: https://example.com/a#b\n",
        "name: 'It''s here'\nkind: person # a comment\n",
        "# Events\n- id: a\n  date: 2012-01\n  title: \"A \\\"quoted\\\" word \\u00e9\"\n  actors: [mali, france ,  ecowas]\n  sources:\n    - article: x\n      quote: \"Q\"\n    - article: y\n- id: b\n  date: 2013\n  actors: []\n  sources:\n  - article: z\n",
        "about:\n  - actor:mali\n  - event:vote\nsummary: Mali's café — “quotes” and ünïcödé\n",
        "empty: ~\nother: null\nsame_as: [a]\nn: 10\nflag: true\n",
        "relations:\n  - type: member-of\n    target: g5-sahel\n    since: 2014\n    sources:\n      - article: a\n        quote: \"x\"\n",
        "\n\n# only a comment\n",
        "",
        "a: b#c\nd: e # f\ng: 'h' # i\n",
    ]

    /// Shapes the fast reader leaves to libyaml (block scalars, anchors, errors...).
    static let unusual: [String] = [
        "summary: >-\n  folded\n  text\n",
        "summary: |\n  literal\n",
        "a: &x 1\nb: *x\n",
        "a: {b: c}\n",
        "a: b\na: c\n",
        "a:\n",
        "a: one\n  two\n",
        "a: b: c\n",
        "a:\tb\n",
        "- a\n- - b\n",
        "a: \"unclosed\n",
        "a: \"multi\n  line\"\n",
        "---\na: b\n",
        "a: !tag b\n",
        "key : value\n",
        "a: [b, [c]]\n",
        "a: 'x' y\n",
        "a: \"\\q\"\n",
        "  a: b\n c: d\n",
        "a: b\r\nc: d\r\n",
    ]

    @Test("everyday YAML is read by the fast reader exactly as libyaml reads it")
    func everydayShapesMatchLibYAML() {
        for text in Self.everyday {
            let mine = fast(text)
            #expect(mine != nil, "the fast reader should read: \(text.debugDescription)")
            #expect(mine == libyaml(text), "\(text.debugDescription)")
        }
    }

    @Test("unusual YAML is left to libyaml, or read exactly as libyaml reads it")
    func unusualShapesAreLeftToLibYAML() {
        for text in Self.unusual {
            if let mine = fast(text) {
                #expect(mine == libyaml(text), "\(text.debugDescription)")
            }
        }
        #expect(fast("summary: >-\n  folded\n") == nil)
        #expect(fast("a: b\na: c\n") == nil, "duplicate keys are reported by libyaml")
        #expect(fast("a: \"unclosed\n") == nil, "syntax errors are explained by libyaml")
    }

    @Test("every YAML file and front matter of the demo and Mali sites reads the same both ways")
    func realContentMatchesLibYAML() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var checked = 0
        for site in ["content", "Tests/Fixtures/demo-site/content"] {
            let folder = root.appendingPathComponent(site)
            guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in enumerator where ["yaml", "md"].contains(url.pathExtension) {
                var text = try String(contentsOf: url, encoding: .utf8)
                if url.pathExtension == "md" {
                    guard text.hasPrefix("---\n"), let end = text.range(of: "\n---\n", range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex) else { continue }
                    text = String(text[text.index(text.startIndex, offsetBy: 4)..<end.lowerBound]) + "\n"
                }
                if let mine = fast(text) {
                    #expect(mine == libyaml(text), "\(url.path)")
                    checked += 1
                }
            }
        }
        #expect(checked > 20)
    }
}
