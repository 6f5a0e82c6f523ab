"""The JSON Schemas, exported from the models, beside the data they describe."""

from __future__ import annotations

from pathlib import Path

from toolkit.publishing.dataset import Dataset
from toolkit.publishing.exporters.json_files import SCHEMA_FOLDER
from toolkit.reading.schema_export import write_schemas


def export(dataset: Dataset, out: Path) -> None:
    """Write ``schema/<collection>.schema.json``."""
    write_schemas(out / SCHEMA_FOLDER)
