"""Every record of one version of the data, from a git revision, a data folder or a dist folder.

A reviewer compares what the data says, not how the YAML is laid out, so each version is read
into the same shape: records as JSON values keyed by (collection, id). Records the current
models accept are normalised the way ``dataset.json`` writes them, so a data folder, a git
revision and a published ``dist/`` compare equal when they hold the same data.

A data folder is found and read the way every command reads it (no links, no special files,
nothing past the size limit); in a git revision only regular files are records: git stores a
symbolic link as a blob holding its target, which must not be read as a record.
"""

from __future__ import annotations

import json
import subprocess
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from toolkit.foundation.problems import Problem
from toolkit.models import COLLECTIONS
from toolkit.reading.discovery import (
    MAX_FILE_BYTES,
    RECORD_SUFFIX,
    TOP_LEVEL_DOCUMENTS,
    discover,
    read_file,
)
from toolkit.reading.loader import load_bytes
from toolkit.reading.record_form import record_form, translations_in_order

RecordKey = tuple[str, str]
"""(collection, id): what identifies a record across versions."""
_FILE_MODES = {"100644", "100755"}
"""Git's modes for regular files; 120000 is a symbolic link, 160000 a submodule."""


class SnapshotError(ValueError):
    """A version of the data cannot be read: not a folder, not a revision, or unreadable."""


@dataclass
class Snapshot:
    """The records of one version of the data, and how to name that version."""

    label: str
    records: dict[RecordKey, dict[str, Any]]
    documents: dict[str, Any] | None = None
    """``dataset.yaml`` and ``changelog.yaml`` as parsed, by file name (those present); None
    for a ``dist/`` folder, which does not keep them as written."""


def read_snapshot(spec: str, data_dir: Path = Path("data")) -> Snapshot:
    """The records at ``spec``: a ``dist/`` folder (with ``dataset.json``), a data folder, or a
    git revision of the repository holding ``data_dir``."""
    path = Path(spec)
    if (path / "dataset.json").is_file():
        return Snapshot(spec, _from_dist(path / "dataset.json"))
    files = _yaml_files(path) if path.is_dir() else _git_files(spec, data_dir)
    return Snapshot(spec, _from_files(files), _documents(files))


MERGE_BASE_RANGE = "..."
"""``BASE...HEAD``: HEAD against the commit where it branched from BASE, as git and GitHub diff a
pull request (a record added to BASE after the branch point is not a change of HEAD's)."""


def revision_range(spec: str, data_dir: Path = Path("data")) -> tuple[str, str] | None:
    """The two revisions a ``BASE...HEAD`` spec compares (the merge base, then HEAD), or None
    when ``spec`` is not such a range."""
    if MERGE_BASE_RANGE not in spec or Path(spec).exists():  # a folder may have "..." in it
        return None
    base, head = spec.split(MERGE_BASE_RANGE, 1)
    if not base or not head:
        raise SnapshotError(f"'{spec}' needs a revision on each side of '...'")
    folder = data_dir.resolve()
    top = Path(_git(folder.parent, "rev-parse", "--show-toplevel").decode().strip())
    merge_base = _git(top, "merge-base", base, head).decode().strip()
    return merge_base, head


def _from_dist(path: Path) -> dict[RecordKey, dict[str, Any]]:
    try:
        collections = json.loads(path.read_text(encoding="utf-8"))["collections"]
        return {
            (name, record["id"]): _pruned(translations_in_order(record_form(name, record)))
            for name, records in collections.items()
            for record in records
        }
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise SnapshotError(f"{path} is not a dataset.json this toolkit wrote ({error})") from None


def _yaml_files(folder: Path) -> dict[str, bytes]:
    """The record files of a data folder; what cannot be read as a record is left out, as
    ``toolkit validate`` reports it."""
    files: dict[str, bytes] = {}
    found = discover(folder)
    for file in found.records:
        content = read_file(file.path, file.name)
        if not isinstance(content, Problem):
            files[f"{file.collection}/{file.stem}{RECORD_SUFFIX}"] = content.raw
    for name, file in found.documents.items():
        content = read_file(file.path, file.name)
        if not isinstance(content, Problem):
            files[name] = content.raw
    return files


