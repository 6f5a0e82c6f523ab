"""The compliance scorecard, derived from the commitments' assessments: each party's score per
commitment now and as of each snapshot's cut-off, and the summaries compliance research reports.

Scores follow summit-compliance research: +1 full, 0 partial, -1 none; "too early" is not
counted in a mean. A snapshot is cut a fixed time after each meeting (``dataset.yaml``'s
``scorecard``); a party's score in it is the newest whose evidence is all dated by the cut-off.
Nothing here is typed into the records twice: it all comes from the dated assessments.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from toolkit.foundation.dates import earliest, latest
from toolkit.models import Commitment, Meeting
from toolkit.models.commitment_terms import CommitmentStatus, ComplianceScore, ScoreBasis
from toolkit.models.commitments import Assessment, PartyScore
from toolkit.models.compliance import add_months, as_of, score_events
from toolkit.models.dataset_info import ScorecardRules
from toolkit.publishing.dataset import Dataset


@dataclass(frozen=True)
class Snapshot:
    """A scorecard cut at a fixed time after one meeting."""

    meeting: Meeting
    name: str
    cutoff: dt.date
    provisional: bool
    """The cut-off is later than the newest date in the data: the snapshot can still change."""


@dataclass(frozen=True)
class ScoreRow:
    """One party's standing on one commitment, now or as of a snapshot."""

    commitment: Commitment
    party: str
    assessment: Assessment | None
    """The assessment that gave the score, None if the party was never scored by then."""
    given: PartyScore | None
    methodology: str | None
    """The version of the method the score was given under."""
    snapshot: Snapshot | None = None

    @property
    def score(self) -> ComplianceScore | None:
        """The score, None if never scored."""
        return self.given.score if self.given else None

    @property
    def basis(self) -> ScoreBasis | None:
        """What the score rests on."""
        return self.given.basis if self.given else None

    @property
    def points(self) -> int | None:
        """+1, 0 or -1; None when too early or never scored."""
        return self.given.score.points if self.given else None

    @property
    def percentage(self) -> int | None:
        """The score on a scale of 0 to 100 ((score + 1) x 50), as compliance reports give it."""
        return None if self.points is None else (self.points + 1) * 50

    @property
    def evidence_through(self) -> str | None:
        """The date the score speaks up to: how far the searched material reaches, else the
        date of the assessment."""
        if self.given is None or self.assessment is None:
            return None
        return self.given.searched_through or self.assessment.date

    @property
    def rests_on_silence(self) -> bool:
        """A -1 resting on a search that found no report (not on a reported failure)."""
        return self.points is not None and self.basis == ScoreBasis.NO_REPORT

    @property
    def guideline(self) -> str | None:
        """What the commitment's guideline says this score means."""
        guideline = self.commitment.guideline
        if guideline is None or self.score is None or self.points is None:
            return None
        return str(getattr(guideline, str(self.score)))


def _rows_for(
    commitment: Commitment,
    rules: ScorecardRules | None,
    cutoff: dt.date | None,
    snapshot: Snapshot | None,
) -> list[ScoreRow]:
    """Each party's row for a commitment: its newest score, or as of the cut-off."""
    events = score_events(commitment)
    rows = []
    for party in dict.fromkeys(commitment.parties):  # a party listed twice is one row
        if cutoff is None:
            mine = [event for event in events if event.party == party]
            event = mine[-1] if mine else None
        else:
            event = as_of(events, party, cutoff)
        if event is None:
            rows.append(ScoreRow(commitment, party, None, None, None, snapshot))
            continue
        assessment = commitment.assessments[event.assessment]
        version = rules.version_on(assessment.date).version if rules else None
        rows.append(
            ScoreRow(
                commitment,
                party,
                assessment,
                assessment.scores[event.place],
                version,
                snapshot,
            )
        )
    return rows


