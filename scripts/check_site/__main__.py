"""scripts/check-site PUBLIC_DIR [--base-url URL] [--only LIST] [--skip LIST]

Runs every web-quality check on a built site and prints one summary line per
check (details of each failure above it). Exit status 0 when all pass, 1 when
any fails, 2 on bad usage."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import time

from . import browser, feeds, html, links, overlay, structured
from .site import Result, Site

CHECKS = ["html", "links", "feed", "sitemap", "jsonld", "opengraph", "a11y", "browser", "overlay"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="check-site", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("public_dir", nargs="?", help="the built site (sitegen's public/)")
    ap.add_argument("--base-url", help="the site's base_url; requires feed.xml and sitemap.xml "
                    "(default: read from the home page's canonical link)")
    ap.add_argument("--only", default="", help=f"comma-separated checks to run, of: {','.join(CHECKS)}")
    ap.add_argument("--skip", default="", help="comma-separated checks to leave out")
    ap.add_argument("--pages-per-kind", type=int, default=2,
                    help="pages of each kind the browser checks load (default 2)")
    ap.add_argument("--screenshots", metavar="DIR",
                    help="where the 390px screenshots go (default: a folder under $TMPDIR)")
    ap.add_argument("--sitegen", metavar="PATH",
                    help="the sitegen binary for the overlay check (default: $SITEGEN, else the repository's "
                    ".build/release or .build/debug, else PATH's)")
    ap.add_argument("--site-root", metavar="DIR",
                    help="the site's root (holding content/) for the overlay check (default: the folder "
                    "holding PUBLIC_DIR, when it has content/site.yaml)")
    ap.add_argument("--selftest", action="store_true",
                    help="check the checks on small hand-made good and bad sites, then exit")
    ap.add_argument("-v", "--verbose", action="store_true",
                    help="also print HTML warnings and moderate/minor accessibility findings")
    args = ap.parse_args(argv)
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet under `| head`

    only = [c.strip() for c in args.only.split(",") if c.strip()]
    skip = [c.strip() for c in args.skip.split(",") if c.strip()]
    for c in only + skip:
        if c not in CHECKS:
            ap.error(f"unknown check {c!r} (checks: {', '.join(CHECKS)})")
    run = [c for c in CHECKS if (not only or c in only) and c not in skip]
    if args.selftest:
        from . import selftest
        return selftest.run(skip=[c for c in CHECKS if c not in run], sitegen=args.sitegen)
    if not args.public_dir:
        ap.error("PUBLIC_DIR is required")

    if not os.path.isdir(args.public_dir):
        print(f"check-site: {args.public_dir} is not a folder", file=sys.stderr)
        return 2
    site = Site(args.public_dir, args.base_url)
    if not site.html_files:
        print(f"check-site: no .html files in {args.public_dir}", file=sys.stderr)
        return 2

    shots = args.screenshots or os.path.join(tempfile.gettempdir(), "check-site-screenshots")
    failed = []
    started = time.monotonic()

    def report(r):
        for line in r.details:
            print(f"  {r.name}: {line}")
        if args.verbose or r.name != "a11y":  # moderate/minor axe findings: only with -v
            for line in r.notes:
                print(f"  {r.name}: note: {line}")
        print(f"{r.name}: {r.summary}", flush=True)
        if not r.ok:
            failed.append(r.name)

    for name in run:
        if name == "html":
            report(html.check(site, show_warnings=args.verbose))
        elif name == "links":
            report(links.check(site))
        elif name == "feed":
            report(feeds.check_feed(site))
        elif name == "sitemap":
            report(feeds.check_sitemap(site))
        elif name == "jsonld":
            report(structured.check_jsonld(site))
        elif name == "opengraph":
            report(structured.check_opengraph(site))
        elif name == "a11y" or (name == "browser" and "a11y" not in run):
            # a11y and browser share one browser session; run them together
            do_a11y, do_browser = "a11y" in run, "browser" in run
            try:
                results = browser.check(site, do_a11y, do_browser, shots, args.pages_per_kind)
            except Exception as e:  # noqa: BLE001 - a browser that cannot start fails the checks
                msg = f"not run: the browser failed: {type(e).__name__}: {str(e).strip().splitlines()[0] if str(e).strip() else ''}"
                results = [Result(n, False, msg) for n, on in (("a11y", do_a11y), ("browser", do_browser)) if on]
            for r in results:
                report(r)
        elif name == "overlay":
            report(overlay.check(overlay.find_sitegen(args.sitegen),
                                 overlay.find_site_root(args.site_root, args.public_dir), shots))

    took = time.monotonic() - started
    if failed:
        print(f"check-site: FAILED ({', '.join(failed)}) in {took:.0f}s")
        return 1
    print(f"check-site: all {len(run)} checks passed in {took:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
