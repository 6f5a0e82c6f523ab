"""File-level limits and hazards that are built at test time rather than committed: one way
to find and read record files (discovery and ``read_file``), used by every command."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import sys
import traceback
from pathlib import Path

import pytest

from case_runner import git
from toolkit.authoring.formatting import format_data, modeline
from toolkit.checking.cache import content_digest
from toolkit.checking.validate import check_changelog, check_info, validate
from toolkit.foundation.problems import Problem
from toolkit.publishing.preview import _fingerprint
from toolkit.reading.discovery import (
    MAX_FILE_BYTES,
    FileBytes,
    UnknownPathError,
    discover,
    read_file,
)
from toolkit.reading.snapshots import read_snapshot

SECRET = "id: fraud\nname: the-outside-secret\n"
"""A file outside the data folder; its contents must never be read or shown."""
LINK = ("E-PATH", "symbolic link: links in the data folder are never followed")


def codes_for(data: Path, name: str) -> list[tuple[str, str]]:
    report = validate(data)
    return [(p.code, p.message) for p in report.problems if p.file.endswith(name)]


def test_file_over_the_size_limit_is_refused_unread(base_data: Path) -> None:
    big = base_data / "topics" / "fraud.yaml"
    big.write_text("id: fraud\ndescription: " + "x" * MAX_FILE_BYTES + "\n")
    [(code, message)] = codes_for(base_data, "fraud.yaml")
    assert code == "E-FILE-SIZE"
    assert "1,000,000" in message


def all_text(data: Path) -> str:
    """Everything validation says about ``data``: messages, hints and file names."""
    return "\n".join(str(problem.as_dict()) for problem in validate(data).problems)


def test_dangling_symbolic_link_is_refused_as_a_link(base_data: Path) -> None:
    (base_data / "topics" / "fraud.yaml").symlink_to(base_data / "topics" / "missing.yaml")
    assert codes_for(base_data, "fraud.yaml") == [LINK]


def test_symbolic_link_out_of_the_data_folder_is_not_followed(
    base_data: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text(SECRET)
    (base_data / "topics" / "fraud.yaml").symlink_to(secret)
    assert codes_for(base_data, "fraud.yaml") == [LINK]
    assert "outside-secret" not in all_text(base_data)


def test_a_link_to_another_record_inside_the_data_folder_is_refused_too(base_data: Path) -> None:
    (base_data / "topics" / "drugs.yaml").symlink_to("illicit-drugs.yaml")
    problems = validate(base_data).problems
    assert [(p.file.rsplit("/", 2)[-2:], p.code, p.hint) for p in problems] == [
        (
            ["topics", "drugs.yaml"],
            "E-PATH",
            "replace the link with a copy of the file or folder it points to",
        )
    ]
    assert [file.stem for file in discover(base_data).records if file.collection == "topics"] == [
        "illicit-drugs"
    ]


def test_a_linked_collection_folder_is_refused_and_nothing_in_it_is_read(
    base_data: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    shutil.copytree(base_data / "topics", outside)
    (outside / "fraud.yaml").write_text(SECRET)
    shutil.rmtree(base_data / "topics")
    (base_data / "topics").symlink_to(outside)
    found = discover(base_data)
    assert not [file for file in found.records if file.collection == "topics"]
    assert [(p.file.rsplit("/", 1)[-1], p.code) for p in found.problems] == [("topics", "E-PATH")]
    assert "outside-secret" not in all_text(base_data)


@pytest.mark.parametrize("name", ["dataset.yaml", "changelog.yaml"])
def test_a_linked_top_level_document_is_refused_unread(
    base_data: Path, tmp_path: Path, name: str
) -> None:
    outside = tmp_path / name
    shutil.copy(base_data / name, outside)
    with outside.open("a") as handle:
        handle.write("# the-outside-secret\n")
    (base_data / name).unlink()
    (base_data / name).symlink_to(outside)
    assert codes_for(base_data, name) == [LINK]
    assert name not in discover(base_data).documents
    assert "outside-secret" not in all_text(base_data)
    # `toolkit release` reads them alone, through the same rule
    info, info_problems = check_info(base_data)
    _, changelog_problems = check_changelog(base_data, info)
    assert [(p.code, p.message) for p in info_problems + changelog_problems] == [LINK]


def test_link_loops_are_links_like_any_other(base_data: Path) -> None:
    topics = base_data / "topics"
    (topics / "again").symlink_to(".")  # a folder linking to itself
    (topics / "itself").symlink_to("itself")
    (topics / "a.yaml").symlink_to("b.yaml")
    (topics / "b.yaml").symlink_to("a.yaml")
    problems = validate(base_data).problems
    assert [(p.file.rsplit("/", 1)[-1], p.code) for p in problems] == [
        ("a.yaml", "E-PATH"),
        ("again", "E-PATH"),
        ("b.yaml", "E-PATH"),
        ("itself", "E-PATH"),
    ]


def test_the_data_folder_itself_may_be_a_link(base_data: Path, tmp_path: Path) -> None:
    chosen = tmp_path / "chosen"
    chosen.symlink_to(base_data)
    assert validate(chosen).problems == []
    assert len(discover(chosen).records) == len(discover(base_data).records)


def test_nested_folders_are_walked_without_recursion(base_data: Path) -> None:
    """However deep the folders, discovery does not recurse (Python's stack would run out)."""
    deepest = base_data / "topics" / "/".join(["d"] * 300)
    deepest.mkdir(parents=True)
    (deepest / "x.yaml").write_text("id: x\n")
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(traceback.extract_stack()) + 100)  # far fewer than 300 frames
    try:
        found = discover(base_data)
    finally:
        sys.setrecursionlimit(limit)
    assert [(p.file.endswith("/d/d/x.yaml"), p.code, p.message) for p in found.problems] == [
        (True, "E-PATH", "records sit directly in their collection folder")
    ]


