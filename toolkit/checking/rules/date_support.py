"""Dates no more precise than their sources: a government's account, or a meeting or event,
dated to the day rests on a page published that day or on a passage naming the day.

A page's "last August" recorded as a day, or remarks dated to a day no cited page names, read
as settled to a reader; the warning asks for the day's source or a vaguer date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, TypeGuard

from toolkit.checking.rules.quotes import SourceText
from toolkit.checking.rules.records import CheckedRecord, IdIndex
from toolkit.foundation.day_mentions import names_day
from toolkit.foundation.problems import FieldPath, Problem
from toolkit.models import Record, Source


def date_facts(model: Record) -> dict[str, Any]:
    """What the rule compares: a source's date; a record's day-precise dates, each with the
    sources that must support it."""
    if isinstance(model, Source):
        return {"published": model.published}
    dated: list[tuple[FieldPath, str, tuple[str, ...]]] = []
    date = getattr(model, "date", None)
    if _is_day(date):
        dated.append((("date",), date, tuple(getattr(model, "sources", ()))))
    for number, account in enumerate(getattr(model, "accounts", ())):
        if _is_day(account.date):
            cited = dict.fromkeys(s for statement in account.statements for s in statement.sources)
            dated.append((("accounts", number, "date"), account.date, tuple(cited)))
    return {"dated": tuple(dated)} if dated else {}


def _is_day(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and len(value) == len("YYYY-MM-DD")


def check_dates_supported(records: list[CheckedRecord], index: IdIndex) -> Iterator[Problem]:
    """Warn where a date given to the day is named by none of the sources that support it."""
    pages = {
        record.indexed_id: (record.fact("published"), record.fact("source_text"))
        for record in records
        if record.collection == "sources" and "published" in record.facts
    }
    for record in records:
        for path, date, sources in record.fact("dated") or ():
            if record.already_reported(tuple(path)):
                continue
            day = dt.date.fromisoformat(date)
            known = [pages[source] for source in sources if source in pages]
            if len(known) < len(sources) or _supported(day, known):
                continue  # a missing or invalid source is reported elsewhere
            yield record.problem(
                "W-DATE-PRECISION",
                f"{date} is given to the day, but no source cited for it "
                f"({', '.join(repr(source) for source in sources)}) was published that day or "
                "has a passage naming it",
                tuple(path),
                hint="store the passage that names the day, cite a page published that day, or "
                "give only the month (YYYY-MM) the sources support",
            )


def _supported(day: dt.date, pages: list[tuple[str | None, Any]]) -> bool:
    for published, plain in pages:
        if published == day.isoformat():
            return True
        page_day = dt.date.fromisoformat(published) if _is_day(published) else None
        text = SourceText(*plain) if plain is not None else None
        if text is None:
            continue
        if text.title is not None and names_day(text.title, day, page_day):
            return True
        if any(names_day(passage[0], day, page_day) for passage in text.passages):
            return True
    return False
