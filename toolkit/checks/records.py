"""The per-record results the dataset-wide checks work on."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from toolkit.loader import LoadedFile
from toolkit.models import Record
from toolkit.problems import FieldPath, Problem
from toolkit.references import Reference, references_in


@dataclass
class CheckedRecord:
    """One file after the per-file passes: its raw data, positions and model if valid."""

    collection: str
    name: str
    stem: str
    loaded: LoadedFile
    model: Record | None
    problem_paths: frozenset[FieldPath] = frozenset()
    """Fields already reported by the per-file passes, so later checks do not repeat them."""

    def already_reported(self, path: FieldPath) -> bool:
        """Whether a problem was already reported at this field, inside it or around it."""
        return any(
            path[: len(done)] == done or done[: len(path)] == path for done in self.problem_paths
        )

    @property
    def id(self) -> str | None:
        """The id the file declares, even when the rest of the record is invalid."""
        data = self.loaded.data
        value = data.get("id") if isinstance(data, dict) else None
        return value if isinstance(value, str) else None

    @property
    def indexed_id(self) -> str:
        """The id other records may use for this one: its declared id, or its file name when
        the id cannot be read, so one broken file does not break every reference to it."""
        declared = self.id
        if declared is None or self.already_reported(("id",)):
            return self.stem
        return declared

    @cached_property
    def references(self) -> list[Reference]:
        """Every reference the record's data holds, found once for all the checks."""
        return list(references_in(self.collection, self.loaded.data))

    def problem(
        self,
        code: str,
        message: str,
        path: FieldPath,
        *,
        hint: str | None = None,
        key: bool = False,
    ) -> Problem:
        """A problem located at ``path`` in this record's file."""
        line, column = self.loaded.position(path, key=key) or (None, None)
        return Problem.at(self.name, code, message, line=line, column=column, path=path, hint=hint)


class IdIndex:
    """Which ids exist in which collection, over the whole data folder."""

    def __init__(self, records: list[CheckedRecord]) -> None:
        self.ids: dict[str, set[str]] = defaultdict(set)
        for record in records:
            self.ids[record.collection].add(record.indexed_id)

    def collections_with(self, record_id: str) -> list[str]:
        """The collections holding a record with this id."""
        return sorted(name for name, ids in self.ids.items() if record_id in ids)
