"""iCalendar files of each commitment's dated milestones: the day it was made, each
assessment, and its deadline where the sources give one (``calendar/<id>.ics``, and every
commitment in ``calendar/commitments.ics``)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from icalendar import Calendar, Event, vText

from toolkit.foundation.dates import is_day_precise, latest
from toolkit.foundation.escaping import ics_text
from toolkit.foundation.reserved import COMBINED_CALENDAR
from toolkit.models import Commitment, Meeting
from toolkit.models.changelog import ChangeKind, Changelog
from toolkit.publishing.dataset import Dataset

FOLDER = "calendar"
PRODUCT = "-//India-Canada Security Dialogue//toolkit//EN"
DOMAIN = "india-canada-security-dialogue"


def export(dataset: Dataset, out: Path) -> None:
    """Write one calendar per commitment and one with them all, streaming: each event is
    serialised once and written to both, so memory does not grow with the number of events."""
    meetings = {m.id: m for m in dataset.records["meetings"] if isinstance(m, Meeting)}
    stamp = dt.datetime.combine(
        latest(dataset.last_updated) if dataset.last_updated else dt.date(1970, 1, 1),
        dt.time(),
        tzinfo=dt.UTC,
    )
    changes = released_changes(dataset.changelog)
    folder = out / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"{COMBINED_CALENDAR}.ics").open("wb") as everything:
        everything.write(_header(f"{dataset.info.title}: commitments"))
        for commitment in dataset.records.one_by_one("commitments"):
            assert isinstance(commitment, Commitment)
            history = changes.get(commitment.id, [])
            events = b"".join(
                event.to_ical()
                for event in milestones(
                    commitment, meetings.get(commitment.meeting), stamp, history
                )
            )
            everything.write(events)
            (folder / f"{commitment.id}.ics").write_bytes(
                _header(commitment.title) + events + _FOOTER
            )
        everything.write(_FOOTER)


_FOOTER = b"END:VCALENDAR\r\n"

Revision = tuple[str, ChangeKind, list[str]]
"""A release's date, and what it did to a record: added, removed or changed (which fields)."""


def released_changes(changelog: Changelog | None) -> dict[str, list[Revision]]:
    """Each commitment's releases, oldest first, from the change log."""
    found: dict[str, list[Revision]] = {}
    for release in reversed(changelog.releases if changelog else []):
        for change in release.changes:
            if change.collection == "commitments":
                found.setdefault(change.id, []).append((release.date, change.change, change.fields))
    return found


def _touching(*shown: str) -> Callable[[str], bool]:
    """Whether a changed field (``assessments[2].summary``) is, or is inside, one of the fields
    an event shows (``assessments[2]``, but not ``assessments[20]``)."""

    def touches(field: str) -> bool:
        return any(field == name or field.startswith((f"{name}.", f"{name}[")) for name in shown)

    return touches


def _last_modified(history: Sequence[Revision], touches: Callable[[str], bool]) -> str | None:
    """The date of the newest release that added the record or changed what an event shows."""
    dates = [
        date
        for date, change, fields in history
        if change is ChangeKind.ADDED or any(touches(field) for field in fields)
    ]
    return dates[-1] if dates else None


def _header(name: str) -> bytes:
    """A calendar's opening lines, up to where its events go."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _Text(name))
    whole: bytes = calendar.to_ical()
    return whole.removesuffix(_FOOTER)


def milestones(
    commitment: Commitment,
    meeting: Meeting | None,
    stamp: dt.datetime,
    history: Sequence[Revision] = (),
) -> list[Event]:
    """All-day events for the commitment's dates known to the day (deadlines known only to the
    month or year fall on its last day, as a deadline would).

    Each event's UID says what it is (the commitment, and "made", the assessment's date or
    "deadline"), never its position, so adding an earlier assessment moves no UID; LAST-MODIFIED
    is the newest release that changed what the event shows."""
    events = []
    if meeting is not None and is_day_precise(meeting.date):
        event = _event(
            commitment,
            "made",
            meeting.date,
            f"Made: {commitment.title}",
            stamp,
            f"Agreed at {meeting.title}.",
        )
        _modified(event, _last_modified(history, _touching("title", "meeting")))
        events.append(event)
    seen: Counter[str] = Counter()
    for number, assessment in enumerate(commitment.assessments):
        seen[assessment.date] += 1
        if not is_day_precise(assessment.date):
            continue
        again = f"-{seen[assessment.date]}" if seen[assessment.date] > 1 else ""
        event = _event(
            commitment,
            f"assessment-{assessment.date}{again}",
            assessment.date,
            f"{commitment.title}: {assessment.status}",
            stamp,
            assessment.summary,
        )
        _modified(event, _last_modified(history, _touching("title", f"assessments[{number}]")))
        events.append(event)
    if commitment.deadline is not None:
        deadline = commitment.deadline.date
        precision = "" if is_day_precise(deadline) else f" (the sources give {deadline})"
        event = _event(
            commitment,
            "deadline",
            latest(deadline).isoformat(),
            f"Deadline: {commitment.title}",
            stamp,
            f"Due{precision}.",
        )
        _modified(event, _last_modified(history, _touching("title", "deadline")))
        events.append(event)
    return events


def _modified(event: Event, date: str | None) -> None:
    if date is not None and is_day_precise(date):
        moment = dt.datetime.combine(dt.date.fromisoformat(date), dt.time(), tzinfo=dt.UTC)
        event.add("last-modified", moment)


def _event(
    commitment: Commitment, key: str, day: str, summary: str, stamp: dt.datetime, about: str
) -> Event:
    event = Event()
    event.add("uid", f"{commitment.id}-{key}@{DOMAIN}")
    event.add("dtstamp", stamp)
    start = dt.date.fromisoformat(day)
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(days=1))
    event.add("summary", _Text(summary))
    event.add("description", _Text(about))
    return event


class _Text(vText):
    """Record text as an iCalendar TEXT value. icalendar's own escaping turns a literal ``\\N``
    into a line break and passes control characters through; this writes RFC 5545 escaping."""

    def to_ical(self) -> bytes:
        return ics_text(str(self)).encode("utf-8")
