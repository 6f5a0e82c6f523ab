"""File-level limits and hazards that are built at test time rather than committed."""

from __future__ import annotations

from pathlib import Path

from toolkit.loader import MAX_FILE_BYTES
from toolkit.validate import validate


def codes_for(data: Path, name: str) -> list[tuple[str, str]]:
    report = validate(data)
    return [(p.code, p.message) for p in report.problems if p.file.endswith(name)]


def test_file_over_the_size_limit_is_refused_unread(base_data: Path) -> None:
    big = base_data / "topics" / "fraud.yaml"
    big.write_text("id: fraud\ndescription: " + "x" * MAX_FILE_BYTES + "\n")
    [(code, message)] = codes_for(base_data, "fraud.yaml")
    assert code == "E-FILE-SIZE"
    assert "1,000,000" in message


def test_dangling_symbolic_link_is_a_read_error(base_data: Path) -> None:
    (base_data / "topics" / "fraud.yaml").symlink_to(base_data / "topics" / "missing.yaml")
    assert codes_for(base_data, "fraud.yaml") == [
        ("E-FILE-READ", "cannot read file: No such file or directory")
    ]


def test_symbolic_link_out_of_the_data_folder_is_not_followed(
    base_data: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: fraud\n")
    (base_data / "topics" / "fraud.yaml").symlink_to(secret)
    [(code, message)] = codes_for(base_data, "fraud.yaml")
    assert code == "E-PATH"
    assert "outside the data folder" in message


def test_hidden_files_and_top_level_files_are_ignored(base_data: Path) -> None:
    (base_data / "topics" / ".DS_Store").write_bytes(b"\x00\x01")
    (base_data / "README.md").write_text("notes\n")
    assert validate(base_data).problems == []


def test_the_dataset_description_is_validated_with_locations(base_data: Path) -> None:
    info = base_data / "dataset.yaml"
    info.write_text(
        info.read_text()
        .replace("version: 1.2.3", "version: one")
        .replace("name: example-dialogue", "nmae: example-dialogue")
    )
    problems = {
        (p.file.rsplit("/", 1)[-1], p.line, p.code, p.path) for p in validate(base_data).problems
    }
    assert problems == {  # the misspelt key once, not again as a missing `name`
        ("dataset.yaml", 1, "E-KEY-UNKNOWN", ("nmae",)),
        ("dataset.yaml", 4, "E-VALUE", ("version",)),
    }