def _git_files(revision: str, data_dir: Path) -> dict[str, bytes]:
    """The record files under ``data_dir`` at ``revision``, read from git without a checkout:
    regular files only (never a link's blob, a submodule or a file past the size limit)."""
    folder = data_dir.resolve()
    top = _git(folder.parent, "rev-parse", "--show-toplevel").decode().strip()
    prefix = folder.relative_to(Path(top).resolve()).as_posix()
    _git(Path(top), "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    listing = _git(Path(top), "ls-tree", "-r", "-z", "--long", revision, "--", prefix)
    blobs = dict(_record_blobs(listing, prefix))
    if not blobs:
        return {}
    wanted = sorted(blobs)
    batch = "".join(f"{blobs[name]}\n" for name in wanted).encode()
    output = _git(Path(top), "cat-file", "--batch", stdin=batch)
    files: dict[str, bytes] = {}
    offset = 0
    for name in wanted:
        header_end = output.index(b"\n", offset)
        size = int(output[offset:header_end].split()[2])
        start = header_end + 1
        files[name[len(prefix) + 1 :]] = output[start : start + size]
        offset = start + size + 1
    return files


def _record_blobs(listing: bytes, prefix: str) -> list[tuple[str, str]]:
    """(path, object id) of each regular file directly in a collection folder under
    ``prefix``, and of the top-level documents, from ``git ls-tree -r -z --long``, whose name
    and size fit a record."""
    depth = prefix.count("/") + 2
    documents = {f"{prefix}/{name}" for name in TOP_LEVEL_DOCUMENTS}
    found = []
    for entry in listing.decode(errors="replace").split("\0"):
        meta, _, name = entry.partition("\t")
        fields = meta.split()
        if len(fields) != 4 or not name.endswith(RECORD_SUFFIX):
            continue
        if name.count("/") != depth and name not in documents:
            continue
        mode, kind, object_id, size = fields
        if mode in _FILE_MODES and kind == "blob" and int(size) <= MAX_FILE_BYTES:
            found.append((name, object_id))
    return found


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, check=False
        )
    except OSError as error:
        raise SnapshotError(f"git cannot be run: {error.strerror}") from None
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        detail = message[-1] if message else f"git {args[0]} failed"
        raise SnapshotError(f"not a data folder, a dist folder or a git revision: {detail}")
    return done.stdout


def _documents(files: dict[str, bytes]) -> dict[str, Any]:
    """The top-level documents among ``files``, parsed (an unreadable one as None)."""
    documents: dict[str, Any] = {}
    for name, raw in files.items():
        if name in TOP_LEVEL_DOCUMENTS:
            data = load_bytes(raw, name)
            documents[name] = _pruned(data) if isinstance(data, dict) else None
    return documents


def _from_files(files: dict[str, bytes]) -> dict[RecordKey, dict[str, Any]]:
    records: dict[RecordKey, dict[str, Any]] = {}
    for name, raw in files.items():
        if "/" not in name:
            continue  # a top-level document
        collection, file_name = name.split("/", 1)
        if collection not in COLLECTIONS:
            continue
        data = load_bytes(raw, name)
        if not isinstance(data, dict):
            continue  # unreadable in that version: nothing to compare
        declared = data.get("id")
        record_id = declared if isinstance(declared, str) else file_name.removesuffix(".yaml")
        records[(collection, record_id)] = normalised(collection, data)
    return records


def normalised(collection: str, data: dict[str, Any]) -> dict[str, Any]:
    """The record as ``dataset.json`` writes it when the current model accepts it, else as
    written (an old version may predate a field's rename); empty lists left out either way,
    since an empty list and an absent one say the same."""
    with suppress(ValidationError):
        data = COLLECTIONS[collection].model_validate(data).model_dump(mode="json")
    pruned: dict[str, Any] = _pruned(translations_in_order(data))
    return pruned


def _pruned(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _pruned(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, list):
        return [_pruned(item) for item in value]
    return value
