"""A Frictionless Data Package describing every CSV table: fields, keys, licence, sources."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from toolkit.foundation.dates import is_day_precise
from toolkit.publishing.dataset import Dataset
from toolkit.publishing.exporters.csv_tables import PROTECTION_NOTE, csv_path
from toolkit.publishing.files import write_json
from toolkit.publishing.scorecard_tables import every_table
from toolkit.publishing.tables import Column, Table

DESCRIPTOR_FILE = "datapackage.json"


def field_descriptor(column: Column) -> dict[str, Any]:
    """A Table Schema field: name, type, description and constraints."""
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.enum:
        constraints["enum"] = list(column.enum)
    if column.pattern:
        constraints["pattern"] = column.pattern.removeprefix("^").removesuffix("$")
    descriptor: dict[str, Any] = {
        "name": column.name,
        "type": column.type,
        "description": column.description,
    }
    if column.is_date:
        descriptor["format"] = "default"
    if constraints:
        descriptor["constraints"] = constraints
    return descriptor


def foreign_keys(table: Table) -> list[dict[str, Any]]:
    """Links to the parent table and to every collection a column refers to."""
    keys = []
    if table.parent:
        keys.append(
            {
                "fields": table.parent_columns,
                "reference": {"resource": table.parent.name, "fields": table.parent.primary_key},
            }
        )
    for column in table.columns:
        if column.references and column.name not in table.parent_columns:
            keys.append(
                {
                    "fields": [column.name],
                    "reference": {"resource": column.references, "fields": ["id"]},
                }
            )
    return keys


def resource(table: Table) -> dict[str, Any]:
    """A tabular data resource for one CSV table."""
    schema: dict[str, Any] = {
        "fields": [field_descriptor(column) for column in table.columns],
        "primaryKey": table.primary_key,
    }
    if keys := foreign_keys(table):
        schema["foreignKeys"] = keys
    return {
        "name": table.name,
        "path": csv_path(table),
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": f"{table.description} {PROTECTION_NOTE}",
        "schema": schema,
    }


def export(dataset: Dataset, out: Path) -> None:
    """Write ``datapackage.json`` for the CSV tables."""
    info = dataset.info
    sources = [
        {"title": document.get("title") or document["publisher"], "path": document["url"]}
        for document in dataset.documents["sources"]
    ]
    descriptor: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": info.name,
        "title": info.title,
        "description": info.description,
        # Both languages, as the Government of Canada's open-data portal (CKAN) gives them.
        "title_translated": info.translated("title"),
        "description_translated": info.translated("description"),
        "version": info.version,
        "keywords": list(info.keywords),
        "licenses": [
            {"name": info.licence.id, "title": info.licence.title, "path": info.licence.url}
        ],
        "contributors": [{"title": m.name, "role": "maintainer"} for m in info.maintainers],
        "sources": sources,
        "resources": [resource(table) for table in every_table()],
    }
    if dataset.last_updated and is_day_precise(dataset.last_updated):
        descriptor["created"] = f"{dataset.last_updated}T00:00:00Z"  # the data's date, not now
    write_json(out / DESCRIPTOR_FILE, descriptor)
