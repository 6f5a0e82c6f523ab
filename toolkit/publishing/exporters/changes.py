"""CHANGES.md: what each release of the dataset added, removed and changed."""

from __future__ import annotations

from pathlib import Path

from toolkit.history.changelog_report import render_changes
from toolkit.publishing.dataset import Dataset
from toolkit.publishing.files import write_text


def export(dataset: Dataset, out: Path) -> None:
    """Write the change log of every recorded release."""
    write_text(out / "CHANGES.md", render_changes(dataset.info, dataset.changelog))
