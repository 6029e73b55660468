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

    /// A program that runs for ten minutes unless stopped, not started yet.
    private func sleepProgram() -> Process {
        let program = Process()
        program.executableURL = URL(fileURLWithPath: "/bin/sleep")
        program.arguments = ["600"]
        return program
    }

    /// A ``sleepProgram()`` started through `gate`.
    private func sleeper(through gate: WriteGate) throws -> Process {
        let program = sleepProgram()
        #expect(try gate.run(program))
        return program
    }

    @Test func closingKillsTheProgramsStartedThroughTheGateAndStartsNoMore() throws {
        let gate = WriteGate()
        let program = try sleeper(through: gate)
        gate.close()
        program.waitUntilExit()
        #expect(program.terminationReason == .uncaughtSignal)
        let later = sleepProgram()
        #expect(try gate.run(later) == false)
        #expect(!later.isRunning)
    }

    #if os(Linux)
    /// The state letter of a process in `/proc/PID/stat` (`T` when stopped), once it has taken
    /// the signals sent to it: a signal is taken when the process next runs, so the letter is
    /// read again, for up to 10 s, until it is `T` if `stopped`, another letter if not.
    private func processState(_ process: Process, stopped: Bool = true) throws -> Character {
        var state: Character = "?"
        for _ in 0..<1000 {
            let stat = try String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8)
            let afterName = try #require(stat.lastIndex(of: ")"))
            state = try #require(stat[stat.index(afterName, offsetBy: 2)...].first)
            if (state == "T") == stopped { break }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return state
    }

    @Test func theProgramsArePausedWhileAnEditIsMadeAndGoOnAfter() throws {
        let gate = WriteGate()
        let indexing = try sleeper(through: gate)
        defer { gate.close() }
        #expect(try processState(indexing, stopped: false) != "T")
        try gate.whilePausingPrograms {
            #expect(try processState(indexing) == "T", "Pagefind runs beside the edit")
            let startedMeanwhile = try sleeper(through: gate)
            #expect(try processState(startedMeanwhile) == "T", "a program started during the edit runs beside it")
            // Nested pauses (two sessions on one gate) resume only when the last one ends.
            let inner = try gate.whilePausingPrograms { () throws -> Character in try processState(indexing) }
            #expect(inner == "T")
            #expect(try processState(indexing) == "T", "resumed while still pausing")
        }
        #expect(try processState(indexing, stopped: false) != "T", "Pagefind stays paused after the edit")
        #expect(indexing.isRunning)
    }

    @Test func aPausedProgramIsKilledWhenTheGateCloses() throws {
        let gate = WriteGate()
        let indexing = try sleeper(through: gate)
        gate.whilePausingPrograms {
            gate.close()
            indexing.waitUntilExit()
        }
        #expect(indexing.terminationReason == .uncaughtSignal)
    }
    #endif
}
