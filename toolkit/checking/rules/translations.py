"""Translations against their English: each names a translatable field that exists, was made
from the English the record holds now, keeps the English's quotes as printed, and, when it is
the government's own text, cites the French source that prints it.

Whether an official text occurs in that source's passages is the quote rule's to check
(``toolkit.checking.rules.quotes``), as for any quote.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from toolkit.checking.rules.records import CheckedRecord
from toolkit.foundation.problems import Problem
from toolkit.foundation.quoting import quoted_spans
from toolkit.models.translations import Translation, TranslationStatus, english_digest
from toolkit.reading.translatable import is_translatable, pointer_path, translatable_fields

SHOWN = 120
"""Longest English wording shown in a message, in characters."""


def check_translations(record: CheckedRecord) -> Iterator[Problem]:
    """Report translations of missing, untranslatable or changed English, translations that
    drop or alter a quote, and official texts without their French source."""
    model = record.model
    translations = getattr(model, "translations", None) if model is not None else None
    if model is None or translations is None:
        return
    seen: set[str] = set()
    for number, translation in enumerate(translations.fr):
        at = ("translations", "fr", number)
        if translation.field in seen:
            yield record.problem(
                "E-TRANSLATION-DUP",
                f"{translation.field} is translated twice",
                (*at, "field"),
                hint="keep one French text per field",
            )
            continue
        seen.add(translation.field)
        if record.already_reported(pointer_path(translation.field)) or record.already_reported(at):
            continue  # the English or the French is refused already (a character, a type)
        english = _english(record, model, translation)
        if english is None:
            yield _untranslatable(record, translation, at)
            continue
        yield from _stale(record, translation, english, at)
        if translation.status != TranslationStatus.OFFICIAL:  # the government's French is its own
            yield from _quotes_kept(record, translation, english, at)
        yield from _official_source(record, model, translation, at)


def _english(record: CheckedRecord, model: Any, translation: Translation) -> str | None:
    """The English the pointer names, None when it names no translatable text."""
    path = pointer_path(translation.field)
    if not is_translatable(record.collection, path):
        return None
    value: Any = model
    for step in path:
        if isinstance(step, int):
            value = value[step] if isinstance(value, list) and step < len(value) else None
        else:
            value = getattr(value, step, None) if isinstance(value, BaseModel) else None
        if value is None:
            return None
    return value if isinstance(value, str) else None


def _untranslatable(record: CheckedRecord, translation: Translation, at: Any) -> Problem:
    path = pointer_path(translation.field)
    exists = is_translatable(record.collection, path)
    reason = (
        "names no text in this record (the English was removed or moved)"
        if exists
        else "is not a field that may be translated"
    )
    return record.problem(
        "E-TRANSLATION-FIELD",
        f"{translation.field} {reason}",
        (*at, "field"),
        hint="translatable fields here: "
        + ", ".join(translatable_fields(record.collection))
        + "; quotes, passages, people's names and sources' titles stay as printed",
    )


def _stale(
    record: CheckedRecord, translation: Translation, english: str, at: Any
) -> Iterator[Problem]:
    digest = english_digest(english)
    if translation.translates == digest:
        return
    shown = english if len(english) <= SHOWN else english[: SHOWN - 1] + "…"
    yield record.problem(
        "E-TRANSLATION-STALE",
        f"the English of {translation.field} has changed since it was translated: "
        f'it now reads "{shown}"',
        (*at, "translates"),
        hint=f"bring the French text in line with the English, then set `translates: '{digest}'`",
    )


def _quotes_kept(
    record: CheckedRecord, translation: Translation, english: str, at: Any
) -> Iterator[Problem]:
    """Words the English quotes are the source's: the French shows them as printed."""
    for quote in dict.fromkeys(quoted_spans(english)):
        if quote not in translation.text:
            yield record.problem(
                "E-TRANSLATION-QUOTE",
                f'the French of {translation.field} does not keep the quote "{quote}" '
                "as the source printed it",
                (*at, "text"),
                hint="quotes are never translated: copy the quoted words unchanged into the "
                "French, within quotation marks",
            )


def _official_source(
    record: CheckedRecord, model: Any, translation: Translation, at: Any
) -> Iterator[Problem]:
    if translation.status != TranslationStatus.OFFICIAL:
        return
    if translation.source is None:
        yield record.problem(
            "E-TRANSLATION-SOURCE",
            f"the French of {translation.field} is marked official but cites no source",
            (*at, "status"),
            hint="name the government's French page in `source` (a source with "
            "`language: fr` storing the text in a passage), or mark it `translation`",
        )
    elif translation.source not in getattr(model, "sources", [translation.source]):
        yield record.problem(
            "E-TRANSLATION-SOURCE",
            f"the French source {translation.source} is not among the record's sources",
            (*at, "source"),
            hint=f"add {translation.source} to the record's `sources`",
        )
