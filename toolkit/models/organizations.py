"""Organisations: governments, ministries, offices and agencies that take part or are named."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from toolkit.models.base import Discrepancies, OrganizationRef, Record, Sources, StrictModel
from toolkit.models.enums import DocumentedEnum
from toolkit.models.fields import CountryCode, Label, ShortText, Url, WikidataId
from toolkit.models.translations import Translations


class OrganizationKind(DocumentedEnum):
    """What sort of body an organisation is."""

    GOVERNMENT = "government", "A national government as a whole.", "Gouvernement"
    MINISTRY = "ministry", "A ministry or department headed by a minister.", "Ministère"
    OFFICE = "office", "An office serving a head of government or the cabinet.", "Cabinet ou bureau"
    AGENCY = "agency", "A police, intelligence, security or other public agency.", "Organisme"
    LEGISLATURE = "legislature", "A parliament or one of its houses.", "Assemblée législative"
    DIPLOMATIC_MISSION = (
        "diplomatic-mission",
        "An embassy, high commission or consulate.",
        "Mission diplomatique",
    )
    CIVIL_SOCIETY = (
        "civil-society",
        "A religious, community or other non-governmental body.",
        "Société civile",
    )


class Identifiers(StrictModel):
    """Ids of the same entity in other datasets, so records can be joined with them."""

    wikidata: WikidataId | None = None
    """The Wikidata item (Q-id)."""


class Organization(Record):
    """A government body or other organisation."""

    collection = "organizations"
    title_plural = "Organisations"

    name: Label
    """The official name in English."""
    abbreviation: ShortText | None = None
    """The usual abbreviation (e.g. `MEA`, `PCO`)."""
    aliases: list[ShortText] = Field(default_factory=list)
    """Other names and spellings used for it in the sources."""
    country: CountryCode
    """The country the organisation belongs to."""
    kind: OrganizationKind
    """What sort of body it is."""
    parent: OrganizationRef | None = None
    """The organisation this one is part of."""
    url: Url | None = None
    """Its official website, when a source gives it."""
    identifiers: Identifiers = Field(default_factory=Identifiers)
    """Its ids in other datasets."""
    sources: Sources
    discrepancies: Discrepancies = []
    translations: Translations | None = None
    """The record's own prose in French, field by field, each with its status."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "ministry-of-external-affairs",
                    "name": "Ministry of External Affairs",
                    "abbreviation": "MEA",
                    "country": "IN",
                    "kind": "ministry",
                    "parent": "government-of-india",
                    "sources": ["indian-express-2026-02-09"],
                }
            ]
        }
    )
