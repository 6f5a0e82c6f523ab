"""How a record is named and where its page lives: one rule for every output.

The site, the diff, ``CHANGES.md``, the feed, ``changelog.yaml`` and the SQLite search table all
name a record the same way, and every link to a record's page follows one path rule, so a reader
who meets a record in one output finds it under the same name and address in another.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

TITLE_FIELDS = ("title", "name", "publisher")
"""The fields that name a record, in order of preference (sources: their headline, else their
publisher; the id only when none is given)."""


def record_title(record: Mapping[str, Any] | Any) -> str:
    """What a reader calls a record: its title, name or publisher, else its id. Takes a model
    or its plain data."""
    values = record if isinstance(record, Mapping) else vars(record)
    for key in TITLE_FIELDS:
        value = values.get(key)
        if isinstance(value, str) and value:
            return value
    return str(values.get("id", ""))


def page_path(collection: str, record_id: str) -> str:
    """The site path of a record's page, derived from its id so it is stable. Events have no
    page of their own: they are anchors on the timeline."""
    if collection == "events":
        return f"timeline/#{record_id}"
    return f"{collection}/{record_id}/"
