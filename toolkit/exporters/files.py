"""Writing output files the same way every time: UTF-8, LF line ends, a final newline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def write_text(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8, creating the folder if needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def write_json(path: Path, value: Any) -> None:
    """Write ``value`` as indented JSON; key order is the caller's, so output is stable."""
    write_text(path, json.dumps(value, indent=2, ensure_ascii=False) + "\n")
