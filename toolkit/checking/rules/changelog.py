"""The change log's rules: releases newest first, the newest being the version the dataset
declares (a version bumped by hand, without a release, is caught here), and a history that
replays: no record added twice without a removal between, none changed or removed after its
removal, none listed twice in one release. Whether the newest release lists what really changed
needs the previous release's data: ``toolkit diff --check-releases`` checks that, from git."""

from __future__ import annotations

import itertools

from toolkit.foundation.dates import may_precede
from toolkit.foundation.problems import Problem
from toolkit.models.changelog import ChangeKind, Changelog
from toolkit.models.dataset_info import DatasetInfo
from toolkit.reading.loader import LoadedFile


def check_releases(
    changelog: Changelog, info: DatasetInfo | None, loaded: LoadedFile
) -> list[Problem]:
    """Releases listed newest first (versions and dates descending), the newest matching
    ``dataset.yaml``; each problem located at the version it is about."""

    def misplaced(number: int, message: str, hint: str) -> Problem:
        where = ("releases", number, "version")
        line, column = loaded.position(where) or (None, None)
        return Problem.at(
            loaded.name, "E-RELEASE", message, line=line, column=column, path=where, hint=hint
        )

    problems = []
    releases = changelog.releases
    for number, (newer, older) in enumerate(itertools.pairwise(releases), start=1):
        if version_key(older.version) >= version_key(newer.version) or not may_precede(
            older.date, newer.date
        ):
            problems.append(
                misplaced(
                    number,
                    f"release {older.version} ({older.date}) is listed after "
                    f"{newer.version} ({newer.date})",
                    "list releases newest first, versions and dates descending",
                )
            )
    problems += _replay(changelog, loaded)
    if info is not None and releases[0].version != info.version:
        problems.append(
            misplaced(
                0,
                f"the newest release is {releases[0].version} but dataset.yaml declares "
                f"{info.version}",
                "run `toolkit release` to bump the version and record the release",
            )
        )
    return problems


def version_key(version: str) -> tuple[int, ...]:
    """A MAJOR.MINOR.PATCH version as numbers, for ordering."""
    return tuple(int(part) for part in version.split("."))


def _replay(changelog: Changelog, loaded: LoadedFile) -> list[Problem]:
    """Replay the releases oldest first. A record's state is known only from what the log says
    of it (one changed before the log begins is simply present), so only contradictions of the
    log with itself are problems."""
    present: dict[tuple[str, str], tuple[bool, str]] = {}
    problems = []
    releases = changelog.releases
    for number in reversed(range(len(releases))):
        release = releases[number]
        seen: set[tuple[str, str]] = set()
        for index, change in enumerate(release.changes):
            key = (change.collection, change.id)
            state = present.get(key)
            message = None
            if key in seen:
                message = f"{release.version} lists {change.collection}/{change.id} twice"
            elif change.change is ChangeKind.ADDED and state is not None and state[0]:
                message = (
                    f"{release.version} lists {change.collection}/{change.id} as added, but "
                    f"{state[1]} has it and no release since removed it"
                )
            elif change.change is not ChangeKind.ADDED and state is not None and not state[0]:
                record, kind = f"{change.collection}/{change.id}", change.change.value
                message = (
                    f"{release.version} lists {record} as {kind}, but {state[1]} removed it and "
                    "no release since added it again"
                )
            if message is not None:
                where = ("releases", number, "changes", index, "change")
                line, column = loaded.position(where) or (None, None)
                problems.append(
                    Problem.at(
                        loaded.name,
                        "E-RELEASE",
                        message,
                        line=line,
                        column=column,
                        path=where,
                        hint="the change log is written by `toolkit release`: restore it from git",
                    )
                )
            seen.add(key)
            present[key] = (change.change is not ChangeKind.REMOVED, release.version)
    return problems
