"""The words commitments are described and scored in: their kinds and statuses, the
compliance scale, and the bases a score may rest on, with what each basis can support."""

from __future__ import annotations

from toolkit.models.enums import DocumentedEnum


class CommitmentKind(DocumentedEnum):
    """What sort of undertaking a commitment is."""

    AGREEMENT = "agreement", "The sides agreed to adopt or do something specific.", "Accord"
    APPOINTMENT = (
        "appointment",
        "The sides agreed to appoint officials or establish posts.",
        "Nomination",
    )
    COOPERATION = (
        "cooperation",
        ("The sides undertook to cooperate or build on existing working relationships."),
        "Coopération",
    )
    CONTINUED_DISCUSSION = (
        "continued-discussion",
        ("The sides agreed to keep discussing a matter, without a decision yet."),
        "Poursuite des discussions",
    )


class CommitmentStatus(DocumentedEnum):
    """Where a commitment stands, as of a dated assessment."""

    ANNOUNCED = (
        "announced",
        "Agreed and made public; no step to carry it out has been reported.",
        "Annoncé",
    )
    IN_PROGRESS = "in-progress", "Steps to carry it out have been reported.", "En cours"
    FULFILLED = "fulfilled", "Carried out in full, as reported.", "Réalisé"
    STALLED = "stalled", "Reported as held up or not moving.", "Au point mort"
    ABANDONED = "abandoned", "Reported as dropped by one or both sides.", "Abandonné"


class ComplianceScore(DocumentedEnum):
    """A party's compliance, on the scale of summit-compliance research (+1, 0, -1)."""

    FULL = (
        "full",
        "+1: the party has carried out the commitment in full or nearly in full.",
        "Complète",
    )
    PARTIAL = (
        "partial",
        "0: the party has carried out part of it, or work is in progress.",
        "Partielle",
    )
    NONE = (
        "none",
        (
            "-1: the party has not complied: no step was reported within the compliance period, or "
            "it acted against the commitment (the score's basis says which)."
        ),
        "Aucune",
    )
    TOO_EARLY = (
        "too-early",
        "Not scored: too little time has passed to judge compliance.",
        "Trop tôt",
    )

    @property
    def points(self) -> int | None:
        """The score as a number, as compliance research averages it; None when too early."""
        return {"full": 1, "partial": 0, "none": -1}.get(self.value)

    @property
    def symbol(self) -> str:
        """The score as the scale writes it: +1, 0, −1, or "too early"."""
        return {"full": "+1", "partial": "0", "none": "−1"}.get(self.value, "too early")


class ScoreBasis(DocumentedEnum):
    """What a party's score rests on, so silence never reads as a reported failure."""

    EVIDENCE = "evidence", "A reported step by the party toward the commitment.", "Mesure signalée"
    CONTRARY = (
        "contrary",
        "A reported action by the party against the commitment.",
        "Action contraire signalée",
    )
    REAFFIRMATION = (
        "reaffirmation",
        "The party restated the commitment; no step carrying it out was reported.",
        "Réaffirmation",
    )
    NO_REPORT = (
        "no-report",
        "A search of the stated material found no report of a step.",
        "Aucun signalement",
    )
    TOO_EARLY = "too-early", "Too little time had passed to search for steps.", "Trop tôt"

    @property
    def short(self) -> str:
        """How the basis reads beside a score: "−1 · no report found"."""
        return {"no-report": "no report found"}.get(self.value, self.label.lower())


ALLOWED_SCORES: dict[ScoreBasis, frozenset[ComplianceScore]] = {
    ScoreBasis.EVIDENCE: frozenset({ComplianceScore.FULL, ComplianceScore.PARTIAL}),
    ScoreBasis.CONTRARY: frozenset({ComplianceScore.NONE}),
    ScoreBasis.REAFFIRMATION: frozenset(
        {ComplianceScore.PARTIAL, ComplianceScore.NONE, ComplianceScore.TOO_EARLY}
    ),
    ScoreBasis.NO_REPORT: frozenset({ComplianceScore.NONE, ComplianceScore.TOO_EARLY}),
    ScoreBasis.TOO_EARLY: frozenset({ComplianceScore.TOO_EARLY}),
}
"""The scores each basis can support (the methodology's table): a step earns +1 or 0, an action
against the commitment -1; a restatement alone never earns +1; silence earns -1 only once the
waiting period is over, and is too early before."""

CITING_BASES = frozenset({ScoreBasis.EVIDENCE, ScoreBasis.CONTRARY, ScoreBasis.REAFFIRMATION})
"""Bases that rest on a report, which the score must cite."""
