"""Adding a collection is one model file and one registry line: an eighth collection, declared
here, reaches validation, references, every dataset format, the site (its section, its pages,
links in raw HTML included) and the navigation, with no other change."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote, urlsplit

import pytest
from test_site import html_files, parse

from case_runner import BASE
from toolkit.models import COLLECTIONS, SINGULAR
from toolkit.models.base import PersonRef, Record, Sources, Statements
from toolkit.models.fields import ShortText
from toolkit.publishing.build import build
from toolkit.publishing.site.builder import SiteSettings

ROOT = Path(__file__).parent.parent


class Note(Record):
    """A short note about a person (a collection that exists only in this test)."""

    collection: ClassVar[str] = "notes"
    title_plural: ClassVar[str] = "Notes"

    title: ShortText
    """The note's title."""
    person: PersonRef
    """Whom the note is about."""
    statements: Statements
    sources: Sources


NOTE = """\
id: first-note
title: A note on the adviser
person: asha-rao
statements:
  - text: The ministry said "The two sides met."
    sources: [ministry-readout-2026-02-07]
sources: [ministry-readout-2026-02-07]
"""


@pytest.fixture
def with_notes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The base data with one note, and the collection registered (for this test only)."""
    monkeypatch.setitem(COLLECTIONS, "notes", Note)
    monkeypatch.setitem(SINGULAR, "notes", "note")
    data = tmp_path / "data"
    shutil.copytree(BASE, data)
    (data / "notes").mkdir()
    (data / "notes" / "first-note.yaml").write_text(NOTE, encoding="utf-8")
    return data


def test_a_new_collection_is_validated_with_its_references(with_notes: Path) -> None:
    from toolkit.checking.validate import validate

    assert validate(with_notes).ok
    note = with_notes / "notes" / "first-note.yaml"
    note.write_text(NOTE.replace("person: asha-rao", "person: asha-roa"), encoding="utf-8")
    note.with_name("second-note.yaml").write_text(
        NOTE.replace("first-note", "second-note").replace("The two sides met.", "They met."),
        encoding="utf-8",
    )
    codes = sorted((p.file.rsplit("/", 1)[-1], p.code) for p in validate(with_notes).problems)
    assert codes == [("first-note.yaml", "E-REF"), ("second-note.yaml", "E-QUOTE-TEXT")]


def test_a_new_collection_reaches_every_format_the_site_and_the_menu(
    with_notes: Path, tmp_path: Path
) -> None:
    work = tmp_path / "work"
    settings = SiteSettings(ROOT / "mkdocs.yml", ROOT / "docs", work, tmp_path / "site")
    checked = build(with_notes, tmp_path / "dist", site=settings)
    assert checked.report.ok
    dist = tmp_path / "dist"
    for name in ("notes.json", "notes.jsonl", "csv/notes.csv", "csv/notes_statements_sources.csv"):
        assert (dist / name).is_file(), name
    assert (dist / "schema" / "notes.schema.json").is_file()
    package = json.loads((dist / "datapackage.json").read_text(encoding="utf-8"))
    assert "notes" in {resource["name"] for resource in package["resources"]}
    with closing(sqlite3.connect(dist / "dataset.sqlite")) as db:
        assert db.execute("SELECT title FROM notes").fetchall() == [("A note on the adviser",)]

    site = tmp_path / "site"
    page = (site / "notes" / "first-note" / "index.html").read_text(encoding="utf-8")
    assert "A note on the adviser" in page and 'href="../../people/asha-rao/"' in page
    assert "The ministry said" in page and 'href="#cite-1"' in page
    index = (site / "notes" / "index.html").read_text(encoding="utf-8")
    assert 'href="first-note/"' in index
    home = (site / "index.html").read_text(encoding="utf-8")
    menu = home.split('<nav class="md-nav md-nav--primary"', 1)[1]
    assert 'href="notes/"' in menu and "Notes" in menu
    for path in html_files(site):  # links written as raw HTML, which mkdocs does not check
        for href in parse(path).links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("#", "//", "mailto:")):
                continue
            target = (path.parent / unquote(parts.path)).resolve()
            target = target / "index.html" if target.is_dir() else target
            assert target.is_file(), f"{path.relative_to(site)} links to missing {href}"
