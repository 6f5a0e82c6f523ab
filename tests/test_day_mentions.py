"""Which texts name a day: the reading behind W-DATE-PRECISION, in English and French."""

from __future__ import annotations

import datetime as dt

import pytest

from toolkit.foundation.day_mentions import names_day

SATURDAY = dt.date(2026, 2, 7)
PAGE_DATE = dt.date(2026, 2, 9)  # the Monday after


@pytest.mark.parametrize(
    "text",
    [
        "The advisers met in Ottawa on 7 February 2026.",
        "Ottawa, Feb 7 (ANI): the advisers met.",
        "on February 7th the advisers met",
        "OTTAWA, Feb. 07 — talks",
        "the 7th of February",
        "Les conseillers se sont rencontrés le 7 février.",
        "le 7 févr. à Ottawa",
        "Dated 2026-02-07.",
        "The advisers met on Saturday.",
        "Les conseillers se sont rencontrés samedi.",
    ],
)
def test_a_text_naming_the_day_names_it(text: str) -> None:
    assert names_day(text, SATURDAY, PAGE_DATE)


@pytest.mark.parametrize(
    "text",
    [
        "The advisers met on 17 February.",  # another day, sharing a digit
        "The advisers met on February 27.",
        "on 7 March",  # the day's number with another month
        "The advisers met last February.",  # the month only
        "They met on Sunday.",  # the week's other days
        "mardi 7",  # a weekday abbreviation is not a month
        "Talks were held in 2026.",
        "A year earlier, on 7 February 2025, they had not met.",  # the day of another year
        "Feb. 7, 2025",
    ],
)
def test_a_text_not_naming_the_day_does_not(text: str) -> None:
    assert not names_day(text, SATURDAY, PAGE_DATE)


def test_may_and_march_are_months_only_when_capitalised() -> None:
    may_day, march_day = dt.date(2026, 5, 7), dt.date(2026, 3, 7)
    assert names_day("Ottawa, May 7 (CP)", may_day)
    assert names_day("le 7 mai 2026", may_day)
    assert not names_day("all 7 may attend the talks", may_day)
    assert names_day("7 March 2026", march_day) and names_day("Mar. 7", march_day)
    assert not names_day("they will march 7 kilometres", march_day)
    assert not names_day("mar. 7", march_day)  # mardi, in French


def test_words_relative_to_the_page_need_the_page_date() -> None:
    assert names_day("They met on Saturday.", SATURDAY, PAGE_DATE)
    assert not names_day("They met on Saturday.", SATURDAY, None)
    assert not names_day("They met on Saturday.", SATURDAY, dt.date(2026, 2, 20))  # which one?
    assert names_day("They met today.", SATURDAY, SATURDAY)
    assert not names_day("They met today.", SATURDAY, PAGE_DATE)
    assert names_day("They met yesterday.", SATURDAY, dt.date(2026, 2, 8))
    assert names_day("Ils se sont rencontrés hier.", SATURDAY, dt.date(2026, 2, 8))
    assert names_day("Ils se sont rencontrés aujourd’hui.", SATURDAY, SATURDAY)
    assert not names_day("They will meet on Saturday.", SATURDAY, dt.date(2026, 2, 6))
