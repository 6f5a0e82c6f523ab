"""Compliance scores: each rests on a stated basis that agrees with its score and its sources; a
scored commitment has a guideline; silence is scored only as far as the searched material
reaches; a score that changes a published snapshot says why."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from toolkit.checking.rules.records import CheckedRecord
from toolkit.foundation.dates import earliest, latest, may_precede
from toolkit.foundation.problems import Problem
from toolkit.models import Record
from toolkit.models.changelog import Changelog
from toolkit.models.commitment_terms import (
    ALLOWED_SCORES,
    CITING_BASES,
    ComplianceScore,
    ScoreBasis,
)
from toolkit.models.commitments import Commitment
from toolkit.models.compliance import ScoreEvent, add_months, recalibrations, score_events
from toolkit.models.dataset_info import DatasetInfo

SILENT_BASES = frozenset({ScoreBasis.NO_REPORT, ScoreBasis.REAFFIRMATION})
"""Bases that report no step: they wait out the waiting period before scoring -1 or 0."""


def check_score_bases(record: CheckedRecord) -> Iterator[Problem]:
    """Within one commitment: each score's basis admits its score, cites what it rests on (some
    of the assessment's sources) or says what was searched and how far; a guideline exists once
    any party is scored."""
    if record.collection != "commitments":
        return
    model: Any = record.model
    first_scored = None
    for number, assessment in enumerate(model.assessments):
        cited = set(assessment.sources)
        for place, score in enumerate(assessment.scores):
            path = ("assessments", number, "scores", place)
            if score.score.points is not None and first_scored is None:
                first_scored = (*path, "score")
            if score.score not in ALLOWED_SCORES[score.basis]:
                allowed = ", ".join(sorted(str(s) for s in ALLOWED_SCORES[score.basis]))
                yield record.problem(
                    "E-SCORE-BASIS",
                    f"a score of '{score.score}' cannot rest on '{score.basis}' "
                    f"({score.basis.meaning.rstrip('.').lower()})",
                    (*path, "score"),
                    hint=f"on this basis score one of: {allowed}; or correct the basis",
                )
            if score.basis in CITING_BASES and not score.sources:
                yield record.problem(
                    "E-SCORE-BASIS",
                    f"a score resting on '{score.basis}' cites no report",
                    (*path, "basis"),
                    hint="list the report under the score's sources (one of the assessment's "
                    "sources)",
                )
            for index, source in enumerate(score.sources):
                if source not in cited:
                    yield record.problem(
                        "E-SCORE-SOURCE",
                        f"the score cites '{source}', which the assessment does not",
                        (*path, "sources", index),
                        hint="add it to the assessment's sources, or cite one of: "
                        + ", ".join(assessment.sources),
                    )
            yield from _search(record, score, assessment.date, path)
    if first_scored is not None and model.guideline is None:
        yield record.problem(
            "E-GUIDELINE",
            "a party is scored on the compliance scale, but the commitment has no guideline",
            first_scored,
            hint="add guideline: {full, partial, none, reaffirmation} after qualifies, saying "
            "what each score means for this commitment",
        )


def _search(
    record: CheckedRecord, score: Any, assessed: str, path: tuple[str | int, ...]
) -> Iterator[Problem]:
    """A no-report score says what was searched and how far it reaches, never past the search."""
    if score.basis == ScoreBasis.NO_REPORT:
        for field in ("searched", "searched_through"):
            if getattr(score, field) is None:
                yield record.problem(
                    "E-SCORE-BASIS",
                    f"a score resting on 'no-report' does not say {_SAYS[field]}",
                    (*path, "basis"),
                    hint=f"add {field}: {_EXAMPLES[field]}",
                )
    reach = score.searched_through
    if reach is not None and not may_precede(reach, assessed):
        yield record.problem(
            "E-SCORE-BASIS",
            f"the searched material reaches {reach}, after the assessment's date {assessed}",
            (*path, "searched_through"),
            hint="give the newest date the material searched on the assessment's date reaches",
        )


_SAYS = {
    "searched": "what was searched",
    "searched_through": "the newest date the searched material reaches",
}
_EXAMPLES = {
    "searched": "the stored news and official pages, in English and French, for ...",
    "searched_through": "2026-05 (the newest date the searched pages reach)",
}


def score_facts(model: Record) -> dict[str, Any]:
    """A commitment's meeting and scores, as plain tuples for the cache and the dataset rules."""
    if not isinstance(model, Commitment):
        return {}
    return {"meeting": model.meeting, "scores": tuple(e.as_plain() for e in score_events(model))}


