"""The site: a real `mkdocs build --strict` of the base dataset laced with hostile text, checked
as HTML and in a real headless Chromium."""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import re
import shutil
import subprocess
import threading
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from case_runner import BASE
from toolkit.build import build
from toolkit.models import COLLECTIONS
from toolkit.schema_export import collection_schema
from toolkit.site.builder import SiteSettings

ROOT = Path(__file__).parent.parent
SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=\"document.body.setAttribute('data-pwned', '1')\">"
HOSTILE = {
    "meetings/2026-02-07-dialogue.yaml": [
        ("title: Security dialogue, Ottawa", f"title: {json.dumps(SCRIPT)}"),
        (
            "summary: The ministry said the advisers met.",
            "summary: " + json.dumps(IMAGE + " [x](javascript:alert(1))"),
        ),
        ("role: National Security Adviser", f"role: {json.dumps(SCRIPT)}"),
        (
            "note: The report gives Saturday; the readout gives 7 February.",
            f"note: {json.dumps(IMAGE)}",
        ),
    ],
    "commitments/liaison-officers.yaml": [
        (
            "text: each country would establish liaison officers",
            "text: " + json.dumps(SCRIPT + " ]]> */"),
        ),
        ("note: The spokesperson said there was no timeline.", f"note: {json.dumps(IMAGE)}"),
    ],
    "people/asha-rao.yaml": [("name: Asha Raoo", f"name: {json.dumps(SCRIPT)}")],
    "events/2026-02-08-statement.yaml": [
        ("title: The ministry issues its statement", f"title: {json.dumps(SCRIPT)}"),
        (
            "description: The ministry issued a statement on the meeting.",
            f"description: {json.dumps(IMAGE)}",
        ),
    ],
    "sources/daily-news-2026-02-08.yaml": [
        ("publisher: Daily News", f"publisher: {json.dumps(SCRIPT)}")
    ],
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    data = root / "data"
    shutil.copytree(BASE, data)
    for name, replacements in HOSTILE.items():
        path = data / name
        content = path.read_text()
        for old, new in replacements:
            assert old in content, (name, old)
            content = content.replace(old, new)
        path.write_text(content)
    settings = SiteSettings(ROOT / "mkdocs.yml", ROOT / "docs", root / "work", root / "site")
    checked = build(data, root / "dist", site=settings)
    assert checked.report.ok, checked.report.problems
    return root / "site"


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def html_files(site: Path) -> list[Path]:
    """Every page but 404.html, whose links are absolute because it is served at any path."""
    return sorted(
        p
        for p in site.rglob("*.html")
        if not p.is_relative_to(site / "data") and p.name != "404.html"
    )


def test_every_record_has_a_page_at_a_stable_url(site: Path) -> None:
    expected = [
        "meetings/2026-02-07-dialogue",
        "commitments/liaison-officers",
        "people/asha-rao",
        "organizations/example-ministry",
        "topics/illicit-drugs",
        "sources/daily-news-2026-02-08",
        "sources/ministry-readout-2026-02-07",
    ]
    for url in expected:
        assert (site / url / "index.html").is_file(), url
    for section in [
        "",
        "meetings",
        "commitments",
        "people",
        "organizations",
        "topics",
        "sources",
        "timeline",
        "downloads",
        "schema",
        "about",
        "methodology",
        "contributing",
    ]:
        assert (site / section / "index.html").is_file(), section


def test_contributor_markup_is_shown_as_text(site: Path) -> None:
    for path in html_files(site):
        content = path.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in content, path
        assert "<img src=x" not in content, path
        assert 'href="javascript:' not in content, path
    meeting = page(site, "meetings/2026-02-07-dialogue")
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; - " in meeting
    assert "&lt;img src=x onerror=" in meeting


def test_the_browser_runs_nothing_and_shows_the_characters(site: Path, tmp_path: Path) -> None:
    chromium = next(
        (
            shutil.which(name)
            for name in ("chromium", "chromium-browser", "google-chrome")
            if shutil.which(name)
        ),
        None,
    )
    assert chromium, "the site tests need Chromium: `make test` installs it"
    with Serve(site) as base_url:
        for url in [
            "meetings/2026-02-07-dialogue/",
            "timeline/",
            "commitments/liaison-officers/",
            "people/asha-rao/",
            "sources/daily-news-2026-02-08/",
        ]:
            dom = dump_dom(chromium, base_url + url, tmp_path / "profile")
            body = re.search(r"<body[^>]*>", dom)
            assert body is not None and "data-pwned" not in body.group(0), url
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom, url


def dump_dom(chromium: str, url: str, profile: Path) -> str:
    """The page's DOM after its scripts ran, from a real headless Chromium."""
    try:
        result = subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                "--dump-dom",
                url,
            ],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{url} hung: an injected alert() would block the page like this")
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


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


