"""Each folder in tests/cases breaks the valid base dataset in one way; the exact problems
(file, line, column, code, field) it must produce are listed beside it in expected.txt."""

from __future__ import annotations

from pathlib import Path

import pytest

from case_runner import CASES, as_of, build_case, expected, observed
from toolkit.checking.validate import validate
from toolkit.foundation.codes import CODES

ALL_CASES = sorted(path for path in CASES.iterdir() if path.is_dir())


def test_base_dataset_is_valid(base_data: Path) -> None:
    report = validate(base_data)
    assert report.problems == []
    assert report.files_checked == 10


@pytest.mark.parametrize("case", ALL_CASES, ids=[case.name for case in ALL_CASES])
def test_case_reports_exactly_the_expected_problems(case: Path, tmp_path: Path) -> None:
    data = build_case(case, tmp_path / "data")
    report = validate(data, as_of=as_of(case))
    assert observed(report, data) == expected(case)
    assert all(problem.code in CODES for problem in report.problems)
    errors = [line for line in expected(case) if " E-" in line]
    assert report.ok is (not errors)


def test_every_documented_code_is_exercised_by_a_case_or_a_test() -> None:
    exercised = {line.split()[1] for case in ALL_CASES for line in expected(case)}
    # These need a file system state a folder of fixtures cannot carry (size, links, rights),
    # built on the fly in tests/test_files.py; E-FMT comes from `toolkit fmt` (test_formatting);
    # a line ending git does not count as one is not kept in git: tests/test_characters.py.
    built_at_test_time = {"E-FILE-SIZE", "E-FILE-READ", "E-FMT", "E-FILE-LINE-END"}
    assert set(CODES) - exercised == built_at_test_time


def test_overdue_commitments_are_flagged_only_when_asked(tmp_path: Path) -> None:
    data = build_case(CASES / "overdue", tmp_path / "data")
    assert validate(data).problems == []
    assert [p.code for p in validate(data, as_of="2026-03-31").problems] == []  # not yet past
    assert [p.code for p in validate(data, as_of="2026-04-01").problems] == ["W-OVERDUE"]
    late = validate(data, as_of="2026-11-26").problems
    assert [p.code for p in late if p.code == "W-OVERDUE"] == ["W-OVERDUE"] * 2


def test_the_code_type_lists_exactly_the_documented_codes() -> None:
    """``ProblemCode`` makes a misspelt code a type error; it must name every documented code."""
    from typing import get_args

    from toolkit.foundation.codes import CODES, ProblemCode

    assert sorted(get_args(ProblemCode)) == sorted(CODES)
