"""Finding one part of a quote in a passage, in time linear in both: exact, but for the case of
its first letter, and on word boundaries (``toolkit.foundation.quoting`` states the rule)."""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from functools import cache, cached_property


def find_part(part: str, passage: str, start: int = 0) -> int | None:
    """Where the first occurrence of ``part`` at or after ``start`` ends, or None: exact, but
    for the case of its first letter, and on word boundaries where it starts or ends with a
    letter or digit. Linear in the passage and the part (see ``_Needle.first``).

    A part has up to three spellings (its first letter in each case). Each is looked for in a
    window from ``start`` that doubles until one is found, so a spelling found late, or never,
    costs no more than twice the distance to the first match: a quote of many parts, each found
    early in one spelling, never pays for the other spelling's search to the passage's end."""
    needles = _needles(part)
    width = max(4 * len(part), _FIRST_WINDOW)
    while True:
        end = min(len(passage), start + width)
        ends = [e for n in needles if (e := n.first(passage, start, end)) is not None]
        if ends:
            return min(ends)
        if end == len(passage):
            return None
        width *= 2


_FIRST_WINDOW = 1024
"""Characters searched first for a part, before the window doubles."""


def is_word_character(character: str) -> bool:
    """What a regular expression's ``\\w`` matches in Unicode text: a letter, a digit or ``_``."""
    return character.isalnum() or character == "_"


@dataclass(frozen=True)
class _Needle:
    """One spelling of a part (one case of its first letter), searched for by ``str.find``."""

    text: str
    bounded_before: bool
    bounded_after: bool

    def first(self, passage: str, start: int, end: int) -> int | None:
        """The end of the first occurrence on word boundaries within ``start``..``end``, or
        None (the characters either side are looked at beyond the window too).

        A bare ``str.find`` restarted one character after each occurrence that fails a boundary
        costs time proportional to the passage times the part on periodic text (``x a b a b a
        ...`` against ``a b a b ... a``). Instead, after an occurrence at ``at`` the next one is
        either at ``at + period`` (found by comparing only the ``period`` new characters) or at
        least ``max(period, length - period) + 1`` further on (the Fine and Wilf theorem); and
        within a run of occurrences ``period`` apart, every one but the first and the last has
        the same characters on either side, so the run is crossed in one comparison when they
        fail. Every character of the passage is compared a bounded number of times."""
        text, length = self.text, len(self.text)
        at = passage.find(text, start, end)
        while at != -1 and at + length <= end:
            if self._bounded(passage, at):
                return at + length
            period = self.period
            if period < length and passage.startswith(text[length - period :], at + length):
                if self._inner_fail_before:
                    at = self._last_in_run(passage, at)
                    at = passage.find(text, at + max(period, length - period) + 1, end)
                elif self._inner_fail_after:
                    at = max(at + period, self._last_in_run(passage, at))
                else:
                    at += period
            elif period < length:
                at = passage.find(text, at + max(period, length - period) + 1, end)
            else:
                at = passage.find(text, at + length, end)
        return None

    def _bounded(self, passage: str, at: int) -> bool:
        end = at + len(self.text)
        return (not self.bounded_before or at == 0 or not is_word_character(passage[at - 1])) and (
            not self.bounded_after or end == len(passage) or not is_word_character(passage[end])
        )

    @cached_property
    def period(self) -> int:
        """The text's smallest period (the least ``p`` with ``text[p:] == text[:-p]``), from the
        Knuth-Morris-Pratt failure function: linear, and computed only when an occurrence fails
        a boundary."""
        text = self.text
        failure = array("l", [0]) * len(text)
        matched = 0
        for index in range(1, len(text)):
            while matched and text[index] != text[matched]:
                matched = failure[matched - 1]
            if text[index] == text[matched]:
                matched += 1
            failure[index] = matched
        return len(text) - failure[-1]

    @cached_property
    def _inner_fail_before(self) -> bool:
        """Whether an occurrence right after another, ``period`` on, always fails its start."""
        return self.bounded_before and is_word_character(self.text[self.period - 1])

    @cached_property
    def _inner_fail_after(self) -> bool:
        """Whether an occurrence right before another always fails its end."""
        return self.bounded_after and is_word_character(self.text[len(self.text) - self.period])

    def _last_in_run(self, passage: str, at: int) -> int:
        """The start of the last occurrence in the run of occurrences ``period`` apart that
        starts at ``at``: the copies of the text's last ``period`` characters that follow it are
        counted in doubling steps, each one comparison."""
        period = self.period
        block = self.text[len(self.text) - period :]
        after = at + len(self.text)
        copies, step = 0, 1
        while passage.startswith(block * step, after + copies * period):
            copies += step
            step *= 2
        while step > 1:
            step //= 2
            if passage.startswith(block * step, after + copies * period):
                copies += step
        return at + copies * period


@cache
def _needles(part: str) -> tuple[_Needle, ...]:
    """A part's spellings: its first letter in each case, where both cases are one character
    (``ß`` and ``İ``, whose case mappings change length, must match as written)."""
    first = part[0]
    cases = {first, first.lower(), first.upper()}
    heads = sorted(cases) if first.isalpha() and all(len(c) == 1 for c in cases) else [first]
    return tuple(
        _Needle(
            text,
            bounded_before=first.isalnum(),
            bounded_after=part[-1].isalnum(),
        )
        for text in (head + part[1:] for head in heads)
    )
