"""The validated dataset, ready to publish: records sorted by id, as JSON-ready values.

The records are held as JSON text, one string of bytes each: a fifth of the memory of the
models, which is what lets a build hold 100,000 records in well under a gigabyte. Models and
plain values are made from it when an exporter or a page asks, one collection at a time.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from toolkit.checking.validate import CheckedData
from toolkit.models import COLLECTIONS, Record
from toolkit.models.changelog import Changelog
from toolkit.models.dataset_info import DatasetInfo
from toolkit.models.redirects import Redirect
from toolkit.publishing.bilingual import as_objects, with_french_columns
from toolkit.publishing.publication import Publication
from toolkit.publishing.tables import collection_tables, table_rows

Encoded = dict[str, list[bytes]]
"""Each collection's records as JSON, sorted by id."""
V = TypeVar("V")


class _EncodedView(Mapping[str, V]):
    """A view of each collection's JSON texts: knows its collections without decoding any."""

    def __init__(self, encoded: Encoded) -> None:
        self._encoded = encoded

    def __iter__(self) -> Iterator[str]:
        return iter(self._encoded)

    def __len__(self) -> int:
        return len(self._encoded)

    def __contains__(self, name: object) -> bool:
        return name in self._encoded  # without making or decoding the collection


class RecordModels(_EncodedView[list[Record]]):
    """Each collection's models, made from their JSON the first time the collection is asked
    for and kept (pages and the scorecard read them many times)."""

    def __init__(self, encoded: Encoded) -> None:
        super().__init__(encoded)
        self._made: dict[str, list[Record]] = {}

    def __getitem__(self, name: str) -> list[Record]:
        if name not in self._made:
            self._made[name] = list(self.one_by_one(name))
        return self._made[name]

    def one_by_one(self, name: str) -> Iterator[Record]:
        """The collection's models in order, each made as it is reached and let go after,
        for a reader that passes once (the made list, if another reader asked for it)."""
        if name in self._made:
            yield from self._made[name]
            return
        model = COLLECTIONS[name]
        for text in self._encoded[name]:
            yield model.model_validate_json(text)


Reshape = Callable[[str, dict[str, Any]], dict[str, Any]]
"""A change made to each freshly decoded record of a collection
(``toolkit.publishing.bilingual``)."""


def _as_stored(collection: str, document: dict[str, Any]) -> dict[str, Any]:
    return document


class RecordDocuments(_EncodedView[list[dict[str, Any]]]):
    """Each collection's records as plain JSON values, decoded when asked for, each reshaped by
    ``reshape`` (as stored, by default). Only the last collection asked for is kept: exporters
    read one collection at a time, often table after table of it, and holding every collection
    decoded would cost as much as the models. The lists are for reading: a change to one is lost
    once another collection is asked for."""

    def __init__(self, encoded: Encoded, reshape: Reshape = _as_stored) -> None:
        super().__init__(encoded)
        self._reshape = reshape
        self._last: tuple[str, list[dict[str, Any]]] | None = None

    def __getitem__(self, name: str) -> list[dict[str, Any]]:
        if self._last is None or self._last[0] != name:
            self._last = None  # let the previous collection go before decoding the next
            decoded = [self._reshape(name, json.loads(text)) for text in self._encoded[name]]
            self._last = (name, decoded)
        return self._last[1]


@dataclass
class Dataset:
    """Every valid record by collection (in a fixed order), and the dataset's description."""

    info: DatasetInfo
    encoded: Encoded = field(default_factory=dict)
    """Each collection's records as JSON (model field order, absent fields left out)."""
    changelog: Changelog | None = None
    """The releases so far, when the data folder records them."""
    site_url: str = ""
    """The address the site (with the datasets under ``data/``) is published at, when this
    build publishes one: the schemas' ``$id`` are their addresses there."""
    publication: Publication = field(default_factory=Publication)
    """The repository the releases' archives are attached to, and what it reports of them."""
    redirects: list[Redirect] = field(default_factory=list)
    """Ids retired by a rename or a merge (``data/redirects.yaml``), and what they lead to."""

    @classmethod
    def from_checked(cls, checked: CheckedData) -> Dataset:
        """The dataset of a clean validation run that kept its records (``keep_records``)."""
        assert checked.info is not None and checked.report.ok
        by_id: dict[str, list[tuple[str, bytes]]] = {name: [] for name in COLLECTIONS}
        for record in checked.records:
            assert record.id is not None and record.document is not None
            by_id[record.collection].append((record.id, record.document))
        encoded = {name: [text for _, text in sorted(pairs)] for name, pairs in by_id.items()}
        retired = checked.redirects.redirects if checked.redirects else []
        return cls(checked.info, encoded, checked.changelog, redirects=list(retired))

    @cached_property
    def records(self) -> RecordModels:
        """Each collection's models, sorted by id."""
        return RecordModels(self.encoded)

    @cached_property
    def documents(self) -> Mapping[str, list[dict[str, Any]]]:
        """Each collection's records as JSON values: model field order, absent fields left out."""
        return RecordDocuments(self.encoded)

    @cached_property
    def published(self) -> Mapping[str, list[dict[str, Any]]]:
        """Each collection's records as the published JSON gives them: the record's own words
        as ``{"en", "fr"}`` objects."""
        return RecordDocuments(self.encoded, as_objects)

    @cached_property
    def tabulated(self) -> Mapping[str, list[dict[str, Any]]]:
        """Each collection's records as the tables read them: each translated field's French in
        a ``_fr`` key beside it."""
        return RecordDocuments(self.encoded, with_french_columns)

    @cached_property
    def counts(self) -> dict[str, int]:
        """How many records each collection holds."""
        return {name: len(texts) for name, texts in self.encoded.items()}

    @cached_property
    def last_updated(self) -> str:
        """The newest date any record carries (a status, a note, a publication): the data's
        own date, so rebuilding unchanged data gives the same files on any day."""
        newest = ""
        for name, documents in self.documents.items():
            for table in collection_tables(name):
                dated = [i for i, column in enumerate(table.columns) if column.is_date]
                if not dated:
                    continue
                for row in table_rows(table, documents):
                    newest = max([newest, *(str(row[i]) for i in dated if row[i])])
        return newest
