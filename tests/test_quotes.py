"""The quote rule: what it forgives, what it reports, and that it guards every quote in data/."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from toolkit.checking.rules.quotes import QUOTE_KEYS, QuoteUse, may_hold_quotes, quote_facts
from toolkit.checking.rules.quotes import uses as quote_uses_of
from toolkit.checking.validate import check_data
from toolkit.foundation.passage_search import find_part, is_word_character
from toolkit.foundation.quoting import (
    _matched_parts,
    closest,
    differences,
    normalise,
    occurs,
    quoted_spans,
)
from toolkit.models import COLLECTIONS
from toolkit.models.base import Claim
from toolkit.reading.loader import load_file, parse_bytes

DATA = Path(__file__).parent.parent / "data"
PASSAGE = normalise(
    "“During the meeting, it was agreed that each country would establish security and "
    "law‑enforcement liaison officers,” the statement said. This step, the MEA said, would "
    "help streamline bilateral communications."
)


@pytest.mark.parametrize(
    "quote",
    [
        "it was agreed that each country would establish",
        "It was agreed that each country would establish",  # a quote may start a sentence
        "security and law-enforcement liaison officers",  # non-breaking hyphen in the page
        "security and law–enforcement liaison officers",  # en dash
        'officers," the statement said',  # curly against straight quote marks
        "each  country\n would establish",  # runs of whitespace
        "it was agreed … liaison officers",
        "it was agreed...liaison officers",
        "During the meeting … This step … would help",
    ],
)
def test_typographic_differences_and_ellipses_are_forgiven(quote: str) -> None:
    assert occurs(quote, PASSAGE)


@pytest.mark.parametrize(
    "quote",
    [
        "This important step will help",  # words added and changed
        "it was agreed that each country would establish further",
        "it was agreed that EACH country would establish",  # case inside a quote
        "during the meeting, It was agreed",  # case of a word that does not start the quote
        "liaison officers … it was agreed",  # parts out of order
        "security and law enforcement liaison officers",  # a hyphen is not a space
        "stream",  # part of a word
        "agreed that each country would establish.",  # punctuation the page does not have
    ],
)
def test_any_other_difference_is_refused(quote: str) -> None:
    assert not occurs(quote, PASSAGE)


def test_closest_wording_and_differing_words_are_named() -> None:
    near = closest("This important step will help streamline", [PASSAGE])
    assert near is not None
    assert near.span.startswith("This step, the MEA said, would help streamline")
    assert '"important" is not in the passage' in near.differences
    assert any('"will" where the passage has' in d and "would" in d for d in near.differences)


def test_the_part_after_an_ellipsis_that_fails_is_the_one_shown() -> None:
    near = closest("it was agreed … liaison officials", [PASSAGE])
    assert near is not None
    assert near.differences == ['"officials" where the passage has "officers,"']


def test_sentence_initial_capital_is_not_a_difference() -> None:
    assert differences("It was agreed", "it was agreed") == []


def test_quoted_spans_in_free_text() -> None:
    text = 'The MEA called it “an important step” and the report said "work plan".'
    assert quoted_spans(text) == ["an important step", "work plan"]


def _quotes_in_data() -> list[tuple[str, QuoteUse]]:
    checked = check_data(DATA)
    uses = [(record.name, use) for record in checked.records for use in quote_uses_of(record)]
    assert uses, "the records hold quotes"
    return uses


def _sample(uses: list[tuple[str, QuoteUse]]) -> list[tuple[str, QuoteUse]]:
    """A few quotes of each kind (quote lists, claims, words in quotes in free text)."""
    picked: list[tuple[str, QuoteUse]] = []
    for kind in ("text", "quote", "inline"):
        of_kind = [
            (name, use)
            for name, use in uses
            if (use.inline if kind == "inline" else not use.inline and use.path[-1] == kind)
            and len(use.text.split()) >= 3
        ]
        picked += of_kind[:: max(1, len(of_kind) // 3)][:3]
    return picked


def test_changing_one_word_of_any_quote_in_data_is_an_error_at_that_quote(
    tmp_path: Path,
) -> None:
    """The issue's test: one word changed inside a quote makes validation fail at that quote;
    the same quote with the word replaced by an ellipsis passes."""
    shutil.copytree(DATA, tmp_path / "data")
    data = tmp_path / "data"
    assert check_data(data).report.ok
    for name, use in _sample(_quotes_in_data()):
        path = data.joinpath(*Path(name).parts[-2:])  # <collection>/<id>.yaml
        original = path.read_text(encoding="utf-8")
        words = use.text.split()
        middle = len(words) // 2
        pattern = r"\s+".join(map(re.escape, words))  # the whole quote, where it stands
        start = load_file(path).position(use.path)
        assert start is not None
        lines = original.split("\n")
        offset = sum(len(line) + 1 for line in lines[: start[0] - 1]) + start[1] - 1
        found = re.compile(pattern).search(original, offset)
        assert found is not None, (name, use.text)
        target = re.compile(rf"(?<!\w){re.escape(words[middle])}(?!\w)").search(
            original, found.start()
        )
        assert target is not None
        at = target.start()
        line = original.count("\n", 0, at) + 1

        path.write_text(original[:at] + "zzz" + original[at:], encoding="utf-8")
        problems = [p for p in check_data(data).report.problems if p.code == "E-QUOTE-TEXT"]
        assert [(Path(p.file).name, p.path) for p in problems] == [(path.name, use.path)]
        assert problems[0].line is not None
        assert problems[0].line <= line  # at the quote (or, in a folded value, where it starts)
        assert "zzz" in (problems[0].hint or "")

        end = at + len(words[middle])
        path.write_text(original[:at] + "…" + original[end:], encoding="utf-8")
        problems = check_data(data).report.problems
        # the English changed, so a French version of it is out of date (and no longer holds
        # the quote as the English now gives it); nothing else is wrong
        stale = {"E-TRANSLATION-STALE", "E-TRANSLATION-QUOTE"}
        assert {p.code for p in problems} <= stale, (name, use.text)
        path.write_text(original, encoding="utf-8")


# What counts as the same text (hostile input, class 4) and what counts as a quote (class 5).

SOFT_HYPHEN, ZERO_WIDTH_SPACE, WORD_JOINER = "\u00ad", "\u200b", "\u2060"


@pytest.mark.parametrize(
    ("quote", "passage"),
    [
        ("work", f"a shared work{SOFT_HYPHEN}plan"),  # a format character does not split a word
        ("work", f"a shared work{ZERO_WIDTH_SPACE}plan"),
        ("plan", f"a shared work{WORD_JOINER}plan"),
        ("ßtraße", "Straße"),  # ß upper-cases to two letters: no case forgiven
        ("SStraße", "ßtraße"),
        ("i̇stanbul", "İstanbul"),  # İ lower-cases to two characters
        ("cafe", "the café"),  # precomposed é in the page
        ("cafe", "the cafe\u0301"),  # decomposed é in the page
    ],
)
def test_invisible_characters_and_length_changing_cases_let_nothing_through(
    quote: str, passage: str
) -> None:
    assert not occurs(quote, normalise(passage))


@pytest.mark.parametrize(
    ("quote", "passage"),
    [
        ("shared workplan", f"a shared work{SOFT_HYPHEN}plan"),  # invisible in the page
        (f"shared work{ZERO_WIDTH_SPACE}plan", "a shared workplan"),  # invisible in the quote
        ("café", "the cafe\u0301"),  # the same letter, composed or not
        ("Straße", "straße"),  # a one-letter case change still starts a sentence
    ],
)
def test_the_documented_equivalences_hold(quote: str, passage: str) -> None:
    assert occurs(quote, normalise(passage))


@pytest.mark.parametrize(
    "text",
    [
        "the MEA called it «a shared work plan» then",
        "the MEA called it „a shared work plan“ then",
        'the MEA called it “a shared work plan" then',  # a mismatched pair
        "the MEA called it « a shared work plan » then",  # French spacing inside
        "the MEA called it “a shared\nwork plan” then",  # across a line break
    ],
)
def test_every_quotation_mark_opens_a_quote_in_any_pairing_and_across_lines(text: str) -> None:
    [span] = quoted_spans(text)
    assert normalise(span) == "a shared work plan"


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("a 5″ pipe and the “agreed plan” today", ["agreed plan"]),  # a prime is a unit
        ("rated 5″ and 6″ and “plan”", ["plan"]),
        ("28°36′50″N and “plan”", ["plan"]),
        ('a 12" pipe and "the plan"', ["the plan"]),  # inches
        ("« il a dit “bonjour” »", ["il a dit “bonjour”"]),  # nested: checked with the outer
    ],
)
def test_units_and_nesting_do_not_shift_the_pairing(text: str, spans: list[str]) -> None:
    assert quoted_spans(text) == spans


@pytest.mark.parametrize("marks", ["«»", "„“", '“"', '"”'])
def test_words_in_any_quotation_marks_are_checked_by_validate(marks: str, base_data: Path) -> None:
    """Words the page does not print, in any pair of marks, in a commitment's statement: the
    real command reports them at that statement (and accepts the same words the page prints)."""
    from case_runner import run_cli

    path = base_data / "commitments" / "liaison-officers.yaml"
    content = path.read_text()
    statement = "  - text: The ministry said each side would establish liaison officers.\n"
    assert statement in content
    opening, closing = marks

    def write(words: str) -> list[tuple[str, list[object]]]:
        said = json.dumps(f"The ministry said {opening}{words}{closing}.")
        path.write_text(content.replace(statement, f"  - text: {said}\n"))
        _, out, _ = run_cli("validate", "--data", str(base_data), "--format", "json")
        return [(p["code"], p["path"]) for p in json.loads(out)["problems"]]

    assert write("They agreed on a work plan") == []  # as the readout prints it: accepted
    assert write("They agreed on a joint plan") == [("E-QUOTE-TEXT", ["statements", 0, "text"])]


def test_a_headline_never_satisfies_a_quote(base_data: Path) -> None:
    """Only passages are checked against the page (`toolkit sources check`), so words in quotes
    that only the source's title holds are refused; stored as a passage, they are accepted."""
    from case_runner import run_cli

    path = base_data / "commitments" / "liaison-officers.yaml"
    content = path.read_text()
    statement = "  - text: The ministry said each side would establish liaison officers.\n"
    quoted = 'The report was headed "Ministry says liaison officers agreed".'
    path.write_text(
        content.replace(
            statement + "    sources: [ministry-readout-2026-02-07]\n",
            f"  - text: {json.dumps(quoted)}\n    sources: [daily-news-2026-02-08]\n",
        )
    )
    _, out, _ = run_cli("validate", "--data", str(base_data), "--format", "json")
    assert [(p["code"], p["path"]) for p in json.loads(out)["problems"]] == [
        ("E-QUOTE-TEXT", ["statements", 0, "text"])
    ]
    source = base_data / "sources" / "daily-news-2026-02-08.yaml"
    source.write_text(source.read_text() + "  - text: Ministry says liaison officers agreed\n")
    _, out, _ = run_cli("validate", "--data", str(base_data), "--format", "json")
    assert json.loads(out)["problems"] == []


