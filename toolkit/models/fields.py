"""Constrained value types shared by every record: ids, dates, URLs, countries, languages.

Each type is a plain ``str`` at runtime, so records keep exactly what the contributor wrote, and
each carries a JSON Schema pattern or enum, so editors and other tools check it the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import AfterValidator, Field, GetJsonSchemaHandler, WithJsonSchema
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from toolkit.foundation.countries import COUNTRY_CODES
from toolkit.foundation.dates import parse_partial_date
from toolkit.foundation.urls import (
    URL_PATTERN as URL_PATTERN,  # the schema's pattern, with the rule
)
from toolkit.foundation.urls import url_refusal

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
DATE_PATTERN = r"^(?:1[89]|2[01])[0-9]{2}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?$"
"""A year from 1800 to 2199 (``parse_partial_date`` checks the calendar), a month, a day."""
LANGUAGE_PATTERN = r"^[a-z]{2,3}$"
ONE_LINE_PATTERN = r"^[^\n]*$"
"""Text without a line break (other line-breaking characters are refused in every field)."""
WIKIDATA_PATTERN = r"^Q[1-9][0-9]*$"


def _check_calendar(value: str) -> str:
    try:
        parse_partial_date(value)
    except ValueError as error:
        raise PydanticCustomError("date_invalid", str(error)) from None
    return value


def _check_url(value: str) -> str:
    refusal = url_refusal(value)
    if refusal is not None:
        raise PydanticCustomError("url_invalid", refusal.reason, {"hint": refusal.hint})
    return value


def _check_country(value: str) -> str:
    if value not in COUNTRY_CODES:
        raise PydanticCustomError("country_invalid", "must be an ISO 3166-1 alpha-2 country code")
    return value


Slug = Annotated[
    str,
    Field(
        pattern=SLUG_PATTERN,
        min_length=1,
        max_length=100,
    ),
]
"""A record id, or a reference to one."""

PartialDate = Annotated[
    str,
    Field(
        pattern=DATE_PATTERN,
        examples=["2026-02-07", "2025-11", "2023"],
    ),
    AfterValidator(_check_calendar),
]
"""A calendar date known to the year, the month or the day."""

Url = Annotated[
    str,
    Field(
        pattern=URL_PATTERN,
        max_length=2000,
        examples=["https://www.example.org/page"],
    ),
    AfterValidator(_check_url),
]
"""A web address written exactly as browsers read it (see ``toolkit.foundation.urls``); other
schemes (javascript:, data:, file:) are refused."""

CountryCode = Annotated[
    str,
    WithJsonSchema(
        {
            "type": "string",
            "enum": sorted(COUNTRY_CODES),
            "examples": ["IN", "CA"],
        }
    ),
    AfterValidator(_check_country),
]
"""A country, as its two-letter ISO 3166-1 code."""

LanguageCode = Annotated[
    str,
    Field(
        pattern=LANGUAGE_PATTERN,
        examples=["en"],
    ),
]
"""The language a source is written in."""

WikidataId = Annotated[
    str,
    Field(pattern=WIKIDATA_PATTERN, examples=["Q42"]),
]
"""An entity id in Wikidata, for linking records to other datasets."""

TEXT_MAX_LENGTH = 20000
Text = Annotated[str, Field(min_length=1, max_length=TEXT_MAX_LENGTH)]
"""Free text written by contributors; shown escaped, never as markup."""

ShortText = Annotated[str, Field(min_length=1, max_length=500, pattern=ONE_LINE_PATTERN)]
"""A name, title or label on one line."""


@dataclass(frozen=True)
class Translatable:
    """Marks a field written in the record's own words, which may carry a French version
    (``toolkit.models.translations``): the schema says so with ``x-translatable``. Quotes,
    passages, names of people and sources' own titles are never marked: they stay as printed."""

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema["x-translatable"] = True
        return json_schema


Prose = Annotated[Text, Translatable()]
"""The record's own prose (a statement, a summary, a note), which may be translated."""

Label = Annotated[ShortText, Translatable()]
"""A name or title in the record's own words (a topic's name, a commitment's title, an
office's name), which may be translated."""
