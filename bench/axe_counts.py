"""axe-core violations on the built site, counted by impact, at phone and desktop widths in the
light and dark palettes: one page of every page family.

    .venv/bin/python bench/axe_counts.py [site]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright
from site_server import chromium, served

ROOT = Path(__file__).parent.parent
PAGES = [
    "",
    "commitments/",
    "commitments/shared-work-plan/",
    "scorecard/",
    "meetings/",
    "meetings/2026-02-07-nsa-dialogue-ottawa/",
    "timeline/",
    "people/",
    "people/ajit-doval/",
    "organizations/",
    "organizations/ministry-of-external-affairs/",
    "topics/",
    "topics/fentanyl-precursors/",
    "sources/",
    "sources/wion-2026-02-08/",
    "changes/",
    "downloads/",
    "schema/",
    "codes/",
    "about/",
    "methodology/",
    "contributing/",
]
IMPACTS = ("critical", "serious", "moderate", "minor")


def main(site: Path) -> None:
    axe = Axe()
    print(f"axe-core on {len(PAGES)} pages; violations (affected elements) by impact")
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium())
        for width in (390, 1280):
            for scheme in ("light", "dark"):
                page = browser.new_page(
                    viewport={"width": width, "height": 800}, color_scheme=scheme
                )
                counts: Counter[str] = Counter()
                rules: Counter[str] = Counter()
                widest = 0
                for path in PAGES:
                    page.goto(base + path)
                    widest = max(widest, page.evaluate("document.documentElement.scrollWidth"))
                    for violation in axe.run(page).response["violations"]:
                        counts[violation["impact"]] += len(violation["nodes"])
                        rules[f"{violation['impact']} {violation['id']}"] += len(violation["nodes"])
                page.close()
                figures = ", ".join(f"{impact} {counts[impact]}" for impact in IMPACTS)
                print(f"  {width:>4} px {scheme:<5}: {figures}; widest page {widest} px")
                for rule, number in sorted(rules.items()):
                    print(f"      {number:>4}  {rule}")
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site")