def test_read_file_refuses_what_discovery_would_have_refused(tmp_path: Path) -> None:
    """The reader checks again on the open descriptor: a file swapped for a link or a
    special file after discovery is still refused."""
    record = tmp_path / "fraud.yaml"
    record.write_text("id: fraud\n")
    content = read_file(str(record), "fraud.yaml")
    assert isinstance(content, FileBytes) and content.raw == b"id: fraud\n"
    secret = tmp_path / "secret.yaml"
    secret.write_text(SECRET)
    link = tmp_path / "link.yaml"
    link.symlink_to(secret)
    refused = read_file(str(link), "link.yaml")
    assert isinstance(refused, Problem) and (refused.code, refused.message) == LINK
    refused = read_file(str(tmp_path), "folder")
    assert isinstance(refused, Problem)
    assert (refused.code, refused.message) == ("E-PATH", "not a regular file (a folder)")
    big = tmp_path / "big.yaml"
    big.write_bytes(b"x" * (MAX_FILE_BYTES + 5))
    too_big = read_file(str(big), "big.yaml")
    assert isinstance(too_big, Problem) and too_big.code == "E-FILE-SIZE"
    assert "1,000,005 bytes" in too_big.message


def test_the_cache_digest_reads_as_the_loader_reads(tmp_path: Path) -> None:
    record = tmp_path / "fraud.yaml"
    record.write_text("id: fraud\n")
    assert content_digest(str(record)) == hashlib.sha256(b"id: fraud\n").hexdigest()
    link = tmp_path / "link.yaml"
    link.symlink_to(record)
    assert content_digest(str(link)) == ""


