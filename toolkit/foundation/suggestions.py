"""Did-you-mean suggestions for misspelt keys, ids and values."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process

CUTOFF = 60
"""How similar (0 to 100, Indel similarity) a choice must be to be offered as the fix."""


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


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The closest choice to a misspelt word, if one is close enough to be a likely fix."""
    return Suggester(choices)(word)