class _Resources(HTMLParser):
    """Collects what a page loads (scripts, styles, images, frames) and where it links."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and values.get(
            "src"
        ):
            self.loads.append(str(values["src"]))
        if tag == "link" and values.get("href"):
            self.loads.append(str(values["href"]))
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))


def parse(path: Path) -> _Resources:
    parser = _Resources()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_nothing_is_loaded_from_other_hosts(site: Path) -> None:
    for path in html_files(site):
        external = [
            url for url in parse(path).loads if urlsplit(url).scheme or url.startswith("//")
        ]
        assert external == [], path
    for css in site.rglob("*.css"):
        assert "url(http" not in css.read_text(encoding="utf-8").replace(" ", ""), css


def test_internal_links_resolve(site: Path) -> None:
    for path in html_files(site):
        for href in parse(path).links:
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("#", "//", "mailto:")):
                continue
            target = (path.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{path.relative_to(site)} links to missing {href}"


def test_external_links_are_web_addresses_only(site: Path) -> None:
    for path in html_files(site):
        for href in parse(path).links:
            scheme = urlsplit(href).scheme
            assert scheme in ("", "http", "https"), (path, href)


def test_meeting_pages_carry_schema_org_event_data(site: Path) -> None:
    html = page(site, "meetings/2026-02-07-dialogue")
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    data = json.loads(html[start : html.index("</script>", start)])
    assert data["@type"] == "Event"
    assert data["name"] == SCRIPT  # the text survives, escaped inside the JSON
    assert data["startDate"] == "2026-02-07"
    assert data["location"]["address"]["addressCountry"] == "CA"


def test_navigation_lists_sections_not_records(site: Path) -> None:
    nav = page(site, "").split('<nav class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    assert "2026-02-07-dialogue" not in nav
    assert "commitments/" in nav and "timeline/" in nav


def test_meeting_page_shows_participants_commitments_conflicts_and_sources(site: Path) -> None:
    html = page(site, "meetings/2026-02-07-dialogue")
    assert 'href="../../people/asha-rao/"' in html
    assert 'href="../../commitments/liaison-officers/"' in html
    assert "Sources disagree" in html and "Saturday" in html
    assert 'id="cite-1"' in html and 'href="https://gov.example.org/readout"' in html


def test_commitment_page_lists_the_dated_status_history(site: Path) -> None:
    html = page(site, "commitments/liaison-officers")
    history = html.split('class="status-history"', 1)[1].split("</ol>", 1)[0]
    assert history.index("2026-02-07") < history.index("2026-02-12")
    assert "&lt;img src=x" in history


def test_source_pages_list_the_records_that_cite_them(site: Path) -> None:
    html = page(site, "sources/ministry-readout-2026-02-07")
    for url in [
        "meetings/2026-02-07-dialogue/",
        "people/asha-rao/",
        "organizations/example-ministry/",
    ]:
        assert f'href="../../{url}"' in html


def test_timeline_is_an_svg_drawn_at_build_time(site: Path) -> None:
    drawing = ElementTree.parse(site / "assets" / "timeline.svg").getroot()
    texts = "".join(drawing.itertext())
    assert "2026-02-07" in texts and "2026-02-08" in texts
    assert SCRIPT in texts  # as text, inside an image that cannot run scripts
    html = page(site, "timeline")
    assert html.index('id="2026-02-07-dialogue"') < html.index('id="2026-02-08-statement"')


def test_downloads_list_every_file_with_size_and_checksum(site: Path) -> None:
    html = page(site, "downloads")
    sums = (site / "data" / "SHA256SUMS").read_text().splitlines()
    for line in sums:
        digest, name = line.split("  ", 1)
        assert digest in html and name in html
        assert hashlib.sha256((site / "data" / name).read_bytes()).hexdigest() == digest
    assert "pd.read_csv" in html and "datasette" in html and "DuckDB" in html


def test_schema_reference_documents_every_field(site: Path) -> None:
    html = page(site, "schema")
    for collection in COLLECTIONS:
        for field in collection_schema(collection)["properties"]:
            assert f"<code>{field}</code>" in html, (collection, field)


def test_search_index_covers_the_records(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text())
    locations = {doc["location"] for doc in index["docs"]}
    assert any(loc.startswith("commitments/liaison-officers/") for loc in locations)
