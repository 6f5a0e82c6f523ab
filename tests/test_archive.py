"""A release as an archive: one reproducible zip of the version's datasets, with its checksum
and release notes; an earlier release's archive is rebuilt byte for byte from its commit."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

from case_runner import BASE, add_assessment, git, run_cli
from toolkit.history.archives import (
    ArchiveError,
    archive_name,
    archive_release,
    archived_files,
    release_notes,
)
from toolkit.publishing.build import build


def _dist(data: Path, out: Path) -> Path:
    build(data, out, site=None)
    return out


@pytest.fixture
def dist(base_data: Path, tmp_path: Path) -> Path:
    return _dist(base_data, tmp_path / "dist")


def test_the_archive_holds_the_whole_build_and_is_the_same_bytes_every_time(
    dist: Path, tmp_path: Path
) -> None:
    first = archive_release(dist, tmp_path / "one")
    second = archive_release(dist, tmp_path / "two")
    assert first.path.name == archive_name("example-dialogue", "1.2.3")
    assert first.path.read_bytes() == second.path.read_bytes()
    assert (first.size, first.sha256) == (second.size, second.sha256)
    with zipfile.ZipFile(first.path) as archive:
        names = archive.namelist()
        assert names == [f"example-dialogue-1.2.3/{n}" for n in archived_files(dist)]
        assert "example-dialogue-1.2.3/SHA256SUMS" in names
        assert {entry.date_time for entry in archive.infolist()} == {(2026, 2, 13, 0, 0, 0)}
    # the checksum file is the one sha256sum reads, and it holds for the zip as written
    check = subprocess.run(
        ["sha256sum", "-c", first.path.name + ".sha256"],
        cwd=first.path.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0 and ": OK" in check.stdout


def test_the_unpacked_archive_passes_its_own_checksums(dist: Path, tmp_path: Path) -> None:
    archive = archive_release(dist, tmp_path / "release")
    shutil.unpack_archive(archive.path, tmp_path / "unpacked")
    [folder] = (tmp_path / "unpacked").iterdir()
    check = subprocess.run(
        ["sha256sum", "--strict", "-c", "SHA256SUMS"],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    listed = len((folder / "SHA256SUMS").read_text().splitlines())
    assert check.stdout.count(": OK") == listed > 10


def test_files_describing_every_release_are_left_out(dist: Path, tmp_path: Path) -> None:
    """The release list and the site's file index change with each later release: an archive
    of one version must not carry them, or rebuilding it later would change its bytes."""
    assert (dist / "releases.json").is_file() and (dist / "index.json").is_file()
    archive = archive_release(dist, tmp_path / "release")
    with zipfile.ZipFile(archive.path) as packed:
        names = {name.split("/", 1)[1] for name in packed.namelist()}
    assert "releases.json" not in names and "index.json" not in names
    assert "dataset.json" in names and "records/people/index.json" in names


def test_the_release_notes_are_the_versions_entry_of_the_change_log(
    dist: Path, tmp_path: Path
) -> None:
    archive_release(dist, tmp_path / "release")
    notes = (tmp_path / "release" / "release-notes.md").read_text()
    changes = (dist / "CHANGES.md").read_text()
    assert notes.strip() and notes.strip() in changes
    assert not notes.startswith("## ") and "## 1.2.3" not in notes
    with pytest.raises(ArchiveError, match=r"no entry for version 9\.9\.9"):
        release_notes(changes, "9.9.9")


def test_a_link_in_the_build_is_refused_not_followed(dist: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("not part of the dataset\n")
    (dist / "csv" / "extra.csv").symlink_to(secret)
    with pytest.raises(ArchiveError, match="is a link"):
        archive_release(dist, tmp_path / "release")
    assert (
        not any((tmp_path / "release").glob("*.zip")) if (tmp_path / "release").exists() else True
    )


def test_the_command_archives_or_says_why_not(dist: Path, tmp_path: Path) -> None:
    code, out, _ = run_cli("archive", "--dist", str(dist), "--out", str(tmp_path / "release"))
    assert code == 0 and "example-dialogue-1.2.3.zip" in out and "sha256" in out
    code, _, err = run_cli("archive", "--dist", str(tmp_path / "nowhere"), "--out", str(tmp_path))
    assert code == 2 and "is not a build of the datasets" in err and "Traceback" not in err


def test_an_earlier_release_is_rebuilt_byte_for_byte_after_a_later_one(tmp_path: Path) -> None:
    """Release 1.2.3 is archived; a later release is made and committed; 1.2.3's commit, built
    and archived again, gives the same bytes, and archiving the new release leaves the old
    archive as it was."""
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo / "data")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "1.2.3")
    first = git(repo, "rev-parse", "HEAD")
    published = tmp_path / "published"
    old = archive_release(_dist(repo / "data", tmp_path / "dist-old"), published)
    old_bytes = old.path.read_bytes()

    add_assessment(repo / "data")
    assert run_cli("release", "minor", "--data", str(repo / "data"), "--date", "2026-03-03")[0] == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "1.3.0")
    new = archive_release(_dist(repo / "data", tmp_path / "dist-new"), published)
    assert new.path.name.endswith("-1.3.0.zip") and new.sha256 != old.sha256
    assert old.path.read_bytes() == old_bytes  # the earlier release's file is untouched

    git(repo, "worktree", "add", "-q", str(tmp_path / "then"), first)
    again = archive_release(
        _dist(tmp_path / "then" / "data", tmp_path / "dist-again"), tmp_path / "again"
    )
    assert again.path.read_bytes() == old_bytes


def _release_steps() -> dict[str, dict[str, object]]:
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text())
    assert workflow[True]["push"]["tags"] == ["v*"]  # YAML reads the key `on` as true
    return {
        step.get("name", step.get("uses")): step
        for job in workflow["jobs"].values()
        for step in job["steps"]
    }


def test_the_release_workflow_publishes_the_archive_with_its_notes() -> None:
    steps = _release_steps()
    assert "toolkit archive --dist dist --out release" in str(
        steps[next(s for s in steps if "Pack" in s)]["run"]
    )
    publish = str(steps["Publish the release"]["run"])
    assert "release/*.zip release/*.zip.sha256" in publish
    assert "--notes-file release/release-notes.md" in publish and "--verify-tag" in publish


@pytest.mark.parametrize(("tag", "code"), [("v1.2.3", 0), ("v1.2.4", 1), ("1.2.3", 1)])
def test_the_release_workflow_refuses_a_tag_that_is_not_the_datas_version(
    tag: str, code: int, base_data: Path
) -> None:
    script = str(_release_steps()["The tag names the version the data is at"]["run"])
    done = subprocess.run(
        ["bash", "-e", "-c", script],
        cwd=base_data.parent,
        env={"TAG": tag, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == code, done.stdout + done.stderr
    assert ("is not the version in data/dataset.yaml" in done.stdout) == (code == 1)
