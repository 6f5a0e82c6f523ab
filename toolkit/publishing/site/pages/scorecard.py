"""The scorecard: every commitment's compliance score per party, counts by status, topic and
party, and status over time as a table with bars."""

from __future__ import annotations

from collections import Counter

from toolkit.foundation.countries import country_name
from toolkit.models import Commitment
from toolkit.models.commitments import CommitmentStatus
from toolkit.publishing.scorecard import party_summaries, score_rows, status_over_time
from toolkit.publishing.site.context import Page, Site
from toolkit.publishing.site.markup import label, text
from toolkit.publishing.site.pages.common import (
    Generated,
    index_table,
    markdown_page,
    score_badge,
    status_badge,
)


def status_chart(series: list[tuple[str, dict[CommitmentStatus, int]]]) -> str:
    """Status over time as a table: one row per assessment date with the count at each status,
    and a bar of the same counts drawn in CSS beside them. The numbers are the page's own text
    (readable at any width, in either palette, by a screen reader); the bar only repeats them
    for the eye, so it is hidden from assistive technology."""
    statuses = [s for s in CommitmentStatus if any(counts[s] for _, counts in series)]
    if not series or not statuses:
        return "<p>No commitment has been assessed yet.</p>"
    head = "".join(f"<th>{label(status)}</th>" for status in statuses)
    rows = []
    for date, counts in series:
        total = sum(counts.values()) or 1
        segments = "".join(
            f'<span class="status-{text(status)}" style="width: {share:.1f}%"></span>'
            for status in statuses
            if (share := 100 * counts[status] / total)
        )
        cells = "".join(f"<td>{counts[status]}</td>" for status in statuses)
        rows.append(
            f'<tr><th scope="row"><span class="date">{text(date)}</span></th>{cells}'
            f'<td class="bar-cell"><span class="status-bar" aria-hidden="true">{segments}</span>'
            "</td></tr>"
        )
    table = (
        '<table class="status-over-time">\n'
        "<caption>Commitments at each status on each date an assessment was made</caption>\n"
        f'<thead><tr><th scope="col">Date</th>{head}<th scope="col">Share</th></tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
    )
    return (
        '<div class="table-scroll" tabindex="0" role="region" aria-label="Status over time">'
        f"{table}</div>"
    )


def pages(site: Site) -> list[Generated]:
    """The scorecard page and its chart."""
    commitments = site.of(Commitment)
    page = Page(site, "scorecard/")
    rows = score_rows(commitments)
    by_status = Counter(c.current_status for c in commitments)
    by_topic = Counter(topic for c in commitments for topic in c.topics)
    body = [
        "<p>Each score is the dataset's reading of the cited evidence, on the scale of "
        "summit-compliance research: +1 full, 0 partial, −1 no action; “too early” when too "
        f'little time has passed. The <a href="{page.href("methodology/")}">methodology</a> '
        "explains the test for a commitment and the scale.</p>",
        '<h2 id="by-party">By party</h2>',
        index_table(
            ["Party", "+1 full", "0 partial", "−1 none", "Too early", "Average score"],
            [
                [
                    text(country_name(summary.party)),
                    *(
                        str(summary.counts.get(key, 0))
                        for key in ("full", "partial", "none", "too-early")
                    ),
                    f"{summary.average:+.2f}" if summary.average is not None else "not scored",
                ]
                for summary in party_summaries(rows)
            ],
            sortable=False,
        ),
        '<h2 id="by-commitment">By commitment</h2>',
        index_table(
            ["Commitment", "Status", "Party", "Score", "As of", "Reading"],
            [
                [
                    page.link("commitments", row.commitment.id),
                    status_badge(row.commitment.current_status),
                    text(country_name(row.party)),
                    score_badge(str(row.score)) if row.score else "not scored",
                    text(row.scored_on or ""),
                    text(row.note or ""),
                ]
                for row in rows
            ],
        ),
        '<h2 id="by-status">By status</h2>',
        "<ul>"
        + "".join(
            f"<li>{status_badge(str(status))} {by_status.get(status, 0)}</li>"
            for status in CommitmentStatus
        )
        + "</ul>",
        '<h2 id="by-topic">By topic</h2>',
        "<ul>"
        + "".join(
            f"<li>{page.link('topics', topic)} {count}</li>"
            for topic, count in sorted(by_topic.items())
        )
        + "</ul>",
        '<h2 id="over-time">Status over time</h2>',
        status_chart(status_over_time(commitments)),
    ]
    return [("scorecard.md", markdown_page("Scorecard", "\n".join(body)))]
