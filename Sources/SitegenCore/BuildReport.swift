/// The outcome of a build: every problem found, and what was written.
public struct BuildReport: Sendable {
    /// Every error and warning, sorted by file, line and column; a failed write is an error at
    /// the output file or folder it is about.
    public var diagnostics: [Diagnostic]
    /// Remarks that are not problems ("no base_url: feed.xml and sitemap.xml not written").
    public var notes: [String]
    /// Number of HTML pages produced.
    public var pageCount: Int
    /// Number of files produced.
    public var fileCount: Int
    /// Files written and files left unchanged, when the output was written.
    public var writeSummary: OutputWriter.Summary?
    /// Time of each stage, in order: load, resolve, verify, render, (search, for a site with
    /// `search: true`,) write.
    public var timings: [(stage: String, duration: Duration)]

    /// Whether the build failed: an error (a failed write among them), or (strict) a warning.
    public var failed: Bool { diagnostics.containsErrors || failedOnWarnings }
    /// Whether the build failed only because it was strict and found warnings.
    public var failedOnWarnings: Bool { strict && !diagnostics.isEmpty && !diagnostics.containsErrors }
    /// Whether the build was strict (``BuildOptions/strict``).
    public var strict = false

    /// The wall time of the whole build, from start to end (resolve and verify overlap, so it is
    /// less than the sum of the stage times).
    public var duration: Duration { elapsed ?? timings.reduce(.zero) { $0 + $1.duration } }
    /// The measured wall time, set by ``build(_:fileSystem:)``.
    var elapsed: Duration?
}
