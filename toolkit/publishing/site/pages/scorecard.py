"""The scorecard: every commitment's compliance score per party, counts by status, topic and
party, and status over time as a table with bars."""

from __future__ import annotations

from collections import Counter

from babel.numbers import get_decimal_symbol

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
from toolkit.publishing.site.i18n import LOCALES, N_, _, country, current_language, n_, partial_date
from toolkit.publishing.site.markup import label, prose, text
from toolkit.publishing.site.pages.common import (
    Generated,
    date_cell,
    date_span,
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
    statuses = [s for s in CommitmentStatus if any(counts[s] for _date, counts in series)]
    if not series or not statuses:
        return "<p>" + _("No commitment has been assessed yet.") + "</p>"
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
            f'<tr><th scope="row">{date_span(date)}</th>{cells}'
            f'<td class="bar-cell"><span class="status-bar" aria-hidden="true">{segments}</span>'
            "</td></tr>"
        )
    caption = _("Commitments at each status on each date an assessment was made")
    dated, shares, region = _("Date"), _("Share"), _("Status over time")
    table = (
        '<table class="status-over-time">\n'
        f"<caption>{caption}</caption>\n"
        f'<thead><tr><th scope="col">{dated}</th>{head}<th scope="col">{shares}</th></tr></thead>\n'
        "<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
    )
    return (
        f'<div class="table-scroll" tabindex="0" role="region" aria-label="{region}">{table}</div>'
    )


def score_cell(page: Page, row: ScoreRow) -> str:
    """A score with its basis in words, and the reports it cites."""
    if row.given is None:
        return _("not scored")
    return score_badge(str(row.given.score), str(row.given.basis)) + page.cite(row.given.sources)


SNAPSHOT_NAMES = {"interim": N_("interim"), "final": N_("final")}
"""The snapshots' names the methodology gives, in words; any other is shown as the data names
it."""


def snapshot_name(name: str) -> str:
    """A snapshot's name (``interim``) in the page's language."""
    known = SNAPSHOT_NAMES.get(name)
    return _(known) if known else name


def snapshot_title(snapshot: Snapshot, cutoff: str) -> str:
    """ "interim snapshot, cut-off 2026-08-07", with the cut-off as the caller writes it (text,
    or a marked-up date); the name is a slug, the same in text and HTML."""
    return _("{name} snapshot, cut-off {date}").format(
        name=text(snapshot_name(snapshot.name)), date=cutoff
    )


def capitalised(words: str) -> str:
    """Words with their first letter a capital, the rest as they are."""
    return words[:1].upper() + words[1:]


def decimal(number: str) -> str:
    """A number written with a point (``+0.50``) as the page's language writes it."""
    return number.replace(".", get_decimal_symbol(LOCALES[current_language()]))


def snapshot_heading(page: Page, snapshot: Snapshot) -> str:
    """A snapshot's name, cut-off and meeting, and whether it can still change."""
    meeting = snapshot.meeting
    state = (
        ' <span class="provisional">' + _("provisional: the cut-off has not come yet") + "</span>"
        if snapshot.provisional
        else ""
    )
    title = capitalised(snapshot_title(snapshot, date_span(snapshot.cutoff.isoformat())))
    made = _(
        "Commitments made at {meeting} ({date}); each score is the newest resting only on "
        "material dated by the cut-off."
    ).format(meeting=page.link("meetings", meeting.id), date=date_span(meeting.date))
    return f'<h3 id="{text(snapshot.name)}-{text(meeting.id)}">{title}</h3><p>{made}{state}</p>'


def evidence_reach(rows: list[ScoreRow]) -> str | None:
    """The newest date the evidence behind a set of scores reaches."""
    dates = [row.evidence_through for row in rows if row.evidence_through]
    return max(dates, key=latest) if dates else None


def summary_table(rows: list[ScoreRow], label: str) -> str:
    """Per group: how many scored, the mean and the mean leaving out no-report scores."""

    def mean(value: float | None) -> str:
        if value is None:
            return "—"
        return _("{mean} ({percent}%)").format(
            mean=decimal(f"{value:+.2f}"), percent=decimal(f"{Summary.percent(value):g}")
        )

    lines = []
    for kind, party, _topic, members in groups(rows):
        if kind == "topic":
            continue
        summary = summarise(members)
        name = country(party) if party else _("Both parties")
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
            _("Group"),
            _("Party scores"),
            _("Scored"),
            _("−1 on no report"),
            _("Too early"),
            _("Mean"),
            _("Mean without no-report"),
        ],
        lines,
        sortable=False,
        label=label,
    )


