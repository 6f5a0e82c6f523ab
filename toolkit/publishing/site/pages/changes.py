"""The changes page (every release, newest first) and the Atom feed beside it."""

from __future__ import annotations

from toolkit.history.changelog_report import atom_feed, release_sections
from toolkit.models.changelog import ChangeKind, Release, ReleasedChange
from toolkit.models.commitment_terms import CommitmentStatus
from toolkit.publishing.site.context import Page, Site
from toolkit.publishing.site.i18n import (
    N_,
    SOURCE_LANGUAGE,
    _,
    current_language,
    n_,
    partial_date,
)
from toolkit.publishing.site.markup import EnglishText, label, prose, text
from toolkit.publishing.site.pages.common import Generated, markdown_page

FEED_PATH = "feed.xml"

SECTION_TITLES = (N_("Status changes"), N_("Added"), N_("Removed"), N_("Changed"))
"""The headings ``release_sections`` gives a release's changes, translated where shown."""


def pages(site: Site) -> list[Generated]:
    """The changes page, and ``feed.xml`` in the English site (the feed is the change log's
    words, published once for every language: the other languages' pages link to it)."""
    dataset = site.dataset
    page = Page(site, "changes/")
    changelog = dataset.changelog
    feed_link = f'<a href="{page.href(FEED_PATH)}">' + _("Atom feed") + "</a>"
    body = [
        "<p>"
        + _(
            "New records and status changes are also in the {feed}. "
            "{diff} compares any two versions field by field."
        ).format(feed=feed_link, diff="<code>toolkit diff</code>")
        + "</p>"
    ]
    for release in changelog.releases if changelog else []:
        version, date = text(release.version), text(release.date)
        body.append(
            f'<h2 id="v{version}">{version} '
            f'<small><time datetime="{date}">{text(partial_date(release.date))}</time></small></h2>'
        )
        if release.summary:  # the change log is written in English
            body.append(f"<p>{prose(EnglishText(release.summary))}</p>")
        body.append(f"<p>{text(_summary(release))}</p>")
        for title, items, of_status in release_sections(release):
            body.append(f"<h3>{text(_(title))}</h3>")
            body.append(_list(page, items, with_status=of_status))
    if changelog is None:
        body.append("<p>" + _("No release has been recorded yet.") + "</p>")
    generated = [("changes.md", markdown_page(_("Changes"), "\n".join(body)))]
    if current_language() == SOURCE_LANGUAGE:
        generated.append((FEED_PATH, atom_feed(dataset.info, changelog, site.site_url)))
    return generated


def record_counts(added: int, removed: int, changed: int) -> list[str]:
    """``3 added``, ``1 removed``, ``2 changed``: how many records a release touched."""
    return [
        n_("{count} added", "{count} added", added).format(count=added),
        n_("{count} removed", "{count} removed", removed).format(count=removed),
        n_("{count} changed", "{count} changed", changed).format(count=changed),
    ]


def _summary(release: Release) -> str:
    """``3 records added, 1 removed, 2 changed; 1 status change`` (``release_summary``)."""
    kinds = [str(item.change) for item in release.changes]
    added, removed, changed = (kinds.count(kind) for kind in ChangeKind)
    moved = sum(1 for item in release.changes if item.status is not None)
    records = [
        n_("{count} record added", "{count} records added", added).format(count=added),
        *record_counts(added, removed, changed)[1:],
    ]
    statuses = n_("{count} status change", "{count} status changes", moved).format(count=moved)
    return _("{records}; {statuses}").format(records=", ".join(records), statuses=statuses)


def _status(value: str | None, missing: str) -> str:
    """A status before or after a release: its value on English pages (as the change log
    writes it), its label on the others; ``missing`` where there was none."""
    if not value:
        return text(_(missing))
    member = next((m for m in CommitmentStatus if m.value == value), None)
    if current_language() == SOURCE_LANGUAGE or member is None:
        return text(value)
    return label(member)


def _list(page: Page, changes: list[ReleasedChange], *, with_status: bool) -> str:
    items = []
    for change in changes:
        known = change.id in page.site.by_id.get(change.collection, {})
        shown = (  # a record gone since: its title at the time, in the change log's English
            page.link(change.collection, change.id) if known else prose(EnglishText(change.title))
        )
        if with_status and change.status is not None:
            old = _status(change.status.old, N_("new"))
            new = _status(change.status.new, N_("removed"))
            shown = _("{record}: {status}").format(record=shown, status=f"{old} → {new}")
        elif change.fields and not with_status:
            shown += f" <small>({text(', '.join(change.fields))})</small>"
        items.append(f"<li>{shown}</li>")
    return "<ul>" + "".join(items) + "</ul>"
