import Foundation
import Testing
@testable import SitegenCore

@Suite("Parallel and single-threaded builds")
struct ParallelBuildTests {
    @Test("a build on all cores writes the same bytes as a build on one core")
    func parallelOutputEqualsSingleThreaded() throws {
        let parallelSite = try TestSite(copying: demoSiteFolder)
        let singleSite = try TestSite(copying: demoSiteFolder)
        var parallelOptions = BuildOptions(root: parallelSite.root)
        parallelOptions.parallel = true
        var singleOptions = BuildOptions(root: singleSite.root)
        singleOptions.parallel = false
        let parallelReport = SitegenCore.build(parallelOptions)
        let singleReport = SitegenCore.build(singleOptions)
        #expect(!parallelReport.failed)
        #expect(!singleReport.failed)
        let parallelFiles = try parallelSite.outputSnapshot()
        let singleFiles = try singleSite.outputSnapshot()
        #expect(parallelFiles.keys.sorted() == singleFiles.keys.sorted())
        for (path, bytes) in parallelFiles {
            #expect(singleFiles[path] == bytes, "\(path) differs between the parallel and the single-threaded build")
        }
        #expect(parallelFiles.count > 10)
    }

    @Test("the pages of a large generated site are rendered the same on all cores as on one")
    func manyPagesRenderIdentically() throws {
        var archive = ""
        for index in 0..<120 {
            archive += "-- content/articles/article-\(index).md --\n---\ntitle: Article \(index)\noutlet: Outlet\npublished: 2023-01-\(String(format: "%02d", index % 28 + 1))\n---\nSee [@article-\((index + 1) % 120)] and [actor one](actor:actor-\(index % 7)).\n"
        }
        for index in 0..<7 {
            archive += "-- content/actors/actor-\(index).md --\n---\nname: Actor \(index)\nkind: organization\n---\nProfile \(index) [@article-\(index)].\n"
        }
        let parallelSite = try TestSite(archive)
        let singleSite = try TestSite(archive)
        var single = BuildOptions(root: singleSite.root)
        single.parallel = false
        #expect(!parallelSite.build().failed)
        #expect(!SitegenCore.build(single).failed)
        let parallel = try parallelSite.outputSnapshot()
        #expect(parallel == (try singleSite.outputSnapshot()))
        #expect(parallel.keys.filter { $0.hasSuffix(".html") }.count == 120 + 7 + 7)
    }
}
