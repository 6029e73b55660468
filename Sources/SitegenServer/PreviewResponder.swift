import Foundation
import HTTPTypes
import Hummingbird
import ServiceLifecycle
import SitegenCore

/// Answers every request: the live-reload endpoints, then files of the last good build, with
/// pretty URLs (`/actors/minusma/` serves its `index.html`), `404.html` for unknown paths, and
/// the error overlay on HTML pages while the latest build has failed.
struct PreviewResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let server: PreviewServer

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return plain(.methodNotAllowed, "Only GET and HEAD are served.\n", extra: [.allow: "GET, HEAD"])
        }
        let target = request.head.path ?? "/"
        let path = String(target.prefix { $0 != "?" && $0 != "#" })
        let query = target.firstIndex(of: "?").map { String(target[target.index(after: $0)...]) } ?? ""

        if path == LiveReload.versionPath {
            let status = await server.state.status
            return plain(.ok, "\(status.version)")
        }
        if path == LiveReload.waitPath {
            let after = Self.queryValue("after", in: query).flatMap(Int.init) ?? -1
            let timeout = server.options.longPollTimeout
            let status = await answeringAtShutdown { await $0.waitForChange(after: after, timeout: timeout) }
            return plain(.ok, "\(status.version)")
        }

        let status = await answeringAtShutdown { await $0.firstBuild() }
        guard status.version > 0 else {
            return plain(.serviceUnavailable, "The preview server is stopping.\n")
        }
        let withBody = request.method != .head
        guard let folder = status.servedFolder else {
            // No good build yet: every page is the error overlay, and there are no assets.
            let last = path.split(separator: "/").last.map(String.init) ?? ""
            if last.contains("."), !ContentType.of(last).hasPrefix("text/html") {
                return plain(.notFound, "Not found: the site has not built yet.\n")
            }
            return html(.internalServerError, LiveReload.errorPage(for: status, root: server.options.root), status: status, withBody: withBody)
        }
        switch RequestPath.resolve(path, in: folder) {
        case .refused:
            return plain(.forbidden, "Refused: this path would lead outside the site.\n")
        case .redirect(let location):
            let withQuery = query.isEmpty ? location : location + "?" + query
            return Response(status: .movedPermanently, headers: [.location: withQuery, .cacheControl: "no-store"])
        case .file(let file):
            return serve(file: file, status: status, code: .ok, withBody: withBody)
        case .notFound:
            if case .file(let notFound) = RequestPath.file(folder + "/404.html", in: folder) {
                return serve(file: notFound, status: status, code: .notFound, withBody: withBody)
            }
            return plain(.notFound, "Not found.\n")
        }
    }

    /// Waits on the server's state, and stops waiting as soon as the server is asked to stop
    /// (Ctrl-C, SIGTERM): an open request must not hold the server up.
    private func answeringAtShutdown(_ wait: @Sendable (PreviewState) async -> BuildStatus) async -> BuildStatus {
        let state = server.state
        return await withGracefulShutdownHandler {
            await wait(state)
        } onGracefulShutdown: {
            Task { await state.shutDown() }
        }
    }

    /// A file of the build; HTML gets the reload script, and the overlay while the build is failing.
    private func serve(file: String, status: BuildStatus, code: HTTPResponse.Status, withBody: Bool) -> Response {
        guard let data = server.contents(ofServedFile: file, in: status.servedFolder ?? "") else {
            return plain(.internalServerError, "Could not read the file.\n")
        }
        let type = ContentType.of(file)
        guard type.hasPrefix("text/html") else {
            // Fingerprinted assets (`assets/style.0374a429b3.css`) never change under their name:
            // the browser may keep them, so a live reload fetches only the page.
            let cache = Self.isFingerprinted(file) ? "public, max-age=31536000, immutable" : "no-store"
            var headers: HTTPFields = [.contentType: type, .cacheControl: cache]
            headers[.contentLength] = "\(data.count)"
            return Response(status: code, headers: headers, body: withBody ? ResponseBody(byteBuffer: ByteBuffer(bytes: data)) : ResponseBody())
        }
        var addition = ""
        if status.failed { addition += server.overlay(for: status) }
        addition += LiveReload.script(version: status.version)
        return html(status.failed ? .internalServerError : code, LiveReload.inject(addition, into: data), status: status, withBody: withBody)
    }

    private func html(_ code: HTTPResponse.Status, _ page: String, status: BuildStatus, withBody: Bool) -> Response {
        html(code, Data(page.utf8), status: status, withBody: withBody)
    }

    private func html(_ code: HTTPResponse.Status, _ page: Data, status: BuildStatus, withBody: Bool) -> Response {
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"]
        headers[.contentLength] = "\(page.count)"
        headers[HTTPField.Name("X-Sitegen-Build")!] = status.failed ? "failed" : "ok"
        headers[HTTPField.Name("X-Sitegen-Version")!] = "\(status.version)"
        return Response(status: code, headers: headers, body: withBody ? ResponseBody(byteBuffer: ByteBuffer(bytes: page)) : ResponseBody())
    }

    private func plain(_ code: HTTPResponse.Status, _ text: String, extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"]
        headers.append(contentsOf: extra)
        return Response(status: code, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// Whether a file name carries the generator's content hash: `name.0123456789.ext` under `assets/`.
    static func isFingerprinted(_ path: String) -> Bool {
        guard path.contains("/assets/") else { return false }
        let parts = (path as NSString).lastPathComponent.split(separator: ".")
        guard parts.count >= 3 else { return false }
        let hash = parts[parts.count - 2]
        return hash.count == 10 && hash.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    static func queryValue(_ name: String, in query: String) -> String? {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.first == Substring(name) { return parts.count > 1 ? String(parts[1]) : "" }
        }
        return nil
    }
}
