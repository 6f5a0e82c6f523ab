"""axe-core violations on the built site, counted by impact, at phone and desktop widths in the
light and dark palettes: one page of every page family.

    .venv/bin/python bench/axe_counts.py [site]
"""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import threading
from collections import Counter
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

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


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return None


def main(site: Path) -> None:
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    axe = Axe()
    print(f"axe-core on {len(PAGES)} pages; violations (affected elements) by impact")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"))
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
    server.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site")
