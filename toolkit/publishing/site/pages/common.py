"""Pieces shared by record pages: the page frame, quotes, discrepancies, status labels."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import yaml

from toolkit.models.base import Discrepancy, GovernmentAccount, Quote
from toolkit.models.commitment_terms import CommitmentStatus
from toolkit.publishing.site.context import Page, language_root_path
from toolkit.publishing.site.i18n import N_, _, country, partial_date
from toolkit.publishing.site.markup import in_own_language, label, line, prose, text

Generated = tuple[str, str]
"""A generated page: its path under the docs folder, and its Markdown."""


def markdown_page(
    title: str, body: str, description: str | None = None, *, search_boost: float | None = None
) -> str:
    """A page: YAML front matter, then the heading and body as one raw HTML block.

    The front matter is written by a YAML serialiser in ASCII with every other character
    escaped, so no character of a title can end it early. The theme prints its title and
    description into the page head unescaped, so they are HTML-escaped first. The heading is
    HTML rather than Markdown, so Markdown never reads record text. ``search_boost`` weighs the
    page in the site's search (the theme's ``search.boost``).
    """
    meta = {"title": line(title)}
    if description:
        meta["description"] = line(description)
    front = yaml.safe_dump(
        meta, allow_unicode=False, default_style='"', sort_keys=False, width=_NO_WRAP
    )
    if search_boost is not None:  # a number, which the quoted style above would make a string
        front += f"search:\n  boost: {float(search_boost)}\n"
    contents = table_of_contents(body)
    return (
        f"---\n{front}---\n\n<h1>{prose(title, one_line=True)}</h1>\n\n"
        f'<div class="record">\n{contents}{body}\n</div>\n'
    )


TOC_MIN_SECTIONS = 3
"""A page with this many sections is longer than a screen and opens with their list."""
_SECTION = re.compile(r'<h2 id="([^"<>]+)">(.*?)</h2>')
_TAG = re.compile(r"<[^>]*>")


def table_of_contents(body: str) -> str:
    """ "On this page": a list of the page's own sections, for pages long enough to need one.

    The sections are found in the generated HTML, whose headings the generators write (record
    text in them is already escaped). The theme builds its own list only from Markdown
    headings, which these pages do not use, so that Markdown never reads record text."""
    sections = _SECTION.findall(body)
    if len(sections) < TOC_MIN_SECTIONS:
        return ""
    on_this_page = _("On this page")
    items = "".join(
        f'<li><a href="#{anchor}">{_TAG.sub("", heading)}</a></li>' for anchor, heading in sections
    )
    return (
        f'<nav class="page-toc" aria-label="{on_this_page}" data-search-exclude>'
        f'<p class="page-toc-title">{on_this_page}</p><ol>{items}</ol></nav>\n'
    )


RECORD_BOOST = 2.0
"""A record's own page: what a reader searching for its subject is looking for."""
SOURCE_BOOST = 0.5
"""A source's page: it repeats its headline, which names many subjects in passing."""
REFERENCE_BOOST = 0.1
"""The schema reference and problem codes: for contributors, below every record."""

_NO_WRAP = 1 << 30
"""A line width no front matter reaches: PyYAML would otherwise fold long titles."""


def facts(rows: Sequence[tuple[str, str]]) -> str:
    """A two-column table of labelled facts; values are already-safe HTML."""
    cells = "\n".join(
        f"<tr><th>{text(label)}</th>\n<td>{value}</td></tr>" for label, value in rows if value
    )
    # Left out of the search index: label and value would read as one run of words there
    # ("Statusannounced"); the page's statements say the same in sentences.
    return f'<table class="facts" data-search-exclude>\n{cells}\n</table>'


def speaker(page: Page, speaker_id: str | None) -> str:
    """A person or organisation who spoke or issued something, linked to their page."""
    if speaker_id is None:
        return ""
    collection = "people" if speaker_id in page.site.by_id["people"] else "organizations"
    return page.link(collection, speaker_id)


