"""What every page generator needs: the records, cross-indexes, page URLs and citations."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar, cast

from toolkit.foundation.naming import record_title
from toolkit.foundation.reserved import CITE_ANCHOR, SITE_DATA_FOLDER, SOURCES_ANCHOR
from toolkit.models import COLLECTIONS, Commitment, Meeting, Record, Source, page_path
from toolkit.models.base import Statement
from toolkit.publishing.dataset import Dataset
from toolkit.publishing.site.i18n import SOURCE_LANGUAGE, _, current_language, n_, partial_date
from toolkit.publishing.site.localising import in_language
from toolkit.publishing.site.markup import (
    external_link,
    in_own_language,
    internal_link,
    prose,
    text,
)
from toolkit.reading.references import references_in

RecordT = TypeVar("RecordT", bound=Record)

SHARED_PATHS = (f"{SITE_DATA_FOLDER}/", "feeds/", "feed.xml", "pagefind/")
"""Site paths published once, in the English site, for every language's pages."""


def collection_title(collection: str) -> str:
    """A collection's name for readers, as its model declares it."""
    return COLLECTIONS[collection].title_plural


def relative(from_url: str, to_url: str) -> str:
    """A relative link between two site paths such as ``meetings/x/`` and ``people/y/``."""
    path, _, anchor = to_url.partition("#")
    target = posixpath.relpath(path or ".", from_url or ".")
    if not path or path.endswith("/"):
        target = "./" if target == "." else f"{target}/"
    return f"{target}#{anchor}" if anchor else target


def language_root_path(to_url: str) -> str:
    """A site path as seen from the root of the current language's site: the same path, but
    one folder up for what only the English site at the root publishes (``SHARED_PATHS``)."""
    if current_language() != SOURCE_LANGUAGE and to_url.startswith(SHARED_PATHS):
        return "../" + to_url
    return to_url


@dataclass
class Site:
    """The dataset with the lookups pages need: by id, and who points at whom."""

    dataset: Dataset

    @property
    def site_url(self) -> str:
        """The published site's address, ending in ``/`` (mkdocs.yml's ``site_url``), for what
        must link absolutely (the feed); ``""`` where pages link relatively only."""
        return self.dataset.site_url

    @cached_property
    def records(self) -> Mapping[str, list[Record]]:
        """Every record by collection, as the current language shows it: with its French
        versions in place on the French site (``localising``)."""
        language = current_language()
        if language == SOURCE_LANGUAGE:
            return self.dataset.records
        return {
            name: [in_language(record, language) for record in records]
            for name, records in self.dataset.records.items()
        }

    def of(self, model: type[RecordT]) -> list[RecordT]:
        """Every record of one type, sorted by id."""
        return cast(list[RecordT], self.records[model.collection])

    def get(self, collection: str, record_id: str) -> Any:
        """A record by collection and id (references were checked, so it exists)."""
        return self.by_id[collection][record_id]

    @cached_property
    def by_id(self) -> dict[str, dict[str, Any]]:
        """Every record by collection and id."""
        return {
            name: {record.id: record for record in records}
            for name, records in self.records.items()
        }

    @cached_property
    def cited_by(self) -> dict[str, list[tuple[str, str]]]:
        """For each source id, the (collection, id) of every record that cites it."""
        citing: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for name, documents in self.dataset.documents.items():
            for document in documents:
                for reference in references_in(name, document):
                    if reference.collections == ("sources",):
                        citing[reference.target].add((name, document["id"]))
        return {source: sorted(records) for source, records in citing.items()}

    @cached_property
    def commitments_by_meeting(self) -> dict[str, list[Commitment]]:
        """Commitments grouped by the meeting where they were made."""
        grouped: dict[str, list[Commitment]] = defaultdict(list)
        for commitment in self.of(Commitment):
            grouped[commitment.meeting].append(commitment)
        return grouped

    @cached_property
    def later_rounds(self) -> dict[str, list[Meeting]]:
        """For each meeting, the rounds whose ``previous`` points at it."""
        later: dict[str, list[Meeting]] = defaultdict(list)
        for meeting in self.of(Meeting):
            if meeting.previous:
                later[meeting.previous].append(meeting)
        return later

    def title_of(self, collection: str, record_id: str) -> str:
        """How a record is named in links (``toolkit.foundation.naming``)."""
        return record_title(self.get(collection, record_id))


