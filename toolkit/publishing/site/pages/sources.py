"""Source pages: the citation details and every record that cites the source."""

from __future__ import annotations

from toolkit.foundation.languages import language_name
from toolkit.models import Source, page_path
from toolkit.publishing.site.context import Page, Site, collection_title
from toolkit.publishing.site.markup import external_link, label, text
from toolkit.publishing.site.pages.common import (
    SOURCE_BOOST,
    Generated,
    facts,
    index_table,
    markdown_page,
    speaker,
)


def pages(site: Site) -> list[Generated]:
    """One page per source, and the section index."""
    sources = site.of(Source)
    generated = [(f"sources/{s.id}.md", source_page(site, s)) for s in sources]
    page = Page(site, "sources/")
    rows = [
        [
            page.link("sources", s.id, s.title or s.publisher),
            text(s.publisher),
            text(s.published or ""),
            label(s.account),
            str(len(site.cited_by.get(s.id, []))),
        ]
        for s in sources
    ]
    table = index_table(["Source", "Publisher", "Published", "Account", "Cited by"], rows)
    return [*generated, ("sources/index.md", markdown_page("Sources", table))]


def _passages(page: Page, source: Source) -> str:
    """The stored passages, so a reader can check each quote against the page's own words."""
    if not source.passages:
        return ""
    read = f" on {text(source.accessed)}" if source.accessed else ""
    items = "".join(
        f"<blockquote><p>{text(passage.text)}</p></blockquote>" for passage in source.passages
    )
    return (
        f'<h2 id="passages">Passages</h2>\n<p>Copied exactly from the page as read{read}; '
        f"every quote that cites this source appears in one of them.</p>\n{items}"
    )


def untitled_name(source: Source) -> str:
    """How a source without a known headline is named on its page: its publisher and date, as
    a citation would name it, rather than its id."""
    return f"{source.publisher}, {source.published}" if source.published else source.publisher


def source_page(site: Site, source: Source) -> str:
    """The page of one source."""
    page = Page(site, page_path("sources", source.id))
    citing = site.cited_by.get(source.id, [])
    listing = "".join(
        f"<li>{text(collection_title(collection))}: {page.link(collection, record_id)}</li>"
        for collection, record_id in citing
    )
    body = [
        facts(
            [
                ("Publisher", text(source.publisher)),
                ("Agency", text(source.agency or "")),
                ("Title", text(source.title or "")),
                ("Title not given", text(source.title_unseen or "")),
                ("Kind", label(source.kind)),
                ("Account", label(source.account)),
                ("Published", text(source.published or "")),
                ("Accessed", text(source.accessed or "")),
                ("Language", text(language_name(source.language))),
                ("Address", external_link(source.url)),
                ("Archived copy", external_link(source.archive_url) if source.archive_url else ""),
                ("Issued by", speaker(page, source.issued_by)),
                ("Notes", text(source.notes or "")),
            ]
        ),
        _passages(page, source),
        f'<h2 id="cited-by">Cited by</h2>\n<ul>{listing}</ul>' if listing else "",
    ]
    return markdown_page(
        source.title or untitled_name(source),
        "\n".join(p for p in body if p),
        search_boost=SOURCE_BOOST,
    )
