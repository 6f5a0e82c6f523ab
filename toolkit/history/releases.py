"""Releasing the dataset: bump its version and record what changed since the last release.

The previous release is, by default, the last commit that changed ``changelog.yaml`` (which
only ``toolkit release`` writes, so a release recorded again without a new version still counts),
else the last commit that changed the version line of ``dataset.yaml``; the change log is the
semantic diff from there to the data folder as it is, and the release records where it counted
from (``since``).
The release is written into the data (``changelog.yaml``), so builds read it without git.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

import yaml

from toolkit.checking.validate import CHANGELOG_FILE, DATASET_FILE, check_data
from toolkit.history.diffing import DataDiff, diff_snapshots
from toolkit.models.changelog import Changelog, Release, ReleasedChange
from toolkit.models.dataset_info import DatasetInfo
from toolkit.reading.snapshots import SnapshotError, read_snapshot

_VERSION_LINE = re.compile(r"^version: *(\S+) *$", re.MULTILINE)


class Level(StrEnum):
    """Which part of MAJOR.MINOR.PATCH a release bumps (see the dataset schema)."""

    MAJOR = "major"
    MINOR = "minor"
    PATCH = "patch"


class ReleaseError(ValueError):
    """The release cannot be made; the message says why and what to do."""


def bumped(version: str, level: Level) -> str:
    """The next version at ``level``: 0.1.3 → 0.2.0 for minor."""
    major, minor, patch = (int(part) for part in version.split("."))
    if level is Level.MAJOR:
        return f"{major + 1}.0.0"
    if level is Level.MINOR:
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def previous_release(data_dir: Path, revision: str = "HEAD") -> str:
    """The git commit, at or before ``revision``, that last changed the dataset's version: the
    previous release."""
    dataset = (data_dir / DATASET_FILE).resolve()
    found = _git_output(
        dataset.parent, "log", "-1", "--format=%H", "-G", "^version:", revision, "--", dataset.name
    )
    if not found or not found.strip():
        raise ReleaseError(
            "no earlier release found in the git history of dataset.yaml; name it with --since"
        )
    return found.strip()


def last_release_commit(data_dir: Path) -> str:
    """The commit of the last release as recorded: the last one whose change log lists other
    releases than its parent's (a release recorded again over the same version changes them,
    not the version line; reformatting the file changes neither), else the last one that
    changed the version."""
    changelog = (data_dir / CHANGELOG_FILE).resolve()
    commits = _git_output(changelog.parent, "log", "--format=%H", "HEAD", "--", changelog.name)
    for commit in (commits or "").split():
        if _releases_at(changelog, commit) != _releases_at(changelog, f"{commit}^"):
            return commit
    return previous_release(data_dir)


def _releases_at(changelog: Path, revision: str) -> object:
    """The releases the change log lists at ``revision`` (None where it is absent or unreadable)."""
    shown = _git_output(changelog.parent, "show", f"{revision}:./{changelog.name}")
    if shown is None:
        return None
    try:
        document = yaml.safe_load(shown)
    except yaml.YAMLError:
        return None
    return document.get("releases") if isinstance(document, dict) else None


def uncommitted_release(data_dir: Path) -> str | None:
    """The newest release written to ``changelog.yaml`` but not yet in the last commit, if the
    data folder is in a git repository (None outside one, or when all is committed)."""
    changelog = (data_dir / CHANGELOG_FILE).resolve()
    if not changelog.is_file():
        return None
    committed = _git_output(changelog.parent, "show", f"HEAD:./{changelog.name}")
    if committed is None:
        return None  # no git, not in git, or never committed: nothing to compare with
    newest = re.search(r"^  - version: *'?([0-9.]+)", changelog.read_text(encoding="utf-8"), re.M)
    if newest is None:
        return None
    versions = re.findall(r"^  - version: *'?([0-9.]+)", committed, re.M)
    return None if newest.group(1) in versions else newest.group(1)


def _commit(spec: str, data_dir: Path) -> str | None:
    """The commit a git revision names (None for a folder, or outside git)."""
    if Path(spec).exists():
        return None
    found = _git_output(
        data_dir.resolve().parent, "rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}"
    )
    return (found or "").strip() or None


def _git_output(cwd: Path, *args: str) -> str | None:
    """What a git command prints, or None when it fails or git cannot be run."""
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def release_of(
    diff: DataDiff, version: str, date: str, summary: str | None, since: str | None = None
) -> Release:
    """The changelog entry for a diff (``since``: the commit it counts from, when named)."""
    changes = [
        ReleasedChange.model_validate(
            _present(
                collection=record.collection,
                id=record.id,
                change=record.change.value,
                title=record.title,
                fields=[field.path for field in record.fields],
                status=_present(old=record.status[0], new=record.status[1])
                if record.status
                else None,
                scores=[
                    _present(party=party, old=old, new=new)
                    for party, (old, new) in record.scores.items()
                ]
                or None,
            )
        )
        for record in diff.records
    ]
    return Release.model_validate(
        _present(version=version, date=date, summary=summary, since=since, changes=changes)
    )


def _present(**values: object) -> dict[str, object]:
    """Keyword values without the absent ones: the models refuse explicit nulls."""
    return {key: value for key, value in values.items() if value is not None}


def make_release(
    data_dir: Path,
    level: Level,
    date: str,
    *,
    since: str | None = None,
    summary: str | None = None,
    companions: Callable[[DatasetInfo, Changelog], dict[Path, str]] | None = None,
) -> Release:
    """Bump the version in ``dataset.yaml`` and add the release to ``changelog.yaml`` (and the
    files ``companions`` makes from the released description and change log, such as the
    repository's ``CITATION.cff``): only on valid data, once per committed release, writing
    every file or none."""
    checked = check_data(data_dir)
    info, changelog = checked.info, checked.changelog
    if info is None or not checked.report.ok:
        errors = len(checked.report.errors)
        raise ReleaseError(
            f"the data has {errors} error{'s' if errors != 1 else ''}: run toolkit validate and "
            "fix them first; nothing was released"
        )
    unreleased = uncommitted_release(data_dir) if since is None else None
    if unreleased is not None:
        raise ReleaseError(
            f"release {unreleased} is in changelog.yaml but not committed: commit it (with "
            "dataset.yaml and CITATION.cff) before releasing again"
        )
    start = since if since is not None else last_release_commit(data_dir)
    try:
        before = read_snapshot(start, data_dir)
    except SnapshotError as error:
        raise ReleaseError(str(error)) from None
    diff = diff_snapshots(before, read_snapshot(str(data_dir), data_dir))
    if not diff.records:
        raise ReleaseError(f"nothing changed since {before.label}: no release needed")
    named = _commit(start, data_dir)
    release = release_of(diff, bumped(info.version, level), date, summary, named)
    releases = [release, *(changelog.releases if changelog else [])]
    dataset = data_dir / DATASET_FILE
    text = dataset.read_text(encoding="utf-8")
    new_changelog = Changelog(releases=releases)
    contents = {
        data_dir / CHANGELOG_FILE: changelog_text(new_changelog),
        dataset: _VERSION_LINE.sub(f"version: {release.version}", text, count=1),
    }
    if companions is not None:
        contents |= companions(info.model_copy(update={"version": release.version}), new_changelog)
    write_together(contents)
    return release


def write_together(contents: dict[Path, str]) -> None:
    """Write every file or none: each goes to a hidden file beside it first, and only when all
    are written are they renamed into place, each old file kept (hard-linked) until every
    rename has succeeded, so a rename refused half-way (a file that is a read-only mount) puts
    the earlier ones back. A read-only folder or a full disk raises ``ReleaseError`` with
    nothing changed."""
    written: dict[Path, Path] = {}
    kept: dict[Path, Path] = {}
    try:
        for path, text in contents.items():
            descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            written[path] = Path(name)
            with open(descriptor, "w", encoding="utf-8", newline="") as handle:  # noqa: PTH123
                handle.write(text)
            written[path].chmod(path.stat().st_mode & 0o777 if path.exists() else 0o644)
            if path.exists():
                kept[path] = _kept_copy(path)
    except OSError as error:
        _discard([*written.values(), *kept.values()])
        where = error.filename or next(iter(contents))
        raise ReleaseError(f"cannot write {where}: {error.strerror}; nothing changed") from None
    except BaseException:
        _discard([*written.values(), *kept.values()])  # no hidden file left behind
        raise
    replaced: list[Path] = []
    target = next(iter(contents))
    try:
        for target, staged in written.items():  # the target is named if it is refused
            staged.replace(target)
            replaced.append(target)
    except OSError as error:
        try:
            for path in replaced:  # put back what was replaced before the refusal
                if path in kept:
                    kept.pop(path).replace(path)
                else:
                    path.unlink(missing_ok=True)
        except OSError as undo:
            raise ReleaseError(
                f"cannot write {target}: {error.strerror}; and cannot put back {undo.filename}: "
                f"{undo.strerror}, so the files are half-written: restore them with git"
            ) from None
        finally:
            _discard([*written.values(), *kept.values()])
        raise ReleaseError(f"cannot write {target}: {error.strerror}; nothing changed") from None
    _discard(list(kept.values()))


def _kept_copy(path: Path) -> Path:
    """A hidden second name for ``path``'s current file, to put it back: a hard link (no
    copy), or a copy where the file system has none."""
    descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.kept.", dir=path.parent)
    os.close(descriptor)
    kept = Path(name)
    kept.unlink()
    try:
        os.link(path, kept)
    except OSError:
        shutil.copy2(path, kept)
    return kept


def _discard(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def changelog_text(changelog: Changelog) -> str:
    """``changelog.yaml`` in the data's canonical layout."""
    from toolkit.authoring.formatting import format_text  # ruamel.yaml, only when writing

    document = changelog.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    text = yaml.safe_dump(
        document, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )
    return format_text(text, "changelog")
