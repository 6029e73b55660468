extension Sitemap {
    /// Makes this sitemap, of the last site, the sitemap of `site` (``BuildSession``): the pages
    /// added and removed (`difference`, ``PageList``) put in and taken out where they sort, and the
    /// line of each changed article (among `changedValues`) made again, its date being its
    /// `<lastmod>`. No other line reads an entity's value. Returns whether a line changed.
    mutating func patch(_ difference: PageList.Difference, changedValues: Set<Ref>, site: Site) -> Bool {
        var changed = false
        for page in difference.removed where PageKind.all[page.kind].inSitemap {
            changed = remove(folder: PageKind.all[page.kind].folder(of: page.id)) || changed
        }
        for page in difference.added where PageKind.all[page.kind].inSitemap {
            changed = insert(Self.entry(kind: PageKind.all[page.kind], id: page.id, site: site, base: base)) || changed
        }
        for ref in changedValues where ref.kind == .article && site.articles[ref.id] != nil {
            changed = insert(Self.entry(kind: PageKind.article, id: ref.id, site: site, base: base)) || changed
        }
        return changed
    }

    /// The number of URLs once `difference` is patched in (``patch(_:changedValues:site:)``).
    func count(after difference: PageList.Difference) -> Int {
        count + difference.added.count { PageKind.all[$0.kind].inSitemap } - difference.removed.count { PageKind.all[$0.kind].inSitemap }
    }
}
