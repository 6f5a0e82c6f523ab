"""What changed between two versions of the data: records added, removed and changed, field by
field, with each commitment's change of status called out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from toolkit.foundation.naming import record_title
from toolkit.models.changelog import ChangeKind
from toolkit.models.commitments import scores_of, status_of
from toolkit.reading.snapshots import RecordKey, Snapshot


@dataclass(frozen=True)
class FieldChange:
    """One field that differs; ``old`` is None when added, ``new`` is None when removed."""

    path: str
    change: ChangeKind
    old: Any = None
    new: Any = None


@dataclass
class RecordChange:
    """One record that differs between the two versions."""

    collection: str
    id: str
    change: ChangeKind
    title: str
    fields: list[FieldChange] = field(default_factory=list)
    status: tuple[str | None, str | None] | None = None
    """For commitments whose current status differs: (old, new)."""
    scores: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    """For commitments: each party whose current score differs, with (old, new)."""


@dataclass
class DataDiff:
    """Every record that differs, in collection and id order, and every top-level document
    (``dataset.yaml``, ``changelog.yaml``) that differs."""

    old: str
    new: str
    records: list[RecordChange]
    documents: list[RecordChange] = field(default_factory=list)
    """Changes to the dataset's own files: its metadata and its change log. A pull request's
    summary shows them with the records, so no edit to them goes unseen."""
    release_problems: list[str] = field(default_factory=list)
    """Why a release the newer version adds is not the one ``toolkit release`` would write
    (``toolkit.history.release_check``)."""

    def count(self, change: ChangeKind) -> int:
        """How many records were added, removed or changed."""
        return sum(1 for record in self.records if record.change is change)

    @property
    def status_changes(self) -> list[RecordChange]:
        """Commitments whose current status changed (including new ones)."""
        return [record for record in self.records if record.status is not None]


def diff_snapshots(old: Snapshot, new: Snapshot) -> DataDiff:
    """Compare two versions of the data record by record."""
    changes = []
    for key in sorted(old.records.keys() | new.records.keys()):
        before, after = old.records.get(key), new.records.get(key)
        if before == after:
            continue
        changes.append(_record_change(key, before, after))
    return DataDiff(old.label, new.label, changes, _document_changes(old, new))


def _document_changes(old: Snapshot, new: Snapshot) -> list[RecordChange]:
    """The top-level documents that differ, when both versions keep them (a ``dist/`` folder
    does not)."""
    if old.documents is None or new.documents is None:
        return []
    changes = []
    for name in sorted(old.documents.keys() | new.documents.keys()):
        before, after = old.documents.get(name), new.documents.get(name)
        if before == after:
            continue
        if name not in old.documents:
            changes.append(RecordChange("", name, ChangeKind.ADDED, name))
        elif name not in new.documents:
            changes.append(RecordChange("", name, ChangeKind.REMOVED, name))
        else:
            fields = _field_changes(_by_version(before), _by_version(after), "")
            changes.append(RecordChange("", name, ChangeKind.CHANGED, name, fields))
    return changes


def releases_by_version(changelog: Any) -> dict[str, Any] | None:
    """A change log's releases keyed by version, newest first as listed; None when it does not
    hold a list of releases each with a version (a damaged file is compared as written)."""
    releases = changelog.get("releases") if isinstance(changelog, dict) else None
    if not isinstance(releases, list) or not all(
        isinstance(release, dict) and isinstance(release.get("version"), str)
        for release in releases
    ):
        return None
    return {release["version"]: release for release in releases}


def _by_version(document: Any) -> Any:
    """A change log with its releases keyed by version (``releases[0.5.0]``), so a release
    added at the top is one addition, not a change at every position below it."""
    keyed = releases_by_version(document)
    if keyed is None:
        return document
    rest = {k: v for k, v in document.items() if k != "releases"}
    return rest | {f"releases[{version}]": release for version, release in keyed.items()}


def _record_change(
    key: RecordKey, before: dict[str, Any] | None, after: dict[str, Any] | None
) -> RecordChange:
    collection, record_id = key
    shown = after if after is not None else before
    assert shown is not None
    fields: list[FieldChange] = []
    if before is None:
        kind = ChangeKind.ADDED
    elif after is None:
        kind = ChangeKind.REMOVED
    else:
        kind, fields = ChangeKind.CHANGED, _field_changes(before, after, "")
    old_status, new_status = status_of(before), status_of(after)
    status = (old_status, new_status) if old_status != new_status else None
    old_scores, new_scores = scores_of(before), scores_of(after)
    scores = {
        party: (old_scores.get(party), new_scores.get(party))
        for party in sorted(old_scores.keys() | new_scores.keys())
        if old_scores.get(party) != new_scores.get(party)
    }
    return RecordChange(collection, record_id, kind, record_title(shown), fields, status, scores)


def _field_changes(before: Any, after: Any, path: str) -> list[FieldChange]:
    if before == after:
        return []
    if isinstance(before, dict) and isinstance(after, dict):
        found = []
        for key in [*before, *(k for k in after if k not in before)]:
            where = f"{path}.{key}" if path else key
            if key not in after:
                found.append(FieldChange(where, ChangeKind.REMOVED, old=before[key]))
            elif key not in before:
                found.append(FieldChange(where, ChangeKind.ADDED, new=after[key]))
            else:
                found.extend(_field_changes(before[key], after[key], where))
        return found
    if isinstance(before, list) and isinstance(after, list):
        found = []
        for index in range(max(len(before), len(after))):
            where = f"{path}[{index}]"
            if index >= len(after):
                found.append(FieldChange(where, ChangeKind.REMOVED, old=before[index]))
            elif index >= len(before):
                found.append(FieldChange(where, ChangeKind.ADDED, new=after[index]))
            else:
                found.extend(_field_changes(before[index], after[index], where))
        return found
    return [FieldChange(path, ChangeKind.CHANGED, old=before, new=after)]
