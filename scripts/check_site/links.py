"""links: every internal link and #fragment in the site resolves.

Parses every .html file (html.parser), resolves href/src/srcset/... relative
to the file, maps `dir/` to `dir/index.html`, and checks that `#fragment`
names an id= (or a name= on a/map/...) in the target. Also follows url(...)
and @import in .css files. External links (http:, https:, mailto:, tel:, ...)
are not fetched, except that absolute links under the site's base_url are
checked like relative ones. Fails on unresolved sitegen cross-references
(`actor:`, `event:`, `article:`, `note:`) and on root-relative links (`/x`),
which break when the site is served from a subfolder.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urlsplit

from .site import Result, Site

XREF_SCHEMES = ("actor:", "event:", "article:", "note:")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")


def resolve(site: Site, from_rel: str, url: str):
    """-> (kind, target_rel, fragment). kind: 'skip', 'internal', or an error text."""
    url = url.strip()
    low = url.lower()
    if low.startswith(XREF_SCHEMES):
        return ("unresolved cross-reference", None, None)
    m = _SCHEME.match(url)
    if m or url.startswith("//"):
        if site.base_url and (url.startswith(site.base_url) or url + "/" == site.base_url):
            target = site.url_to_file(url if url.startswith(site.base_url) else site.base_url)
            frag = urlsplit(url).fragment
            return ("internal", target, unquote(frag) if frag else None)
        return ("skip", None, None)
    parts = urlsplit(url)
    frag = unquote(parts.fragment) if parts.fragment else None
    path = unquote(parts.path)
    if path.startswith("/"):
        return ("root-relative link (the site must work from any folder)", None, None)
    if path == "":
        return ("internal", from_rel, frag)
    base_dir = posixpath.dirname(from_rel)
    joined = posixpath.normpath(posixpath.join(base_dir, path))
    if joined == ".." or joined.startswith("../"):
        return ("points outside the site root", None, None)
    if joined == ".":
        joined = ""
    if path.endswith("/") or joined == "":
        target = (joined + "/" if joined else "") + "index.html"
    else:
        target = joined
    return ("internal", target, frag)


def check(site: Site) -> Result:
    details: list[str] = []
    nlinks = 0
    files = 0
    for rel in site.html_files:
        files += 1
        page = site.page(rel)
        if page.base_href is not None:
            details.append(f"{rel}: <base href=\"{page.base_href}\"> changes how relative links resolve")
        for line, tag, attr, value in page.links:
            nlinks += 1
            problem = _check_one(site, rel, value, tag)
            if problem:
                details.append(f"{rel}:{line}: <{tag} {attr}=\"{value}\">: {problem}")
    for rel in site.other_files:
        if not rel.endswith(".css"):
            continue
        files += 1
        with open(site.path(rel), encoding="utf-8", errors="replace") as f:
            css = f.read()
        for m in _CSS_URL.finditer(css):
            value = m.group(2) or m.group(4)
            if value.startswith("data:") or value.startswith("#"):
                continue
            nlinks += 1
            line = css.count("\n", 0, m.start()) + 1
            problem = _check_one(site, rel, value, "css", fragments=False)
            if problem:
                details.append(f"{rel}:{line}: url({value}): {problem}")
    summary = f"{len(details)} broken in {files} files ({nlinks} links)"
    return Result("links", not details, summary, details)


def _check_one(site: Site, rel: str, value: str, tag: str, fragments: bool = True) -> str | None:
    if value == "":
        return "empty URL" if tag in ("img", "script", "link", "source", "css") else None
    kind, target, frag = resolve(site, rel, value)
    if kind == "skip":
        return None
    if kind != "internal":
        return kind
    if not site.exists(target):
        if site.exists(target + "/index.html") or posixpath.isdir(site.path(target)):
            return f"{target} is a folder: link to {value}/ (with the slash)"
        return f"target {target} does not exist"
    if frag and fragments and target.endswith((".html", ".htm")):
        ids = site.ids(target)
        if frag not in ids and frag != "top":
            return f"no id=\"{frag}\" in {target}"
    return None
