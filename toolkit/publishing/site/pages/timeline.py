"""The timeline: one entry per happening, grouped by year, each linked to its record.

It is HTML, not a drawing, so its text is the page's own text at every width, entries are links,
and a screen reader reads it as headings and paragraphs. A filter by kind and topic is added by
``assets/timeline.js``; without scripts every entry shows.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby

from toolkit.foundation.reserved import TIMELINE_KEY, TIMELINE_YEAR
from toolkit.models import Event, Meeting
from toolkit.models.events import EventKind
from toolkit.models.meetings import MeetingKind
from toolkit.publishing.site.context import Page, Site
from toolkit.publishing.site.i18n import _, current_language, n_, partial_date
from toolkit.publishing.site.markup import EnglishText, label, prose, text
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
    when = f'<span class="date">{text(partial_date(entry.date))}</span>'
    if entry.end:
        end = f'<span class="date">{text(partial_date(entry.end))}</span>'
        when = _("{start} to {end}").format(start=when, end=end)
    if entry.meeting:
        title = page.link("meetings", entry.meeting.id, entry.title)
        marker = "meeting"
    else:
        title = f'<a href="#{text(entry.anchor)}">{prose(entry.title)}</a>'
        marker = "event"
    about = [f'<span class="entry-kind">{label(entry.kind)}</span>']
    if entry.topics:
        links = ", ".join(page.link("topics", t) for t in sorted(entry.topics))
        about.append(_("Topics: {topics}").format(topics=links))
    body = []
    if entry.meeting and not entry.events:
        body.append(page.statements(entry.meeting.statements))
    for event in entry.events:
        body.append(page.statements(event.statements))
        if event.accounts:
            body.append(accounts(page, event.accounts, event.countries, level=4))
        body.append(discrepancies(page, event.discrepancies, titled=False))
    if entry.meeting:
        own_page = page.link("meetings", entry.meeting.id, _("The meeting’s own page"))
        body.append(f"<p>{own_page}</p>")
    extra_anchors = "".join(
        f'<span id="{text(event.id)}"></span>' for event in entry.events if event.id != entry.anchor
    )
    topics = " ".join(_with_broader(page.site, entry.topics))
    return (
        f'<article class="timeline-entry timeline-{marker}" id="{text(entry.anchor)}" '
        f'data-kind="{text(entry.kind.value)}" data-topics="{text(topics)}">{extra_anchors}\n'
        "<h3>" + _("{when}: {title}").format(when=when, title=title) + "</h3>\n"
        f'<p class="entry-about">{" · ".join(about)}</p>\n'
        + "\n".join(b for b in body if b)
        + "\n</article>"
    )


def _key(items: list[Entry]) -> str:
    """The legend: what the two markers mean, and every kind that appears with its meaning."""
    kinds = dict.fromkeys(e.kind for e in items)
    meanings = "\n".join(
        f"<dt>{text(_words(kind))}</dt>\n<dd>{prose(EnglishText(kind.meaning))}</dd>"
        for kind in sorted(kinds, key=lambda k: (isinstance(k, EventKind), _in_order(_words(k))))
    )
    key, kinds_of_entry = _("Key"), _("Kinds of entry")
    return (
        f'<h2 id="{TIMELINE_KEY}">{key}</h2>\n<ul class="timeline-key">\n'
        '<li><span class="timeline-marker timeline-meeting" aria-hidden="true"></span> '
        + _("A meeting with its own page: who took part and what was agreed.")
        + "</li>\n"
        '<li><span class="timeline-marker timeline-event" aria-hidden="true"></span> '
        + _("An event around the dialogue, told here in full.")
        + "</li>\n</ul>\n"
        f'<details class="timeline-kinds"><summary>{kinds_of_entry}</summary>\n<dl>\n'
        f"{meanings}\n</dl></details>"
    )


def _words(kind: MeetingKind | EventKind) -> str:
    """A kind's label in the page's language, as plain words (for an option, a term)."""
    return kind.labels.get(current_language(), kind.label)


def _in_order(words: str) -> str:
    """Words as a list sorts them: an accented letter beside its plain one ("Élection" among
    the E's, not after the Z's)."""
    decomposed = unicodedata.normalize("NFKD", words)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _filter(site: Site, items: list[Entry]) -> str:
    """The filter form, hidden until ``timeline.js`` makes it work."""
    kinds = dict.fromkeys(e.kind for e in items)
    kind_options = "".join(
        f'<option value="{text(k.value)}">{text(_words(k))}</option>'
        for k in sorted(kinds, key=lambda k: _in_order(_words(k)))
    )
    topics = sorted(
        {t for e in items for t in _with_broader(site, e.topics)},
        key=lambda t: _in_order(site.get("topics", t).name),
    )
    topic_options = "".join(
        f'<option value="{text(t)}">{text(site.get("topics", t).name)}</option>' for t in topics
    )
    name, kind, every_kind = _("Filter the timeline"), _("Kind"), _("Every kind")
    topic, every_topic = _("Topic"), _("Every topic")
    return (
        f'<form class="timeline-filter" hidden aria-label="{name}">\n'
        f'<label>{kind} <select name="kind"><option value="">{every_kind}</option>'
        f"{kind_options}</select></label>\n"
        f'<label>{topic} <select name="topic"><option value="">{every_topic}</option>'
        f"{topic_options}</select></label>\n"
        '<p class="timeline-count" role="status" aria-live="polite"></p>\n</form>'
    )


def _summary(items: list[Entry]) -> str:
    """How many entries of each sort the timeline holds, and over which years."""
    if not items:
        return "<p>" + _("No meetings or events are recorded yet.") + "</p>"
    meetings = sum(1 for e in items if e.meeting)
    events = len(items) - meetings
    said = _(
        "{entries} from {first} to {last}: {meetings} and {events}, oldest first and grouped by"
        " year. Every statement cites its sources."
    ).format(
        entries=n_("{count} entry", "{count} entries", len(items)).format(count=len(items)),
        first=text(items[0].year),
        last=text(items[-1].year),
        meetings=n_(
            "{count} meeting with a page of its own",
            "{count} meetings with a page of its own",
            meetings,
        ).format(count=meetings),
        events=n_(
            "{count} event around the dialogue", "{count} events around the dialogue", events
        ).format(count=events),
    )
    return f"<p>{said}</p>"


def pages(site: Site) -> list[Generated]:
    """The timeline page."""
    items = entries(site)
    page = Page(site, "timeline/")
    summary = _summary(items)
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
    return [("timeline.md", markdown_page(_("Timeline"), "\n".join(parts)))]
