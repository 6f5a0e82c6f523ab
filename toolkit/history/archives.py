"""A release as one archive: the version's whole ``dist/`` in a zip that is the same bytes
whoever builds it from the same files, with its checksum and release notes beside it.

The zip is reproducible: entries in path order, each stamped with the release's date (not the
file's), the same permissions and compression, under one top folder named for the version. So
a later build never changes what an earlier release published, and an archive rebuilt from the
release's commit, with the same library versions and site address, has the same checksum
(SQLite writes its own version into the database file, so another toolchain differs there).

Files that describe the publication rather than the version (the release list, the site's
file index) are left out: they change with every later release.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from toolkit.foundation.dates import earliest
from toolkit.foundation.digests import file_sha256
from toolkit.foundation.staging import replace_file

PUBLICATION_FILES = frozenset({"releases.json", "index.json"})
"""Files in ``dist/`` that list every release or every published file: not part of one version."""

ZIP_EPOCH = dt.date(1980, 1, 1)
"""The earliest date a zip entry can carry."""


class ArchiveError(ValueError):
    """The archive cannot be made; the message says why."""


@dataclass(frozen=True)
class Archive:
    """A written archive and what a download page says of it."""

    path: Path
    size: int
    sha256: str

    @property
    def checksum_line(self) -> str:
        """The line ``sha256sum -c`` reads for it."""
        return f"{self.sha256}  {self.path.name}\n"


def archive_name(dataset_name: str, version: str) -> str:
    """``india-canada-security-dialogue-0.7.0.zip``."""
    return f"{dataset_name}-{version}.zip"


def archived_files(dist: Path) -> list[str]:
    """The files of ``dist`` that belong to the version, as sorted relative POSIX paths; a link
    or anything that is not a regular file is refused rather than followed."""
    names = []
    for path in sorted(dist.rglob("*")):
        if path.is_symlink():
            raise ArchiveError(f"{path} is a link: an archive holds only the build's own files")
        if path.is_file():
            name = path.relative_to(dist).as_posix()
            if name not in PUBLICATION_FILES:
                names.append(name)
        elif not path.is_dir():
            raise ArchiveError(f"{path} is not a regular file: a build writes only files")
    if "SHA256SUMS" not in names:
        raise ArchiveError(f"{dist} has no SHA256SUMS: build the datasets first (toolkit build)")
    return names


def write_archive(dist: Path, out_dir: Path, dataset_name: str, version: str, date: str) -> Archive:
    """Zip the version's files of ``dist`` into ``out_dir``, reproducibly, and write the
    ``.sha256`` file beside it; the zip appears whole or not at all."""
    stamp = max(earliest(date), ZIP_EPOCH)  # a release dated to the month: its first day
    folder = f"{dataset_name}-{version}"
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / archive_name(dataset_name, version)
    names = archived_files(dist)
    descriptor, partial = tempfile.mkstemp(prefix=f".{target.name}.", dir=out_dir)
    try:
        with os.fdopen(descriptor, "wb") as handle, zipfile.ZipFile(handle, "w") as archive:
            for name in names:
                entry = zipfile.ZipInfo(
                    f"{folder}/{name}", date_time=(*stamp.timetuple()[:3], 0, 0, 0)
                )
                entry.compress_type = zipfile.ZIP_DEFLATED
                entry.external_attr = 0o100644 << 16
                entry.create_system = 3  # Unix, so the permissions above are read
                archive.writestr(entry, (dist / name).read_bytes(), compresslevel=9)
        os.chmod(partial, 0o644)  # noqa: PTH101 (a plain string from mkstemp)
        os.replace(partial, target)  # noqa: PTH105
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    written = Archive(target, target.stat().st_size, file_sha256(target))
    replace_file(target.with_name(target.name + ".sha256"), written.checksum_line, 0o644)
    return written


_HEADING = re.compile(r"^## (\S+) \(([0-9-]+)\)", re.MULTILINE)

RELEASE_NOTES = "release-notes.md"


def archive_release(dist: Path, out_dir: Path) -> Archive:
    """Archive the release ``dist`` was built from (named and dated by its ``index.json`` and
    ``CHANGES.md``: small files, where ``dataset.json`` holds every record), and write its
    release notes beside the archive."""
    try:
        described = json.loads((dist / "index.json").read_text(encoding="utf-8"))
        name, version = str(described["dataset"]), str(described["version"])
        changes = (dist / "CHANGES.md").read_text(encoding="utf-8")
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ArchiveError(
            f"{dist} is not a build of the datasets ({error}): run toolkit build"
        ) from None
    date = release_date(changes, version)
    notes = release_notes(changes, version)
    archive = write_archive(dist, out_dir, name, version, date)
    replace_file(out_dir / RELEASE_NOTES, notes, 0o644)
    return archive


def release_date(changes_md: str, version: str) -> str:
    """The date ``CHANGES.md`` gives the release of ``version``."""
    for heading in _HEADING.finditer(changes_md):
        if heading.group(1) == version:
            return heading.group(2)
    raise ArchiveError(
        f"CHANGES.md has no entry for version {version}: record it with toolkit release"
    )


def release_notes(changes_md: str, version: str) -> str:
    """The section of ``CHANGES.md`` for ``version``, without its heading: what the GitHub
    release says."""
    headings = list(_HEADING.finditer(changes_md))
    for number, heading in enumerate(headings):
        if heading.group(1) == version:
            start = changes_md.index("\n", heading.start()) + 1
            end = headings[number + 1].start() if number + 1 < len(headings) else len(changes_md)
            return changes_md[start:end].strip() + "\n"
    raise ArchiveError(
        f"CHANGES.md has no entry for version {version}: record it with toolkit release"
    )
