"""SHA256SUMS over every other output file, in the format ``sha256sum -c`` reads."""

from __future__ import annotations

import hashlib
from pathlib import Path

from toolkit.publishing.dataset import Dataset
from toolkit.publishing.files import write_text

CHECKSUM_FILE = "SHA256SUMS"


def sha256(path: Path) -> str:
    """The hex SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def export(dataset: Dataset, out: Path) -> None:
    """Write ``SHA256SUMS``: one ``<hex>  <path>`` line per file, sorted by path."""
    files = sorted(
        path.relative_to(out).as_posix()
        for path in out.rglob("*")
        if path.is_file() and path.name != CHECKSUM_FILE
    )
    lines = [f"{sha256(out / name)}  {name}\n" for name in files]
    write_text(out / CHECKSUM_FILE, "".join(lines))
