"""The error overlay of `sitegen serve`, checked in a real browser.

overlay  runs `sitegen serve` on a copy of the site (its content/, templates/ and static/,
         in a temporary folder), lets the first build succeed, then adds a note
         with an error and a warning. Once the build has failed, it loads pages
         of the last good build, which the server shows with the overlay on top,
         and requires, in the light and in the dark colour scheme:
           - the overlay covers the page and shows the error's place and message;
           - axe-core finds no serious or critical violation inside the overlay
             (color-contrast above all: the overlay must stay readable whatever
             the site's theme does to `pre`, colours or fonts).
         Screenshots of the overlay (1280 px, light and dark) are saved.

The check needs the sitegen binary (--sitegen, $SITEGEN, or the repository's
.build/release or .build/debug) and the site's root (--site-root, or the folder
holding PUBLIC_DIR when it has content/site.yaml); without them it passes as
"skipped" and says why.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time

from .site import Result

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FAIL_IMPACTS = ("serious", "critical")

# A note with one error (a link to an actor that does not exist, on a line with HTML in it)
# and one warning (a misspelled key).
BROKEN_NOTE = """---
title: Overlay check
sumary: a misspelled key, for a warning
---
A <b>tag</b> beside [a link to nobody](actor:no-such-actor-for-the-overlay-check), to show an error.
"""
BROKEN_PATH = "content/notes/overlay-check-broken-note.md"
EXPECTED = ("overlay-check-broken-note.md:5:", "no-such-actor-for-the-overlay-check")

# axe-core on the overlay only. The page under the overlay is hidden first: the overlay is
# opaque, covers the window and is on top (checked before), so nothing under it can be seen, but
# axe compares the elements under each text at several points and gives up ("partially overlaps
# other elements") where they differ. Colour contrast that axe cannot decide inside the overlay
# (such as a 1:1 ratio, text the colour of its background) counts as a failure.
_AXE_RUN = """
const done = arguments[arguments.length - 1];
for (const el of document.body.children) {
  if (el.id !== 'sitegen-errors') el.style.setProperty('visibility', 'hidden', 'important');
}
axe.run({include: [['#sitegen-errors']]}, {resultTypes: ['violations', 'incomplete']})
  .then(r => done({ok: true, violations: r.violations,
                   undecided: r.incomplete.filter(v => v.id === 'color-contrast')}))
  .catch(e => done({ok: false, error: String(e)}));
"""

# Whether the overlay is on top of the page, and its text (inside its shadow root, if any).
_OVERLAY_STATE = """
const host = document.getElementById('sitegen-errors');
if (!host) return {found: false};
const rect = host.getBoundingClientRect();
const top = document.elementFromPoint(window.innerWidth / 2, window.innerHeight / 2);
return {found: true, text: host.shadowRoot ? host.shadowRoot.textContent : host.innerText,
        covers: rect.width >= window.innerWidth - 1 && rect.height >= window.innerHeight - 1,
        onTop: top === host || host.contains(top)};
"""


def find_sitegen(explicit: str | None) -> str | None:
    """The sitegen binary: the one given, $SITEGEN, the newest of the repository's builds, or PATH's."""
    for candidate in (explicit, os.environ.get("SITEGEN")):
        if candidate:
            return candidate if os.access(candidate, os.X_OK) else None
    builds = [p for p in (os.path.join(REPO, ".build", c, "sitegen") for c in ("release", "debug")) if os.access(p, os.X_OK)]
    if builds:
        return max(builds, key=os.path.getmtime)
    return shutil.which("sitegen")


def find_site_root(explicit: str | None, public_dir: str | None) -> str | None:
    """The site's root: the one given, or the folder holding PUBLIC_DIR when it has content/site.yaml."""
    if explicit:
        return explicit
    if public_dir:
        parent = os.path.dirname(os.path.abspath(public_dir.rstrip("/")))
        if os.path.isfile(os.path.join(parent, "content", "site.yaml")):
            return parent
    return None


class BrokenServe:
    """`sitegen serve` on a copy of a site, whose last good build is shown with the overlay."""

    def __init__(self, sitegen: str, site_root: str):
        self.sitegen, self.site_root = sitegen, site_root
        self.folder = tempfile.mkdtemp(prefix="check-site-overlay-")
        self.log = os.path.join(self.folder, "serve.log")
        self.process = None
        self.base = ""

    def _wait(self, pattern: str, timeout: float = 300) -> re.Match:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with open(self.log, encoding="utf-8", errors="replace") as f:
                m = re.search(pattern, f.read())
            if m:
                return m
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        with open(self.log, encoding="utf-8", errors="replace") as f:
            raise RuntimeError(f"sitegen serve never printed {pattern!r}; it printed: {f.read()[-600:]}")

    def __enter__(self):
        site = os.path.join(self.folder, "site")
        os.makedirs(site)
        for sub in ("content", "templates", "static"):
            if os.path.isdir(os.path.join(self.site_root, sub)):
                shutil.copytree(os.path.join(self.site_root, sub), os.path.join(site, sub))
        with open(self.log, "w") as log:
            self.process = subprocess.Popen([self.sitegen, "serve", "--root", site, "--port", "0"],
                                            stdout=subprocess.DEVNULL, stderr=log, stdin=subprocess.DEVNULL,
                                            env={**os.environ, "NO_COLOR": "1"})
        self.base = self._wait(r"at (http://127\.0\.0\.1:\d+/)").group(1)
        first = self._wait(r"\n(Built |Build failed)").group(1)
        if first != "Built ":
            raise RuntimeError("the site's own first build failed; fix it before checking the overlay")
        path = os.path.join(site, BROKEN_PATH)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(BROKEN_NOTE)
        self._wait(r"\nBuild failed")
        return self

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


