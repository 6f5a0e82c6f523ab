"""The change log's rule: releases newest first, the newest being the version the dataset
declares (a version bumped by hand, without a release, is caught here)."""

from __future__ import annotations

import itertools

from toolkit.foundation.dates import may_precede
from toolkit.foundation.problems import Problem
from toolkit.models.changelog import Changelog
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
