"""Characters that reorder what readers see: the whole of Unicode's Bidi_Control property is
refused in records and replaced in every output, checked against the Unicode data itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex

from case_runner import run_cli
from toolkit.foundation.characters import FORBIDDEN, FORBIDDEN_CHARACTERS, holds_forbidden, scrub
from toolkit.foundation.escaping import terminal
from toolkit.publishing.site.markup import text

BIDI_CONTROL = regex.compile(r"\p{Bidi_Control}")


def bidi_controls() -> list[str]:
    """Every code point that has the property, from the ``regex`` module's Unicode data."""
    return [
        chr(code)
        for code in range(0x110000)
        if not 0xD800 <= code <= 0xDFFF and BIDI_CONTROL.match(chr(code))
    ]


def test_the_refused_set_holds_the_whole_bidi_control_property() -> None:
    found = bidi_controls()
    assert (
        len(found) >= 12
    )  # the Arabic letter mark, LRM, RLM, 5 embeddings and overrides, 4 isolates
    assert [f"U+{ord(c):04X}" for c in found if not FORBIDDEN.fullmatch(c)] == []


@pytest.mark.parametrize("control", bidi_controls(), ids=lambda c: f"U+{ord(c):04X}")
def test_each_bidi_control_is_refused_where_it_stands_and_never_shown(
    control: str, base_data: Path
) -> None:
    """Written as a YAML escape into a person's name, each one reaches the text check and is
    reported there, at that field; every output boundary replaces it."""
    person = base_data / "people" / "asha-rao.yaml"
    content = person.read_text()
    assert "name: Asha Rao\n" in content
    escaped = json.dumps(f"Asha {control}Rao")  # JSON escapes are YAML double-quoted escapes
    person.write_text(content.replace("name: Asha Rao\n", f"name: {escaped}\n"))
    code, out, _ = run_cli("validate", "--data", str(base_data), "--format", "json")
    assert code == 1
    problems = json.loads(out)["problems"]
    assert [(p["code"], p["path"]) for p in problems] == [("E-TEXT-CHAR", ["name"])]
    assert f"U+{ord(control):04X}" in problems[0]["message"]
    for shown in (scrub(control), text(control), terminal(control)):
        assert control not in shown


@pytest.mark.parametrize(
    ("ending", "where"),
    [("\r", "every line"), ("\n", "one line"), ("\r\n", "one line")],
    ids=["cr-everywhere", "one-cr-among-lf", "one-cr-among-crlf"],
)
def test_a_carriage_return_alone_is_refused_where_git_numbers_the_line(
    ending: str, where: str, base_data: Path
) -> None:
    """YAML takes a lone CR as a line break, git and GitHub do not: the file is refused, at the
    line and column git shows, before anything in it is read; CRLF files stay accepted."""
    topic = base_data / "topics" / "illicit-drugs.yaml"
    lines = topic.read_text().splitlines()
    if where == "every line":
        content = "\r".join(lines) + "\r"
    else:  # a CR alone at the end of the third line
        content = ending.join(lines[:3]) + "\r" + ending.join(lines[3:]) + ending
    topic.write_bytes(content.encode())
    raw = topic.read_bytes()
    cr = next(i for i, byte in enumerate(raw) if byte == 13 and raw[i + 1 : i + 2] != b"\n")
    git_line = raw.count(b"\n", 0, cr) + 1  # git counts line feeds only
    git_column = cr - (raw.rfind(b"\n", 0, cr) + 1) + 1
    code, out, _ = run_cli("validate", "--data", str(base_data), "--format", "json")
    assert code == 1
    [problem] = json.loads(out)["problems"]
    assert problem["code"] == "E-FILE-LINE-END"
    assert (problem["line"], problem["column"]) == (git_line, git_column)
    assert problem["file"].endswith("topics/illicit-drugs.yaml")


def test_crlf_files_are_read_as_git_reads_them(base_data: Path) -> None:
    topic = base_data / "topics" / "illicit-drugs.yaml"
    topic.write_bytes(topic.read_bytes().replace(b"\n", b"\r\n"))
    code, out, _ = run_cli("validate", "--data", str(base_data), "--format", "json")
    assert (code, json.loads(out)["problems"]) == (0, [])


def test_the_quick_check_for_forbidden_characters_agrees_with_the_pattern() -> None:
    """``holds_forbidden`` (a byte translation for ASCII files, a set for the rest) finds
    exactly the characters ``FORBIDDEN`` matches, in ASCII text and in text that is not."""
    matched = {chr(code) for code in range(0x110000) if FORBIDDEN.match(chr(code))}
    assert matched == FORBIDDEN_CHARACTERS
    allowed_sample = [chr(code) for code in range(0x110000) if code < 0xD800 or code > 0xDFFF]
    for character in [*sorted(matched), *allowed_sample[::97], "\n", "é", "’"]:
        if 0xD800 <= ord(character) <= 0xDFFF:
            continue  # never in text decoded from UTF-8
        for around in ("id: x\n", "name: Mélanie\n"):
            text = f"{around}text: a{character}b\n"
            expected = character in matched
            assert holds_forbidden(text.encode("utf-8"), text) is expected, hex(ord(character))
