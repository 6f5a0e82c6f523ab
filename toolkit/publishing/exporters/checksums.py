"""SHA256SUMS over every other output file, in the format ``sha256sum -c`` reads."""

from __future__ import annotations

from pathlib import Path

from toolkit.foundation.digests import file_sha256
from toolkit.publishing.dataset import Dataset
from toolkit.publishing.files import write_text

CHECKSUM_FILE = "SHA256SUMS"


def export(dataset: Dataset, out: Path) -> None:
    """Write ``SHA256SUMS``: one ``<hex>  <path>`` line per file, sorted by path."""
    files = sorted(
        path.relative_to(out).as_posix()
        for path in out.rglob("*")
        if path.is_file() and path.name != CHECKSUM_FILE
    )
    lines = [f"{file_sha256(out / name)}  {name}\n" for name in files]
    write_text(out / CHECKSUM_FILE, "".join(lines))
