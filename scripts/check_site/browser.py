"""Checks in a real browser: headless Chromium (Debian's chromium and
chromium-driver) driven by selenium, on one or two pages of each page kind.

a11y     axe-core on each sampled page, in the light and the dark colour
         scheme (prefers-color-scheme emulated through the DevTools protocol);
         any violation of impact serious or critical fails.
browser  no console errors (JS errors, failed loads) on each sampled page, and
         at a 390 px wide mobile viewport no page scrolls horizontally;
         screenshots at 390 px (light and dark) are saved for people to look at.

The site is served over HTTP from 127.0.0.1 on a free port (loopback only) so
that relative links and assets behave as on a real static host."""

from __future__ import annotations

import functools
import importlib.util
import os
import re
import shutil
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

from .site import Result, Site, sample_pages

CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FAIL_IMPACTS = ("serious", "critical")


def axe_script() -> tuple[str | None, str]:
    """Path and version of the newest axe.min.js installed."""
    candidates = []
    for pkg, sub in (("axe_playwright_python", "axe.min.js"),
                     ("axe_selenium_python", os.path.join("node_modules", "axe-core", "axe.min.js")),
                     ("axe_core_python", "axe.min.js")):
        spec = importlib.util.find_spec(pkg)  # does not import the package
        if spec and spec.submodule_search_locations:
            path = os.path.join(list(spec.submodule_search_locations)[0], sub)
            if os.path.isfile(path):
                with open(path, encoding="utf-8") as f:
                    head = f.read(4000)
                m = re.search(r"axe v(\d+\.\d+\.\d+)", head) or re.search(r'version:"(\d+\.\d+\.\d+)"', head)
                ver = m.group(1) if m else "0"
                candidates.append((tuple(int(x) for x in ver.split(".")), path, ver))
    if not candidates:
        return None, ""
    candidates.sort(reverse=True)
    return candidates[0][1], candidates[0][2]


class _QuietHandler(SimpleHTTPRequestHandler):
    # Absolute links to the site's own base_url (e.g. in 404.html, which a host
    # serves at any depth) are pointed at this server in the HTML it sends, so
    # the page loads what it would load on its real host.
    rewrite_from: bytes | None = None
    rewrite_to: bytes = b""

    def log_message(self, format, *args):  # noqa: A002
        pass

    def _send_html(self, code: int, path: str):
        with open(path, "rb") as f:
            body = f.read()
        if self.rewrite_from:
            body = body.replace(self.rewrite_from, self.rewrite_to)
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):  # noqa: N802
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if self.rewrite_from and path.endswith((".html", ".htm")) and os.path.isfile(path):
            return self._send_html(200, path)
        return super().do_GET()

    def send_error(self, code, message=None, explain=None):
        # like static hosts: answer a missing page with the site's 404.html
        page = os.path.join(self.directory, "404.html")
        if code == 404 and os.path.isfile(page) and self.command == "GET" \
                and not re.search(r"\.(css|js|png|jpe?g|gif|svg|webp|avif|ico|woff2?|xml|txt)$", self.path):
            return self._send_html(404, page)
        super().send_error(code, message, explain)


class LocalServer:
    def __init__(self, root: str, base_url: str | None = None):
        cls = type("Handler", (_QuietHandler,), {})
        handler = functools.partial(cls, directory=root)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        if base_url:
            cls.rewrite_from = base_url.encode()
            cls.rewrite_to = f"http://127.0.0.1:{self.port}/".encode()
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, rel: str) -> str:
        if rel == "index.html":
            rel = ""
        elif rel.endswith("/index.html"):
            rel = rel[: -len("index.html")]
        return f"http://127.0.0.1:{self.port}/{rel}"


def _driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--hide-scrollbars", "--force-color-profile=srgb",
                "--no-first-run", "--disable-extensions", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--lang=en-US"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    drv.set_page_load_timeout(60)
    drv.set_script_timeout(120)
    return drv


_OVERFLOW_JS = r"""
const cw = document.documentElement.clientWidth;
const out = [];
for (const el of document.querySelectorAll('body *')) {
  const r = el.getBoundingClientRect();
  if (r.width > 0 && r.right > cw + 1) {
    let childOver = false;
    for (const c of el.children) { if (c.getBoundingClientRect().right > cw + 1) { childOver = true; break; } }
    if (childOver) continue;
    let name = el.tagName.toLowerCase();
    if (el.id) name += '#' + el.id;
    if (typeof el.className === 'string' && el.className.trim()) name += '.' + el.className.trim().split(/\s+/).join('.');
    out.push(name + ' (right edge ' + Math.round(r.right) + 'px)');
    if (out.length >= 5) break;
  }
}
return {scrollWidth: document.documentElement.scrollWidth, bodyScrollWidth: document.body ? document.body.scrollWidth : 0,
        clientWidth: cw, innerWidth: window.innerWidth, offenders: out,
        viewport: (document.querySelector('meta[name=viewport]') || {}).content || ''};
"""

_AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']})
  .then(r => done({ok: true, violations: r.violations}))
  .catch(e => done({ok: false, error: String(e)}));
"""


def _set_scheme(drv, scheme: str):
    drv.execute_cdp_cmd("Emulation.setEmulatedMedia",
                        {"media": "", "features": [{"name": "prefers-color-scheme", "value": scheme}]})


def _wait_ready(drv):
    for _ in range(100):
        if drv.execute_script("return document.readyState") == "complete":
            break
        time.sleep(0.05)
    # web fonts and transitions settle
    try:
        drv.execute_async_script(
            "const d = arguments[arguments.length-1];"
            "(document.fonts ? document.fonts.ready : Promise.resolve()).then(() => setTimeout(d, 50));")
    except Exception:  # noqa: BLE001
        pass


_IMPLICIT_FAVICON = re.compile(r"^https?://127\.0\.0\.1:\d+/favicon\.ico - Failed to load resource")


def _console_errors(drv, notes: list[str] | None = None) -> list[str]:
    out = []
    try:
        for entry in drv.get_log("browser"):
            if entry.get("level") == "SEVERE":
                msg = entry.get("message", "").strip()
                # Chromium asks for /favicon.ico at the host's root by itself when a
                # page names no icon; that is no error of the page (a declared icon
                # that is missing fails the links check).
                if _IMPLICIT_FAVICON.match(msg):
                    if notes is not None:
                        notes.append("no <link rel=\"icon\">: browsers request /favicon.ico, which the site lacks")
                    continue
                out.append(msg)
    except Exception as e:  # noqa: BLE001
        out.append(f"(cannot read the console: {e})")
    return out


def check(site: Site, do_a11y: bool, do_browser: bool, screenshot_dir: str | None,
          per_kind: int = 2) -> list[Result]:
    results = []
    missing = []
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium")
    if not os.path.exists(CHROMEDRIVER):
        missing.append(CHROMEDRIVER)
    if not os.path.exists(CHROMIUM) and not shutil.which("chromium"):
        missing.append("chromium")
    axe_path, axe_version = axe_script()
    if do_a11y and not axe_path:
        missing.append("axe-core (axe-selenium-python)")
    if missing:
        msg = f"not run: {', '.join(missing)} missing (run scripts/install-check-deps)"
        if do_a11y:
            results.append(Result("a11y", False, msg))
        if do_browser:
            results.append(Result("browser", False, msg))
        return results
    axe_src = open(axe_path, encoding="utf-8").read() if do_a11y else ""

    pages = sample_pages(site, per_kind)
    a11y_details: list[str] = []
    a11y_notes: list[str] = []
    a11y_count = 0
    minor_count = 0
    console_details: list[str] = []
    overflow_details: list[str] = []
    console_count = 0
    overflow_pages = 0
    browser_notes: list[str] = []
    seen_nodes: dict[tuple, str] = {}
    if screenshot_dir:
        os.makedirs(screenshot_dir, exist_ok=True)

    with LocalServer(site.root, site.base_url) as server:
        drv = _driver()
        try:
            for kind, rel in pages:
                url = server.url(rel)
                # desktop width, light scheme
                drv.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
                _set_scheme(drv, "light")
                drv.get(url)
                _wait_ready(drv)
                errors = _console_errors(drv, browser_notes)
                if do_a11y:
                    drv.execute_script(axe_src)
                    for scheme in ("light", "dark"):
                        _set_scheme(drv, scheme)
                        time.sleep(0.3)  # let colour transitions finish
                        res = drv.execute_async_script(_AXE_RUN)
                        if not res or not res.get("ok"):
                            a11y_details.append(f"{rel} ({scheme}): axe failed: {res and res.get('error')}")
                            a11y_count += 1
                            continue
                        for v in res["violations"]:
                            impact = v.get("impact") or "?"
                            nodes = v.get("nodes", [])
                            if impact in FAIL_IMPACTS:
                                a11y_count += 1
                                targets = []
                                repeated = 0
                                for n in nodes:
                                    t = " ".join(str(x) for x in n.get("target", []))
                                    summ = (n.get("failureSummary") or "").replace("\n", " ")
                                    summ = re.sub(r"^Fix (any|all) of the following:\s*", "", summ)
                                    summ = re.sub(r"\s+", " ", summ)
                                    key = (scheme, v["id"], t, summ)
                                    if key in seen_nodes:  # same element and finding on an earlier page
                                        repeated += 1
                                        continue
                                    seen_nodes[key] = rel
                                    targets.append(f"{t} -- {summ[:240]}")
                                shown = targets[:4]
                                extra = []
                                if len(targets) > 4:
                                    extra.append(f"{len(targets) - 4} more")
                                if repeated:
                                    extra.append(f"{repeated} as on pages above")
                                a11y_details.append(
                                    f"{rel} ({scheme}): [{impact}] {v['id']}: {v.get('help', '')}; "
                                    f"{len(nodes)} elements" + (f" ({', '.join(extra)})" if extra else ""))
                                a11y_details.extend("    " + t for t in shown)
                            else:
                                minor_count += 1
                                a11y_notes.append(f"{rel} ({scheme}): [{impact}] {v['id']}: {v.get('help', '')} "
                                                  f"({len(nodes)} elements)")
                    _set_scheme(drv, "light")
                if do_browser:
                    # 390 px wide phone viewport
                    drv.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                        {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
                    drv.get(url)
                    _wait_ready(drv)
                    errors += [e for e in _console_errors(drv, browser_notes) if e not in errors]
                    m = drv.execute_script(_OVERFLOW_JS)
                    layout = drv.execute_cdp_cmd("Page.getLayoutMetrics", {})
                    content_w = (layout.get("cssContentSize") or layout.get("contentSize") or {}).get("width", 0)
                    problems = []
                    if "width=device-width" not in m["viewport"].replace(" ", ""):
                        problems.append(f"no <meta name=\"viewport\" content=\"width=device-width, ...\"> "
                                        f"(found {m['viewport']!r})")
                    if m["scrollWidth"] > m["clientWidth"] or content_w > m["clientWidth"] + 0.5:
                        problems.append(f"scrolls horizontally at 390px: content {max(m['scrollWidth'], content_w):.0f}px "
                                        f"wide, viewport {m['clientWidth']}px; overflowing: "
                                        + (", ".join(m["offenders"]) or "?"))
                    if problems:
                        overflow_pages += 1
                        overflow_details.extend(f"{rel}: {p}" for p in problems)
                    if screenshot_dir:
                        base = os.path.join(screenshot_dir, f"{kind}--{rel.replace('/', '_')}")
                        drv.save_screenshot(base + "--390-light.png")
                        _set_scheme(drv, "dark")
                        time.sleep(0.3)
                        drv.save_screenshot(base + "--390-dark.png")
                        _set_scheme(drv, "light")
                    console_count += len(errors)
                    console_details.extend(f"{rel}: console: {e}" for e in errors)
            if do_browser and site.exists("404.html"):
                # Static hosts serve 404.html for a missing URL at any depth,
                # where its relative links to assets no longer resolve.
                drv.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
                _console_errors(drv)
                deep_url = server.url("no-such-section/no-such-page/")
                drv.get(deep_url)
                _wait_ready(drv)
                deep = [e for e in _console_errors(drv, []) if not e.startswith(deep_url + " ")]
                if deep:
                    browser_notes.append(
                        "404.html served for a missing URL two folders deep (as static hosts do) "
                        f"loses {len(deep)} resources, e.g. {deep[0][:160]}")
        finally:
            drv.quit()

    kinds = sorted({k for k, _ in pages})
    if do_a11y:
        summary = (f"{a11y_count} serious/critical violations in {len(pages)} pages (light+dark), "
                   f"axe-core {axe_version}")
        if minor_count:
            summary += f", {minor_count} moderate/minor (see --verbose)"
        results.append(Result("a11y", a11y_count == 0, summary, a11y_details, a11y_notes))
    if do_browser:
        summary = (f"{console_count} console errors, {overflow_pages} pages scroll horizontally at 390px "
                   f"({len(pages)} pages of {len(kinds)} kinds)")
        notes = sorted(set(browser_notes))
        notes += [f"screenshots at 390px: {screenshot_dir}"] if screenshot_dir else []
        results.append(Result("browser", console_count == 0 and overflow_pages == 0, summary,
                              console_details + overflow_details, notes))
    return results
