"""Commitment pages and the overview table of every commitment with its status."""

from __future__ import annotations

from collections import Counter

from toolkit.foundation.countries import country_name
from toolkit.models import Commitment, page_path
from toolkit.models.commitments import Assessment, PartyScore
from toolkit.publishing.site.context import Page, Site
from toolkit.publishing.site.markup import label, text
from toolkit.publishing.site.pages.common import (
    RECORD_BOOST,
    Generated,
    facts,
    index_table,
    markdown_page,
    quotes,
    record_footer,
    score_badge,
    status_badge,
)


def pages(site: Site) -> list[Generated]:
    """One page per commitment, and the overview."""
    commitments = site.of(Commitment)
    generated = [(f"commitments/{c.id}.md", commitment_page(site, c)) for c in commitments]
    return [*generated, ("commitments/index.md", overview(site, commitments))]


QUALIFICATION = [
    ("discrete", "Discrete"),
    ("specific", "Specific"),
    ("public", "Publicly expressed"),
    ("agreed", "Agreed by both sides"),
    ("future", "About future action"),
]
"""The parts of the test for a commitment, as the methodology page names them."""


def commitment_page(site: Site, commitment: Commitment) -> str:
    """The page of one commitment: what was agreed, why it counts, and its dated assessments."""
    page = Page(site, page_path("commitments", commitment.id))
    scores = commitment.current_scores()
    deadline = commitment.deadline
    body = [
        facts(
            [
                ("Status", status_badge(commitment.current_status)),
                (
                    "Compliance",
                    ", ".join(
                        f"{text(country_name(party))} "
                        f"{score_badge(str(scores[party].score), str(scores[party].basis))}"
                        for party in commitment.parties
                        if party in scores
                    ),
                ),
                (
                    "Deadline",
                    f"<time>{text(deadline.date)}</time>{page.cite(deadline.sources)}"
                    if deadline
                    else "none given in the sources",
                ),
                ("Made at", page.link("meetings", commitment.meeting)),
                ("Kind", label(commitment.kind)),
                ("Parties", ", ".join(text(country_name(c)) for c in commitment.parties)),
                (
                    "Responsible",
                    ", ".join(page.link("organizations", o) for o in commitment.responsible),
                ),
                ("Topics", ", ".join(page.link("topics", t) for t in commitment.topics)),
                (
                    "Calendar",
                    f'<a href="{page.href(f"data/calendar/{commitment.id}.ics")}">'
                    "dated milestones (iCalendar)</a>",
                ),
            ]
        ),
        '<h2 id="what-was-agreed">What was agreed</h2>',
        page.statements(commitment.statements),
        quotes(page, commitment.quotes),
        '<h2 id="why-it-counts">Why it counts as a commitment</h2>',
        "<dl>"
        + "\n".join(
            f"<dt>{text(label)}:</dt>\n<dd>{text(getattr(commitment.qualifies, part))}</dd>"
            for part, label in QUALIFICATION
        )
        + "</dl>",
        guideline(commitment),
        '<h2 id="assessments">Assessments</h2>',
        '<ol class="status-history">'
        + "".join(_assessment(page, entry) for entry in commitment.assessments)
        + "</ol>",
        record_footer(page, commitment),
    ]
    return markdown_page(
        commitment.title, "\n".join(part for part in body if part), search_boost=RECORD_BOOST
    )


GUIDELINE_LEVELS = [
    ("full", "+1 full"),
    ("partial", "0 partial"),
    ("none", "−1 none"),
    ("reaffirmation", "A restatement without a step"),
]


def guideline(commitment: Commitment) -> str:
    """What each score means for this commitment, shown before the scores it defines."""
    if commitment.guideline is None:
        return ""
    return (
        '<h2 id="guideline">Scoring guideline</h2>'
        "<p>What each score means for this commitment, written from its own wording before it "
        "was scored.</p><dl>"
        + "".join(
            f"<dt>{text(words)}</dt>\n<dd>{text(getattr(commitment.guideline, level))}</dd>"
            for level, words in GUIDELINE_LEVELS
        )
        + "</dl>"
    )


_SHARED = (
    ("searched", "Searched"),
    ("searched_through", "The searched material reaches"),
    ("recalibration", "Recalibrated"),
)
"""What a score may say beyond its reading; said once for the assessment when every score in it
says the same."""


def _details(score: PartyScore, fields: list[tuple[str, str]]) -> str:
    parts = []
    for field, words in fields:
        value = getattr(score, field)
        if value is None:
            continue
        shown = (
            f'<span class="date">{text(value)}</span>'
            if field == "searched_through"
            else text(value)
        )
        parts.append(f"<br><em>{words}:</em> {shown}")
    return "".join(parts)


def _score(page: Page, score: PartyScore, fields: list[tuple[str, str]]) -> str:
    """One party's score: the badge with its basis, the reading, and what only it says of what
    was searched and why it changed a published snapshot."""
    return (
        f"<li>{text(country_name(score.party))} "
        f"{score_badge(str(score.score), str(score.basis))}{page.cite(score.sources)}: "
        f"{text(score.note)}{_details(score, fields)}</li>"
    )


def _assessment(page: Page, entry: Assessment) -> str:
    shared = [
        (field, words)
        for field, words in _SHARED
        if len(entry.scores) > 1 and len({getattr(s, field) for s in entry.scores}) == 1
    ]
    own = [item for item in _SHARED if item not in shared]
    scores = "".join(_score(page, score, own) for score in entry.scores)
    together = _details(entry.scores[0], shared) if entry.scores else ""
    return (
        f"<li><time>{text(entry.date)}</time> {status_badge(str(entry.status))} — "
        f"{text(entry.summary)}{page.cite(entry.sources)}"
        + (f'<ul class="scores">{scores}</ul>' if scores else "")
        + (f'<p class="score-details">For every score above:{together}</p>' if together else "")
        + "</li>"
    )


def overview(site: Site, commitments: list[Commitment]) -> str:
    """Every commitment in one sortable table, with counts by status."""
    page = Page(site, "commitments/")
    counts = Counter(c.current_status for c in commitments)
    summary = ", ".join(
        f"{status_badge(status)} {count}" for status, count in sorted(counts.items())
    )
    rows = [
        [
            page.link("commitments", c.id),
            page.link("meetings", c.meeting, site.get("meetings", c.meeting).date),
            status_badge(c.current_status),
            ", ".join(page.link("topics", t) for t in c.topics),
        ]
        for c in sorted(commitments, key=lambda c: c.id)
    ]
    body = f"<p>By current status: {summary}</p>\n" + index_table(
        ["Commitment", "Made", "Status", "Topics"], rows
    )
    return markdown_page("Commitments", body)
