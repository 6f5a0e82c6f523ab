"""Commitments: what the two sides agreed at a meeting, and how each has fared since."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from toolkit.models.base import (
    Discrepancies,
    MeetingRef,
    OrganizationRef,
    Quotes,
    Record,
    SourceRef,
    Sources,
    StrictModel,
    TopicRef,
)
from toolkit.models.enums import DocumentedEnum
from toolkit.models.fields import CountryCode, PartialDate, ShortText, Text


class CommitmentKind(DocumentedEnum):
    """What sort of undertaking a commitment is."""

    AGREEMENT = "agreement", "The sides agreed to adopt or do something specific."
    APPOINTMENT = "appointment", "The sides agreed to appoint officials or establish posts."
    COOPERATION = (
        "cooperation",
        ("The sides undertook to cooperate or build on existing working relationships."),
    )
    CONTINUED_DISCUSSION = (
        "continued-discussion",
        ("The sides agreed to keep discussing a matter, without a decision yet."),
    )


class CommitmentStatus(DocumentedEnum):
    """Where a commitment stands, as of a dated assessment."""

    ANNOUNCED = "announced", "Agreed and made public; no step to carry it out has been reported."
    IN_PROGRESS = "in-progress", "Steps to carry it out have been reported."
    FULFILLED = "fulfilled", "Carried out in full, as reported."
    STALLED = "stalled", "Reported as held up or not moving."
    ABANDONED = "abandoned", "Reported as dropped by one or both sides."


class StatusEntry(StrictModel):
    """A dated, cited assessment of where a commitment stands."""

    status: CommitmentStatus
    """The status from this date on."""
    date: PartialDate
    """The date of the event or statement the assessment rests on."""
    note: Text | None = None
    """What was reported, attributed to whoever said it."""
    sources: list[SourceRef] = Field(min_length=1)
    """Sources for this assessment."""


class Commitment(Record):
    """Something the two sides agreed to at a meeting."""

    collection = "commitments"

    meeting: MeetingRef
    """The meeting where it was agreed."""
    title: ShortText
    """A short, neutral statement of what was agreed."""
    description: Text
    """What was agreed, in more detail, attributed to the sources that report it."""
    kind: CommitmentKind
    """What sort of undertaking it is."""
    parties: list[CountryCode] = Field(min_length=1)
    """The countries that made the commitment."""
    responsible: list[OrganizationRef] = Field(default_factory=list)
    """Organisations named as responsible for carrying it out, when the sources name any."""
    topics: list[TopicRef] = Field(default_factory=list)
    """What the commitment is about."""
    quotes: Quotes = []
    status: list[StatusEntry] = Field(min_length=1)
    """Dated assessments, oldest first; the last one is the current status."""
    sources: Sources
    discrepancies: Discrepancies = []

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "security-liaison-officers",
                    "meeting": "2026-02-07-nsa-dialogue-ottawa",
                    "title": "Establish security and law-enforcement liaison officers",
                    "description": "Each country is to establish liaison officers.",
                    "kind": "appointment",
                    "parties": ["IN", "CA"],
                    "topics": ["illicit-drugs"],
                    "status": [
                        {
                            "status": "announced",
                            "date": "2026-02-07",
                            "sources": ["gulf-news-2026-02-08"],
                        }
                    ],
                    "sources": ["gulf-news-2026-02-08"],
                }
            ]
        }
    )