def accounts(
    page: Page, items: Sequence[GovernmentAccount], parties: Sequence[str], *, level: int = 2
) -> str:
    """Each government's own account side by side, one column per party in the record's own
    order, each column alike; a party with no recorded account says so rather than vanish.
    ``level`` is the heading level of the section (its columns are one below)."""
    if not items and len(parties) < 2:  # two sides to set side by side
        return ""
    columns = []
    for party in dict.fromkeys(parties):
        name = text(country(party))
        given = [account for account in items if account.government == party]
        body = (
            "\n".join(
                f'<p class="account-by">{speaker(page, account.speaker)}'
                + (f", {text(partial_date(account.date))}" if account.date else "")
                + f"</p>\n{page.statements(account.statements)}"
                for account in given
            )
            or "<p>"
            + _("No account by the Government of {country} is recorded.").format(country=name)
            + "</p>"
        )
        columns.append(
            f'<section class="account"><h{level + 1}>'
            + _("{country}’s account").format(country=name)
            + f"</h{level + 1}>\n"
            f"{body}</section>"
        )
    anchor = ' id="accounts"' if level == 2 else ""  # the page's own section
    heading = _("Each government’s account")
    return (
        f"<h{level}{anchor}>{heading}</h{level}>\n"
        f'<div class="accounts">\n{"".join(columns)}\n</div>'
    )


def quotes(page: Page, items: Sequence[Quote]) -> str:
    """Verbatim quotes, each with who said it and the source that printed it."""
    if not items:
        return ""
    blocks = []
    for quote in items:
        said_by = speaker(page, quote.attributed_to)
        source = page.site.get("sources", quote.source)
        printed, language = text(source.publisher), source.language
        credit = (
            _("{speaker}, as printed by {publisher}").format(speaker=said_by, publisher=printed)
            if said_by
            else _("As printed by {publisher}").format(publisher=printed)
        )
        blocks.append(
            f"<blockquote><p>“{in_own_language(quote.text, language)}”</p>"
            f"<footer>— {credit}{page.cite([quote.source])}</footer></blockquote>"
        )
    heading = _("In the sources’ words")
    return f'<h2 id="quotes">{heading}</h2>\n' + "\n".join(blocks)


def discrepancies(page: Page, items: Sequence[Discrepancy], *, titled: bool = True) -> str:
    """Where sources disagree or a claim is unconfirmed, each account with its sources."""
    if not items:
        return ""
    blocks = []
    for note in items:
        label = _("Sources disagree") if note.kind == "conflict" else _("Unconfirmed")
        about = (
            " " + _("on {field}").format(field=f"<code>{text(note.field)}</code>")
            if note.field
            else ""
        )
        claims = "\n".join(
            f"<li>{prose(claim.value)}{page.cite(claim.sources)}"
            + (f"<br><q>{text(claim.quote)}</q>" if claim.quote else "")
            + "</li>"
            for claim in note.claims
        )
        noted = _("noted {date}").format(date=text(partial_date(note.noted)))
        title = f'<p class="admonition-title">{label}{about} ({noted})</p>'
        blocks.append(
            f'<div class="admonition warning discrepancy">{title}\n'
            f"<p>{prose(note.note)}</p>\n<ul>\n{claims}\n</ul></div>"
        )
    heading = _("Where the sources differ")
    title = f'<h2 id="discrepancies">{heading}</h2>\n' if titled else ""
    return title + "\n".join(blocks)


def record_footer(page: Page, record: Any) -> str:
    """The record's own citations, its discrepancies and the numbered source list."""
    cited = (
        '<p class="record-sources">'
        + _("Sources for this record:")
        + f" {page.cite(record.sources)}</p>"
    )
    return "\n".join(
        part
        for part in (
            cited,
            discrepancies(page, getattr(record, "discrepancies", [])),
            page.citation_list(),
        )
        if part
    )


