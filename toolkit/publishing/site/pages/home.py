"""The home page: what this is, the latest meeting, commitments by status, the downloads."""

from __future__ import annotations

import re
from collections import Counter

from toolkit.foundation.problems import count
from toolkit.models import Commitment, Meeting
from toolkit.publishing.scorecard import snapshot_rows, snapshots
from toolkit.publishing.site.context import Page, Site
from toolkit.publishing.site.markup import paragraphs, text
from toolkit.publishing.site.pages.common import Generated, markdown_page, status_badge
from toolkit.publishing.site.pages.score_chart import distribution_chart
from toolkit.publishing.site.pages.scorecard import evidence_reach

_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\"”][.!?])\s+(?=[A-Z“\"])")


def first_sentence(summary: str) -> str:
    """The summary's first sentence, enough for an overview; the commitment's page has the rest.
    A full stop after a capital (an initial, as in "Dinesh K. Patnaik") does not end it."""
    return _SENTENCE_END.split(summary, maxsplit=1)[0]


def _commitments(page: Page, site: Site) -> str:
    """Each commitment with its status and the first sentence of its newest assessment, newest
    meeting first."""
    items = [
        f"<li>{page.link('commitments', c.id)} {status_badge(c.current_status)}"
        f"<br>{text(c.current.date)}: {text(first_sentence(c.current.summary))}"
        f"{page.cite(c.current.sources)}</li>"
        for c in sorted(site.of(Commitment), key=lambda c: (c.meeting, c.id), reverse=True)
    ]
    return f'<ul class="commitment-list">{"".join(items)}</ul>' if items else ""


def _scorecard(page: Page, site: Site) -> str:
    """Each snapshot's scores per party at a glance, with the date its evidence reaches."""
    parts = []
    for number, snapshot in enumerate(snapshots(site.dataset)):
        rows = snapshot_rows(site.dataset, snapshot)
        name = f"{snapshot.name} snapshot, cut-off {snapshot.cutoff.isoformat()}"
        reach = evidence_reach(rows)
        state = ", provisional" if snapshot.provisional else ""
        parts.append(
            f"<h3>{text(name.capitalize())}{state}</h3>"
            + (f'<p>Evidence through <span class="date">{text(reach)}</span>.</p>' if reach else "")
            + distribution_chart(rows, f"h{number}", f"Scores by party, {name}")
        )
    if not parts:
        return ""
    return (
        '<h2 id="scorecard">Scorecard</h2>'
        + "".join(parts)
        + f'<p>Every score with its basis and reading: the <a href="{page.href("scorecard/")}">'
        "scorecard</a>.</p>"
    )


def _coverage(site: Site) -> str:
    """How far the record reaches: when the sources were searched, and the newest date found."""
    coverage = site.dataset.info.coverage
    if coverage is None:
        return ""
    return (
        '<h2 id="coverage">How far the record reaches</h2>'
        f'<p>Sources last searched on <span class="date">{text(coverage.searched)}</span>; the '
        f'material found reaches <span class="date">{text(coverage.through)}</span>.</p>'
        + paragraphs(coverage.note)
    )


def pages(site: Site) -> list[Generated]:
    """The home page."""
    page = Page(site, "")
    info = site.dataset.info
    meetings = sorted(site.of(Meeting), key=lambda m: (m.date, m.id))
    latest = meetings[-1] if meetings else None
    counts = Counter(c.current_status for c in site.of(Commitment))
    figures = "".join(
        f"<li>{status_badge(status)} {count}</li>" for status, count in sorted(counts.items())
    )
    parts = [
        paragraphs(info.description),
        '<h2 id="latest-meeting">Latest meeting</h2>',
        f"<p>{page.link('meetings', latest.id)} — {text(latest.date)}, "
        f"{text(latest.location.city)}</p>"
        if latest
        else "<p>No meeting recorded yet.</p>",
        '<h2 id="commitments">Commitments by current status</h2>',
        f'<ul class="figures">{figures}</ul>',
        _commitments(page, site),
        f"<p>{count(counts.total(), 'commitment')} in all: see the "
        f'<a href="{page.href("commitments/")}">overview</a> and the '
        f'<a href="{page.href("timeline/")}">timeline</a>.</p>',
        _scorecard(page, site),
        _coverage(site),
        '<h2 id="data">The data</h2>',
        f"<p>Version {text(info.version)}, last updated {text(site.dataset.last_updated)}, "
        f"published under {text(info.licence.title)}. "
        f'<a href="{page.href("downloads/")}">Download it</a> as JSON, CSV, SQLite or a '
        "Frictionless data package.</p>",
    ]
    parts.append(page.citation_list())
    return [("index.md", markdown_page(info.title, "\n".join(parts), info.description))]
