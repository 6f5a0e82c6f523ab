"""Which fields of a collection's records may carry a French version, read from the exported
schema (``x-translatable``), and how a translation's JSON Pointer names one of them."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

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


def translatable_places(
    collection: str, document: dict[str, Any]
) -> Iterator[tuple[Any, Any, FieldPath]]:
    """Each (holder, key, path) of a translatable field a record's plain data holds: the dict
    or list holding it, its key there, and its path."""
    for pattern in translatable_plan(collection):
        yield from _expand(document, pattern, ())


def _expand(
    value: Any, pattern: FieldPath, done: FieldPath
) -> Iterator[tuple[Any, Any, FieldPath]]:
    head, rest = pattern[0], pattern[1:]
    if head == ANY_INDEX:
        keys: list[Any] = list(range(len(value))) if isinstance(value, list) else []
    else:
        keys = [head] if isinstance(value, dict) and head in value else []
    for key in keys:
        if rest:
            yield from _expand(value[key], rest, (*done, key))
        else:
            yield value, key, (*done, key)
