"""Writing output files the same way every time: UTF-8, LF line ends, a final newline."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

_INDENT = "  "
_ENCODER = json.JSONEncoder(indent=len(_INDENT), ensure_ascii=False)


def write_text(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8, creating the folder if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def write_json(path: Path, value: Any) -> None:
    """Write ``value`` as indented JSON, streamed to the file rather than built as one string;
    key order is the caller's, so the output is stable. A mapping that is not a ``dict`` (the
    dataset's records, decoded a collection at a time) is read one entry at a time, and an
    iterator (rows made as they are written) is written as a list, so neither is held whole;
    the text is the same ``json.dump(value, indent=2)`` would write (with iterators as lists)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.writelines(_json_chunks(value, 0))
        handle.write("\n")


def _json_chunks(value: Any, depth: int) -> Iterator[str]:
    """``value`` as indented JSON text, in small pieces (JSON text never holds a raw line
    break, so a nested value is indented by indenting its lines). Mappings and iterators are
    streamed wherever mappings nest them; inside a list, values are plain JSON values."""
    if isinstance(value, Mapping):
        inner = "\n" + _INDENT * (depth + 1)
        separator = "{"
        for key in value:  # the value is never bound here, so one is let go before the next
            yield f"{separator}{inner}{_ENCODER.encode(_key_text(key))}: "
            yield from _json_chunks(value[key], depth + 1)
            separator = ","
        yield "{}" if separator == "{" else "\n" + _INDENT * depth + "}"
    elif isinstance(value, Iterator):
        inner = "\n" + _INDENT * (depth + 1)
        separator = "["
        for item in value:
            yield separator + inner
            yield from _json_chunks(item, depth + 1)
            separator = ","
        yield "[]" if separator == "[" else "\n" + _INDENT * depth + "]"
    else:
        indented = "\n" + _INDENT * depth
        for chunk in _ENCODER.iterencode(value):  # streamed, never one string
            yield chunk.replace("\n", indented) if depth else chunk


def _key_text(key: object) -> str:
    """A mapping key as ``json`` writes it: text as it is, numbers, booleans and null as their
    JSON text; any other key is refused, as ``json.dump`` refuses it."""
    if isinstance(key, str):
        return key
    if key is None or isinstance(key, bool | int | float):
        return _ENCODER.encode(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")
