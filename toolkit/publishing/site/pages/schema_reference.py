"""The schema reference: every field of every record type, generated from the models."""

from __future__ import annotations

import json
from typing import Any

from toolkit.models import COLLECTIONS
from toolkit.publishing.site.context import Page, Site, collection_title
from toolkit.publishing.site.markup import documentation, text
from toolkit.publishing.site.pages.common import (
    REFERENCE_BOOST,
    Generated,
    index_table,
    markdown_page,
)
from toolkit.reading.schema_export import collection_schema, resolve_ref, schema_file_name


def _type(root: dict[str, Any], schema: dict[str, Any]) -> str:
    schema = resolve_ref(root, schema)
    if "x-references" in schema:
        return "id of " + " or ".join(schema["x-references"])
    if schema.get("type") == "array":
        return f"list of {_type(root, schema.get('items', {}))}"
    if "enum" in schema:
        return (
            "one of "
            + ", ".join(f"`{value}`" for value in schema["enum"][:12])
            + (", …" if len(schema["enum"]) > 12 else "")
        )
    if "$ref" in schema or schema.get("type") == "object":
        return str(schema.get("title", "object"))
    if schema.get("pattern", "").startswith("^[0-9]{4}"):
        return "date (YYYY, YYYY-MM or YYYY-MM-DD)"
    return str(schema.get("type", "value"))


def _example(schema: dict[str, Any], example: Any) -> str:
    if example is None:
        example = (schema.get("examples") or [None])[0]
    return (
        "" if example is None else f"<code>{text(json.dumps(example, ensure_ascii=False))}</code>"
    )


def _fields(
    root: dict[str, Any], schema: dict[str, Any], example: dict[str, Any], name: str
) -> str:
    required = set(schema.get("required", ()))
    rows = [
        [
            f"<code>{text(name)}</code>",
            documentation(_type(root, field)),
            "yes" if name in required else "",
            documentation(
                field.get("description", resolve_ref(root, field).get("description", ""))
            ),
            _example(resolve_ref(root, field), example.get(name)),
        ]
        for name, field in schema.get("properties", {}).items()
    ]
    return index_table(
        ["Field", "Type", "Required", "Description", "Example"],
        rows,
        sortable=False,
        label=f"Fields of {name}",
    )


def pages(site: Site) -> list[Generated]:
    """One page listing every collection's fields, then the nested types they use."""
    page = Page(site, "schema/")
    sections = []
    for collection in COLLECTIONS:
        root = collection_schema(collection)
        example = (root.get("examples") or [{}])[0]
        sections.append(
            f'<h2 id="{collection}">{text(collection_title(collection))}</h2>\n'
            f"<p>{documentation(root.get('description', ''))} "
            f"Folder: <code>data/{collection}/</code>. "
            f'JSON Schema: <a href="{page.href("data/schema/" + schema_file_name(collection))}">'
            f"{text(schema_file_name(collection))}</a>.</p>\n"
            + _fields(root, root, example, collection_title(collection))
        )
    nested: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
    for collection in COLLECTIONS:
        root = collection_schema(collection)
        for name, definition in root.get("$defs", {}).items():
            if definition.get("type") == "object":
                nested.setdefault(name, (root, definition))
    sections.append(
        '<h2 id="types">Types used inside records</h2>\n'
        "<p>Fields whose values are objects of their own, such as a quote or an assessment.</p>"
    )
    for name, (root, definition) in sorted(nested.items()):
        example = (definition.get("examples") or [{}])[0]
        sections.append(
            f'<h3 id="type-{text(name.lower())}">{text(name)}</h3>\n'
            f"<p>{documentation(definition.get('description', ''))}</p>\n"
            f"{_fields(root, definition, example, name)}"
        )
    intro = (
        "<p>Every record type and field, generated from the models that validate the data. "
        "Optional fields are left out of a record when unknown; "
        "they are never <code>null</code>.</p>"
    )
    return [
        (
            "schema.md",
            markdown_page(
                "Schema reference", intro + "\n" + "\n".join(sections), search_boost=REFERENCE_BOOST
            ),
        )
    ]
