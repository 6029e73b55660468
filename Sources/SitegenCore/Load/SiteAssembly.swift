extension SiteLoader {
    /// A site as assembled from what its files gave, with what each file gave in the order of the
    /// plan, so that a later load of the same files replaces only what the changed files gave
    /// (``BuildSession`` keeps one between edits).
    struct Assembly: Sendable {
        /// The site, before the build's options (`--base-url`, `--links`) are applied.
        var site: RawSite
        /// The problems found while loading: the plan's, then each file's in order (then, for a
        /// site without `site.yaml`, the settings' defaults warning).
        var diagnostics: [Diagnostic]
        /// What each file of the plan gave, in the plan's order.
        var files: [LoadedFile]
        /// How many of `diagnostics` are the plan's.
        var planDiagnosticCount: Int
    }

    /// Replaces, in `assembly`, what each file whose contribution is not the one it holds gave
    /// by what it gives now (`files`: the same plan, so the same files in the same order).
    /// Returns false, leaving `assembly` unchanged, when a changed file gives the settings or the
    /// words (then everything is assembled again).
    static func patch(_ assembly: inout Assembly, with files: [LoadedFile]) -> Bool {
        precondition(files.count == assembly.files.count, "a patch needs the same plan")
        let changed = files.indices.filter { files[$0] !== assembly.files[$0] }
        for index in changed {
            let (old, new) = (assembly.files[index].contents, files[index].contents)
            if old.config != nil || new.config != nil || old.strings != nil || new.strings != nil { return false }
        }
        var brokenRefsChanged = false
        // Each list holds the files' items in the files' order: walk the files, counting, and
        // replace a changed file's items where they start.
        var (articles, actors, notes, pages, events) = (0, 0, 0, 0, 0)
        var diagnostics = assembly.planDiagnosticCount
        var next = 0
        for index in changed {
            for unchanged in next..<index {
                let file = files[unchanged]
                if file.contents.article != nil { articles += 1 }
                if file.contents.actor != nil { actors += 1 }
                if file.contents.note != nil { notes += 1 }
                if file.contents.page != nil { pages += 1 }
                events += file.contents.events.count
                diagnostics += file.contents.diagnostics.count
            }
            next = index + 1
            let (old, new) = (assembly.files[index].contents, files[index].contents)
            func replace<Item>(_ list: inout [Item], at start: inout Int, _ before: [Item], _ after: [Item]) {
                list.replaceSubrange(start..<(start + before.count), with: after)
                start += after.count
            }
            replace(&assembly.site.articles, at: &articles, old.article.map { [$0] } ?? [], new.article.map { [$0] } ?? [])
            replace(&assembly.site.actors, at: &actors, old.actor.map { [$0] } ?? [], new.actor.map { [$0] } ?? [])
            replace(&assembly.site.notes, at: &notes, old.note.map { [$0] } ?? [], new.note.map { [$0] } ?? [])
            replace(&assembly.site.pages, at: &pages, old.page.map { [$0] } ?? [], new.page.map { [$0] } ?? [])
            replace(&assembly.site.events, at: &events, old.events, new.events)
            replace(&assembly.diagnostics, at: &diagnostics, old.diagnostics, new.diagnostics)
            if let introduction = new.introduction {
                assembly.site.introduction = introduction
            } else if old.introduction != nil {
                assembly.site.introduction = nil
            }
            if let source = old.source { assembly.site.sources[source.name] = nil }
            if let source = new.source { assembly.site.sources[source.name] = source }
            if !old.brokenRefs.isEmpty || !new.brokenRefs.isEmpty { brokenRefsChanged = true }
            assembly.files[index] = files[index]
        }
        if brokenRefsChanged {
            assembly.site.brokenRefs = files.reduce(into: Set<Ref>()) { $0.formUnion($1.brokenRefs) }
        }
        return true
    }
}
