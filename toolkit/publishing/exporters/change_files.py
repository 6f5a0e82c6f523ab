"""The changes as data: ``changes/<version>.json`` for each release and ``changes.jsonl`` with
one line per release, newest first, in the shape of ``schema/changes.schema.json``.

They are written from the change log (``data/changelog.yaml``), the same entries
``CHANGES.md`` renders, so the two never disagree; an earlier release's file is the same
bytes in every later build, since its entry in the change log cannot be edited.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from toolkit.models.changelog import ChangeCounts, ChangeKind, Release, ReleaseChanges
from toolkit.publishing.dataset import Dataset
from toolkit.publishing.files import write_text

CHANGES_FOLDER = "changes"
CHANGES_LINES = "changes.jsonl"


def release_changes(dataset_name: str, release: Release, previous: str | None) -> ReleaseChanges:
    """One release's changes with its counts."""
    kinds = [str(change.change) for change in release.changes]
    counts = ChangeCounts(
        added=kinds.count(ChangeKind.ADDED),
        removed=kinds.count(ChangeKind.REMOVED),
        changed=kinds.count(ChangeKind.CHANGED),
        status_changes=sum(1 for change in release.changes if change.status is not None),
        score_changes=sum(len(change.scores) for change in release.changes),
    )
    optional = {"previous": previous, "summary": release.summary, "since": release.since}
    return ReleaseChanges(
        dataset=dataset_name,
        version=release.version,
        date=release.date,
        counts=counts,
        changes=release.changes,
        **{key: value for key, value in optional.items() if value is not None},  # no nulls
    )


def each_release_changes(dataset: Dataset) -> Iterator[tuple[Release, ReleaseChanges]]:
    """Every release of the change log, newest first, with its changes counted."""
    releases = dataset.changelog.releases if dataset.changelog else []
    for number, release in enumerate(releases):
        previous = releases[number + 1].version if number + 1 < len(releases) else None
        yield release, release_changes(dataset.info.name, release, previous)


def export(dataset: Dataset, out: Path) -> None:
    """Write ``changes/<version>.json`` per release and ``changes.jsonl`` (nothing without a
    change log)."""
    lines = []
    for release, changes in each_release_changes(dataset):
        document = changes.model_dump(mode="json", exclude_none=True)
        text = json.dumps(document, ensure_ascii=False, indent=2)
        write_text(out / CHANGES_FOLDER / f"{release.version}.json", text + "\n")
        lines.append(json.dumps(document, ensure_ascii=False, separators=(",", ":")))
    write_text(out / CHANGES_LINES, "".join(f"{line}\n" for line in lines))
