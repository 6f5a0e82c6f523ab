"""Events: the context on the timeline around the dialogue."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from toolkit.models.base import (
    Accounts,
    Discrepancies,
    MeetingRef,
    OrganizationRef,
    PersonRef,
    Quotes,
    Record,
    Sources,
    Statements,
    TopicRef,
)
from toolkit.models.enums import DocumentedEnum
from toolkit.models.fields import CountryCode, Label, PartialDate
from toolkit.models.translations import Translations


class EventKind(DocumentedEnum):
    """What sort of event this is."""

    INCIDENT = "incident", "Something that happened, such as a killing.", "Incident"
    STATEMENT = "statement", "A public statement or allegation.", "Déclaration"
    DIPLOMATIC_ACTION = (
        "diplomatic-action",
        ("Expulsions, withdrawals or appointments of diplomats."),
        "Mesure diplomatique",
    )
    MEETING = "meeting", "A meeting or call between leaders or ministers.", "Rencontre"
    VISIT = "visit", "An official visit.", "Visite"
    APPOINTMENT = "appointment", "Someone appointed to or leaving an office.", "Nomination"
    ELECTION = "election", "An election or a change of government.", "Élection"
    AGREEMENT = "agreement", "An agreement concluded.", "Accord"


class Event(Record):
    """Something that happened, placed on the timeline for context."""

    collection = "events"
    title_plural = "Events"

    @classmethod
    def page_path(cls, record_id: str) -> str:
        """Events have no page of their own: they are anchors on the timeline."""
        return f"timeline/#{record_id}"

    @classmethod
    def has_pages(cls) -> bool:
        """Events are read on the timeline, in order, not one page each."""
        return False

    title: Label
    """A short, neutral title."""
    date: PartialDate
    """When it happened (or began)."""
    end: PartialDate | None = None
    """The last day, for events over several days."""
    kind: EventKind
    """What sort of event it is."""
    statements: Statements
    """What happened, neutrally, with each claim attributed to whoever made it."""
    accounts: Accounts = []
    countries: list[CountryCode] = Field(min_length=1)
    """The countries involved."""
    people: list[PersonRef] = Field(default_factory=list)
    """People involved who have a record."""
    organizations: list[OrganizationRef] = Field(default_factory=list)
    """Organisations involved that have a record."""
    meetings: list[MeetingRef] = Field(default_factory=list)
    """Meetings this event is part of or follows from."""
    topics: list[TopicRef] = Field(default_factory=list)
    """Topics of the dialogue that the event's own statements bear on, if any."""
    quotes: Quotes = []
    sources: Sources
    discrepancies: Discrepancies = []
    translations: Translations | None = None
    """The record's own prose in French, field by field, each with its status."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "2026-02-12-mea-liaison-officers-no-timeline",
                    "title": "MEA says there is no timeline yet for the liaison officers",
                    "date": "2026-02-12",
                    "kind": "statement",
                    "statements": [
                        {
                            "text": "India's MEA spokesperson said there was no set timeline.",
                            "sources": ["republic-world-2026-02-12"],
                        }
                    ],
                    "countries": ["IN", "CA"],
                    "people": ["randhir-jaiswal"],
                    "sources": ["republic-world-2026-02-12"],
                }
            ]
        }
    )
