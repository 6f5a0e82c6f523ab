"""The scorecard: every commitment's compliance score per party, counts by status, topic and
party, and status over time as a table with bars."""

from __future__ import annotations

from collections import Counter

from toolkit.foundation.countries import country_name
from toolkit.foundation.dates import latest
from toolkit.models import Commitment
from toolkit.models.commitment_terms import CommitmentStatus
from toolkit.publishing.scorecard import (
    ScoreRow,
    Snapshot,
    Summary,
    current_rows,
    groups,
    snapshot_rows,
    snapshots,
    status_over_time,
    summarise,
)
from toolkit.publishing.site.context import Page, Site
from toolkit.publishing.site.markup import label, text
from toolkit.publishing.site.pages.common import (
    Generated,
    index_table,
    markdown_page,
    score_badge,
    status_badge,
)
from toolkit.publishing.site.pages.score_chart import distribution_chart


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


def score_cell(page: Page, row: ScoreRow) -> str:
    """A score with its basis in words, and the reports it cites."""
    if row.given is None:
        return "not scored"
    return score_badge(str(row.given.score), str(row.given.basis)) + page.cite(row.given.sources)


def snapshot_heading(page: Page, snapshot: Snapshot) -> str:
    """A snapshot's name, cut-off and meeting, and whether it can still change."""
    meeting = snapshot.meeting
    state = (
        ' <span class="provisional">provisional: the cut-off has not come yet</span>'
        if snapshot.provisional
        else ""
    )
    return (
        f'<h3 id="{text(snapshot.name)}-{text(meeting.id)}">{text(snapshot.name.capitalize())} '
        f'snapshot, cut-off <span class="date">{snapshot.cutoff.isoformat()}</span></h3>'
        f"<p>Commitments made at {page.link('meetings', meeting.id)} "
        f'(<span class="date">{text(meeting.date)}</span>); each score is the newest resting only '
        f"on material dated by the cut-off.{state}</p>"
    )


def evidence_reach(rows: list[ScoreRow]) -> str | None:
    """The newest date the evidence behind a set of scores reaches."""
    dates = [row.evidence_through for row in rows if row.evidence_through]
    return max(dates, key=latest) if dates else None


def summary_table(rows: list[ScoreRow], label: str) -> str:
    """Per group: how many scored, the mean and the mean leaving out no-report scores."""

    def mean(value: float | None) -> str:
        return "—" if value is None else f"{value:+.2f} ({Summary.percent(value):g}%)"

    lines = []
    for kind, party, _topic, members in groups(rows):
        if kind == "topic":
            continue
        summary = summarise(members)
        name = country_name(party) if party else "Both parties"
        lines.append(
            [
                text(name),
                str(summary.rows),
                str(summary.scored),
                str(summary.no_report),
                str(summary.too_early),
                mean(summary.mean),
                mean(summary.mean_reported),
            ]
        )
    return index_table(
        [
            "Group",
            "Party scores",
            "Scored",
            "−1 on no report",
            "Too early",
            "Mean",
            "Mean without no-report",
        ],
        lines,
        sortable=False,
        label=label,
    )


def detail_table(page: Page, rows: list[ScoreRow], label: str) -> str:
    """Every party score with its basis, the date its evidence reaches, and the reading."""
    return index_table(
        ["Commitment", "Party", "Score and basis", "Evidence through", "Assessed", "Reading"],
        [
            [
                page.link("commitments", row.commitment.id),
                text(country_name(row.party)),
                score_cell(page, row),
                text(row.evidence_through or ""),
                text(row.assessment.date if row.assessment else ""),
                text(row.given.note if row.given else ""),
            ]
            for row in rows
        ],
        label=label,
    )


def snapshot_section(page: Page, site: Site, snapshot: Snapshot, number: int) -> str:
    """One snapshot: heading, chart, summary and every score."""
    rows = snapshot_rows(site.dataset, snapshot)
    name = f"{snapshot.name} snapshot, cut-off {snapshot.cutoff.isoformat()}"
    reach = evidence_reach(rows)
    return "\n".join(
        [
            snapshot_heading(page, snapshot),
            f'<p>The evidence behind these scores reaches <span class="date">{text(reach)}'
            "</span>.</p>"
            if reach
            else "",
            distribution_chart(rows, f"s{number}", f"Scores by party, {name}"),
            summary_table(rows, f"Summary, {name}"),
            detail_table(page, rows, f"Scores, {name}"),
        ]
    )


def pages(site: Site) -> list[Generated]:
    """The scorecard page and its chart."""
    commitments = site.of(Commitment)
    page = Page(site, "scorecard/")
    rules = site.dataset.info.scorecard
    current = current_rows(site.dataset)
    by_status = Counter(c.current_status for c in commitments)
    by_topic = Counter(topic for c in commitments for topic in c.topics)
    version = (
        f"version {text(rules.current.version)} of the "
        f'<a href="{page.href("methodology/")}">methodology</a>'
        if rules
        else f'the <a href="{page.href("methodology/")}">methodology</a>'
    )
    body = [
        "<p>Each score is the dataset's reading of the cited evidence against the commitment's "
        "written guideline, on the scale of summit-compliance research: +1 full, 0 partial, "
        "−1 none; “too early” when too little time is covered. Every score says what it rests "
        "on: a reported step, a reported action against the commitment, a restatement with no "
        "step, a search that found no report, or too little time. A −1 resting on a search that "
        "found no report reads “−1 none · no report found”: the absence of reports, not a "
        f"reported failure. Scores follow {version}.</p>",
        '<h2 id="snapshots">Snapshots</h2>',
        "<p>As compliance research reports, a scorecard is cut at fixed times after each "
        "meeting: "
        + ", ".join(
            f"the {text(period.name)} snapshot {period.months} months after"
            for period in (rules.snapshots if rules else [])
        )
        + ".</p>",
        *(
            snapshot_section(page, site, snapshot, number)
            for number, snapshot in enumerate(snapshots(site.dataset))
        ),
        '<h2 id="now">Scores now</h2>',
        "<p>Each party's newest score, whatever the material it rests on.</p>",
        detail_table(page, current, "Scores now"),
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
    return [("scorecard.md", markdown_page("Scorecard", "\n".join(b for b in body if b)))]
