"""Find the record files under a data folder, and flag files that are in the wrong place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from toolkit.models import COLLECTIONS
from toolkit.problems import Problem
from toolkit.suggestions import suggest

RECORD_SUFFIX = ".yaml"
_SINGULARS = {
    "source": "sources",
    "organization": "organizations",
    "organisation": "organizations",
    "organisations": "organizations",
    "person": "people",
    "meeting": "meetings",
    "commitment": "commitments",
    "topic": "topics",
    "event": "events",
}


@dataclass(frozen=True)
class RecordFile:
    """A file that should hold one record of ``collection``; ``name`` is how messages show it."""

    path: Path
    collection: str
    name: str


def display_name(path: Path) -> str:
    """The path as contributors know it: relative to the working folder when inside it."""
    try:
        return path.absolute().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()


def discover(data_dir: Path) -> tuple[list[RecordFile], list[Problem]]:
    """Every record file under ``data_dir`` in a stable order, and problems with misplaced files."""
    files: list[RecordFile] = []
    problems: list[Problem] = []
    root = data_dir.resolve()
    for folder in sorted(
        p for p in data_dir.iterdir() if p.is_dir() and not p.name.startswith(".")
    ):
        for path in sorted(p for p in folder.rglob("*") if not p.name.startswith(".")):
            if path.is_dir():
                continue
            problem = _misplaced(path, folder, root)
            if problem is None:
                files.append(RecordFile(path, folder.name, display_name(path)))
            else:
                message, hint = problem
                problems.append(Problem.at(display_name(path), "E-PATH", message, hint=hint))
    return files, problems


def _misplaced(path: Path, folder: Path, root: Path) -> tuple[str, str] | None:
    """Why a file cannot be read as a record, as (message, hint), or None when it can."""
    if path.is_symlink() and not path.resolve().is_relative_to(root):
        return "symbolic link points outside the data folder", "copy the record into data/"
    if folder.name not in COLLECTIONS:
        guess = _SINGULARS.get(folder.name) or suggest(folder.name, set(COLLECTIONS))
        where = f"data/{guess}/" if guess else f"one of: {', '.join(COLLECTIONS)}"
        return f"'{folder.name}' is not a collection", f"move the file to {where}"
    if path.parent != folder:
        return "records sit directly in their collection folder", f"move it to {folder.name}/"
    if path.suffix != RECORD_SUFFIX:
        return f"record files end in {RECORD_SUFFIX}", f"rename it to {path.stem}{RECORD_SUFFIX}"
    return None
