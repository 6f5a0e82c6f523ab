"""A record's own words in both languages, as the published files give them.

The YAML records keep each field in English and its French under ``translations.fr``. The
published JSON gives each field of the record's own words as an object,
``{"en": …, "fr": …, "fr_status": …}`` (``fr`` and ``fr_status`` where there is a French
version; the shape is ``LocalizedText`` in the published schemas); the tables (CSV, SQLite,
the data package) give the French in a ``_fr`` column beside each such column, with its
``_fr_status``. Both are made from freshly decoded records, changed in place.
"""

from __future__ import annotations

from typing import Any

from toolkit.foundation.problems import FieldPath
from toolkit.reading.translatable import pointer_path, translatable_places

FRENCH_SUFFIX = "_fr"
STATUS_SUFFIX = "_fr_status"
SOURCE_SUFFIX = "_fr_source"


def _french_versions(document: dict[str, Any]) -> dict[FieldPath, dict[str, str]]:
    """Each translated field's path, with its French, the French's status and, for the
    government's own French, the source printing it; the record's ``translations`` block is
    taken out of the document (the versions now sit by their fields)."""
    block = document.pop("translations", None) or {}
    versions = {}
    for version in block.get("fr", []):
        found = {"fr": version["text"], "fr_status": version["status"]}
        if version.get("source"):
            found["fr_source"] = version["source"]
        versions[pointer_path(version["field"])] = found
    return versions


def as_objects(collection: str, document: dict[str, Any]) -> dict[str, Any]:
    """The record as the published JSON gives it: each field of its own words an object."""
    versions = _french_versions(document)
    for holder, key, path in translatable_places(collection, document):
        value = holder[key]
        if isinstance(value, str):
            holder[key] = {"en": value, **versions.get(path, {})}
    return document


def with_french_columns(collection: str, document: dict[str, Any]) -> dict[str, Any]:
    """The record as the tables read it: beside each translated field, its French
    (``<field>_fr``) and the French's status (``<field>_fr_status``)."""
    versions = _french_versions(document)
    for holder, key, path in translatable_places(collection, document):
        if path in versions and isinstance(key, str):
            found = versions[path]
            holder[key + FRENCH_SUFFIX] = found["fr"]
            holder[key + STATUS_SUFFIX] = found["fr_status"]
            if "fr_source" in found:
                holder[key + SOURCE_SUFFIX] = found["fr_source"]
    return document
