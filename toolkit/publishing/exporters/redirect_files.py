"""The id crosswalk: ``redirects.json`` lists every retired id with the record it leads to,
and each retired id's old address under ``records/`` answers with where the record is now, so
a program holding an old id or address finds the record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from toolkit.models import COLLECTIONS, page_path
from toolkit.publishing.dataset import Dataset
from toolkit.publishing.exporters.record_files import record_file
from toolkit.publishing.files import write_json

REDIRECTS_FILE = "redirects.json"


def crosswalk(dataset: Dataset) -> list[dict[str, Any]]:
    """Every retired id, in the order ``data/redirects.yaml`` lists them, with the record's
    file now (relative to this file) and its page (absolute, when the site's address is known)."""
    rows = []
    for redirect in dataset.redirects:
        row = redirect.model_dump(mode="json") | {
            "json": record_file(redirect.collection, redirect.new)
        }
        if dataset.site_url and COLLECTIONS[redirect.collection].has_pages():
            row["page"] = dataset.site_url + page_path(redirect.collection, redirect.new)
        rows.append(row)
    return rows


def export(dataset: Dataset, out: Path) -> None:
    """Write ``redirects.json`` (an empty list when no id was retired) and, at each retired
    record's old file, a note of where it went."""
    write_json(out / REDIRECTS_FILE, crosswalk(dataset))
    for redirect in dataset.redirects:
        write_json(
            out / record_file(redirect.collection, redirect.old),
            {
                "id": redirect.old,
                "redirect": {
                    "id": redirect.new,
                    "json": f"{redirect.new}.json",
                    "date": redirect.date,
                    "reason": redirect.reason,
                },
            },
        )
