"""The dataset's releases and what each changed (data/changelog.yaml, written by
``toolkit release``), so the change log survives without the git history."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from toolkit.models.base import StrictModel
from toolkit.models.dataset_info import Version
from toolkit.models.enums import DocumentedEnum
from toolkit.models.fields import PartialDate, ShortText, Slug, Text


class ChangeKind(DocumentedEnum):
    """What happened to a record in a release."""

    ADDED = "added", "The record is new in this release.", "Ajouté"
    REMOVED = "removed", "The record was removed in this release.", "Retiré"
    CHANGED = "changed", "Fields of the record changed in this release.", "Modifié"


class StatusChange(StrictModel):
    """A commitment's current status before and after the release."""

    old: ShortText | None = None
    """The status before (absent for a new commitment)."""
    new: ShortText | None = None
    """The status after (absent for a removed commitment)."""


class ScoreChange(StrictModel):
    """A party's current compliance score on a commitment before and after the release."""

    party: ShortText
    """The party scored (a country code)."""
    old: ShortText | None = None
    """The score before (absent when the party had none)."""
    new: ShortText | None = None
    """The score after (absent when the commitment was removed)."""


class ReleasedChange(StrictModel):
    """One record added, removed or changed in a release."""

    collection: Slug
    """The record's collection."""
    id: Slug
    """The record's id."""
    change: ChangeKind
    """What happened to it."""
    title: ShortText
    """The record's title or name at the time."""
    fields: list[ShortText] = Field(default_factory=list)
    """For a changed record: the fields that changed (``assessments[2]``, ``name``)."""
    status: StatusChange | None = None
    """For a commitment whose current status changed."""
    scores: list[ScoreChange] = Field(default_factory=list)
    """For a commitment: each party whose current score changed."""


class Release(StrictModel):
    """One published version of the dataset."""

    version: Version
    """The version released."""
    date: PartialDate
    """The day of the release (YYYY-MM-DD)."""
    summary: Text | None = None
    """What the release is about, in a sentence or two."""
    since: str | None = Field(default=None, pattern=r"^[0-9a-f]{40}$")
    """The git commit the changes were counted from (the previous release, or the commit named
    with ``toolkit release --since``), so the release can be checked against the data."""
    changes: list[ReleasedChange] = Field(default_factory=list)
    """Every record added, removed or changed since the previous release."""


class Changelog(StrictModel):
    """Every release of the dataset, newest first."""

    releases: list[Release] = Field(min_length=1)
    """The releases, newest first; the first one is the version in dataset.yaml."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "releases": [
                        {
                            "version": "0.2.0",
                            "date": "2026-12-01",
                            "changes": [
                                {
                                    "collection": "commitments",
                                    "id": "security-liaison-officers",
                                    "change": "changed",
                                    "title": "Establish liaison officers",
                                    "fields": ["assessments[2]"],
                                    "status": {"old": "announced", "new": "in-progress"},
                                }
                            ],
                        }
                    ]
                }
            ]
        }
    )


class ChangeCounts(StrictModel):
    """How many records a release added, removed and changed, and how many commitments' status
    and scores moved."""

    added: int = Field(ge=0)
    removed: int = Field(ge=0)
    changed: int = Field(ge=0)
    status_changes: int = Field(ge=0)
    """Commitments whose current status changed (new commitments included)."""
    score_changes: int = Field(ge=0)
    """Party scores that changed, counted one per party and commitment."""


class ReleaseChanges(StrictModel):
    """What one release changed, as published for programs (``changes/<version>.json``, and one
    line of ``changes.jsonl``): the same entry ``CHANGES.md`` is written from, with the
    dataset, the release before it and the counts."""

    dataset: Slug
    """The dataset's machine name."""
    version: Version
    """The version released."""
    date: PartialDate
    """The day of the release."""
    previous: Version | None = None
    """The release before this one (absent for the first)."""
    summary: Text | None = None
    """What the release is about."""
    since: str | None = Field(default=None, pattern=r"^[0-9a-f]{40}$")
    """The git commit the changes were counted from, when recorded."""
    counts: ChangeCounts
    """The changes counted."""
    changes: list[ReleasedChange] = Field(default_factory=list)
    """Every record added, removed or changed, with the fields, status and scores that moved."""
