"""A data folder that cannot be written (hostile input, class 10): every command that writes
into it says so clearly, exits 2, and leaves nothing half-written. The folder is made read-only
by a read-only bind mount in a mount namespace of its own (root, as CI runs, has no other way to
be refused a write)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from case_runner import BASE

TOOLKIT = Path(sys.executable).parent / "toolkit"


def read_only_mounts_work() -> bool:
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount --bind /tmp /tmp && mount -o remount,ro,bind /tmp"],
        capture_output=True,
    )
    return shutil.which("unshare") is not None and probe.returncode == 0


pytestmark = pytest.mark.skipif(
    not read_only_mounts_work(), reason="needs unshare and mount (run as root, as CI does)"
)


def run_read_only(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``toolkit ARGS`` with ``folder`` mounted read-only for that process alone."""
    return run_in_read_only(folder, str(TOOLKIT), *args)


def run_in_read_only(folder: Path, *command: str) -> subprocess.CompletedProcess[str]:
    """``command`` with ``folder`` mounted read-only for that process alone."""
    project = folder.parent if folder.name in ("data", "CITATION.cff") else folder
    script = (  # enter the project after mounting, so relative paths see the read-only mount
        f'mount --bind "{folder}" "{folder}" && mount -o remount,ro,bind "{folder}" "{folder}" '
        f'&& cd "{project}" && exec "$@"'
    )
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", script, "sh", *command],
        capture_output=True,
        text=True,
        timeout=120,
    )


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder holding the base data and a CITATION.cff."""
    shutil.copytree(BASE, tmp_path / "data")
    (tmp_path / "CITATION.cff").write_text("cff-version: 1.2.0\n")
    topic = tmp_path / "data" / "topics" / "illicit-drugs.yaml"
    topic.write_text(topic.read_text().replace("name: Illicit drugs", "name:   Illicit drugs"))
    return tmp_path


RELEASE = ("release", "patch", "--data", "data", "--since", "before", "--date", "2026-12-01")


@pytest.mark.parametrize(
    ("args", "mounted", "said"),
    [
        (
            ("fmt", "--data", "data"),
            "data",
            "cannot write 1 file (listed above); they are unchanged",
        ),
        (("new", "people", "new-person", "--data", "data"), "data", "Read-only file system"),
        (RELEASE, "data", "Read-only file system; nothing changed"),
        (RELEASE, ".", "Read-only file system; nothing changed"),  # the whole project
        (RELEASE, "CITATION.cff", "CITATION.cff: Device or resource busy; nothing changed"),
    ],
    ids=["fmt", "new", "release", "release-project", "release-citation"],
)
def test_a_read_only_data_folder_fails_cleanly(
    args: tuple[str, ...], mounted: str, said: str, project: Path
) -> None:
    if args[0] == "release":  # something to release: a change against a copy of the data
        shutil.copytree(project / "data", project / "before")
        person = project / "data" / "people" / "asha-rao.yaml"
        person.write_text(person.read_text().replace("Asha Raoo", "Asha Rao-Raoo"))
    before = tree(project)
    done = run_read_only((project / mounted).resolve(), *args)
    assert done.returncode == 2, done.stdout + done.stderr
    assert said in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert "error:" in done.stderr
    assert tree(project) == before  # nothing written, nothing half-written


CHECK_AND_WRITE = """
import datetime, json, pathlib
from toolkit.authoring.destinations import Destinations
from toolkit.authoring.source_check import Settings, check_sources
settings = Settings(timeout=5.0, destinations=Destinations(allow_non_public=True))
run = check_sources(
    pathlib.Path("data"), ["daily-news-2026-02-08"], settings, write=True,
    as_of=datetime.date(2026, 12, 1),
)
print(json.dumps([
    [r.id, str(r.status), [p.found for p in r.passages], r.updated, r.write_error]
    for r in run.results
]))
"""


class Page(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = (
            b"<html><body><p>The ministry said that each country would establish liaison "
            b"officers. The report was filed on Sunday.</p></body></html>"
        )
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_sources_check_write_on_a_read_only_folder_leaves_every_file_as_it_was(
    project: Path,
) -> None:
    """The page still says the passage, so the check would write a new ``accessed`` date: on a
    read-only data folder the source is reported verified, the write refused and named, and the
    file is unchanged. (The destination policy is opened through the library's settings, as the
    command line never can, to reach a server on 127.0.0.1.)"""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        source = project / "data" / "sources" / "daily-news-2026-02-08.yaml"
        source.write_text(
            source.read_text().replace(
                "https://news.example.org/2026/02/08/liaison-officers",
                f"http://127.0.0.1:{httpd.server_address[1]}/liaison-officers",
            )
        )
        before = tree(project)
        done = run_in_read_only((project / "data").resolve(), sys.executable, "-c", CHECK_AND_WRITE)
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert done.returncode == 0, done.stderr
    [[name, status, found, updated, error]] = json.loads(done.stdout)
    assert (name, status, found, updated) == ("daily-news-2026-02-08", "reachable", [True], [])
    assert "Read-only file system" in error
    assert tree(project) == before
