"""The shape of the published JSON: a record's own words in both languages, as objects.

The YAML records keep each field in English and its French under ``translations``; the
published JSON gives each such field as ``{"en": …, "fr": …, "fr_status": …}``, which is what
data users want to read. This module turns a collection's schema into the schema of that
shape; ``toolkit.publishing.bilingual`` turns the records.
"""

from __future__ import annotations

import copy
from typing import Any

LOCALIZED_TEXT = "LocalizedText"
"""The name, in the published schemas' ``$defs``, of a field given in both languages."""

LOCALIZED_TEXT_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": (
        "A field in the record's own words, in each language it is published in: `en`, the "
        "English as the record holds it; `fr`, its French version where there is one, with "
        "`fr_status`: `official` when it is the government's own French text (printed in a "
        "French source the record cites), `translation` when it was translated for the record "
        "(not by a government). Quotes and passages are never translated and stay plain text."
    ),
    "properties": {
        "en": {"type": "string", "description": "The English, as the record holds it."},
        "fr": {"type": "string", "description": "The French version, where there is one."},
        "fr_status": {
            "enum": ["official", "translation"],
            "description": "Where the French comes from: the government (`official`) or a "
            "translation made for the record (`translation`).",
        },
        "fr_source": {
            "type": "string",
            "description": "For the government's own French (`official`), the id of the French "
            "source that prints it (a record of `sources`).",
            "x-references": ["sources"],
        },
    },
    "required": ["en"],
    "dependentRequired": {"fr": ["fr_status"], "fr_status": ["fr"], "fr_source": ["fr"]},
    "additionalProperties": False,
}


def published_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """A collection's schema as its published JSON files are shaped: every translatable field
    a ``LocalizedText`` object (``{"en": …, "fr": …, "fr_status": …}``), and the record's
    ``translations`` block, which those objects now carry, left out."""
    published = copy.deepcopy(schema)
    published.get("properties", {}).pop("translations", None)
    definitions = published.setdefault("$defs", {})
    for unused in ("Translations", "Translation", "TranslationStatus"):
        definitions.pop(unused, None)
    definitions[LOCALIZED_TEXT] = LOCALIZED_TEXT_SCHEMA
    for node in [published, *definitions.values()]:
        _localize(node)
    return published


def _localize(node: dict[str, Any]) -> None:
    for name, child in list(node.get("properties", {}).items()):
        if isinstance(child, dict) and child.get("x-translatable"):
            entry: dict[str, Any] = {"$ref": f"#/$defs/{LOCALIZED_TEXT}"}
            if "description" in child:
                entry["description"] = child["description"]
            node["properties"][name] = entry
        elif isinstance(child, dict):
            _localize(child)
    items = node.get("items")
    if isinstance(items, dict):
        if items.get("x-translatable"):
            node["items"] = {"$ref": f"#/$defs/{LOCALIZED_TEXT}"}
        else:
            _localize(items)
