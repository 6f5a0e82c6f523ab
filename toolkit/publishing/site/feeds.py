"""Told when something changes: an Atom feed per commitment and per topic, beside the
site-wide feed, each linked from its page (in the head, for feed readers, and in the body).

A commitment's feed follows the commitment; a topic's follows the topic and every commitment,
meeting and event that names it now. Entries come from the change log, one per release that
touched a followed record; a topic's feed follows the records that name the topic today, so a
record that stops naming it leaves the topic's feed, earlier entries included."""

from __future__ import annotations

from toolkit.foundation.reserved import FEED_COLLECTIONS
from toolkit.history.changelog_report import followed_feed
from toolkit.models import page_path
from toolkit.publishing.site.context import Page, Site
from toolkit.publishing.site.i18n import _
from toolkit.publishing.site.pages.common import Generated, with_alternate_link

FEEDS_FOLDER = "feeds"


def feed_path(collection: str, record_id: str) -> str:
    """A record's feed on the site: ``feeds/commitments/security-liaison-officers.xml``."""
    return f"{FEEDS_FOLDER}/{collection}/{record_id}.xml"


def followed(site: Site, collection: str, record_id: str) -> set[tuple[str, str]]:
    """The records a feed follows: the record, and for a topic everything naming it."""
    keys = {(collection, record_id)}
    if collection == "topics":
        for other in ("commitments", "meetings", "events"):
            for record in site.dataset.records[other]:
                if record_id in getattr(record, "topics", ()):
                    keys.add((other, record.id))
    return keys


def feeds(site: Site) -> list[Generated]:
    """Every record feed, as (path, XML)."""
    generated = []
    for collection in FEED_COLLECTIONS:
        for record in site.dataset.records[collection]:
            title = getattr(record, "title", None) or getattr(record, "name", record.id)
            generated.append(
                (
                    feed_path(collection, record.id),
                    followed_feed(
                        site.dataset.info,
                        site.dataset.changelog,
                        site.site_url,
                        name=f"{collection}:{record.id}",
                        title=f"changes to {title}",
                        feed_path=feed_path(collection, record.id),
                        page=page_path(collection, record.id),
                        followed=followed(site, collection, record.id),
                    ),
                )
            )
    return generated


FRONT_MATTER_KEY = "alternate_feed"


def with_feed_link(site: Site, collection: str, record_id: str, content: str) -> str:
    """The page of a record that has a feed, with the feed linked in the head (front matter
    ``alternate_feed``, printed by the theme override) and at the foot of the page."""
    return with_alternate_link(
        Page(site, page_path(collection, record_id)),
        content,
        FRONT_MATTER_KEY,
        feed_path(collection, record_id),
        "application/atom+xml",
        _("Follow changes to this record (Atom feed)"),
        "record-feed",
    )
