"""Exporters: one module per output format, each a function ``export(dataset, out)``.

They run in this order into a staging folder; checksums come after the version's files
because they cover them, and the publication's index and release list last, because they list
the checksums and are not part of any one version. Adding a format is adding a module and a
line here, with the files it writes and their type.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from toolkit.publishing.dataset import Dataset
from toolkit.publishing.exporters import (
    calendar,
    change_files,
    changes,
    checksums,
    citation,
    csv_tables,
    datapackage,
    datasette,
    json_files,
    jsonl,
    publication_files,
    record_files,
    redirect_files,
    schemas,
    sqlite,
)

Exporter = Callable[[Dataset, Path], None]


@dataclass(frozen=True)
class Format:
    """One output format: how it is written and what it writes, so the downloads page, the
    README and the checks all read one description."""

    export: Exporter
    files: tuple[str, ...]
    """The files it writes, as patterns relative to the output folder (``csv/*.csv``)."""
    title: str
    """The format's name as readers know it."""
    media_type: str


EXPORTERS: dict[str, Format] = {
    "json": Format(json_files.export, ("dataset.json", "*.json"), "JSON", "application/json"),
    "records": Format(
        record_files.export,
        ("records/*/*.json",),
        "JSON, one file per record",
        "application/json",
    ),
    "redirects": Format(
        redirect_files.export, ("redirects.json",), "JSON id crosswalk", "application/json"
    ),
    "jsonl": Format(jsonl.export, ("*.jsonl",), "JSON Lines", "application/jsonl"),
    "csv": Format(csv_tables.export, ("csv/*.csv",), "CSV", "text/csv"),
    "sqlite": Format(sqlite.export, ("dataset.sqlite",), "SQLite", "application/vnd.sqlite3"),
    "datasette": Format(
        datasette.export, ("datasette-metadata.json",), "Datasette metadata", "application/json"
    ),
    "schema": Format(schemas.export, ("schema/*.json",), "JSON Schema", "application/schema+json"),
    "datapackage": Format(
        datapackage.export, ("datapackage.json",), "Frictionless Data Package", "application/json"
    ),
    "citation": Format(
        citation.export, ("CITATION.cff",), "Citation File Format", "application/x-yaml"
    ),
    "changes": Format(changes.export, ("CHANGES.md",), "Markdown change log", "text/markdown"),
    "change-files": Format(
        change_files.export,
        ("changes/*.json", "changes.jsonl"),
        "Changes as JSON",
        "application/json",
    ),
    "calendar": Format(calendar.export, ("calendar/*.ics",), "iCalendar", "text/calendar"),
    "checksums": Format(checksums.export, ("SHA256SUMS",), "SHA-256 checksums", "text/plain"),
    "publication": Format(
        publication_files.export,
        ("index.json", "releases.json"),
        "JSON index of files and releases",
        "application/json",
    ),
}
"""Every output format, in the order they are written."""


def format_of(name: str) -> Format | None:
    """The format that writes the file ``name`` (relative to the output folder); the most
    specific pattern (the most characters that are not wildcards) wins, so ``datapackage.json``
    and ``records/people/x.json`` are not read as plain JSON."""
    matches = [
        (len(pattern) - pattern.count("*"), fmt)
        for fmt in EXPORTERS.values()
        for pattern in fmt.files
        if fnmatchcase(name, pattern)
    ]
    return max(matches, key=lambda match: match[0])[1] if matches else None