def index_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    sortable: bool = True,
    label: str | None = None,
) -> str:
    """A table of records for a section's index page; cells are already-safe HTML. ``label``
    names its scrolling region for screen readers (by default, from its columns), and must
    differ between tables on one page."""
    head = "\n".join(f"<th>{text(h)}</th>" for h in headers)
    body = "\n".join(  # cells apart, so the search index reads them as separate words
        "<tr>" + "\n".join(f"<td>{_unbroken(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    css = ' class="sortable"' if sortable else ""
    table = f"<table{css}>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"
    # A wide table scrolls in its own box, which the keyboard can reach (tabindex) and a screen
    # reader can name.
    name = text(label or _("Table of {columns}").format(columns=", ".join(headers)))
    return f'<div class="table-scroll" tabindex="0" role="region" aria-label="{name}">{table}</div>'


_DATE = re.compile(r"\d{4}(?:-\d{2}){0,2}")


def _unbroken(cell: str) -> str:
    """A date never breaks across lines ("2026-" / "02-07"); other cells wrap as they need."""
    return f'<span class="date">{cell}</span>' if _DATE.fullmatch(cell) else cell


def status_badge(status: str) -> str:
    """A status as a badge in words ("in progress"), its documented meaning on hover."""
    member = next((m for m in CommitmentStatus if m.value == status), None)
    words = label(member) if member else text(status)
    return f'<span class="status status-{text(status)}">{words}</span>'


SCORE_LABELS = {
    "full": N_("+1 full"),
    "partial": N_("0 partial"),
    "none": N_("−1 none"),
    "too-early": N_("too early"),
}
"""How scores read on the page: the number compliance research uses, then the word."""


BASIS_WORDS = {
    "evidence": N_("reported step"),
    "contrary": N_("reported action against it"),
    "reaffirmation": N_("restated, no step"),
    "no-report": N_("no report found"),
    "too-early": N_("too early to search"),
}
"""How each basis reads beside a score: "−1 none · no report found"."""


def score_badge(score: str, basis: str | None = None) -> str:
    """A compliance score as a labelled badge, with what it rests on when known. A −1 resting on
    silence looks different from a reported failure (``score-silence``) and says so in words."""
    words = _(SCORE_LABELS.get(score, score))
    css = f"score score-{text(score)}"
    if basis is not None and basis != score:  # "too early · too early to search" says it twice
        words += " · " + _(BASIS_WORDS.get(basis, basis))
        if basis == "no-report":
            css += " score-silence"
    return f'<span class="{css}">{text(words)}</span>'


def with_alternate_link(
    page: Page, content: str, key: str, target: str, media_type: str, label: str, css: str
) -> str:
    """A generated page with another form of it linked: ``target`` (a site path) under the
    front matter ``key``, which the theme override prints as ``<link rel="alternate">`` in the
    head, and as a link at the foot of the page for readers."""
    if not content.startswith("---\n"):
        raise ValueError(f"the page {page.url} has no front matter")
    end = content.index("\n---\n", 3) + 1
    entry = yaml.safe_dump(
        {key: language_root_path(target)}, default_style='"', allow_unicode=False
    )
    foot = (
        f'\n<p class="{css}"><a href="{text(page.href(target))}" type="{text(media_type)}">'
        f"{text(label)}</a></p>\n"
    )
    return content[:end] + entry + content[end:] + foot


def date_span(value: str) -> str:
    """A date as the page's language writes it, kept on one line."""
    return f'<span class="date">{text(partial_date(value))}</span>'


def date_cell(value: str | None) -> str:
    """A date in a sortable table, as the page's language writes it, on one line. Where that is
    not the ISO form (which the table sorts as it reads), the ISO form is its sorting key
    (``data-sort``)."""
    if not value:
        return ""
    written = partial_date(value)
    if written == value:
        return date_span(value)
    return f'<span class="date" data-sort="{text(value)}">{text(written)}</span>'