def test_the_preview_watcher_does_not_follow_links(base_data: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(SECRET)
    (base_data / "topics" / "linked").symlink_to(outside)
    (base_data / "topics" / "loop").symlink_to(".")
    seen = {path for path, _, _ in _fingerprint([base_data])}
    assert str(base_data / "topics" / "linked") in seen  # noted as a link: adding it counts
    assert not any("secret" in path or "/loop/" in path for path in seen)


# `toolkit diff` and `toolkit release` read data folders and git revisions the same way


def test_a_data_folder_snapshot_skips_links_and_special_files(
    base_data: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text(SECRET)
    (base_data / "topics" / "fraud.yaml").symlink_to(secret)
    os.mkfifo(base_data / "topics" / "pipe.yaml")
    records = read_snapshot(str(base_data)).records
    assert ("topics", "fraud") not in records
    assert ("topics", "illicit-drugs") in records


def test_a_git_revision_never_reads_a_link_as_a_record(tmp_path: Path) -> None:
    """git stores a link as a blob holding its target's path: it must not become a record."""
    repo = tmp_path / "repo"
    shutil.copytree(Path(__file__).parent / "fixtures" / "base", repo / "data")
    (repo / "data" / "topics" / "fraud.yaml").symlink_to("id: fraud")  # target reads as YAML
    (repo / "data" / "topics" / "drugs.yaml").symlink_to("illicit-drugs.yaml")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "links")
    assert "120000" in git(repo, "ls-tree", "-r", "HEAD", "data/topics")
    records = read_snapshot("HEAD", repo / "data").records
    assert [key for key in records if key[0] == "topics"] == [("topics", "illicit-drugs")]


# `toolkit fmt` finds and reads files the same way, and checks them with the loader first


def test_fmt_refuses_a_linked_record_and_leaves_its_target_alone(
    base_data: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.yaml"
    messy = "name: the-outside-secret\nid:    fraud\n"  # fmt would reorder and respace it
    secret.write_text(messy)
    link = base_data / "topics" / "fraud.yaml"
    link.symlink_to(secret)
    for only in ((), (link,)):
        run = format_data(base_data, only, check=False)
        assert run.changed == []
        assert [(p.file.rsplit("/", 1)[-1], p.code, p.message) for p in run.report.problems] == [
            ("fraud.yaml", *LINK)
        ]
    assert secret.read_text() == messy
    assert link.is_symlink()


def test_fmt_refuses_a_file_over_the_limit_and_an_alias_bomb(base_data: Path) -> None:
    big = base_data / "topics" / "illicit-drugs.yaml"
    big.write_text("description: " + "x" * MAX_FILE_BYTES + "\nid: illicit-drugs\n")
    bomb = base_data / "topics" / "bomb.yaml"
    shutil.copy(Path(__file__).parent / "hostile" / "alias-bomb.yaml", bomb)
    before = bomb.read_bytes()
    run = format_data(base_data, (base_data / "topics",), check=False)
    assert run.changed == []
    assert [
        (p.file.rsplit("/", 1)[-1], p.code, p.message.split(":")[0]) for p in run.report.problems
    ] == [
        ("bomb.yaml", "E-FMT", "not formatted"),
        ("illicit-drugs.yaml", "E-FMT", "not formatted"),
    ]
    inner = [p.message.split("(")[1].split(":")[0] for p in run.report.problems]
    assert inner == ["E-YAML-ALIAS", "E-FILE-SIZE"]
    assert bomb.read_bytes() == before
    assert big.stat().st_size > MAX_FILE_BYTES


def test_fmt_selects_among_discovered_files_only(base_data: Path, tmp_path: Path) -> None:
    outside = tmp_path / "topics" / "fraud.yaml"
    outside.parent.mkdir()
    outside.write_text("id:    fraud\n")
    with pytest.raises(UnknownPathError):
        format_data(base_data, (outside,), check=False)
    assert outside.read_text() == "id:    fraud\n"


def test_fmt_replaces_a_file_atomically_keeping_its_mode(base_data: Path) -> None:
    topic = base_data / "topics" / "illicit-drugs.yaml"
    topic.write_text("name: Illicit drugs\nid: illicit-drugs\n")
    topic.chmod(0o640)
    run = format_data(base_data, (topic,), check=False)
    assert [name.rsplit("/", 1)[-1] for name in run.changed] == ["illicit-drugs.yaml"]
    assert topic.read_text() == f"{modeline('topics')}\nid: illicit-drugs\nname: Illicit drugs\n"
    assert stat.S_IMODE(topic.stat().st_mode) == 0o640
    assert [path.name for path in topic.parent.iterdir()] == ["illicit-drugs.yaml"]  # no temporary


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
        ("dataset.yaml", 2, "E-KEY-UNKNOWN", ("nmae",)),
        ("dataset.yaml", 5, "E-VALUE", ("version",)),
    }
