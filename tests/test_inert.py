"""Text from the whole Unicode range, written into every free-text field of every record, is
either refused with located problems or published as text in every output: each output parses
with its own parser, nothing in it is live markup, and the text comes back as written."""

from __future__ import annotations

import csv
import functools
import html
import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import markdown
import yaml
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from mkdocs.utils.meta import get_data

from case_runner import BASE
from inert_support import (
    ElementCollector,
    markdown_text_of,
    markup_elements,
    parse_html,
    poison,
    squash,
    with_current_digests,
    with_quoted_digests,
)
from toolkit.checking.reporters import render_github
from toolkit.checking.reporters import render_text as render_report
from toolkit.checking.validate import check_data
from toolkit.foundation.characters import FORBIDDEN, find_forbidden
from toolkit.foundation.escaping import SPREADSHEET_TRIGGERS
from toolkit.history.diff_report import render_markdown, render_text
from toolkit.history.diffing import diff_snapshots
from toolkit.publishing.build import build
from toolkit.publishing.dataset import Dataset
from toolkit.publishing.site.generate import generate_pages
from toolkit.publishing.site.i18n import speaking
from toolkit.reading.loader import load_file
from toolkit.reading.schema_export import collection_schema
from toolkit.reading.snapshots import read_snapshot

FRAGMENTS = [
    "\u2028--- \n",
    "\n---\n",
    "<!--",
    "```",
    "[x](javascript:alert(1))",
    "![i](https://evil.example/x.png)",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "</div>",
    "<h1>two</h1>",
    "# heading",
    '=HYPERLINK("https://evil.example")',
    "+1",
    "-1",
    "@SUM(A1)",
    "\x1b[31m",
    "\\N",
    "\\n",
    "&lt;",
    "&#x6a;avascript:",
    "\r",
    "\x85",
    "\x7f",
    "\x02wzxhzdk:0\x03",
    "www.evil.example",
    "https://evil.example/",
    "|a|b|\n|-|-|",
    "{{ x }}",
    ";,\\",
    "\u202e",
    "\U0001f600",
    "   ",
    "'",
]
"""Pieces of every attack on an output seen so far, mixed with random text."""

ANY_CHARACTER = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, categories=None)
RAW_TEXT = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(ANY_CHARACTER, min_size=1, max_size=6)),
    min_size=1,
    max_size=5,
).map("".join)
TEXT = st.one_of(RAW_TEXT, RAW_TEXT.map(lambda text: FORBIDDEN.sub("", text)).filter(bool))
"""Half as generated, half with what validation refuses taken out, so both paths are tried."""
TOP_LEVEL = {"dataset.yaml": "dataset", "changelog.yaml": "changelog"}


def lay_out(text: str, folder: Path) -> Path:
    """The base dataset with ``text`` in every free-text field, written with YAML escapes so
    any character can be expressed."""
    data = folder / "data"
    shutil.copytree(BASE, data)
    for path in sorted(data.rglob("*.yaml")):
        schema = collection_schema(TOP_LEVEL.get(path.name, path.parent.name))
        poisoned = with_current_digests(poison(load_file(path).data, schema, schema, text))
        written = yaml.safe_dump(poisoned, allow_unicode=False, sort_keys=False, width=80)
        path.write_text(with_quoted_digests(written))
    return data


def publishable(text: str) -> bool:
    """Whether validation must accept the text in every free-text field."""
    return find_forbidden(text) is None and bool(text)


SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@SETTINGS
@given(text=TEXT)
@example(text='=HYPERLINK("https://evil.example")\n\\N+1')
@example(text="\u2028--- \n[x](javascript:alert(1))")
@example(text="<!-- ``` <script>alert(1)</script> www.evil.example")
@example(text="\x1b[2J\x7f\x85")
def test_any_text_is_refused_with_a_location_or_published_as_text(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = lay_out(text, Path(folder))
        checked = check_data(data, keep_records=True)
        for report in (render_report(checked.report), render_github(checked.report)):
            assert find_forbidden(report.replace("\n", "")) is None
        if not publishable(text):
            assert not checked.report.ok
            assert all(p.line for p in checked.report.errors), checked.report.errors
            assert {p.code for p in checked.report.errors} <= {"E-TEXT-CHAR", "E-YAML"}
            return
        assert checked.report.ok, [p.as_dict() for p in checked.report.errors]
        event("published")
        dist = Path(folder) / "dist"
        build(data, dist)
        dataset = Dataset.from_checked(checked)
        check_every_output(text, dataset, dist)
        check_the_diff_report(text, data)


def check_every_output(text: str, dataset: Dataset, dist: Path) -> None:
    """Each output parsed by its own reader: text comes back, nothing is live."""
    line = text.replace("\n", " ")
    assert text in _strings(json.loads((dist / "dataset.json").read_text()))
    assert line in _csv_cells(dist)
    assert squash(text) in _ics_texts(dist)
    changes = (dist / "CHANGES.md").read_text()
    assert markup_elements(changes) == []
    assert squash(line) in markdown_text_of(changes)
    check_pages(text, dataset, dist)


def check_pages(text: str, dataset: Dataset, dist: Path) -> None:
    """Every generated page: front matter intact, HTML with no element or link from the
    data, the text shown as written."""
    urls = {source["url"] for source in dataset.documents["sources"]}
    allowed = generated_tags()
    shown = 0
    with speaking("fr"):  # the French site's pages, from the same records
        french = [(f"fr/{path}", content) for path, content in generate_pages(dataset, dist)]
    for path, content in [*generate_pages(dataset, dist), *french]:
        if path.endswith(".svg"):
            ElementTree.fromstring(content)
            continue
        if path.endswith(".xml"):
            titles = [t.text or "" for t in ElementTree.fromstring(content).iter()]
            assert any(squash(text.replace("\n", " ")) in squash(t) for t in titles), path
            continue
        body, meta = get_data(content)
        assert set(meta) <= {
            "title",
            "description",
            "search",
            "search_exclude",
            "alternate_json",
            "alternate_feed",
        }
        assert re.fullmatch(
            r"(\.\./)?feeds/(commitments|topics)/[a-z0-9-]+\.xml",  # the French site's: ../
            meta.get("alternate_feed", "feeds/topics/x.xml"),
        ), path
        # the record's JSON address is made from its collection and id (slugs), never its text
        assert re.fullmatch(
            r"(\.\./)?data/records/[a-z]+/[a-z0-9-]+\.json",
            meta.get("alternate_json", "data/records/x/y.json"),
        ), path
        assert isinstance(meta.get("search", {}).get("boost", 1.0), float), path
        assert "\n" not in html.unescape(meta["title"]), path
        page = rendered(body)
        for tag, attributes in page.elements:
            assert tag in allowed or _our_script_or_image(tag, attributes), (path, tag)
            assert not any(name.startswith("on") for name in attributes), (path, attributes)
            href = attributes.get("href")
            assert href is None or _internal(href) or href in urls, (path, href)
        assert [tag for tag, _ in page.elements].count("h1") <= 1, path
        shown += squash(text) in squash("".join(page.text))
    assert shown >= 8


def rendered(body: str) -> ElementCollector:
    """A page's Markdown as mkdocs renders it, with the extensions mkdocs.yml names."""
    return parse_html(markdown.markdown(body, extensions=["toc", "admonition", "tables"]))


@functools.cache
def generated_tags() -> frozenset[str]:
    """Every element the generator writes for the plain base dataset (scripts and images are
    checked one by one): anything else in a page came from the data."""
    with tempfile.TemporaryDirectory() as folder:
        dist = Path(folder)
        (dist / "SHA256SUMS").write_text("")
        dataset = Dataset.from_checked(check_data(BASE, keep_records=True))
        pages = generate_pages(dataset, dist)
    tags = {
        tag
        for path, content in pages
        if path.endswith(".md")
        for tag, _ in rendered(get_data(content)[0]).elements
    }
    return frozenset(tags - {"script", "img"})


def check_the_diff_report(text: str, data: Path) -> None:
    """The pull-request comment and the terminal report of the same change."""
    with tempfile.TemporaryDirectory() as folder:
        before = read_snapshot(str(shutil.copytree(BASE, Path(folder) / "base")), data)
        diff = diff_snapshots(before, read_snapshot(str(data), data))
        assert markup_elements(render_markdown(diff)) == []
        assert find_forbidden(render_text(diff).replace("\n", "")) is None


def _our_script_or_image(tag: str, attributes: dict[str, str | None]) -> bool:
    if tag == "script":  # JSON-LD data, or the search page's own scripts (never from the data)
        source = attributes.get("src") or ""
        ours = re.search(r"(pagefind/pagefind-ui|assets/search)\.js$", source) is not None
        return attributes.get("type") == "application/ld+json" or (_internal(source) and ours)
    source = attributes.get("src") or ""
    return (
        tag == "img"
        and _internal(source)
        and re.search(r"assets/[a-z-]+\.svg$", source) is not None
    )


def _internal(href: str) -> bool:
    """A link the generator made to a page of the site: relative, no scheme."""
    return not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href) and not href.startswith("//")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


def _csv_cells(dist: Path) -> set[str]:
    """Every cell of every CSV table, the spreadsheet protection undone, after checking that
    no cell starts the way a formula does."""
    cells = set()
    for path in sorted((dist / "csv").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                for cell in row:
                    assert not cell.startswith(SPREADSHEET_TRIGGERS[:-1]), (path.name, cell)
                    cells.add(cell[1:] if cell.startswith("'") else cell)
    return cells


_ICS_ESCAPE = re.compile(r"\\([\\;,nN])")


def _ics_texts(dist: Path) -> str:
    """The SUMMARY and DESCRIPTION values of every calendar, unescaped as RFC 5545 says."""
    texts = []
    for path in sorted((dist / "calendar").glob("*.ics")):
        raw = path.read_bytes()
        assert raw.count(b"END:VCALENDAR") == 1, path.name
        Calendar.from_ical(raw)
        unfolded = re.sub(r"\r\n[ \t]", "", raw.decode("utf-8"))
        for content_line in unfolded.split("\r\n"):
            name, _, value = content_line.partition(":")
            if name in ("SUMMARY", "DESCRIPTION"):
                texts.append(_ICS_ESCAPE.sub(lambda m: "\n" if m[1] in "nN" else m[1], value))
    return squash(" ".join(texts))