@dataclass
class Page:
    """One generated page: where it lives, and the footnote-style citations it makes."""

    site: Site
    url: str
    cited: list[str] = field(default_factory=list)

    def link(self, collection: str, record_id: str, label: str | None = None) -> str:
        """A link to a record's page, labelled with its title unless told otherwise."""
        href = relative(self.url, page_path(collection, record_id))
        return internal_link(href, label or self.site.title_of(collection, record_id))

    def href(self, to_url: str) -> str:
        """A relative link from this page to another site path. The dataset files and feeds
        are published once, in the English site at the root: another language's pages reach
        them one folder up."""
        return relative(self.url, language_root_path(to_url))

    def origins(self, sources: list[str] | tuple[str, ...]) -> str:
        """How many reports and independent origins, e.g. "4 reports, 2 origins: ANI, IANS"."""
        found = sorted({self.site.get("sources", source).origin for source in sources})
        reports = n_("{count} report", "{count} reports", len(sources)).format(count=len(sources))
        count = n_("{count} origin", "{count} origins", len(found)).format(count=len(found))
        return _("{reports}, {origins}: {names}").format(
            reports=reports, origins=count, names=", ".join(found)
        )

    def statements(self, statements: list[Statement]) -> str:
        """A record's statements as one paragraph, each followed by its own citation markers."""
        said = " ".join(f"{prose(s.text)}{self.cite(s.sources)}" for s in statements)
        return f"<p>{said}</p>" if said else ""

    def cite(self, sources: list[str] | tuple[str, ...]) -> str:
        """Footnote markers ``[1][2]`` for the sources, numbered in order of first use; where
        there are several, the group says how many independent origins they come from."""
        markers = []
        for source in sources:
            if source not in self.cited:
                self.cited.append(source)
            number = self.cited.index(source) + 1
            tooltip = text(self.site.title_of("sources", source))
            anchor = CITE_ANCHOR.format(number=number)
            markers.append(f'<a href="#{anchor}" title="{tooltip}">[{number}]</a>')
        if not markers:
            return ""
        origins = f' title="{text(self.origins(sources))}"' if len(sources) > 1 else ""
        return f'<sup class="cite"{origins}>{"".join(markers)}</sup>'

    def citation_list(self) -> str:
        """The numbered list of every source cited on the page, with links to read them."""
        if not self.cited:
            return ""
        items = [self._citation(number, source) for number, source in enumerate(self.cited, 1)]
        origins = (
            f'<p class="origins">{text(self.origins(self.cited))} '
            + _("(outlets carrying one agency's copy count as one origin).")
            + "</p>\n"
            if len(self.cited) > 1
            else ""
        )
        heading = _("Sources")
        return (
            f'<h2 id="{SOURCES_ANCHOR}">{heading}</h2>\n{origins}<ol class="citations">\n'
            + "\n".join(items)
            + "\n</ol>"
        )

    def _citation(self, number: int, source_id: str) -> str:
        source: Source = self.site.get("sources", source_id)
        parts = [text(source.publisher)]
        if source.agency:
            parts.append(f"({text(source.agency)})")
        if source.title:
            parts.append(f"“{in_own_language(source.title, source.language)}”")
        if source.published:
            parts.append(text(partial_date(source.published)))
        details = " ".join(parts)
        return (
            f'<li id="{CITE_ANCHOR.format(number=number)}">{details}. '
            + external_link(source.url, _("Read"))
            + " · "
            + self.link("sources", source_id, _("About this source"))
            + "</li>"
        )
