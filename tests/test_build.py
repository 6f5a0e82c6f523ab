"""`toolkit build`: every format written, byte-for-byte deterministic, atomic, and readable by
the tools data users reach for."""

from __future__ import annotations

import csv
import dataclasses
import json
import re
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from case_runner import BASE, add_assessment
from toolkit.cli import app
from toolkit.models import COLLECTIONS
from toolkit.publishing import exporters
from toolkit.publishing.build import BuildError, build
from toolkit.publishing.dataset import Dataset
from toolkit.reading.discovery import discover
from toolkit.reading.loader import load_file
from toolkit.reading.record_form import record_form

BIN = Path(sys.executable).parent
ROOT = Path(__file__).parent.parent


def built(data: Path, out: Path) -> Path:
    checked = build(data, out)
    assert checked.report.ok
    return out


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def dist(base_data: Path, tmp_path: Path) -> Path:
    return built(base_data, tmp_path / "dist")


def test_every_format_is_written(dist: Path) -> None:
    names = set(snapshot(dist))
    for collection in COLLECTIONS:
        assert {f"{collection}.json", f"{collection}.jsonl", f"csv/{collection}.csv"} <= names
        assert f"schema/{collection}.schema.json" in names
    assert {
        "dataset.json",
        "dataset.sqlite",
        "datapackage.json",
        "CITATION.cff",
        "SHA256SUMS",
    } <= names
    assert {"csv/people_positions.csv", "csv/commitments_assessments.csv"} <= names


