"""The schema reference: every field of every record type, generated from the models."""

from __future__ import annotations

import json
from typing import Any

from toolkit.models import COLLECTIONS
from toolkit.publishing.site.context import Page, Site, collection_title
from toolkit.publishing.site.i18n import N_, SOURCE_LANGUAGE, _, current_language
from toolkit.publishing.site.markup import documentation, text
from toolkit.publishing.site.pages.common import (
    REFERENCE_BOOST,
    Generated,
    index_table,
    markdown_page,
)
from toolkit.reading.published_shape import LOCALIZED_TEXT
from toolkit.reading.schema_export import collection_schema, resolve_ref, schema_file_name
from toolkit.reading.translatable import translatable_fields

JSON_TYPES = {
    "string": N_("string"),
    "integer": N_("integer"),
    "number": N_("number"),
    "boolean": N_("boolean"),
    "object": N_("object"),
}
"""JSON Schema's names for the kinds of value, translated where shown."""
EVENTS = N_("Events")
"""The one collection without pages of its own, whose name no menu gives (the others are
translated with the site's menu)."""


def in_english(html: str) -> str:
    """The project's documentation, written in English, marked as such on other pages."""
    if current_language() == SOURCE_LANGUAGE or not html:
        return html
    return f'<span lang="{SOURCE_LANGUAGE}">{html}</span>'


def _type(root: dict[str, Any], schema: dict[str, Any]) -> str:
    schema = resolve_ref(root, schema)
    if "x-references" in schema:
        collections, *others = schema["x-references"]
        for other in others:
            collections = _("{either} or {other}").format(either=collections, other=other)
        return _("id of {collections}").format(collections=collections)
    if schema.get("type") == "array":
        return _("list of {kind}").format(kind=_type(root, schema.get("items", {})))
    if "enum" in schema:
        values = ", ".join(f"`{value}`" for value in schema["enum"][:12])
        return _("one of {values}").format(
            values=values + (", …" if len(schema["enum"]) > 12 else "")
        )
    if "$ref" in schema or schema.get("type") == "object":
        return str(schema.get("title", _(JSON_TYPES["object"])))
    if schema.get("pattern", "").startswith("^[0-9]{4}"):
        return _("date (YYYY, YYYY-MM or YYYY-MM-DD)")
    kind = str(schema.get("type", ""))
    return _(JSON_TYPES[kind]) if kind in JSON_TYPES else kind or _("value")


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
    yes = _("yes")
    rows = [
        [
            f"<code>{text(name)}</code>",
            documentation(_type(root, field)),
            yes if name in required else "",
            in_english(
                documentation(
                    field.get("description", resolve_ref(root, field).get("description", ""))
                )
            ),
            _example(resolve_ref(root, field), example.get(name)),
        ]
        for name, field in schema.get("properties", {}).items()
    ]
    return index_table(
        [_("Field"), _("Type"), _("Required"), _("Description"), _("Example")],
        rows,
        sortable=False,
        label=_("Fields of {name}").format(name=name),
    )


