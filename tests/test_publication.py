"""What a program polls: index.json lists every published file with a checksum that holds;
releases.json lists every release, and its archive once the repository reports one."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from case_runner import run_cli
from toolkit.publishing.build import build
from toolkit.publishing.publication import Publication, ReleaseAssetsError

ARCHIVE = "example-dialogue-1.2.3.zip"
DIGEST = "ab" * 32


def _assets(tmp_path: Path, archive: dict[str, object]) -> Path:
    """A report as `gh release view --json tagName,assets` gives it, for two tags."""
    path = tmp_path / "release-assets.json"
    releases = [
        {
            "tagName": "v1.2.3",
            "assets": [
                archive,
                {"name": "notes.txt", "size": 3, "digest": "sha256:" + "cd" * 32, "url": "x"},
            ],
        },
        {"tagName": "nightly", "assets": []},
    ]
    path.write_text(json.dumps(releases))
    return path


def _build_with_assets(data: Path, out: Path, report: Path, *options: str) -> tuple[int, str, str]:
    """``toolkit build`` of the datasets alone, told of the repository's release assets."""
    return run_cli(
        "build",
        "--data",
        str(data),
        "--out",
        str(out),
        "--no-site",
        "--release-assets",
        str(report),
        *options,
    )


def test_the_index_lists_every_published_file_with_a_checksum_that_holds(
    base_data: Path, tmp_path: Path
) -> None:
    dist = tmp_path / "dist"
    build(base_data, dist)
    index = json.loads((dist / "index.json").read_text())
    assert (index["dataset"], index["version"], index["released"]) == (
        "example-dialogue",
        "1.2.3",
        "2026-02-13",
    )
    listed = {entry["path"]: entry for entry in index["files"]}
    on_disk = {path.relative_to(dist).as_posix() for path in dist.rglob("*") if path.is_file()} - {
        "index.json"
    }
    assert set(listed) == on_disk
    for name, entry in listed.items():
        content = (dist / name).read_bytes()
        assert entry["size"] == len(content)
        assert entry["sha256"] == hashlib.sha256(content).hexdigest(), name


def test_releases_list_every_release_and_no_archive_nobody_reported(
    base_data: Path, tmp_path: Path
) -> None:
    dist = tmp_path / "dist"
    build(base_data, dist, publication=Publication(repository="https://github.com/o/r"))
    [release] = json.loads((dist / "releases.json").read_text())
    assert (release["version"], release["date"], release["changes"]) == (
        "1.2.3",
        "2026-02-13",
        "changes/1.2.3.json",
    )
    recorded = (base_data / "changelog.yaml").read_text().count("change: added")
    assert release["counts"]["added"] == recorded > 0 and "archive" not in release
    assert json.loads((dist / "index.json").read_text())["all_releases"] == (
        "https://github.com/o/r/releases"
    )


def test_a_reported_archive_is_listed_with_its_size_checksum_and_address(
    base_data: Path, tmp_path: Path
) -> None:
    url = f"https://github.com/o/r/releases/download/v1.2.3/{ARCHIVE}"
    report = _assets(
        tmp_path, {"name": ARCHIVE, "size": 1234, "digest": f"sha256:{DIGEST}", "url": url}
    )
    code, _, err = _build_with_assets(
        base_data, tmp_path / "dist", report, "--repository", "https://github.com/o/r"
    )
    assert code == 0, err
    [release] = json.loads((tmp_path / "dist" / "releases.json").read_text())
    assert release["archive"] == {"name": ARCHIVE, "url": url, "size": 1234, "sha256": DIGEST}


@pytest.mark.parametrize(
    "archive",
    [
        {"name": ARCHIVE, "size": 1234, "url": "https://example.org/a.zip"},  # no digest
        {"name": ARCHIVE, "size": "big", "digest": f"sha256:{DIGEST}", "url": "https://e.org/a"},
        {"name": ARCHIVE, "size": 1, "digest": "md5:abc", "url": "https://example.org/a.zip"},
    ],
)
def test_an_archive_reported_without_a_checksum_stops_the_build(
    archive: dict[str, object], base_data: Path, tmp_path: Path
) -> None:
    dist = tmp_path / "dist"
    build(base_data, dist)
    before = (dist / "index.json").read_bytes()
    report = _assets(tmp_path, archive)
    with pytest.raises(
        ReleaseAssetsError, match=r"archive of v1\.2\.3 has no size, address or SHA-256"
    ):
        build(base_data, dist, publication=Publication(assets_file=report))
    code, _, err = _build_with_assets(base_data, dist, report)
    assert code == 2 and "no size, address or SHA-256" in err and "Traceback" not in err
    assert (dist / "index.json").read_bytes() == before  # the earlier build stands


def test_an_unreadable_report_is_a_clear_error(base_data: Path, tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("{not json")
    code, _, err = _build_with_assets(base_data, tmp_path / "dist", tmp_path / "bad.json")
    assert code == 2 and "cannot read" in err and "Traceback" not in err


def test_the_publish_workflow_reshapes_githubs_answer_into_what_the_build_reads(
    tmp_path: Path,
) -> None:
    """The workflow's own jq program, run on a GitHub releases answer: drafts are left out and
    each archive comes through with its size, digest and download address."""
    import re
    import shutil
    import subprocess

    import yaml
    from conftest import ROOT

    from toolkit.publishing.publication import read_release_assets

    jq = shutil.which("jq")
    if jq is None:
        pytest.skip("jq is not installed")
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text())
    [step] = [
        step
        for step in workflow["jobs"]["build"]["steps"]
        if step.get("name") == "Ask the repository for the releases' archives"
    ]
    program = re.search(r"--jq '(.*?)'", step["run"], re.DOTALL)
    assert program is not None and "set -euo pipefail" in step["run"]
    url = f"https://github.com/o/r/releases/download/v1.2.3/{ARCHIVE}"
    answer = [
        {
            "tag_name": "v1.2.3",
            "draft": False,
            "assets": [
                {
                    "name": ARCHIVE,
                    "size": 99,
                    "digest": f"sha256:{DIGEST}",
                    "browser_download_url": url,
                }
            ],
        },
        {
            "tag_name": "v1.2.4",
            "draft": True,
            "assets": [{"name": "x", "size": 1, "digest": None, "browser_download_url": "y"}],
        },
    ]
    shaped = subprocess.run(
        [jq, "-c", program.group(1)],
        input=json.dumps(answer),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    report = tmp_path / "release-assets.json"
    report.write_text(json.dumps([json.loads(line) for line in shaped.splitlines()]))
    found = read_release_assets(report, "example-dialogue")
    assert list(found) == ["1.2.3"]
    assert (found["1.2.3"].size, found["1.2.3"].sha256, found["1.2.3"].url) == (99, DIGEST, url)
