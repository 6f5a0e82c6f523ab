"""A published record read back as the records are written: each ``{"en", "fr"}`` object its
English again, and the French versions gathered into ``translations.fr`` (each with the digest
of the English it translates, which a published record, being valid, always matches)."""

from __future__ import annotations

from typing import Any

from toolkit.models.translations import english_digest
from toolkit.reading.translatable import path_pointer, translatable_places


def record_form(collection: str, document: dict[str, Any]) -> dict[str, Any]:
    """The published ``document`` (changed in place) in the records' own form."""
    versions = []
    for holder, key, path in list(translatable_places(collection, document)):
        value = holder[key]
        if not isinstance(value, dict) or "en" not in value:
            continue
        holder[key] = value["en"]
        if "fr" in value:
            version = {
                "field": path_pointer(path),
                "text": value["fr"],
                "status": value.get("fr_status", "translation"),
                "translates": english_digest(value["en"]),
            }
            if "fr_source" in value:
                version["source"] = value["fr_source"]
            versions.append(version)
    if versions:
        document["translations"] = {"fr": sorted(versions, key=lambda entry: entry["field"])}
    return document


def translations_in_order(document: dict[str, Any]) -> dict[str, Any]:
    """The record with its French versions in field order, as ``record_form`` gives them, so
    two forms of one record compare equal whatever order a contributor wrote them in."""
    block = document.get("translations")
    if isinstance(block, dict) and isinstance(block.get("fr"), list):
        entries = block["fr"]
        if all(isinstance(entry, dict) for entry in entries):
            ordered = sorted(entries, key=lambda entry: str(entry.get("field", "")))
            document = {**document, "translations": {**block, "fr": ordered}}
    return document
