import Foundation

/// What a build is asked to do.
public struct BuildOptions: Sendable {
    /// The site's root folder (holding `content/` and maybe `templates/`).
    public var root: URL
    /// Where the site is written; `root/public` by default.
    public var output: URL
    /// Whether draft articles and notes are built.
    public var includeDrafts: Bool
    /// Replaces `base_url` of `site.yaml` when set.
    public var baseURL: String?
    /// Replaces `links` of `site.yaml` when set.
    public var links: LinkStyle?
    /// False for `sitegen check`: everything is checked and nothing written.
    public var writesOutput: Bool
    /// Whether stages use all cores; a single-threaded build gives byte-identical output.
    public var parallel: Bool = true
    /// Whether a warning fails the build as an error does (`--strict`, for CI and deploys):
    /// nothing is written and the previous output stays as it was.
    public var strict: Bool = false
    /// The environment in which to look for Pagefind (`SITEGEN_PAGEFIND`, `PATH`) and run it, for
    /// sites with `search: true`; the process's own by default.
    public var environment: [String: String] = ProcessInfo.processInfo.environment
    /// The gate every write of the build goes through (``WriteGate``): `sitegen serve` closes it
    /// when it stops, so that no build still running writes into the folder it then removes.
    public var writeGate = WriteGate()

    /// Creates options; `output` defaults to `root/public`.
    public init(root: URL, output: URL? = nil, includeDrafts: Bool = false, baseURL: String? = nil, writesOutput: Bool = true) {
        self.root = root.standardizedFileURL
        self.output = (output ?? root.appendingPathComponent("public")).standardizedFileURL
        self.includeDrafts = includeDrafts
        self.baseURL = baseURL
        self.writesOutput = writesOutput
    }
}
