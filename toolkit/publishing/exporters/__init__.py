"""Exporters: one module per output format, each a function ``export(dataset, out)``.

They run in this order into a staging folder; checksums come last because they cover every
other file. Adding a format is adding a module and a line here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from toolkit.publishing.dataset import Dataset
from toolkit.publishing.exporters import (
    calendar,
    changes,
    checksums,
    citation,
    csv_tables,
    datapackage,
    json_files,
    jsonl,
    schemas,
    sqlite,
)

Exporter = Callable[[Dataset, Path], None]

EXPORTERS: dict[str, Exporter] = {
    "json": json_files.export,
    "jsonl": jsonl.export,
    "csv": csv_tables.export,
    "sqlite": sqlite.export,
    "schema": schemas.export,
    "datapackage": datapackage.export,
    "citation": citation.export,
    "changes": changes.export,
    "calendar": calendar.export,
    "checksums": checksums.export,
}
"""Every output format, in the order they are written."""
