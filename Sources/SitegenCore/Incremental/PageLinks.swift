import Foundation

/// The entities a rendered page shows: every entity it links to, except through the links of the
/// page's own text.
///
/// A page shows another entity's data (its name, title, date, role, outlet) only next to a link
/// to that entity's page: list items, "referenced by" sections, an event's actors, the sources
/// list of cited articles, relations, the network drawing's nodes, the previous and next links.
/// So the links a page holds are the entities whose change can change the page. Links are found in
/// the page's bytes, in either link style and absolute or relative: every `KINDS/ID/` (`actors/mali/`).
/// Finding one too many (a word that looks like a link) only renders a page again for nothing.
///
/// The links of a Markdown text are the exception: their text is the editor's and their address
/// follows the target's ID, so they show nothing of the target's value (a target added or removed
/// makes the text's link an error, or no longer one). An article that names an actor in its body
/// (`[Mali](actor:mali)`) need not be rendered again when the actor is renamed; 4,500 of the
/// 10,000 articles of the archive benchmark do so for its most named actor. The page's own text
/// (``ShowsOwnText``) is set aside when the page holds it: its links are counted and taken from
/// the page's. (Other pages' texts shown on a list, such as the timeline's event summaries, are
/// not set aside: those pages show the same entities' names beside them.)
enum PageLinks {
    /// The folders of the entity kinds whose pages are linked, as bytes (standalone pages live at the
    /// root and are not found here: any change to one renders every page again).
    private static let folders: [(kind: EntityKind, bytes: [UInt8])] =
        [EntityKind.article, .actor, .event, .note].map { ($0, Array($0.folder.utf8)) }

    /// Every entity linked from `data`, each once.
    static func refs(in data: Data) -> Set<Ref> {
        Set(counts(in: data).keys)
    }

    /// The entities whose value the page `data` shows: those it links to more often than its own
    /// text `ownText` does, when the page holds that text (every link, when it does not or there is none).
    static func shown(in data: Data, besides ownText: String?) -> Set<Ref> {
        var links = Self.counts(in: data)
        if var text = ownText, !text.isEmpty {
            let textLinks = text.withUTF8 { text in Self.counts(in: UnsafeRawBufferPointer(text)) }
            if !textLinks.isEmpty, text.withUTF8({ text in data.withUnsafeBytes { page in contains(page, text) } }) {
                for (ref, count) in textLinks { links[ref, default: 0] -= count }
            }
        }
        return Set(links.lazy.filter { $0.value > 0 }.map(\.key))
    }

    /// How many times `data` links each entity.
    static func counts(in data: Data) -> [Ref: Int] {
        data.withUnsafeBytes { counts(in: $0) }
    }

    /// Whether `page` holds the bytes of `text`.
    private static func contains(_ page: UnsafeRawBufferPointer, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        ByteSearch.firstMatch(of: text, in: page.bindMemory(to: UInt8.self)) != nil
    }

    private static func counts(in raw: UnsafeRawBufferPointer) -> [Ref: Int] {
        var found: [Ref: Int] = [:]
        guard let base = raw.baseAddress else { return found }
        let bytes = raw.bindMemory(to: UInt8.self)
        let count = bytes.count
        // Every folder name ends in `s`: look at each `s/` and at the name before it, going
        // from `/` to `/` (memchr: a page is mostly other bytes).
        var from = 1
        while from < count, let slash = memchr(base + from, Int32(UInt8(ascii: "/")), count - from) {
            let index = base.distance(to: UnsafeRawPointer(slash)) - 1
            from = index + 2
            guard bytes[index] == UInt8(ascii: "s") else { continue }
            for (kind, name) in folders where index + 1 >= name.count {
                let start = index + 1 - name.count
                var matches = true
                for offset in 0..<name.count where bytes[start + offset] != name[offset] {
                    matches = false
                    break
                }
                guard matches else { continue }
                var end = index + 2
                while end < count, isIDByte(bytes[end]) { end += 1 }
                if end > index + 2, end < count, bytes[end] == UInt8(ascii: "/") {
                    let id = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 2)..<end]), as: UTF8.self)
                    found[Ref(kind, id), default: 0] += 1
                }
                break
            }
        }
        return found
    }

    private static func isIDByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"),
             UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "%"), 0x80...0xFF:
            return true
        default:
            return false
        }
    }
}

/// Which page shows which entity, both ways: the pages to render again when entities change.
struct PageDependencies: Sendable {
    /// For each page (by output path), the entities it shows.
    private var shown: [String: Set<Ref>] = [:]
    /// For each entity, the pages that show it.
    private var shownOn: [Ref: Set<String>] = [:]

    /// Records that the page at `path` shows `refs` (replacing what it showed before).
    mutating func record(_ path: String, shows refs: Set<Ref>) {
        let old = shown[path] ?? []
        guard old != refs else { return }
        for ref in old.subtracting(refs) {
            shownOn[ref]?.remove(path)
            if shownOn[ref]?.isEmpty == true { shownOn[ref] = nil }
        }
        for ref in refs.subtracting(old) { shownOn[ref, default: []].insert(path) }
        shown[path] = refs
    }

    /// Forgets a page that is no longer made.
    mutating func remove(_ path: String) {
        record(path, shows: [])
        shown[path] = nil
    }

    /// The pages that show any of `refs`.
    func pages(showing refs: some Sequence<Ref>) -> Set<String> {
        var pages = Set<String>()
        for ref in refs { pages.formUnion(shownOn[ref] ?? []) }
        return pages
    }
}
