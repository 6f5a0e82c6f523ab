"""Render a report for people (text) or for tools (JSON)."""

from __future__ import annotations

import json
from collections.abc import Callable

from toolkit.problems import Problem, format_path
from toolkit.report import Report


def render_text(report: Report) -> str:
    """``file:line:col: error[CODE] field: message`` lines, each hint below, then a summary."""
    lines = [line for problem in report.problems for line in _text_lines(problem)]
    lines.append(report.summary())
    return "\n".join(lines) + "\n"


def _text_lines(problem: Problem) -> list[str]:
    location = ":".join(
        str(part) for part in (problem.file, problem.line, problem.column) if part is not None
    )
    field = format_path(problem.path)
    prefix = f"{field}: " if field else ""
    lines = [f"{location}: {problem.severity}[{problem.code}] {prefix}{problem.message}"]
    if problem.hint:
        lines.append(f"    hint: {problem.hint}")
    return lines


def render_json(report: Report) -> str:
    """The whole report as one JSON document, stable for tools to read."""
    document = {
        "ok": report.ok,
        "summary": report.summary(),
        "files_checked": report.files_checked,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "problems": [problem.as_dict() for problem in report.problems],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


REPORTERS: dict[str, Callable[[Report], str]] = {"text": render_text, "json": render_json}
"""Output formats by the name given to ``--format``."""
