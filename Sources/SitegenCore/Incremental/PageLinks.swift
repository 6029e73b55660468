import Foundation

/// The entities a rendered page shows: every entity it links to.
///
/// A page shows another entity's data (its name, title, date, role, outlet) only next to a link
/// to that entity's page: list items, "referenced by" sections, an event's actors, the sources
/// list of cited articles, relations, the network drawing's nodes, the previous and next links.
/// So the links a page holds are the entities whose change can change the page. Links are found in
/// the page's bytes, in either link style and absolute or relative: every `KINDS/ID/` (`actors/mali/`).
/// Finding one too many (a word that looks like a link) only renders a page again for nothing.
enum PageLinks {
    /// The folders of the entity kinds whose pages are linked, as bytes (standalone pages live at the
    /// root and are not found here: any change to one renders every page again).
    private static let folders: [(kind: EntityKind, bytes: [UInt8])] =
        [EntityKind.article, .actor, .event, .note].map { ($0, Array($0.folder.utf8)) }

    /// Every entity linked from `data`, each once.
    static func refs(in data: Data) -> Set<Ref> {
        var found = Set<Ref>()
        data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
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
                        found.insert(Ref(kind, id))
                    }
                    break
                }
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
