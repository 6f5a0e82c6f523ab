"""The validated dataset, ready to publish: records sorted by id, as JSON-ready values."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from toolkit.checking.validate import CheckedData
from toolkit.models import COLLECTIONS, Record
from toolkit.models.changelog import Changelog
from toolkit.models.dataset_info import DatasetInfo
from toolkit.publishing.tables import collection_tables, table_rows


@dataclass
class Dataset:
    """Every valid record by collection (in a fixed order), and the dataset's description."""

    info: DatasetInfo
    records: dict[str, list[Record]]
    changelog: Changelog | None = None
    """The releases so far, when the data folder records them."""
    site_url: str = ""
    """The address the site (with the datasets under ``data/``) is published at, when this
    build publishes one: the schemas' ``$id`` are their addresses there."""

    @classmethod
    def from_checked(cls, checked: CheckedData) -> Dataset:
        """The dataset of a clean validation run (its records all have models)."""
        assert checked.info is not None and checked.report.ok
        records: dict[str, list[Record]] = {name: [] for name in COLLECTIONS}
        for record in checked.records:
            assert record.model is not None
            records[record.collection].append(record.model)
        for models in records.values():
            models.sort(key=lambda model: model.id)
        return cls(checked.info, records, checked.changelog)

    @cached_property
    def documents(self) -> dict[str, list[dict[str, Any]]]:
        """Each collection's records as JSON values: model field order, absent fields left out."""
        return {
            name: [model.model_dump(mode="json", exclude_none=True) for model in models]
            for name, models in self.records.items()
        }

    @cached_property
    def counts(self) -> dict[str, int]:
        """How many records each collection holds."""
        return {name: len(models) for name, models in self.records.items()}

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
