"""The Zenodo deposit's description, ``.zenodo.json`` at the repository's root.

Once a maintainer connects the repository to Zenodo, Zenodo archives every GitHub release and
mints a DOI for it, reading this file for the deposit's metadata (it takes precedence over
``CITATION.cff``). ``toolkit release`` refreshes it with the other released files, so the
deposit of each version describes that version.
"""

from __future__ import annotations

import html
import json
from typing import Any

from toolkit.foundation.dates import is_day_precise
from toolkit.models.changelog import Changelog
from toolkit.models.dataset_info import DatasetInfo

REPOSITORY_ZENODO = ".zenodo.json"

ZENODO_LICENCES = {"CC-BY-4.0": "cc-by-4.0", "CC0-1.0": "cc-zero", "ODbL-1.0": "odbl-1.0"}
"""SPDX identifiers and the ids Zenodo's licence vocabulary gives them."""


def zenodo_metadata(info: DatasetInfo, changelog: Changelog | None) -> dict[str, Any]:
    """The deposit metadata Zenodo's GitHub integration reads (its legacy deposit schema).
    The description is HTML there, so the dataset's text is escaped into it."""
    metadata: dict[str, Any] = {
        "upload_type": "dataset",
        "title": info.title,
        "description": f"<p>{html.escape(info.description)}</p>",
        "version": info.version,
        "creators": [{"name": maintainer.name} for maintainer in info.maintainers],
        "access_right": "open",
        "license": ZENODO_LICENCES.get(info.licence.id, info.licence.id.lower()),
        "keywords": list(info.keywords),
    }
    released = changelog.releases[0].date if changelog and changelog.releases else None
    if released and is_day_precise(released):
        metadata["publication_date"] = released
    if info.repository:
        metadata["related_identifiers"] = [
            {"identifier": info.repository, "relation": "isSupplementTo", "scheme": "url"}
        ]
    return metadata


def released_zenodo(info: DatasetInfo, changelog: Changelog) -> str:
    """The text of ``.zenodo.json`` for a release about to be written."""
    return json.dumps(zenodo_metadata(info, changelog), ensure_ascii=False, indent=2) + "\n"
