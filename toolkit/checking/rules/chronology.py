"""Dates in order: histories oldest first, nothing ending before it starts, rounds in sequence."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from toolkit.checking.rules.records import CheckedRecord, IdIndex
from toolkit.foundation.dates import may_precede
from toolkit.foundation.problems import FieldPath, Problem


def check_record_dates(record: CheckedRecord) -> Iterator[Problem]:
    """Within one record: spans, the assessments and positions in date order."""
    model: Any = record.model
    if "end" in type(model).model_fields:
        yield from _span(record, model.date, model.end, ("end",))
    if record.collection == "commitments":
        dates = [assessment.date for assessment in model.assessments]
        yield from _in_order(record, dates, "assessments")
    if record.collection == "people":
        for number, position in enumerate(model.positions):
            yield from _span(record, position.start, position.end, ("positions", number, "end"))
            yield from _announced_only(record, position, number)
        starts = [position.start for position in model.positions]
        yield from _in_order(record, starts, "positions", field="start")


def check_rounds_in_order(records: list[CheckedRecord], index: IdIndex) -> Iterator[Problem]:
    """A meeting's previous round took place before it."""
    dates = {r.id: r.fact("date") for r in records if r.fact("date") is not None}
    for record in records:
        date, previous = record.fact("date"), record.fact("previous")
        if previous is None or date is None or previous not in dates:
            continue
        earlier = dates[previous]
        if earlier == date or not may_precede(earlier, date):
            yield record.problem(
                "E-ORDER",
                f"previous round '{previous}' ({earlier}) is not before this one",
                ("previous",),
            )


def _span(
    record: CheckedRecord, start: str | None, end: str | None, path: FieldPath
) -> Iterator[Problem]:
    if start is not None and end is not None and not may_precede(start, end):
        yield record.problem("E-ORDER", f"end {end} is before start {start}", path)


def _in_order(
    record: CheckedRecord, dates: list[str | None], list_name: str, field: str = "date"
) -> Iterator[Problem]:
    previous: str | None = None
    for number, date in enumerate(dates):
        if date is None:
            continue
        if previous is not None and not may_precede(previous, date):
            yield record.problem(
                "E-ORDER",
                f"{list_name}[{number}] ({date}) is older than the entry before it ({previous})",
                (list_name, number, field),
                hint=f"list `{list_name}` oldest first",
            )
        previous = date


def _announced_only(record: CheckedRecord, position: Any, number: int) -> Iterator[Problem]:
    """An appointment only announced has not been taken up, so it has no start or end."""
    if position.status != "announced":
        return
    for field in ("start", "end"):
        if getattr(position, field) is not None:
            yield record.problem(
                "E-ANNOUNCED",
                f"position '{position.title}' is only announced (status: announced) but has "
                f"{'an' if field == 'end' else 'a'} {field} date, {getattr(position, field)}",
                ("positions", number, field),
                hint="give the announcement's date as `announced:`, or set `status: held` "
                "once a source reports the office taken up",
            )
