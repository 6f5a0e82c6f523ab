"""The quote rule: does a quote occur in a passage, and if not, what is the closest wording?

Only typography is forgiven, and exactly this (``normalise``): runs of whitespace are one space;
straight and curly quotes, guillemets and primes are one double quote, and the single ones one
apostrophe; hyphens, dashes and the minus sign are one hyphen; text is compared in Unicode's
canonical composition (NFC: a decomposed ``é`` is the ``é`` it shows); invisible format
characters (Unicode category Cf: soft hyphens, zero-width spaces and joiners, word joiners) are
left out on both sides, so they neither hide a difference nor split a word. The case of a
quote's first letter is forgiven where a quote starts a sentence, only for a letter whose
other case is one character (``ß`` and ``İ``, whose case mappings change length, must match
as written). An ellipsis (``…`` or ``...``) in a quote marks omitted words: the parts around it
must appear in that order within one passage. Each part must start and end on word boundaries,
so ``work`` does not match inside ``workplan``, nor inside ``work\u00adplan``.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from toolkit.foundation.passage_search import find_part

_SPACES = re.compile(r"\s+")
_TYPOGRAPHY = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′`´", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        **dict.fromkeys("‐‑‒–—―−", "-"),
    }
)
_ELLIPSIS = re.compile(r"…|\.\.\.")
"""Split on the mark alone (each part is stripped after), so a run of spaces costs linear time."""
_QUOTED = re.compile(
    r"«([^«»]*)»"  # guillemets
    r"|„([^„“”]*)[“”]"  # low-high, as German and Polish open
    r"|“([^“”\"]*)[”\"]"  # curly, or closed by a straight mark
    r'|(?<![0-9])"([^"“”]*)["”]'  # straight, or closed by a curly mark; not inches (12")
)
"""Pairs of quotation marks, each opening mark with the marks that may close it. Primes (5″,
28°36′50″) are units, not quotation marks; a straight mark after a digit is inches. A quote may
run across lines; one nested in another is checked as part of the outer one."""


def may_hold_quoted(text: str) -> bool:
    """Whether ``text`` holds a mark that opens a pair in ``_QUOTED``: four substring scans in
    C, ten times faster than the search."""
    return '"' in text or "“" in text or "«" in text or "„" in text


_WORD = re.compile(r"\S+")


def _without_format_characters(text: str) -> str:
    """The text without its invisible format characters (category Cf), each distinct
    character looked up once rather than at every occurrence."""
    for character in {character for character in set(text) if not character.isascii()}:
        if unicodedata.category(character) == "Cf":
            text = text.replace(character, "")
    return text


def normalise(text: str) -> str:
    """The text with typographic variants made one: the only differences the rule forgives."""
    if not text.isascii():  # format characters and decomposed letters are never ASCII
        text = unicodedata.normalize("NFC", _without_format_characters(text))
    return _SPACES.sub(" ", text.translate(_TYPOGRAPHY)).strip()


def quoted_spans(text: str) -> list[str]:
    """The words inside quotation marks in free text: guillemets, low and curly quotes and
    straight ones, in any of the pairings ``_QUOTED`` lists, across lines. Most free text
    holds no opening mark: four substring scans in C say so ten times faster than the search."""
    if not may_hold_quoted(text):
        return []
    spans = (
        next(group for group in match.groups() if group is not None)
        for match in _QUOTED.finditer(text)
    )
    return [span.strip() for span in spans if span.strip()]


@lru_cache(maxsize=4096)
def parts(quote: str) -> tuple[str, ...]:
    """The quote split at its ellipses, each part normalised; empty parts dropped. Cached: a
    quote is searched for in every passage of every source it cites."""
    return tuple(part for part in map(normalise, _ELLIPSIS.split(quote)) if part)


def occurs(quote: str, passage: str) -> bool:
    """Whether the quote's parts appear, in order, in the (normalised) passage."""
    return parts_occur(parts(quote), passage)


def parts_occur(quote_parts: Sequence[str], passage: str) -> bool:
    """Whether a quote's parts (``parts``, worked out once) appear, in order, in the passage."""
    return _matched_parts(quote_parts, passage) == len(quote_parts)


def _matched_parts(quote_parts: Sequence[str], passage: str) -> int:
    """How many of the parts, from the first, appear in order in the passage."""
    start = 0
    for number, part in enumerate(quote_parts):
        end = find_part(part, passage, start)
        if end is None:
            return number
        start = end
    return len(quote_parts)


