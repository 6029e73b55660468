"""feed: feed.xml parses as Atom with feedparser (no bozo); every entry has id,
title, updated and link. sitemap: sitemap.xml is well formed, lists every HTML
page (but 404.html and noindex pages) exactly once, by absolute URL under
base_url, and every URL maps to an existing file.

Both are written only when the site sets base_url. They are required when
--base-url is given or the pages carry canonical links; otherwise a missing
file is reported as skipped."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from .site import Result, Site

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _required(site: Site) -> str | None:
    if site.explicit_base_url:
        return "--base-url was given"
    if site.has_canonical_links():
        return "the pages carry canonical links"
    return None


def check_feed(site: Site) -> Result:
    why = _required(site)
    if not site.exists("feed.xml"):
        if why:
            return Result("feed", False, f"FAILED, no feed.xml ({why})")
        return Result("feed", True, "skipped (no base_url, no feed.xml)")
    try:
        import feedparser
    except ImportError:
        return Result("feed", False, "not run: feedparser missing (run scripts/install-check-deps)")
    details: list[str] = []
    notes: list[str] = []
    with open(site.path("feed.xml"), "rb") as f:
        data = f.read()
    d = feedparser.parse(data)
    if d.bozo:
        details.append(f"feed.xml: not well formed: {d.bozo_exception}")
    if d.version != "atom10":
        details.append(f"feed.xml: parsed as {d.version or 'unknown format'!r}, expected Atom 1.0")
    feed = d.feed
    for key in ("id", "title", "updated"):
        if not feed.get(key):
            details.append(f"feed.xml: feed has no <{key}>")
    if not any(l.get("rel") == "self" for l in feed.get("links", [])):
        notes.append("feed.xml: no <link rel=\"self\"> (recommended by RFC 4287)")
    if not feed.get("author") and any(not e.get("author") for e in d.entries):
        details.append("feed.xml: no <author> on the feed nor on every entry (RFC 4287 requires one)")
    ids = set()
    dates = []
    published = []
    for n, e in enumerate(d.entries, 1):
        label = f"feed.xml: entry {n} ({e.get('title', '?')!r})"
        for key in ("id", "title", "updated", "link"):
            if not e.get(key):
                details.append(f"{label}: no {key}")
        if e.get("id"):
            if e.id in ids:
                details.append(f"{label}: duplicate id {e.id}")
            ids.add(e.id)
        link = e.get("link")
        if link:
            if urlsplit(link).scheme not in ("http", "https"):
                details.append(f"{label}: link {link} is not absolute")
            elif site.base_url:
                target = site.url_to_file(link)
                if target is None:
                    details.append(f"{label}: link {link} is not under base_url {site.base_url}")
                elif not site.exists(target):
                    details.append(f"{label}: link {link} -> {target} does not exist")
        if e.get("updated_parsed"):
            dates.append(tuple(e.updated_parsed))
        # Newest first by publication date (an entry's <updated> may be later), as Hugo and Zola order feeds.
        stamp = e.get("published_parsed") or e.get("updated_parsed")
        if stamp:
            published.append(tuple(stamp))
    if published and published != sorted(published, reverse=True):
        details.append("feed.xml: entries are not newest first (by <published>, else <updated>)")
    if dates and feed.get("updated_parsed") and tuple(feed.updated_parsed) != max(dates):
        details.append(f"feed.xml: feed <updated> {feed.get('updated')} is not the newest entry's date")
    articles = [f for f in site.html_files if f.startswith("articles/") and f.count("/") == 2]
    if articles and len(d.entries) != len(articles):
        notes.append(f"feed.xml: {len(d.entries)} entries, but the site has {len(articles)} article pages")
    if not d.entries:
        details.append("feed.xml: no entries")
    if details:
        return Result("feed", False, f"FAILED, {len(details)} problems, {len(d.entries)} entries", details, notes)
    return Result("feed", True, f"ok, {len(d.entries)} entries", details, notes)


def check_sitemap(site: Site) -> Result:
    why = _required(site)
    if not site.exists("sitemap.xml"):
        if why:
            return Result("sitemap", False, f"FAILED, no sitemap.xml ({why})")
        return Result("sitemap", True, "skipped (no base_url, no sitemap.xml)")
    details: list[str] = []
    notes: list[str] = []
    try:
        tree = ET.parse(site.path("sitemap.xml"))
    except ET.ParseError as e:
        return Result("sitemap", False, f"FAILED, not well formed: {e}")
    root = tree.getroot()
    # A sitemap index (past 50,000 URLs, as the protocol requires) names sitemap files of the
    # site, each a <urlset> of at most 50,000 URLs.
    urlsets: list[tuple[str, ET.Element]] = []
    if root.tag == f"{{{SITEMAP_NS}}}sitemapindex":
        for entry in root.iter(f"{{{SITEMAP_NS}}}sitemap"):
            loc = entry.find(f"{{{SITEMAP_NS}}}loc")
            if loc is None or not (loc.text or "").strip():
                details.append("sitemap.xml: <sitemap> without <loc>")
                continue
            target = site.url_to_file(loc.text.strip()) if site.base_url else None
            if target is None or not site.exists(target):
                details.append(f"sitemap.xml: sitemap {loc.text.strip()} is not a file of the site")
                continue
            try:
                part = ET.parse(site.path(target)).getroot()
            except ET.ParseError as e:
                details.append(f"{target}: not well formed: {e}")
                continue
            if part.tag != f"{{{SITEMAP_NS}}}urlset":
                details.append(f"{target}: root element is {part.tag}, expected <urlset xmlns=\"{SITEMAP_NS}\">")
            urlsets.append((target, part))
        if not urlsets:
            details.append("sitemap.xml: a sitemap index that names no sitemap")
    else:
        if root.tag != f"{{{SITEMAP_NS}}}urlset":
            details.append(f"sitemap.xml: root element is {root.tag}, expected <urlset xmlns=\"{SITEMAP_NS}\">")
        urlsets.append(("sitemap.xml", root))
    locs = []
    for name, urlset in urlsets:
        count = 0
        for url in urlset.iter(f"{{{SITEMAP_NS}}}url"):
            loc = url.find(f"{{{SITEMAP_NS}}}loc")
            if loc is None or not (loc.text or "").strip():
                details.append(f"{name}: <url> without <loc>")
                continue
            count += 1
            locs.append(loc.text.strip())
            lastmod = url.find(f"{{{SITEMAP_NS}}}lastmod")
            if lastmod is not None and not _w3c_date(lastmod.text or ""):
                details.append(f"{name}: {loc.text.strip()}: lastmod {lastmod.text!r} is not a W3C date")
        if count > 50000:
            details.append(f"{name}: {count} URLs, more than the 50,000 the sitemaps protocol allows in one file")
    if not site.base_url:
        details.append("sitemap.xml exists but the base URL is unknown: pass --base-url")
    seen: dict[str, int] = {}
    listed_files: dict[str, str] = {}
    for loc in locs:
        seen[loc] = seen.get(loc, 0) + 1
        if urlsplit(loc).scheme not in ("http", "https"):
            details.append(f"sitemap.xml: {loc} is not an absolute URL")
            continue
        if not site.base_url:
            continue
        target = site.url_to_file(loc)
        if target is None:
            details.append(f"sitemap.xml: {loc} is not under base_url {site.base_url}")
        elif not site.exists(target):
            details.append(f"sitemap.xml: {loc} -> {target} does not exist")
        else:
            if target in listed_files and listed_files[target] != loc:
                details.append(f"sitemap.xml: {target} listed twice, as {listed_files[target]} and {loc}")
            listed_files[target] = loc
            if target == "404.html":
                details.append(f"sitemap.xml: lists the not-found page {loc}")
    for loc, n in seen.items():
        if n > 1:
            details.append(f"sitemap.xml: {loc} listed {n} times")
    if site.base_url:
        for rel in site.html_files:
            if rel == "404.html" or rel in listed_files:
                continue
            if site.noindex(rel):
                continue
            details.append(f"sitemap.xml: page {rel} ({site.file_to_url(rel)}) is not listed")
    if site.exists("robots.txt") and site.base_url:
        with open(site.path("robots.txt"), encoding="utf-8", errors="replace") as f:
            robots = f.read()
        if "sitemap:" not in robots.lower():
            notes.append("robots.txt: no Sitemap: line")
    if details:
        return Result("sitemap", False, f"FAILED, {len(details)} problems, {len(locs)} urls", details, notes)
    return Result("sitemap", True, f"ok, {len(locs)} urls", details, notes)


def _w3c_date(s: str) -> bool:
    import re
    return bool(re.fullmatch(
        r"\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?", s.strip()))
