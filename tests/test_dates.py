"""Partial dates: shapes, calendar checks and comparisons across precisions."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from toolkit.foundation.dates import earliest, latest, may_precede, parse_partial_date
from toolkit.models.fields import DATE_PATTERN


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


@pytest.mark.parametrize("text", ["1799", "1799-12-31", "2200-01", "9999-12-31", "0001"])
def test_years_outside_the_range_are_refused_by_name(text: str) -> None:
    with pytest.raises(ValueError, match=r"^years run from 1800 to 2199$"):
        parse_partial_date(text)


def test_the_first_and_last_days_of_the_range_parse_and_have_a_next_day() -> None:
    assert parse_partial_date("1800-01-01") == (1800, 1, 1)
    assert str(latest("2199") + dt.timedelta(days=1)) == "2200-01-01"  # a calendar's end


def test_the_schema_pattern_and_the_calendar_check_agree_on_every_year() -> None:
    for year in range(10000):
        for text in (f"{year:04d}", f"{year:04d}-12-31"):
            try:
                parse_partial_date(text)
                accepted = True
            except ValueError:
                accepted = False
            assert (re.fullmatch(DATE_PATTERN, text) is not None) is accepted, text
