"""Where the releases are published: the repository their archives are attached to, and what
is known of each archive (its size and checksum, as the repository reports them).

A build of the datasets knows the releases from the change log; the archives themselves live
on the repository's release pages, built once per tag by the release workflow. The publish
workflow asks the repository for them (``gh release view --json tagName,assets``) and hands
the answer to the build (``--release-assets``). A release whose archive the repository did not
report is listed without one: no address, size or checksum is ever guessed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.history.archives import archive_name


@dataclass(frozen=True)
class ArchiveAsset:
    """A published archive as the repository reports it."""

    name: str
    size: int
    sha256: str
    url: str


@dataclass(frozen=True)
class Publication:
    """The repository the releases are attached to, and their archives as it reports them."""

    repository: str = ""
    assets: dict[str, ArchiveAsset] = field(default_factory=dict)
    """By version (``0.7.0``)."""
    assets_file: Path | None = None
    """Where the repository's report of the archives was saved, until the build reads it
    (``read_release_assets``) into ``assets``: it needs the dataset's name to know them."""

    @property
    def releases_page(self) -> str | None:
        """The repository's page listing every release, when the repository is known."""
        return f"{self.repository.rstrip('/')}/releases" if self.repository else None


class ReleaseAssetsError(ValueError):
    """The release assets file cannot be read; the message says why."""


_DIGEST = re.compile(r"^sha256:([0-9a-f]{64})$")
_TAG = re.compile(r"^v(\d+\.\d+\.\d+)$")


def read_release_assets(path: Path, dataset_name: str) -> dict[str, ArchiveAsset]:
    """The archives listed in ``path``: a JSON list of ``gh release view --json tagName,assets``
    answers. Assets other than a release's archive, and tags that are not versions, are
    skipped; an archive without a SHA-256 digest is refused, not listed without one."""
    try:
        releases = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ReleaseAssetsError(f"cannot read {path}: {error}") from None
    if not isinstance(releases, list):
        raise ReleaseAssetsError(f"{path} must hold a JSON list of releases")
    found: dict[str, ArchiveAsset] = {}
    for release in releases:
        tag = _TAG.match(str(release.get("tagName", ""))) if isinstance(release, dict) else None
        if tag is None:
            continue
        version = tag.group(1)
        wanted = archive_name(dataset_name, version)
        for asset in release.get("assets") or []:
            if not isinstance(asset, dict) or asset.get("name") != wanted:
                continue
            digest = _DIGEST.match(str(asset.get("digest", "")))
            size = asset.get("size")
            if digest is None or not isinstance(size, int) or not str(asset.get("url", "")):
                raise ReleaseAssetsError(
                    f"{path}: the archive of {tag.group(0)} has no size, address or SHA-256 digest"
                )
            found[version] = ArchiveAsset(wanted, size, digest.group(1), str(asset["url"]))
    return found