def test_a_very_long_missing_quote_is_diagnosed_from_its_first_words(base_data: Path) -> None:
    """The closest-wording search compares a bounded head of the failing part, so a quote of the
    longest text allowed still gets a located error with the wording nearest its first words."""
    from case_runner import run_cli
    from toolkit.foundation.quoting import DIAGNOSED

    long_quote = "They agreed on a joint plan " + "and more words " * 1300
    assert len(long_quote) > 60 * DIAGNOSED
    path = base_data / "commitments" / "liaison-officers.yaml"
    content = path.read_text()
    statement = "  - text: The ministry said each side would establish liaison officers.\n"
    said = json.dumps(f'The ministry said "{long_quote.strip()}".')
    path.write_text(content.replace(statement, f"  - text: {said}\n"))
    _, out, _ = run_cli("validate", "--data", str(base_data), "--format", "json")
    [problem] = json.loads(out)["problems"]
    assert (problem["code"], problem["path"]) == ("E-QUOTE-TEXT", ["statements", 0, "text"])
    assert 'closest passage wording: "They agreed on a work plan' in problem["message"]


def _regex_oracle(part: str, passage: str, start: int) -> int | None:
    """The part as the regular expression the rule was first written with: exact but for the
    case of its first letter, on word boundaries. Correct, and quadratic on periodic text."""
    first, rest = part[0], re.escape(part[1:])
    cases = {first, first.lower(), first.upper()}
    head = (
        "[" + "".join(map(re.escape, sorted(cases))) + "]"
        if first.isalpha() and all(len(case) == 1 for case in cases)
        else re.escape(first)
    )
    before = r"(?<!\w)" if first.isalnum() else ""
    after = r"(?!\w)" if part[-1].isalnum() else ""
    found = re.compile(f"{before}{head}{rest}{after}").search(passage, start)
    return None if found is None else found.end()


