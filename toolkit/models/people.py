"""People: officials and others named in the records, with their positions over time."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from toolkit.models.base import (
    Discrepancies,
    OrganizationRef,
    Record,
    SourceRef,
    Sources,
    Statement,
    StrictModel,
)
from toolkit.models.enums import DocumentedEnum
from toolkit.models.fields import CountryCode, Label, PartialDate, ShortText
from toolkit.models.organizations import Identifiers
from toolkit.models.translations import Translations


class Alias(StrictModel):
    """Another spelling or form of a name, and where it appears."""

    name: ShortText
    """The name exactly as spelt in the source, misspellings included."""
    sources: list[SourceRef] = Field(min_length=1)
    """Sources that use this form."""


class PositionStatus(DocumentedEnum):
    """Whether an office was taken up, or only announced."""

    HELD = (
        "held",
        "The person took up the office (its dates where the sources give them).",
        "En fonction",
    )
    ANNOUNCED = (
        "announced",
        "An appointment announced but, as far as the sources show, not yet taken up: an "
        "intention, not an office held (it has no start or end).",
        "Annoncé",
    )


class Position(StrictModel):
    """An office a person held, or was announced for, with its dates where the sources give them."""

    title: Label
    """The title in its official form (e.g. `National Security Adviser`)."""
    organization: OrganizationRef
    """The organisation the office belongs to."""
    status: PositionStatus = PositionStatus.HELD
    """`held` (the default) or `announced`: an appointment announced, and not yet taken up as
    far as the sources show."""
    announced: PartialDate | None = None
    """When the appointment was announced, where the sources say."""
    start: PartialDate | None = None
    """When the person took office; omitted when the sources do not say, and for an
    announced appointment."""
    end: PartialDate | None = None
    """When the person left office; omitted while in office or when unknown."""
    sources: list[SourceRef] = Field(min_length=1)
    """Sources for the title and the dates."""


class Person(Record):
    """A person named in the records."""

    collection = "people"
    title_plural = "People"

    name: ShortText
    """The name in its correct official form."""
    aliases: list[Alias] = Field(default_factory=list)
    """Other forms of the name seen in the sources, each with where it appears."""
    country: CountryCode
    """The country the person serves or is a citizen of."""
    statements: list[Statement] = Field(default_factory=list)
    """A short, neutral description as cited statements, with claims attributed to whoever
    made them."""
    positions: list[Position] = Field(default_factory=list)
    """Offices held, oldest first, and appointments announced but not yet taken up."""
    identifiers: Identifiers = Field(default_factory=Identifiers)
    """The person's ids in other datasets."""
    sources: Sources
    discrepancies: Discrepancies = []
    translations: Translations | None = None
    """The record's own prose in French, field by field, each with its status."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "gary-anandasangaree",
                    "name": "Gary Anandasangaree",
                    "aliases": [
                        {
                            "name": "Gary Anandsangari",
                            "sources": ["global-india-broadcast-news-work-plan"],
                        }
                    ],
                    "country": "CA",
                    "positions": [
                        {
                            "title": "Minister of Public Safety",
                            "organization": "public-safety-canada",
                            "start": "2025-05-13",
                            "sources": ["onlanka-2025-05-14"],
                        }
                    ],
                    "sources": ["onlanka-2025-05-14"],
                }
            ]
        }
    )
