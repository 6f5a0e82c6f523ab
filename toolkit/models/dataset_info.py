"""The dataset's own description: name, version, licence and maintainers (data/dataset.yaml)."""

from __future__ import annotations

from typing import Annotated

from pydantic import ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from toolkit.foundation.dates import earliest, latest
from toolkit.models.base import StrictModel
from toolkit.models.fields import PartialDate, ShortText, Slug, Text, Url

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

Doi = Annotated[
    str,
    Field(
        pattern=r"^10\.[0-9]{4,9}/[-._;()/:A-Za-z0-9]+$",
        description="A Digital Object Identifier, without the https://doi.org/ prefix.",
        examples=["10.5281/zenodo.1234567"],
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


MethodVersion = Annotated[
    str,
    Field(
        pattern=r"^[1-9][0-9]*\.[0-9]+$",
        description="MAJOR.MINOR: major when a score can change under the new method, minor "
        "for clarifications that change no score.",
        examples=["2.0"],
    ),
]


MONTHS_PATTERN = r"^P([1-9][0-9]?)M$"

Months = Annotated[
    str,
    Field(
        pattern=MONTHS_PATTERN,
        description="A number of months as an ISO 8601 duration: `P6M` is six months.",
        examples=["P6M"],
    ),
]


def months_in(duration: str) -> int:
    """The months an ISO 8601 duration of whole months (``P6M``) spans."""
    return int(duration[1:-1])


class MethodologyVersion(StrictModel):
    """One version of the scoring method, and the day it took effect."""

    version: MethodVersion
    """The version, stamped on every score given under it."""
    date: PartialDate
    """The day it took effect: it governs assessments dated on or after it."""
    summary: Text
    """What changed, in a sentence or two."""


class SnapshotPeriod(StrictModel):
    """A compliance period: a scorecard is cut this many months after each meeting."""

    name: Slug
    """The snapshot's name, as reports name it (`interim`, `final`)."""
    after: Months
    """How long after the meeting the cut-off falls (`P6M`)."""

    @property
    def months(self) -> int:
        """Months from the meeting to the cut-off."""
        return months_in(self.after)


class ScorecardRules(StrictModel):
    """How the compliance scorecard is computed: the methodology's versions, when silence may be
    scored, and when snapshots are cut."""

    methodology: list[MethodologyVersion] = Field(min_length=1)
    """Every version of the method, oldest first; the last is the one in force."""
    waiting: Months
    """How long after the meeting silence stays too early: a search that found no report scores
    -1 only when the material searched reaches at least this far (`P6M`)."""
    snapshots: list[SnapshotPeriod] = Field(min_length=1)
    """The compliance periods, shortest first."""

    @field_validator("snapshots")
    @classmethod
    def _names_differ(cls, snapshots: list[SnapshotPeriod]) -> list[SnapshotPeriod]:
        names = [period.name for period in snapshots]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise ValueError(f"each snapshot needs a name of its own; repeated: {repeated}")
        return snapshots

    @field_validator("methodology")
    @classmethod
    def _oldest_first(cls, versions: list[MethodologyVersion]) -> list[MethodologyVersion]:
        days = [earliest(version.date) for version in versions]
        if days != sorted(days):
            raise ValueError("list the versions of the method oldest first")
        return versions

    @property
    def waiting_months(self) -> int:
        """The waiting period in months."""
        return months_in(self.waiting)

    @property
    def current(self) -> MethodologyVersion:
        """The version in force."""
        return self.methodology[-1]

    def version_on(self, date: str) -> MethodologyVersion:
        """The version that governed an assessment dated ``date``: the newest one in effect by
        then (the oldest, for assessments made before any was written down)."""
        governing = self.methodology[0]
        for version in self.methodology:
            if earliest(version.date) <= earliest(date):
                governing = version
        return governing


class Coverage(StrictModel):
    """How far the searched material reaches: when the sources were last searched, and the
    newest date the pages found reach. Silence in the record speaks only as far as that."""

    searched: PartialDate
    """When the stored pages were last searched for the whole record."""
    through: PartialDate
    """The newest date the pages found on the relationship reach."""
    note: Text
    """What was searched and what was found near the end of that material, in plain words."""

    @field_validator("through")
    @classmethod
    def _not_after_the_search(cls, through: str, info: ValidationInfo) -> str:
        searched = info.data.get("searched")
        if searched is not None and earliest(through) > latest(searched):
            raise PydanticCustomError(
                "dates_out_of_order", "the material cannot reach past the day it was searched"
            )
        return through


class FrenchDescription(StrictModel):
    """The dataset's title and description in French, for the French site and the metadata."""

    title: ShortText
    """The title in French."""
    description: Text
    """What the dataset records, in French."""


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
    scorecard: ScorecardRules | None = None
    """How compliance is scored and when snapshots are cut; without it, no snapshot is cut."""
    coverage: Coverage | None = None
    """When the sources were last searched and how far the material found reaches."""
    repository: Url | None = None
    """The repository the dataset is kept in (e.g. on GitHub): each release's archive is
    attached to its release there. A build may be told it instead (``--repository``)."""
    doi: Doi | None = None
    """The DOI that names the dataset across versions (Zenodo's concept DOI), once a deposit
    has minted one: citations, the downloads page and the metadata carry it."""
    fr: FrenchDescription | None = None
    """The title and description in French: the data package and the Datasette metadata give
    both languages."""

    def translated(self, field: str) -> dict[str, str]:
        """A described field (``title``, ``description``) in each language it is given in."""
        given = {"en": str(getattr(self, field))}
        if self.fr is not None:
            given["fr"] = str(getattr(self.fr, field))
        return given

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
