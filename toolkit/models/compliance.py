"""Scores over time: the dates a score speaks for, the cut-off of each compliance period, and a
party's score as of a cut-off, as one snapshot of summit-compliance research reports it.

Validation (the waiting period, recalibrations) and publishing (the scorecard) both read scores
through these functions, on plain values, so a rule and the table it guards cannot drift apart.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from toolkit.foundation.dates import earliest, latest
from toolkit.models.commitments import Commitment


@dataclass(frozen=True)
class ScoreEvent:
    """One party's score in one assessment, in plain values (what the result cache keeps)."""

    assessment: int
    """The assessment's position in the commitment's list."""
    place: int
    """The score's position in the assessment's list."""
    party: str
    score: str
    basis: str
    assessed: str
    """The assessment's date."""
    searched_through: str | None
    recalibrated: bool

    @property
    def evidence_date(self) -> str:
        """The date the score speaks up to: how far the searched material reaches when it says,
        else the date of the assessment (the date of the event or statement it rests on)."""
        return self.searched_through or self.assessed

    def as_plain(self) -> tuple[int, int, str, str, str, str, str | None, bool]:
        """The event as a tuple, for the result cache."""
        return (
            self.assessment,
            self.place,
            self.party,
            self.score,
            self.basis,
            self.assessed,
            self.searched_through,
            self.recalibrated,
        )


def add_months(date: str, months: int) -> dt.date:
    """The day ``months`` after ``date`` (from its last possible day, for a partial date); the
    month's last day when the day does not exist (31 August plus six months is 28 February)."""
    start = latest(date)
    total = start.month - 1 + months
    year, month = start.year + total // 12, total % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def speaks_by(event: ScoreEvent, cutoff: dt.date) -> bool:
    """Whether what the score rests on is all dated on or before the cut-off."""
    return latest(event.evidence_date) <= cutoff


def known_by(event: ScoreEvent, day: dt.date) -> bool:
    """Whether the score had been given by ``day`` (its assessment dated on or before it)."""
    return earliest(event.assessed) <= day


def as_of(
    events: Iterable[ScoreEvent], party: str, cutoff: dt.date, known_on: dt.date | None = None
) -> ScoreEvent | None:
    """The party's score as of a cut-off: the newest (in the record's order) that speaks only of
    material dated by the cut-off; with ``known_on``, only among scores given by that day."""
    found = None
    for event in events:
        if event.party != party or not speaks_by(event, cutoff):
            continue
        if known_on is not None and not known_by(event, known_on):
            continue
        found = event
    return found


def recalibrations(
    events: list[ScoreEvent], party: str, cutoff: dt.date, published_on: dt.date
) -> Iterator[tuple[ScoreEvent, ScoreEvent]]:
    """Each later score that changed the party's score in a snapshot already published (cut at
    ``cutoff``, published on ``published_on``), with the score it replaced. A party the snapshot
    left unscored is scored, not recalibrated, by its first score."""
    standing = as_of(events, party, cutoff, published_on)
    for event in events:
        if event.party != party or known_by(event, published_on) or not speaks_by(event, cutoff):
            continue
        if standing is not None and event.score != standing.score:
            yield event, standing
        standing = event


def score_events(commitment: Commitment) -> list[ScoreEvent]:
    """Every party score of a commitment, in the record's order."""
    return [
        ScoreEvent(
            number,
            place,
            score.party,
            str(score.score),
            str(score.basis),
            assessment.date,
            score.searched_through,
            score.recalibration is not None,
        )
        for number, assessment in enumerate(commitment.assessments)
        for place, score in enumerate(assessment.scores)
    ]
