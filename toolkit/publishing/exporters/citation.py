"""CITATION.cff, so the dataset can be cited with its version."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from toolkit.foundation.dates import is_day_precise
from toolkit.models.changelog import Changelog
from toolkit.models.dataset_info import DatasetInfo
from toolkit.publishing.dataset import Dataset
from toolkit.publishing.files import write_text

REPOSITORY_CITATION = "CITATION.cff"
"""The copy at the repository's root, beside data/, from which GitHub offers "Cite this
repository"; it is the dataset's own citation, refreshed by ``toolkit release``."""


def export(dataset: Dataset, out: Path) -> None:
    """Write a Citation File Format 1.2.0 file describing the dataset."""
    write_text(out / REPOSITORY_CITATION, citation_text(dataset))


def released_citation(info: DatasetInfo, changelog: Changelog) -> str:
    """The citation of a release about to be written: its description and change log are
    all a citation needs."""
    return citation_text(Dataset(info, {}, changelog))


def citation_text(dataset: Dataset) -> str:
    """The Citation File Format 1.2.0 text describing the dataset."""
    info = dataset.info
    citation: dict[str, Any] = {
        "cff-version": "1.2.0",
        "message": "If you use this dataset, please cite it as below.",
        "type": "dataset",
        "title": info.title,
        "abstract": info.description,
        "version": info.version,
        "license": info.licence.id,
        "authors": [{"name": maintainer.name} for maintainer in info.maintainers],
    }
    released = dataset.changelog.releases[0].date if dataset.changelog else dataset.last_updated
    if released and is_day_precise(released):
        citation["date-released"] = released
    if info.keywords:
        citation["keywords"] = list(info.keywords)
    if info.doi:
        citation["doi"] = info.doi
    if info.repository:
        citation["repository-code"] = info.repository
    return yaml.safe_dump(citation, sort_keys=False, allow_unicode=True, width=100)
