/// A table of strings as written in one file (`templates/strings/fr.yaml`, `content/strings.yaml`):
/// entries by dotted key, with where each value is written.
public struct StringsFile: Sendable {
    /// The file, for messages.
    public var path: String
    /// The entries and where each is written.
    public var entries: [String: (entry: StringTable.Entry, location: SourceLocation)]
}

/// The keys and shapes every table of strings is checked against: the theme's English table.
public struct StringKeys: Sendable {
    /// The English entries by dotted key.
    public var entries: [String: StringTable.Entry]
    /// Every dotted prefix of a key: `kinds`, `kinds.person`.
    public var groups: Set<String>

    /// The keys of `entries` and their groups.
    public init(_ entries: [String: StringTable.Entry]) {
        self.entries = entries
        var groups = Set<String>()
        for key in entries.keys {
            var parts = key.split(separator: ".").dropLast()
            while !parts.isEmpty {
                groups.insert(parts.joined(separator: "."))
                parts = parts.dropLast()
            }
        }
        self.groups = groups
    }
}
