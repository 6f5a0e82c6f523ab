"""How a record is named: one rule for every output.

The site, the diff, ``CHANGES.md``, the feed, ``changelog.yaml`` and the SQLite search table all
name a record the same way, so a reader who meets a record in one output finds it under the same
name in another (where its page lives is declared by its model: ``toolkit.models.page_path``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

TITLE_FIELDS = ("title", "name", "publisher")
"""The fields that name a record, in order of preference (sources: their headline, else their
publisher; the id only when none is given)."""


def record_title(record: Mapping[str, Any] | Any) -> str:
    """What a reader calls a record: its title, name or publisher, else its id. Takes a model
    or its plain data, as written or as published (a field given as ``{"en": …, "fr": …}``
    is read in English)."""
    values = record if isinstance(record, Mapping) else vars(record)
    for key in TITLE_FIELDS:
        value = values.get(key)
        if isinstance(value, Mapping):
            value = value.get("en")
        if isinstance(value, str) and value:
            return value
    return str(values.get("id", ""))
