"""The report of `toolkit sources check`, for people (text) and for tools (JSON).

Everything in it may come from a record or from a web server (a file name, an address a
redirect chose, a reason phrase, a passage), so each piece of text goes through
``escaping.terminal`` on its way to the terminal: no server or contributor can forge a line.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import Any

from toolkit.authoring.source_outcomes import CheckRun, PassageResult, SourceResult, Status
from toolkit.foundation.escaping import terminal
from toolkit.foundation.problems import count

EXCERPT_CHARS = 70
"""How much of a passage the text report shows: enough to find it in the file."""


def render_text(run: CheckRun) -> str:
    """One line per source (its status and why), its passages indented below, the files that
    could not be read, then a summary."""
    lines: list[str] = []
    for result in run.results:
        lines.append(f"{terminal(result.file)}: {result.status} ({terminal(result.detail)})")
        lines.extend(f"    {line}" for line in _passage_lines(result.passages))
        lines.extend(f"    {line}" for line in _archive_lines(result))
        if result.updated:
            lines.append(f"    wrote {', '.join(result.updated)}")
        if result.write_error is not None:
            lines.append(f"    not written: {terminal(result.write_error)}")
    for problem in run.problems:
        lines.append(f"{terminal(problem.file)}: error[{problem.code}] {terminal(problem.message)}")
    lines.append(summary(run))
    return "\n".join(lines) + "\n"


def _passage_lines(passages: list[PassageResult]) -> list[str]:
    """A line per passage checked; one line for all of them when none could be (the page
    was not fetched, or is not HTML)."""
    if passages and all(passage.found is None for passage in passages):
        return [f"{count(len(passages), 'passage')} not checked"]
    return [
        f"passage {passage.number}: found"
        if passage.found
        else f'passage {passage.number}: missing: "{terminal(_excerpt(passage.text))}"'
        for passage in passages
    ]


def _excerpt(text: str) -> str:
    """The start of a passage on one line, cut at a word."""
    flat = " ".join(text.split())
    if len(flat) <= EXCERPT_CHARS:
        return flat
    return flat[:EXCERPT_CHARS].rsplit(" ", 1)[0] + "…"


def _archive_lines(result: SourceResult) -> list[str]:
    if result.proposed_archive_url is not None:
        verb = "added" if "archive_url" in result.updated else "proposed"
        return [f"archive_url {verb}: {terminal(result.proposed_archive_url)}"]
    if result.archive_detail is not None:
        return [f"archive: {terminal(result.archive_detail)}"]
    return []


def summary(run: CheckRun) -> str:
    """``5 sources: 3 reachable, 1 moved, 1 gone, 0 error; 2 of 12 passages missing``."""
    statuses = Counter(result.status for result in run.results)
    passages = [passage for result in run.results for passage in result.passages]
    missing = sum(passage.found is False for passage in passages)
    unchecked = sum(passage.found is None for passage in passages)
    text = f"{count(len(run.results), 'source')}: " + ", ".join(
        _counted(statuses[status], status) for status in Status
    )
    text += f"; {missing} of {count(len(passages), 'passage')} missing"
    if unchecked:
        text += f", {unchecked} not checked"
    if run.problems:
        text += f"; {count(len(run.problems), 'file')} could not be read"
    if run.written:
        written = sum(bool(result.updated) for result in run.results)
        text += f"; {count(written, 'file')} updated"
    return text


def _counted(number: int, status: Status) -> str:
    """``3 reachable``, ``1 error``, ``2 errors``: only the noun takes a plural."""
    return count(number, status) if status is Status.ERROR else f"{number} {status}"


def render_json(run: CheckRun) -> str:
    """The whole run as one JSON document, stable for tools (and the weekly workflow) to read."""
    document = {
        "ok": run.ok,
        "summary": summary(run),
        "sources": [_source(result) for result in run.results],
        "problems": [problem.as_dict() for problem in run.problems],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _source(result: SourceResult) -> dict[str, Any]:
    return {
        "file": result.file,
        "id": result.id,
        "url": result.url,
        "status": str(result.status),
        "detail": result.detail,
        "http_status": result.http_status,
        "final_url": result.final_url,
        "content_type": result.content_type,
        "passages": [
            {"number": passage.number, "found": passage.found, "text": passage.text}
            for passage in result.passages
        ],
        "archive_url": result.archive_url,
        "proposed_archive_url": result.proposed_archive_url,
        "archive_detail": result.archive_detail,
        "updated": result.updated,
        "write_error": result.write_error,
    }


RENDERERS: dict[str, Callable[[CheckRun], str]] = {"text": render_text, "json": render_json}
