"""Source pages: the citation details and every record that cites the source."""

from __future__ import annotations

from toolkit.foundation.languages import language_name
from toolkit.models import Source, page_path
from toolkit.publishing.site.context import Page, Site, collection_title, relative
from toolkit.publishing.site.i18n import (
    N_,
    _,
    partial_date,
    standard_name,
)
from toolkit.publishing.site.markup import (
    EnglishText,
    external_link,
    in_own_language,
    label,
    prose,
    text,
)
from toolkit.publishing.site.pages.common import (
    SOURCE_BOOST,
    Generated,
    date_cell,
    facts,
    index_table,
    markdown_page,
    speaker,
)

UNLISTED_COLLECTIONS = {"events": N_("Events")}
"""The names of collections that cite sources but have no pages of their own, which the menu
(and so the site's catalogue) does not name: a source's "Cited by" list does."""


def pages(site: Site) -> list[Generated]:
    """One page per source, and the section index."""
    sources = site.of(Source)
    generated = [(f"sources/{s.id}.md", source_page(site, s)) for s in sources]
    page = Page(site, "sources/")
    rows = [
        [
            _link(page, s),
            text(s.publisher),
            date_cell(s.published) if s.published else "",
            label(s.account),
            str(len(site.cited_by.get(s.id, []))),
        ]
        for s in sources
    ]
    headers = [_("Source"), _("Publisher"), _("Published"), _("Account"), _("Cited by")]
    table = index_table(headers, rows)
    return [*generated, ("sources/index.md", markdown_page(_("Sources"), table))]


def _link(page: Page, source: Source) -> str:
    """A link to a source's page by its title, in the source's language, else its publisher."""
    href = text(relative(page.url, page_path("sources", source.id)))
    shown = (
        in_own_language(source.title, source.language) if source.title else text(source.publisher)
    )
    return f'<a href="{href}">{shown}</a>'


def language(code: str) -> str:
    """A language's name in the page's language (ISO 639, as pycountry translates it), the
    code itself when unknown."""
    return standard_name("iso639-3", language_name(code), code)


def _passages(page: Page, source: Source) -> str:
    """The stored passages, so a reader can check each quote against the page's own words."""
    if not source.passages:
        return ""
    copied = (
        _(
            "Copied exactly from the page as read on {date}; every quote that cites this source"
            " appears in one of them."
        ).format(date=text(partial_date(source.accessed)))
        if source.accessed
        else _(
            "Copied exactly from the page as read; every quote that cites this source appears"
            " in one of them."
        )
    )
    items = "".join(
        f"<blockquote><p>{in_own_language(passage.text, source.language)}</p></blockquote>"
        for passage in source.passages
    )
    heading = _("Passages")
    return f'<h2 id="passages">{heading}</h2>\n<p>{copied}</p>\n{items}'


def untitled_name(source: Source) -> str:
    """How a source without a known headline is named on its page: its publisher and date, as
    a citation would name it, rather than its id."""
    if not source.published:
        return source.publisher
    return f"{source.publisher}, {partial_date(source.published)}"


def source_page(site: Site, source: Source) -> str:
    """The page of one source."""
    page = Page(site, page_path("sources", source.id))
    citing = site.cited_by.get(source.id, [])
    listing = "".join(
        "<li>"
        + _("{collection}: {record}").format(
            collection=text(_(UNLISTED_COLLECTIONS.get(collection, collection_title(collection)))),
            record=page.link(collection, record_id),
        )
        + "</li>"
        for collection, record_id in citing
    )
    title = in_own_language(source.title, source.language) if source.title else ""
    unseen = prose(EnglishText(source.title_unseen)) if source.title_unseen else ""
    cited_by = _("Cited by")
    body = [
        facts(
            [
                (_("Publisher"), text(source.publisher)),
                (_("Agency"), text(source.agency or "")),
                (_("Title"), title),
                (_("Title not given"), unseen),
                (_("Kind"), label(source.kind)),
                (_("Account"), label(source.account)),
                (_("Published"), text(partial_date(source.published)) if source.published else ""),
                (_("Accessed"), text(partial_date(source.accessed)) if source.accessed else ""),
                (_("Language"), text(language(source.language))),
                (_("Address"), external_link(source.url)),
                (
                    _("Archived copy"),
                    external_link(source.archive_url) if source.archive_url else "",
                ),
                (_("Issued by"), speaker(page, source.issued_by)),
                (_("Notes"), prose(source.notes or "")),
            ]
        ),
        _passages(page, source),
        f'<h2 id="cited-by">{cited_by}</h2>\n<ul>{listing}</ul>' if listing else "",
    ]
    return markdown_page(
        source.title or untitled_name(source),
        "\n".join(p for p in body if p),
        search_boost=SOURCE_BOOST,
    )
