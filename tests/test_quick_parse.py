"""The quick path reads every file it takes exactly as the full libyaml path would.

``quick_values`` returns values only for files it can prove unremarkable; these tests hold it to
the full path (libyaml's node tree through the located builder) on every record in the
repository, on the case suite's and the hostile suite's files, and on generated YAML: whenever
the quick path answers, the full path gives the same values and finds nothing to report.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
import yaml
import yaml_rs
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from toolkit.foundation.characters import FORBIDDEN
from toolkit.foundation.problems import Problem
from toolkit.reading.loader import parse_bytes
from toolkit.reading.node_builder import MAX_DEPTH, LocatedBuilder
from toolkit.reading.quick_parse import quick_values
from toolkit.reading.scalars import NodeParser

ROOT = Path(__file__).resolve().parent.parent


def full_path(raw: bytes) -> tuple[Any, list[Problem]] | None:
    """The values and problems of the libyaml path, or None where libyaml refuses the file."""
    parser = NodeParser(raw)
    try:
        node = parser.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()
    problems: list[Problem] = []
    values = LocatedBuilder("x.yaml", problems).build(node) if node is not None else None
    return values, problems


def eligible(raw: bytes) -> str | None:
    """The text of bytes the loader would offer the quick path (the check it makes first)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if raw.startswith(b"\xef\xbb\xbf") or b"\\" in raw or FORBIDDEN.search(text):
        return None
    return text


def assert_agrees(raw: bytes) -> bool:
    """Whether the quick path answered; when it did, the full path must agree."""
    text = eligible(raw)
    quick = None if text is None else quick_values(raw, text)
    if quick is None:
        return False
    full = full_path(raw)
    assert full is not None, "the quick path read a file libyaml refuses"
    values, problems = full
    assert problems == [], f"the quick path read a file the full path reports: {problems}"
    assert values == quick
    assert all(type(key) is str for key in quick)
    return True


REPOSITORY_FILES = sorted(
    [
        *(ROOT / "data").rglob("*.yaml"),
        *(ROOT / "tests" / "cases").rglob("*.yaml"),
        *(ROOT / "tests" / "hostile").rglob("*.yaml"),
    ]
)


def test_every_repository_file_reads_alike_and_most_take_the_quick_path() -> None:
    taken = [path for path in REPOSITORY_FILES if assert_agrees(path.read_bytes())]
    records = [path for path in (ROOT / "data").rglob("*.yaml")]
    taken_records = [path for path in taken if path.is_relative_to(ROOT / "data")]
    assert len(taken_records) >= 0.9 * len(records)  # the quick path is the common one


@pytest.mark.parametrize(
    "text",
    [
        "a: &x b\nc: *x\n",  # an anchor and an alias, which yaml-rs expands
        "a: an *emphasis* that could be an alias\n",
        "a: |\n",  # an empty block scalar: a line break to yaml-rs, nothing to libyaml
        "a: >\n  folded\n  to the end",  # no line break at the end
        "a: !!str 12\n",  # a tag, which yaml-rs accepts
        "a: ! x\n",  # the non-specific tag
        "a: 012\n",  # a number in YAML 1.2: the full path reports it
        "a: '012'\n",  # text that could be a number: only the full path knows it was quoted
        "a: 1_000\n",
        "a: .inf\n",
        "a: b\na: c\n",  # a duplicate key
        "1: x\n",  # a key that is not text
        "true: x\n",
        "? [a]\n: b\n",
        "- a\n",  # not a mapping
        "",  # no document
        "---\na: 1\n---\nb: 2\n",  # two documents
        "%YAML 1.2\n---\na: b\n",  # a directive
        'a: "x\ny"\n',  # a continuation line libyaml accepts and yaml-rs does not
        "a: b: c\n",  # a syntax error
        "a:\n\ufeff b: c\n",  # U+FEFF starting a line: skipped by libyaml, text to yaml-rs
        "a:\n" + "".join(f"{' ' * (2 * depth)}- \n" for depth in range(MAX_DEPTH + 2)),
    ],
)
def test_files_the_quick_path_cannot_vouch_for_take_the_full_path(text: str) -> None:
    raw = text.encode()
    assert quick_values(raw, text) is None
    assert parse_bytes(raw, "x.yaml").data == (full_path(raw) or (None,))[0]


