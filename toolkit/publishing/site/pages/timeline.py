"""The timeline: one entry per happening, grouped by year, each linked to its record.

It is HTML, not a drawing, so its text is the page's own text at every width, entries are links,
and a screen reader reads it as headings and paragraphs. A filter by kind and topic is added by
``assets/timeline.js``; without scripts every entry shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby

from toolkit.foundation.reserved import TIMELINE_KEY, TIMELINE_YEAR
from toolkit.models import Event, Meeting
from toolkit.models.events import EventKind
from toolkit.models.meetings import MeetingKind
from toolkit.publishing.site.context import Page, Site
from toolkit.publishing.site.markup import label, text
from toolkit.publishing.site.pages.common import Generated, accounts, discrepancies, markdown_page


@dataclass
class Entry:
    """One happening: a meeting record, an event, or a meeting and the events that tell of it
    on the same day (which would otherwise show the same meeting twice)."""

    date: str
    end: str | None
    title: str
    kind: MeetingKind | EventKind
    meeting: Meeting | None = None
    events: list[Event] = field(default_factory=list)
    topics: set[str] = field(default_factory=set)

    @property
    def anchor(self) -> str:
        """The entry's own anchor: the meeting's id, else the event's."""
        return self.meeting.id if self.meeting else self.events[0].id

    @property
    def year(self) -> str:
        """The year the entry is filed under."""
        return self.date[:4]


def entries(site: Site) -> list[Entry]:
    """Every meeting and event, oldest first; an event of kind ``meeting`` that names a meeting
    record of the same date joins that meeting's entry rather than stand beside it."""
    found: dict[str, Entry] = {}
    for meeting in site.of(Meeting):
        topics = {t for c in site.commitments_by_meeting.get(meeting.id, []) for t in c.topics}
        found[meeting.id] = Entry(
            meeting.date, meeting.end, meeting.title, meeting.kind, meeting=meeting, topics=topics
        )
    for event in site.of(Event):
        same_day = [
            found[m]
            for m in event.meetings
            if event.kind == EventKind.MEETING and found[m].meeting and found[m].date == event.date
        ]
        if same_day:
            same_day[0].events.append(event)
            same_day[0].topics.update(event.topics)
        else:
            found[event.id] = Entry(
                event.date,
                event.end,
                event.title,
                event.kind,
                events=[event],
                topics=set(event.topics),
            )
    return sorted(found.values(), key=lambda e: (e.date, e.meeting is None, e.anchor))


def _with_broader(site: Site, topics: Iterable[str]) -> list[str]:
    """Topics with every broader topic above them, so filtering by "Illicit drugs" also finds
    an entry about fentanyl precursors."""
    found: set[str] = set()
    for topic in topics:
        while topic and topic not in found:
            found.add(topic)
            topic = site.get("topics", topic).parent
    return sorted(found)


def _entry(page: Page, entry: Entry) -> str:
    """One entry: date, title linked to its record, kind, topics, and what the sources say."""
    when = f'<span class="date">{text(entry.date)}</span>'
    if entry.end:
        when += f' to <span class="date">{text(entry.end)}</span>'
    if entry.meeting:
        title = page.link("meetings", entry.meeting.id, entry.title)
        marker = "meeting"
    else:
        title = f'<a href="#{text(entry.anchor)}">{text(entry.title)}</a>'
        marker = "event"
    about = [f'<span class="entry-kind">{label(entry.kind)}</span>']
    if entry.topics:
        links = ", ".join(page.link("topics", t) for t in sorted(entry.topics))
        about.append(f"Topics: {links}")
    body = []
    if entry.meeting and not entry.events:
        body.append(page.statements(entry.meeting.statements))
    for event in entry.events:
        body.append(page.statements(event.statements))
        if event.accounts:
            body.append(accounts(page, event.accounts, event.countries, level=4))
        body.append(discrepancies(page, event.discrepancies, titled=False))
    if entry.meeting:
        body.append(f"<p>{page.link('meetings', entry.meeting.id, 'The meeting’s own page')}</p>")
    extra_anchors = "".join(
        f'<span id="{text(event.id)}"></span>' for event in entry.events if event.id != entry.anchor
    )
    topics = " ".join(_with_broader(page.site, entry.topics))
    return (
        f'<article class="timeline-entry timeline-{marker}" id="{text(entry.anchor)}" '
        f'data-kind="{text(entry.kind.value)}" data-topics="{text(topics)}">{extra_anchors}\n'
        f"<h3>{when}: {title}</h3>\n"
        f'<p class="entry-about">{" · ".join(about)}</p>\n'
        + "\n".join(b for b in body if b)
        + "\n</article>"
    )


