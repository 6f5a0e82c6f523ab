"""JSON: ``dataset.json`` with every collection and the metadata, and one file per collection."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from toolkit.publishing.dataset import Dataset
from toolkit.publishing.files import write_json
from toolkit.reading.schema_export import schema_file_name

SCHEMA_FOLDER = "schema"


def metadata(dataset: Dataset) -> dict[str, Any]:
    """What every JSON output says about the dataset itself."""
    info = dataset.info.model_dump(mode="json", exclude_none=True)
    return info | {
        "last_updated": dataset.last_updated,
        "counts": dataset.counts,
        "schemas": {name: f"{SCHEMA_FOLDER}/{schema_file_name(name)}" for name in dataset.counts},
    }


def export(dataset: Dataset, out: Path) -> None:
    """Write ``dataset.json`` and ``<collection>.json`` (records sorted by id)."""
    write_json(out / "dataset.json", metadata(dataset) | {"collections": dataset.documents})
    for name, documents in dataset.documents.items():
        write_json(out / f"{name}.json", documents)
