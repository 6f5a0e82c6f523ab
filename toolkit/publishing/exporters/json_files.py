"""JSON: ``dataset.json`` with every collection and the metadata, and one file per collection."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from toolkit.publishing.dataset import Dataset
from toolkit.publishing.files import write_json
from toolkit.publishing.scorecard_tables import SCORECARD, SCORECARD_SUMMARY, table_items
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
    write_json(out / "dataset.json", metadata(dataset) | {"collections": dataset.published})
    for name in dataset.published:  # one collection decoded at a time, none held past its file
        write_json(out / f"{name}.json", dataset.published[name])
    write_json(out / SCORECARD_FILE, scorecard(dataset))


SCORECARD_FILE = "scorecard.json"


def scorecard(dataset: Dataset) -> dict[str, Any]:
    """The scorecard for programs: the method it follows, each snapshot's rows and summary."""
    rules = dataset.info.scorecard
    return {
        "methodology": rules.current.model_dump(mode="json") if rules else None,
        "scores": table_items(SCORECARD, dataset),
        "summary": table_items(SCORECARD_SUMMARY, dataset),
    }
