"""The dataset's own description: name, version, licence and maintainers (data/dataset.yaml)."""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field

from toolkit.models.base import StrictModel
from toolkit.models.fields import ShortText, Slug, Text, Url

SEMVER_PATTERN = r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"

Version = Annotated[
    str,
    Field(
        pattern=SEMVER_PATTERN,
        description="MAJOR.MINOR.PATCH: major when a field or id changes meaning, minor when "
        "records or fields are added, patch for corrections.",
        examples=["1.0.0"],
    ),
]


class Licence(StrictModel):
    """The licence the data is published under."""

    id: ShortText
    """SPDX identifier, e.g. `CC-BY-4.0`."""
    title: ShortText
    """Full name of the licence."""
    url: Url
    """Where the licence text is published."""


class Maintainer(StrictModel):
    """Who answers for the dataset."""

    name: ShortText
    """A person's or a group's name."""
    url: Url | None = None
    """Where to reach them."""


class DatasetInfo(StrictModel):
    """The description every published file of the dataset carries."""

    name: Slug
    """Machine name of the dataset, used in file metadata."""
    title: ShortText
    """Human title."""
    description: Text
    """What the dataset records."""
    version: Version
    """The dataset's version; bump it with every release."""
    licence: Licence
    """The licence of the data (the code has its own)."""
    maintainers: list[Maintainer] = Field(min_length=1)
    """Who maintains the dataset."""
    keywords: list[ShortText] = Field(default_factory=list)
    """Words that help people find the dataset."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "india-canada-security-dialogue",
                    "title": "India–Canada Security Dialogue",
                    "description": "Meetings, commitments and context.",
                    "version": "0.1.0",
                    "licence": {
                        "id": "CC-BY-4.0",
                        "title": "Creative Commons Attribution 4.0 International",
                        "url": "https://creativecommons.org/licenses/by/4.0/",
                    },
                    "maintainers": [{"name": "India–Canada Security Dialogue contributors"}],
                }
            ]
        }
    )
