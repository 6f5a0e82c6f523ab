"""Commitments: what the two sides agreed at a meeting, and how each has fared since."""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, Field

from toolkit.models.base import (
    Discrepancies,
    MeetingRef,
    OrganizationRef,
    Quotes,
    Record,
    SourceRef,
    Sources,
    Statements,
    StrictModel,
    TopicRef,
)
from toolkit.models.commitment_terms import (
    CommitmentKind,
    CommitmentStatus,
    ComplianceScore,
    ScoreBasis,
)
from toolkit.models.fields import CountryCode, Label, PartialDate, Prose
from toolkit.models.translations import Translations


class PartyScore(StrictModel):
    """One party's compliance score in an assessment, with what it rests on."""

    party: CountryCode
    """The party scored; one of the commitment's parties."""
    score: ComplianceScore
    """The score on the compliance scale."""
    basis: ScoreBasis
    """What the score rests on. `evidence`, `contrary` and `reaffirmation` cite the report under
    `sources`; `no-report` says what was searched (`searched`) and how far the searched material
    reaches (`searched_through`)."""
    note: Prose
    """Why the evidence supports this score: an interpretation, stated as one."""
    sources: list[SourceRef] = Field(default_factory=list)
    """The reports the score rests on (some of the assessment's sources): required for
    `evidence`, `contrary` and `reaffirmation`."""
    searched: Prose | None = None
    """What was searched for a report of a step, and in which languages (for `no-report`)."""
    searched_through: PartialDate | None = None
    """The newest date the searched material reaches: silence speaks only up to it, never up to
    the day of the search (for `no-report`; may be given for `too-early`)."""
    recalibration: Prose | None = None
    """Why this score changes a snapshot already published: the new material or reading. Required
    exactly when it does (see the methodology)."""

    @property
    def evidence_date(self) -> str | None:
        """The date the score speaks up to, when it is not the assessment's own date."""
        return self.searched_through


class Guideline(StrictModel):
    """What each score means for this one commitment, written from its own wording before it is
    scored, as compliance research writes an interpretive guideline."""

    full: Prose
    """What earns +1 (full): the commitment carried out by the party."""
    partial: Prose
    """What earns 0 (partial): a step taken, the work not finished."""
    none: Prose
    """What earns -1 (none): no step reported in the compliance period, or action against it."""
    reaffirmation: Prose
    """How a restatement of the commitment without a reported step counts."""


class Assessment(StrictModel):
    """A dated, cited assessment of where a commitment stands: one piece of evidence."""

    date: PartialDate
    """The date of the event or statement the assessment rests on."""
    status: CommitmentStatus
    """The status from this date on."""
    summary: Prose
    """What was reported, attributed to whoever said it."""
    scores: list[PartyScore] = Field(default_factory=list)
    """Compliance scores per party as of this date; a party not scored keeps its earlier
    score."""
    sources: list[SourceRef] = Field(min_length=1)
    """Sources for this assessment."""


class Qualification(StrictModel):
    """How a commitment meets each part of the test for counting as one (see methodology)."""

    discrete: Prose
    """It is one undertaking, not several bundled together."""
    specific: Prose
    """It says what is to be done, and by whom where the sources say."""
    public: Prose
    """Where it was publicly expressed."""
    agreed: Prose
    """How the sources show that both sides agreed to it."""
    future: Prose
    """What future action it commits the parties to."""


class Deadline(StrictModel):
    """A date by which the sources say a commitment is to be carried out."""

    date: PartialDate
    """The deadline, as precisely as the sources give it."""
    sources: list[SourceRef] = Field(min_length=1)
    """Sources that give the deadline."""


def status_of(document: dict[str, Any] | None) -> str | None:
    """A commitment's status from its plain data (as a snapshot holds it): that of its newest
    assessment; None for anything else. ``Commitment.current_status`` is the same rule."""
    assessments = document.get("assessments") if document else None
    if not isinstance(assessments, list) or not assessments:
        return None
    newest = assessments[-1]
    status = newest.get("status") if isinstance(newest, dict) else None
    return status if isinstance(status, str) else None


