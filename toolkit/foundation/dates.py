"""Dates known to a chosen precision (year, month or day), and how to compare them.

Sources often give only a month ("November 2025"), so a date keeps its precision instead of
being padded into a made-up day. Comparisons treat a partial date as the span it covers.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

_SHAPE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
FIRST_YEAR, LAST_YEAR = 1800, 2199
"""The years a record may name: wide enough for any history or plan the data tells, and narrow
enough that every export (a calendar adds a day after a deadline) can still write the date."""


class YearRangeError(ValueError):
    """A date of the right shape whose year is outside ``FIRST_YEAR`` to ``LAST_YEAR``."""


@lru_cache(maxsize=1 << 16)
def parse_partial_date(text: str) -> tuple[int, int | None, int | None]:
    """Split ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` into parts, rejecting impossible dates and
    years out of range. Cached: the same dates recur across records (a refused one is not
    cached, and raises each time)."""
    match = _SHAPE.match(text)
    if match is None:
        raise ValueError("expected YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise YearRangeError(f"years run from {FIRST_YEAR} to {LAST_YEAR}")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"month {month:02d} does not exist")
    if month is not None and day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(
                f"day {day:02d} does not exist in {year}-{month:02d} (last day {last})"
            )
    return year, month, day


def is_day_precise(text: str) -> bool:
    """Whether a partial date names a day (YYYY-MM-DD) rather than a month or a year."""
    return parse_partial_date(text)[2] is not None


def earliest(text: str) -> dt.date:
    """The first day a partial date can mean."""
    year, month, day = parse_partial_date(text)
    return dt.date(year, month or 1, day or 1)


def latest(text: str) -> dt.date:
    """The last day a partial date can mean."""
    year, month, day = parse_partial_date(text)
    month = month or 12
    return dt.date(year, month, day or calendar.monthrange(year, month)[1])


def may_precede(first: str, second: str) -> bool:
    """Whether ``first`` can be on or before ``second`` given their precisions."""
    return earliest(first) <= latest(second)
