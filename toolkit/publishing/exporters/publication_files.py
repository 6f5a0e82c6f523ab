"""What a program polls: ``index.json`` (the version, the last release and change, and every
published file with its size and checksum) and ``releases.json`` (every release, with its
changes file and its archive).

They are written after ``SHA256SUMS`` and are not listed in it: they describe the publication
at the time of the build, not one version, so they are also left out of release archives.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from toolkit.foundation.digests import file_sha256
from toolkit.publishing.dataset import Dataset
from toolkit.publishing.exporters.change_files import CHANGES_FOLDER, each_release_changes
from toolkit.publishing.exporters.checksums import CHECKSUM_FILE
from toolkit.publishing.files import write_json

INDEX_FILE = "index.json"
RELEASES_FILE = "releases.json"


def releases(dataset: Dataset) -> list[dict[str, Any]]:
    """Every release, newest first, with its changes, and its archive (address, size and
    checksum) when the repository reported one."""
    entries = []
    for release, changes in each_release_changes(dataset):
        asset = dataset.publication.assets.get(release.version)
        entry: dict[str, Any] = {"version": release.version, "date": release.date}
        if release.summary:
            entry["summary"] = release.summary
        entries.append(
            entry
            | {
                "counts": changes.counts.model_dump(),
                "changes": f"{CHANGES_FOLDER}/{release.version}.json",
            }
            | (
                {
                    "archive": {
                        "name": asset.name,
                        "url": asset.url,
                        "size": asset.size,
                        "sha256": asset.sha256,
                    }
                }
                if asset is not None
                else {}
            )
        )
    return entries


def export(dataset: Dataset, out: Path) -> None:
    """Write ``releases.json``, then ``index.json`` listing it and every checksummed file."""
    write_json(out / RELEASES_FILE, releases(dataset))
    files = []
    for line in (out / CHECKSUM_FILE).read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        files.append({"path": name, "size": (out / name).stat().st_size, "sha256": digest})
    for name in (CHECKSUM_FILE, RELEASES_FILE):
        path = out / name
        files.append({"path": name, "size": path.stat().st_size, "sha256": file_sha256(path)})
    newest = dataset.changelog.releases[0] if dataset.changelog else None
    index: dict[str, Any] = {
        "dataset": dataset.info.name,
        "version": dataset.info.version,
        "released": newest.date if newest else None,
        "last_updated": dataset.last_updated,
        "releases": RELEASES_FILE,
        "all_releases": dataset.publication.releases_page,
        "files": sorted(files, key=lambda entry: entry["path"]),
    }
    write_json(out / INDEX_FILE, {key: value for key, value in index.items() if value is not None})
