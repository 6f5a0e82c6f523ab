"""A page at every retired address: a record renamed or merged keeps its old page's address,
which sends readers (and search engines, through the canonical link) to the record's page now.

The pages are plain HTML written into the built site, not themed pages: they carry nothing but
the way on, and the site's search does not list them. Events have none: they are anchors on
the timeline, which no static page can redirect; ``redirects.json`` names them."""

from __future__ import annotations

import html
from pathlib import Path

from toolkit.models import COLLECTIONS, page_path
from toolkit.publishing.dataset import Dataset
from toolkit.publishing.files import write_text


def redirect_page(collection: str, old: str, new: str, date: str, site_url: str = "") -> str:
    """The HTML at ``<collection>/<old>/``, leading to ``<collection>/<new>/``; the canonical
    link is absolute when the site's address is known, as search engines prefer."""
    target = html.escape(f"../{new}/", quote=True)
    canonical = html.escape(f"{site_url}{collection}/{new}/" if site_url else f"../{new}/")
    shown = html.escape(f"{collection}/{new}")
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Moved to {shown}</title>\n"
        f'<link rel="canonical" href="{canonical}">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        "</head>\n<body>\n"
        f"<p>This record's id was changed on {html.escape(date)}; it is now at "
        f'<a href="{target}">{shown}</a>.</p>\n'
        "</body>\n</html>\n"
    )


def write_redirect_pages(dataset: Dataset, site_dir: Path) -> None:
    """A redirect page at the old address of every retired id whose collection has pages."""
    for redirect in dataset.redirects:
        if not COLLECTIONS[redirect.collection].has_pages():
            continue  # events are anchors on the timeline: the crosswalk names them
        folder = site_dir / page_path(redirect.collection, redirect.old)
        content = redirect_page(
            redirect.collection, redirect.old, redirect.new, redirect.date, dataset.site_url
        )
        write_text(folder / "index.html", content)
