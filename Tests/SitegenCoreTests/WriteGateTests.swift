import Foundation
import Synchronization
import Testing
@testable import SitegenCore

/// A stopping `sitegen serve` closes its builds' write gate and then removes its work folder:
/// a build still running on another thread must write nothing more (else it makes the removed
/// folder again), and a Pagefind it started must not outlive it.
@Suite struct WriteGateTests {
    @Test func aBuildWhoseGateIsClosedWritesNothingAndSaysItWasStopped() throws {
        let site = try TestSite(copying: demoSiteFolder)
        let options = BuildOptions(root: site.root)
        options.writeGate.close()
        let report = build(options)
        #expect(report.failed)
        #expect(report.diagnostics.contains { $0.severity == .error && $0.message.contains("stopped") }, "\(report.diagnostics)")
        #expect(!FileManager.default.fileExists(atPath: site.publicURL.path), "public/ was made")
        let left = try FileManager.default.contentsOfDirectory(atPath: site.root.path).filter { $0.hasPrefix(".public-") }
        #expect(left.isEmpty, "a staging folder was left: \(left)")
    }

    @Test func aSessionWhoseGateClosedDoesNotMakeTheRemovedFolderAgain() throws {
        let site = try TestSite(copying: demoSiteFolder)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-gate-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        var options = BuildOptions(root: site.root, output: work.appendingPathComponent("site"))
        let gate = WriteGate()
        options.writeGate = gate
        let session = BuildSession(options)
        #expect(!session.update().failed)
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("site/index.html").path))
        // The server stops: it closes the gate and removes its work folder; the build that was
        // running then goes on, here with a change that renders every page.
        gate.close()
        try FileManager.default.removeItem(at: work)
        let settings = try String(contentsOf: site.root.appendingPathComponent("content/site.yaml"), encoding: .utf8)
        try site.write("content/site.yaml", settings.replacingOccurrences(of: "title: ", with: "title: Renamed "))
        let report = session.update()
        #expect(report.failed)
        #expect(!FileManager.default.fileExists(atPath: work.path), "the removed work folder was made again")
    }

    @Test func closingWaitsForTheWritesPassingAndStopsTheNextOnes() {
        let gate = WriteGate()
        let started = DispatchSemaphore(value: 0)
        let finished = Atomic(false)
        let thread = Thread {
            _ = gate.pass {
                started.signal()
                Thread.sleep(forTimeInterval: 0.2)
                finished.store(true, ordering: .sequentiallyConsistent)
            }
        }
        thread.start()
        started.wait()
        gate.close()
        let finishedFirst = finished.load(ordering: .sequentiallyConsistent)
        #expect(finishedFirst, "close() returned while a write was passing")
        #expect(gate.pass { true } == nil, "a write passed a closed gate")
    }

    @Test func closingKillsTheProgramsStartedThroughTheGateAndStartsNoMore() throws {
        let gate = WriteGate()
        let program = Process()
        program.executableURL = URL(fileURLWithPath: "/bin/sleep")
        program.arguments = ["600"]
        #expect(try gate.run(program))
        gate.close()
        program.waitUntilExit()
        #expect(program.terminationReason == .uncaughtSignal)
        let later = Process()
        later.executableURL = URL(fileURLWithPath: "/bin/sleep")
        later.arguments = ["600"]
        #expect(try gate.run(later) == false)
        #expect(!later.isRunning)
    }
}