PERIODIC_ALPHABET = "aAbß_ .-é1"


@st.composite
def periodic_text(draw: st.DrawFn, most: int) -> str:
    """Text that repeats a short unit, with a few characters either side: the shape on which
    restarting a search after every occurrence costs quadratic time."""
    unit = draw(st.text(PERIODIC_ALPHABET, min_size=1, max_size=4))
    body = unit * draw(st.integers(0, most // len(unit)))
    return (
        draw(st.text(PERIODIC_ALPHABET, max_size=3))
        + body
        + draw(st.text(PERIODIC_ALPHABET, max_size=3))
    )


@settings(max_examples=3000, deadline=None)
@given(
    part=st.one_of(periodic_text(12), st.text(PERIODIC_ALPHABET, max_size=6)).filter(bool),
    passage=st.one_of(periodic_text(60), st.text(PERIODIC_ALPHABET, max_size=40)),
    start=st.integers(0, 70),
)
def test_the_linear_search_finds_what_the_regular_expression_finds(
    part: str, passage: str, start: int
) -> None:
    start = min(start, len(passage))
    assert find_part(part, passage, start) == _regex_oracle(part, passage, start)


@settings(max_examples=1500, deadline=None)
@given(
    quote_parts=st.lists(st.text("aAb _", min_size=1, max_size=4).filter(str.strip), max_size=5),
    passage=st.one_of(periodic_text(60), st.text(PERIODIC_ALPHABET, max_size=60)),
)
def test_parts_are_found_in_order_as_the_regular_expression_finds_them(
    quote_parts: list[str], passage: str
) -> None:
    """Several parts (a quote with ellipses), each searched from where the last one ended, in
    windows that grow: the same count of parts found as the regular expression's."""
    start, expected = 0, 0
    for part in quote_parts:
        end = _regex_oracle(part, passage, start)
        if end is None:
            break
        start, expected = end, expected + 1
    assert _matched_parts(quote_parts, passage) == expected


def test_word_characters_are_what_regular_expressions_call_words() -> None:
    """The boundary test and ``\\w`` agree on every code point."""
    disagree = [
        code
        for code in range(0x110000)
        if (re.fullmatch(r"\w", chr(code)) is not None) != is_word_character(chr(code))
    ]
    assert disagree == []


def test_periodic_quotes_against_periodic_passages_cost_linear_time(base_data: Path) -> None:
    """Forty quotes of periodic text, each missing by its last word, against forty passages of
    the longest text allowed, repeating the same words: with the search restarted after each
    occurrence, validation took over a minute and a half here; each quote is still refused and
    located, in a few seconds."""
    import subprocess
    import sys

    unit, length = "a b ", 19_000
    passage = (unit * (length // len(unit))).strip()
    source = base_data / "sources" / "daily-news-2026-02-08.yaml"
    source.write_text(
        source.read_text() + "".join(f"  - text: {json.dumps(passage)}\n" for _ in range(40))
    )
    path = base_data / "commitments" / "liaison-officers.yaml"
    content = path.read_text()
    statement = "  - text: The ministry said each side would establish liaison officers.\n"
    quote = passage[: length // 2] + " c"
    statements = "".join(
        f"  - text: {json.dumps(f'Report {n} said {chr(34)}{quote}{chr(34)}.')}\n"
        "    sources: [daily-news-2026-02-08]\n"
        for n in range(40)
    )
    path.write_text(
        content.replace(statement + "    sources: [ministry-readout-2026-02-07]\n", statements)
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "toolkit",
            "validate",
            "--data",
            str(base_data),
            "--no-cache",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=45,
        check=False,
    )
    problems = json.loads(result.stdout)["problems"]
    assert [(p["code"], p["path"][:2]) for p in problems] == [
        ("E-QUOTE-TEXT", ["statements", n]) for n in range(40)
    ]


def _models_within(model: type[BaseModel], seen: set[type[BaseModel]]) -> set[type[BaseModel]]:
    """Every model a record model nests, itself included."""
    if model in seen:
        return seen
    seen.add(model)
    for field in model.model_fields.values():
        for nested in re.findall(r"toolkit\.models\.\w+\.(\w+)", repr(field.annotation)):
            for candidate in BaseModel.__subclasses__() + _all_subclasses(BaseModel):
                if candidate.__name__ == nested and candidate.__module__.startswith("toolkit"):
                    _models_within(candidate, seen)
    return seen


def _all_subclasses(cls: type) -> list[type]:
    return [sub for direct in cls.__subclasses__() for sub in [direct, *_all_subclasses(direct)]]


def test_every_field_holding_quotes_is_named_as_the_shortcut_expects() -> None:
    """A file whose text holds no opening mark and no key in ``QUOTE_KEYS`` is not searched
    for quotes, so every field that holds a ``Quote``, and a claim's quoted words, must be
    named with one of those keys."""
    models: set[type[BaseModel]] = set()
    for model in COLLECTIONS.values():
        _models_within(model, models)
    quoting = {
        (model.__name__, name)
        for model in models
        for name, field in model.model_fields.items()
        if "Quote" in repr(field.annotation) or (issubclass(model, Claim) and name == "quote")
    }
    assert {("Claim", "quote"), ("Meeting", "quotes"), ("Event", "quotes")} <= quoting
    assert all(any(key in name for key in QUOTE_KEYS) for _, name in quoting), quoting


def test_a_record_without_quotation_marks_or_quote_keys_is_not_searched() -> None:
    """The shortcut is taken only when it cannot miss a quote: the same record with a quote
    in its statement is searched, and the quote found."""
    plain = (
        "id: t\nname: T\nstatements:\n  - text: The flow of drugs.\n    sources: [s]\n"
        "sources: [s]\n"
    )
    quoted = plain.replace("The flow of drugs.", "'It named «the flow of drugs».'")
    assert not may_hold_quotes(plain)
    assert may_hold_quotes(quoted)
    facts = {}
    for text in (plain, quoted):
        loaded = parse_bytes(text.encode(), "topics/t.yaml")
        model = COLLECTIONS["topics"].model_validate(loaded.data)
        facts[text] = quote_facts(model, text)["quotes"]
        assert facts[text] == quote_facts(model)["quotes"]  # the same as searching every value
    assert facts[plain] == ()
    assert [use[1] for use in facts[quoted]] == ["the flow of drugs"]