@dataclass(frozen=True)
class Closest:
    """The passage wording nearest to a quote that was not found, and how the two differ."""

    passage: int
    """Which of the passages searched (by position in the list given)."""
    span: str
    """The closest stretch of that passage, whole words, normalised."""
    differences: list[str]
    """Each difference in words, quote first: ``"important" is not in the passage``."""


DIAGNOSED = 300
"""How much of a failing part, in characters (whole words), the closest-wording search compares:
enough for the message, which shows less; bounded, so a very long missing quote costs no more
than a short one."""


def _head(part: str) -> str:
    """The first ``DIAGNOSED`` characters of a part, cut at a word boundary."""
    if len(part) <= DIAGNOSED:
        return part
    cut = part.rfind(" ", 0, DIAGNOSED)
    return part[: cut if cut > 0 else DIAGNOSED]


def closest(quote: str, passages: Sequence[str]) -> Closest | None:
    """For a quote found in none of ``passages`` (normalised), the closest wording of the part
    that fails (its first words, up to ``DIAGNOSED`` characters), in the passage where most parts
    matched; None when there are no passages."""
    quote_parts = parts(quote)
    best: tuple[int, float, int, str, int, int] | None = None
    for number, passage in enumerate(passages):
        matched = _matched_parts(quote_parts, passage)
        failing = _head(quote_parts[min(matched, len(quote_parts) - 1)])
        alignment = fuzz.partial_ratio_alignment(failing, passage)
        if alignment is None:
            continue
        candidate = (
            matched,
            alignment.score,
            number,
            failing,
            alignment.dest_start,
            alignment.dest_end,
        )
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    if best is None:
        return None
    _, _, number, failing, start, end = best  # words are lined up in the best passage only
    span = _aligned_words(failing, passages[number], start, end)
    return Closest(number, span, differences(failing, span))


def _aligned_words(quote: str, passage: str, start: int, end: int) -> str:
    """The passage's words that line up with the quote, around the characters a fuzzy match
    found (``start``..``end``): from the word matching the quote's first word to the one
    matching its last, so added or missing words inside are shown, not cut off."""
    reach = len(quote)
    words = list(_words_between(passage, start - reach, end + reach))
    window = [w for _, w in words]
    quoted = [w.lower() for w in quote.split()]
    matcher = difflib.SequenceMatcher(None, quoted, [w.lower() for w in window], autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size]
    if not blocks:
        return " ".join(w for at, w in words if start <= at < end)
    first, last = blocks[0], blocks[-1]
    begin = max(0, first.b - first.a)
    finish = min(len(window), last.b + last.size + len(quoted) - last.a - last.size)
    return " ".join(window[begin:finish]).strip('"')  # the page's quote marks are not words


def _words_between(passage: str, first: int, last: int) -> Iterator[tuple[int, str]]:
    """The passage's words that start at ``first`` to ``last`` (exclusive), with their
    positions: only this stretch is split, so the work is bounded by the quote, not the page."""
    for word in _WORD.finditer(passage, max(0, first - 1)):  # from before, so no word is cut
        if word.start() >= last:
            return
        if word.start() >= first:
            yield word.start(), word.group()


def differences(quote: str, span: str) -> list[str]:
    """The word-level differences between a quote and a passage's wording, quote first. Words
    are lined up ignoring their punctuation, then a word whose punctuation differs is named."""
    quoted, printed = quote.split(), span.split()
    if quoted and printed and quoted[0].lower() == printed[0].lower():
        printed[0] = quoted[0]  # the case of a sentence's first letter is forgiven
    matcher = difflib.SequenceMatcher(
        None, [_bare(w) for w in quoted], [_bare(w) for w in printed], autojunk=False
    )
    found = []
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        ours, theirs = " ".join(quoted[i1:i2]), " ".join(printed[j1:j2])
        if operation == "equal":
            found += [
                f'"{a}" where the passage has "{b}"'
                for a, b in zip(quoted[i1:i2], printed[j1:j2], strict=True)
                if a != b
            ]
        elif operation == "replace":
            found.append(f'"{ours}" where the passage has "{theirs}"')
        elif operation == "delete":
            found.append(f'"{ours}" is not in the passage')
        else:
            found.append(f'the passage has "{theirs}" here')
    return found


def _bare(word: str) -> str:
    return word.strip(_PUNCTUATION).lower()


_PUNCTUATION = ".,;:!?\"'()[]"
