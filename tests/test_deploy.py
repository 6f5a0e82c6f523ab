"""The site deployed as a GitHub Pages project site: under a sub-path of its host, with its
address set the way the publish workflow sets it (``SITE_URL``). Served on 127.0.0.1 by a server
that answers a missing page with the site's own 404.html, as GitHub Pages does."""

from __future__ import annotations

import http.server
import json
import os
import re
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from unittest import mock
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import feedparser
import pytest
from test_browser import CHROMIUM, CHROMIUM_FLAGS

from case_runner import BASE
from toolkit.publishing.build import build
from toolkit.publishing.site.builder import SiteSettings

ROOT = Path(__file__).parent.parent
SUB_PATH = "india-canada-records/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class _PagesHost(http.server.SimpleHTTPRequestHandler):
    """Serves a folder whose site lives under ``SUB_PATH``; a missing file gets the site's
    404.html with status 404."""

    def log_message(self, format: str, *args: object) -> None:
        return None

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        missing_page = Path(self.directory) / SUB_PATH / "404.html"
        if code != 404 or not missing_page.is_file():
            super().send_error(code, message, explain)
            return
        body = missing_page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def deployed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The base dataset built with its address under a sub-path, served there."""
    root = tmp_path_factory.mktemp("pages")
    host = root / "host"
    host.mkdir()
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *a: _PagesHost(*a, directory=str(host))
    )
    base = f"http://127.0.0.1:{server.server_address[1]}/{SUB_PATH}"
    settings = SiteSettings(ROOT / "mkdocs.yml", ROOT / "docs", root / "work", host / SUB_PATH)
    with mock.patch.dict(os.environ, {"SITE_URL": base}):
        checked = build(BASE, root / "dist", site=settings)
    assert checked.report.ok, checked.report.problems
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield base, host / SUB_PATH
    finally:
        server.shutdown()
        server.server_close()


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return bytes(response.read())


def test_the_sitemap_lists_every_page_at_its_address(deployed: tuple[str, Path]) -> None:
    base, site = deployed
    sitemap = ElementTree.fromstring(fetch(base + "sitemap.xml"))
    listed = {loc.text for loc in sitemap.iter(f"{SITEMAP}loc")}
    pages = {
        base + str(page.parent.relative_to(site)).removeprefix(".") + "/"
        for page in site.rglob("index.html")
        if not page.is_relative_to(site / "data")
    }
    pages = {url.replace(base + "/", base) for url in pages}
    assert listed == pages
    for url in sorted(listed)[:5]:
        assert fetch(url)  # each loads


def test_pages_name_their_canonical_address_and_the_feed(deployed: tuple[str, Path]) -> None:
    base, site = deployed
    timeline = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{base}timeline/">' in timeline
    feeds = {  # each page's link to the feed, as it resolves from that page's address
        address: urljoin(address, _feed_link((site / path).read_text(encoding="utf-8")))
        for address, path in [
            (base, "index.html"),
            (base + "timeline/", "timeline/index.html"),
            (base + "no-such-page/", "404.html"),
        ]
    }
    assert set(feeds.values()) == {base + "feed.xml"}, feeds


def _feed_link(html: str) -> str:
    [link] = re.findall(r'<link rel="alternate" type="application/atom\+xml"[^>]*>', html)
    [href] = re.findall(r'href="([^"]+)"', link)
    return href


def test_the_feed_links_absolutely_to_pages_that_load(deployed: tuple[str, Path]) -> None:
    base, _ = deployed
    feed = feedparser.parse(fetch(base + "feed.xml"))
    assert not feed.bozo
    links = [link.href for link in feed.feed.links] + [entry.link for entry in feed.entries]
    assert links and all(link.startswith(base) for link in links), links
    for link in links:
        assert fetch(link)


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_a_missing_page_is_the_styled_404_page(deployed: tuple[str, Path]) -> None:
    from playwright.sync_api import sync_playwright

    base, _ = deployed
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        failed: list[str] = []
        missing = base + "no-such-page/"
        page.on("requestfailed", lambda request: failed.append(request.url))
        page.on("response", lambda r: r.status >= 400 and r.url != missing and failed.append(r.url))
        response = page.goto(missing)
        assert response is not None and response.status == 404
        assert "404" in page.locator("article.md-content__inner").inner_text()
        loaded = page.evaluate("Array.from(document.styleSheets).map(s => s.href || '')")
        assert any(href.startswith(base + "assets/stylesheets/main.") for href in loaded)
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in (
            "sticky",
            "fixed",
        )  # the theme's styles apply
        page.locator(".md-header__title").first.wait_for()
        page.locator("a.md-header__button.md-logo").click()
        page.wait_for_url(base)  # the logo leads home, under the sub-path
        assert failed == []
        browser.close()


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_search_works_with_the_site_under_a_sub_path(deployed: tuple[str, Path]) -> None:
    """Pagefind's index sits at the site's root under the sub-path; the search pages of both
    languages find it there and their results lead to pages that load."""
    from playwright.sync_api import sync_playwright

    base, _ = deployed
    root = urlsplit(base).path
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        failed: list[str] = []
        page.on("requestfailed", lambda request: failed.append(request.url))
        page.on("response", lambda r: r.status >= 400 and failed.append(r.url))
        found = {}
        for language, query in (("", "liaison"), ("fr/", "exemplaires")):
            page.goto(f"{base}{language}search/?q={query}")
            page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15000)
            page.wait_for_load_state("networkidle")  # no fragment still loading as we leave
            found[language] = page.evaluate(
                "Array.from(document.querySelectorAll('.pagefind-ui__result-link'))"
                ".map(a => a.href)"
            )
        assert f"{base}commitments/liaison-officers/" in found[""], found
        assert f"{base}fr/organizations/example-ministry/" in found["fr/"], found
        assert all(
            urlsplit(href).path.startswith(root) for hrefs in found.values() for href in hrefs
        )
        response = page.goto(found["fr/"][0])
        assert response is not None and response.status == 200
        assert failed == []
        browser.close()


def test_the_schemas_are_served_at_the_address_their_id_names(deployed: tuple[str, Path]) -> None:
    """Each JSON Schema is published at a stable address under the site, and its ``$id`` is
    that address, so editors and other projects can refer to it there."""
    import jsonschema

    base, _ = deployed
    for collection in ("people", "commitments", "dataset"):
        url = f"{base}data/schema/{collection}.schema.json"
        schema = json.loads(fetch(url))
        assert schema["$id"] == url
        jsonschema.Draft202012Validator.check_schema(schema)
    # the published record, its words as {en, fr} objects, is what the published schema describes
    person = json.loads(fetch(f"{base}data/records/people/asha-rao.json"))
    assert person["positions"][0]["title"] == {"en": "National Security Adviser"}
    people = json.loads(fetch(f"{base}data/schema/people.schema.json"))
    assert list(jsonschema.Draft202012Validator(people).iter_errors(person)) == []
