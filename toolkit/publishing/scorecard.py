"""The compliance scorecard, derived from the commitments' assessments: each party's current
score per commitment, averages per party, and every commitment's status over time.

Scores follow summit-compliance research: +1 full, 0 partial, -1 none; "too early" is not
counted in an average. Nothing here is typed into the records twice: it all comes from the
dated assessments.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from toolkit.foundation.dates import earliest
from toolkit.models import Commitment
from toolkit.models.commitments import CommitmentStatus, ComplianceScore


@dataclass(frozen=True)
class ScoreRow:
    """One party's standing on one commitment."""

    commitment: Commitment
    party: str
    score: ComplianceScore | None
    """The newest score for the party, None if never scored."""
    scored_on: str | None
    """The date of the assessment that gave the score."""
    note: str | None


def score_rows(commitments: list[Commitment]) -> list[ScoreRow]:
    """A row per commitment and party, in commitment id then party order."""
    rows = []
    for commitment in sorted(commitments, key=lambda c: c.id):
        newest: dict[str, tuple[str, ComplianceScore, str]] = {}
        for assessment in commitment.assessments:
            for score in assessment.scores:
                newest[score.party] = (assessment.date, score.score, score.note)
        for party in commitment.parties:
            date, value, note = newest.get(party, (None, None, None))
            rows.append(ScoreRow(commitment, party, value, date, note))
    return rows


@dataclass(frozen=True)
class PartySummary:
    """How one party stands across every commitment it is party to."""

    party: str
    counts: dict[str, int]
    """Commitments by current score (``full``, ``partial``, ``none``, ``too-early``,
    ``unscored``)."""
    average: float | None
    """The mean of the numeric scores (too early and unscored left out), -1 to +1."""


def party_summaries(rows: list[ScoreRow]) -> list[PartySummary]:
    """Each party's counts and average score, parties in alphabetical order."""
    summaries = []
    for party in sorted({row.party for row in rows}):
        mine = [row for row in rows if row.party == party]
        counts = Counter(str(row.score) if row.score else "unscored" for row in mine)
        points = [row.score.points for row in mine if row.score and row.score.points is not None]
        average = sum(points) / len(points) if points else None
        summaries.append(PartySummary(party, dict(counts), average))
    return summaries


def status_over_time(
    commitments: list[Commitment],
) -> list[tuple[str, dict[CommitmentStatus, int]]]:
    """For each date an assessment was made: how many commitments stood at each status."""
    dates = sorted({a.date for c in commitments for a in c.assessments}, key=earliest)
    series = []
    for date in dates:
        counts: Counter[CommitmentStatus] = Counter()
        for commitment in commitments:
            so_far = [a for a in commitment.assessments if earliest(a.date) <= earliest(date)]
            if so_far:
                counts[so_far[-1].status] += 1
        series.append((date, {status: counts[status] for status in CommitmentStatus}))
    return series
