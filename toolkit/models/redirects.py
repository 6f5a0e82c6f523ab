"""Ids that never break: a record renamed or merged keeps its old id as a redirect
(``data/redirects.yaml``), so links, downloads and programs that used it still find it."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from toolkit.models.base import StrictModel
from toolkit.models.fields import PartialDate, Slug, Text


class Redirect(StrictModel):
    """An id retired by a rename or a merge, and the record that now answers for it."""

    collection: Slug
    """The collection both ids belong to (`people`)."""
    old: Slug
    """The retired id. It is never used for a record again."""
    new: Slug
    """The id of the record it became (for a merge, the record it was merged into)."""
    date: PartialDate
    """When the id was retired."""
    reason: Text
    """Why: a corrected spelling, two records found to be one."""


class Redirects(StrictModel):
    """Every retired id, oldest first."""

    redirects: list[Redirect] = Field(min_length=1)

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "redirects": [
                        {
                            "collection": "people",
                            "old": "nathalie-drouin",
                            "new": "nathalie-g-drouin",
                            "date": "2026-12-04",
                            "reason": "The official name includes the middle initial.",
                        }
                    ]
                }
            ]
        }
    )