def check_scorecard(
    records: list[CheckedRecord], info: DatasetInfo | None, changelog: Changelog | None
) -> Iterator[Problem]:
    """Across records: scores given under the method in force wait out the waiting period
    counted from the meeting to what the evidence reaches; a score that changes a snapshot
    already published by a release carries its recalibration, and only such a score does."""
    rules = info.scorecard if info is not None else None
    if rules is None:
        return
    meetings = {r.id: r.fact("date") for r in records if r.collection == "meetings"}
    released = sorted(earliest(r.date) for r in changelog.releases) if changelog else []
    in_force = earliest(rules.current.date)
    for record in records:
        met = meetings.get(record.fact("meeting"))
        plain = record.fact("scores")
        if met is None or not plain:
            continue
        events = [ScoreEvent(*item) for item in plain]
        waited = add_months(met, rules.waiting_months)
        for event in events:
            if earliest(event.assessed) >= in_force:
                yield from _waiting(record, event, waited, rules.waiting_months)
        changed: set[tuple[int, int]] = set()
        for period in rules.snapshots:
            cutoff = add_months(met, period.months)
            published = next((day for day in released if day >= cutoff), None)
            if published is None:
                continue
            for party in sorted({event.party for event in events}):
                for event, replaced in recalibrations(events, party, cutoff, published):
                    changed.add((event.assessment, event.place))
                    if not event.recalibrated:
                        yield _unexplained(record, event, replaced, period.name, cutoff, published)
        for event in events:
            if event.recalibrated and (event.assessment, event.place) not in changed:
                yield record.problem(
                    "E-RECALIBRATION",
                    "the score gives a recalibration, but changes no snapshot already published",
                    ("assessments", event.assessment, "scores", event.place, "recalibration"),
                    hint="remove recalibration: a new score for a period not yet published is "
                    "an ordinary assessment",
                )


def _waiting(
    record: CheckedRecord, event: ScoreEvent, waited: dt.date, months: int
) -> Iterator[Problem]:
    reach = event.evidence_date
    path = ("assessments", event.assessment, "scores", event.place, "score")
    early = event.score == ComplianceScore.TOO_EARLY
    if early and earliest(reach) >= waited:
        yield record.problem(
            "E-SCORE-WAIT",
            f"scored too early, but the evidence reaches {reach}, after the waiting period of "
            f"{months} months ended on {waited.isoformat()}",
            path,
            hint="score the party: -1 ('none') with basis no-report when the search found no "
            "step, or the score the reported step earns",
        )
    elif not early and event.basis in SILENT_BASES and latest(reach) < waited:
        yield record.problem(
            "E-SCORE-WAIT",
            f"'{event.score}' on '{event.basis}' with evidence reaching only {reach}, before the "
            f"waiting period of {months} months ends on {waited.isoformat()}",
            path,
            hint="silence that short is 'too-early'; search material reaching past the waiting "
            "period before scoring it",
        )


def _unexplained(
    record: CheckedRecord,
    event: ScoreEvent,
    replaced: ScoreEvent,
    snapshot: str,
    cutoff: dt.date,
    published: dt.date,
) -> Problem:
    return record.problem(
        "E-RECALIBRATION",
        f"the score changes the {snapshot} snapshot (cut-off {cutoff.isoformat()}), published "
        f"on {published.isoformat()}, from '{replaced.score}' to '{event.score}' without saying "
        "why",
        ("assessments", event.assessment, "scores", event.place, "score"),
        hint="add recalibration: the new material or reading that changed the score",
    )
