"""Render a report for people (text) or for tools (JSON)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable

from toolkit.checking.report import Report
from toolkit.foundation.escaping import terminal
from toolkit.foundation.problems import Problem, format_path

REPEATED = 50
"""A problem found this many times or more, word for word, is also summed up in one line: a
renamed source cited by thousands of records is one mistake, and should read as one."""


def repeated(report: Report) -> list[tuple[str, str, int]]:
    """(code, message, times) for each problem found ``REPEATED`` times or more, commonest
    first."""
    counts = Counter((problem.code, problem.message) for problem in report.problems)
    return [
        (code, message, times)
        for (code, message), times in counts.most_common()
        if times >= REPEATED
    ]


def _repetition(code: str, message: str, times: int) -> str:
    return f"the same problem {times:,} times: [{code}] {message}"


def render_text(report: Report) -> str:
    """``file:line:col: error[CODE] field: message`` lines, each hint below, then the mistakes
    repeated many times, then a summary."""
    lines = [line for problem in report.problems for line in _text_lines(problem)]
    lines += [terminal(_repetition(*found)) for found in repeated(report)]
    lines.append(report.summary())
    return "\n".join(lines) + "\n"


def _text_lines(problem: Problem) -> list[str]:
    """The problem's lines; file names, fields and messages carry contributors' text, so each
    is made safe for a terminal (a file name with a line break cannot forge a line)."""
    location = ":".join(
        str(part) for part in (problem.file, problem.line, problem.column) if part is not None
    )
    field = format_path(problem.path)
    prefix = f"{field}: " if field else ""
    message = f"{problem.severity}[{problem.code}] {prefix}{problem.message}"
    lines = [f"{terminal(location)}: {terminal(message)}"]
    if problem.hint:
        lines.append(f"    hint: {terminal(problem.hint)}")
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
        "repeated": [
            {"code": code, "message": message, "times": times}
            for code, message, times in repeated(report)
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_text(value: str) -> str:
    """Contributors' text in a workflow command: no escape sequence reaches the log."""
    return _escape_data(terminal(value))


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report) -> str:
    """GitHub Actions workflow commands, so each problem is annotated on its line in a PR."""
    lines = []
    for problem in report.problems:
        properties = [f"file={_escape_property(terminal(problem.file))}"]
        if problem.line is not None:
            properties.append(f"line={problem.line}")
        if problem.column is not None:
            properties.append(f"col={problem.column}")
        properties.append(f"title={_escape_property(problem.code)}")
        field = format_path(problem.path)
        message = _escape_text(f"{field}: {problem.message}" if field else problem.message)
        if problem.hint:
            message += f"%0Ahint: {_escape_text(problem.hint)}"
        lines.append(f"::{problem.severity} {','.join(properties)}::{message}")
    lines += [
        f"::notice title=repeated::{_escape_text(_repetition(code, message, times))}"
        for code, message, times in repeated(report)
    ]
    lines.append(report.summary())
    return "\n".join(lines) + "\n"


REPORTERS: dict[str, Callable[[Report], str]] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
}
"""Output formats by the name given to ``--format``."""