def _key(items: list[Entry]) -> str:
    """The legend: what the two markers mean, and every kind that appears with its meaning."""
    kinds = dict.fromkeys(e.kind for e in items)
    meanings = "\n".join(
        f"<dt>{text(kind.label)}</dt>\n<dd>{text(kind.meaning)}</dd>"
        for kind in sorted(kinds, key=lambda k: (isinstance(k, EventKind), k.label))
    )
    return (
        f'<h2 id="{TIMELINE_KEY}">Key</h2>\n<ul class="timeline-key">\n'
        '<li><span class="timeline-marker timeline-meeting" aria-hidden="true"></span> '
        "A meeting with its own page: who took part and what was agreed.</li>\n"
        '<li><span class="timeline-marker timeline-event" aria-hidden="true"></span> '
        "An event around the dialogue, told here in full.</li>\n</ul>\n"
        f'<details class="timeline-kinds"><summary>Kinds of entry</summary>\n<dl>\n{meanings}\n'
        "</dl></details>"
    )


def _filter(site: Site, items: list[Entry]) -> str:
    """The filter form, hidden until ``timeline.js`` makes it work."""
    kinds = dict.fromkeys(e.kind for e in items)
    kind_options = "".join(
        f'<option value="{text(k.value)}">{text(k.label)}</option>'
        for k in sorted(kinds, key=lambda k: k.label)
    )
    topics = sorted(
        {t for e in items for t in _with_broader(site, e.topics)},
        key=lambda t: site.get("topics", t).name,
    )
    topic_options = "".join(
        f'<option value="{text(t)}">{text(site.get("topics", t).name)}</option>' for t in topics
    )
    return (
        '<form class="timeline-filter" hidden aria-label="Filter the timeline">\n'
        '<label>Kind <select name="kind"><option value="">Every kind</option>'
        f"{kind_options}</select></label>\n"
        '<label>Topic <select name="topic"><option value="">Every topic</option>'
        f"{topic_options}</select></label>\n"
        '<p class="timeline-count" role="status" aria-live="polite"></p>\n</form>'
    )


def _count(number: int, word: str, plural: str | None = None) -> str:
    """ "1 event", "3 events"."""
    return f"{number} {word if number == 1 else plural or word + 's'}"


def pages(site: Site) -> list[Generated]:
    """The timeline page."""
    items = entries(site)
    page = Page(site, "timeline/")
    meetings = sum(1 for e in items if e.meeting)
    summary = (
        f"<p>{_count(len(items), 'entry', 'entries')} from {text(items[0].year)} to "
        f"{text(items[-1].year)}: {_count(meetings, 'meeting')} with a page of its own and "
        f"{_count(len(items) - meetings, 'event')} around the dialogue, oldest first and "
        "grouped by year. Every statement cites its sources.</p>"
        if items
        else "<p>No meetings or events are recorded yet.</p>"
    )
    sections = []
    for year, group in groupby(items, key=lambda e: e.year):
        listed = "\n".join(_entry(page, entry) for entry in group)
        sections.append(
            f'<section class="timeline-year" data-year="{text(year)}">'
            f'<h2 id="{TIMELINE_YEAR.format(year=text(year))}">{text(year)}</h2>\n'
            f"{listed}\n</section>"
        )
    parts = [summary]
    if items:
        parts += [_key(items), _filter(site, items), *sections]
    parts.append(page.citation_list())
    return [("timeline.md", markdown_page("Timeline", "\n".join(parts)))]
