"""Shared helpers for the data-driven cases: build a data folder from the base and a case."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from typer.testing import CliRunner

from toolkit.checking.report import Report
from toolkit.cli import app

TESTS = Path(__file__).parent
BASE = TESTS / "fixtures" / "base"
CASES = TESTS / "cases"


def build_case(case: Path, target: Path) -> Path:
    """Copy the valid base dataset to ``target`` and lay the case's files over it."""
    shutil.copytree(BASE, target)
    shutil.copytree(case / "files", target, dirs_exist_ok=True)
    return target


def as_of(case: Path) -> str | None:
    """The date a case is checked as of (``as-of.txt``), when it has one."""
    path = case / "as-of.txt"
    return path.read_text(encoding="utf-8").strip() if path.exists() else None


def observed(report: Report, root: Path) -> list[str]:
    """Each problem as ``file:line:column CODE field``, with the file relative to ``root``."""
    lines = []
    for problem in report.problems:
        file = Path(problem.file).resolve().relative_to(root.resolve()).as_posix()
        place = ":".join(str(p) for p in (file, problem.line, problem.column) if p is not None)
        field = ".".join(str(part) for part in problem.path)
        lines.append(f"{place} {problem.code} {field}".rstrip())
    return lines


def expected(case: Path) -> list[str]:
    """The problems the case must produce, one per line, as written in ``expected.txt``."""
    text = (case / "expected.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def run_cli(*args: str) -> tuple[int, str, str]:
    """Run the toolkit command in-process: exit code, standard output, standard error."""
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout, result.stderr


GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
}
"""A fixed author, so commits made in tests need no git configuration."""


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` with a fixed author; its output, stripped."""
    done = subprocess.run(
        ["git", *args],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, **GIT_IDENTITY},
    )
    return done.stdout.strip()


LATER_ASSESSMENT = """  - date: 2026-03-02
    status: in-progress
    summary: The ministry said the officers had been named.
    scores:
      - party: IN
        score: partial
        basis: evidence
        note: Named, not yet posted.
        sources: [daily-news-2026-02-08]
    sources: [daily-news-2026-02-08]
"""
_LAST_SOURCES = "sources: [ministry-readout-2026-02-07, daily-news-2026-02-08]\n"


def add_assessment(data: Path) -> None:
    """Append ``LATER_ASSESSMENT`` to the base commitment: its status moves to in-progress."""
    path = data / "commitments" / "liaison-officers.yaml"
    content = path.read_text()
    assert _LAST_SOURCES in content
    path.write_text(content.replace(_LAST_SOURCES, LATER_ASSESSMENT + _LAST_SOURCES))
