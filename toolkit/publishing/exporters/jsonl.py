"""JSON Lines: one record per line, for tools that stream."""

from __future__ import annotations

import json
from pathlib import Path

from toolkit.publishing.dataset import Dataset

# Characters some line readers treat as line breaks; escaped so each record stays on one line.
_LINE_BREAKS = {"\u0085": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_line(document: object) -> str:
    """One record as a single line of JSON, whatever characters its text holds."""
    line = json.dumps(document, ensure_ascii=False)
    for character, escaped in _LINE_BREAKS.items():
        line = line.replace(character, escaped)
    return line + "\n"


def export(dataset: Dataset, out: Path) -> None:
    """Write ``<collection>.jsonl``, records sorted by id."""
    for name in dataset.published:  # one collection decoded at a time, none held past its file
        with (out / f"{name}.jsonl").open("w", encoding="utf-8", newline="\n") as handle:
            handle.writelines(json_line(document) for document in dataset.published[name])
