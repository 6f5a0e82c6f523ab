"""Write an output folder atomically: into a staging folder beside it, swapped in on success."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def staged(out: Path) -> Iterator[Path]:
    """Yield an empty staging folder; when the block succeeds it replaces ``out`` by renames,
    when it fails it is removed and ``out`` stays as it was."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-", dir=out.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the published folder is for everyone
    try:
        yield staging
        _swap_in(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap_in(staging: Path, out: Path) -> None:
    """Replace ``out`` with ``staging``; ``out`` is never half-written."""
    retired = out.with_name(f".{out.name}-old")
    shutil.rmtree(retired, ignore_errors=True)
    had_output = out.exists()
    if had_output:
        out.rename(retired)
    try:
        staging.rename(out)
    except OSError:
        if had_output:
            retired.rename(out)  # put the previous output back before failing
        raise
    shutil.rmtree(retired, ignore_errors=True)
