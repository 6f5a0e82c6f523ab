"""Meetings: rounds of the security dialogue and the meetings held alongside them."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from toolkit.models.base import (
    Accounts,
    Discrepancies,
    MeetingRef,
    PersonRef,
    Quotes,
    Record,
    Sources,
    Statements,
    StrictModel,
)
from toolkit.models.enums import DocumentedEnum
from toolkit.models.fields import CountryCode, Label, PartialDate, ShortText, Slug
from toolkit.models.translations import Translations


class MeetingKind(DocumentedEnum):
    """What sort of meeting this was."""

    SECURITY_DIALOGUE = (
        "security-dialogue",
        ("A round of the bilateral dialogue between the national security advisers."),
        "Dialogue sur la sécurité",
    )
    BILATERAL_MEETING = (
        "bilateral-meeting",
        ("A meeting between officials or ministers of the two countries."),
        "Rencontre bilatérale",
    )
    CONSULTATIONS = (
        "consultations",
        ("Formal consultations between foreign ministries or other departments."),
        "Consultations",
    )


class Location(StrictModel):
    """Where a meeting took place."""

    city: ShortText
    """The city, in its usual English name."""
    country: CountryCode
    """The country of the city."""


class Participant(StrictModel):
    """A person who took part, in the role they held there."""

    person: PersonRef
    """Who took part."""
    role: Label
    """Their title at the meeting, in its official form."""
    delegation: CountryCode
    """The country whose delegation they were part of."""


class Meeting(Record):
    """A meeting, with who took part and what it was about."""

    collection = "meetings"
    title_plural = "Meetings"

    title: Label
    """A short, neutral title."""
    date: PartialDate
    """The day it took place (or began)."""
    end: PartialDate | None = None
    """The last day, for meetings over several days."""
    location: Location
    """Where it took place."""
    kind: MeetingKind
    """What sort of meeting it was."""
    series: Slug | None = None
    """The series of rounds it belongs to (e.g. `india-canada-nsa-dialogue`)."""
    previous: MeetingRef | None = None
    """The previous round in the same series; later rounds are found from this link."""
    related: list[MeetingRef] = Field(default_factory=list)
    """Other meetings held alongside this one (e.g. during the same visit)."""
    participants: list[Participant] = Field(min_length=1)
    """The people who took part, as the sources name them."""
    statements: Statements
    """What happened, neutrally, with each claim attributed to whoever made it."""
    accounts: Accounts = []
    quotes: Quotes = []
    sources: Sources
    discrepancies: Discrepancies = []
    translations: Translations | None = None
    """The record's own prose in French, field by field, each with its status."""

    def cross_record_facts(self) -> dict[str, str | None]:
        """The date and previous round, so rounds can be checked to be in order."""
        return {"date": self.date, "previous": self.previous}

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "2026-02-07-nsa-dialogue-ottawa",
                    "title": "India–Canada national security advisers' dialogue, Ottawa",
                    "date": "2026-02-07",
                    "location": {"city": "Ottawa", "country": "CA"},
                    "kind": "security-dialogue",
                    "series": "india-canada-nsa-dialogue",
                    "previous": "2025-09-18-nsa-dialogue-new-delhi",
                    "participants": [
                        {
                            "person": "ajit-doval",
                            "role": "National Security Adviser",
                            "delegation": "IN",
                        }
                    ],
                    "statements": [
                        {
                            "text": "The national security advisers met in Ottawa.",
                            "sources": ["indian-express-2026-02-09"],
                        }
                    ],
                    "sources": ["indian-express-2026-02-09"],
                }
            ]
        }
    )
