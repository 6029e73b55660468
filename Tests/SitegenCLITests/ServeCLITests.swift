import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A running `sitegen serve`, its standard error collected in a file so that its lines can be
/// waited for while it runs.
private final class ServeProcess {
    let process = Process()
    private let errors: URL

    /// Starts `sitegen serve` with `arguments`, colour off.
    init(_ arguments: [String]) throws {
        let binary = try #require(sitegenBinary, "cannot find the sitegen binary; build it or set SITEGEN_BINARY")
        errors = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-serve-\(UUID().uuidString).err")
        FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.executableURL = binary
        process.arguments = ["serve"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: errors)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: errors)
    }

    /// Everything printed on standard error so far.
    var stderr: String {
        String(decoding: (try? Data(contentsOf: errors)) ?? Data(), as: UTF8.self)
    }

    /// Waits (generously: the machine may be busy) until a line of standard error contains `text`.
    func waitForLine(containing text: String, timeout: Duration = .seconds(180)) throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if stderr.contains(text) { return }
            if !process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        Issue.record("serve never printed \"\(text)\"; it printed:\n\(stderr)")
        throw CancellationError()
    }

    /// The port from the "Serving … at http://127.0.0.1:PORT/" line.
    func port() throws -> UInt16 {
        try waitForLine(containing: "Serving ")
        let match = try #require(stderr.firstMatch(of: /http:\/\/127\.0\.0\.1:([0-9]+)\//))
        return try #require(UInt16(match.1))
    }

    /// The exit status once the process has ended, waiting at most `limit`; nil (and the process
    /// killed) when it is still running then.
    func exitStatus(within limit: Duration) -> Int32? {
        let deadline = ContinuousClock.now + limit
        while process.isRunning && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.02) }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// The private build folder of this process (`sitegen-serve-PID-…`), while it exists.
    var workFolder: URL? {
        let prefix = "sitegen-serve-\(process.processIdentifier)-"
        for folder in ["/dev/shm", NSTemporaryDirectory()] {
            if let name = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).first(where: { $0.hasPrefix(prefix) }) {
                return URL(fileURLWithPath: folder).appendingPathComponent(name)
            }
        }
        return nil
    }

    /// Whether the private build folder of this process still exists.
    var leftWorkFolder: Bool { workFolder != nil }
}

/// A file's inode and modification time: a file written again (renamed over) has another.
private struct FileStamp: Equatable {
    var inode: UInt64
    var modified: Int

    init?(_ url: URL) {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        inode = UInt64(info.st_ino)
        modified = info.st_mtim.tv_sec * 1_000_000_000 + info.st_mtim.tv_nsec
    }
}

/// An HTTP request sent over its own connection, its answer read later (a browser's
/// live-reload long-poll, or a page that waits for the first build).
private final class OpenRequest {
    private let socket: Int32

    init(port: UInt16, path: String) throws {
        let descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        socket = descriptor
        try #require(descriptor >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(port.bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0, "cannot connect to port \(port)")
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        try #require(send(socket, request, request.count, 0) == request.count)
    }

    deinit { close(socket) }

