"""Where each collection's records point at other records, read from the exported schema.

A reference plan lists path patterns (``positions.*.organization``) with the collections the id
may belong to; expanding it over a record yields every reference with its exact location.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any, NamedTuple

from toolkit.foundation.problems import FieldPath
from toolkit.reading.schema_export import marked_paths

ANY_INDEX = "*"


class Reference(NamedTuple):
    """One id found in a record, where it was found, and where it may point (a tuple, so the
    result cache stores it as is and rebuilds it cheaply)."""

    path: FieldPath
    target: str
    collections: tuple[str, ...]


@cache
def reference_plan(collection: str) -> tuple[tuple[FieldPath, tuple[str, ...]], ...]:
    """Every path pattern in the collection's records that holds a reference."""
    return tuple(
        (path, tuple(collections))
        for path, collections in marked_paths(collection, "x-references", ANY_INDEX)
    )


def references_in(collection: str, data: Any) -> Iterator[Reference]:
    """Every reference in one record's data, with its concrete path."""
    for pattern, collections in reference_plan(collection):
        for path, value in _expand(data, pattern, ()):
            if isinstance(value, str):
                yield Reference(path, value, collections)


def _expand(data: Any, pattern: FieldPath, done: FieldPath) -> Iterator[tuple[FieldPath, Any]]:
    if not pattern:
        yield done, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == ANY_INDEX:
        if isinstance(data, list):
            for index, item in enumerate(data):
                yield from _expand(item, rest, (*done, index))
    elif isinstance(data, dict) and head in data:
        yield from _expand(data[head], rest, (*done, head))
