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

    /// `page` with `addition` inserted before its last `</body>` (in any case), or appended when
    /// it has none. Bytes in and out: the search goes back from the end, where `</body>` is, so a
    /// large page costs no more than a small one (a timeline page is 350 KB).
    static func inject(_ addition: String, into page: Data) -> Data {
        let tag = Array("</body>".utf8)
        func lowercased(_ byte: UInt8) -> UInt8 {
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
        }
        let cut: Int? = page.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var index = bytes.count - tag.count
            while index >= 0 {
                if bytes[index] == tag[0],
                   (1..<tag.count).allSatisfy({ offset in lowercased(bytes[index + offset]) == tag[offset] }) {
                    return index
                }
                index -= 1
            }
            return nil
        }
        var result = Data(capacity: page.count + addition.utf8.count)
        let end = cut ?? page.count
        result.append(page.prefix(end))
        result.append(contentsOf: addition.utf8)
        result.append(page.dropFirst(end))
        return result
    }

    /// The error overlay for a failed build: every diagnostic with file, line, column, message,
    /// and the source line with a caret under the column.
    ///
    /// The overlay lives in a shadow root (declarative shadow DOM, with a one-line script for
    /// browsers that lack it), so no style of the site's theme reaches its content, and its host
    /// element's `:host` rules are `!important`, which outrank every rule of the page, even
    /// `!important` and inline ones. It follows the reader's colour scheme, light or dark.
    static func overlay(for status: BuildStatus, root: URL) -> String {
        let selection = ShownDiagnostics(status.diagnostics)
        var items = ""
        for (diagnostic, formatted) in zip(selection.shown, DiagnosticFormatter(root: root).format(selection.shown)) {
            // The formatter gives "path:line:col: error: message", then the source line and a caret line.
            let excerpt = formatted.hasPrefix(diagnostic.description + "\n") ? String(formatted.dropFirst(diagnostic.description.count + 1)) : ""
            items += "<li class=\"\(diagnostic.severity.rawValue)\"><p><b>\(escape(diagnostic.location.description)): \(diagnostic.severity.rawValue):</b> "
                + escape(diagnostic.fullMessage) + "</p>"
                + (excerpt.isEmpty ? "" : "<pre tabindex=\"0\">\(escape(excerpt))</pre>") + "</li>\n"
        }
        for note in selection.notes(hint: "`sitegen build --all-warnings` shows them") {
            items += "<li class=\"warning\"><p>\(escape(note))</p></li>\n"
        }
        let rest = status.servedFolder == nil
            ? "There is no good build to show yet."
            : "The rest of the site shows the last good build."
        return """
        <sitegen-errors id="sitegen-errors"><template shadowrootmode="open"><style>\(overlayStyle)</style>
        <div role="alertdialog" aria-modal="true" aria-labelledby="title" aria-describedby="hint">
        <h1 id="title">The site did not build: \(status.problems)</h1>
        <p id="hint">Fix the file and save it: this page reloads by itself. \(rest)</p>
        <ol>
        \(items)</ol>
        </div>
        </template></sitegen-errors>
        <script>(function () { var host = document.getElementById("sitegen-errors"), template = host && host.querySelector("template");
          if (template && !host.shadowRoot) { host.attachShadow({ mode: "open" }).appendChild(template.content); template.remove(); } })();</script>

        """
    }

    /// The overlay's own style sheet, inside its shadow root. `:host` sets every property of the
    /// host back to its initial value first, so nothing is inherited from the page either.
    static let overlayStyle = """
        :host{all:initial!important;display:block!important;position:fixed!important;inset:0!important;\
        z-index:2147483647!important;overflow:auto!important;box-sizing:border-box!important;margin:0!important;\
        padding:0!important;visibility:visible!important;opacity:1!important;transform:none!important;\
        filter:none!important;pointer-events:auto!important;color-scheme:dark!important;\
        background:#18181b!important;color:#f4f4f5!important}
        :host::before,:host::after{content:none!important;display:none!important}
        div{box-sizing:border-box;max-width:72rem;margin:0 auto;padding:2rem;color:#f4f4f5;text-align:left;\
        font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace}
        h1{margin:0 0 .5rem;color:#ff8a80;font:bold 1.25rem/1.3 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
        #hint{margin:0 0 1.5rem;color:#e4e4e7;font:1rem/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
        ol{margin:0;padding:0 0 0 1.5rem}
        li{margin:0 0 1.25rem}
        p{margin:0;overflow-wrap:anywhere}
        .error b,.error::marker{color:#ff8a80}
        .warning b,.warning::marker{color:#ffd180}
        pre{margin:.5rem 0 0;padding:.5rem .75rem;overflow-x:auto;border-radius:4px;background:#27272a;color:#f4f4f5;\
        font:inherit;white-space:pre;tab-size:4}
        pre:focus-visible{outline:2px solid #93c5fd;outline-offset:1px}
        @media (max-width:40rem){div{padding:1rem}}
        @media (prefers-color-scheme:light){
        :host{color-scheme:light!important;background:#fff!important;color:#18181b!important}
        div,pre{color:#18181b}
        h1,.error b,.error::marker{color:#b91c1c}
        .warning b,.warning::marker{color:#8a4600}
        #hint{color:#3f3f46}
        pre{background:#f4f4f5}
        pre:focus-visible{outline-color:#1d4ed8}
        }
        """

    /// A whole page holding only the overlay, for when there is no good page to lay it over.
    static func errorPage(for status: BuildStatus, root: URL) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Build failed: sitegen</title></head>
        <body style="margin:0">
        \(overlay(for: status, root: root))\(script(version: status.version))</body>
        </html>

        """
    }

    /// Escapes text for HTML content and attributes (the core's escaping, shared with the pages).
    static func escape<S: StringProtocol>(_ text: S) -> String {
        HTMLEscaping.escape(String(text))
    }
}
