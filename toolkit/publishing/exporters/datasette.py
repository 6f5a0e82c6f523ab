"""Datasette metadata for ``dataset.sqlite``: the dataset's title, licence and source, and every
table's and column's description, from the same table definitions as the data package, so
``datasette dataset.sqlite --metadata datasette-metadata.json`` explains each column."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from toolkit.publishing.dataset import Dataset
from toolkit.publishing.exporters.sqlite import DATABASE_FILE, searchable_columns
from toolkit.publishing.files import write_json
from toolkit.publishing.scorecard_tables import every_table

METADATA_FILE = "datasette-metadata.json"

RECONCILED = {"people": "Person", "organizations": "Organization"}
"""Tables OpenRefine users can match names against (datasette-reconcile), and their type."""


def reconcile_settings(dataset: Dataset, table: str) -> dict[str, Any]:
    """datasette-reconcile's settings for a table: match on ``name``, answer with the record's
    ``id``, and link each match to its page when the site's address is known."""
    kind = RECONCILED[table]
    settings: dict[str, Any] = {
        "id_field": "id",
        "name_field": "name",
        "type_default": [{"id": kind.lower(), "name": kind}],
        "max_limit": 5,
        "service_name": f"{dataset.info.title}: {table}",
    }
    if dataset.site_url:
        settings["view_url"] = f"{dataset.site_url}{table}/{{{{id}}}}/"
    return settings


def metadata(dataset: Dataset) -> dict[str, Any]:
    """The metadata document Datasette reads with ``--metadata``."""
    info = dataset.info
    tables: dict[str, Any] = {
        "search": {
            "description": "Every record's title and free text, for full-text search across "
            "collections (FTS5, with stemming).",
        },
        "metadata": {"description": "The dataset's name, version, licence and date."},
    }
    for table in every_table():
        entry: dict[str, Any] = {
            "description": table.description,
            "columns": {column.name: column.description for column in table.columns},
        }
        if searchable_columns(table):
            entry["searchmode"] = "raw"  # FTS5 syntax (phrases, OR, prefix*) works in the box
        if table.name in RECONCILED:
            entry["plugins"] = {"datasette-reconcile": reconcile_settings(dataset, table.name)}
        tables[table.name] = entry
    return {
        "title": " / ".join(info.translated("title").values()),
        "description_html": "".join(
            f'<p lang="{language}">{html.escape(text)}</p>'
            for language, text in info.translated("description").items()
        ),
        "license": info.licence.title,
        "license_url": info.licence.url,
        "databases": {Path(DATABASE_FILE).stem: {"tables": tables}},
    }


def export(dataset: Dataset, out: Path) -> None:
    """Write ``datasette-metadata.json`` beside ``dataset.sqlite``."""
    write_json(out / METADATA_FILE, metadata(dataset))
