"""The loader keeps text as text, locates every value, and refuses unsafe YAML."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.reading.loader import load_file


def load(tmp_path: Path, text: str) -> tuple[object, list[str]]:
    path = tmp_path / "record.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_file(path)
    return loaded.data, [problem.code for problem in loaded.problems]


@pytest.mark.parametrize(
    "scalar", ["NO", "yes", "off", "on", "y", "12:30", "2026-02-07", "2026-02"]
)
def test_yaml_1_1_traps_stay_the_text_written(tmp_path: Path, scalar: str) -> None:
    assert load(tmp_path, f"value: {scalar}\n") == ({"value": scalar}, [])


@pytest.mark.parametrize("scalar", ["1e3", "012", "0x1F", "2023", ".inf", "-1.5", "1_000", "0o17"])
def test_yaml_1_2_numbers_are_reported_and_kept_as_written(tmp_path: Path, scalar: str) -> None:
    """What YAML 1.2 tools (check-jsonschema, editors) read as a number is refused, so the
    toolkit never accepts what they refuse; the text is kept so the other checks still run."""
    assert load(tmp_path, f"value: {scalar}\n") == ({"value": scalar}, ["E-YAML-NUMBER"])
    assert load(tmp_path, f"value: '{scalar}'\n") == ({"value": scalar}, [])


@pytest.mark.parametrize(
    ("scalar", "value"),
    [("true", True), ("false", False), ("null", None), ("~", None), ("", None), ("'true'", "true")],
)
def test_only_null_and_booleans_are_typed(tmp_path: Path, scalar: str, value: object) -> None:
    assert load(tmp_path, f"value: {scalar}\n") == ({"value": value}, [])


def test_positions_of_keys_and_values_are_one_based(tmp_path: Path) -> None:
    path = tmp_path / "record.yaml"
    path.write_text("id: x\npositions:\n  - title: Adviser\n    start: 2024-06-10\n")
    loaded = load_file(path)
    assert loaded.positions.values[("positions", 0, "start")] == (4, 12)
    assert loaded.positions.keys[("positions", 0, "start")] == (4, 5)
    assert loaded.position(("positions", 0, "missing")) == (3, 5)


def test_columns_count_characters_not_bytes(tmp_path: Path) -> None:
    path = tmp_path / "record.yaml"
    path.write_text("name: Mélanie Joly\nnext: x\ntitle: é: x\n", encoding="utf-8")
    [problem] = load_file(path).problems
    assert (problem.line, problem.column) == (3, 9)


def test_alias_bomb_is_refused_once_and_fast(tmp_path: Path) -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 12):
        refs = ", ".join([f"*a{level - 1}"] * 10)
        levels.append(f"a{level}: &a{level} [{refs}]")
    _, codes = load(tmp_path, "\n".join(levels) + "\n")
    assert codes == ["E-YAML-ALIAS"]


def test_object_constructing_tags_construct_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    _, codes = load(tmp_path, f"x: !!python/object/apply:os.system ['touch {marker}']\n")
    assert codes == ["E-YAML-TAG"]
    assert not marker.exists()


def test_explicit_str_tag_is_allowed(tmp_path: Path) -> None:
    assert load(tmp_path, "x: !!str 2026\n") == ({"x": "2026"}, [])


def test_byte_level_errors_are_located_by_character(tmp_path: Path) -> None:
    path = tmp_path / "record.yaml"
    path.write_bytes("id: x\nname: ÑÑÑÑ\x01\n".encode())
    [problem] = load_file(path).problems
    assert (problem.line, problem.column) == (2, 11)
    path.write_bytes("id: x\nname: ÑÑ".encode() + b"\xff\n")
    [problem] = load_file(path).problems
    assert (problem.code, problem.line, problem.column) == ("E-FILE-ENCODING", 2, 9)
