"""Did-you-mean suggestions: worked out in blocks on every core, they are exactly the ones
asked one at a time would give, ties included."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.foundation.suggestions import BATCH_FROM, Suggester

SLUG = st.text("abcde-0123", min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(
    choices=st.lists(SLUG, min_size=1, max_size=60),
    words=st.lists(SLUG, min_size=BATCH_FROM, max_size=80),
)
def test_suggestions_in_blocks_are_the_ones_asked_one_at_a_time(
    choices: list[str], words: list[str]
) -> None:
    one_at_a_time = Suggester(choices)
    in_blocks = Suggester(choices)
    in_blocks.prepare(words)
    assert set(words) <= in_blocks._known.keys() or len(set(words)) < BATCH_FROM
    assert [in_blocks(word) for word in words] == [one_at_a_time(word) for word in words]


def test_many_misspelt_ids_are_suggested_their_ids() -> None:
    """A prefix misspelt in two thousand ids (each distinct): each gets its own id back."""
    ids = [f"source-{n:05d}-report" for n in range(5_000)]
    words = [f"sourse-{n:05d}-report" for n in range(0, 5_000, 2)]
    suggester = Suggester(ids)
    suggester.prepare(words)
    assert [suggester(word) for word in words] == [w.replace("sourse", "source") for w in words]
