"""How the checks a pull request can make expensive grow with their input.

Each measure runs at a size and at ten times that size in the same run; a ratio near 10 is
linear growth, near 100 quadratic. Printed, not asserted: machines are shared and noisy.

    python bench/growth.py
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from toolkit.foundation.quoting import closest, normalise, occurs, parts, quoted_spans
from toolkit.foundation.suggestions import Suggester

WORDS = ["alpha", "beta", "gamma", "delta", "officer", "plan", "liaison", "security", "drug"]


def timed(work: Callable[[], object]) -> float:
    """The best of three runs, in seconds."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def suggestions(size: int) -> Callable[[], object]:
    """``size`` broken references (a tenth of them distinct) against ``size * 10`` ids."""
    ids = [f"source-{n:06d}-{random.choice(WORDS)}" for n in range(size * 10)]
    bad = [f"sourse-{n % (size // 10 or 1):06d}" for n in range(size)]

    def run() -> object:
        suggester = Suggester(ids)
        return [suggester(word) for word in bad]

    return run


def long_quote(size: int) -> Callable[[], object]:
    """A missing quote of ``size`` words against five passages of ``size`` words."""
    passage = normalise(" ".join(random.choice(WORDS) for _ in range(size)))
    quote = " ".join(random.choice(WORDS) for _ in range(size)) + " missing"
    return lambda: closest(quote, [passage] * 5)


def pathological_text(size: int) -> Callable[[], object]:
    """Runs of spaces, dots and quote marks that once cost quadratic time to split."""
    text = " " * size + "." * size + "“" * size + "a"
    return lambda: (parts(text), quoted_spans(text), normalise(text))


def periodic_quote(size: int) -> Callable[[], object]:
    """A quote of ``size`` repeating words, missing by its last, in a passage of ``2 * size``
    of the same words: the shape on which a search restarted after every occurrence is
    quadratic."""
    passage = normalise("x" + "a b " * size)
    quote = "a b " * (size // 2) + "c"
    return lambda: occurs(quote, passage)


def many_parts(size: int) -> Callable[[], object]:
    """A quote of ``size`` two-letter parts, each found early in one case of its first letter
    and late, or never, in the other: a search per spelling to the passage's end is quadratic."""
    passage = "Ab " * size + "xab" * size
    quote = "…".join(["ab"] * size)
    return lambda: occurs(quote, passage)


def main() -> None:
    random.seed(7)
    print(f"{'measure':<42}{'n':>10}{'10 n':>10}{'ratio':>8}")
    for name, make, size in [
        ("did-you-mean for broken references", suggestions, 1_000),
        ("closest wording of a long missing quote", long_quote, 400),
        ("splitting pathological text", pathological_text, 100_000),
        ("finding a periodic quote", periodic_quote, 10_000),
        ("a quote of many parts", many_parts, 1_000),
    ]:
        small, large = timed(make(size)), timed(make(size * 10))
        print(f"{name:<42}{small:>9.3f}s{large:>9.3f}s{large / small:>8.1f}")


if __name__ == "__main__":
    main()
