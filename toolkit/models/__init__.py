"""The record types, one per collection; the pydantic models are the source of truth."""

from __future__ import annotations

from toolkit.models.base import Record
from toolkit.models.commitments import Commitment
from toolkit.models.events import Event
from toolkit.models.meetings import Meeting
from toolkit.models.organizations import Organization
from toolkit.models.people import Person
from toolkit.models.sources import Source
from toolkit.models.topics import Topic

COLLECTIONS: dict[str, type[Record]] = {
    model.collection: model
    for model in (Source, Organization, Person, Meeting, Commitment, Topic, Event)
}
"""Every collection by its folder name under ``data/``."""

SINGULAR: dict[str, str] = {name: model.__name__.lower() for name, model in COLLECTIONS.items()}
"""What one record of each collection is called (``people`` → ``person``), for column names."""


def page_path(collection: str, record_id: str) -> str:
    """The site path of a record's page: the one rule for the site, the feed and every link,
    declared by each collection's model."""
    return COLLECTIONS[collection].page_path(record_id)


__all__ = [
    "COLLECTIONS",
    "SINGULAR",
    "Commitment",
    "Event",
    "Meeting",
    "Organization",
    "Person",
    "Record",
    "Source",
    "Topic",
    "page_path",
]