def languages_section() -> str:
    """How the records' own words are given in both languages: in the records, in the JSON
    and in the tables."""
    heading = _("Both languages")
    records = _(
        "Fields in the record's own words (statements, summaries, notes, titles, names of "
        "offices and topics) may carry a French version, in the record's {block} block: one "
        "entry per field, naming it by a JSON Pointer, with its status and the digest of the "
        "English it translates (see the {type} type below). Quotes, passages, people's names and "
        "sources' titles are never translated."
    ).format(
        block="<code>translations.fr</code>",
        type='<a href="#type-translation">Translation</a>',
    )
    json_shape = _(
        "In the published JSON, each such field is an object: {shape}, where {fr} and "
        "{status} are present only when there is a French version."
    ).format(
        shape='<code>{"en": …, "fr": …, "fr_status": …}</code>',
        fr="<code>fr</code>",
        status="<code>fr_status</code>",
    )
    rows = [
        [f"<code>{text(name)}</code>", documentation(_type({}, field)), yes, ""]
        for name, field, yes in (
            ("en", {"type": "string"}, _("yes")),
            ("fr", {"type": "string"}, ""),
            ("fr_status", {"enum": ["official", "translation"]}, ""),
        )
    ]
    meanings = [
        _("The English, as the record holds it."),
        _("The French version, where there is one."),
        _(
            "Where the French comes from: the government's own French text, printed in a French "
            "source the record cites ({official}), or a translation made for the record "
            "({translation}), shown on the site as « traduction non officielle »."
        ).format(official="<code>official</code>", translation="<code>translation</code>"),
    ]
    for row, meaning in zip(rows, meanings, strict=True):
        row[3] = meaning
    table = index_table(
        [_("Field"), _("Type"), _("Required"), _("Description")],
        rows,
        sortable=False,
        label=_("Fields of {name}").format(name=LOCALIZED_TEXT),
    )
    tables = _(
        "In the tables (CSV, SQLite, the data package), each such column has two beside it: "
        "{french}, the French version, and {status}, where it comes from."
    ).format(
        french="<code>&lt;column&gt;_fr</code>", status="<code>&lt;column&gt;_fr_status</code>"
    )
    listed = "".join(
        f"<li><code>{text(collection)}</code>: "
        + ", ".join(f"<code>{text(field)}</code>" for field in translatable_fields(collection))
        + "</li>"
        for collection in COLLECTIONS
    )
    which = _("The fields that may be translated, by record type:")
    return (
        f'<h2 id="languages">{heading}</h2>\n<p>{records}</p>\n<p>{json_shape}</p>\n'
        f'<h3 id="type-{LOCALIZED_TEXT.lower()}">{LOCALIZED_TEXT}</h3>\n{table}\n'
        f"<p>{tables}</p>\n<p>{which}</p>\n<ul>{listed}</ul>"
    )


def pages(site: Site) -> list[Generated]:
    """One page listing every collection's fields, then the nested types they use."""
    page = Page(site, "schema/")
    sections = []
    for collection in COLLECTIONS:
        root = collection_schema(collection)
        example = (root.get("examples") or [{}])[0]
        title = _(collection_title(collection))
        folder = _("Folder: {folder}.").format(folder=f"<code>data/{collection}/</code>")
        schema_link = (
            f'<a href="{page.href("data/schema/" + schema_file_name(collection))}">'
            f"{text(schema_file_name(collection))}</a>"
        )
        schema = _("JSON Schema: {link}.").format(link=schema_link)
        sections.append(
            f'<h2 id="{collection}">{text(title)}</h2>\n'
            f"<p>{in_english(documentation(root.get('description', '')))} {folder} {schema}</p>\n"
            + _fields(root, root, example, title)
        )
    sections.append(languages_section())
    nested: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
    for collection in COLLECTIONS:
        root = collection_schema(collection)
        for name, definition in root.get("$defs", {}).items():
            if definition.get("type") == "object":
                nested.setdefault(name, (root, definition))
    heading = _("Types used inside records")
    objects = _("Fields whose values are objects of their own, such as a quote or an assessment.")
    sections.append(f'<h2 id="types">{heading}</h2>\n<p>{objects}</p>')
    for name, (root, definition) in sorted(nested.items()):
        example = (definition.get("examples") or [{}])[0]
        sections.append(
            f'<h3 id="type-{text(name.lower())}">{text(name)}</h3>\n'
            f"<p>{in_english(documentation(definition.get('description', '')))}</p>\n"
            f"{_fields(root, definition, example, name)}"
        )
    intro = (
        "<p>"
        + _("Every record type and field, generated from the models that validate the data.")
        + " "
        + _("Optional fields are left out of a record when unknown; they are never {null}.").format(
            null="<code>null</code>"
        )
        + (
            " " + _("The descriptions of the fields are given in English.")
            if current_language() != SOURCE_LANGUAGE
            else ""
        )
        + "</p>"
    )
    return [
        (
            "schema.md",
            markdown_page(
                _("Schema reference"),
                intro + "\n" + "\n".join(sections),
                search_boost=REFERENCE_BOOST,
            ),
        )
    ]
