"""The change log of the data in three forms: plain text for a terminal, Markdown for a pull
request or ``CHANGES.md``, and JSON for programs."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from toolkit.foundation.escaping import markdown_code, markdown_text, terminal
from toolkit.foundation.problems import count
from toolkit.history.diffing import DataDiff, FieldChange, RecordChange
from toolkit.models.changelog import ChangeKind

LONGEST_VALUE = 160
"""Characters of a value shown in text and Markdown; the JSON form keeps values whole."""
_SIGNS = {ChangeKind.ADDED: "+", ChangeKind.REMOVED: "-", ChangeKind.CHANGED: "~"}


def summary(diff: DataDiff) -> str:
    """``2 records added, 1 removed, 3 changed; 1 status change``."""
    counts = {change: diff.count(change) for change in ChangeKind}
    files = "".join(f"; {document.id} {document.change}" for document in diff.documents)
    return change_counts(counts, len(diff.status_changes)) + files


def change_counts(counts: dict[ChangeKind, int], moved: int) -> str:
    """How a diff or a release is summed up: records by change, then status changes."""
    return (
        f"{count(counts[ChangeKind.ADDED], 'record')} added, {counts[ChangeKind.REMOVED]} removed, "
        f"{counts[ChangeKind.CHANGED]} changed; {count(moved, 'status change')}"
    )


def render_text(diff: DataDiff) -> str:
    """One line per record, its field changes indented below it. The data compared may be a
    stranger's pull request, so every piece of it is made safe for a terminal."""
    lines = [terminal(f"{diff.old} → {diff.new}: {summary(diff)}")]
    lines += [f"! {terminal(problem)}" for problem in diff.release_problems]
    for record in diff.records:
        line = f"{record.collection}/{record.id}  {record.title}"
        lines.append(f"{_SIGNS[record.change]} {terminal(line)}")
        if record.status is not None:
            lines.append(f"    current status: {terminal(_status(record.status))}")
        lines.extend(f"    {terminal(_field_line(change))}" for change in record.fields)
    for document in diff.documents:
        lines.append(f"{_SIGNS[document.change]} {terminal(document.id)}")
        lines.extend(f"    {terminal(_field_line(change))}" for change in document.fields)
    return "\n".join(lines) + "\n"


def render_markdown(diff: DataDiff, *, heading: str = "##") -> str:
    """A reviewer's summary: status changes first, then records added, removed and changed."""
    out = [
        f"{heading} Data changes: {markdown_text(diff.old)} → {markdown_text(diff.new)}",
        "",
        summary(diff),
        "",
    ]
    if diff.release_problems:
        out += [f"{heading}# Release problems", ""]
        out += [f"- {markdown_text(problem)}" for problem in diff.release_problems]
        out.append("")
    out += _markdown_documents(diff, heading)
    if not diff.records:
        return "\n".join([*out, "No record changed.", ""])
    if diff.status_changes:
        out += [f"{heading}# Status changes", ""]
        out += [
            f"- **{markdown_text(r.title)}** ({_where(r)}): {markdown_text(_status(r.status))}"
            for r in diff.status_changes
            if r.status is not None
        ]
        out.append("")
    for change, title in (
        (ChangeKind.ADDED, "Added"),
        (ChangeKind.REMOVED, "Removed"),
        (ChangeKind.CHANGED, "Changed"),
    ):
        records = [record for record in diff.records if record.change is change]
        if not records:
            continue
        out += [f"{heading}# {title}", ""]
        for record in records:
            out.append(f"- **{markdown_text(record.title)}** ({_where(record)})")
            out += [f"  - {_md_field(field)}" for field in record.fields]
        out.append("")
    return "\n".join(out)


def _markdown_documents(diff: DataDiff, heading: str) -> list[str]:
    """The dataset's own files that changed, first: its metadata and its change log."""
    if not diff.documents:
        return []
    out = [f"{heading}# Dataset files", ""]
    for document in diff.documents:
        out.append(f"- {markdown_code(document.id)} {document.change}")
        out += [f"  - {_md_field(field)}" for field in document.fields]
    return [*out, ""]


def render_json(diff: DataDiff) -> str:
    """The whole change log, values in full."""
    document = {
        "old": diff.old,
        "new": diff.new,
        "summary": {str(change): diff.count(change) for change in ChangeKind},
        "release_problems": diff.release_problems,
        "records": [_record_json(record) for record in diff.records],
        "documents": [
            {"file": d.id, "change": str(d.change)} | _fields_json(d) for d in diff.documents
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


DIFF_RENDERERS: dict[str, Callable[[DataDiff], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
}


def _record_json(record: RecordChange) -> dict[str, Any]:
    document: dict[str, Any] = {
        "collection": record.collection,
        "id": record.id,
        "change": str(record.change),
        "title": record.title,
    }
    if record.status is not None:
        document["status"] = {"old": record.status[0], "new": record.status[1]}
    return document | _fields_json(record)


def _fields_json(record: RecordChange) -> dict[str, Any]:
    if not record.fields:
        return {}
    return {
        "fields": [
            {"path": f.path, "change": str(f.change), "old": f.old, "new": f.new}
            for f in record.fields
        ]
    }


def _where(record: RecordChange) -> str:
    return markdown_code(f"{record.collection}/{record.id}")


def _status(status: tuple[str | None, str | None] | None) -> str:
    old, new = status or (None, None)
    return f"{old or '(none)'} → {new or '(none)'}"


def _field_line(change: FieldChange) -> str:
    if change.change is ChangeKind.ADDED:
        return f"{change.path}: added {_value(change.new)}"
    if change.change is ChangeKind.REMOVED:
        return f"{change.path}: removed {_value(change.old)}"
    return f"{change.path}: {_value(change.old)} → {_value(change.new)}"


def _md_field(change: FieldChange) -> str:
    path = markdown_code(change.path)
    if change.change is ChangeKind.ADDED:
        return f"{path} added: {_code_value(change.new)}"
    if change.change is ChangeKind.REMOVED:
        return f"{path} removed: {_code_value(change.old)}"
    return f"{path}: {_code_value(change.old)} → {_code_value(change.new)}"


def _value(value: Any) -> str:
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= LONGEST_VALUE else shown[: LONGEST_VALUE - 1] + "…"


def _code_value(value: Any) -> str:
    return markdown_code(_value(value))
