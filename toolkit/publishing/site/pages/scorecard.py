"""The scorecard: every commitment's compliance score per party, counts by status, topic and
party, and a chart of status over time drawn at build time."""

from __future__ import annotations

from collections import Counter

from toolkit.foundation.countries import country_name
from toolkit.models import Commitment
from toolkit.models.commitments import CommitmentStatus
from toolkit.publishing.scorecard import party_summaries, score_rows, status_over_time
from toolkit.publishing.site.context import Page, Site
from toolkit.publishing.site.markup import text
from toolkit.publishing.site.pages.common import (
    Generated,
    index_table,
    markdown_page,
    score_badge,
    status_badge,
)

SVG_PATH = "assets/status-over-time.svg"
COLOURS = {
    CommitmentStatus.ANNOUNCED: "#64b5f6",
    CommitmentStatus.IN_PROGRESS: "#ffb300",
    CommitmentStatus.FULFILLED: "#43a047",
    CommitmentStatus.STALLED: "#e53935",
    CommitmentStatus.ABANDONED: "#6d4c41",
}
BAR_WIDTH = 56
GAP = 28
CHART_HEIGHT = 200
TOP = 30
LEFT = 40


def svg(series: list[tuple[str, dict[CommitmentStatus, int]]]) -> str:
    """Stacked bars: for each assessment date, the commitments at each status."""
    most = max((sum(counts.values()) for _, counts in series), default=0) or 1
    width = LEFT + len(series) * (BAR_WIDTH + GAP) + 170
    height = TOP + CHART_HEIGHT + 50
    bars = []
    for number, (date, counts) in enumerate(series):
        x = LEFT + GAP + number * (BAR_WIDTH + GAP)
        y = float(TOP + CHART_HEIGHT)
        for status in CommitmentStatus:
            if not counts[status]:
                continue
            tall = CHART_HEIGHT * counts[status] / most
            y -= tall
            bars.append(
                f'<rect x="{x}" y="{y:.1f}" width="{BAR_WIDTH}" height="{tall:.1f}" '
                f'fill="{COLOURS[status]}"><title>{text(date)}: {counts[status]} '
                f"{text(status)}</title></rect>"
            )
        bars.append(
            f'<text x="{x + BAR_WIDTH / 2}" y="{TOP + CHART_HEIGHT + 18}" '
            f'text-anchor="middle">{text(date)}</text>'
        )
    legend_x = LEFT + GAP + len(series) * (BAR_WIDTH + GAP)
    legend = [
        f'<rect x="{legend_x}" y="{TOP + row * 20}" width="12" height="12" '
        f'fill="{COLOURS[status]}"/><text x="{legend_x + 18}" y="{TOP + row * 20 + 11}">'
        f"{text(status)}</text>"
        for row, status in enumerate(CommitmentStatus)
    ]
    axis = (
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + CHART_HEIGHT}" stroke="#999"/>'
        f'<line x1="{LEFT}" y1="{TOP + CHART_HEIGHT}" x2="{legend_x - 10}" '
        f'y2="{TOP + CHART_HEIGHT}" stroke="#999"/>'
        f'<text x="{LEFT - 8}" y="{TOP + 4}" text-anchor="end">{most}</text>'
        f'<text x="{LEFT - 8}" y="{TOP + CHART_HEIGHT + 4}" text-anchor="end">0</text>'
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="status-title">\n'
        '<title id="status-title">Commitments by status at each assessment date</title>\n'
        "<style>text{font:12px sans-serif;fill:#222}</style>\n"
        + axis
        + "\n"
        + "\n".join(bars + legend)
        + "\n</svg>\n"
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
        f'<p><img src="{page.href(SVG_PATH)}" '
        'alt="Commitments by status at each assessment date"></p>',
    ]
    return [
        ("scorecard.md", markdown_page("Scorecard", "\n".join(body))),
        (SVG_PATH, svg(status_over_time(commitments))),
    ]
