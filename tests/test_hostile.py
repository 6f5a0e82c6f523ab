"""The hostile corpus: every file in tests/hostile/ is an attack or a malformation laid over the
valid base dataset. Each must be refused with its exact located problems, exit code 1, no
traceback and nothing written, within the time and memory stated in the README."""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from case_runner import BASE
from toolkit.dataset import Dataset
from toolkit.loader import MAX_FILE_BYTES
from toolkit.site.generate import generate_pages
from toolkit.validate import check_data

HOSTILE = Path(__file__).parent / "hostile"
CORPUS: dict[str, dict[str, object]] = json.loads((HOSTILE / "expected.json").read_text())
SECONDS = 30
MEMORY = 1 << 30  # 1 GiB of address space for the whole toolkit process


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def build_with_limits(root: Path) -> subprocess.CompletedProcess[str]:
    """`toolkit build` in a fresh process, bounded in time and memory, reporting as JSON."""
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


def test_markup_in_every_free_text_field_is_escaped_in_the_pages(tmp_path: Path) -> None:
    root = lay_out(tmp_path)
    shutil.copy(
        HOSTILE / "html-in-every-free-text.yaml",
        root / "data" / "meetings" / "2026-02-07-dialogue.yaml",
    )
    dataset = Dataset.from_checked(check_data(root / "data", keep_models=True))
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


def _poison(value: object, root: dict[str, object], schema: dict[str, object]) -> object:
    """Replace every free-text value (no pattern, no closed list, not an id) with markup."""
    from toolkit.schema_export import resolve_ref

    node = resolve_ref(root, schema)  # type: ignore[arg-type]
    if isinstance(value, dict):
        properties = node.get("properties", {})
        # `field` names a field of the record (checked by E-FIELD), so it is not free text.
        return {
            k: v if k == "field" else _poison(v, root, properties.get(k, {}))  # type: ignore[union-attr]
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_poison(item, root, node.get("items", {})) for item in value]  # type: ignore[arg-type]
    free_text = not ({"pattern", "enum", "x-references"} & set(node))
    return PAYLOAD if isinstance(value, str) and free_text else value


def test_markup_in_every_free_text_field_of_every_collection_is_escaped(tmp_path: Path) -> None:
    import yaml

    from toolkit.loader import load_file
    from toolkit.schema_export import collection_schema

    root = lay_out(tmp_path)
    for path in sorted((root / "data").glob("*/*.yaml")):
        schema = collection_schema(path.parent.name)
        poisoned = _poison(load_file(path).data, schema, schema)
        path.write_text(yaml.safe_dump(poisoned, allow_unicode=True, sort_keys=False))
    checked = check_data(root / "data", keep_models=True)
    assert checked.report.ok, [p.as_dict() for p in checked.report.errors]
    (root / "dist").mkdir()
    (root / "dist" / "SHA256SUMS").write_text("")
    pages = generate_pages(Dataset.from_checked(checked), root / "dist")
    poisoned_pages = [path for path, content in pages if "&lt;script&gt;alert(1)" in content]
    assert len(poisoned_pages) >= 10
    for path, content in pages:
        assert "<script>alert" not in content and "<img src=x" not in content, path
