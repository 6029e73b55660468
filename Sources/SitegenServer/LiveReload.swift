import Foundation
import SitegenCore

/// The live-reload script and the error overlay, added to HTML responses only (never to the files on disk).
enum LiveReload {
    /// The path of the long-poll endpoint: `GET /__sitegen/wait?after=N` answers with the build version
    /// as soon as it differs from N (or after a timeout, with N).
    static let waitPath = "/__sitegen/wait"
    /// `GET /__sitegen/version` answers at once with the current build version.
    static let versionPath = "/__sitegen/version"

    /// A script that long-polls the server and reloads the page when a build finishes.
    static func script(version: Int) -> String {
        """
        <script id="sitegen-live-reload">
        (function () {
          var version = \(version);
          function poll() {
            fetch("\(waitPath)?after=" + version, { cache: "no-store" })
              .then(function (response) { return response.text(); })
              .then(function (text) {
                var latest = parseInt(text, 10);
                if (!isNaN(latest) && latest !== version) { location.reload(); } else { poll(); }
              })
              .catch(function () { setTimeout(poll, 1000); });
          }
          poll();
        })();
        </script>

        """
    }

    /// `html` with `addition` inserted before its last `</body>` (or appended when there is none).
    static func inject(_ addition: String, into html: String) -> String {
        guard let range = html.range(of: "</body>", options: [.backwards, .caseInsensitive]) else {
            return html + addition
        }
        var result = html
        result.insert(contentsOf: addition, at: range.lowerBound)
        return result
    }

    /// The error overlay for a failed build: every diagnostic with file, line, column, message and the caret lines.
    static func overlay(for status: BuildStatus, root: URL) -> String {
        let formatter = DiagnosticFormatter(root: root)
        let errors = status.diagnostics.filter { $0.severity == .error }.count + (status.writeError == nil ? 0 : 1)
        let warnings = status.diagnostics.count - status.diagnostics.filter { $0.severity == .error }.count
        var counts = "\(errors) error\(errors == 1 ? "" : "s")"
        if warnings > 0 { counts += ", \(warnings) warning\(warnings == 1 ? "" : "s")" }
        var items = ""
        for diagnostic in status.diagnostics {
            let color = diagnostic.severity == .error ? "#ff8a80" : "#ffd180"
            // The formatter gives "path:line:col: error: message", then the source line and a caret line.
            let formatted = formatter.format(diagnostic)
            let quoted = formatted.hasPrefix(diagnostic.description) ? String(formatted.dropFirst(diagnostic.description.count)) : ""
            items += "<li style=\"margin:0 0 1.25em\"><pre style=\"margin:0;white-space:pre-wrap;font:inherit\">"
                + "<b style=\"color:\(color)\">\(escape(diagnostic.location.description)): \(diagnostic.severity.rawValue):</b> "
                + escape(diagnostic.fullMessage + quoted) + "</pre></li>\n"
        }
        if let writeError = status.writeError {
            items += "<li><pre style=\"margin:0;white-space:pre-wrap;font:inherit\"><b style=\"color:#ff8a80\">error:</b> \(escape(writeError))</pre></li>\n"
        }
        return """
        <div id="sitegen-errors" role="alertdialog" aria-modal="true" aria-labelledby="sitegen-errors-title" style="position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;box-sizing:border-box;background:rgba(24,24,27,.97);color:#f4f4f5;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left">
        <h1 id="sitegen-errors-title" style="margin:0 0 .5rem;font:bold 1.25rem/1.3 system-ui,sans-serif;color:#ff8a80">The site did not build: \(counts)</h1>
        <p style="margin:0 0 1.5rem;font:1rem/1.4 system-ui,sans-serif">Fix the file and save it: this page reloads by itself. The rest of the site shows the last good build.</p>
        <ol style="margin:0;padding-left:1.5rem">
        \(items)</ol>
        </div>

        """
    }

    /// A whole page holding only the overlay, for when there is no good page to lay it over.
    static func errorPage(for status: BuildStatus, root: URL) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Build failed: sitegen</title></head>
        <body style="margin:0;background:#18181b">
        \(overlay(for: status, root: root))\(script(version: status.version))</body>
        </html>

        """
    }

    /// Escapes text for HTML content and attributes (the core's escaping, shared with the pages).
    static func escape<S: StringProtocol>(_ text: S) -> String {
        HTMLEscaping.escape(String(text))
    }
}
