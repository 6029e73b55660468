"""What the checks share: the list of files in a built site, page kinds, a
small HTML scanner, and the result type every check returns."""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit


@dataclass
class Result:
    name: str
    ok: bool
    summary: str  # the text after "name: "
    details: list[str] = field(default_factory=list)  # one line per problem
    notes: list[str] = field(default_factory=list)  # printed, but do not fail


class Site:
    """A built site's files, and its pages parsed on demand.

    Parsed pages are kept for the next check, up to `keep_pages` of them (the least recently
    used are dropped and parsed again when asked for). What the link and sitemap checks ask of
    any page, its ids and whether it says noindex, is kept for every page parsed: a few hundred
    bytes each, so memory grows with the number of pages rather than with their text.
    """

    def __init__(self, root: str, base_url: str | None = None, keep_pages: int = 4096):
        self.root = os.path.abspath(root)
        self.html_files: list[str] = []  # paths relative to root, with "/"
        self.other_files: list[str] = []
        for dirpath, dirnames, filenames in os.walk(self.root):
            dirnames.sort()
            for name in sorted(filenames):
                rel = os.path.relpath(os.path.join(dirpath, name), self.root).replace(os.sep, "/")
                if name.endswith((".html", ".htm")):
                    self.html_files.append(rel)
                else:
                    self.other_files.append(rel)
        self._files = set(self.html_files)
        self._files.update(self.other_files)
        self.page = functools.lru_cache(maxsize=max(1, keep_pages))(self._parse)
        self._ids: dict[str, frozenset[str]] = {}
        self._noindex: dict[str, bool] = {}
        self.explicit_base_url = base_url
        self.base_url = normalize_base(base_url) if base_url else self._base_from_canonical()

    def path(self, rel: str) -> str:
        return os.path.join(self.root, rel)

    def exists(self, rel: str) -> bool:
        return rel in self._files or os.path.isfile(self.path(rel))

    def _parse(self, rel: str) -> "PageInfo":
        """The page at `rel`, parsed; `page(rel)` is this, with the last pages kept."""
        with open(self.path(rel), encoding="utf-8", errors="replace") as f:
            text = f.read()
        p = PageScanner()
        p.feed(text)
        p.close()
        info = PageInfo(rel, text, p)
        self._ids[rel] = frozenset(info.ids)
        self._noindex[rel] = info.noindex
        return info

    def ids(self, rel: str) -> frozenset[str]:
        """The id= and name= values of the page at `rel` (what a #fragment can name)."""
        if rel not in self._ids:
            self.page(rel)
        return self._ids[rel]

    def noindex(self, rel: str) -> bool:
        """Whether the page at `rel` asks robots not to index it."""
        if rel not in self._noindex:
            self.page(rel)
        return self._noindex[rel]

    def _base_from_canonical(self) -> str | None:
        """The site's base URL, read from the home page's canonical link."""
        if "index.html" not in self.html_files:
            return None
        canon = self.page("index.html").canonical
        if canon and urlsplit(canon).scheme in ("http", "https"):
            return normalize_base(canon)
        return None

    def has_canonical_links(self) -> bool:
        return any(self.page(f).canonical for f in self.html_files)

    def url_to_file(self, url: str) -> str | None:
        """Map an absolute URL under base_url to a file path relative to root
        (None when the URL is not under base_url)."""
        if not self.base_url or not url.startswith(self.base_url):
            return None
        rest = urlsplit(url[len(self.base_url):]).path
        from urllib.parse import unquote
        rest = unquote(rest)
        if rest == "" or rest.endswith("/"):
            rest += "index.html"
        return rest

    def file_to_url(self, rel: str) -> str:
        assert self.base_url
        if rel == "index.html":
            return self.base_url
        if rel.endswith("/index.html"):
            return self.base_url + rel[: -len("index.html")]
        return self.base_url + rel


def normalize_base(url: str) -> str:
    return url if url.endswith("/") else url + "/"


# Page kinds, from the paths of content-format.md section 10.
_KINDS = [
    (re.compile(r"^index\.html$"), "home"),
    (re.compile(r"^timeline/index\.html$"), "timeline"),
    (re.compile(r"^events/index\.html$"), "events-index"),
    (re.compile(r"^events/[^/]+/index\.html$"), "event"),
    (re.compile(r"^actors/index\.html$"), "actors-index"),
    (re.compile(r"^actors/[^/]+/index\.html$"), "actor"),
    (re.compile(r"^network/index\.html$"), "network"),
    (re.compile(r"^articles/index\.html$"), "articles-index"),
    (re.compile(r"^articles/[^/]+/index\.html$"), "article"),
    (re.compile(r"^notes/index\.html$"), "notes-index"),
    (re.compile(r"^notes/[^/]+/index\.html$"), "note"),
    (re.compile(r"^404\.html$"), "404"),
]


