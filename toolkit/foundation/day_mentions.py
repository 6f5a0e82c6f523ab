"""Whether a text names a given day: the test behind "a date no more precise than its source".

Only what can be read without guessing counts: the day and month written out (``7 February``,
``Feb. 7``, ``7 février``, ``1er mars``), the ISO form, and words relative to the page's own
date (``today``, ``yesterday``, a weekday within the week before it), in English and French.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

MONTHS = (
    ("january", "jan", "janvier", "janv"),
    ("february", "feb", "février", "févr"),
    ("(?-i:March)", "(?-i:Mar)", "mars"),
    ("april", "apr", "avril", "avr"),
    ("(?-i:May)", "mai"),
    ("june", "jun", "juin"),
    ("july", "jul", "juillet", "juil"),
    ("august", "aug", "août"),
    ("september", "sep", "sept", "septembre"),
    ("october", "oct", "octobre"),
    ("november", "nov", "novembre"),
    ("december", "dec", "décembre", "déc"),
)
"""Each month's names and the abbreviations datelines use, English then French (as regular
expressions, matched without regard to case). "May" and "March" count only capitalised: "7 may
attend" and "troops march" name no month."""

WEEKDAYS = (
    ("monday", "lundi"),
    ("tuesday", "mardi"),
    ("wednesday", "mercredi"),
    ("thursday", "jeudi"),
    ("friday", "vendredi"),
    ("saturday", "samedi"),
    ("sunday", "dimanche"),
)

SAME_DAY = re.compile(
    r"\b(today|tonight|this (morning|afternoon|evening)|aujourd'hui|ce (matin|soir))\b"
)
DAY_BEFORE = re.compile(r"\b(yesterday|last night|hier)\b")


@lru_cache(maxsize=512)
def _day_pattern(day: dt.date) -> re.Pattern[str]:
    month = "|".join(MONTHS[day.month - 1])
    number = rf"0?{day.day}"
    other_year = rf"(?!,?\s+(?!{day.year}\b)\d{{4}}\b)"  # "18 June 2023" is not 18 June 2024
    return re.compile(
        rf"(?<!\d){number}(st|nd|rd|th|er)?\s+(of\s+)?({month})\b\.?{other_year}"
        rf"|\b({month})\.?\s+{number}(st|nd|rd|th)?(?!\d){other_year}"
        rf"|{day.isoformat()}",
        re.IGNORECASE,
    )


def names_day(text: str, day: dt.date, published: dt.date | None = None) -> bool:
    """Whether ``text`` (from a page dated ``published``, if known) names ``day``.

    A weekday counts only within the six days before the page's date, where it can mean only
    one day; words relative to the page count only when the page's date is known."""
    if _day_pattern(day).search(text):
        return True
    lowered = text.lower().replace("’", "'")
    if published is None:
        return False
    days_before = (published - day).days
    if days_before == 0 and SAME_DAY.search(lowered):
        return True
    if days_before == 1 and DAY_BEFORE.search(lowered):
        return True
    if 0 <= days_before < 7:
        names = "|".join(WEEKDAYS[day.weekday()])
        return re.search(rf"\b({names})\b", lowered) is not None
    return False
