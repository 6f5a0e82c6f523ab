"""The home page: what this is, the latest meeting, commitments by status, the downloads."""

from __future__ import annotations

import re
from collections import Counter

from toolkit.models import Commitment, Meeting
from toolkit.models.dataset_info import DatasetInfo
from toolkit.publishing.scorecard import snapshot_rows, snapshots
from toolkit.publishing.site.context import Page, Site
from toolkit.publishing.site.i18n import SOURCE_LANGUAGE, _, current_language, n_, partial_date
from toolkit.publishing.site.markup import EnglishText, FrenchText, paragraphs, prose, text
from toolkit.publishing.site.pages.common import Generated, date_span, markdown_page, status_badge
from toolkit.publishing.site.pages.score_chart import distribution_chart
from toolkit.publishing.site.pages.scorecard import (
    capitalised,
    evidence_reach,
    snapshot_title,
)

_SENTENCE_END = re.compile(r"(?<=[a-zà-ÿ0-9)\"”»][.!?])\s+(?=[A-ZÀ-Ý“\"«])")


def first_sentence(summary: str) -> str:
    """The summary's first sentence, enough for an overview; the commitment's page has the rest.
    A full stop after a capital (an initial, as in "Dinesh K. Patnaik") does not end it. The
    sentence keeps the language marking of the summary it is cut from."""
    first = _SENTENCE_END.split(summary, maxsplit=1)[0]
    if isinstance(summary, FrenchText):
        return FrenchText(first, summary.status)
    if isinstance(summary, EnglishText):
        return EnglishText(first)
    return first


def in_english(html: str) -> str:
    """The dataset's own description (``dataset.yaml``, written in English only), marked as
    English on another language's page."""
    if current_language() == SOURCE_LANGUAGE:
        return html
    return f'<div lang="{SOURCE_LANGUAGE}">{html}</div>'


def description_in_language(info: DatasetInfo) -> str:
    """The dataset's description in the page's language where ``dataset.yaml`` gives it."""
    return info.translated("description").get(current_language(), info.description)


def described_in_language(info: DatasetInfo) -> str:
    """The description's paragraphs, in the page's language, or marked as English."""
    given = info.translated("description")
    if current_language() in given:
        return paragraphs(given[current_language()])
    return in_english(paragraphs(info.description))


def dataset_title(title: str) -> str:
    """The dataset's title as the page's language names it: the site's name, which the
    catalogues translate, when the dataset is titled with it; otherwise its English."""
    translated = _(title)
    if translated != title or current_language() == SOURCE_LANGUAGE:
        return translated
    return EnglishText(title)


def _commitments(page: Page, site: Site) -> str:
    """Each commitment with its status and the first sentence of its newest assessment, newest
    meeting first."""
    items = [
        f"<li>{page.link('commitments', c.id)} {status_badge(c.current_status)}"
        + "<br>"
        + _("{date}: {summary}").format(
            date=text(partial_date(c.current.date)),
            summary=prose(first_sentence(c.current.summary)),
        )
        + f"{page.cite(c.current.sources)}</li>"
        for c in sorted(site.of(Commitment), key=lambda c: (c.meeting, c.id), reverse=True)
    ]
    return f'<ul class="commitment-list">{"".join(items)}</ul>' if items else ""


def _scorecard(page: Page, site: Site) -> str:
    """Each snapshot's scores per party at a glance, with the date its evidence reaches."""
    parts = []
    for number, snapshot in enumerate(snapshots(site.dataset)):
        rows = snapshot_rows(site.dataset, snapshot)
        name = snapshot_title(snapshot, partial_date(snapshot.cutoff.isoformat()))
        reach = evidence_reach(rows)
        title = capitalised(name)
        if snapshot.provisional:
            title = _("{snapshot}, provisional").format(snapshot=title)
        parts.append(
            f"<h3>{text(title)}</h3>"
            + (
                "<p>" + _("Evidence through {date}.").format(date=date_span(reach)) + "</p>"
                if reach
                else ""
            )
            + distribution_chart(
                rows, f"h{number}", _("Scores by party, {snapshot}").format(snapshot=name)
            )
        )
    if not parts:
        return ""
    heading = _("Scorecard")
    link = f'<a href="{page.href("scorecard/")}">' + _("scorecard") + "</a>"
    return (
        f'<h2 id="scorecard">{heading}</h2>'
        + "".join(parts)
        + "<p>"
        + _("Every score with its basis and reading: the {scorecard}.").format(scorecard=link)
        + "</p>"
    )


def _coverage(site: Site) -> str:
    """How far the record reaches: when the sources were searched, and the newest date found."""
    coverage = site.dataset.info.coverage
    if coverage is None:
        return ""
    heading = _("How far the record reaches")
    reach = _("Sources last searched on {searched}; the material found reaches {through}.")
    return (
        f'<h2 id="coverage">{heading}</h2>'
        "<p>"
        + reach.format(searched=date_span(coverage.searched), through=date_span(coverage.through))
        + "</p>"
        + in_english(paragraphs(coverage.note))
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
    total = counts.total()
    overview = f'<a href="{page.href("commitments/")}">' + _("overview") + "</a>"
    timeline = f'<a href="{page.href("timeline/")}">' + _("timeline") + "</a>"
    download = f'<a href="{page.href("downloads/")}">' + _("Download it") + "</a>"
    headings = {
        "latest-meeting": _("Latest meeting"),
        "commitments": _("Commitments by current status"),
        "data": _("The data"),
    }
    described = described_in_language(info)
    parts = [
        described,
        f'<h2 id="latest-meeting">{headings["latest-meeting"]}</h2>',
        f"<p>{page.link('meetings', latest.id)} — {text(partial_date(latest.date))}, "
        f"{text(latest.location.city)}</p>"
        if latest
        else "<p>" + _("No meeting recorded yet.") + "</p>",
        f'<h2 id="commitments">{headings["commitments"]}</h2>',
        f'<ul class="figures">{figures}</ul>',
        _commitments(page, site),
        "<p>"
        + n_(
            "{count} commitment in all: see the {overview} and the {timeline}.",
            "{count} commitments in all: see the {overview} and the {timeline}.",
            total,
        ).format(count=total, overview=overview, timeline=timeline)
        + "</p>",
        _scorecard(page, site),
        _coverage(site),
        f'<h2 id="data">{headings["data"]}</h2>',
        "<p>"
        + _(
            "Version {version}, last updated {date}, published under {licence}. {download} as "
            "JSON, CSV, SQLite or a Frictionless data package."
        ).format(
            version=text(info.version),
            date=text(partial_date(site.dataset.last_updated)),
            licence=prose(EnglishText(info.licence.title)),
            download=download,
        )
        + "</p>",
    ]
    parts.append(page.citation_list())
    return [
        (
            "index.md",
            markdown_page(
                dataset_title(info.title), "\n".join(parts), description_in_language(info)
            ),
        )
    ]
