"""A data folder that cannot be written (hostile input, class 10): every command that writes
into it says so clearly, exits 2, and leaves nothing half-written. The folder is made read-only
by a read-only bind mount in a mount namespace of its own (root, as CI runs, has no other way to
be refused a write)."""

from __future__ import annotations

import shutil
import subprocess
import sys
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
    project = folder.parent if folder.name in ("data", "CITATION.cff") else folder
    script = (  # enter the project after mounting, so relative paths see the read-only mount
        f'mount --bind "{folder}" "{folder}" && mount -o remount,ro,bind "{folder}" "{folder}" '
        f'&& cd "{project}" && exec "$@"'
    )
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", script, "sh", str(TOOLKIT), *args],
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