def reading(site: Site, row: ScoreRow) -> str:
    """The reading of a party's score as the page's language shows it: the rows come from the
    dataset's records, the page's version of the note from the same place in the page's."""
    if row.given is None or row.assessment is None:
        return ""
    shown = site.get("commitments", row.commitment.id)
    assessment = next(i for i, a in enumerate(row.commitment.assessments) if a is row.assessment)
    score = next(i for i, s in enumerate(row.assessment.scores) if s is row.given)
    return prose(shown.assessments[assessment].scores[score].note)


def detail_table(page: Page, rows: list[ScoreRow], label: str) -> str:
    """Every party score with its basis, the date its evidence reaches, and the reading."""
    return index_table(
        [
            _("Commitment"),
            _("Party"),
            _("Score and basis"),
            _("Evidence through"),
            _("Assessed"),
            _("Reading"),
        ],
        [
            [
                page.link("commitments", row.commitment.id),
                text(country(row.party)),
                score_cell(page, row),
                date_cell(row.evidence_through),
                date_cell(row.assessment.date if row.assessment else None),
                reading(page.site, row),
            ]
            for row in rows
        ],
        label=label,
    )


def snapshot_section(page: Page, site: Site, snapshot: Snapshot, number: int) -> str:
    """One snapshot: heading, chart, summary and every score."""
    rows = snapshot_rows(site.dataset, snapshot)
    name = snapshot_title(snapshot, partial_date(snapshot.cutoff.isoformat()))
    reach = evidence_reach(rows)
    return "\n".join(
        [
            snapshot_heading(page, snapshot),
            "<p>"
            + _("The evidence behind these scores reaches {date}.").format(date=date_span(reach))
            + "</p>"
            if reach
            else "",
            distribution_chart(
                rows, f"s{number}", _("Scores by party, {snapshot}").format(snapshot=name)
            ),
            summary_table(rows, _("Summary, {snapshot}").format(snapshot=name)),
            detail_table(page, rows, _("Scores, {snapshot}").format(snapshot=name)),
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
    methodology = f'<a href="{page.href("methodology/")}">' + _("methodology") + "</a>"
    version = (
        _("version {version} of the {methodology}").format(
            version=text(rules.current.version), methodology=methodology
        )
        if rules
        else _("the {methodology}").format(methodology=methodology)
    )
    periods = ", ".join(
        n_(
            "the {name} snapshot {count} month after",
            "the {name} snapshot {count} months after",
            period.months,
        ).format(name=text(snapshot_name(period.name)), count=period.months)
        for period in (rules.snapshots if rules else [])
    )
    headings = {
        "snapshots": _("Snapshots"),
        "now": _("Scores now"),
        "by-status": _("By status"),
        "by-topic": _("By topic"),
        "over-time": _("Status over time"),
    }
    body = [
        "<p>"
        + _(
            "Each score is the dataset's reading of the cited evidence against the commitment's "
            "written guideline, on the scale of summit-compliance research: +1 full, 0 partial, "
            "−1 none; “too early” when too little time is covered. Every score says what it "
            "rests on: a reported step, a reported action against the commitment, a restatement "
            "with no step, a search that found no report, or too little time. A −1 resting on a "
            "search that found no report reads “−1 none · no report found”: the absence of "
            "reports, not a reported failure. Scores follow {version}."
        ).format(version=version)
        + "</p>",
        f'<h2 id="snapshots">{headings["snapshots"]}</h2>',
        "<p>"
        + _(
            "As compliance research reports, a scorecard is cut at fixed times after each "
            "meeting: {periods}."
        ).format(periods=periods)
        + "</p>",
        *(
            snapshot_section(page, site, snapshot, number)
            for number, snapshot in enumerate(snapshots(site.dataset))
        ),
        f'<h2 id="now">{headings["now"]}</h2>',
        "<p>" + _("Each party's newest score, whatever the material it rests on.") + "</p>",
        detail_table(page, current, _("Scores now")),
        f'<h2 id="by-status">{headings["by-status"]}</h2>',
        "<ul>"
        + "".join(
            f"<li>{status_badge(str(status))} {by_status.get(status, 0)}</li>"
            for status in CommitmentStatus
        )
        + "</ul>",
        f'<h2 id="by-topic">{headings["by-topic"]}</h2>',
        "<ul>"
        + "".join(
            f"<li>{page.link('topics', topic)} {count}</li>"
            for topic, count in sorted(by_topic.items())
        )
        + "</ul>",
        f'<h2 id="over-time">{headings["over-time"]}</h2>',
        status_chart(status_over_time(commitments)),
    ]
    return [("scorecard.md", markdown_page(_("Scorecard"), "\n".join(b for b in body if b)))]
