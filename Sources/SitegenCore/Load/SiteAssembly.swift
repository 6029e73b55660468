extension SiteLoader {
    /// A site as assembled from what its files gave, with what each file gave in the order of the
    /// plan, so that a later load replaces only what the changed, added and removed files gave
    /// (``BuildSession`` keeps one between edits).
    struct Assembly: Sendable {
        /// The site, before the build's options (`--base-url`, `--links`) are applied.
        var site: RawSite
        /// The problems found while loading: the plan's, then each file's in order (then, for a
        /// site without `site.yaml`, the settings' defaults warning).
        var diagnostics: [Diagnostic]
        /// What each file of the plan gave, in the plan's order.
        var files: [LoadedFile]
        /// The files read, in order (its problems are the first of `diagnostics`).
        var plan: Plan
    }

    /// Brings `assembly` to what the files of `plan` give (`files`, in the plan's order): what a
    /// file that was removed gave is taken out, what a file that was added gives is put in where
    /// the file stands in the plan, and what a file whose contribution is not the one the
    /// assembly holds gave is replaced. Returns false, leaving `assembly` unchanged, when such a
    /// file gives or gave the settings or the words, or when the files common to both plans are
    /// not in the same order (then everything is assembled again).
    static func patch(_ assembly: inout Assembly, plan: Plan, with files: [LoadedFile]) -> Bool {
        precondition(files.count == plan.work.count, "one contribution per file of the plan")
        let before = assembly.plan.work
        let samePlan = before.count == plan.work.count && zip(before, plan.work).allSatisfy { $0.path == $1.path }
        // The files whose contribution changes, each with how many files of the new plan come before it.
        var steps: [(old: Int?, new: Int?, at: Int)] = []
        var (i, j) = (0, 0)
        while i < before.count || j < plan.work.count {
            if i < before.count, j < plan.work.count, samePlan || before[i].path == plan.work[j].path {
                if files[j] !== assembly.files[i] { steps.append((i, j, j)) }
                (i, j) = (i + 1, j + 1)
            } else if i < before.count, plan.positions[before[i].path] == nil {
                steps.append((i, nil, j))
                i += 1
            } else if j < plan.work.count, assembly.plan.positions[plan.work[j].path] == nil {
                steps.append((nil, j, j))
                j += 1
            } else {
                return false
            }
        }
        for step in steps {
            let (old, new) = (step.old.map { assembly.files[$0].contents }, step.new.map { files[$0].contents })
            if old?.config != nil || new?.config != nil || old?.strings != nil || new?.strings != nil { return false }
        }
        // The plan's own problems (files not read) come first.
        assembly.diagnostics.replaceSubrange(0..<assembly.plan.diagnostics.count, with: plan.diagnostics)
        var brokenRefsChanged = false
        // Each list holds the files' items in the files' order: walk the files, counting, and
        // replace a changed file's items where they start.
        var (articles, actors, notes, pages, events) = (0, 0, 0, 0, 0)
        var diagnostics = plan.diagnostics.count
        var next = 0
        let none = Contents()
        for step in steps {
            for unchanged in next..<step.at {
                let counts = files[unchanged].counts
                articles += counts.articles
                actors += counts.actors
                notes += counts.notes
                pages += counts.pages
                events += counts.events
                diagnostics += counts.diagnostics
            }
            next = step.new.map { $0 + 1 } ?? step.at
            let old = step.old.map { assembly.files[$0].contents } ?? none
            let new = step.new.map { files[$0].contents } ?? none
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
        }
        assembly.files = files
        assembly.plan = plan
        if brokenRefsChanged {
            assembly.site.brokenRefs = files.reduce(into: Set<Ref>()) { $0.formUnion($1.brokenRefs) }
        }
        return true
    }
}
