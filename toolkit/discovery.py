"""Find the record files under a data folder, and flag files that are in the wrong place."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from toolkit.models import COLLECTIONS, SINGULAR
from toolkit.problems import Problem
from toolkit.suggestions import suggest

RECORD_SUFFIX = ".yaml"
_SINGULARS = {singular: plural for plural, singular in SINGULAR.items()} | {
    "organisation": "organizations",
    "organisations": "organizations",
}
"""Folder names contributors write by mistake, and the collection they mean."""


@dataclass(frozen=True)
class RecordFile:
    """A file that should hold one record of ``collection``; ``name`` is how messages show it."""

    path: str
    """Where the file is; a string, since making 100,000 ``Path`` objects costs most of a
    second."""
    collection: str
    name: str
    stem: str
    """The file name without ``.yaml``: the id the record must have."""


def display_name(path: Path) -> str:
    """The path as contributors know it: relative to the working folder when inside it,
    normalised (no ``./``, no ``..`` detours) so the same file always has the same name."""
    absolute = Path(os.path.normpath(path.absolute()))
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return absolute.as_posix() if path.is_absolute() else os.path.normpath(path)


def discover(data_dir: Path) -> tuple[list[RecordFile], list[Problem]]:
    """Every record file under ``data_dir`` in a stable order, and problems with misplaced files."""
    files: list[RecordFile] = []
    problems: list[Problem] = []
    root = data_dir.resolve()
    root_name = display_name(data_dir)
    shown_root = "" if root_name == "." else f"{root_name}/"
    for folder in _entries(data_dir):
        if not folder.is_dir():
            continue
        for entry, shown, nested in _walk(folder, f"{shown_root}{folder.name}", nested=False):
            problem = _misplaced(entry, folder.name, root, nested=nested)
            if problem is None:
                stem = entry.name.removesuffix(RECORD_SUFFIX)
                files.append(RecordFile(entry.path, folder.name, shown, stem))
            else:
                message, hint = problem
                problems.append(Problem.at(shown, "E-PATH", message, hint=hint))
    return files, problems


def _entries(folder: Path | str) -> list[os.DirEntry[str]]:
    with os.scandir(folder) as entries:
        return sorted((e for e in entries if not e.name.startswith(".")), key=lambda e: e.name)


def _walk(
    folder: os.DirEntry[str], shown: str, *, nested: bool
) -> list[tuple[os.DirEntry[str], str, bool]]:
    """Every file under ``folder``, shown name and whether it sits in a subfolder (records
    must not, but such files are reported rather than skipped)."""
    found = []
    for entry in _entries(folder.path):
        if entry.is_dir(follow_symlinks=False):
            found.extend(_walk(entry, f"{shown}/{entry.name}", nested=True))
        else:
            found.append((entry, f"{shown}/{entry.name}", nested))
    return found


def _misplaced(
    entry: os.DirEntry[str], collection: str, root: Path, *, nested: bool
) -> tuple[str, str] | None:
    """Why a file cannot be read as a record, as (message, hint), or None when it can."""
    if entry.is_symlink() and not Path(entry.path).resolve().is_relative_to(root):
        return "symbolic link points outside the data folder", "copy the record into data/"
    if collection not in COLLECTIONS:
        guess = _SINGULARS.get(collection) or suggest(collection, set(COLLECTIONS))
        where = f"data/{guess}/" if guess else f"one of: {', '.join(COLLECTIONS)}"
        return f"'{collection}' is not a collection", f"move the file to {where}"
    if nested:
        return "records sit directly in their collection folder", f"move it to {collection}/"
    if not entry.name.endswith(RECORD_SUFFIX):
        stem = entry.name.rsplit(".", 1)[0]
        return f"record files end in {RECORD_SUFFIX}", f"rename it to {stem}{RECORD_SUFFIX}"
    return None
