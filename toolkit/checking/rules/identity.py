"""Ids: each file is named after its record's id, and ids are unique within a collection."""

from __future__ import annotations

from collections.abc import Iterator

from toolkit.checking.rules.records import CheckedRecord, IdIndex
from toolkit.foundation.problems import Problem
from toolkit.foundation.reserved import reserved_reason


def check_ids(records: list[CheckedRecord], index: IdIndex) -> Iterator[Problem]:
    """File stem equals id; no id is a name the outputs reserve; no id appears twice in one
    collection."""
    first_seen: dict[tuple[str, str], CheckedRecord] = {}
    # A file named after its id keeps the id; the duplicate is reported on the other one.
    for record in sorted(records, key=lambda r: r.stem != r.id):
        record_id = record.id
        if record_id is None:
            continue
        stem = record.stem
        if record_id != stem and not record.already_reported(("id",)):
            yield record.problem(
                "E-ID-FILE",
                f"'{record_id}' differs from the file name '{stem}'",
                ("id",),
                hint=f"rename the file to {record_id}.yaml, or set `id: {stem}`",
            )
        reason = reserved_reason(record.collection, record_id)
        if reason is not None and not record.already_reported(("id",)):
            yield record.problem(
                "E-ID-RESERVED",
                f"{reason}",
                ("id",),
                hint="choose a more specific id, such as one that adds the date or a place",
            )
        earlier = first_seen.setdefault((record.collection, record_id), record)
        if earlier is not record:
            yield record.problem(
                "E-ID-DUP",
                f"id '{record_id}' is already used by {earlier.name}",
                ("id",),
                hint="give each record its own id",
            )
