"""A record's page names its JSON: in the page head (``<link rel="alternate"
type="application/json">``, printed by the theme override from the front matter key
``alternate_json``) and at the foot of the page, so programs and readers both find the record's
own file under ``data/records/``."""

from __future__ import annotations

from pathlib import Path

from toolkit.foundation.reserved import FEED_SITEMAP, SITE_DATA_FOLDER
from toolkit.publishing.exporters.record_files import RECORDS_FOLDER, record_file
from toolkit.publishing.site.context import Page, Site
from toolkit.publishing.site.feeds import FEEDS_FOLDER
from toolkit.publishing.site.i18n import _
from toolkit.publishing.site.pages.common import with_alternate_link

FRONT_MATTER_KEY = "alternate_json"


def with_json_alternate(site: Site, collection: str, record_id: str, content: str) -> str:
    """The generated page ``content`` of a record, with its JSON file linked."""
    return with_alternate_link(
        Page(site, f"{collection}/{record_id}/"),
        content,
        FRONT_MATTER_KEY,
        f"{SITE_DATA_FOLDER}/{record_file(collection, record_id)}",
        "application/json",
        _("This record as JSON"),
        "record-json",
    )


EMPTY_SITEMAP = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n'
)


def write_alternate_sitemaps(site_dir: Path) -> None:
    """An empty ``sitemap.xml`` wherever the theme's script will ask for one.

    The script reads every ``<link rel="alternate">`` as a translation of the page and asks
    for ``sitemap.xml`` beside it: beside the record files and record feeds of each collection,
    and in the folder of every page, which names its language versions (``hreflang``). Without
    one, each page logs failed requests in the reader's console. The empty sitemap answers
    that request and names no page; a sitemap mkdocs wrote (at each language's root) is kept.
    It is written into the site only, never into the datasets."""
    folders = [
        folder
        for parent in (site_dir / SITE_DATA_FOLDER / RECORDS_FOLDER, site_dir / FEEDS_FOLDER)
        for folder in (sorted(parent.iterdir()) if parent.is_dir() else [])
    ]
    folders += sorted(page.parent for page in site_dir.rglob("index.html"))
    for folder in folders:
        sitemap = folder / f"{FEED_SITEMAP}.xml"
        if folder.is_dir() and not folder.is_symlink() and not sitemap.exists():
            sitemap.write_text(EMPTY_SITEMAP, encoding="utf-8")
