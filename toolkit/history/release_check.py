"""Is every release in the change log the one ``toolkit release`` wrote? Checked between two
versions of the data, as a pull request's summary compares them.

A release made by hand, or edited after it was made, would publish a change log that does not
describe the data. So: the releases of the older version are kept exactly as they were; at most
one release is new; it is the newest entry, the version ``dataset.yaml`` declares, one step up
from the older version's; and it lists exactly what ``toolkit release`` finds changed since the
release before it. The last needs the older version to be a git revision, to find that release.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from toolkit.checking.validate import CHANGELOG_FILE, DATASET_FILE
from toolkit.history.diffing import DataDiff, diff_snapshots, releases_by_version
from toolkit.history.releases import Level, ReleaseError, bumped, previous_release, release_of
from toolkit.models.changelog import Release
from toolkit.reading.snapshots import Snapshot, SnapshotError, read_snapshot


def compared(old: str, new: str, data_dir: Path, *, check_releases: bool = False) -> DataDiff:
    """The diff between two versions of the data (git revisions, data or dist folders); with
    ``check_releases``, also what is wrong with the releases the newer one adds (for one
    change, such as a pull request: across several releases, each is new)."""
    before, after = read_snapshot(old, data_dir), read_snapshot(new, data_dir)
    diff = diff_snapshots(before, after)
    if check_releases:
        revision = None if Path(old).exists() else old
        diff.release_problems = release_problems(before, after, data_dir, revision=revision)
    return diff


def release_problems(
    before: Snapshot, after: Snapshot, data_dir: Path, *, revision: str | None
) -> list[str]:
    """What is wrong with the releases ``after`` adds to ``before``; ``revision`` is the git
    revision ``before`` was read from (None for a folder: the changes a new release lists are
    then not recomputed)."""
    if before.documents is None or after.documents is None:
        return []
    old, new = _releases(before.documents), _releases(after.documents)
    problems = [
        f"release {version} was removed from {CHANGELOG_FILE}; releases are never taken back"
        for version in old
        if version not in new
    ]
    problems += [
        f"release {version} was edited in {CHANGELOG_FILE}; a release stays as `toolkit release` "
        "wrote it (say what changed in the next release's summary)"
        for version, entry in old.items()
        if version in new and new[version] != entry
    ]
    added = [version for version in new if version not in old]
    if not added:
        return problems
    if len(added) > 1:
        return [
            *problems,
            f"{len(added)} new releases ({', '.join(added)}): one change makes one release",
        ]
    [version] = added
    problems += _placement(version, before.documents, after.documents)
    if revision is not None:
        problems += _listed_changes(version, new[version], after, data_dir, revision)
    return problems


def _releases(documents: dict[str, Any]) -> dict[str, Any]:
    """The change log's releases by version, in the order listed (newest first)."""
    return releases_by_version(documents.get(CHANGELOG_FILE)) or {}


def _placement(version: str, old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The new release is the newest entry, the version declared, one step up."""
    problems = []
    if next(iter(_releases(new))) != version:
        problems.append(f"the new release {version} is not the first entry of {CHANGELOG_FILE}")
    declared = _version(new)
    if declared != version:
        problems.append(f"the new release is {version} but {DATASET_FILE} declares {declared}")
    previous = _version(old)
    if previous == _NONE:
        return problems  # the first version the data declares: any version may start it
    try:
        steps = {bumped(previous, level) for level in Level}
    except ValueError:
        steps = set()
    if version not in steps:
        choices = f" (one of {', '.join(sorted(steps))})" if steps else ""
        problems.append(
            f"release {version} does not follow {previous} by one step{choices}: "
            "run `toolkit release`"
        )
    return problems


def _version(documents: dict[str, Any]) -> str:
    dataset = documents.get(DATASET_FILE)
    return str(dataset.get("version")) if isinstance(dataset, dict) else _NONE


_NONE = "(none)"


def _listed_changes(
    version: str, entry: Any, after: Snapshot, data_dir: Path, revision: str
) -> list[str]:
    """The release lists exactly the records changed since the release before it."""
    try:
        listed = Release.model_validate(entry)
        since = listed.since or previous_release(data_dir, revision)
        before = read_snapshot(since, data_dir)
    except ValidationError:
        return [f"release {version} is not a release entry the change log schema accepts"]
    except ReleaseError:  # no release before this one: it lists every record as added
        since, before = "the start", Snapshot("(none)", {}, {})
    except SnapshotError as error:
        return [f"release {version} cannot be checked: {error}"]
    expected = release_of(
        diff_snapshots(before, after), listed.version, listed.date, listed.summary, listed.since
    )
    if expected.changes == listed.changes:
        return []
    wrote = {(c.collection, c.id) for c in listed.changes}
    found = {(c.collection, c.id) for c in expected.changes}
    differing = sorted(f"{collection}/{record}" for collection, record in wrote ^ found) or sorted(
        f"{c.collection}/{c.id}" for c in expected.changes if c not in listed.changes
    )
    return [
        f"release {version} does not list what changed since {since[:12]} "
        f"({', '.join(differing[:5])}{', …' if len(differing) > 5 else ''}): it was not written "
        "by `toolkit release`, or records changed after it; release again from the last release"
    ]
