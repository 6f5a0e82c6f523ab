"""Pages for a collection that has no page family of its own: each record's facts, statements,
quotes and sources, read from its model, so a new collection is on the site from its first
record and a dedicated page family is a refinement, not a requirement."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from toolkit.models import COLLECTIONS, Record, page_path
from toolkit.models.base import Quote, Statement
from toolkit.models.enums import DocumentedEnum
from toolkit.models.fields import DATE_PATTERN
from toolkit.publishing.site.context import Page, Site, collection_title
from toolkit.publishing.site.i18n import N_, _, partial_date
from toolkit.publishing.site.markup import label, prose, text
from toolkit.publishing.site.pages.common import (
    RECORD_BOOST,
    Generated,
    facts,
    index_table,
    markdown_page,
    quotes,
    record_footer,
)
from toolkit.reading.references import reference_plan

SHOWN_APART = {"id", "statements", "quotes", "sources", "discrepancies"}
"""Fields with a place of their own on the page, not in the facts table."""

FIELD_LABELS = (
    N_("Title"),
    N_("Name"),
    N_("Date"),
    N_("End"),
    N_("Kind"),
    N_("Countries"),
    N_("People"),
    N_("Organizations"),
    N_("Meetings"),
    N_("Topics"),
    N_("Accounts"),
)
"""The field names a record shows as labels (its field's name in words), declared so the French
site can show them in French; a field not listed here shows its name in English."""


def pages(site: Site, collection: str) -> list[Generated]:
    """One page per record of ``collection``, and the section index."""
    records: list[Record] = site.records.get(collection, [])
    generated = [(f"{collection}/{r.id}.md", record_page(site, r)) for r in records]
    page = Page(site, f"{collection}/")
    title = _(collection_title(collection))
    table = index_table([title], [[page.link(collection, r.id)] for r in records])
    return [*generated, (f"{collection}/index.md", markdown_page(title, table))]


def record_page(site: Site, record: Record) -> str:
    """The page of one record: its facts, then what it says, its quotes and its sources."""
    page = Page(site, page_path(record.collection, record.id))
    links = _reference_fields(record.collection)
    rows = [
        (
            _(name.replace("_", " ").capitalize()),
            _value(page, getattr(record, name), links.get(name)),
        )
        for name in type(record).model_fields
        if name not in SHOWN_APART
    ]
    said: list[Statement] = getattr(record, "statements", [])
    quoted: list[Quote] = getattr(record, "quotes", [])
    body = [facts(rows), page.statements(said), quotes(page, quoted), record_footer(page, record)]
    return markdown_page(
        site.title_of(record.collection, record.id),
        "\n".join(p for p in body if p),
        search_boost=RECORD_BOOST,
    )


def _reference_fields(collection: str) -> dict[str, str]:
    """Top-level fields that hold ids, with the collection each points into."""
    return {
        path[0]: collections[0]
        for path, collections in reference_plan(collection)
        if len(path) <= 2 and isinstance(path[0], str) and COLLECTIONS[collections[0]].has_pages()
    }


def _value(page: Page, value: Any, points_to: str | None) -> str:
    """A field's value as safe HTML: ids as links, closed-list values and dates as the page's
    language writes them, lists joined, nested objects left out."""
    if value is None or isinstance(value, BaseModel):
        return ""
    if isinstance(value, list):
        return ", ".join(_value(page, item, points_to) for item in value)
    if points_to is not None:
        return page.link(points_to, str(value))
    if isinstance(value, DocumentedEnum):
        return label(value)
    if isinstance(value, str) and re.fullmatch(DATE_PATTERN, value):
        return text(partial_date(value))
    return prose(value)
