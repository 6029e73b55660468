import Foundation

/// The templates and assets a site is rendered with: the built-in theme, with any file of the
/// site's own `templates/` folder replacing the built-in file of the same name.
public struct Theme: Sendable {
    /// The page templates, partials and layout.
    public var library: TemplateLibrary
    /// Asset files by their path under `assets/` (`style.css`).
    public var assets: [String: Data]

    /// The page kinds, each rendered with the template of this name.
    static let pageTemplates = ["home", "timeline", "event", "actors", "actor", "articles", "article", "notes", "note", "404"]
}
