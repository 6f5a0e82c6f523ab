"""Problems: what is wrong, where, and how to fix it, as plain values."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from toolkit.foundation.codes import ProblemCode

FieldPath = tuple[str | int, ...]
"""Where a value sits inside a record: keys and list indexes from the top."""


class Severity(StrEnum):
    """Errors fail validation; warnings are reported but do not."""

    ERROR = "error"
    WARNING = "warning"


def format_path(path: FieldPath) -> str:
    """Render a field path the way contributors read it: ``positions[0].start``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def overlaps(path: FieldPath, others: frozenset[FieldPath] | set[FieldPath]) -> bool:
    """Whether ``path`` is one of ``others``, inside one of them, or around one of them."""
    return any(path[: len(other)] == other or other[: len(path)] == path for other in others)


def count(number: int, noun: str) -> str:
    """``1 file``, ``2 files``: a number with its noun, plural when it is not one."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the data, located as precisely as the input allows."""

    file: str
    code: str
    message: str
    line: int | None = None
    column: int | None = None
    path: FieldPath = ()
    hint: str | None = None
    severity: Severity = Severity.ERROR

    @classmethod
    def at(
        cls,
        file: str,
        code: ProblemCode,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
        path: FieldPath = (),
        hint: str | None = None,
    ) -> Problem:
        """A problem whose severity follows from its code (``W-`` codes are warnings)."""
        severity = Severity.WARNING if code.startswith("W-") else Severity.ERROR
        return cls(file, code, message, line, column, path, hint, severity)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order problems by file, then position, so output reads top to bottom."""
        return (self.file, self.line or 0, self.column or 0, self.code, self.message)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready form, with the field path both as a list and as text."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": str(self.severity),
            "code": self.code,
            "field": format_path(self.path),
            "path": list(self.path),
            "message": self.message,
            "hint": self.hint,
        }