def current_rows(dataset: Dataset) -> list[ScoreRow]:
    """Each party's newest score per commitment, in commitment id then party order."""
    rules = dataset.info.scorecard
    commitments = sorted(_commitments(dataset), key=lambda c: c.id)
    return [row for c in commitments for row in _rows_for(c, rules, None, None)]


def snapshots(dataset: Dataset) -> list[Snapshot]:
    """Every snapshot: per meeting with commitments (oldest first), per compliance period."""
    rules = dataset.info.scorecard
    if rules is None:
        return []
    made_at = {c.meeting for c in _commitments(dataset)}
    meetings = sorted(
        (m for m in dataset.records["meetings"] if isinstance(m, Meeting) and m.id in made_at),
        key=lambda m: (earliest(m.date), m.id),
    )
    newest = latest(dataset.last_updated) if dataset.last_updated else None
    cut = []
    for meeting in meetings:
        for period in rules.snapshots:
            cutoff = add_months(meeting.date, period.months)
            provisional = newest is None or cutoff > newest
            cut.append(Snapshot(meeting, period.name, cutoff, provisional))
    return cut


def snapshot_rows(dataset: Dataset, snapshot: Snapshot) -> list[ScoreRow]:
    """Each party's score per commitment made at the snapshot's meeting, as of its cut-off."""
    rules = dataset.info.scorecard
    commitments = sorted(
        (c for c in _commitments(dataset) if c.meeting == snapshot.meeting.id),
        key=lambda c: c.id,
    )
    return [row for c in commitments for row in _rows_for(c, rules, snapshot.cutoff, snapshot)]


def _commitments(dataset: Dataset) -> list[Commitment]:
    return [c for c in dataset.records["commitments"] if isinstance(c, Commitment)]


@dataclass(frozen=True)
class Summary:
    """How a group of party scores stands: counts, the mean, and the mean without silence."""

    rows: int
    """Party scores in the group (commitments x parties)."""
    scored: int
    """Scored +1, 0 or -1."""
    too_early: int
    not_scored: int
    """Never scored by the cut-off."""
    no_report: int
    """Scored -1 on a search that found no report."""
    counts: dict[str, int]
    """Rows by score (``full``, ``partial``, ``none``, ``too-early``, ``not-scored``)."""
    mean: float | None
    """The mean of the numeric scores, -1 to +1."""
    mean_reported: float | None
    """The same mean, leaving out -1 scores resting on no report: how much the figure owes to
    silence."""

    @staticmethod
    def percent(mean: float | None) -> float | None:
        """A mean on the 0 to 100 scale."""
        return None if mean is None else round((mean + 1) * 50, 1)


def summarise(rows: Iterable[ScoreRow]) -> Summary:
    """The counts and means of a group of rows."""
    rows = list(rows)
    points = [row.points for row in rows if row.points is not None]
    reported = [row.points for row in rows if row.points is not None and not row.rests_on_silence]
    counts = Counter(str(row.score) if row.score else "not-scored" for row in rows)
    return Summary(
        rows=len(rows),
        scored=len(points),
        too_early=counts["too-early"],
        not_scored=counts["not-scored"],
        no_report=sum(row.rests_on_silence for row in rows),
        counts=dict(counts),
        mean=_mean(points),
        mean_reported=_mean(reported),
    )


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def groups(rows: list[ScoreRow]) -> list[tuple[str, str, str, list[ScoreRow]]]:
    """The groups a summary reports: overall, per party, per topic (kind, party, topic, rows)."""
    found: list[tuple[str, str, str, list[ScoreRow]]] = [("overall", "", "", rows)]
    for party in sorted({row.party for row in rows}):
        found.append(("party", party, "", [row for row in rows if row.party == party]))
    topics = sorted({topic for row in rows for topic in row.commitment.topics})
    for topic in topics:
        found.append(("topic", "", topic, [row for row in rows if topic in row.commitment.topics]))
    return found


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
