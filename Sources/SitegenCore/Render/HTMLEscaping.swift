import Foundation

/// Escaping for text placed in HTML or XML that sitegen writes itself (templates escape their own values).
public enum HTMLEscaping {
    /// Escapes `& < > " '`.
    public static func escape(_ text: String) -> String {
        guard text.contains(where: { "&<>\"'".contains($0) }) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// Escapes a URL for an `href`: characters that break attributes are percent-encoded or escaped.
    static func attributeURL(_ url: String) -> String {
        escape(url.replacingOccurrences(of: " ", with: "%20"))
    }
}
