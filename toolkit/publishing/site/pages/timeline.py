"""The timeline: events and meetings in date order, drawn as an SVG at build time."""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.models import Event, Meeting
from toolkit.publishing.site.context import Page, Site
from toolkit.publishing.site.markup import text
from toolkit.publishing.site.pages.common import Generated, accounts, discrepancies, markdown_page

SVG_PATH = "assets/timeline.svg"
ROW_HEIGHT = 26
WIDTH = 960
LABEL_LIMIT = 96


@dataclass(frozen=True)
class Entry:
    """One dated item on the timeline."""

    date: str
    title: str
    collection: str
    record_id: str


def entries(site: Site) -> list[Entry]:
    """Events and meetings, oldest first (ties by id, so the order is stable)."""
    dated: list[Event | Meeting] = [*site.of(Event), *site.of(Meeting)]
    items = [Entry(r.date, r.title, r.collection, r.id) for r in dated]
    return sorted(items, key=lambda e: (e.date, e.collection, e.record_id))


def svg(items: list[Entry]) -> str:
    """A vertical timeline: one row per item, meetings marked apart from events."""
    height = ROW_HEIGHT * len(items) + 20
    rows = []
    for number, entry in enumerate(items):
        y = 20 + number * ROW_HEIGHT
        label = (
            entry.title if len(entry.title) <= LABEL_LIMIT else entry.title[: LABEL_LIMIT - 1] + "…"
        )
        kind = "meeting" if entry.collection == "meetings" else "event"
        rows.append(
            f'<g class="{kind}"><text x="8" y="{y + 4}" class="date">{text(entry.date)}</text>'
            f'<circle cx="118" cy="{y}" r="{7 if kind == "meeting" else 5}"/>'
            f'<text x="134" y="{y + 4}">{text(label)}</text></g>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="timeline-title">\n'
        '<title id="timeline-title">Timeline of events and meetings</title>\n<style>'
        "text{font:13px sans-serif;fill:#222}.date{fill:#555}"
        ".event circle{fill:#607d8b}.meeting circle{fill:#c62828}"
        "</style>\n"
        f'<line x1="118" y1="10" x2="118" y2="{height - 10}" stroke="#999" stroke-width="2"/>\n'
        + "\n".join(rows)
        + "\n</svg>\n"
    )


def pages(site: Site) -> list[Generated]:
    """The timeline page and its drawing."""
    items = entries(site)
    page = Page(site, "timeline/")
    sections = []
    for entry in items:
        record = site.get(entry.collection, entry.record_id)
        if entry.collection == "meetings":
            body = f"<p>Meeting: {page.link('meetings', record.id)}{page.cite(record.sources)}</p>"
        else:
            body = page.statements(record.statements)
            if record.accounts:
                body += accounts(page, record.accounts, record.countries, level=4)
            body += discrepancies(page, record.discrepancies, titled=False)
        when = text(entry.date) + (f" to {text(record.end)}" if record.end else "")
        sections.append(
            f'<section class="timeline-entry" id="{text(entry.record_id)}">'
            f"<h3>{when}: {text(entry.title)}</h3>\n{body}</section>"
        )
    drawing = f'<p><img src="{page.href(SVG_PATH)}" alt="Timeline of events and meetings"></p>'
    body = drawing + "\n" + "\n".join(sections) + "\n" + page.citation_list()
    return [("timeline.md", markdown_page("Timeline", body)), (SVG_PATH, svg(items))]
