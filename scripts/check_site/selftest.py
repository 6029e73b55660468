"""Self-test of check-site: builds tiny hand-made sites in a temporary folder
(one valid, one with a fault for every check, one without base_url) and proves
each check passes on the good one and fails, with the expected message, on the
bad one.

    scripts/check-site --selftest            # all checks (needs the browser)
    scripts/check-site --selftest --skip a11y,browser
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile

from . import browser, feeds, html, links, overlay, structured
from .site import Site


def make_sample(out, bad=False):
    """Write a tiny hand-made site: valid, or with one fault for each check."""
    BASE = "https://example.org/news/"
    CSS = """:root{color-scheme:light dark;--bg:#fff;--fg:#1a1a1a;--link:#0645ad}
    @media (prefers-color-scheme: dark){:root{--bg:#121212;--fg:#eee;--link:#8ab4f8}}
    body{background:var(--bg);color:var(--fg);font-family:sans-serif;margin:0 auto;max-width:40rem;padding:1rem}
    a{color:var(--link)} img{max-width:100%}
    """
    if bad:
        CSS += "\n.wide{width:900px;background:#eee}\n@media (prefers-color-scheme: dark){a{color:#222}}\n.logo{background:url(missing.png)}\n"
    def w(rel, text):
        p = os.path.join(out, rel); os.makedirs(os.path.dirname(p), exist_ok=True)
        open(p, "w").write(text)
    w("assets/style.3f2a9c1b.css", CSS)
    def page(rel, title, body, jsonld=None, og=True):
        depth = rel.count("/")
        up = "../" * depth
        url = BASE + (rel[:-10] if rel.endswith("index.html") else rel)
        ld = f'<script type="application/ld+json">{json.dumps(jsonld)}</script>' if jsonld else ""
        ogt = f'<meta property="og:title" content="{title}">\n<meta property="og:description" content="About {title}.">\n<meta property="og:url" content="{url}">' if og else ""
        nav = f'<nav aria-label="Site"><a href="{up or "./"}">Home</a> <a href="{up}timeline/">Timeline</a> <a href="{up}actors/">Actors</a> <a href="{up}articles/">Articles</a></nav>'
        w(rel, f"""<!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{title} - Sample</title>
    <meta name="description" content="About {title}.">
    <link rel="canonical" href="{url}">
    {ogt}
    <link rel="stylesheet" href="{up}assets/style.3f2a9c1b.css">
    <link rel="alternate" type="application/atom+xml" href="{up}feed.xml" title="Feed">
    {ld}
    </head>
    <body>
    <header>{nav}</header>
    <main id="main">
    <h1>{title}</h1>
    {body}
    </main>
    <footer><p>Sample footer</p></footer>
    </body>
    </html>
    """)
    page("index.html", "Home", '<p>Welcome. See <a href="timeline/#e1">the first event</a> and <a href="articles/a1/">an article</a>.</p>')
    page("timeline/index.html", "Timeline", '<ol><li id="e1"><a href="../events/e1/">Event one</a></li><li id="e2"><a href="../events/e2/">Event two</a></li></ol>')
    for e in ("e1", "e2"):
        body = f'<p>Event {e} involved <a href="../../actors/a1/">Actor one</a>. <a href="../../timeline/#{e}">On the timeline</a>.</p>'
        ld = {"@context": "https://schema.org", "@type": "Event", "name": f"Event {e}", "startDate": "2024-03-01"}
        if bad and e == "e2":
            body = '<p>Broken: <a href="../../actors/zz/">nobody</a>, <a href="actor:a1">xref</a>, <a href="../../timeline/#nope">frag</a>, <a href="/actors/">root</a>.</p><div class="wide">wide box</div><img src="../../img/nothing.png"><p><a href="#"></a></p>'
            ld = {"@context": "https://schema.org", "@type": "Thing", "name": "x"}
        page(f"events/{e}/index.html", f"Event {e}", body, ld)
    page("actors/index.html", "Actors", '<h2>People</h2><ul><li><a href="a1/">Actor one</a></li></ul>')
    page("actors/a1/index.html", "Actor one", '<p>A person.</p>', {"@context": "https://schema.org", "@type": "Person", "name": "Actor one"})
    page("articles/index.html", "Articles", '<ul><li><a href="a1/">Article one</a></li></ul>')
    art_ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Article one", "datePublished": "2024-03-02", "publisher": {"@type": "Organization", "name": "Sample"}}
    if bad:
        art_ld.pop("datePublished")
    page("articles/a1/index.html", "Article one", '<p>Text. Note <a href="../../notes/n1/">one</a>.</p>' + ('<p><b><p>unclosed</b>' if bad else ''), art_ld)
    page("notes/n1/index.html", "Note one", '<p>A note.</p>' + ("<script>undefinedFunction();</script>" if bad else ""), og=not bad)
    page("404.html", "Not found", '<p>Nothing here. <a href="./">Home</a></p>')
    entries = "" if False else f"""<entry><id>{BASE}articles/a1/</id><title>Article one</title><updated>2024-03-02T00:00:00Z</updated><link href="{BASE}articles/a1/"/><summary>Text</summary></entry>"""
    if bad:
        entries += "<entry><title>No id</title><updated>2024-03-01T00:00:00Z</updated><link href='http://example.org/news/articles/zz/'/></entry>"
    w("feed.xml", f"""<?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom"><id>{BASE}</id><title>Sample</title><updated>2024-03-02T00:00:00Z</updated>
    <author><name>Sample</name></author><link rel="self" href="{BASE}feed.xml"/><link href="{BASE}"/>
    {entries}
    </feed>""" + ("<junk" if bad else ""))
    pages = ["", "timeline/", "events/e1/", "events/e2/", "actors/", "actors/a1/", "articles/", "articles/a1/", "notes/n1/"]
    if bad:
        pages = pages[:-1] + ["articles/", "events/zz/"]
    w("sitemap.xml", '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + "".join(f"<url><loc>{BASE}{p}</loc></url>\n" for p in pages) + "</urlset>\n")
    w("robots.txt", f"User-agent: *\nAllow: /\nSitemap: {BASE}sitemap.xml\n")


def _split_sitemap(src, out, missing=False):
    """A copy of `src` whose sitemap.xml is a sitemap index of two sitemap files (one page left out when `missing`)."""
    import re
    base = "https://example.org/news/"
    shutil.copytree(src, out)
    with open(os.path.join(out, "sitemap.xml")) as f:
        urls = re.findall(r"<url>.*?</url>", f.read())
    if missing:
        urls = urls[:-1]
    half = len(urls) // 2
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    for n, part in ((1, urls[:half]), (2, urls[half:])):
        with open(os.path.join(out, f"sitemap-{n}.xml"), "w") as f:
            f.write(head + '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + "\n".join(part) + "\n</urlset>\n")
    with open(os.path.join(out, "sitemap.xml"), "w") as f:
        f.write(head + '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                + "".join(f"<sitemap><loc>{base}sitemap-{n}.xml</loc></sitemap>\n" for n in (1, 2)) + "</sitemapindex>\n")


def _nobase(src, out):
    import re
    shutil.copytree(src, out)
    os.remove(os.path.join(out, "feed.xml"))
    os.remove(os.path.join(out, "sitemap.xml"))
    for dirpath, _, names in os.walk(out):
        for n in names:
            if n.endswith(".html"):
                p = os.path.join(dirpath, n)
                t = open(p).read()
                t = re.sub(r'<link rel="(canonical|alternate)"[^>]*>\n|<meta property="og:url"[^>]*>\n', "", t)
                open(p, "w").write(t)


# A theme doing its worst to an overlay: white text on the light-grey `pre` (the bug the
# overlay once had), everything hidden, tiny, or recoloured, with `!important`.
HOSTILE_CSS = """:root{color-scheme:light}
body{background:#fff;color:#1a1a1a;font-family:serif}
pre{background:#f3f4f6!important;color:#fff!important;font-size:6px!important}
*{color:#f4f4f5!important;background-color:transparent}
div,ol,li,p,h1,b{display:none!important;color:#fff!important}
sitegen-errors,#sitegen-errors{display:none!important;opacity:0!important}
sitegen-errors::before{content:"covered";position:fixed;inset:0;background:#fff}
"""

# The overlay as `sitegen serve` wrote it before it had its own styles: its `pre` took the
# theme's light-grey background under near-white text (issue 11, point 5).
OLD_OVERLAY_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Home - Sample</title>
<style>:root{--soft:#f3f4f6} body{background:#fff;color:#1a1a1a} pre{background:var(--soft);padding:1rem}
@media (prefers-color-scheme: dark){:root{--soft:#1f2937} body{background:#111;color:#eee}}</style></head>
<body><main><h1>Home</h1><p>Text.</p></main>
<div id="sitegen-errors" role="alertdialog" aria-modal="true" aria-labelledby="sitegen-errors-title" style="position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2rem;box-sizing:border-box;background:rgba(24,24,27,.97);color:#f4f4f5;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left">
<h1 id="sitegen-errors-title" style="margin:0 0 .5rem;font:bold 1.25rem/1.3 system-ui,sans-serif;color:#ff8a80">The site did not build: 1 error</h1>
<p style="margin:0 0 1.5rem;font:1rem/1.4 system-ui,sans-serif">Fix the file and save it: this page reloads by itself. The rest of the site shows the last good build.</p>
<ol style="margin:0;padding-left:1.5rem">
<li style="margin:0 0 1.25em"><pre style="margin:0;white-space:pre-wrap;font:inherit"><b style="color:#ff8a80">content/notes/overlay-check-broken-note.md:5:1: error:</b> unknown actor `no-such-actor-for-the-overlay-check`
A &lt;b&gt;tag&lt;/b&gt; beside [a link to nobody](actor:no-such-actor-for-the-overlay-check), to show an error.
                   ^</pre></li>
</ol>
</div>
</body></html>
"""


def _overlay_selftest(tmp, sitegen, expect):
    """The overlay check on the real `sitegen serve` with a hostile theme (must pass), and on
    the old overlay (must fail on contrast in light mode)."""
    good = os.path.join(tmp, "overlay-site")
    os.makedirs(os.path.join(good, "content"))
    os.makedirs(os.path.join(good, "templates", "assets"))
    with open(os.path.join(good, "content", "site.yaml"), "w") as f:
        f.write("title: Overlay selftest\ndescription: A site whose theme fights the error overlay\n")
    with open(os.path.join(good, "templates", "assets", "style.css"), "w") as f:
        f.write(HOSTILE_CSS)
    binary = overlay.find_sitegen(sitegen)
    if not binary:
        expect("sitegen+hostile-theme", overlay.Result("overlay", False, "no sitegen binary: build it or pass --sitegen"), True)
    else:
        expect("sitegen+hostile-theme", overlay.check(binary, good, os.path.join(tmp, "shots")), True,
               "0 problems of the error overlay on 2 pages")
    old = os.path.join(tmp, "old-overlay")
    os.makedirs(old)
    with open(os.path.join(old, "index.html"), "w") as f:
        f.write(OLD_OVERLAY_PAGE)
    axe_path, _ = browser.axe_script()
    with browser.LocalServer(old) as server:
        drv = browser._driver()
        try:
            details, failures = overlay.overlay_findings(drv, server.url("index.html"), open(axe_path).read(), "/", None)
        finally:
            drv.quit()
    expect("old-overlay", overlay.Result("overlay", failures == 0, f"{failures} problems", details), False,
           "/ (light): [serious] color-contrast")


def run(skip=(), sitegen=None) -> int:
    tmp = tempfile.mkdtemp(prefix="check-site-selftest-")
    passed = failed = 0

    def expect(label, result, ok, *needles):
        nonlocal passed, failed
        text = "\n".join(result.details + [result.summary])
        missing = [n for n in needles if n not in text]
        if result.ok == ok and not missing:
            passed += 1
            print(f"ok   {label}: {result.name}: {result.summary}")
        else:
            failed += 1
            print(f"FAIL {label}: {result.name}: expected {'pass' if ok else 'failure'}"
                  + (f" mentioning {missing}" if missing else "") + f"; got:\n{text}")

    try:
        good, bad, nobase = (os.path.join(tmp, n) for n in ("good", "bad", "nobase"))
        make_sample(good)
        make_sample(bad, bad=True)
        _nobase(good, nobase)
        g, b, n = Site(good), Site(bad), Site(nobase)
        if "html" not in skip:
            expect("good", html.check(g), True)
            expect("bad", html.check(b), False, "Unclosed element", "alt")
        if "links" not in skip:
            expect("good", links.check(g), True)
            expect("bad", links.check(b), False, "actors/zz/index.html does not exist",
                   "unresolved cross-reference", 'no id="nope"', "root-relative", "img/nothing.png",
                   "assets/missing.png")
            expect("nobase", links.check(n), True)
            # one page kept parsed: every #fragment is still checked against its target's ids
            expect("good, one page kept", links.check(Site(good, keep_pages=1)), True)
            expect("bad, one page kept", links.check(Site(bad, keep_pages=1)), False, 'no id="nope"')
        if "feed" not in skip:
            expect("good", feeds.check_feed(g), True, "ok, 1 entries")
            expect("bad", feeds.check_feed(b), False, "not well formed", "no id")
            expect("nobase", feeds.check_feed(n), True, "skipped")
            expect("nobase+base-url", feeds.check_feed(Site(nobase, "https://example.org/news/")), False, "no feed.xml")
        if "sitemap" not in skip:
            expect("good", feeds.check_sitemap(g), True, "ok, 9 urls")
            expect("bad", feeds.check_sitemap(b), False, "events/zz/index.html does not exist",
                   "listed 2 times", "notes/n1/index.html")
            expect("nobase", feeds.check_sitemap(n), True, "skipped")
            expect("bad, one page kept", feeds.check_sitemap(Site(bad, keep_pages=1)), False, "notes/n1/index.html")
            split, split_missing = (os.path.join(tmp, n) for n in ("split", "split-missing"))
            _split_sitemap(good, split)
            _split_sitemap(good, split_missing, missing=True)
            expect("sitemap index", feeds.check_sitemap(Site(split)), True, "ok, 9 urls")
            expect("sitemap index, a page left out", feeds.check_sitemap(Site(split_missing)), False, "is not listed")
        if "jsonld" not in skip:
            expect("good", structured.check_jsonld(g), True, "1 NewsArticle")
            expect("bad", structured.check_jsonld(b), False, "no datePublished", "no Event JSON-LD")
        if "opengraph" not in skip:
            expect("good", structured.check_opengraph(g), True)
            expect("bad", structured.check_opengraph(b), False, "notes/n1/index.html: no og:title")
            expect("good+other-base-url", structured.check_opengraph(Site(good, "https://example.com/")), False,
                   "should be https://example.com/")
        do_a11y, do_browser = "a11y" not in skip, "browser" not in skip
        if do_a11y or do_browser:
            shots = os.path.join(tmp, "shots")
            rg = {r.name: r for r in browser.check(g, do_a11y, do_browser, shots)}
            rb = {r.name: r for r in browser.check(b, do_a11y, do_browser, shots)}
            if do_a11y:
                expect("good", rg["a11y"], True)
                expect("bad", rb["a11y"], False, "(dark): [serious] color-contrast", "image-alt", "link-name")
            if do_browser:
                expect("good", rg["browser"], True, "0 pages scroll")
                expect("bad", rb["browser"], False, "undefinedFunction", "scrolls horizontally at 390px")
        if "overlay" not in skip:
            _overlay_selftest(tmp, sitegen, expect)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1