def test_checksums_verify_with_sha256sum(dist: Path) -> None:
    result = subprocess.run(
        ["sha256sum", "--check", "--strict", "SHA256SUMS"], cwd=dist, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    listed = {line.split("  ", 1)[1] for line in (dist / "SHA256SUMS").read_text().splitlines()}
    # the publication's own index and release list come after the checksums and are not
    # part of the version: index.json gives their checksums instead
    assert listed == set(snapshot(dist)) - {"SHA256SUMS", "index.json", "releases.json"}


def test_two_builds_are_byte_identical(base_data: Path, tmp_path: Path) -> None:
    first = snapshot(built(base_data, tmp_path / "one"))
    second = snapshot(built(base_data, tmp_path / "two"))
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_invalid_data_leaves_the_previous_output_untouched(base_data: Path, dist: Path) -> None:
    before = snapshot(dist)
    (base_data / "topics" / "illicit-drugs.yaml").write_text("id: illicit-drugs\n")
    checked = build(base_data, dist)
    assert not checked.report.ok
    assert snapshot(dist) == before
    assert [p.name for p in dist.parent.iterdir() if p.name.startswith(".")] == []


def test_a_failing_exporter_leaves_the_previous_output_untouched(
    base_data: Path, dist: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(dist)

    def broken(dataset: Dataset, out: Path) -> None:
        (out / "partial.csv").write_text("half")
        raise OSError("disk full")

    exporters_now = dict(exporters.EXPORTERS)
    exporters_now["csv"] = dataclasses.replace(exporters.EXPORTERS["csv"], export=broken)
    monkeypatch.setattr("toolkit.publishing.build.EXPORTERS", exporters_now)
    with pytest.raises(BuildError, match="the csv export failed: disk full"):
        build(base_data, dist)
    assert snapshot(dist) == before
    assert [p.name for p in dist.parent.iterdir() if p.name.startswith(".")] == []


def test_missing_dataset_description_is_a_build_error(base_data: Path, tmp_path: Path) -> None:
    (base_data / "dataset.yaml").unlink()
    with pytest.raises(BuildError, match=r"dataset\.yaml is missing"):
        build(base_data, tmp_path / "dist")
    assert not (tmp_path / "dist").exists()


def test_dataset_json_round_trips_into_equal_models(base_data: Path, dist: Path) -> None:
    from_files: dict[str, list[Any]] = {name: [] for name in COLLECTIONS}
    for file in discover(base_data).records:  # the models the YAML itself validates to
        values = load_file(file.path, file.name).data
        from_files[file.collection].append(COLLECTIONS[file.collection].model_validate(values))
    document = json.loads((dist / "dataset.json").read_text(encoding="utf-8"))
    for collection, model in COLLECTIONS.items():
        published = document["collections"][collection]  # the records' words as {en, fr}
        assert json.loads((dist / f"{collection}.json").read_text()) == published
        loaded = [model.model_validate(record_form(collection, record)) for record in published]
        assert loaded == sorted(from_files[collection], key=lambda m: m.id)
        assert loaded


def test_dataset_json_carries_metadata_from_the_data(dist: Path) -> None:
    document = json.loads((dist / "dataset.json").read_text())
    assert document["version"] == "1.2.3"
    assert document["licence"]["id"] == "CC-BY-4.0"
    assert document["last_updated"] == "2026-11-25"  # the newest date in the records
    assert document["counts"] == {
        "sources": 2,
        "organizations": 1,
        "people": 1,
        "meetings": 1,
        "commitments": 1,
        "topics": 1,
        "events": 1,
    }
    assert document["schemas"]["people"] == "schema/people.schema.json"


def test_the_version_reaches_every_output(dist: Path) -> None:
    package = json.loads((dist / "datapackage.json").read_text())
    citation = yaml.safe_load((dist / "CITATION.cff").read_text())
    with closing(sqlite3.connect(dist / "dataset.sqlite")) as db:
        [(stored,)] = db.execute("SELECT value FROM metadata WHERE key = 'version'").fetchall()
    assert package["version"] == citation["version"] == stored == "1.2.3"
    assert citation["cff-version"] == "1.2.0"
    assert citation["date-released"] == "2026-02-13"  # the newest release in changelog.yaml


def test_json_lines_hold_one_record_per_line(dist: Path) -> None:
    lines = (dist / "commitments.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["liaison-officers"]


def read_csv(dist: Path, table: str) -> list[dict[str, str]]:
    with (dist / "csv" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_tables_read_back_with_parent_ids(dist: Path) -> None:
    [person] = read_csv(dist, "people")
    assert (person["id"], person["name"], person["country"]) == ("asha-rao", "Asha Rao", "IN")
    [position] = read_csv(dist, "people_positions")
    assert position == {
        "person_id": "asha-rao",
        "positions_index": "0",
        "title": "National Security Adviser",
        "title_fr": "",  # no French version: the two columns beside it stay empty
        "title_fr_status": "",
        "title_fr_source": "",
        "organization": "example-ministry",
        "status": "held",  # the default, written out for tools that read the table alone
        "announced": "",
        "announced_precision": "",
        "announced_earliest": "",
        "announced_latest": "",
        "start": "2024-06-10",
        "start_precision": "day",
        "start_earliest": "2024-06-10",
        "start_latest": "2024-06-10",
        "end": "",
        "end_precision": "",
        "end_earliest": "",
        "end_latest": "",
    }
    history = read_csv(dist, "commitments_assessments")
    assert [(row["assessments_index"], row["date"]) for row in history] == [
        ("0", "2026-02-07"),
        ("1", "2026-02-12"),
    ]
    claims = read_csv(dist, "meetings_discrepancies_claims_sources")
    assert {row["source_id"] for row in claims} == {
        "ministry-readout-2026-02-07",
        "daily-news-2026-02-08",
    }


def test_csv_quotes_commas_quotes_and_line_breaks(base_data: Path, tmp_path: Path) -> None:
    source = base_data / "sources" / "ministry-readout-2026-02-07.yaml"
    tricky = 'Drugs, "precursors"\nand Mélanie’s notes'  # a passage may hold quote marks
    source.write_text(source.read_text() + f"  - text: {json.dumps(tricky)}\n")
    dist = built(base_data, tmp_path / "dist")
    raw = (dist / "csv" / "sources_passages.csv").read_bytes()
    assert b'"Drugs, ""precursors""\nand M\xc3\xa9lanie' in raw
    assert raw.endswith(b"\r\n")
    rows = read_csv(dist, "sources_passages")
    assert tricky in [row["text"] for row in rows]


def test_sqlite_has_keys_indexes_and_full_text_search(dist: Path) -> None:
    with closing(sqlite3.connect(dist / "dataset.sqlite")) as db:
        db.execute("PRAGMA foreign_keys = ON")
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = db.execute(
            "SELECT c.id, t.name FROM commitments c "
            "JOIN commitments_topics ct ON ct.commitment_id = c.id "
            "JOIN topics t ON t.id = ct.topic_id"
        ).fetchall()
        assert rows == [("liaison-officers", "Illicit drugs")]
        found = db.execute(
            "SELECT collection, id FROM search WHERE search MATCH 'timeline'"
        ).fetchall()
        assert found == [("commitments", "liaison-officers")]
        keys = db.execute("PRAGMA foreign_key_list(people_positions)").fetchall()
        assert {(key[2], key[3], key[4]) for key in keys} == {
            ("people", "person_id", "id"),
            ("organizations", "organization", "id"),
            ("sources", "title_fr_source", "id"),  # the source of an official French title
        }
        indexes = {row[1] for row in db.execute("PRAGMA index_list(people_positions)")}
        assert "people_positions_organization" in indexes


def frictionless(descriptor: Path) -> dict[str, Any]:
    result = subprocess.run(
        [str(BIN / "frictionless"), "validate", "--json", str(descriptor)],
        capture_output=True,
        text=True,
        check=False,
    )
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def test_frictionless_validates_the_data_package(dist: Path) -> None:
    report = frictionless(dist / "datapackage.json")
    assert report["valid"], json.dumps(report["tasks"], indent=1)[:2000]
    assert len(report["tasks"]) == len(list((dist / "csv").glob("*.csv")))


def test_frictionless_catches_a_broken_foreign_key(dist: Path) -> None:
    table = dist / "csv" / "people_positions.csv"
    table.write_text(table.read_text().replace("example-ministry", "no-such-ministry"))
    report = frictionless(dist / "datapackage.json")
    assert not report["valid"]
    errors = [e["type"] for task in report["tasks"] for e in task["errors"]]
    assert "foreign-key" in errors


def test_each_collection_file_passes_check_jsonschema(dist: Path, tmp_path: Path) -> None:
    for collection in COLLECTIONS:
        folder = tmp_path / "split" / collection
        folder.mkdir(parents=True)
        for record in json.loads((dist / f"{collection}.json").read_text()):
            (folder / f"{record['id']}.json").write_text(json.dumps(record))
        result = subprocess.run(
            [
                str(BIN / "check-jsonschema"),
                "--schemafile",
                str(dist / "schema" / f"{collection}.schema.json"),
                *map(str, folder.iterdir()),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout


def test_cli_build_reports_and_leaves_output_alone_on_invalid_data(
    base_data: Path, dist: Path
) -> None:
    before = snapshot(dist)
    (base_data / "people" / "asha-rao.yaml").write_text("id: asha-rao\nname: x\n")
    result = CliRunner().invoke(
        app, ["build", "--no-site", "--data", str(base_data), "--out", str(dist)]
    )
    assert result.exit_code == 1
    assert "error[E-KEY-MISSING]" in result.stdout
    assert "is unchanged" in result.stderr
    assert snapshot(dist) == before


def test_cli_build_prints_plain_progress_off_a_terminal(base_data: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "toolkit",
            "build",
            "--no-site",
            "--data",
            str(base_data),
            "--out",
            str(tmp_path / "d"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert [line.split()[1] for line in result.stderr.splitlines()] == list(exporters.EXPORTERS)
    assert result.stdout == f"10 files valid; wrote {tmp_path / 'd'}/\n"


@pytest.mark.parametrize("how", ["exchange", "renames"])
def test_a_failed_swap_puts_the_previous_output_back(
    how: str, base_data: Path, dist: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The one-step exchange fails, or, where a file system cannot exchange, the rename of the
    new output fails: the previous output stays, whole."""
    from toolkit.foundation import staging

    before = snapshot(dist)
    real_rename = Path.rename

    def refuse_exchange(first: Path, second: Path) -> bool:
        raise OSError("device busy")

    def refuse_new_output(self: Path, target: Path) -> Path:  # type: ignore[override]
        if self.name.startswith(".dist-new-"):
            raise OSError("device busy")
        return real_rename(self, target)

    if how == "exchange":
        monkeypatch.setattr(staging, "exchange", refuse_exchange)
    else:
        monkeypatch.setattr(staging, "exchange", lambda first, second: False)
        monkeypatch.setattr(Path, "rename", refuse_new_output)
    with pytest.raises(BuildError, match="could not write the outputs: device busy"):
        build(base_data, dist)
    monkeypatch.undo()
    assert snapshot(dist) == before


def _with_deadline(data: Path, date: str) -> None:
    path = data / "commitments" / "liaison-officers.yaml"
    deadline = f'deadline:\n  date: "{date}"\n  sources: [daily-news-2026-02-08]\nqualifies:\n'
    path.write_text(path.read_text().replace("qualifies:\n", deadline))


@pytest.mark.parametrize("date", ["2199-12-31", "2199"])
def test_a_deadline_on_the_last_day_of_the_range_builds_with_its_calendar(
    base_data: Path, tmp_path: Path, date: str
) -> None:
    _with_deadline(base_data, date)
    out = built(base_data, tmp_path / "dist")
    for name in ("liaison-officers.ics", "commitments.ics"):
        ics = (out / "calendar" / name).read_text(encoding="utf-8")
        assert "DTSTART;VALUE=DATE:21991231" in ics and "DTEND;VALUE=DATE:22000101" in ics
    [record] = json.loads((out / "commitments.json").read_text(encoding="utf-8"))
    assert record["deadline"]["date"] == date


def test_a_deadline_past_the_range_is_refused_before_any_export(
    base_data: Path, tmp_path: Path
) -> None:
    _with_deadline(base_data, "9999-12-31")
    checked = build(base_data, tmp_path / "dist")
    assert [(p.code, p.message) for p in checked.report.errors] == [
        ("E-DATE", "'9999-12-31' is not a valid date: years run from 1800 to 2199")
    ]
    assert not (tmp_path / "dist").exists()


def test_every_file_written_has_a_declared_format(dist: Path) -> None:
    """The downloads page names every file's format from the exporters' own declarations."""
    written = [p.relative_to(dist).as_posix() for p in dist.rglob("*") if p.is_file()]
    unknown = [name for name in written if exporters.format_of(name) is None]
    assert unknown == []
    assert exporters.format_of("datapackage.json") is exporters.EXPORTERS["datapackage"]
    assert exporters.format_of("schema/people.schema.json") is exporters.EXPORTERS["schema"]
    assert exporters.format_of("calendar/x.ics") is exporters.EXPORTERS["calendar"]


def test_the_readme_lists_every_format_and_only_real_ones() -> None:
    """The README's table of dataset files follows the exporters' registry both ways."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("| file | for |", 1)[1].split("\n\n", 1)[0]
    named = [
        re.sub(r"<[^>]+>", "x", name)
        for row in section.splitlines()[2:]
        for name in re.findall(r"`([^`]+)`", row.split("|")[1])
    ]
    formats = [
        exporters.format_of(name.rstrip("/") + ("/x.json" if name.endswith("/") else ""))
        for name in named
    ]
    assert None not in formats, named
    assert {id(f) for f in formats} == {id(f) for f in exporters.EXPORTERS.values()}


def test_partial_dates_keep_their_precision_and_commitments_their_current_status(
    base_data: Path, tmp_path: Path
) -> None:
    """A month stays a month: the table says so and gives the days it can mean, so no reader
    fills in a day; DuckDB types the derived day columns the same with or without a partial
    date; every tabular format carries each commitment's current status."""
    import duckdb

    build(base_data, tmp_path / "full")
    person = base_data / "people" / "asha-rao.yaml"
    person.write_text(person.read_text().replace("start: 2024-06-10", "start: 2024-06"))
    add_assessment(base_data)
    build(base_data, tmp_path / "partial")
    [position] = read_csv(tmp_path / "partial", "people_positions")
    assert (position["start"], position["start_precision"]) == ("2024-06", "month")
    assert (position["start_earliest"], position["start_latest"]) == ("2024-06-01", "2024-06-30")

    def column_types(dist: Path) -> dict[str, str]:
        path = str(dist / "csv" / "people_positions.csv")
        described = duckdb.sql(f"DESCRIBE SELECT * FROM read_csv_auto('{path}')").fetchall()
        return {name: kind for name, kind, *_ in described if name.startswith("start_")}

    assert column_types(tmp_path / "full") == column_types(tmp_path / "partial")
    assert column_types(tmp_path / "partial")["start_earliest"] == "DATE"

    [commitment] = read_csv(tmp_path / "partial", "commitments")
    assert commitment["current_status"] == "in-progress"  # the newest assessment's
    with sqlite3.connect(tmp_path / "partial" / "dataset.sqlite") as connection:
        [(status,)] = connection.execute("SELECT current_status FROM commitments").fetchall()
    assert status == "in-progress"
    package = json.loads((tmp_path / "partial" / "datapackage.json").read_text())
    [table] = [r for r in package["resources"] if r["name"] == "commitments"]
    [field] = [f for f in table["schema"]["fields"] if f["name"] == "current_status"]
    assert "in-progress" in field["constraints"]["enum"]


def test_the_readme_loading_examples_run_as_written(tmp_path: Path) -> None:
    """The README's Python block, run from a folder holding a fresh ``dist/``, with the tools
    ``make data-tools`` installs: every line works and finds what it says."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("Loading each format", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    build(BASE, tmp_path / "dist")
    probe = block + (
        "\nassert records[0]['id'] == 'liaison-officers'"
        "\nassert list(events['date']) == ['2026-02-08']  # text, as written"
        "\nassert by_status == [('announced', 1)]"
        "\nassert found == [('liaison-officers',)]"
        "\nassert len(list(rows)) == 1"
        "\nassert len(scores) == 4 and silence.empty  # 2 snapshots x 2 parties, all too early"
        "\nassert str(scores['cutoff'].dtype).startswith('datetime64')"
        "\nassert summary[0] == ('final', 'CA', 0, None, None)  # nothing scored: no mean"
    )
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", probe],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
