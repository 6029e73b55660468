import Foundation
import Testing

@Suite("Template values")
struct ViewModelLookupTests {
    private let renderFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/SitegenCore/Render")

    /// `struct Name { … var field: Type … }` → name → fields, read from Swift source text.
    private func structs(in text: String, declarationPrefix: String) -> [String: [String]] {
        var result: [String: [String]] = [:]
        var current: String?
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix(declarationPrefix) {
                current = trimmed.dropFirst(declarationPrefix.count).split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "{" }).first.map(String.init)
                if let current { result[current] = [] }
            } else if line == "}" {
                current = nil
            } else if let current {
                if trimmed.hasPrefix("var "), let name = trimmed.dropFirst(4).split(separator: ":").first {
                    result[current]?.append(String(name))
                } else if trimmed.hasPrefix("case \""), let name = trimmed.dropFirst(6).split(separator: "\"").first {
                    result[current]?.append(String(name))
                }
            }
        }
        return result
    }

    @Test("every stored value of every view model can be reached from a template")
    func everyFieldIsReachable() throws {
        let models = try String(contentsOf: renderFolder.appendingPathComponent("ViewModels.swift"), encoding: .utf8)
        let lookups = try String(contentsOf: renderFolder.appendingPathComponent("ViewModels+Templates.swift"), encoding: .utf8)
        let fields = structs(in: models, declarationPrefix: "struct ")
        let cases = structs(in: lookups, declarationPrefix: "extension ")
        #expect(fields.count > 20)
        for (name, names) in fields {
            #expect(cases[name] != nil, "\(name) has no TemplateObject look-up: its values render as nothing")
            #expect(Set(cases[name] ?? []) == Set(names), "\(name): fields and template look-ups differ")
        }
    }
}
