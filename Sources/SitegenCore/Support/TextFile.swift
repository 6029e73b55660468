import Foundation

/// A UTF-8 text file of the site, with its path and line structure.
public struct TextFile: Sendable, Hashable {
    /// Root-relative path.
    public var path: String
    /// The text, with `\r\n` line ends turned into `\n`.
    public var text: String

    /// Creates a text file.
    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// Decodes `data` as UTF-8 (a leading byte-order mark dropped, `\r\n` turned into `\n`),
    /// or nil when it is not valid UTF-8.
    init?(utf8 data: Data, path: String) {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        self.init(path: path, text: text.containsBytes("\r") ? text.replacingAll("\r\n", with: "\n") : text)
    }

    /// The text of a 1-based line, without its line end; empty when out of range.
    public func line(_ number: Int) -> Substring {
        var current = 1
        var start = text.startIndex
        while current < number {
            guard let newline = text[start...].firstIndex(of: "\n") else { return "" }
            start = text.index(after: newline)
            current += 1
        }
        let end = text[start...].firstIndex(of: "\n") ?? text.endIndex
        return text[start..<end]
    }
}
