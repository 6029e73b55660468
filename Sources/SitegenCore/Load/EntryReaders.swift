/// Readers for the YAML structures shared by several kinds of file: source quotes, facts, dates.
enum EntryReaders {
    static let sourceKeys = ["article", "quote"]
    static let factKeys = ["label", "values"]
    static let factValueKeys = ["value", "sources"]

    /// Reads a list of `{article, quote?}` entries. A bare string is taken as an article ID.
    static func sources(_ items: [YAMLNode], into diagnostics: inout [Diagnostic]) -> [SourceQuote] {
        var result: [SourceQuote] = []
        for item in items {
            if let id = item.string {
                result.append(SourceQuote(article: id.trimmingSpaces(), quote: nil,
                                          location: item.location, quoteLocation: item.location))
                continue
            }
            var reader = MappingReader(item, what: "source entry")
            let article = reader.string("article", required: true)
            let quote = reader.node("quote")?.string
            if reader.node("quote") != nil, quote == nil {
                reader.report(.error(reader.location(of: "quote"), "`quote` must be text"))
            }
            reader.warnAboutUnknownKeys(sourceKeys)
            diagnostics += reader.diagnostics
            if let article {
                result.append(SourceQuote(article: article, quote: quote, location: item.location,
                                          quoteLocation: reader.location(of: "quote")))
            }
        }
        return result
    }

    /// Reads a `facts` list.
    static func facts(_ items: [YAMLNode], into diagnostics: inout [Diagnostic]) -> [Fact] {
        var result: [Fact] = []
        for item in items {
            var reader = MappingReader(item, what: "fact")
            let label = reader.string("label", required: true)
            let valueNodes = reader.list("values")
            if reader.node("values") == nil {
                reader.report(.error(item.location, "fact is missing the required key `values`"))
            }
            reader.warnAboutUnknownKeys(factKeys)
            var values: [Fact.Value] = []
            for valueNode in valueNodes {
                var valueReader = MappingReader(valueNode, what: "fact value")
                let value = valueReader.string("value", required: true)
                let sources = EntryReaders.sources(valueReader.list("sources"), into: &diagnostics)
                valueReader.warnAboutUnknownKeys(factValueKeys)
                diagnostics += valueReader.diagnostics
                if let value {
                    values.append(Fact.Value(value: value, sources: sources, location: valueNode.location))
                }
            }
            diagnostics += reader.diagnostics
            if let label { result.append(Fact(label: label, values: values, location: item.location)) }
        }
        return result
    }

    /// Reads a partial date (`2023`, `2023-06`, `2023-06-16`).
    /// The keys of a front-matter image.
    static let imageKeys = ["image", "image_alt", "image_credit"]

    /// `image:`, `image_alt:` and `image_credit:`, not yet checked against `static/` (the site
    /// loader does that); alt text or credit without an image is a warning.
    static func image(from reader: inout MappingReader) -> PageImage? {
        let written = reader.string("image")
        let alt = reader.string("image_alt")
        let credit = reader.string("image_credit")
        guard let written else {
            for key in ["image_alt", "image_credit"] where reader.node(key) != nil {
                reader.report(.warning(reader.location(of: key), "`\(key)` is ignored without `image:`, the path of the image from `static/`"))
            }
            return nil
        }
        return PageImage(written: written, location: reader.location(of: "image"), alt: alt ?? "", credit: credit)
    }

    static func date(_ key: String, from reader: inout MappingReader, required: Bool = false) -> PartialDate? {
        guard let text = reader.string(key, required: required) else { return nil }
        guard let date = PartialDate(parsing: text) else {
            reader.report(.error(reader.location(of: key), "`\(key)` must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not `\(text)`"))
            return nil
        }
        return date
    }

    /// Reads a publication time (`2023-06-16` or `2023-06-16T14:30Z`).
    static func timestamp(_ key: String, from reader: inout MappingReader, required: Bool = false) -> Timestamp? {
        guard let text = reader.string(key, required: required) else { return nil }
        guard let stamp = Timestamp(parsing: text) else {
            reader.report(.error(reader.location(of: key), "`\(key)` must be a date YYYY-MM-DD or a time YYYY-MM-DDTHH:MM[:SS]Z, not `\(text)`"))
            return nil
        }
        return stamp
    }
}