def scores_of(document: dict[str, Any] | None) -> dict[str, str]:
    """Each party's newest score from a commitment's plain data (as a snapshot holds it):
    later assessments override earlier ones party by party, as ``current_scores`` does."""
    assessments = document.get("assessments") if document else None
    scores: dict[str, str] = {}
    for assessment in assessments if isinstance(assessments, list) else []:
        listed = assessment.get("scores") if isinstance(assessment, dict) else None
        for score in listed if isinstance(listed, list) else []:
            if isinstance(score, dict) and isinstance(score.get("party"), str):
                scores[score["party"]] = str(score.get("score"))
    return scores


class Commitment(Record):
    """Something the two sides agreed to at a meeting."""

    collection = "commitments"
    title_plural = "Commitments"

    meeting: MeetingRef
    """The meeting where it was agreed."""
    title: Label
    """A short, neutral statement of what was agreed."""
    statements: Statements
    """What was agreed, in more detail, attributed to the sources that report it."""
    kind: CommitmentKind
    """What sort of undertaking it is."""
    parties: list[CountryCode] = Field(min_length=1)
    """The countries that made the commitment."""
    responsible: list[OrganizationRef] = Field(default_factory=list)
    """Organisations named as responsible for carrying it out, when the sources name any."""
    topics: list[TopicRef] = Field(default_factory=list)
    """What the commitment is about."""
    qualifies: Qualification
    """How it meets the test for a commitment."""
    guideline: Guideline | None = None
    """What +1, 0 and -1 mean for this commitment; required once any party is scored +1, 0
    or -1."""
    deadline: Deadline | None = None
    """The date it is due, only where the sources give one."""
    quotes: Quotes = []
    assessments: list[Assessment] = Field(min_length=1)
    """Dated, cited assessments, oldest first. The current status and scores are derived
    from them, never written twice."""
    sources: Sources
    discrepancies: Discrepancies = []
    translations: Translations | None = None
    """The record's own prose in French, field by field, each with its status."""

    @property
    def current(self) -> Assessment:
        """The newest assessment."""
        return self.assessments[-1]

    @property
    def current_status(self) -> CommitmentStatus:
        """The status of the newest assessment."""
        return self.assessments[-1].status

    def cross_record_facts(self) -> dict[str, str | None]:
        """The deadline and the newest assessment's date, for the ``--as-of`` warnings."""
        deadline = self.deadline.date if self.deadline is not None else None
        return {"deadline": deadline, "last_assessed": self.assessments[-1].date}

    def current_scores(self) -> dict[str, PartyScore]:
        """Each party's newest score (parties never scored are absent)."""
        scores: dict[str, PartyScore] = {}
        for assessment in self.assessments:
            scores.update((score.party, score) for score in assessment.scores)
        return scores

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "security-liaison-officers",
                    "meeting": "2026-02-07-nsa-dialogue-ottawa",
                    "title": "Establish security and law-enforcement liaison officers",
                    "statements": [
                        {
                            "text": "Each country is to establish liaison officers.",
                            "sources": ["gulf-news-2026-02-08"],
                        }
                    ],
                    "kind": "appointment",
                    "parties": ["IN", "CA"],
                    "topics": ["illicit-drugs"],
                    "qualifies": {
                        "discrete": "One undertaking: liaison officers in each country.",
                        "specific": "Names the posts to be established and who establishes them.",
                        "public": "The readout of the meeting, as quoted by Gulf News.",
                        "agreed": "The readout says it was agreed that each country would act.",
                        "future": "The officers are to be established after the meeting.",
                    },
                    "assessments": [
                        {
                            "date": "2026-02-07",
                            "status": "announced",
                            "summary": "Agreed at the meeting, according to the readout.",
                            "scores": [
                                {
                                    "party": "IN",
                                    "score": "too-early",
                                    "basis": "too-early",
                                    "note": "Assessed on the day of the meeting.",
                                }
                            ],
                            "sources": ["gulf-news-2026-02-08"],
                        }
                    ],
                    "sources": ["gulf-news-2026-02-08"],
                }
            ]
        }
    )
