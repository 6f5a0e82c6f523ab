"""`toolkit synth`: synthetic data folders are valid, complete and repeatable."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from toolkit.authoring.synth import counts_for, synthesize
from toolkit.checking import file_pass as validation
from toolkit.checking.validate import check_data
from toolkit.cli import app
from toolkit.models import COLLECTIONS
from toolkit.publishing.build import build


def test_a_synthetic_folder_is_valid_and_builds(tmp_path: Path) -> None:
    data = synthesize(tmp_path, 700)
    checked = build(data, tmp_path / "dist")
    assert checked.report.problems == []  # no error, and every source is cited
    assert sum(counts_for(700).values()) == 700
    assert {p.parent.name for p in data.glob("*/*.yaml")} == set(COLLECTIONS)
    text = next((data / "commitments").glob("*.yaml")).read_text(encoding="utf-8")
    assert "status:" in text and any(ord(ch) > 127 for ch in text)


def test_the_same_size_and_seed_give_the_same_files(tmp_path: Path) -> None:
    one, two = synthesize(tmp_path / "a", 300), synthesize(tmp_path / "b", 300, seed=0)
    files = sorted(p.relative_to(one) for p in one.rglob("*.yaml"))
    assert files == sorted(p.relative_to(two) for p in two.rglob("*.yaml"))
    assert all((one / f).read_bytes() == (two / f).read_bytes() for f in files)


def test_the_command_writes_a_folder_and_refuses_to_overwrite(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["synth", "--records", "50", "--out", str(tmp_path)])
    assert result.exit_code == 0 and "wrote 50 records" in result.stdout
    assert check_data(tmp_path / "data").report.ok
    again = runner.invoke(app, ["synth", "--records", "50", "--out", str(tmp_path)])
    assert again.exit_code == 2


def test_the_parallel_pass_reports_exactly_what_the_serial_one_does(tmp_path: Path) -> None:

    data = synthesize(tmp_path, validation.PARALLEL_FROM + 100)
    broken = sorted((data / "people").glob("*.yaml"))[3]
    broken.write_text(broken.read_text().replace("country: CA", "country: Canada"))
    parallel = check_data(data).report.problems
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(validation, "PARALLEL_FROM", 10**9)
        serial = check_data(data).report.problems
    assert parallel == serial
    assert [p.code for p in parallel] == ["E-COUNTRY"]


def test_every_collection_has_a_synthetic_writer() -> None:
    from toolkit.authoring.synth import WRITERS
    from toolkit.models import COLLECTIONS

    assert set(WRITERS) == set(COLLECTIONS)
    assert abs(sum(share for share, _ in WRITERS.values()) - 1) < 1e-9
