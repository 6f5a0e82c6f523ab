"""The hostile corpus: every file in tests/hostile/ is an attack or a malformation laid over the
valid base dataset. Each must be refused with its exact located problems, exit code 1, no
traceback and nothing written, within the time and memory stated in the README."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from case_runner import BASE
from inert_support import poison, with_current_digests, with_quoted_digests
from toolkit.checking.validate import check_data
from toolkit.publishing.dataset import Dataset
from toolkit.publishing.site.generate import generate_pages
from toolkit.publishing.site.i18n import speaking
from toolkit.reading.loader import MAX_FILE_BYTES

HOSTILE = Path(__file__).parent / "hostile"
CORPUS: dict[str, dict[str, object]] = json.loads((HOSTILE / "expected.json").read_text())
SECONDS = 30
MEMORY = 1 << 30  # 1 GiB of address space for the whole toolkit process


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def build_with_limits(root: Path, secret: str | None = None) -> subprocess.CompletedProcess[str]:
    """`toolkit build` in a fresh process, bounded in time and memory, reporting as JSON;
    ``secret`` (the contents of a file outside the data folder) must appear in no output."""
    validate = subprocess.run(
        [sys.executable, "-m", "toolkit", "validate", "--data", "data", "--format", "json"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=SECONDS,
        preexec_fn=_limit_memory,
    )
    assert "Traceback" not in validate.stdout + validate.stderr
    built = subprocess.run(
        [sys.executable, "-m", "toolkit", "build", "--no-site", "--data", "data", "--out", "dist"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=SECONDS,
        preexec_fn=_limit_memory,
    )
    assert "Traceback" not in built.stdout + built.stderr
    assert built.returncode == validate.returncode
    if secret is not None:
        for output in (validate.stdout, validate.stderr, built.stdout, built.stderr):
            assert secret not in output
    return validate


def located(report: str) -> list[str]:
    problems = json.loads(report)["problems"]
    return [
        f"{p['file'].removeprefix('data/')}:{p['line']}:{p['column']} {p['code']}"
        if p["line"]
        else f"{p['file'].removeprefix('data/')} {p['code']}"
        for p in problems
    ]


def lay_out(tmp_path: Path) -> Path:
    shutil.copytree(BASE, tmp_path / "data")
    return tmp_path


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_each_attack_is_refused_exactly(name: str, tmp_path: Path) -> None:
    spec = CORPUS[name]
    root = lay_out(tmp_path)
    shutil.copy(HOSTILE / name, root / "data" / str(spec["place"]))
    result = build_with_limits(root)
    expected = list(spec["expect"])  # type: ignore[call-overload]
    assert located(result.stdout) == expected
    if expected:
        assert result.returncode == 1
        assert not (root / "dist").exists()
        assert all(line.split(":")[0].split(" ")[0] for line in expected)  # each names its file
    else:
        assert result.returncode == 0


def test_a_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    root = lay_out(tmp_path)
    huge = root / "data" / "topics" / "illicit-drugs.yaml"
    with huge.open("w") as handle:
        handle.write("id: illicit-drugs\ndescription: ")
        handle.write("x" * (50 * MAX_FILE_BYTES))
    result = build_with_limits(root)
    assert (result.returncode, located(result.stdout)) == (
        1,
        ["topics/illicit-drugs.yaml E-FILE-SIZE"],
    )


def test_a_link_out_of_the_data_folder_is_not_followed(tmp_path: Path) -> None:
    root = lay_out(tmp_path)
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: illicit-drugs\nname: secret\n")
    target = root / "data" / "topics" / "illicit-drugs.yaml"
    target.unlink()
    target.symlink_to(secret)
    result = build_with_limits(root)
    assert "topics/illicit-drugs.yaml E-PATH" in located(result.stdout)
    assert "secret" not in result.stdout


# Links and special files, built at test time: nothing under data/ is read through a link, and
# nothing that is not a regular file is opened in a way that can block.

SECRET = "the-outside-secret-4417"
"""Written into every file outside the data folder that a link points at."""


def outside_copy(root: Path, name: str) -> Path:
    """A copy of ``data/<name>`` outside the data folder, with the secret in a comment."""
    outside = root / "outside" / name
    outside.parent.mkdir(parents=True, exist_ok=True)
    if (root / "data" / name).is_dir():
        shutil.copytree(root / "data" / name, outside)
        (outside / "secret.yaml").write_text(f"id: secret\nname: {SECRET}\n")
    else:
        shutil.copy(root / "data" / name, outside)
        with outside.open("a") as handle:
            handle.write(f"# {SECRET}\n")
    return outside


def _linked_collection(data: Path) -> None:
    outside = outside_copy(data.parent, "topics")
    shutil.rmtree(data / "topics")
    (data / "topics").symlink_to(outside)


def _linked_documents(data: Path) -> None:
    for name in ("dataset.yaml", "changelog.yaml"):
        outside = outside_copy(data.parent, name)
        (data / name).unlink()
        (data / name).symlink_to(outside)


def _link_loops(data: Path) -> None:
    (data / "topics" / "again").symlink_to(".")
    (data / "topics" / "a.yaml").symlink_to("b.yaml")
    (data / "topics" / "b.yaml").symlink_to("a.yaml")


def _named_pipe(data: Path) -> None:
    os.mkfifo(data / "topics" / "fraud.yaml")


def _link_inside(data: Path) -> None:
    (data / "topics" / "drugs.yaml").symlink_to("illicit-drugs.yaml")


LAYOUTS: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "collection folder linked outside": (_linked_collection, ["topics E-PATH"]),
    "dataset.yaml and changelog.yaml linked outside": (
        _linked_documents,
        ["changelog.yaml E-PATH", "dataset.yaml E-PATH"],
    ),
    "link loops": (
        _link_loops,
        ["topics/a.yaml E-PATH", "topics/again E-PATH", "topics/b.yaml E-PATH"],
    ),
    "named pipe named like a record": (_named_pipe, ["topics/fraud.yaml E-PATH"]),
    "record linked to another record": (_link_inside, ["topics/drugs.yaml E-PATH"]),
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_links_and_special_files_are_refused_unread(layout: str, tmp_path: Path) -> None:
    make, expected = LAYOUTS[layout]
    root = lay_out(tmp_path)
    make(root / "data")
    result = build_with_limits(root, secret=SECRET)
    problems = located(result.stdout)
    assert [problem for problem in problems if "E-PATH" in problem] == expected
    assert result.returncode == 1
    assert not (root / "dist").exists()


def fmt_with_limits(root: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    """`toolkit fmt` in a fresh process, bounded in time and memory; and how long it took."""
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "toolkit", "fmt", "--data", "data", *args],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=SECONDS,
        preexec_fn=_limit_memory,
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result, time.monotonic() - started


def test_fmt_never_rewrites_a_file_through_a_link(tmp_path: Path) -> None:
    root = lay_out(tmp_path)
    secret = root / "outside" / "secret.yaml"
    secret.parent.mkdir()
    secret.write_text(f"name:   {SECRET}\nid:    illicit-drugs\n")  # fmt would rewrite this
    before = secret.read_bytes()
    link = root / "data" / "topics" / "illicit-drugs.yaml"
    link.unlink()
    link.symlink_to(secret)
    for args in ((), ("data/topics/illicit-drugs.yaml",), ("--check",)):
        result, _ = fmt_with_limits(root, *args)
        assert result.returncode == 1
        assert "data/topics/illicit-drugs.yaml: error[E-PATH] symbolic link" in result.stdout
        assert SECRET not in result.stdout + result.stderr
        assert secret.read_bytes() == before
        assert link.is_symlink()


def test_fmt_refuses_a_huge_file_without_reading_it(tmp_path: Path) -> None:
    root = lay_out(tmp_path)
    huge = root / "data" / "topics" / "illicit-drugs.yaml"
    with huge.open("w") as handle:
        handle.write("description: ")
        handle.write("x" * (50 * MAX_FILE_BYTES))
        handle.write("\nid: illicit-drugs\n")
    size = huge.stat().st_size
    result, seconds = fmt_with_limits(root)
    assert result.returncode == 1
    assert "error[E-FMT] not formatted: the file has errors to fix first (E-FILE-SIZE: " in (
        result.stdout
    )
    assert seconds < 10  # parsing 50 MB with ruamel.yaml took 43 s
    assert huge.stat().st_size == size


def test_fmt_refuses_an_alias_bomb_before_expanding_it(tmp_path: Path) -> None:
    root = lay_out(tmp_path)
    bomb = root / "data" / "topics" / "illicit-drugs.yaml"
    shutil.copy(HOSTILE / "alias-bomb.yaml", bomb)
    result, seconds = fmt_with_limits(root, "data/topics")
    assert result.returncode == 1
    assert "error[E-FMT] not formatted: the file has errors to fix first (E-YAML-ALIAS: " in (
        result.stdout
    )
    assert seconds < 10
    assert bomb.read_bytes() == (HOSTILE / "alias-bomb.yaml").read_bytes()


def test_fmt_does_not_wait_on_a_named_pipe(tmp_path: Path) -> None:
    root = lay_out(tmp_path)
    os.mkfifo(root / "data" / "topics" / "fraud.yaml")
    for args in ((), ("data/topics/fraud.yaml",)):
        result, _ = fmt_with_limits(root, *args)  # a blocking open would time out
        assert result.returncode == 1
        assert "data/topics/fraud.yaml: error[E-PATH] not a regular file (a named pipe)" in (
            result.stdout
        )


def test_markup_in_every_free_text_field_is_escaped_in_the_pages(tmp_path: Path) -> None:
    root = lay_out(tmp_path)
    shutil.copy(
        HOSTILE / "html-in-every-free-text.yaml",
        root / "data" / "meetings" / "2026-02-07-dialogue.yaml",
    )
    dataset = Dataset.from_checked(check_data(root / "data", keep_records=True))
    (root / "dist").mkdir()
    (root / "dist" / "SHA256SUMS").write_text("")
    for path, content in generate_pages(dataset, root / "dist"):
        assert "<script>alert(1)" not in content, path
        assert "<img src=x" not in content, path


def test_the_fuzzer_runs_and_counts_its_inputs() -> None:
    fuzzer = Path(__file__).parent.parent / "bench" / "fuzz_loader.py"
    result = subprocess.run(
        [sys.executable, str(fuzzer), "--inputs", "300", "--seconds", "60", "--seed", "7"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("inputs tried: 300 in ")
    assert result.stdout.rstrip().endswith("crashes: 0")


PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def test_markup_in_every_free_text_field_of_every_collection_is_escaped(tmp_path: Path) -> None:
    import yaml

    from toolkit.reading.loader import load_file
    from toolkit.reading.schema_export import collection_schema

    root = lay_out(tmp_path)
    for path in sorted((root / "data").glob("*/*.yaml")):
        schema = collection_schema(path.parent.name)
        poisoned = with_current_digests(poison(load_file(path).data, schema, schema, PAYLOAD))
        path.write_text(
            with_quoted_digests(yaml.safe_dump(poisoned, allow_unicode=True, sort_keys=False))
        )
    checked = check_data(root / "data", keep_records=True)
    assert checked.report.ok, [p.as_dict() for p in checked.report.errors]
    (root / "dist").mkdir()
    (root / "dist" / "SHA256SUMS").write_text("")
    dataset = Dataset.from_checked(checked)
    with speaking("fr"):  # the French pages show the poisoned French versions, and the English
        french = generate_pages(dataset, root / "dist")
    pages = generate_pages(dataset, root / "dist")
    poisoned_pages = [path for path, content in pages if "&lt;script&gt;alert(1)" in content]
    assert len(poisoned_pages) >= 10
    french_topic = dict(french)["topics/illicit-drugs.md"]
    assert "&lt;script&gt;alert(1)" in french_topic and "traduction non officielle" in french_topic
    for path, content in [*pages, *french]:
        assert "<script>alert" not in content and "<img src=x" not in content, path