def overlay_findings(drv, url: str, axe_src: str, label: str, screenshot_base: str | None,
                     expected: tuple[str, ...] = EXPECTED) -> tuple[list[str], int]:
    """Problems of the overlay on `url`, light and dark: (details, number of failures)."""
    from . import browser

    details: list[str] = []
    failures = 0
    drv.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    for scheme in ("light", "dark"):
        browser._set_scheme(drv, scheme)
        drv.get(url)
        browser._wait_ready(drv)
        time.sleep(0.2)
        state = drv.execute_script(_OVERLAY_STATE)
        if not state.get("found"):
            return [f"{label}: no #sitegen-errors overlay on the page"], 1
        missing = [e for e in expected if e not in state["text"]]
        if missing or not state["covers"] or not state["onTop"]:
            failures += 1
            details.append(f"{label} ({scheme}): overlay " + ", ".join(
                ([f"does not show {missing}"] if missing else [])
                + ([] if state["covers"] else ["does not cover the window"])
                + ([] if state["onTop"] else ["is hidden under the page"])))
        drv.execute_script(axe_src)
        res = drv.execute_async_script(_AXE_RUN)
        if not res or not res.get("ok"):
            failures += 1
            details.append(f"{label} ({scheme}): axe failed: {res and res.get('error')}")
            continue
        for v in res["violations"]:
            if (v.get("impact") or "?") not in FAIL_IMPACTS:
                continue
            failures += 1
            nodes = v.get("nodes", [])
            details.append(f"{label} ({scheme}): [{v.get('impact')}] {v['id']}: {v.get('help', '')}; {len(nodes)} elements")
            for n in nodes[:4]:
                summ = re.sub(r"\s+", " ", (n.get("failureSummary") or "").replace("\n", " "))
                summ = re.sub(r"^Fix (any|all) of the following: ", "", summ)
                details.append(f"    {' '.join(str(t) for t in n.get('target', []))} -- {summ[:200]}")
        for v in res.get("undecided", []):
            failures += 1
            nodes = v.get("nodes", [])
            details.append(f"{label} ({scheme}): axe cannot confirm the colour contrast of {len(nodes)} elements")
            for n in nodes[:4]:
                reasons = "; ".join(c.get("message", "") for c in n.get("any", []))
                details.append(f"    {' '.join(str(t) for t in n.get('target', []))} -- {reasons[:200]}")
        if screenshot_base:
            drv.get(url)  # the page as the editor sees it, not as hidden for axe
            browser._wait_ready(drv)
            drv.save_screenshot(f"{screenshot_base}--overlay-{scheme}.png")
    browser._set_scheme(drv, "light")
    return details, failures


def check(sitegen: str | None, site_root: str | None, screenshot_dir: str | None) -> Result:
    """The overlay check on the site at `site_root`, served by `sitegen serve`."""
    from . import browser

    if not site_root or not os.path.isfile(os.path.join(site_root, "content", "site.yaml")):
        return Result("overlay", True, "skipped: the site's root (with content/site.yaml) is not known; pass --site-root")
    if not sitegen:
        return Result("overlay", True, "skipped: no sitegen binary found; build it or pass --sitegen")
    axe_path, axe_version = browser.axe_script()
    if not axe_path:
        return Result("overlay", False, "not run: axe-core (axe-selenium-python) missing (run scripts/install-check-deps)")
    axe_src = open(axe_path, encoding="utf-8").read()
    if screenshot_dir:
        os.makedirs(screenshot_dir, exist_ok=True)
    details: list[str] = []
    failures = 0
    pages = [("home", ""), ("missing page", "notes/overlay-check-broken-note/")]
    try:
        with BrokenServe(sitegen, site_root) as served:
            drv = browser._driver()
            try:
                for label, path in pages:
                    base = os.path.join(screenshot_dir, f"overlay--{label.replace(' ', '-')}") if screenshot_dir else None
                    found, count = overlay_findings(drv, served.base + path, axe_src, f"/{path}", base)
                    details += found
                    failures += count
            finally:
                drv.quit()
    except Exception as e:  # noqa: BLE001 - a server or browser that cannot start fails the check
        return Result("overlay", False, f"not run: {type(e).__name__}: {str(e).strip().splitlines()[0] if str(e).strip() else ''}")
    notes = [f"screenshots of the overlay: {screenshot_dir}"] if screenshot_dir else []
    return Result("overlay", failures == 0,
                  f"{failures} problems of the error overlay on {len(pages)} pages (light+dark), axe-core {axe_version}",
                  details, notes)
