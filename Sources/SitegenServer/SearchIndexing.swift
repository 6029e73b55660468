import Foundation
import SitegenCore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Keeps the search index of a served site with `search: true` in step with its pages, apart
/// from the edits: Pagefind takes a minute and more on a large site, and an edit's pages are
/// served without waiting for it (``BuildSession/indexSearch()``).
///
/// One Pagefind runs at a time, on a thread of its own at the lowest priority (it and the
/// Pagefind it starts yield the cores to the edits' builds). An index asked for while one is
/// being made is made once more after it, of the pages as they then are: the index lags the
/// pages by at most one run.
final class SearchIndexing: Sendable {
    private let session: BuildSession
    private let root: URL
    private let log: @Sendable (String) -> Void
    /// Whether a run is going on, and whether another was asked for meanwhile.
    private let runs = Mutex((running: false, again: false))

    /// Indexes the folder of `session`, logging each run's result to `log` (paths relative to `root`).
    init(session: BuildSession, root: URL, log: @escaping @Sendable (String) -> Void) {
        self.session = session
        self.root = root
        self.log = log
    }

    /// Asks for an index of the pages as they are now: started at once, or after the run going on.
    func request() {
        let start = runs.withLock { runs in
            if runs.running {
                runs.again = true
                return false
            }
            runs.running = true
            return true
        }
        guard start else { return }
        let thread = Thread { [self] in
            Self.lowerPriority()
            repeat { indexOnce() } while runs.withLock { runs in
                runs.running = runs.again
                runs.again = false
                return runs.running
            }
        }
        thread.name = "sitegen search index"
        thread.start()
    }

    /// One run of Pagefind, its result logged; nothing when the site has no search (or no good build yet).
    private func indexOnce() {
        let clock = ContinuousClock()
        let start = clock.now
        guard let problems = session.indexSearch() else { return }
        // A run ended by the server stopping says nothing.
        guard !session.options.writeGate.isClosed else { return }
        if problems.isEmpty {
            log("Search index made in \(PreviewServer.milliseconds(clock.now - start)) ms.")
            return
        }
        for line in DiagnosticFormatter(root: root).format(problems) { log(line) }
        log("The search index was not made; search shows the last index made.")
    }

    /// The calling thread, and the programs it starts, at the lowest priority (nice 19): on
    /// Linux a thread has a nice value of its own.
    private static func lowerPriority() {
        #if os(Linux)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
        #endif
    }
}
