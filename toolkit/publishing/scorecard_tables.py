"""The scorecard as tables: ``scorecard`` (one row per snapshot, commitment and party) and
``scorecard_summary`` (per snapshot: overall, per party, per topic), for CSV, SQLite, JSON and
the data package, described column by column like the record tables."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from toolkit.models.commitment_terms import ComplianceScore, ScoreBasis
from toolkit.models.fields import DATE_PATTERN
from toolkit.publishing.dataset import Dataset
from toolkit.publishing.scorecard import (
    ScoreRow,
    Snapshot,
    groups,
    snapshot_rows,
    snapshots,
    summarise,
)
from toolkit.publishing.tables import Column, Row, Table, all_tables, table_rows, with_date_parts

LIST_SEPARATOR = ";"
"""Between the ids in a list cell (``topics``, ``sources``): split on it to get the ids."""

_SNAPSHOT_COLUMNS = [
    Column(
        "snapshot",
        "The compliance period: `interim` or `final` (as `scorecard.snapshots` in dataset.yaml "
        "declares them).",
        required=True,
    ),
    Column(
        "meeting",
        "The meeting the commitments were made at.",
        required=True,
        references="meetings",
    ),
    Column("cutoff", "The cut-off: scores rest on material dated on or before it.", "date", True),
    Column(
        "provisional",
        "True while the cut-off is later than the newest date in the data: the snapshot can "
        "still change.",
        "boolean",
        True,
    ),
]

SCORECARD = Table(
    "scorecard",
    "scorecard",
    "One row per snapshot, commitment and party: the party's score as of the snapshot's "
    "cut-off (the newest score resting only on material dated by then), what it rests on, and "
    "the guideline that defines it.",
    [
        *_SNAPSHOT_COLUMNS,
        Column(
            "commitment",
            "The commitment scored.",
            required=True,
            references="commitments",
        ),
        Column("party", "The party scored (ISO 3166-1 alpha-2).", required=True),
        Column(
            "topics",
            f"The commitment's topics, ids separated by '{LIST_SEPARATOR}'.",
        ),
        Column(
            "score", "+1 full, 0 partial, -1 none; empty when too early or not scored.", "integer"
        ),
        Column(
            "score_label",
            "The score as a word; empty when the party had not been scored by the cut-off.",
            enum=tuple(str(score) for score in ComplianceScore),
        ),
        Column(
            "basis",
            "What the score rests on: evidence (a reported step), contrary (a reported action "
            "against the commitment), reaffirmation (a restatement, no step), no-report (a "
            "search found no report), too-early.",
            enum=tuple(str(basis) for basis in ScoreBasis),
        ),
        Column("percentage", "The score on a 0 to 100 scale: (score + 1) x 50.", "integer"),
        *with_date_parts(
            [
                Column(
                    "assessed",
                    "The date of the assessment that gave the score.",
                    pattern=DATE_PATTERN,
                ),
                Column(
                    "evidence_through",
                    "The date the score speaks up to: how far the searched material reaches "
                    "for a search, else the assessment's date.",
                    pattern=DATE_PATTERN,
                ),
            ]
        ),
        Column("searched", "What was searched, for a score resting on a search.", prose=True),
        Column(
            "sources",
            f"The reports the score rests on, source ids separated by '{LIST_SEPARATOR}'.",
        ),
        Column("guideline", "What the commitment's guideline says this score means.", prose=True),
        Column("note", "Why the evidence supports the score.", prose=True),
        Column(
            "recalibration",
            "Why the score changed a snapshot already published, when it did.",
            prose=True,
        ),
        Column(
            "methodology_version",
            "The version of the scoring method the score was given under.",
        ),
    ],
    ["snapshot", "meeting", "commitment", "party"],
)

SCORECARD_SUMMARY = Table(
    "scorecard_summary",
    "scorecard",
    "Per snapshot: every party score overall, per party and per topic, counted by score and "
    "basis, with the mean, its percentage, and the same mean leaving out -1 scores that rest "
    "on no report (how much the figure owes to silence).",
    [
        *_SNAPSHOT_COLUMNS,
        Column(
            "group_kind",
            "What the row summarises.",
            required=True,
            enum=("overall", "party", "topic"),
        ),
        Column(
            "group_id",
            "`all` for overall, else the party's code or the topic's id.",
            required=True,
        ),
        Column(
            "party_scores", "Party scores in the group (commitments x parties).", "integer", True
        ),
        Column("scored", "Scored +1, 0 or -1.", "integer", True),
        Column("full", "Scored +1.", "integer", True),
        Column("partial", "Scored 0.", "integer", True),
        Column("none", "Scored -1.", "integer", True),
        Column("no_report", "Scored -1 resting on a search that found no report.", "integer", True),
        Column("too_early", "Too early to score.", "integer", True),
        Column("not_scored", "Not scored by the cut-off.", "integer", True),
        Column("mean", "The mean score, -1 to +1; empty when nothing is scored.", "number"),
        Column("percentage", "The mean on a 0 to 100 scale: (mean + 1) x 50.", "number"),
        Column(
            "mean_without_no_report",
            "The mean leaving out -1 scores resting on no report.",
            "number",
        ),
        Column(
            "percentage_without_no_report",
            "That mean on a 0 to 100 scale.",
            "number",
        ),
    ],
    ["snapshot", "meeting", "group_kind", "group_id"],
)

SCORECARD_TABLES = (SCORECARD, SCORECARD_SUMMARY)


def every_table() -> list[Table]:
    """Every published table: each collection's, then the scorecard's."""
    return [*all_tables(), *SCORECARD_TABLES]


def rows_of(table: Table, dataset: Dataset) -> Iterator[Row]:
    """The rows of any published table."""
    if table is SCORECARD:
        items = (
            score_item(row) for snap in snapshots(dataset) for row in snapshot_rows(dataset, snap)
        )
    elif table is SCORECARD_SUMMARY:
        items = (
            item
            for snap in snapshots(dataset)
            for item in summary_items(snap, snapshot_rows(dataset, snap))
        )
    else:
        yield from table_rows(table, dataset.tabulated[table.collection])
        return
    for item in items:
        yield [
            column.derive(item) if column.derive else item.get(column.name)
            for column in table.columns
        ]


def _snapshot_item(snapshot: Snapshot) -> dict[str, Any]:
    return {
        "snapshot": snapshot.name,
        "meeting": snapshot.meeting.id,
        "cutoff": snapshot.cutoff.isoformat(),
        "provisional": snapshot.provisional,
    }


def score_item(row: ScoreRow) -> dict[str, Any]:
    """One scorecard row as a JSON-ready dict (absent values are None)."""
    assert row.snapshot is not None
    given = row.given
    return _snapshot_item(row.snapshot) | {
        "commitment": row.commitment.id,
        "party": row.party,
        "topics": LIST_SEPARATOR.join(row.commitment.topics) or None,
        "score": row.points,
        "score_label": str(row.score) if row.score else None,
        "basis": str(row.basis) if row.basis else None,
        "percentage": row.percentage,
        "assessed": row.assessment.date if row.assessment else None,
        "evidence_through": row.evidence_through,
        "searched": given.searched if given else None,
        "sources": LIST_SEPARATOR.join(given.sources) or None if given else None,
        "guideline": row.guideline,
        "note": given.note if given else None,
        "recalibration": given.recalibration if given else None,
        "methodology_version": row.methodology,
    }


def summary_items(snapshot: Snapshot, rows: list[ScoreRow]) -> Iterator[dict[str, Any]]:
    """The summary rows of one snapshot, as JSON-ready dicts."""
    for kind, party, topic, members in groups(rows):
        summary = summarise(members)
        yield _snapshot_item(snapshot) | {
            "group_kind": kind,
            "group_id": party or topic or "all",
            "party_scores": summary.rows,
            "scored": summary.scored,
            "full": summary.counts.get("full", 0),
            "partial": summary.counts.get("partial", 0),
            "none": summary.counts.get("none", 0),
            "no_report": summary.no_report,
            "too_early": summary.too_early,
            "not_scored": summary.not_scored,
            "mean": summary.mean,
            "percentage": summary.percent(summary.mean),
            "mean_without_no_report": summary.mean_reported,
            "percentage_without_no_report": summary.percent(summary.mean_reported),
        }


def table_items(table: Table, dataset: Dataset) -> Iterator[dict[str, Any]]:
    """A scorecard table's rows as JSON objects keyed by column, absent values left out, made
    as they are read (at 100,000 records the scorecard's rows run to hundreds of megabytes)."""
    for row in rows_of(table, dataset):
        yield {
            column.name: value
            for column, value in zip(table.columns, row, strict=True)
            if value is not None
        }
