"""`toolkit new`: a new record file with every field, explained, ready to fill in.

Required fields are present and empty (validation points at each until it is filled); optional
fields are commented out. The first line tells editors with the YAML language server which
schema to check and autocomplete against.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import Any

from toolkit.authoring.formatting import modeline
from toolkit.foundation.reserved import reserved_reason
from toolkit.models import COLLECTIONS, SINGULAR
from toolkit.models.fields import SLUG_PATTERN
from toolkit.reading.schema_export import collection_schema, resolve_ref

_SLUG = re.compile(SLUG_PATTERN)
COMMENT_WIDTH = 98


class ScaffoldError(ValueError):
    """The record cannot be created; the message says why and what to do."""


def slugify(text: str) -> str:
    """The nearest valid id to some text: lowercase ASCII words joined by hyphens."""
    words = "".join(c if c.isascii() and c.isalnum() else " " for c in text.lower()).split()
    return "-".join(words)


def new_record(data_dir: Path, collection: str, record_id: str) -> Path:
    """Write ``data/<collection>/<id>.yaml`` from the template; refuse bad or taken ids."""
    if collection not in COLLECTIONS:
        raise ScaffoldError(f"unknown collection '{collection}'; one of: {', '.join(COLLECTIONS)}")
    if not _SLUG.match(record_id):
        guess = slugify(record_id)
        hint = f" (did you mean '{guess}'?)" if guess else ""
        raise ScaffoldError(
            f"'{record_id}' is not a valid id: use lowercase letters, digits and hyphens{hint}"
        )
    reason = reserved_reason(collection, record_id)
    if reason is not None:
        raise ScaffoldError(f"{reason}: choose a more specific id")
    path = data_dir / collection / f"{record_id}.yaml"
    if path.parent.is_symlink():
        raise ScaffoldError(
            f"{path.parent} is a symbolic link; records are not written through one"
        )
    text = template(collection, record_id)
    try:  # never through a link, never over an existing file
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{path} already exists: edit it, or choose another id") from None
    except OSError as error:
        if path.is_file() and not path.is_symlink():
            path.unlink(missing_ok=True)  # created here ("x") and half-written: remove it
        raise ScaffoldError(f"cannot write {path}: {error.strerror}") from None
    return path


def template(collection: str, record_id: str) -> str:
    """The text of a new record: schema line, guidance, then every field."""
    root = collection_schema(collection)
    lines = [
        modeline(collection),
        f"# A new {SINGULAR[collection]}. Fill in every field marked (required); uncomment the",
        "# optional ones you have sources for. Then run `toolkit fmt` and `toolkit validate`.",
        f"id: {record_id}",
    ]
    lines += _fields(root, root, indent="", skip={"id"})
    return "\n".join(lines) + "\n"


def _fields(root: dict[str, Any], schema: dict[str, Any], indent: str, skip: set[str]) -> list[str]:
    required = set(schema.get("required", ()))
    lines: list[str] = []
    for name, raw in schema.get("properties", {}).items():
        if name in skip:
            continue
        field = resolve_ref(root, raw)
        description = str(raw.get("description") or field.get("description", ""))
        need = "required" if name in required else "optional"
        comment = f"{name}: {' '.join(description.split(' One of:')[0].split())} ({need})"
        lines += [
            f"{indent}# {part}" for part in textwrap.wrap(comment, COMMENT_WIDTH - len(indent))
        ]
        if "enum" in field and len(field["enum"]) <= 12:
            lines.append(f"{indent}#   one of: {', '.join(field['enum'])}")
        body = _value(root, name, field, indent)
        if name not in required:
            body = [f"{indent}# {line[len(indent) :]}" for line in body]
        lines += body
    return lines


def _value(root: dict[str, Any], name: str, field: dict[str, Any], indent: str) -> list[str]:
    """The key and an empty value of the right shape."""
    if field.get("type") == "object":
        return [f"{indent}{name}:", *_fields(root, field, indent + "  ", set())]
    if field.get("type") == "array":
        items = resolve_ref(root, field.get("items", {}))
        if items.get("type") != "object":
            return [f"{indent}{name}: []"]
        fields = _fields(root, items, indent + "    ", set())
        # The dash goes on the item's first key; the comments above it stay where they are.
        opening = next((n for n, line in enumerate(fields) if not line.lstrip().startswith("#")), 0)
        fields[opening] = f"{indent}  - {fields[opening][len(indent) + 4 :]}"
        return [f"{indent}{name}:", *fields]
    return [f"{indent}{name}:"]
