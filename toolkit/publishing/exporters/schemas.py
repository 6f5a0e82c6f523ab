"""The JSON Schemas, exported from the models, beside the data they describe."""

from __future__ import annotations

from pathlib import Path

from toolkit.foundation.reserved import SITE_DATA_FOLDER
from toolkit.publishing.dataset import Dataset
from toolkit.publishing.exporters.json_files import SCHEMA_FOLDER
from toolkit.reading.schema_export import write_schemas


def export(dataset: Dataset, out: Path) -> None:
    """Write ``schema/<collection>.schema.json``, each describing the published JSON (the
    records' own fields as ``{"en", "fr"}`` objects); when the build publishes a site, each
    schema's ``$id`` is the address the site serves it at, so editors and other projects can
    refer to it there."""
    base = f"{dataset.site_url}{SITE_DATA_FOLDER}/{SCHEMA_FOLDER}/" if dataset.site_url else ""
    write_schemas(out / SCHEMA_FOLDER, base, published=True)
