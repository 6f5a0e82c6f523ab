"""Quotes against passages: every quoted text must occur in a stored passage of a source it cites.

Quotes live in several places: quote lists (``text`` with one ``source``), discrepancy claims
(``quote`` with the claim's sources) and words in double quotes inside any free text, which cite
the sources of the nearest enclosing statement, assessment, claim or record (a source's own
notes cite the source itself). The per-file pass lists them with the passages each source stores;
the dataset pass compares the two, so a quote is checked against passages stored in another file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from enum import Enum
from typing import Any, NamedTuple

from pydantic import BaseModel

from toolkit.checking.rules.records import CheckedRecord, IdIndex
from toolkit.foundation.codes import ProblemCode
from toolkit.foundation.problems import FieldPath, Problem
from toolkit.foundation.quoting import (
    closest,
    may_hold_quoted,
    normalise,
    parts,
    parts_occur,
    quoted_spans,
)
from toolkit.models import Record
from toolkit.models.base import Claim, Quote
from toolkit.models.sources import Passage, Source
from toolkit.models.translations import Translation, TranslationStatus

SHOWN = 160
"""Longest quote or passage wording shown in a message, in characters."""


class QuoteUse(NamedTuple):
    """One quoted text in a record: where it is, the words, the sources it may come from and
    the speaker it is attributed to (plain values, so the result cache stores it as is)."""

    path: FieldPath
    text: str
    sources: tuple[str, ...]
    speaker: str | None
    inline: bool
    """Words in double quotes inside free text, rather than a whole quote field."""
    parts: tuple[str, ...] = ()
    """The words split at ellipses and normalised (``toolkit.foundation.quoting.parts``),
    worked out where the file is checked, so the dataset pass only searches."""


class StoredPassage(NamedTuple):
    """A passage as the dataset pass needs it: its words and whom it credits with them."""

    text: str
    """Normalised (``toolkit.foundation.quoting.normalise``) where the file is checked, so the
    result cache keeps it and a re-check does not normalise every passage again."""
    speakers: tuple[str, ...]


class SourceText(NamedTuple):
    """What a source stores to check quotes against."""

    title: str | None
    issued_by: str | None
    passages: tuple[StoredPassage, ...]


def quote_uses(model: Record) -> list[QuoteUse]:
    """Every quoted text in a valid record, with the sources it may be checked against."""
    scope = (model.id,) if isinstance(model, Source) else tuple(getattr(model, "sources", ()))
    found: list[QuoteUse] = []
    _collect(model, (), scope, found)
    return found


def _collect(value: Any, path: FieldPath, scope: tuple[str, ...], found: list[QuoteUse]) -> None:
    if type(value) is str:  # the commonest value first
        found.extend(QuoteUse(path, span, scope, None, True) for span in quoted_spans(value))
    elif isinstance(value, Passage):
        return  # passages are what quotes are checked against
    elif isinstance(value, Quote):
        speaker = value.attributed_to
        found.append(QuoteUse((*path, "text"), value.text, (value.source,), speaker, False))
    elif isinstance(value, Translation) and value.status == TranslationStatus.OFFICIAL:
        # The government's own French: the whole text is checked like a quote of its source.
        if value.source is not None:
            found.append(QuoteUse((*path, "text"), value.text, (value.source,), None, False))
    elif isinstance(value, BaseModel):
        own = getattr(value, "sources", None)
        if isinstance(own, list) and own:
            scope = tuple(own)
        is_source, is_claim = isinstance(value, Source), isinstance(value, Claim)
        values = value.__dict__  # the fields' values, read without getattr
        for name in type(value).model_fields:
            child = values.get(name)
            if child is None or isinstance(child, _NEVER_QUOTED):
                continue
            if is_source and name == "title":
                continue  # a headline may itself quote someone; it is the title, not a quote
            if is_claim and name == "quote":
                found.append(QuoteUse((*path, name), child, scope, None, False))
                continue
            _collect(child, (*path, name), scope, found)
    elif isinstance(value, list | tuple):
        for number, item in enumerate(value):
            _collect(item, (*path, number), scope, found)
    elif isinstance(value, str):
        found.extend(QuoteUse(path, span, scope, None, True) for span in quoted_spans(value))


_NEVER_QUOTED = (bool, int, float, dt.date, Enum)
"""Field values that cannot hold a quote (an enumeration's values are fixed words)."""


def source_text(model: Record) -> SourceText | None:
    """The passages a source stores (None for other records)."""
    if not isinstance(model, Source):
        return None
    passages = tuple(StoredPassage(normalise(p.text), tuple(p.speakers)) for p in model.passages)
    return SourceText(model.title, model.issued_by, passages)


QUOTE_KEYS = ("quote", "official")
"""What every key holding quoted words contains: ``quotes`` lists and a claim's ``quote``
(``tests/test_quotes.py`` holds the models to it); and the status of a translation checked
as a quote (``official``)."""


def may_hold_quotes(text: str) -> bool:
    """Whether a record file's text could hold a quote at all: a key naming quotes, or an
    opening quotation mark (the YAML's own double quotes included, so this only ever errs
    towards looking)."""
    return any(key in text for key in QUOTE_KEYS) or may_hold_quoted(text)


def quote_facts(model: Record, file_text: str | None = None) -> dict[str, Any]:
    """The record's quotes and, for a source, its passages, as plain tuples for the cache.
    With the file's ``file_text``, a record that cannot hold a quote is not searched for one."""
    found = quote_uses(model) if file_text is None or may_hold_quotes(file_text) else []
    facts: dict[str, Any] = {
        "quotes": tuple(tuple(use._replace(parts=parts(use.text))) for use in found)
    }
    text = source_text(model)
    if text is not None:
        passages = tuple(tuple(passage) for passage in text.passages)
        facts["source_text"] = (text.title, text.issued_by, passages)
    return facts


def uses(record: CheckedRecord) -> Iterator[QuoteUse]:
    """The quotes a checked record holds (from its facts, so also from the cache)."""
    for path, *rest in record.fact("quotes") or ():
        yield QuoteUse(tuple(path), *rest)


def _source_text(record: CheckedRecord) -> SourceText | None:
    plain = record.fact("source_text")
    if plain is None:
        return None
    title, issued_by, passages = plain
    return SourceText(title, issued_by, tuple(StoredPassage(*p) for p in passages))


def check_quotes(records: list[CheckedRecord], index: IdIndex) -> Iterator[Problem]:
    """Each quote must occur in a stored passage of one of its sources, and a quote attributed
    to a speaker must come from a passage crediting them or from their own document."""
    texts = {
        record.indexed_id: text for record in records if (text := _source_text(record)) is not None
    }
    for record in records:
        for use in uses(record):
            if not record.already_reported(use.path):
                yield from _check_use(record, use, texts)


def _check_use(
    record: CheckedRecord, use: QuoteUse, texts: dict[str, SourceText]
) -> Iterator[Problem]:
    cited = [(source, texts[source]) for source in use.sources if source in texts]
    if not cited:
        return  # the references check reports sources that do not exist
    # Only passages satisfy a quote: they are what `toolkit sources check` finds on the page.
    # A headline is not checked against it, so words quoted from one are stored as a passage.
    candidates = [(source, passage) for source, stored in cited for passage in stored.passages]
    holding = [
        (source, passage) for source, passage in candidates if parts_occur(use.parts, passage.text)
    ]
    if not candidates:
        yield _problem(
            record,
            use,
            "E-QUOTE-PASSAGE",
            f"{_named(use)} cites {_ids(use.sources)}, which store no passages",
            f"copy the whole sentences around the quote from the page into `passages` of "
            f"{_files(use.sources)}",
        )
    elif not holding:
        near = closest(use.text, [passage.text for _, passage in candidates])
        shown = "" if near is None else f'; closest passage wording: "{_cut(near.span)}"'
        source = candidates[near.passage][0] if near is not None else use.sources[0]
        differs = "; ".join(near.differences) if near is not None else ""
        yield _problem(
            record,
            use,
            "E-QUOTE-TEXT",
            f"{_named(use)} is not in any stored passage of {_ids(use.sources)}"
            f" (nearest in '{source}'){shown}",
            (f"differs: {differs}; " if differs else "")
            + "copy the words exactly as the passage prints them, mark left-out words with …, "
            "or store the passage that holds them",
        )
    elif use.speaker is not None and not _credited(use.speaker, holding, texts):
        yield _problem(
            record,
            use,
            "E-QUOTE-SPEAKER",
            f"{_named(use)} is attributed to '{use.speaker}', but no passage holding it credits "
            f"'{use.speaker}' and none of {_ids(use.sources)} is their own document",
            f"add '{use.speaker}' to the `speakers` of the passage that says they spoke these "
            f"words, or remove `attributed_to`",
        )


def _credited(
    speaker: str, holding: list[tuple[str, StoredPassage]], texts: dict[str, SourceText]
) -> bool:
    return any(
        speaker in passage.speakers or texts[source].issued_by == speaker
        for source, passage in holding
    )


def _problem(
    record: CheckedRecord, use: QuoteUse, code: ProblemCode, message: str, hint: str
) -> Problem:
    position = record.loaded.fragment_position(use.path, use.text) if use.inline else None
    return record.problem(code, message, use.path, hint=hint, at=position)


def _named(use: QuoteUse) -> str:
    return f'quote "{_cut(normalise(use.text))}"'


def _cut(text: str) -> str:
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def _ids(sources: tuple[str, ...]) -> str:
    return ", ".join(f"'{source}'" for source in sources)


def _files(sources: tuple[str, ...]) -> str:
    return " or ".join(f"data/sources/{source}.yaml" for source in sources)
