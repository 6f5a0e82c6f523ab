"""A record as a page in another language shows it: each field in the record's own words
either replaced by its French version (``FrenchText``, with the version's status) or marked as
the English it still is (``EnglishText``), so the page can say which is which."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar

from pydantic import BaseModel

from toolkit.foundation.problems import FieldPath
from toolkit.models import Record
from toolkit.publishing.site.markup import EnglishText, FrenchText
from toolkit.reading.translatable import ANY_INDEX, pointer_path, translatable_plan

RecordT = TypeVar("RecordT", bound=Record)


def in_language(record: RecordT, language: str) -> RecordT:
    """A copy of the record for ``language``'s pages (validation has made sure each version
    names a field that exists)."""
    translations = getattr(record, "translations", None)
    versions = {
        pointer_path(version.field): version
        for version in (getattr(translations, language, None) or [] if translations else [])
    }
    copy = record.model_copy(deep=True)
    for pattern in translatable_plan(record.collection):
        for holder, key, path in _places(copy, pattern, ()):
            value = _get(holder, key)
            if not isinstance(value, str):
                continue
            version = versions.get(path)
            replacement: str = (
                FrenchText(version.text, str(version.status))
                if version is not None
                else EnglishText(value)
            )
            _set(holder, key, replacement)
    return copy


def _places(
    value: Any, pattern: FieldPath, done: FieldPath
) -> Iterator[tuple[Any, Any, FieldPath]]:
    """Each (holder, key, concrete path) the pattern names in ``value``."""
    head, rest = pattern[0], pattern[1:]
    if head == ANY_INDEX:
        keys: list[Any] = list(range(len(value))) if isinstance(value, list) else []
    else:
        keys = [head] if isinstance(value, BaseModel) else []
    for key in keys:
        if not rest:
            yield value, key, (*done, key)
        else:
            child = _get(value, key)
            if child is not None:
                yield from _places(child, rest, (*done, key))


def _get(holder: Any, key: Any) -> Any:
    return holder[key] if isinstance(key, int) else getattr(holder, key, None)


def _set(holder: Any, key: Any, value: str) -> None:
    if isinstance(key, int):
        holder[key] = value
    else:
        object.__setattr__(holder, key, value)  # the copy's own field; models are frozen
