"""People pages: name, other spellings seen in the sources, positions, meetings."""

from __future__ import annotations

from toolkit.foundation.countries import country_name
from toolkit.models import Meeting, Person, page_path
from toolkit.models.people import Position, PositionStatus
from toolkit.publishing.site.context import Page, Site
from toolkit.publishing.site.markup import text
from toolkit.publishing.site.pages.common import (
    RECORD_BOOST,
    Generated,
    facts,
    index_table,
    markdown_page,
    record_footer,
)


def pages(site: Site) -> list[Generated]:
    """One page per person, and the section index."""
    people = site.of(Person)
    generated = [(f"people/{p.id}.md", person_page(site, p)) for p in people]
    page = Page(site, "people/")
    rows = [
        [
            page.link("people", p.id),
            text(country_name(p.country)),
            text(_latest_held(p)),
        ]
        for p in people
    ]
    index = markdown_page("People", index_table(["Name", "Country", "Latest position"], rows))
    return [*generated, ("people/index.md", index)]


def person_page(site: Site, person: Person) -> str:
    """The page of one person."""
    page = Page(site, page_path("people", person.id))
    aliases = "; ".join(f"{text(a.name)}{page.cite(a.sources)}" for a in person.aliases)
    positions = "".join(
        f"<li>{text(p.title)}, {page.link('organizations', p.organization)}"
        f" ({_when(p)}){page.cite(p.sources)}</li>"
        for p in person.positions
    )
    meetings = [
        m for m in site.of(Meeting) if any(part.person == person.id for part in m.participants)
    ]
    body = [
        facts([("Country", text(country_name(person.country))), ("Also written", aliases)]),
        page.statements(person.statements),
        f'<h2 id="positions">Positions</h2>\n<ul>{positions}</ul>' if positions else "",
        '<h2 id="meetings">Meetings</h2>\n<ul>'
        + "".join(f"<li>{page.link('meetings', m.id)}</li>" for m in meetings)
        + "</ul>"
        if meetings
        else "",
        record_footer(page, person),
    ]
    return markdown_page(
        person.name, "\n".join(part for part in body if part), search_boost=RECORD_BOOST
    )


def _latest_held(person: Person) -> str:
    """The title of the newest office the person took up (an announced one is not held)."""
    held = [p for p in person.positions if p.status == PositionStatus.HELD]
    return held[-1].title if held else ""


def _when(position: Position) -> str:
    """A position's dates, or, for an appointment only announced, that it was announced."""
    if position.status == PositionStatus.ANNOUNCED:
        announced = f" on {text(position.announced)}" if position.announced else ""
        return f"announced{announced}, not yet taken up according to the sources"
    return f"{text(position.start or '?')} – {text(position.end or '')}"
