"""Hypothesis strategies that generate values valid under the exported JSON Schemas."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from toolkit.foundation.characters import FORBIDDEN
from toolkit.models.fields import ONE_LINE_PATTERN
from toolkit.reading.schema_export import resolve_ref

PUBLISHABLE = st.characters(blacklist_categories=("Cs", "Cc")).filter(
    lambda character: not FORBIDDEN.match(character)
)
"""Any character record text may hold (line breaks aside)."""

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=40,
)


def from_schema(
    root: dict[str, Any], schema: dict[str, Any] | None = None
) -> st.SearchStrategy[Any]:
    """Values for ``schema`` (default: the root): required keys always, optional ones sometimes."""
    node = resolve_ref(root, root if schema is None else schema)
    if "enum" in node:
        return st.sampled_from(node["enum"])
    kind = node.get("type")
    if kind == "object":
        required = set(node.get("required", ()))
        fields = {name: from_schema(root, sub) for name, sub in node.get("properties", {}).items()}
        return st.fixed_dictionaries(
            {k: v for k, v in fields.items() if k in required},
            optional={k: v for k, v in fields.items() if k not in required},
        )
    if kind == "array":
        return st.lists(
            from_schema(root, node.get("items", {})), min_size=node.get("minItems", 0), max_size=3
        )
    if kind == "boolean":
        return st.booleans()
    if node.get("pattern") == ONE_LINE_PATTERN:
        return st.text(
            alphabet=PUBLISHABLE,
            min_size=node.get("minLength", 0),
            max_size=min(node.get("maxLength", 60), 60),
        )
    if "pattern" in node:
        return st.from_regex(node["pattern"], fullmatch=True).filter(
            lambda text: len(text) <= node.get("maxLength", 10_000)
        )
    return st.text(
        alphabet=st.one_of(PUBLISHABLE, st.just("\n")),
        min_size=node.get("minLength", 0),
        max_size=min(node.get("maxLength", 60), 60),
    )
