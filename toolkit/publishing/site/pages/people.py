"""People pages: name, other spellings seen in the sources, positions, meetings."""

from __future__ import annotations

from toolkit.models import Meeting, Person, page_path
from toolkit.models.people import Position, PositionStatus
from toolkit.publishing.site.context import Page, Site
from toolkit.publishing.site.i18n import _, country, partial_date
from toolkit.publishing.site.markup import prose, text
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
            text(country(p.country)),
            prose(_latest_held(p)),
        ]
        for p in people
    ]
    headers = [_("Name"), _("Country"), _("Latest position")]
    index = markdown_page(_("People"), index_table(headers, rows))
    return [*generated, ("people/index.md", index)]


def person_page(site: Site, person: Person) -> str:
    """The page of one person."""
    page = Page(site, page_path("people", person.id))
    aliases = "; ".join(f"{text(a.name)}{page.cite(a.sources)}" for a in person.aliases)
    positions = "".join(
        f"<li>{prose(p.title)}, {page.link('organizations', p.organization)}"
        f" ({_when(p)}){page.cite(p.sources)}</li>"
        for p in person.positions
    )
    meetings = [
        m for m in site.of(Meeting) if any(part.person == person.id for part in m.participants)
    ]
    held, met = _("Positions"), _("Meetings")
    body = [
        facts([(_("Country"), text(country(person.country))), (_("Also written"), aliases)]),
        page.statements(person.statements),
        f'<h2 id="positions">{held}</h2>\n<ul>{positions}</ul>' if positions else "",
        f'<h2 id="meetings">{met}</h2>\n<ul>'
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
        if position.announced:
            return _("announced on {date}, not yet taken up according to the sources").format(
                date=text(partial_date(position.announced))
            )
        return _("announced, not yet taken up according to the sources")
    start = partial_date(position.start) if position.start else "?"
    end = partial_date(position.end) if position.end else ""
    return f"{text(start)} – {text(end)}"
