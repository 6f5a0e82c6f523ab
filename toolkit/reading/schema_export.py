"""Export the models as Draft 2020-12 JSON Schemas, one file per collection.

Optional fields are exported as "may be omitted", not "may be null": records leave out what
they do not know, and the models refuse explicit nulls the same way.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from toolkit.foundation.problems import FieldPath
from toolkit.models import COLLECTIONS
from toolkit.models.changelog import Changelog, ReleaseChanges
from toolkit.models.dataset_info import DatasetInfo
from toolkit.models.redirects import Redirects
from toolkit.reading.published_shape import published_schema


def schema_models() -> dict[str, type[BaseModel]]:
    """Every exported schema: the collections, ``dataset`` for ``data/dataset.yaml`` and
    ``changelog`` for ``data/changelog.yaml``, ``changes`` for the published
    ``changes/<version>.json``, ``redirects`` for ``data/redirects.yaml`` (read from the
    registry each time, so it never lags behind it)."""
    return {
        **COLLECTIONS,
        "dataset": DatasetInfo,
        "changelog": Changelog,
        "changes": ReleaseChanges,
        "redirects": Redirects,
    }


DRAFT = "https://json-schema.org/draft/2020-12/schema"
ID_PREFIX = "urn:india-canada-security-dialogue:schema:"
"""Schemas are identified by name, not by a host, so their ids do not depend on where they live."""


class _OmitNotNull(GenerateJsonSchema):
    """Pydantic's generator, exporting ``X | None = None`` as an optional ``X``."""

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        return self.generate_inner(schema["schema"])

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        json_schema = super().default_schema(schema)
        if json_schema.get("default", ...) is None:
            del json_schema["default"]
        return json_schema


def resolve_ref(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """``node`` with a local ``$ref`` replaced by the definition it points to."""
    if "$ref" not in node:
        return node
    target: dict[str, Any] = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return target | {key: value for key, value in node.items() if key != "$ref"}


def marked_paths(collection: str, marker: str, any_index: str) -> list[tuple[FieldPath, Any]]:
    """Every path pattern in the collection's schema whose node carries ``marker`` (such as
    ``x-references``), with the marker's value; list items are ``any_index`` in the path."""
    schema = collection_schema(collection)
    found: list[tuple[FieldPath, Any]] = []

    def walk(node: dict[str, Any], path: FieldPath) -> None:
        node = resolve_ref(schema, node)
        if marker in node:
            found.append((path, node[marker]))
        for key, child in node.get("properties", {}).items():
            walk(child, (*path, key))
        if isinstance(node.get("items"), dict):
            walk(node["items"], (*path, any_index))

    walk(schema, ())
    return found


def schema_file_name(collection: str) -> str:
    """The file name of a collection's schema, e.g. ``people.schema.json``."""
    return f"{collection}.schema.json"


def collection_schema(collection: str, base_url: str = "") -> dict[str, Any]:
    """The JSON Schema of one collection, with ``$schema``, ``$id`` and a title. ``$id`` is the
    schema's published address when ``base_url`` (where the schema files are served) is given,
    else a name that depends on no host (the committed copies in ``schema/``)."""
    model = schema_models()[collection]
    generated = model.model_json_schema(schema_generator=_OmitNotNull)
    identifier = (
        f"{base_url}{schema_file_name(collection)}" if base_url else f"{ID_PREFIX}{collection}"
    )
    header = {
        "$schema": DRAFT,
        "$id": identifier,
        "title": f"{collection}: {model.__name__} record",
    }
    generated.pop("title", None)
    return header | generated


def render_schema(collection: str, base_url: str = "", *, published: bool = False) -> str:
    """The exact text written to the schema file: sorted keys, two-space indent, final newline.
    ``published``: a collection's schema as its published JSON is shaped (the records' own
    fields in both languages, ``toolkit.reading.published_shape.published_schema``)."""
    schema = collection_schema(collection, base_url)
    if published and collection in COLLECTIONS:
        schema = published_schema(schema)
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(directory: Path, base_url: str = "", *, published: bool = False) -> list[Path]:
    """Write every collection's schema into ``directory`` (``$id`` under ``base_url`` when it
    is given; ``published``, as ``render_schema``); returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for collection in schema_models():
        target = directory / schema_file_name(collection)
        text = render_schema(collection, base_url, published=published)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written


def stale_schemas(directory: Path) -> list[str]:
    """Collections whose schema file is missing or differs from the models."""
    stale = []
    for collection in schema_models():
        target = directory / schema_file_name(collection)
        current = target.read_text(encoding="utf-8") if target.is_file() else None
        if current != render_schema(collection):
            stale.append(collection)
    return stale
