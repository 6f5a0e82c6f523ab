"""Redirects' rules: a retired id is never a record's id again, a redirect leads to a record
that exists in its collection, in one step (never to another retired id), and an id is retired
once. Each problem is located where a contributor fixes it."""

from __future__ import annotations

from collections.abc import Iterator

from toolkit.checking.rules.records import CheckedRecord
from toolkit.foundation.codes import ProblemCode
from toolkit.foundation.problems import FieldPath, Problem
from toolkit.foundation.reserved import reserved_reason
from toolkit.models import COLLECTIONS
from toolkit.models.redirects import Redirects
from toolkit.reading.loader import LoadedFile


def check_redirects(
    redirects: Redirects, loaded: LoadedFile, records: list[CheckedRecord]
) -> Iterator[Problem]:
    """Every problem of ``data/redirects.yaml`` against the records."""
    by_key = {(record.collection, record.indexed_id): record for record in records}
    retired: dict[tuple[str, str], int] = {}

    def at(number: int, field: str, code: ProblemCode, message: str, hint: str) -> Problem:
        path: FieldPath = ("redirects", number, field)
        line, column = loaded.position(path) or (None, None)
        return Problem.at(
            loaded.name, code, message, line=line, column=column, path=path, hint=hint
        )

    for number, redirect in enumerate(redirects.redirects):
        key = (redirect.collection, redirect.old)
        if redirect.collection not in COLLECTIONS:
            yield at(
                number,
                "collection",
                "E-REDIRECT-TARGET",
                f"'{redirect.collection}' is not a collection",
                f"one of: {', '.join(COLLECTIONS)}",
            )
            continue
        if (reason := reserved_reason(redirect.collection, redirect.old)) is not None:
            yield at(
                number, "old", "E-ID-RESERVED", reason, "an id the site uses cannot be retired"
            )
            continue
        if key in retired:
            yield at(
                number,
                "old",
                "E-REDIRECT-DUP",
                f"{redirect.collection}/{redirect.old} is already retired (redirect "
                f"{retired[key] + 1})",
                "an id is retired once: keep the first redirect",
            )
            continue
        retired[key] = number
        reused = by_key.get(key)
        if reused is not None:
            line, column = reused.loaded.position(("id",)) or (None, None)
            yield Problem.at(
                reused.name,
                "E-REDIRECT-REUSED",
                f"id '{redirect.old}' was retired on {redirect.date} (renamed to "
                f"'{redirect.new}'): links and downloads that used it lead to that record",
                line=line,
                column=column,
                path=("id",),
                hint="choose another id for this record; a retired id is never used again",
            )
    for number, redirect in enumerate(redirects.redirects):
        if redirect.collection not in COLLECTIONS:
            continue
        target = (redirect.collection, redirect.new)
        if target in retired and target != (redirect.collection, redirect.old):
            final = _final(redirects, target)
            yield at(
                number,
                "new",
                "E-REDIRECT-CHAIN",
                f"'{redirect.new}' is itself a retired id: redirects lead to a record in one step",
                f"point this redirect at '{final}'",
            )
        elif target not in by_key:
            yield at(
                number,
                "new",
                "E-REDIRECT-TARGET",
                f"{redirect.collection}/{redirect.new} is not a record",
                f"name an existing record in data/{redirect.collection}/",
            )


def _final(redirects: Redirects, start: tuple[str, str]) -> str:
    """The id a chain of redirects ends at (a loop ends where it started)."""
    step = {(r.collection, r.old): r.new for r in redirects.redirects}
    collection, current = start
    seen = {current}
    while (collection, current) in step and step[(collection, current)] not in seen:
        current = step[(collection, current)]
        seen.add(current)
    return current
