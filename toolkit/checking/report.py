"""The outcome of a validation run: every problem found, and what was checked."""

from __future__ import annotations

from dataclasses import dataclass, field

from toolkit.foundation.problems import Problem, Severity, count


@dataclass
class Report:
    """Problems in reading order, with counts for the summary line."""

    problems: list[Problem] = field(default_factory=list)
    files_checked: int = 0

    def __post_init__(self) -> None:
        self.problems.sort(key=Problem.sort_key)

    @property
    def errors(self) -> list[Problem]:
        """Problems that make the data invalid."""
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        """Problems worth a look that do not fail the run."""
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        """True when there are no errors (warnings are allowed)."""
        return not self.errors

    def summary(self) -> str:
        """One line: how many errors and warnings in how many files."""
        errors, warnings = len(self.errors), len(self.warnings)
        files_with_errors = len({p.file for p in self.errors})
        warned = f", {count(warnings, 'warning')}" if warnings else ""
        if errors:
            return (
                f"{count(errors, 'error')}{warned} in {files_with_errors} of "
                f"{count(self.files_checked, 'file')}"
            )
        return f"{count(self.files_checked, 'file')} valid{warned}"
