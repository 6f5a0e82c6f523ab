"""One file's validation result as a row of plain values that ``marshal`` writes, and back."""

from __future__ import annotations

from typing import Any

from toolkit.checking.rules.records import CheckedRecord
from toolkit.foundation.problems import FieldPath, Problem, Severity
from toolkit.reading.loader import LoadedFile, StrPath
from toolkit.reading.references import Reference

ROW_LENGTH = 12
Row = tuple[Any, ...]
"""(size, mtime_ns, verified_ns, digest, collection, stem, id, references, problem_paths, facts,
problems, fact_digest): one file's result, in types ``marshal`` writes (``facts`` is a dict of
plain values, whatever the collection declares)."""


def to_row(record: CheckedRecord, problems: list[Problem], verified_ns: int) -> Row:
    """One file's result as plain values, verified (read) at ``verified_ns``."""
    assert record.loaded.identity is not None
    size, mtime_ns, digest = record.loaded.identity
    return (
        size,
        mtime_ns,
        verified_ns,
        digest,
        record.collection,
        record.stem,
        record.id,
        tuple(tuple(reference) for reference in record.references),
        tuple(record.problem_paths),
        record.facts,
        tuple(problem_fields(problem) for problem in problems),
        record.digest,
    )


def row_problems(row: Row) -> list[Problem]:
    """The per-file problems a row holds."""
    return [problem_from(*fields) for fields in row[10]]


def row_digest(row: Row) -> str:
    """The row's record's ``fact_digest``."""
    return str(row[11])


def row_record(name: str, path: StrPath, row: Row) -> CheckedRecord:
    """The record's facts from a row, as the per-file passes gave them (its problems are
    ``row_problems``)."""
    (
        _,
        _,
        _,
        _,
        collection,
        stem,
        record_id,
        references,
        paths,
        facts,
        _,
        digest,
    ) = row
    return CheckedRecord(
        collection,
        name,
        stem,
        LoadedFile(path, name),
        id=record_id,
        references=list(map(Reference._make, references)),
        problem_paths=frozenset(paths),
        facts=facts,
        digest=digest,
    )


def problem_from(
    file: str,
    code: str,
    message: str,
    line: int | None,
    column: int | None,
    path: FieldPath,
    hint: str | None,
    severity: str,
) -> Problem:
    return Problem(file, code, message, line, column, path, hint, Severity(severity))


def problem_fields(problem: Problem) -> tuple[Any, ...]:
    return (
        problem.file,
        problem.code,
        problem.message,
        problem.line,
        problem.column,
        problem.path,
        problem.hint,
        str(problem.severity),
    )
