import Synchronization

/// What a section made of one item of a list, kept with the item, so that the next page showing
/// the same item writes the bytes instead of walking the template again.
///
/// A view gives a list item one of these (``TemplateRepresentable/renderedFragments(ofItemAt:_:)``)
/// only when the item's value stays the same for as long as the store lives: the timeline's
/// entries that ``RootMemo`` keeps from one update to the next, made once per event. The
/// renderer keeps a rendering only when it read nothing but the item: no name looked up outside
/// it (an enclosing section's value, the page's, the words'), no position in its list (`first()`,
/// `index()`...), no block (a child template may give its own), and no partial or block refused
/// for the depth or count limits. A rendering is known by where it was made: the template and
/// step of the section, the depth of partials and the indentation of its lines. One is kept, the
/// first made (an item is shown by one section of one template, as a rule); an item shown
/// elsewhere too is rendered there each time. A template is known by its name: a store must not
/// outlive its templates (the session's memo, which holds the timeline's entries, is made anew
/// when a template changes).
final class RenderedFragments: Sendable {
    /// Where a section's content was rendered for the item.
    struct Place: Equatable, Sendable {
        var template: String
        var step: Int
        var depth: Int
        var indentation: [UInt8]
        var unindentation: [UInt8]
        var continuesLine: Bool
    }

    /// A section's content as rendered for the item, and where.
    final class Fragment: Sendable {
        let place: Place
        /// The bytes written.
        let bytes: [UInt8]
        /// The partials, parents and blocks it rendered (``TemplateRenderer/expansions``).
        let expansions: Int
        /// Whether the line it ended on is one a block's content continues (``TemplateRenderer/continuesLine``).
        let continuesLine: Bool

        init(place: Place, bytes: [UInt8], expansions: Int, continuesLine: Bool) {
            self.place = place
            self.bytes = bytes
            self.expansions = expansions
            self.continuesLine = continuesLine
        }
    }

    /// The rendering kept: set once, read without a lock.
    private let kept = AtomicLazyReference<Fragment>()

    /// An empty store.
    init() {}

    /// The rendering kept, if any (made wherever ``Fragment/place`` says).
    var fragment: Fragment? { kept.load() }

    /// Keeps `fragment`, unless one is kept already.
    func keep(_ fragment: Fragment) {
        _ = kept.storeIfNil(fragment)
    }
}
