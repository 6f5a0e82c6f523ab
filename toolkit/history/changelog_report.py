"""The released change log for readers: ``CHANGES.md`` in the datasets, and an Atom feed of new
records and status changes for the site."""

from __future__ import annotations

from xml.etree import ElementTree

from toolkit.foundation.characters import scrub
from toolkit.foundation.dates import earliest
from toolkit.foundation.escaping import markdown_code, markdown_text
from toolkit.history.diff_report import change_counts
from toolkit.models import page_path
from toolkit.models.changelog import ChangeKind, Changelog, Release, ReleasedChange
from toolkit.models.dataset_info import DatasetInfo

FEED_LIMIT = 200
"""Entries in the feed, newest first: enough for any reader catching up on a few releases."""
ATOM = "http://www.w3.org/2005/Atom"
URN = "urn:india-canada-security-dialogue"


def release_summary(release: Release) -> str:
    """``3 records added, 1 removed, 2 changed; 1 status change``."""
    kinds = [str(item.change) for item in release.changes]
    moved = sum(1 for item in release.changes if item.status is not None)
    return change_counts({change: kinds.count(change) for change in ChangeKind}, moved)


def status_text(change: ReleasedChange) -> str:
    """``announced → in-progress`` (``new → announced`` for a new commitment)."""
    assert change.status is not None
    return f"{change.status.old or 'new'} → {change.status.new or 'removed'}"


def scores_text(change: ReleasedChange) -> str:
    """``IN: none → 1, CA: too-early → 0`` (empty when no party's score changed)."""
    return ", ".join(
        f"{score.party}: {score.old or 'none yet'} → {score.new or 'removed'}"
        for score in change.scores
    )


def render_changes(info: DatasetInfo, changelog: Changelog | None) -> str:
    """``CHANGES.md``: every release, newest first, with what it added, removed and changed."""
    lines = [f"# Changes to {markdown_text(info.title)}", ""]
    if changelog is None:
        return "\n".join([*lines, "No release has been recorded yet.", ""])
    for release in changelog.releases:
        lines += [f"## {release.version} ({release.date})", ""]  # both checked by pattern
        if release.summary:
            lines += [markdown_text(release.summary), ""]
        lines += [release_summary(release), ""]
        for title, items, of_status in release_sections(release):
            lines += [f"### {title}", ""]
            for change in items:
                if of_status:
                    lines.append(f"- {_item(change)}: {markdown_text(status_text(change))}")
                else:
                    fields = f"({', '.join(change.fields)})" if change.fields else ""
                    lines.append(f"- {_item(change)} {markdown_text(fields)}".rstrip())
                if change.scores and (of_status or change.status is None):
                    lines[-1] += f"; scores {markdown_text(scores_text(change))}"
            lines.append("")
    return "\n".join(lines)


def release_sections(release: Release) -> list[tuple[str, list[ReleasedChange], bool]]:
    """A release's changes as readers see them: status changes first, then records added,
    removed and changed; each as (heading, changes, whether they are status changes)."""
    moved = [change for change in release.changes if change.status is not None]
    sections = [("Status changes", moved, True)] if moved else []
    for kind, title in (
        (ChangeKind.ADDED, "Added"),
        (ChangeKind.REMOVED, "Removed"),
        (ChangeKind.CHANGED, "Changed"),
    ):
        items = [change for change in release.changes if str(change.change) == kind]
        if items:
            sections.append((title, items, False))
    return sections


def _item(change: ReleasedChange) -> str:
    return f"{markdown_text(change.title)} ({markdown_code(f'{change.collection}/{change.id}')})"


