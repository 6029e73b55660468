"""jsonld: every page's JSON-LD parses (strict JSON, and through extruct) and
carries the expected schema.org @type for its page kind:
  article pages  NewsArticle with headline, datePublished, publisher
  event pages    Event with name and startDate
  actor pages    Person or Organization with name
opengraph: every page has og:title and og:description (plus a <title> and a
meta description); og:url and og:image, where present, are absolute URLs; with
a base_url, every page but 404.html has a canonical link to its own URL, and
og:url equals it."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

from .site import Result, Site, page_kind

EXPECTED = {
    "article": ({"NewsArticle"}, ["headline", "datePublished", "publisher"]),
    "event": ({"Event"}, ["name", "startDate"]),
    "actor": ({"Person", "Organization"}, ["name"]),
}
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$")


def _nodes(obj):
    """Top-level JSON-LD nodes, looking into lists and @graph."""
    if isinstance(obj, list):
        for o in obj:
            yield from _nodes(o)
    elif isinstance(obj, dict):
        if "@graph" in obj:
            yield from _nodes(obj["@graph"])
        if "@type" in obj:
            yield obj


def _types(node) -> set[str]:
    t = node.get("@type")
    ts = t if isinstance(t, list) else [t]
    return {str(x).rsplit("/", 1)[-1] for x in ts if x}


def check_jsonld(site: Site) -> Result:
    try:
        import extruct
    except ImportError:
        extruct = None
    details: list[str] = []
    counts: dict[str, int] = {}
    blocks = 0
    for rel in site.html_files:
        page = site.page(rel)
        kind = page_kind(rel)
        nodes = []
        for line, text in page.jsonld:
            blocks += 1
            try:
                data = json.loads(text)
            except json.JSONDecodeError as e:
                details.append(f"{rel}:{line + e.lineno - 1}: JSON-LD does not parse: {e.msg}")
                continue
            for obj in (data if isinstance(data, list) else [data]):
                ctx = obj.get("@context") if isinstance(obj, dict) else None
                if isinstance(obj, dict) and not (isinstance(ctx, str) and "schema.org" in ctx) \
                        and not (isinstance(ctx, (dict, list)) and "schema.org" in json.dumps(ctx)):
                    details.append(f"{rel}:{line}: JSON-LD @context is {ctx!r}, expected https://schema.org")
            nodes.extend(_nodes(data))
        if extruct is not None and page.jsonld:
            try:
                extracted = extruct.extract(page.text, syntaxes=["json-ld"], uniform=False, errors="strict")
                if len(extracted.get("json-ld", [])) < len(page.jsonld):
                    details.append(f"{rel}: extruct read {len(extracted.get('json-ld', []))} of "
                                   f"{len(page.jsonld)} JSON-LD blocks")
            except Exception as e:  # noqa: BLE001 - any failure is a finding
                details.append(f"{rel}: extruct cannot read the JSON-LD: {e}")
        for n in nodes:
            for t in _types(n):
                counts[t] = counts.get(t, 0) + 1
        if kind in EXPECTED:
            want, props = EXPECTED[kind]
            match = [n for n in nodes if _types(n) & want]
            if not match:
                found = sorted({t for n in nodes for t in _types(n)}) or "no JSON-LD"
                details.append(f"{rel}: {kind} page has no {' or '.join(sorted(want))} JSON-LD (found {found})")
                continue
            for n in match:
                for p in props:
                    v = n.get(p)
                    if v in (None, "", [], {}):
                        details.append(f"{rel}: {'/'.join(sorted(_types(n)))} has no {p}")
                    elif p in ("datePublished", "startDate") and not (isinstance(v, str) and _ISO_DATE.match(v)):
                        details.append(f"{rel}: {p} {v!r} is not an ISO 8601 date")
                if "publisher" in props and isinstance(n.get("publisher"), dict) \
                        and not n["publisher"].get("name"):
                    details.append(f"{rel}: NewsArticle publisher has no name")
                if n.get("url") and site.base_url and urlsplit(str(n["url"])).scheme not in ("http", "https"):
                    details.append(f"{rel}: JSON-LD url {n['url']!r} is not absolute")
    typed = ", ".join(f"{n} {t}" for t, n in sorted(counts.items()))
    summary = f"{len(details)} errors in {len(site.html_files)} files ({blocks} blocks: {typed or 'none'})"
    if extruct is None:
        details.append("extruct missing (run scripts/install-check-deps)")
        summary = f"{len(details)} errors in {len(site.html_files)} files (extruct missing)"
    return Result("jsonld", not details, summary, details)


def check_opengraph(site: Site) -> Result:
    details: list[str] = []
    for rel in site.html_files:
        page = site.page(rel)
        for prop in ("og:title", "og:description"):
            vals = [v for v in page.meta_property(prop) if v.strip()]
            if not vals:
                details.append(f"{rel}: no {prop}")
            elif len(vals) > 1:
                details.append(f"{rel}: {prop} given {len(vals)} times")
        for prop in ("og:url", "og:image"):
            for v in page.meta_property(prop):
                if urlsplit(v).scheme not in ("http", "https"):
                    details.append(f"{rel}: {prop} {v!r} is not an absolute URL")
        if site.base_url and rel != "404.html":
            want = site.file_to_url(rel)
            if not page.canonical:
                details.append(f"{rel}: no <link rel=\"canonical\"> (the site has base_url {site.base_url})")
            elif page.canonical != want:
                details.append(f"{rel}: canonical {page.canonical} should be {want}")
            for v in page.meta_property("og:url"):
                if page.canonical and v != page.canonical:
                    details.append(f"{rel}: og:url {v} differs from canonical {page.canonical}")
        if not page.title:
            details.append(f"{rel}: no <title>")
        if not [v for v in page.meta_property("description") if v.strip()]:
            details.append(f"{rel}: no <meta name=\"description\">")
    summary = f"{len(details)} errors in {len(site.html_files)} files"
    return Result("opengraph", not details, summary, details)
