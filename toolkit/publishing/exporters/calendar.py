"""iCalendar files of each commitment's dated milestones: the day it was made, each
assessment, and its deadline where the sources give one (``calendar/<id>.ics``, and every
commitment in ``calendar/commitments.ics``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Calendar, Event, vText

from toolkit.foundation.dates import is_day_precise, latest
from toolkit.foundation.escaping import ics_text
from toolkit.foundation.reserved import COMBINED_CALENDAR
from toolkit.models import Commitment, Meeting
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
    folder = out / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"{COMBINED_CALENDAR}.ics").open("wb") as everything:
        everything.write(_header(f"{dataset.info.title}: commitments"))
        for commitment in dataset.records["commitments"]:
            assert isinstance(commitment, Commitment)
            events = b"".join(
                event.to_ical()
                for event in milestones(commitment, meetings.get(commitment.meeting), stamp)
            )
            everything.write(events)
            (folder / f"{commitment.id}.ics").write_bytes(
                _header(commitment.title) + events + _FOOTER
            )
        everything.write(_FOOTER)


_FOOTER = b"END:VCALENDAR\r\n"


def _header(name: str) -> bytes:
    """A calendar's opening lines, up to where its events go."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _Text(name))
    whole: bytes = calendar.to_ical()
    return whole.removesuffix(_FOOTER)


def milestones(commitment: Commitment, meeting: Meeting | None, stamp: dt.datetime) -> list[Event]:
    """All-day events for the commitment's dates known to the day (deadlines known only to the
    month or year fall on its last day, as a deadline would)."""
    events = []
    if meeting is not None and is_day_precise(meeting.date):
        events.append(
            _event(
                commitment,
                "made",
                meeting.date,
                f"Made: {commitment.title}",
                stamp,
                f"Agreed at {meeting.title}.",
            )
        )
    for number, assessment in enumerate(commitment.assessments):
        if is_day_precise(assessment.date):
            events.append(
                _event(
                    commitment,
                    f"assessment-{number}",
                    assessment.date,
                    f"{commitment.title}: {assessment.status}",
                    stamp,
                    assessment.summary,
                )
            )
    if commitment.deadline is not None:
        deadline = commitment.deadline.date
        precision = "" if is_day_precise(deadline) else f" (the sources give {deadline})"
        events.append(
            _event(
                commitment,
                "deadline",
                latest(deadline).isoformat(),
                f"Deadline: {commitment.title}",
                stamp,
                f"Due{precision}.",
            )
        )
    return events


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


class _Text(vText):  # type: ignore[misc]
    """Record text as an iCalendar TEXT value. icalendar's own escaping turns a literal ``\\N``
    into a line break and passes control characters through; this writes RFC 5545 escaping."""

    def to_ical(self) -> bytes:
        return ics_text(str(self)).encode("utf-8")
