import Foundation

/// The templates, assets and words a site is rendered with: the built-in theme, with any file of
/// the site's own `templates/` folder replacing the built-in file of the same name (a table of
/// strings, `templates/strings/LANG.yaml`, replaces the built-in texts it gives).
public struct Theme: Sendable {
    /// The page templates, partials and layout.
    var library: TemplateLibrary
    /// Asset files by their path under `assets/` (`style.css`).
    public var assets: [String: Data]
    /// The theme's tables of strings by lowercased language tag, built-in first.
    var stringTables: [String: [StringsFile]]
    /// The keys every table has: those of the theme's English table.
    var stringKeys: StringKeys
    /// The words pages are rendered with: English until `useLanguage` (Load) chooses the site's language.
    public var strings: StringTable

}
