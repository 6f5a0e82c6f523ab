"""Which fields of a collection's records may carry a French version, read from the exported
schema (``x-translatable``), and how a translation's JSON Pointer names one of them."""

from __future__ import annotations

from functools import cache

from toolkit.foundation.problems import FieldPath
from toolkit.reading.schema_export import marked_paths

ANY_INDEX = "*"


@cache
def translatable_plan(collection: str) -> frozenset[FieldPath]:
    """Every path pattern (list positions as ``*``) of a translatable field."""
    return frozenset(
        path
        for path, _ in marked_paths(collection, "x-translatable", ANY_INDEX)
        if path[:1] != ("translations",)
    )


def pointer_path(pointer: str) -> FieldPath:
    """A JSON Pointer such as ``/statements/0/text`` as a field path, list positions as ints
    (the pattern the model allows has no escapes to undo)."""
    return tuple(int(step) if step.isdigit() else step for step in pointer.split("/")[1:])


def path_pointer(path: FieldPath) -> str:
    """A field path as a JSON Pointer."""
    return "".join(f"/{step}" for step in path)


def is_translatable(collection: str, path: FieldPath) -> bool:
    """Whether ``path`` names a field the collection's records may translate."""
    pattern = tuple(ANY_INDEX if isinstance(step, int) else step for step in path)
    return pattern in translatable_plan(collection)


def translatable_fields(collection: str) -> list[str]:
    """The translatable fields as pointer patterns (``/statements/*/text``), for messages."""
    return sorted(path_pointer(path) for path in translatable_plan(collection))
