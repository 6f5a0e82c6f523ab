"""The changes page (every release, newest first) and the Atom feed beside it."""

from __future__ import annotations

from toolkit.history.changelog_report import (
    atom_feed,
    release_sections,
    release_summary,
    status_text,
)
from toolkit.models.changelog import ReleasedChange
from toolkit.publishing.site.context import Page, Site
from toolkit.publishing.site.markup import text
from toolkit.publishing.site.pages.common import Generated, markdown_page

FEED_PATH = "feed.xml"


def pages(site: Site) -> list[Generated]:
    """The changes page and ``feed.xml``."""
    dataset = site.dataset
    page = Page(site, "changes/")
    changelog = dataset.changelog
    body = [
        f'<p>New records and status changes are also in the <a href="{page.href(FEED_PATH)}">'
        "Atom feed</a>. <code>toolkit diff</code> compares any two versions field by field.</p>"
    ]
    for release in changelog.releases if changelog else []:
        body.append(
            f'<h2 id="v{text(release.version)}">{text(release.version)} '
            f"<small><time>{text(release.date)}</time></small></h2>"
        )
        if release.summary:
            body.append(f"<p>{text(release.summary)}</p>")
        body.append(f"<p>{text(release_summary(release))}</p>")
        for title, items, of_status in release_sections(release):
            body.append(f"<h3>{text(title)}</h3>")
            body.append(_list(page, items, with_status=of_status))
    if changelog is None:
        body.append("<p>No release has been recorded yet.</p>")
    feed = atom_feed(dataset.info, changelog, site.site_url)
    return [("changes.md", markdown_page("Changes", "\n".join(body))), (FEED_PATH, feed)]


def _list(page: Page, changes: list[ReleasedChange], *, with_status: bool) -> str:
    items = []
    for change in changes:
        known = change.id in page.site.by_id.get(change.collection, {})
        label = page.link(change.collection, change.id) if known else text(change.title)
        extra = f": {text(status_text(change))}" if with_status else ""
        if change.fields and not with_status:
            extra = f" <small>({text(', '.join(change.fields))})</small>"
        items.append(f"<li>{label}{extra}</li>")
    return "<ul>" + "".join(items) + "</ul>"
