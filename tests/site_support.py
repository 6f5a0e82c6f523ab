"""The hostile variant of the base dataset that the site tests build, and a local server."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from pathlib import Path

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=document.body.setAttribute('data-pwned','1')>"
"""Unquoted, so no words in double quotes reach the quote rule."""
HOSTILE = {
    "meetings/2026-02-07-dialogue.yaml": [
        ("title: Security dialogue, Ottawa", f"title: {json.dumps(SCRIPT)}"),
        (
            "  - text: The ministry said the advisers met.",
            "  - text: " + json.dumps(IMAGE + " [x](javascript:alert(1))"),
        ),
        ("role: National Security Adviser", f"role: {json.dumps(SCRIPT)}"),
        (  # a second delegation, with no account of its own
            "participants:\n",
            "participants:\n  - person: asha-rao\n    role: Observer\n    delegation: CA\n",
        ),
        (
            "quotes:\n",
            "accounts:\n  - government: IN\n    speaker: example-ministry\n"
            "    date: 2026-02-07\n    statements:\n"
            f"      - text: {json.dumps('The ministry said: ' + IMAGE)}\n"
            "        sources: [ministry-readout-2026-02-07]\nquotes:\n",
        ),
        (
            "note: The report gives Saturday; the readout gives 7 February.",
            f"note: {json.dumps(IMAGE)}",
        ),
    ],
    "commitments/liaison-officers.yaml": [
        (
            "  - text: The ministry said each side would establish liaison officers.",
            "  - text: The ministry said the officers would share information on fentanyl.",
        ),
        (
            "text: each country would establish liaison officers",
            "text: " + json.dumps(SCRIPT + " ]]> */"),
        ),
        ("summary: The spokesperson said there was no timeline.", f"summary: {json.dumps(IMAGE)}"),
        ("  full: Officers appointed and posted by the party.", f"  full: {json.dumps(SCRIPT)}"),
        (  # silence after the waiting period, and a step: every kind of score on the pages
            "\nsources: [ministry-readout-2026-02-07, daily-news-2026-02-08]",
            "\n  - date: 2026-09-10\n    status: announced\n    summary: Nothing on Canada.\n"
            "    scores:\n      - party: IN\n        score: partial\n        basis: evidence\n"
            "        note: Named.\n        sources: [daily-news-2026-02-08]\n"
            "      - party: CA\n        score: none\n        basis: no-report\n"
            "        note: Silence through August.\n"
            f"        searched: {json.dumps(IMAGE)}\n        searched_through: 2026-08-31\n"
            "    sources: [daily-news-2026-02-08]"
            "\nsources: [ministry-readout-2026-02-07, daily-news-2026-02-08]",
        ),
    ],
    "people/asha-rao.yaml": [("name: Asha Raoo", f"name: {json.dumps(SCRIPT)}")],
    "events/2026-02-08-statement.yaml": [
        ("title: The ministry issues its statement", f"title: {json.dumps(SCRIPT)}"),
        (
            "  - text: The ministry issued a statement on the meeting.",
            f"  - text: {json.dumps(IMAGE)}",
        ),
    ],
    "sources/daily-news-2026-02-08.yaml": [
        ("publisher: Daily News", f"publisher: {json.dumps(SCRIPT)}"),
        (  # the passage holds the commitment's hostile quote, so the quote rule lets it through
            "The ministry said that each country would establish liaison officers. The report",
            SCRIPT + " ]]> */ The report",
        ),
    ],
}


@functools.cache
def _quiet_handler(directory: str) -> type[http.server.SimpleHTTPRequestHandler]:
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=directory, **kwargs)  # type: ignore[arg-type]

        def log_message(self, format: str, *args: object) -> None:
            return None

    return Handler


class Serve:
    """The built site on a loopback port, for as long as the ``with`` block lasts."""

    def __init__(self, site: Path) -> None:
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _quiet_handler(str(site)))

    def __enter__(self) -> str:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
