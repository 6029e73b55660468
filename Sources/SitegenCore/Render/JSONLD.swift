import Foundation

/// schema.org structured data for a page, as a `<script type="application/ld+json">` body.
enum JSONLD {
    /// Serialises `object` with sorted keys, escaped so it cannot end its `<script>` element.
    static func script(_ object: [String: Any]) -> String {
        var object = object
        object["@context"] = "https://schema.org"
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]),
              let text = String(data: data, encoding: .utf8) else { return "{}" }
        return text.replacingOccurrences(of: "<", with: "\\u003c")
            .replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }

    /// A value for `url`-like fields only when an absolute URL exists.
    static func compact(_ object: [String: Any?]) -> [String: Any] {
        object.compactMapValues { $0 }
    }
}