def atom_feed(info: DatasetInfo, changelog: Changelog | None, base_url: str) -> str:
    """An Atom feed with an entry for each record added and each status change, per release.

    ``base_url`` is the site's address (or ``""``, for links relative to the feed's place).
    """
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    _add(feed, "id", f"{URN}:feed")
    _add(feed, "title", f"{info.title}: new records and status changes")
    releases = changelog.releases if changelog else []
    _add(feed, "updated", _timestamp(releases[0].date) if releases else "1970-01-01T00:00:00Z")
    author = ElementTree.SubElement(feed, f"{{{ATOM}}}author")
    _add(author, "name", info.maintainers[0].name)
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=f"{base_url}feed.xml")
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=f"{base_url}changes/")
    entries = 0
    for release in releases:
        for change in release.changes:
            if entries >= FEED_LIMIT:
                break
            if change.change != "added" and change.status is None:
                continue
            entry = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
            what = "status change" if change.change != "added" else "added"
            _add(entry, "id", f"{URN}:release:{release.version}:{change.collection}:{change.id}")
            heading = (
                f"{change.title}: {status_text(change)}"
                if change.change != "added"
                else f"New in {change.collection}: {change.title}"
            )
            _add(entry, "title", heading)
            _add(entry, "updated", _timestamp(release.date))
            _add(entry, "category").set("term", what)
            if change.change != "removed":
                href = base_url + page_path(change.collection, change.id)
                ElementTree.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=href)
            _add(entry, "summary", f"Release {release.version}: {heading}.")
            entries += 1
    ElementTree.indent(feed)
    return ElementTree.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def _add(parent: ElementTree.Element, tag: str, value: str = "") -> ElementTree.Element:
    element = ElementTree.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = scrub(value) or None  # ElementTree writes what XML forbids unchanged
    return element


def _timestamp(date: str) -> str:
    """A release day as an Atom date-time (releases are dated to the day)."""
    return f"{earliest(date).isoformat()}T00:00:00Z"


def followed_feed(
    info: DatasetInfo,
    changelog: Changelog | None,
    base_url: str,
    *,
    name: str,
    title: str,
    feed_path: str,
    page: str,
    followed: set[tuple[str, str]],
) -> str:
    """An Atom feed of one record and those it gathers (a topic's commitments and events):
    an entry for each release that added, removed or changed one of ``followed`` (collection,
    id), saying what moved (fields, status, scores)."""
    ElementTree.register_namespace("", ATOM)
    feed = ElementTree.Element(f"{{{ATOM}}}feed")
    _add(feed, "id", f"{URN}:feed:{name}")
    _add(feed, "title", f"{info.title}: {title}")
    releases = changelog.releases if changelog else []
    matching = [
        (release, change)
        for release in releases
        for change in release.changes
        if (change.collection, change.id) in followed
    ]
    newest = matching[0][0].date if matching else (releases[0].date if releases else None)
    _add(feed, "updated", _timestamp(newest) if newest else "1970-01-01T00:00:00Z")
    author = ElementTree.SubElement(feed, f"{{{ATOM}}}author")
    _add(author, "name", info.maintainers[0].name)
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=f"{base_url}{feed_path}")
    ElementTree.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=f"{base_url}{page}")
    for release, change in matching[:FEED_LIMIT]:
        entry = ElementTree.SubElement(feed, f"{{{ATOM}}}entry")
        _add(entry, "id", f"{URN}:feed:{name}:{release.version}:{change.collection}:{change.id}")
        heading = f"{change.title}: {_what_moved(change)}"
        _add(entry, "title", heading)
        _add(entry, "updated", _timestamp(release.date))
        _add(entry, "category").set("term", str(change.change))
        if change.change != "removed":
            href = base_url + page_path(change.collection, change.id)
            ElementTree.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=href)
        _add(entry, "summary", f"Release {release.version}: {heading}.")
    ElementTree.indent(feed)
    return ElementTree.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def _what_moved(change: ReleasedChange) -> str:
    """``status announced → in-progress; scores IN: too-early → partial`` or the fields."""
    parts = []
    if change.status is not None:
        parts.append(f"status {status_text(change)}")
    if change.scores:
        parts.append(f"scores {scores_text(change)}")
    if not parts:
        kind = str(change.change)
        parts.append(f"{kind} ({', '.join(change.fields)})" if change.fields else kind)
    return "; ".join(parts)
