"""Meeting pages: when, where, who, what was committed, with schema.org Event data."""

from __future__ import annotations

from typing import Any

from toolkit.models import Meeting, page_path
from toolkit.publishing.site.context import Page, Site
from toolkit.publishing.site.i18n import _, country, n_, partial_date
from toolkit.publishing.site.markup import json_ld, label, prose, text
from toolkit.publishing.site.pages.common import (
    RECORD_BOOST,
    Generated,
    accounts,
    date_cell,
    facts,
    index_table,
    markdown_page,
    quotes,
    record_footer,
    status_badge,
)


def pages(site: Site) -> list[Generated]:
    """One page per meeting, and the section index."""
    meetings = site.of(Meeting)
    generated = [(f"meetings/{m.id}.md", meeting_page(site, m)) for m in meetings]
    return [*generated, ("meetings/index.md", index(site, meetings))]


def meeting_page(site: Site, meeting: Meeting) -> str:
    """The page of one meeting."""
    page = Page(site, page_path("meetings", meeting.id))
    when = text(partial_date(meeting.date))
    if meeting.end:
        when = _("{start} to {end}").format(start=when, end=text(partial_date(meeting.end)))
    where = f"{text(meeting.location.city)}, {text(country(meeting.location.country))}"
    earlier = page.link("meetings", meeting.previous) if meeting.previous else ""
    later = ", ".join(page.link("meetings", m.id) for m in site.later_rounds.get(meeting.id, []))
    related = ", ".join(page.link("meetings", m) for m in meeting.related)
    summary, participants = _("Summary"), _("Participants")
    body = [
        facts(
            [
                (_("Date"), when),
                (_("Place"), where),
                (_("Kind"), label(meeting.kind)),
                (_("Round"), _round(site, meeting)),
                (_("Previous round"), earlier),
                (_("Next round"), later),
                (_("Held alongside"), related),
            ]
        ),
        accounts(page, meeting.accounts, [p.delegation for p in meeting.participants]),
        f'<h2 id="summary">{summary}</h2>',
        page.statements(meeting.statements),
        f'<h2 id="participants">{participants}</h2>',
        "<ul>"
        + "".join(
            f"<li>{page.link('people', p.person)} — {prose(p.role)} "
            f"({text(country(p.delegation))})</li>"
            for p in meeting.participants
        )
        + "</ul>",
        _commitments(page, site, meeting),
        quotes(page, meeting.quotes),
        record_footer(page, meeting),
        json_ld(_event(site, meeting)),
    ]
    return markdown_page(
        meeting.title, "\n".join(part for part in body if part), search_boost=RECORD_BOOST
    )


def _round(site: Site, meeting: Meeting) -> str:
    """Which round of its series a meeting is, in words: the series id is for machines."""
    if not meeting.series:
        return ""
    rounds = sorted(
        (m for m in site.of(Meeting) if m.series == meeting.series), key=lambda m: (m.date, m.id)
    )
    number = [m.id for m in rounds].index(meeting.id) + 1
    return n_(
        "Round {number} of {total} recorded in this series",
        "Round {number} of {total} recorded in this series",
        len(rounds),
    ).format(number=number, total=len(rounds))


def _commitments(page: Page, site: Site, meeting: Meeting) -> str:
    made = site.commitments_by_meeting.get(meeting.id, [])
    if not made:
        return ""
    rows = "".join(
        f"<li>{page.link('commitments', c.id)} {status_badge(c.current_status)}</li>" for c in made
    )
    heading = _("Commitments made")
    return f'<h2 id="commitments">{heading}</h2>\n<ul>{rows}</ul>'


def _event(site: Site, meeting: Meeting) -> dict[str, Any]:
    """schema.org Event data for search engines and other tools."""
    event: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": meeting.title,
        "startDate": meeting.date,
        "description": " ".join(s.text for s in meeting.statements),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": meeting.location.city,
            "address": {
                "@type": "PostalAddress",
                "addressLocality": meeting.location.city,
                "addressCountry": meeting.location.country,
            },
        },
        "attendee": [
            {"@type": "Person", "name": site.title_of("people", p.person), "jobTitle": p.role}
            for p in meeting.participants
        ],
    }
    if meeting.end:
        event["endDate"] = meeting.end
    return event


def index(site: Site, meetings: list[Meeting]) -> str:
    """The meetings section: every meeting, newest first."""
    page = Page(site, "meetings/")
    ordered = sorted(meetings, key=lambda m: m.date, reverse=True)
    rows = [
        [date_cell(m.date), page.link("meetings", m.id), text(m.location.city), label(m.kind)]
        for m in ordered
    ]
    table = index_table([_("Date"), _("Meeting"), _("Place"), _("Kind")], rows)
    return markdown_page(_("Meetings"), table)
