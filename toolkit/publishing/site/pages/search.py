"""The search page: Pagefind's interface over the index of the page's language, opened by the
search form at the top of every page (its query arrives as ``?q=``)."""

from __future__ import annotations

from toolkit.publishing.site.context import Page, Site
from toolkit.publishing.site.i18n import _
from toolkit.publishing.site.markup import text
from toolkit.publishing.site.pages.common import Generated, markdown_page
from toolkit.publishing.site.search_index import SEARCH_FOLDER

PAGE_PATH = "search/"


def pages(site: Site) -> list[Generated]:
    """The one search page."""
    page = Page(site, PAGE_PATH)
    interface = page.href(f"{SEARCH_FOLDER}/pagefind-ui.js")
    styles = page.href(f"{SEARCH_FOLDER}/pagefind-ui.css")
    script = page.href("assets/search.js")
    note = _(
        "Type a word or a name: the results are the pages in this language that hold it, "
        "best first."
    )
    without = _("The search needs JavaScript; every page is also listed in the menu.")
    body = (
        f"<p data-pagefind-ignore>{note}</p>\n"
        f'<link rel="stylesheet" href="{text(styles)}">\n'
        '<div id="search" class="site-search" data-pagefind-ignore></div>\n'
        f"<noscript><p>{without}</p></noscript>\n"
        f'<script src="{text(interface)}"></script>\n'
        f'<script src="{text(script)}"></script>'
    )
    content = markdown_page(_("Search"), body)
    return [("search.md", content.replace("---\n", "---\nsearch_exclude: true\n", 1))]
