"""Partial dates: shapes, calendar checks and comparisons across precisions."""

from __future__ import annotations

import pytest

from toolkit.dates import earliest, latest, may_precede, parse_partial_date


@pytest.mark.parametrize(
    ("text", "parts"),
    [("2023", (2023, None, None)), ("2025-11", (2025, 11, None)), ("2024-02-29", (2024, 2, 29))],
)
def test_precisions_parse(text: str, parts: tuple[int, int | None, int | None]) -> None:
    assert parse_partial_date(text) == parts


@pytest.mark.parametrize(
    "text",
    ["2023-02-29", "2023-02-30", "2025-13", "2025-00", "2025-04-31", "0000", "2025-1-1", "25"],
)
def test_impossible_or_malformed_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_partial_date(text)


def test_spans_of_partial_dates() -> None:
    assert str(earliest("2025-11")) == "2025-11-01"
    assert str(latest("2025-11")) == "2025-11-30"
    assert str(latest("2024-02")) == "2024-02-29"
    assert str(latest("2023")) == "2023-12-31"


def test_partial_dates_compare_by_the_span_they_cover() -> None:
    assert may_precede("2026-02-07", "2026-02")  # the month contains the day
    assert may_precede("2026-02", "2026-02-01")
    assert not may_precede("2026-03", "2026-02-28")
    assert may_precede("2019-05-31", "2019-05-31")
