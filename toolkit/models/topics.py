"""Topics: the subjects of cooperation that commitments are about."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from toolkit.models.base import Discrepancies, Record, Sources, Statements, TopicRef
from toolkit.models.fields import Label, ShortText
from toolkit.models.translations import Translations


class Topic(Record):
    """A subject of cooperation, possibly part of a broader one."""

    collection = "topics"
    title_plural = "Topics"

    name: Label
    """The topic's name."""
    aliases: list[ShortText] = Field(default_factory=list)
    """Other names and spellings used in the sources (e.g. `organized crime`)."""
    statements: Statements
    """What the topic covers in these records."""
    parent: TopicRef | None = None
    """The broader topic (e.g. fentanyl precursors are part of illicit drugs)."""
    sources: Sources
    discrepancies: Discrepancies = []
    translations: Translations | None = None
    """The record's own prose in French, field by field, each with its status."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "fentanyl-precursors",
                    "name": "Fentanyl precursors",
                    "statements": [
                        {"text": "Chemicals used to make fentanyl.", "sources": ["wion-2026-02-08"]}
                    ],
                    "parent": "illicit-drugs",
                    "sources": ["wion-2026-02-08"],
                }
            ]
        }
    )
