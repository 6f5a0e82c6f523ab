"""The SQLite download in the tools its users open it with: Datasette (search box, column
descriptions from the generated metadata) and sqlite-utils (full-text search with stemming)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from case_runner import BASE
from toolkit.publishing.build import build

BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    assert build(BASE, out).report.ok
    return out


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def datasette(dist: Path) -> Iterator[str]:
    """Datasette serving the download with its metadata file, on a loopback port."""
    port = _free_port()
    process = subprocess.Popen(
        [
            str(BIN / "datasette"),
            "serve",
            str(dist / "dataset.sqlite"),
            "--metadata",
            str(dist / "datasette-metadata.json"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "-/versions.json", timeout=1).close()
                break
            except OSError:
                if process.poll() is not None:
                    stderr = process.stderr.read() if process.stderr else b""
                    raise AssertionError(stderr.decode(errors="replace")) from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return str(response.read().decode("utf-8"))


def test_datasette_offers_search_on_the_record_tables_and_describes_columns(
    datasette: str,
) -> None:
    page = fetch(datasette + "dataset/commitments")
    assert 'name="_search"' in page  # the search box: Datasette found commitments_fts
    assert "The commitment&#39;s status now" in page or "The commitment's status now" in page
    found = json.loads(fetch(datasette + "dataset/commitments.json?_search=officer&_shape=array"))
    assert [row["id"] for row in found] == ["liaison-officers"]  # "officer" finds "officers"
    tables = json.loads(fetch(datasette + "dataset.json"))["tables"]
    hidden = {table["name"] for table in tables if table["hidden"]}
    assert "commitments_fts" in hidden  # the index is not listed as a table of its own


def test_sqlite_utils_searches_a_record_table(dist: Path) -> None:
    result = subprocess.run(
        [
            str(BIN / "sqlite-utils"),
            "search",
            str(dist / "dataset.sqlite"),
            "commitments",
            "officer",
            "-c",
            "id",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [{"id": "liaison-officers"}]


def test_openrefine_can_reconcile_names_against_people_and_organisations(datasette: str) -> None:
    """datasette-reconcile, configured by the generated metadata, answers the Reconciliation
    Service API on 127.0.0.1: the service describes itself, and a known name comes back with
    its record's id as the top, matching candidate."""
    manifest = json.loads(fetch(datasette + "dataset/people/-/reconcile"))
    assert manifest["defaultTypes"] == [{"id": "person", "name": "Person"}]
    assert "people" in manifest["name"]
    queries = json.dumps({"q0": {"query": "Asha Rao"}, "q1": {"query": "Ministry of Example"}})
    people = json.loads(
        fetch(datasette + "dataset/people/-/reconcile?queries=" + urllib.parse.quote(queries))
    )
    [best, *_] = people["q0"]["result"]
    assert best["id"] == "asha-rao" and best["name"] == "Asha Rao" and best["match"] is True
    organisations = json.loads(
        fetch(
            datasette
            + "dataset/organizations/-/reconcile?queries="
            + urllib.parse.quote(json.dumps({"q0": {"query": "Ministry of Example Affairs"}}))
        )
    )
    assert organisations["q0"]["result"][0]["id"] == "example-ministry"
