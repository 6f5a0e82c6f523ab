"""Names the site and the datasets generate beside record ids, which no id may take.

A record's id becomes a page (``<collection>/<id>/``), an anchor on the timeline
(``timeline/#<id>``) and a file (``calendar/<id>.ics``, ``data/<collection>/<id>.yaml``). The
generators take the names they add themselves from here, and the id rule refuses them, so a
record can never shadow a generated page, take over an anchor or overwrite a file.
"""

from __future__ import annotations

import re

SITE_DATA_FOLDER = "data"
"""Where the site publishes the dataset files (``data/schema/people.schema.json``)."""
SECTION_INDEX = "index"
"""Each section's index page, ``<collection>/index.md``, beside its record pages."""
SOURCES_ANCHOR = "sources"
"""The heading of a page's numbered source list."""
CITE_ANCHOR = "cite-{number}"
"""Each numbered citation in that list."""
COMBINED_CALENDAR = "commitments"
"""``calendar/commitments.ics``, every commitment's milestones, beside ``calendar/<id>.ics``."""
TIMELINE_KEY = "key"
"""The timeline's legend."""
TIMELINE_YEAR = "year-{year}"
"""Each year's heading on the timeline."""
TIMELINE_COLLECTIONS = ("events", "meetings")
"""Collections whose ids are anchors on the timeline page, beside its own anchors."""
FEED_SITEMAP = "sitemap"
"""``feeds/<collection>/sitemap.xml``, written beside the feeds ``feeds/<collection>/<id>.xml``
of commitments and topics (see ``toolkit/publishing/site/alternates.py``)."""
FEED_COLLECTIONS = ("commitments", "topics")
"""Collections whose records each have a feed of their own."""

_CITE_ANCHORS = re.compile("^" + re.escape(CITE_ANCHOR).replace(r"\{number\}", "[0-9]+") + "$")
_YEAR_ANCHORS = re.compile("^" + re.escape(TIMELINE_YEAR).replace(r"\{year\}", "[0-9]+") + "$")
_WINDOWS_DEVICES = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])$")
"""Names Windows reserves for devices, with any extension: such a file cannot be checked out."""


def reserved_reason(collection: str, record_id: str) -> str | None:
    """Why ``record_id`` cannot be an id in ``collection``, or None when it can."""
    if _WINDOWS_DEVICES.match(record_id):
        return f"'{record_id}' is a device name on Windows, where its file could not be created"
    if record_id == SECTION_INDEX:
        return f"'{record_id}' is the name of the {collection} section's own index page"
    if collection in FEED_COLLECTIONS and record_id == FEED_SITEMAP:
        return f"'{record_id}' is the name of the file beside the {collection} feeds"
    if collection == "commitments" and record_id == COMBINED_CALENDAR:
        return f"'{record_id}' is the name of the calendar that combines every commitment"
    if collection in TIMELINE_COLLECTIONS and (
        record_id in (SOURCES_ANCHOR, TIMELINE_KEY) or _CITE_ANCHORS.match(record_id)
    ):
        return f"'{record_id}' is an anchor the timeline page uses for its key or citations"
    if collection in TIMELINE_COLLECTIONS and _YEAR_ANCHORS.match(record_id):
        return f"'{record_id}' is an anchor the timeline page uses for a year's heading"
    return None
