"""What the per-file passes hand to the dataset-wide rules: small facts, not whole records.

Each file is checked on its own (possibly in a worker process); what crosses back is its id,
its references, the fields already reported and the few dates the global rules compare, so
the whole-dataset pass stays light however many records there are.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from toolkit.foundation.codes import ProblemCode
from toolkit.foundation.problems import FieldPath, Problem, overlaps
from toolkit.models import Record
from toolkit.reading.loader import LoadedFile
from toolkit.reading.node_builder import Position
from toolkit.reading.references import Reference


@dataclass
class CheckedRecord:
    """One file after the per-file passes."""

    collection: str
    name: str
    stem: str
    loaded: LoadedFile
    """The parsed file; its data is dropped once checked, positions are found on demand."""
    model: Record | None = None
    """The validated model, while the per-file rules read it; dropped before the record
    leaves ``check_file``."""
    document: bytes | None = None
    """The validated record as JSON (``Dataset`` reads it), kept only when the caller needs the
    records (a build): a fifth of the model's memory, and cheap to send between processes."""
    id: str | None = None
    """The id the file declares, even when the rest of the record is invalid."""
    references: list[Reference] = field(default_factory=list)
    problem_paths: frozenset[FieldPath] = frozenset()
    """Fields already reported by the per-file passes, so later checks do not repeat them."""
    facts: dict[str, Any] = field(default_factory=dict)
    """What the dataset-wide rules compare across records, in plain values the cache keeps as
    they are: the facts the record's model declares (``cross_record_facts``), and the quotes
    and passages the quote rule collects."""
    digest: str = ""
    """A digest of all the above the dataset rules read (``fact_digest``): when no record's
    changes, nor the dataset's description, their problems are the ones found last time."""

    def fact(self, name: str) -> Any:
        """One fact, None when the record has none by that name."""
        return self.facts.get(name)

    def already_reported(self, path: FieldPath) -> bool:
        """Whether a problem was already reported at this field, inside it or around it."""
        return overlaps(path, self.problem_paths)

    @property
    def indexed_id(self) -> str:
        """The id other records may use for this one: its declared id, or its file name when
        the id cannot be read, so one broken file does not break every reference to it."""
        if self.id is None or self.already_reported(("id",)):
            return self.stem
        return self.id

    def problem(
        self,
        code: ProblemCode,
        message: str,
        path: FieldPath,
        *,
        hint: str | None = None,
        key: bool = False,
        at: Position | None = None,
    ) -> Problem:
        """A problem located at ``path`` in this record's file (or ``at``, when known)."""
        line, column = at or self.loaded.position(path, key=key) or (None, None)
        return Problem.at(self.name, code, message, line=line, column=column, path=path, hint=hint)


def fact_digest(record: CheckedRecord) -> str:
    """A digest of what the dataset rules read of a record: its place, id, references, the
    fields already reported and its facts, written out by ``repr`` (the same text for the same
    plain values in any process; a set written in another order only costs a re-check)."""
    payload = (
        record.collection,
        record.name,
        record.stem,
        record.id,
        [tuple(reference) for reference in record.references],
        sorted(record.problem_paths, key=repr),
        record.facts,
    )
    return hashlib.blake2b(repr(payload).encode(), digest_size=16).hexdigest()


class IdIndex:
    """Which ids exist in which collection, over the whole data folder."""

    def __init__(self, records: list[CheckedRecord]) -> None:
        self.ids: dict[str, set[str]] = defaultdict(set)
        for record in records:
            self.ids[record.collection].add(record.indexed_id)

    def collections_with(self, record_id: str) -> list[str]:
        """The collections holding a record with this id."""
        return sorted(name for name, ids in self.ids.items() if record_id in ids)
