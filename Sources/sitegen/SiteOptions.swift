import ArgumentParser
import Foundation
import SitegenCore

extension LinkStyle: ExpressibleByArgument {}

/// Options shared by the commands that read a site.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The site's root folder, holding content/ and templates/.", valueName: "dir"))
    var root: String = "."

    @Flag(name: .long, help: "Include draft articles and notes.")
    var drafts = false

    @Option(name: .customLong("base-url"), help: ArgumentHelp("The site's public address, replacing base_url of site.yaml.", valueName: "url"))
    var baseURL: String?

    @Option(name: .long, help: ArgumentHelp("How pages link to each other, replacing links of site.yaml: `folders` (actors/ID/, for a web server) or `files` (actors/ID/index.html, which also works when opening public/index.html from a disk). Default: folders when the site has a base_url, files when not.", valueName: "style"))
    var links: LinkStyle?

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--root \(root): no such folder")
        }
        if let baseURL, ConfigLoader.normalizeBaseURL(baseURL) == nil {
            throw ValidationError("--base-url must be an absolute http(s) address such as https://example.org/explainer/")
        }
    }

    /// Build options for these command-line options; `output` is `build`'s `--output`.
    func buildOptions(writesOutput: Bool, output: String? = nil) -> BuildOptions {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let rootURL = URL(fileURLWithPath: root, relativeTo: cwd).standardizedFileURL
        let outputURL = output.map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL }
        var options = BuildOptions(root: rootURL, output: outputURL, includeDrafts: drafts, baseURL: baseURL, writesOutput: writesOutput)
        options.links = links
        return options
    }
}
