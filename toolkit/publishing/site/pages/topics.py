"""Topic pages: what a topic covers and the commitments about it."""

from __future__ import annotations

from toolkit.models import Commitment, Topic, page_path
from toolkit.publishing.site.context import Page, Site
from toolkit.publishing.site.i18n import _
from toolkit.publishing.site.markup import text
from toolkit.publishing.site.pages.common import (
    RECORD_BOOST,
    Generated,
    facts,
    index_table,
    markdown_page,
    record_footer,
    status_badge,
)


def pages(site: Site) -> list[Generated]:
    """One page per topic, and the section index."""
    topics = site.of(Topic)
    generated = [(f"topics/{t.id}.md", topic_page(site, t)) for t in topics]
    page = Page(site, "topics/")
    rows = [[page.link("topics", t.id), str(len(_commitments(site, t.id)))] for t in topics]
    index = markdown_page(_("Topics"), index_table([_("Topic"), _("Commitments")], rows))
    return [*generated, ("topics/index.md", index)]


def _commitments(site: Site, topic_id: str) -> list[str]:
    return [c.id for c in site.of(Commitment) if topic_id in c.topics]


def topic_page(site: Site, topic: Topic) -> str:
    """The page of one topic."""
    page = Page(site, page_path("topics", topic.id))
    narrower = [t.id for t in site.of(Topic) if t.parent == topic.id]
    commitments = _commitments(site, topic.id)
    heading = _("Commitments")
    body = [
        facts(
            [
                (_("Also called"), "; ".join(text(a) for a in topic.aliases)),
                (_("Part of"), page.link("topics", topic.parent) if topic.parent else ""),
                (_("Includes"), ", ".join(page.link("topics", t) for t in narrower)),
            ]
        ),
        page.statements(topic.statements),
        f'<h2 id="commitments">{heading}</h2>\n<ul>'
        + "".join(
            f"<li>{page.link('commitments', c)} "
            f"{status_badge(site.get('commitments', c).current_status)}</li>"
            for c in commitments
        )
        + "</ul>"
        if commitments
        else "",
        record_footer(page, topic),
    ]
    return markdown_page(
        topic.name, "\n".join(part for part in body if part), search_boost=RECORD_BOOST
    )
