"""Commitments: scores only for their parties, and deadlines followed by an assessment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from toolkit.checking.rules.records import CheckedRecord
from toolkit.foundation.dates import earliest, latest, may_precede
from toolkit.foundation.problems import Problem


def check_scored_parties(record: CheckedRecord) -> Iterator[Problem]:
    """Each assessment scores only the commitment's parties, each at most once."""
    if record.collection != "commitments":
        return
    model: Any = record.model
    parties = set(model.parties)
    for number, assessment in enumerate(model.assessments):
        seen: set[str] = set()
        for place, score in enumerate(assessment.scores):
            path = ("assessments", number, "scores", place, "party")
            if score.party not in parties:
                yield record.problem(
                    "E-PARTY",
                    f"'{score.party}' is not a party to this commitment",
                    path,
                    hint=f"score one of: {', '.join(model.parties)}",
                )
            elif score.party in seen:
                yield record.problem(
                    "E-PARTY",
                    f"'{score.party}' is scored twice in this assessment",
                    path,
                    hint="keep one score per party",
                )
            seen.add(score.party)


def overdue(records: list[CheckedRecord], as_of: str) -> Iterator[Problem]:
    """Commitments whose deadline passed before ``as_of`` with no assessment since."""
    for record in records:
        deadline, assessed = record.fact("deadline"), record.fact("last_assessed")
        if deadline is None or latest(deadline) >= earliest(as_of):
            continue  # no deadline, or it has not passed
        if assessed is not None and may_precede(deadline, assessed):
            continue
        yield record.problem(
            "W-OVERDUE",
            f"deadline {deadline} has passed (as of {as_of}) and the newest assessment is "
            f"dated {assessed}",
            ("deadline", "date"),
            hint="add an assessment dated on or after the deadline",
        )


STALE_AFTER_DAYS = 90
"""How old a commitment's newest assessment may be before validation asks for a new one."""


def stale(
    records: list[CheckedRecord], as_of: str, days: int = STALE_AFTER_DAYS
) -> Iterator[Problem]:
    """Commitments whose newest assessment is older than ``days`` on ``as_of``: silence must be
    assessed too ("no public report found as of ..."), so the record never goes quiet."""
    cutoff = earliest(as_of) - dt.timedelta(days=days)
    for record in records:
        assessed = record.fact("last_assessed")
        if assessed is None or latest(assessed) >= cutoff:
            continue
        yield record.problem(
            "W-STALE",
            f"the newest assessment is dated {assessed}, more than {days} days before {as_of}",
            ("assessments",),
            hint="search for later reports and add an assessment; if none is found, add one "
            "saying what was searched and that nothing was found",
        )