def page_kind(rel: str) -> str:
    for rx, kind in _KINDS:
        if rx.match(rel):
            return kind
    return "other"


def sample_pages(site: Site, per_kind: int = 2) -> list[tuple[str, str]]:
    """A few pages of each kind, for the slow browser checks: (kind, path)."""
    by_kind: dict[str, list[str]] = {}
    for rel in site.html_files:
        by_kind.setdefault(page_kind(rel), []).append(rel)
    out = []
    for kind, files in by_kind.items():
        files = sorted(files)
        if len(files) <= per_kind:
            pick = files
        else:  # first and last, which are usually the most different
            pick = [files[0], files[-1]] if per_kind == 2 else files[:per_kind]
        out.extend((kind, f) for f in pick)
    return out


class PageScanner(HTMLParser):
    """Collects what the link, Open Graph and JSON-LD checks need."""

    LINK_ATTRS = {
        "a": ["href"], "area": ["href"], "link": ["href"], "img": ["src", "srcset"],
        "source": ["src", "srcset"], "script": ["src"], "iframe": ["src"],
        "video": ["src", "poster"], "audio": ["src"], "track": ["src"], "embed": ["src"],
        "object": ["data"], "form": ["action"], "use": ["href", "xlink:href"],
        "image": ["href", "xlink:href"], "input": ["src"],
    }

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[int, str, str, str]] = []  # (line, tag, attr, value)
        self.meta: list[dict[str, str]] = []
        self.link_tags: list[dict[str, str]] = []
        self.jsonld: list[tuple[int, str]] = []
        self.title = None
        self.lang = None
        self._in_title = False
        self._title_parts: list[str] = []
        self._in_jsonld = False
        self._jsonld_line = 0
        self._jsonld_parts: list[str] = []
        self.base_href = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if tag in ("a", "map", "iframe", "img", "form", "object") and "name" in a:
            self.ids.add(a["name"])
        line = self.getpos()[0]
        for attr in self.LINK_ATTRS.get(tag, []):
            if attr in a:
                val = a[attr]
                if attr == "srcset":
                    for part in val.split(","):
                        part = part.strip()
                        if part:
                            self.links.append((line, tag, attr, part.split()[0]))
                else:
                    self.links.append((line, tag, attr, val.strip()))
        if tag == "html" and "lang" in a:
            self.lang = a["lang"]
        elif tag == "meta":
            self.meta.append(a)
        elif tag == "link":
            self.link_tags.append(a)
        elif tag == "base" and "href" in a:
            self.base_href = a["href"]
        elif tag == "title":
            self._in_title = True
        elif tag == "script" and a.get("type", "").strip().lower() == "application/ld+json":
            self._in_jsonld = True
            self._jsonld_line = line
            self._jsonld_parts = []

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "title" and self._in_title:
            self._in_title = False
            self.title = "".join(self._title_parts).strip()
        elif tag == "script" and self._in_jsonld:
            self._in_jsonld = False
            self.jsonld.append((self._jsonld_line, "".join(self._jsonld_parts)))

    def handle_data(self, data):
        if self._in_title:
            self._title_parts.append(data)
        if self._in_jsonld:
            self._jsonld_parts.append(data)


class PageInfo:
    def __init__(self, rel: str, text: str, scan: PageScanner):
        self.rel = rel
        self.text = text
        self.ids = scan.ids
        self.links = scan.links
        self.meta = scan.meta
        self.link_tags = scan.link_tags
        self.jsonld = scan.jsonld
        self.title = scan.title
        self.lang = scan.lang
        self.base_href = scan.base_href
        self.canonical = None
        for lt in scan.link_tags:
            if "canonical" in lt.get("rel", "").lower().split():
                self.canonical = lt.get("href")
        self.noindex = any(
            m.get("name", "").lower() == "robots" and "noindex" in m.get("content", "").lower()
            for m in scan.meta
        )

    def meta_property(self, prop: str) -> list[str]:
        return [m.get("content", "") for m in self.meta
                if m.get("property", "").strip() == prop or m.get("name", "").strip() == prop]
