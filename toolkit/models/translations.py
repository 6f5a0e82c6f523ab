"""French versions of a record's own prose, each with its provenance and what it translated.

A translation names the field it translates by a JSON Pointer (``/statements/0/text``), says
whether it is the government's own French text (``official``, citing the French source that
prints it) or a translation made for this record, and keeps a digest of the English it was
made from, so validation can tell when the English has changed since.
"""

from __future__ import annotations

import hashlib

from pydantic import ConfigDict, Field

from toolkit.models.base import SourceRef, StrictModel
from toolkit.models.enums import DocumentedEnum
from toolkit.models.fields import Text

DIGEST_LENGTH = 12
"""Hex digits of SHA-256 kept: enough to tell one English wording from another."""

POINTER_PATTERN = r"^(/[a-z_]+(/(0|[1-9][0-9]*))?)+$"
"""A JSON Pointer (RFC 6901) to a field of the record: names, and list positions from 0."""


def english_digest(english: str) -> str:
    """What a translation records of the English it translates: the first hex digits of the
    SHA-256 of the text exactly as the record holds it."""
    return hashlib.sha256(english.encode("utf-8")).hexdigest()[:DIGEST_LENGTH]


class TranslationStatus(DocumentedEnum):
    """Where a French text comes from."""

    OFFICIAL = (
        "official",
        "The government's own French text, printed in the French source the translation cites.",
        "texte officiel",
    )
    TRANSLATION = (
        "translation",
        "A translation made for this record, not by the government; shown as unofficial.",
        "traduction non officielle",
    )


class Translation(StrictModel):
    """The French version of one field of the record."""

    field: str = Field(pattern=POINTER_PATTERN, max_length=200)
    """The field translated, as a JSON Pointer into the record: `/name`,
    `/statements/0/text`, `/assessments/1/scores/0/note`. Only fields the schema marks
    `x-translatable` may be translated: never quotes, passages, people's names or a source's
    own title."""
    text: Text
    """The French text. Words the English quotes stay as the source printed them, in their
    language and within quotation marks."""
    status: TranslationStatus
    """`official` when it is the government's own French text (then `source` names the French
    source printing it, and the text must occur in one of its passages), `translation`
    otherwise."""
    translates: str = Field(pattern=rf"^[0-9a-f]{{{DIGEST_LENGTH}}}$")
    """The first 12 hex digits of the SHA-256 of the English it translates. When the English
    changes, validation reports the translation as stale and gives the new digest."""
    source: SourceRef | None = None
    """The French source printing this text: required when `status` is `official`; it must
    also be among the record's sources."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "field": "/name",
                    "text": "Bureau du Conseil privé",
                    "status": "official",
                    "translates": "0f1e2d3c4b5a",
                    "source": "privy-council-office-fr",
                }
            ]
        }
    )


class Translations(StrictModel):
    """The record's prose in other languages, by language."""

    fr: list[Translation] = Field(default_factory=list)
    """French versions of the record's own fields, one entry per field."""
