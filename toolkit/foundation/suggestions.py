"""Did-you-mean suggestions for misspelt keys, ids and values."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process

CUTOFF = 60
"""How similar (0 to 100, Indel similarity) a choice must be to be offered as the fix."""
BATCH_FROM = 16
"""Fewer distinct words than this are compared one at a time."""
BATCH_ROWS = 64
"""Words compared at once: their scores against every choice are held together (64 rows of
100,000 choices take 51 MB)."""


class Suggester:
    """Suggestions from one set of choices, built once and asked many times: each distinct word
    is compared with the choices once, in C (rapidfuzz), with a cut-off that skips hopeless
    candidates early. A bulk import with a wrong prefix costs once per distinct bad value, not
    errors x records."""

    def __init__(self, choices: Iterable[str]) -> None:
        # longest first among equal scores, as difflib's get_close_matches ranked them
        self.choices = tuple(sorted(set(choices), reverse=True))
        self._known: dict[str, str | None] = {}

    def __call__(self, word: str) -> str | None:
        """The closest choice to a misspelt word, if one is close enough to be a likely fix."""
        if word not in self._known:
            found = process.extractOne(word, self.choices, scorer=fuzz.ratio, score_cutoff=CUTOFF)
            self._known[word] = None if found is None else str(found[0])
        return self._known[word]

    def prepare(self, words: Iterable[str]) -> None:
        """Work out the suggestions for many words at once: compared in blocks on every core
        (rapidfuzz's ``cdist``), each word's best choice the first with the highest score, as
        ``extractOne`` picks it. Ten thousand misspelt ids against a hundred thousand cost
        seconds, not minutes."""
        wanted = sorted(set(words) - self._known.keys())
        if len(wanted) < BATCH_FROM or not self.choices:
            return  # asked one at a time, as cheaply
        import numpy  # only here: every command imports this module, few need numpy

        for start in range(0, len(wanted), BATCH_ROWS):
            block = wanted[start : start + BATCH_ROWS]
            scores = process.cdist(
                block,
                self.choices,
                scorer=fuzz.ratio,
                score_cutoff=CUTOFF,
                dtype=numpy.float64,
                workers=-1,
            )
            best = scores.argmax(axis=1)
            for row, word in enumerate(block):
                column = int(best[row])
                self._known[word] = self.choices[column] if scores[row, column] else None


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The closest choice to a misspelt word, if one is close enough to be a likely fix."""
    return Suggester(choices)(word)
