"""The per-file pass: each file checked alone (parse, JSON Schema, model, record rules), on
every core when there are enough files, or its result taken from the cache when unchanged.

Worker processes send each result back as a cache row of plain values (``cache_rows``): a few
times cheaper to unpickle than the records themselves, and ready for the cache as it is. A
result becomes a record only when the dataset rules need one.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import cast

from pydantic_core import to_json

from toolkit.checking.cache import ResultCache
from toolkit.checking.cache_rows import (
    Row,
    row_digest,
    row_problems,
    row_record,
    to_row,
)
from toolkit.checking.model_check import check_model
from toolkit.checking.rules import RECORD_CHECKS, CheckedRecord
from toolkit.checking.rules.date_support import date_facts
from toolkit.checking.rules.issuers import issuer_facts
from toolkit.checking.rules.quotes import quote_facts
from toolkit.checking.rules.records import fact_digest
from toolkit.checking.rules.scores import score_facts
from toolkit.checking.schema_check import check_schema
from toolkit.foundation.problems import Problem
from toolkit.models import COLLECTIONS
from toolkit.reading.discovery import RecordFile
from toolkit.reading.loader import LoadedFile, load_file
from toolkit.reading.references import references_in

_WHOLE_FILE_CODES = ("E-FILE", "E-YAML", "E-PATH", "E-TOP")
"""Problems after which nothing else in the file can be trusted enough to check."""


VALUE_KEPT = frozenset({"E-YAML-NUMBER"})
"""Loader problems that keep the value as written (an unquoted number is kept as its text), so
the schema, the model and the record rules still check the file and report everything at once."""


def check_file(
    file: RecordFile, keep_document: bool = False
) -> tuple[CheckedRecord, list[Problem]]:
    """Everything one file can tell alone: parse, JSON Schema, the model, the record rules.

    Returns the record's facts for the dataset rules (its data and model dropped; the model's
    values kept as JSON if asked) and the problems found.
    """
    loaded = load_file(file.path, file.name)
    record = CheckedRecord(file.collection, file.name, file.stem, loaded, id=_declared_id(loaded))
    problems = loaded.problems
    if all(problem.code in VALUE_KEPT for problem in problems):
        problems = problems + check_schema(loaded, file.collection, file.name)
    if any(problem.code.startswith(_WHOLE_FILE_CODES) for problem in problems):
        record.problem_paths = frozenset({()})
    else:
        model, model_problems = check_model(
            loaded, COLLECTIONS[file.collection], file.name, problems
        )
        problems += model_problems
        record.problem_paths = frozenset(problem.path for problem in problems)
        record.references = list(references_in(file.collection, loaded.data))
        if model is not None:
            record.model = model
            record.facts = {
                **model.cross_record_facts(),
                **quote_facts(model, loaded.text),
                **score_facts(model),
                **issuer_facts(model),
                **date_facts(model),
            }
            for check in RECORD_CHECKS:
                problems.extend(check(record))
    record.digest = fact_digest(record)
    loaded.data = loaded.text = None  # the facts above are all the dataset rules need
    if keep_document and record.model is not None:
        record.document = to_json(record.model, exclude_none=True)
    record.model = None
    return record, problems


def _declared_id(loaded: LoadedFile) -> str | None:
    value = loaded.data.get("id") if isinstance(loaded.data, dict) else None
    return value if isinstance(value, str) else None


PARALLEL_FROM = 2_000
"""Below this many files, starting worker processes costs more than it saves."""
CHUNK = 250


@dataclass
class FileResult:
    """One file's per-file result: checked in this run, or a cache row, made into a record only
    when the dataset pass has to run (most warm runs need only its problems and digest)."""

    file: RecordFile
    problems: list[Problem]
    checked: CheckedRecord | None = None
    row: Row | None = None
    document: bytes | None = None
    """The record as JSON, when a build asked for it and the row came from a worker."""

    @property
    def digest(self) -> str:
        """The record's ``fact_digest``."""
        return self.checked.digest if self.checked is not None else row_digest(self.row or ())

    def record(self) -> CheckedRecord:
        """The record the dataset rules read."""
        if self.checked is None:
            assert self.row is not None
            self.checked = row_record(self.file.name, self.file.path, self.row)
            self.checked.document = self.document
        return self.checked


def checked_files(
    files: list[RecordFile], keep_documents: bool, cache: ResultCache | None
) -> list[FileResult]:
    """Every file's per-file result, from the cache where the file is unchanged (with each
    valid record as JSON, when ``keep_documents``)."""
    results: dict[str, FileResult] = {}
    if cache is not None:
        for file in files:
            if (row := cache.lookup_row(file.name, file.path)) is not None:
                results[file.name] = FileResult(file, row_problems(row), row=row)
    misses = [file for file in files if file.name not in results]
    verified_ns = cache.started_ns if cache is not None else 0
    for file, checked in zip(
        misses, _check_files(misses, keep_documents, verified_ns), strict=True
    ):
        result = results[file.name] = _file_result(file, checked)
        if cache is None:
            continue
        if result.row is not None:
            cache.store_row(file.name, result.row)
        elif result.checked is not None:
            cache.store(file.name, result.checked, result.problems)
    return [results[file.name] for file in files]


def _file_result(file: RecordFile, checked: Checked) -> FileResult:
    first, second = checked
    if isinstance(first, CheckedRecord):
        return FileResult(file, cast(list[Problem], second), checked=first)
    return FileResult(file, row_problems(first), row=first, document=cast(bytes | None, second))


Checked = tuple[CheckedRecord, list[Problem]] | tuple[Row, bytes | None]
"""A file checked: its record and problems, or, from a worker, its cache row and document."""


def _check_files(
    files: list[RecordFile], keep_documents: bool, verified_ns: int
) -> Iterator[Checked]:
    """The per-file passes over every file, on every core when there are enough files (whose
    results come back as rows)."""
    workers = min(os.cpu_count() or 1, len(files) // CHUNK or 1)
    if len(files) < PARALLEL_FROM or workers < 2:
        yield from (check_file(file, keep_documents) for file in files)
        return
    check = partial(_checked_row, verified_ns=verified_ns, keep_document=keep_documents)
    with ProcessPoolExecutor(max_workers=workers, mp_context=_fork_context()) as pool:
        yield from pool.map(check, files, chunksize=CHUNK)


def _checked_row(file: RecordFile, verified_ns: int, keep_document: bool) -> Checked:
    """A file's result as the row the cache keeps (verified at ``verified_ns``) and its
    document, or as the record itself when the file could not be read (nothing to keep)."""
    record, problems = check_file(file, keep_document)
    if record.loaded.identity is None:
        return record, problems
    return to_row(record, problems, verified_ns), record.document


def _fork_context() -> multiprocessing.context.BaseContext:
    """Forked workers start at once with the models already built; spawn where fork is missing."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")
