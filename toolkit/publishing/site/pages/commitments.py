"""Commitment pages and the overview table of every commitment with its status."""

from __future__ import annotations

from collections import Counter

from toolkit.models import Commitment, Meeting, page_path
from toolkit.models.commitments import Assessment, PartyScore
from toolkit.publishing.site.context import Page, Site
from toolkit.publishing.site.i18n import N_, _, country, partial_date
from toolkit.publishing.site.markup import label, prose, text
from toolkit.publishing.site.pages.common import (
    RECORD_BOOST,
    Generated,
    date_span,
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
    ("discrete", N_("Discrete")),
    ("specific", N_("Specific")),
    ("public", N_("Publicly expressed")),
    ("agreed", N_("Agreed by both sides")),
    ("future", N_("About future action")),
]
"""The parts of the test for a commitment, as the methodology page names them."""


def commitment_page(site: Site, commitment: Commitment) -> str:
    """The page of one commitment: what was agreed, why it counts, and its dated assessments."""
    page = Page(site, page_path("commitments", commitment.id))
    scores = commitment.current_scores()
    deadline = commitment.deadline
    calendar = _("dated milestones (iCalendar)")
    headings = {
        "what-was-agreed": _("What was agreed"),
        "why-it-counts": _("Why it counts as a commitment"),
        "assessments": _("Assessments"),
    }
    body = [
        facts(
            [
                (_("Status"), status_badge(commitment.current_status)),
                (
                    _("Compliance"),
                    ", ".join(
                        f"{text(country(party))} "
                        f"{score_badge(str(scores[party].score), str(scores[party].basis))}"
                        for party in commitment.parties
                        if party in scores
                    ),
                ),
                (
                    _("Deadline"),
                    f'<time datetime="{text(deadline.date)}">'
                    f"{text(partial_date(deadline.date))}</time>{page.cite(deadline.sources)}"
                    if deadline
                    else _("none given in the sources"),
                ),
                (_("Made at"), page.link("meetings", commitment.meeting)),
                (_("Kind"), label(commitment.kind)),
                (_("Parties"), ", ".join(text(country(c)) for c in commitment.parties)),
                (
                    _("Responsible"),
                    ", ".join(page.link("organizations", o) for o in commitment.responsible),
                ),
                (_("Topics"), ", ".join(page.link("topics", t) for t in commitment.topics)),
                (
                    _("Calendar"),
                    f'<a href="{page.href(f"data/calendar/{commitment.id}.ics")}">{calendar}</a>',
                ),
            ]
        ),
        f'<h2 id="what-was-agreed">{headings["what-was-agreed"]}</h2>',
        page.statements(commitment.statements),
        quotes(page, commitment.quotes),
        f'<h2 id="why-it-counts">{headings["why-it-counts"]}</h2>',
        "<dl>"
        + "\n".join(
            "<dt>"
            + _("{label}:").format(label=text(_(words)))
            + f"</dt>\n<dd>{prose(getattr(commitment.qualifies, part))}</dd>"
            for part, words in QUALIFICATION
        )
        + "</dl>",
        guideline(commitment),
        f'<h2 id="assessments">{headings["assessments"]}</h2>',
        '<ol class="status-history">'
        + "".join(_assessment(page, entry) for entry in commitment.assessments)
        + "</ol>",
        record_footer(page, commitment),
    ]
    return markdown_page(
        commitment.title, "\n".join(part for part in body if part), search_boost=RECORD_BOOST
    )


GUIDELINE_LEVELS = [
    ("full", N_("+1 full")),
    ("partial", N_("0 partial")),
    ("none", N_("−1 none")),
    ("reaffirmation", N_("A restatement without a step")),
]


def guideline(commitment: Commitment) -> str:
    """What each score means for this commitment, shown before the scores it defines."""
    if commitment.guideline is None:
        return ""
    heading = _("Scoring guideline")
    explained = _(
        "What each score means for this commitment, written from its own wording before it "
        "was scored."
    )
    return (
        f'<h2 id="guideline">{heading}</h2><p>{explained}</p><dl>'
        + "".join(
            f"<dt>{text(_(words))}</dt>\n<dd>{prose(getattr(commitment.guideline, level))}</dd>"
            for level, words in GUIDELINE_LEVELS
        )
        + "</dl>"
    )


_SHARED = (
    ("searched", N_("Searched")),
    ("searched_through", N_("The searched material reaches")),
    ("recalibration", N_("Recalibrated")),
)
"""What a score may say beyond its reading; said once for the assessment when every score in it
says the same."""


def _details(score: PartyScore, fields: list[tuple[str, str]]) -> str:
    parts = []
    for field, words in fields:
        value = getattr(score, field)
        if value is None:
            continue
        shown = date_span(value) if field == "searched_through" else prose(value)
        said = _("{label}:").format(label=_(words))
        parts.append(f"<br><em>{said}</em> {shown}")
    return "".join(parts)


def _score(page: Page, score: PartyScore, fields: list[tuple[str, str]]) -> str:
    """One party's score: the badge with its basis, the reading, and what only it says of what
    was searched and why it changed a published snapshot."""
    reading = _("{score}: {reading}").format(
        score=f"{score_badge(str(score.score), str(score.basis))}{page.cite(score.sources)}",
        reading=prose(score.note),
    )
    return f"<li>{text(country(score.party))} {reading}{_details(score, fields)}</li>"


def _assessment(page: Page, entry: Assessment) -> str:
    shared = [
        (field, words)
        for field, words in _SHARED
        if len(entry.scores) > 1 and len({getattr(s, field) for s in entry.scores}) == 1
    ]
    own = [item for item in _SHARED if item not in shared]
    scores = "".join(_score(page, score, own) for score in entry.scores)
    together = _details(entry.scores[0], shared) if entry.scores else ""
    every = _("For every score above:")
    return (
        f'<li><time datetime="{text(entry.date)}">{text(partial_date(entry.date))}</time> '
        f"{status_badge(str(entry.status))} — "
        f"{prose(entry.summary)}{page.cite(entry.sources)}"
        + (f'<ul class="scores">{scores}</ul>' if scores else "")
        + (f'<p class="score-details">{every}{together}</p>' if together else "")
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
            _made(page, site.get("meetings", c.meeting)),
            status_badge(c.current_status),
            ", ".join(page.link("topics", t) for t in c.topics),
        ]
        for c in sorted(commitments, key=lambda c: c.id)
    ]
    body = (
        "<p>"
        + _("By current status: {counts}").format(counts=summary)
        + "</p>\n"
        + index_table([_("Commitment"), _("Made"), _("Status"), _("Topics")], rows)
    )
    return markdown_page(_("Commitments"), body)


def _made(page: Page, meeting: Meeting) -> str:
    """The meeting where a commitment was made, linked by its date; where the page's language
    writes the date other than in ISO form, the ISO form is its sorting key (``data-sort``)."""
    written = partial_date(meeting.date)
    link = page.link("meetings", meeting.id, written)
    if written == meeting.date:
        return link
    return f'<span class="date" data-sort="{text(meeting.date)}">{link}</span>'
