"""What a reader downloads to search the site, against the theme's own single index.

Generates a synthetic data folder (``toolkit synth``, 10,000 records unless told), builds the
datasets and both languages' sites (``toolkit build``, which writes the Pagefind index), then
serves the site on 127.0.0.1 and, in headless Chromium, runs one first query per language on
the search page, adding up every byte fetched from the index folder (``pagefind/``): the
interface, the search engine, the language's index and the fragments of the results shown.
For the baseline it builds the English site again from the same generated pages with the
theme's search plugin, whose one index every first query downloads whole.

    .venv/bin/python bench/search_size.py [--records 10000]
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

import yaml
from playwright.sync_api import sync_playwright
from site_server import chromium, served

ROOT = Path(__file__).parent.parent
BIN = Path(sys.executable).parent
QUERIES = {"en": "security", "fr": "sécurité"}
"""A first query per language: a common word, so the results are many."""
KIB = 1024


def folder_bytes(folder: Path, prefix: str = "") -> int:
    """The size of every file under ``folder`` whose name starts with ``prefix``."""
    return sum(p.stat().st_size for p in folder.rglob(f"{prefix}*") if p.is_file())


def compressed(name: str, body: bytes) -> int:
    """The bytes a host that compresses text (as GitHub Pages does) sends for a file: the
    index's own files (``.pagefind``, ``.pf_*``) are compressed already and sent as they are."""
    if name.endswith(".pagefind") or ".pf_" in name:
        return len(body)
    return len(gzip.compress(body, compresslevel=6, mtime=0))


def first_query_bytes(site: Path, language: str, query: str) -> tuple[int, int, int]:
    """(bytes fetched from pagefind/, as sent compressed, results shown) for a first query on a
    fresh page."""
    fetched: dict[str, bytes] = {}
    prefix = "" if language == "en" else f"{language}/"
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium())
        page = browser.new_page()

        def record(response: object) -> None:
            url = getattr(response, "url", "")
            if "/pagefind/" in url:
                fetched[url] = response.body()  # type: ignore[attr-defined]

        page.on("response", record)
        page.goto(f"{base}{prefix}search/?q={quote(query)}")
        page.wait_for_selector(".pagefind-ui__result", timeout=60_000)
        page.wait_for_load_state("networkidle")
        shown = page.locator(".pagefind-ui__result").count()
        browser.close()
    raw = sum(len(body) for body in fetched.values())
    sent = sum(compressed(url, body) for url, body in fetched.items())
    return raw, sent, shown


def theme_index_bytes(work: Path) -> int:
    """The size of the theme's one search index for the same English pages."""
    config = yaml.safe_load((work / "build" / "mkdocs.en.yml").read_text(encoding="utf-8"))
    config["plugins"] = ["search"]
    config["site_dir"] = str(work / "theme-search-site")
    config["strict"] = False
    path = work / "build" / "mkdocs.theme-search.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    subprocess.run(
        [str(BIN / "mkdocs"), "build", "--quiet", "--config-file", str(path)],
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return (work / "theme-search-site" / "search" / "search_index.json").stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    records = parser.parse_args().records
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        toolkit = str(BIN / "toolkit")
        subprocess.run(
            [toolkit, "synth", "--records", str(records), "--out", str(work)],
            check=True,
            capture_output=True,
        )
        shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
        shutil.copytree(ROOT / "docs", work / "docs")
        subprocess.run(
            [toolkit, "build", "--data", "data", "--out", "dist"],
            check=True,
            cwd=work,
            capture_output=True,
        )
        site = work / "site"
        index = site / "pagefind"
        print(f"search at {records:,} synthetic records")
        print(f"  Pagefind, all files (both languages): {folder_bytes(index) / KIB:,.0f} KiB")
        for language, query in QUERIES.items():
            own = folder_bytes(index / "index", language) + folder_bytes(
                index / "fragment", language
            )
            raw, sent, shown = first_query_bytes(site, language, query)
            print(
                f"  Pagefind, {language}: index and fragments {own / KIB:,.0f} KiB; first query "
                f"{query!r}: {raw / KIB:,.0f} KiB fetched, {sent / KIB:,.0f} KiB sent compressed "
                f"({shown} results shown)"
            )
        theme = theme_index_bytes(work)
        index_file = work / "theme-search-site" / "search" / "search_index.json"
        theme_sent = compressed(index_file.name, index_file.read_bytes())
        print(
            f"  theme search (English only): one index per first query, {theme / KIB:,.0f} KiB, "
            f"{theme_sent / KIB:,.0f} KiB sent compressed"
        )


if __name__ == "__main__":
    main()
