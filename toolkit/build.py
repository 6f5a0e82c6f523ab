"""Build the datasets: validate, export every format into a staging folder, then swap it in.

The previous output stays untouched unless everything succeeded: invalid data or a failing
exporter leaves it as it was.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from toolkit.dataset import Dataset
from toolkit.exporters import EXPORTERS
from toolkit.validate import DATASET_FILE, CheckedData, check_data

Progress = Callable[[str], None]


class BuildError(Exception):
    """The build could not finish; the previous output is unchanged."""


def build(data_dir: Path, out: Path, progress: Progress = lambda step: None) -> CheckedData:
    """Validate ``data_dir`` and, when it is valid, write every format to ``out``.

    Returns the validation result; the caller reports it when it is not ok (nothing is written).
    """
    checked = check_data(data_dir)
    if not checked.report.ok:
        return checked
    if checked.info is None:
        raise BuildError(f"{data_dir / DATASET_FILE} is missing: it names and versions the dataset")
    dataset = Dataset.from_checked(checked)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-", dir=out.parent))
    staging.chmod(0o755)  # mkdtemp makes it private; the published folder is for everyone
    try:
        for name, exporter in EXPORTERS.items():
            progress(name)
            try:
                exporter(dataset, staging)
            except Exception as error:  # any failure must leave the old output in place
                raise BuildError(f"the {name} export failed: {error}") from error
        _swap_in(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return checked


def _swap_in(staging: Path, out: Path) -> None:
    """Replace ``out`` with ``staging`` by renames, so ``out`` is never half-written."""
    retired = out.with_name(f".{out.name}-old")
    shutil.rmtree(retired, ignore_errors=True)
    if out.exists():
        out.rename(retired)
    staging.rename(out)
    shutil.rmtree(retired, ignore_errors=True)
