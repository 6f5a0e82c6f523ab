"""Every record at an address of its own: ``records/<collection>/<id>.json``, and an
``index.json`` per collection listing them, so a program can fetch one record, or poll one
collection, without downloading the whole dataset.

On the site they are served under ``data/`` (``/data/records/people/ajit-doval.json``), and each
record's page links its file (``<link rel="alternate" type="application/json">``). A record's
file holds exactly its entry of ``<collection>.json``; ids are slugs, so the address is stable
for as long as the id is (a renamed id is recorded in ``data/redirects.yaml``).
"""

from __future__ import annotations

from pathlib import Path

from toolkit.foundation.naming import record_title
from toolkit.models import COLLECTIONS, page_path
from toolkit.publishing.dataset import Dataset
from toolkit.publishing.files import write_json

RECORDS_FOLDER = "records"


def record_file(collection: str, record_id: str) -> str:
    """A record's file, relative to the datasets' folder: ``records/people/ajit-doval.json``."""
    return f"{RECORDS_FOLDER}/{collection}/{record_id}.json"


def export(dataset: Dataset, out: Path) -> None:
    """Write each record's file and each collection's index (records sorted by id)."""
    for name in dataset.published:  # one collection decoded at a time, as json_files does
        index = []
        for document in dataset.published[name]:
            record_id = str(document["id"])
            write_json(out / record_file(name, record_id), document)
            entry = {"id": record_id, "title": record_title(document), "json": f"{record_id}.json"}
            if dataset.site_url and COLLECTIONS[name].has_pages():
                entry["page"] = dataset.site_url + page_path(name, record_id)  # absolute: the
                # file is read from data/records/, where a site-relative path would mislead
            index.append(entry)
        write_json(out / RECORDS_FOLDER / name / "index.json", index)
