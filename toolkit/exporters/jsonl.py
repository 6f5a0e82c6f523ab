"""JSON Lines: one record per line, for tools that stream."""

from __future__ import annotations

import json
from pathlib import Path

from toolkit.dataset import Dataset
from toolkit.exporters.files import write_text


def export(dataset: Dataset, out: Path) -> None:
    """Write ``<collection>.jsonl``, records sorted by id."""
    for name, documents in dataset.documents.items():
        lines = (json.dumps(document, ensure_ascii=False) + "\n" for document in documents)
        write_text(out / f"{name}.jsonl", "".join(lines))