    /// Everything the server sent until it closed the connection (or `limit` passed).
    func answer(within limit: Duration = .seconds(10)) -> String {
        var timeout = timeval(tv_sec: Int(limit.components.seconds), tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A listening socket on a free port of 127.0.0.1, as another server would hold it.
private final class TakenPort {
    private let socket: Int32
    let port: UInt16

    init() throws {
        let descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        socket = descriptor
        port = UInt16(bigEndian: address.sin_port)
        try #require(descriptor >= 0 && bound == 0 && listen(descriptor, 8) == 0)
    }

    deinit { close(socket) }
}

/// Many pages, each citing: a build that takes many seconds (minutes on a busy machine).
private func addManyCitingNotes(to site: SiteCopy) throws {
        let paragraph = String(repeating: "A sentence that cites the commission's report [@gazette-2021-11-commission-report]. ", count: 20)
        for index in 0..<600 {
            try site.write("content/notes/many-\(index).md", "---\ntitle: Note \(index)\n---\n" + String(repeating: paragraph + "\n\n", count: 5))
        }
}

/// The two ways an editor or a process manager stops the server.
enum StopSignal: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case interrupt = "SIGINT (Ctrl-C)"
    case terminate = "SIGTERM"

    var number: Int32 { self == .interrupt ? SIGINT : SIGTERM }
    var testDescription: String { rawValue }
}

@Suite("sitegen serve fails loudly and stops when asked")
struct ServeCLITests {
    @Test("on a port already in use it says so, suggests a free port and exits 1")
    func portInUse() throws {
        let site = try SiteCopy()
        let taken = try TakenPort()
        let serve = try ServeProcess(["--root", site.root.path, "--port", "\(taken.port)"])
        let status = serve.exitStatus(within: .seconds(10))
        #expect(status == 1, "exit status \(String(describing: status)); stderr: \(serve.stderr)")
        let message = try #require(serve.stderr.firstMatch(of: /error: 127\.0\.0\.1:([0-9]+) is already in use; try --port ([0-9]+)\n/),
                                   "stderr: \(serve.stderr)")
        #expect(message.1 == Substring("\(taken.port)"))
        #expect(Int(message.2) != Int(taken.port))
        #expect(!serve.stderr.contains("Serving"))
        #expect(!serve.stderr.contains("Stopping"), "nothing was built, so there is nothing to say about removing it")
        #expect(!serve.leftWorkFolder)
    }

    @Test("it stops while serving", arguments: StopSignal.allCases)
    func stopsWhileServing(signal: StopSignal) throws {
        let site = try SiteCopy()
        let serve = try ServeProcess(["--root", site.root.path, "--port", "0"])
        try serve.waitForLine(containing: "Built ")
        kill(serve.process.processIdentifier, signal.number)
        #expect(serve.exitStatus(within: .seconds(10)) == 0, "stderr: \(serve.stderr)")
        #expect(!serve.leftWorkFolder, "the private build folder is removed")
        #expect(serve.stderr.contains("Stopping: removing the preview's copy of the site"), "stderr: \(serve.stderr)")
    }

    @Test("it stops while live-reload requests are held open, and answers them", arguments: StopSignal.allCases)
    func stopsWithLongPollsOpen(signal: StopSignal) throws {
        let site = try SiteCopy()
        let serve = try ServeProcess(["--root", site.root.path, "--port", "0"])
        let port = try serve.port()
        try serve.waitForLine(containing: "Built ")
        // Held for 25 s when nothing changes: far longer than the time allowed to stop.
        let polls = try (0..<3).map { _ in try OpenRequest(port: port, path: "/__sitegen/wait?after=1") }
        Thread.sleep(forTimeInterval: 0.3)
        kill(serve.process.processIdentifier, signal.number)
        #expect(serve.exitStatus(within: .seconds(10)) == 0, "stderr: \(serve.stderr)")
        for poll in polls {
            #expect(poll.answer().hasPrefix("HTTP/1.1 200"), "an open long-poll is answered, not dropped")
        }
    }

    @Test("it stops while showing errors", arguments: StopSignal.allCases)
    func stopsWhileShowingErrors(signal: StopSignal) throws {
        let site = try SiteCopy()
        try site.write("content/notes/broken.md", "---\ntitle: Broken\n---\nSee [Norland](actor:norlad).\n")
        let serve = try ServeProcess(["--root", site.root.path, "--port", "0"])
        let port = try serve.port()
        try serve.waitForLine(containing: "Build failed")
        let page = try OpenRequest(port: port, path: "/notes/broken/").answer()
        #expect(page.contains("unknown actor `norlad`"), "the page shows the error")
        let poll = try OpenRequest(port: port, path: "/__sitegen/wait?after=1")
        Thread.sleep(forTimeInterval: 0.3)
        kill(serve.process.processIdentifier, signal.number)
        #expect(serve.exitStatus(within: .seconds(10)) == 0, "stderr: \(serve.stderr)")
        #expect(poll.answer().hasPrefix("HTTP/1.1 200"))
        #expect(!serve.leftWorkFolder)
    }

    @Test("it stops while an edit's pages are being written, and nothing of its build folder is left", arguments: StopSignal.allCases)
    func stopsDuringAnUpdate(signal: StopSignal) throws {
        let site = try SiteCopy()
        try addManyCitingNotes(to: site)
        let serve = try ServeProcess(["--root", site.root.path, "--port", "0"])
        try serve.waitForLine(containing: "Built ")
        let home = try #require(serve.workFolder).appendingPathComponent("site/index.html")
        let before = try #require(FileStamp(home))
        // A new site title: every page is written again, the home page among the first.
        let settings = try String(contentsOf: site.root.appendingPathComponent("content/site.yaml"), encoding: .utf8)
        try site.write("content/site.yaml", settings.replacingOccurrences(of: "title: ", with: "title: Renamed "))
        let deadline = ContinuousClock.now + .seconds(180)
        while FileStamp(home) == before && ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.002) }
        kill(serve.process.processIdentifier, signal.number)
        #expect(serve.exitStatus(within: .seconds(10)) == 0, "stderr: \(serve.stderr)")
        Thread.sleep(forTimeInterval: 0.5)
        #expect(!serve.leftWorkFolder, "a build that went on after the stop made the removed build folder again")
    }

    @Test("it stops during the first build of a large site, without waiting for the build", arguments: StopSignal.allCases)
    func stopsDuringFirstBuild(signal: StopSignal) throws {
        let site = try SiteCopy()
        try addManyCitingNotes(to: site)
        let serve = try ServeProcess(["--root", site.root.path, "--port", "0"])
        let port = try serve.port()
        // The "Serving" line comes just before the first build starts; a page asked for now waits for it.
        let page = try OpenRequest(port: port, path: "/")
        Thread.sleep(forTimeInterval: 0.3)
        kill(serve.process.processIdentifier, signal.number)
        #expect(serve.exitStatus(within: .seconds(10)) == 0, "stderr: \(serve.stderr)")
        #expect(!serve.stderr.contains("Built ") && !serve.stderr.contains("Build failed"),
                "the server stopped before the first build ended: \(serve.stderr)")
        let answer = page.answer()
        #expect(answer.isEmpty || answer.hasPrefix("HTTP/1.1 503"), "the waiting page is told the server stops: \(answer.prefix(200))")
        #expect(!serve.leftWorkFolder)
    }
}