def test_plain_files_take_the_quick_path() -> None:
    text = (
        "id: x\nname: Q & A, AT&T, well-known!\nlist:\n  - 'quoted'\n"
        '  - "double"\n  - >\n    folded\n    text\ntruth: true\nnothing:\nyear: 2026-02\n'
    )
    assert assert_agrees(text.encode())


def test_the_deepest_nesting_libyaml_accepts_is_read_without_crashing() -> None:
    """yaml-rs recurses on nesting (20,000 levels overflow its stack); libyaml accepts at most
    999 levels, flow and block together, before the quick path hands a file to yaml-rs, and
    yaml-rs stops flow nesting at 256: within what a thread's stack holds."""
    texts = [
        "- " * 999 + "x\n",
        "a: " + "[" * 255 + "]" * 255 + "\n",
        "- " * 743 + "[" * 255 + "]" * 255 + "\n",
    ]
    results: list[tuple[object, list[str]]] = []

    def read_all() -> None:
        for text in texts:
            reached = yaml_rs.loads(text) is not None  # the quick parser itself survives it
            codes = [problem.code for problem in parse_bytes(text.encode(), "x.yaml").problems]
            results.append((reached, codes))

    thread = threading.Thread(target=read_all)
    thread.start()
    thread.join()
    assert results == [(True, ["E-YAML-LIMIT"])] * len(texts)


FRAGMENTS = [
    "a", "b", "id", "é", "’", "“", "中", " ", "  ", "\n", "\n  ", "\n    ", ": ", ":", "- ", "-",
    "? ", "[", "]", "{", "}", ", ", ",", "'", "''", '"', "#", " #", "|", "|-", "|+", ">", ">-",
    ">2", "1", "0", "12", "1.5", ".", "e3", "+", "_", "x", "true", "null", "~", "yes", "&", "*",
    "!", "%", "@", "`", "---", "...", "<<", "2026-02-07", "'it''s'", "\u00a0", "\t", "\r\n",
    "\ufeff",
]  # fmt: skip


yaml_soup = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)
"""Text assembled from YAML's own punctuation and some words: mostly invalid, sometimes valid
in one parser and not the other, which is what the quick path must never get wrong."""


def _values() -> st.SearchStrategy[Any]:
    text = st.text(st.characters(codec="utf-8"), max_size=20)
    leaves = st.one_of(text, st.booleans(), st.none())
    return st.recursive(
        leaves,
        lambda children: (
            st.lists(children, max_size=4) | st.dictionaries(text, children, max_size=4)
        ),
        max_leaves=20,
    )


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yaml_soup)
@example("a: 'x\n\n  y'\n")
@example("a: x\n  y\n\n  z\n")
@example("a: |2\n   x\n  y\n")
@example("a: >\n\n  x\n")
@example("a: |+\n  x\n\n\nb: c\n")
def test_assembled_yaml_reads_alike(text: str) -> None:
    assert_agrees(text.encode())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(st.text(max_size=10), _values(), min_size=1, max_size=5),
    st.sampled_from([None, "'", '"', "|", ">"]),
    st.booleans(),
    st.integers(min_value=10, max_value=80),
)
def test_dumped_values_read_alike(
    values: dict[str, Any], style: str | None, flow: bool, width: int
) -> None:
    """Values PyYAML writes in every scalar style, flow or block, folded at any width."""
    text = yaml.safe_dump(
        values, default_style=style, default_flow_style=flow, width=width, allow_unicode=True
    )
    assert_agrees(text.encode())
