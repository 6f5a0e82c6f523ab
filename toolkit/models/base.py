"""The building blocks every record shares: strict models, typed references, quotes and claims.

References are plain ids whose field type names the collection they point into, so one generic
check can resolve every reference and tell a missing id from an id of the wrong kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, GetJsonSchemaHandler, field_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from toolkit.models.enums import DocumentedEnum
from toolkit.models.fields import CountryCode, Label, PartialDate, Prose, ShortText, Slug, Text


@dataclass(frozen=True)
class References:
    """Marks a field whose value is the id of a record in one of ``collections``."""

    collections: tuple[str, ...]

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema["x-references"] = list(self.collections)
        return json_schema


SourceRef = Annotated[Slug, References(("sources",))]
PersonRef = Annotated[Slug, References(("people",))]
OrganizationRef = Annotated[Slug, References(("organizations",))]
MeetingRef = Annotated[Slug, References(("meetings",))]
TopicRef = Annotated[Slug, References(("topics",))]
SpeakerRef = Annotated[Slug, References(("people", "organizations"))]


class StrictModel(BaseModel):
    """A model that refuses unknown keys and explicit nulls: optional keys are simply omitted."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, frozen=True)

    @field_validator("*", mode="before")
    @classmethod
    def _refuse_null(cls, value: Any) -> Any:
        if value is None:
            raise PydanticCustomError(
                "null_forbidden", "null is not allowed: give a value or omit the key"
            )
        return value


class Quote(StrictModel):
    """Words quoted verbatim from a source, with who said them."""

    text: Text
    """The exact words, as printed in the source (keep its spelling)."""
    source: SourceRef
    """The source the words were read in; it must also be among the record's sources."""
    attributed_to: SpeakerRef | None = None
    """Who spoke or wrote the words: a person or an organisation id. A stored passage of the
    source must credit them with the words (its `speakers`), or the source must be their own
    document (its `issued_by`)."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "text": "each country would establish security and law-enforcement "
                    "liaison officers",
                    "source": "gulf-news-2026-02-08",
                    "attributed_to": "ministry-of-external-affairs",
                }
            ]
        }
    )


class Statement(StrictModel):
    """One thing a record says, a sentence or two, with the sources that support it."""

    text: Prose
    """The statement, neutral, attributing each claim to whoever made it. Words in double quotes
    are quotes: they must appear in a stored passage of one of this statement's sources."""
    sources: list[SourceRef] = Field(min_length=1)
    """The sources that support this statement; each must also be among the record's sources."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "text": "The two advisers met in Ottawa on 7 February 2026, according to WION.",
                    "sources": ["wion-2026-02-08"],
                }
            ]
        }
    )


class GovernmentAccount(StrictModel):
    """One government's own account of a meeting or event: what it stated, in its own words,
    given as much room as the other side's."""

    government: CountryCode
    """The country whose government gave the account."""
    speaker: SpeakerRef
    """Who gave it: the ministry, office, agency or official (e.g. `privy-council-office`)."""
    date: PartialDate | None = None
    """When the account was given, where the sources say."""
    statements: list[Statement] = Field(min_length=1)
    """What the account says, each statement attributed and cited; words in double quotes are
    the government's own, checked against the passages of the statement's sources."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "government": "CA",
                    "speaker": "privy-council-office",
                    "date": "2025-09-18",
                    "statements": [
                        {
                            "text": "Canada's Privy Council Office said the talks advanced "
                            "the relationship.",
                            "sources": ["media7-nsa-meeting"],
                        }
                    ],
                }
            ]
        }
    )


class Claim(StrictModel):
    """One account of a value, as given by the sources that give it."""

    value: Label
    """The value this account gives, in the source's own terms where they differ from ours."""
    sources: list[SourceRef] = Field(min_length=1)
    """Sources that give this value."""
    quote: Text | None = None
    """The words that give the value, verbatim, when it helps to see them; they must appear in a
    stored passage of one of this claim's sources."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"value": "2026-02-06", "sources": ["free-press-journal-2026-02-08"]}]
        }
    )


class DiscrepancyKind(DocumentedEnum):
    """Why a discrepancy note exists."""

    CONFLICT = "conflict", "Sources give different values for the same fact.", "Sources divergentes"
    UNCONFIRMED = (
        "unconfirmed",
        ("A claim rests on some sources only, or the primary text was not seen."),
        "Non confirmé",
    )


class Discrepancy(StrictModel):
    """A dated note where sources disagree or a claim could not be confirmed."""

    kind: DiscrepancyKind
    """`conflict` when sources disagree, `unconfirmed` when a claim lacks confirmation."""
    field: ShortText | None = None
    """The field of this record the note is about; omit when it concerns the record as a whole."""
    noted: PartialDate
    """When the note was written, so readers can tell whether later sources settled it."""
    note: Prose
    """What differs and which value the record keeps, written neutrally."""
    claims: list[Claim] = Field(min_length=1)
    """Each account with the sources that give it."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "kind": "conflict",
                    "field": "date",
                    "noted": "2026-11-25",
                    "note": "Most reports date the meeting 6 February 2026; one says Saturday.",
                    "claims": [
                        {"value": "2026-02-06", "sources": ["free-press-journal-2026-02-08"]},
                        {"value": "Saturday", "sources": ["global-india-broadcast-news-work-plan"]},
                    ],
                }
            ]
        }
    )


class Record(StrictModel):
    """Fields common to every collection: a stable id and notes on discrepancies."""

    collection: ClassVar[str]
    """The collection's folder under ``data/`` and its name in every output."""
    title_plural: ClassVar[str]
    """The collection's name for readers (a site section, a heading)."""

    @classmethod
    def page_path(cls, record_id: str) -> str:
        """The site path of a record's page, derived from its id so it is stable."""
        return f"{cls.collection}/{record_id}/"

    @classmethod
    def has_pages(cls) -> bool:
        """Whether each record has a page of its own (and the collection a site section)."""
        return True

    id: Slug
    """Stable id of the record; the file is named ``<id>.yaml``. Never change it once published."""

    def cross_record_facts(self) -> dict[str, str | None]:
        """The few values the dataset-wide rules compare with other records' (plain strings,
        so the result cache keeps them as they are); a collection that has some declares them."""
        return {}


Sources = Annotated[
    list[SourceRef],
    Field(min_length=1, description="Ids of the sources that support this record."),
]
"""The citations of a record; declared last in each model so records read facts first."""

Discrepancies = Annotated[
    list[Discrepancy],
    Field(description="Notes where sources disagree or a claim is unconfirmed."),
]
"""Dated notes on disagreements between sources."""

Quotes = Annotated[
    list[Quote],
    Field(description="Words quoted verbatim from the sources, each with its source."),
]
"""Verbatim quotations that back the record."""

Statements = Annotated[
    list[Statement],
    Field(
        min_length=1,
        description="What the record says, one statement (a sentence or two) at a time, each "
        "with its own sources.",
    ),
]
"""The record's prose as cited statements, read in order as one text."""

Accounts = Annotated[
    list[GovernmentAccount],
    Field(
        description="Each government's own account, in its own words (readouts, statements, "
        "positions), shown side by side."
    ),
]
"""Both governments' accounts of a meeting or event."""
