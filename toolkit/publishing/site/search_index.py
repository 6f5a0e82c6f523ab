"""The site's search: a Pagefind index of every page, split by language and into fragments.

The theme's own search loads one index holding every page (tens of megabytes at 10,000
records, twice that with a second language). Pagefind writes, after the site is built, an index
per page language (read from ``<html lang>``) cut into small fragments; a reader's browser
downloads only the fragments a query needs. The index is written into ``pagefind/`` at the
site's root, beside the English pages, and serves every language.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SEARCH_FOLDER = "pagefind"
"""Where the index and the search interface's files are, under the site's root."""

IGNORED = "[data-search-exclude]"
"""Parts of pages left out of the index: labelled facts whose label and value would read as one
run of words, and each page's list of its own sections."""


class SearchIndexError(Exception):
    """Pagefind failed; its own message is in the exception text."""


def build_search_index(site_dir: Path) -> None:
    """Index the built site (every language) into ``site_dir / SEARCH_FOLDER``. Only what
    pages mark as their content (``data-pagefind-body``, set by the theme override) is read, so
    redirect pages and the 404 page stay out."""
    command = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site_dir),
        "--output-subdir",
        SEARCH_FOLDER,
        "--exclude-selectors",
        IGNORED,
        "--silent",
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise SearchIndexError(f"the search index could not be built: {error}") from error
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise SearchIndexError("the search index could not be built: " + " ".join(output))
    _settle_entry(site_dir / SEARCH_FOLDER / ENTRY_FILE)


ENTRY_FILE = "pagefind-entry.json"
"""The index's table of contents: the languages with their index files' names."""


def _settle_entry(entry: Path) -> None:
    """Write the table of contents with its keys in order: Pagefind lists the languages in
    whatever order it met them, so the same pages could give a different file."""
    document = json.loads(entry.read_text(encoding="utf-8"))
    entry.write_text(
        json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":")),
        encoding="utf-8",
    )
