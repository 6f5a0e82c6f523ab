"""Citations: quotes cite one of the record's sources, every source is cited somewhere, wire
copy names its agency, and discrepancy notes point at real fields."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from toolkit.checking.rules.records import CheckedRecord, IdIndex
from toolkit.foundation.codes import ProblemCode
from toolkit.foundation.problems import FieldPath, Problem
from toolkit.models import COLLECTIONS


def check_quote_sources(record: CheckedRecord) -> Iterator[Problem]:
    """A quote's source must be among the sources its record cites."""
    fields = record.model.__dict__ if record.model is not None else {}
    places = (
        (("quotes", number, "source"), quote.source)
        for number, quote in enumerate(fields.get("quotes", ()))
    )
    yield from _outside_bibliography(record, fields, places, "E-QUOTE-SOURCE", "quote")


def check_statement_sources(record: CheckedRecord) -> Iterator[Problem]:
    """A statement's sources (the record's own, or in a government's account) must be among the
    sources its record cites, so the record's list stays the whole bibliography."""
    fields = record.model.__dict__ if record.model is not None else {}
    places = (
        ((*path, number, "sources", position), source)
        for path, statements in _statement_lists(fields)
        for number, statement in enumerate(statements)
        for position, source in enumerate(statement.sources)
    )
    yield from _outside_bibliography(record, fields, places, "E-STATEMENT-SOURCE", "statement")


def _outside_bibliography(
    record: CheckedRecord,
    fields: dict[str, Any],
    places: Iterable[tuple[FieldPath, str]],
    code: ProblemCode,
    what: str,
) -> Iterator[Problem]:
    """A problem for each cited source (at its place) that the record's `sources` lacks."""
    cited = set(fields.get("sources", ()))
    for path, source in places:
        if source not in cited:
            yield record.problem(
                code,
                f"{what} source '{source}' is not among the record's sources",
                path,
                hint=f"add '{source}' to `sources`",
            )


def _statement_lists(fields: dict[str, Any]) -> Iterator[tuple[FieldPath, list[Any]]]:
    yield ("statements",), fields.get("statements", [])
    for number, account in enumerate(fields.get("accounts", ())):
        yield ("accounts", number, "statements"), account.statements


def check_account_governments(record: CheckedRecord) -> Iterator[Problem]:
    """A government's account belongs to a party of the meeting (a delegation) or the event
    (one of its countries)."""
    fields = record.model.__dict__ if record.model is not None else {}
    if not fields.get("accounts"):
        return
    if "participants" in fields:
        parties = {participant.delegation for participant in fields["participants"]}
    else:
        parties = set(fields.get("countries", ()))
    for number, account in enumerate(fields["accounts"]):
        if account.government not in parties:
            yield record.problem(
                "E-ACCOUNT-PARTY",
                f"'{account.government}' is not a party to this record",
                ("accounts", number, "government"),
                hint=f"one of: {', '.join(sorted(parties))}",
            )


def check_source_reading(record: CheckedRecord) -> Iterator[Problem]:
    """A source gives its title as published or says why it cannot (exactly one of the two),
    and a source that was read (it has a title or passages) says when."""
    fields = record.model.__dict__ if record.model is not None else {}
    if record.collection != "sources" or not fields:
        return
    if fields["accessed"] is None and (fields["title"] is not None or fields["passages"]):
        yield record.problem(
            "E-SOURCE-ACCESSED",
            "the source gives a title or passages but not when it was read",
            ("id",),
            hint="add `accessed:` with the date the page was read",
        )
    if (fields["title"] is None) == (fields["title_unseen"] is None):
        both = fields["title"] is not None
        yield record.problem(
            "E-SOURCE-TITLE",
            "give `title` or `title_unseen`, not both" if both else "the source has no `title`",
            ("title_unseen",) if both else ("id",),
            hint="copy the headline exactly as the page shows it; only if the page as read shows "
            "none, say so in `title_unseen`",
        )


AGENCY_CREDIT = re.compile(r"\((PTI|ANI|IANS|UNI|IBNS|KUNA|Reuters|AP|AFP|CP|Xinhua)\)")
"""A news agency's credit as datelines print it (``New Delhi, Feb 24 (ANI):``): the outlet is
carrying that agency's copy."""


def check_agency_credit(record: CheckedRecord) -> Iterator[Problem]:
    """A passage printing an agency's dateline credit belongs to a source that names the agency
    (or whose notes explain the credit, naming the agency as a word): several outlets carrying
    one agency's copy are one origin, not several confirmations."""
    fields = record.model.__dict__ if record.model is not None else {}
    if record.collection != "sources" or not fields or fields["agency"] is not None:
        return
    notes = fields["notes"] or ""
    for number, passage in enumerate(fields["passages"]):
        credits = dict.fromkeys(found.group(1) for found in AGENCY_CREDIT.finditer(passage.text))
        for agency in credits:
            if re.search(rf"\b{agency}\b", notes):
                continue
            yield record.problem(
                "W-AGENCY",
                f"passage {number + 1} prints the agency credit ({agency}), but the source "
                "records no `agency`",
                ("passages", number, "text"),
                hint=f"add `agency: {agency}` if the page carries that agency's copy; "
                "if the credit covers only part of it, say so in `notes`, naming the agency",
            )


def check_discrepancy_fields(record: CheckedRecord) -> Iterator[Problem]:
    """A discrepancy's ``field`` must name a field of its record (``location.city`` allowed)."""
    fields = COLLECTIONS[record.collection].model_fields
    values = record.model.__dict__ if record.model is not None else {}
    for number, note in enumerate(values.get("discrepancies", ())):
        if note.field is not None and note.field.split(".")[0] not in fields:
            yield record.problem(
                "E-FIELD",
                f"'{note.field}' is not a field of this record",
                ("discrepancies", number, "field"),
                hint=f"one of: {', '.join(fields)}",
            )


def check_uncited_sources(records: list[CheckedRecord], index: IdIndex) -> Iterator[Problem]:
    """Warn about sources that no record cites: either a citation is missing or the source is."""
    cited = {
        reference.target
        for record in records
        for reference in record.references
        if "sources" in reference.collections
    }
    for record in records:
        if record.collection == "sources" and record.id is not None and record.id not in cited:
            yield record.problem(
                "W-UNCITED",
                f"source '{record.id}' is cited by no record",
                ("id",),
                hint="cite it where it supports a fact, or remove it",
            )
