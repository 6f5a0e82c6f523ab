"""Where each record page ranks in the site's own search when a reader types its subject.

Serves a built site (``site/`` after ``make``) on 127.0.0.1, opens the search page with each
record's title or name as the query in headless Chromium, and prints the rank of the record's
page among the result pages, with the reference pages (schema, problem codes) that rank above it.

    .venv/bin/python bench/search_rank.py [site]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlsplit

import yaml
from playwright.sync_api import Page, sync_playwright
from site_server import chromium, served

ROOT = Path(__file__).parent.parent
COLLECTIONS = ("commitments", "topics", "people", "organizations", "meetings")
KEYWORDS = [
    ("fentanyl", "topics/fentanyl-precursors/"),
    ("liaison", "commitments/security-liaison-officers/"),
    ("work plan", "commitments/shared-work-plan/"),
    ("cyber", "topics/cyber-security/"),
    ("Doval", "people/ajit-doval/"),
    ("Drouin", "people/nathalie-g-drouin/"),
    ("Nijjar", "people/hardeep-singh-nijjar/"),
]
"""Single words a reader might type, and the record page they are after."""
REFERENCE_PAGES = ("schema/", "codes/", "methodology/", "contributing/", "about/")


def subjects(data: Path) -> list[tuple[str, str]]:
    """(query, page path) for every record with a page: its title, else its name."""
    found = []
    for collection in COLLECTIONS:
        for path in sorted((data / collection).glob("*.yaml")):
            record = yaml.safe_load(path.read_text(encoding="utf-8"))
            query = record.get("title") or record.get("name")
            found.append((str(query), f"{collection}/{record['id']}/"))
    return found


def result_pages(page: Page, base: str, query: str) -> list[str]:
    """The pages the search page lists for ``query``, in order (one per page, sections folded)."""
    page.goto(f"{base}search/?q={quote(query)}")
    page.wait_for_selector(".pagefind-ui__message", state="attached")
    page.wait_for_function(
        "/\\d/.test(document.querySelector('.pagefind-ui__message').textContent)"
    )
    page.wait_for_timeout(100)
    hrefs = page.evaluate(
        "Array.from(document.querySelectorAll('.pagefind-ui__result-link'))"
        ".map(a => a.getAttribute('href'))"
    )
    pages = []
    for href in hrefs:
        path = urlsplit(href).path.removeprefix("/")
        if path not in pages:
            pages.append(path)
    return pages


def _bucket(rank: int | None) -> str:
    if rank is None:
        return "not shown"
    return "1" if rank == 1 else "2-3" if rank <= 3 else "4+"


def main(site: Path) -> None:
    ranks: Counter[str] = Counter()
    misses = []
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium())
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for query, target in [*subjects(ROOT / "data"), *KEYWORDS]:
            pages = result_pages(page, base, query)
            rank = pages.index(target) + 1 if target in pages else None
            above = [p for p in pages[: (rank or len(pages)) - 1] if p in REFERENCE_PAGES]
            ranks[_bucket(rank)] += 1
            if rank != 1:
                misses.append(f"  {rank or '-':>3}  {target}  ({query!r}; above: {pages[:3]})")
            if above:
                ranks["reference page above the record"] += 1
        browser.close()
    total = len(subjects(ROOT / "data")) + len(KEYWORDS)
    print(f"search rank of record pages for {total} queries (each title or name, and keywords):")
    for key in ("1", "2-3", "4+", "not shown", "reference page above the record"):
        print(f"  {key:<32} {ranks[key]}")
    if misses:
        print("not first:")
        print("\n".join(misses))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site")
