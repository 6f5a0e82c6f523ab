"""Shared fixtures: a throwaway copy of the valid base dataset."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from case_runner import BASE


@pytest.fixture
def base_data(tmp_path: Path) -> Path:
    """A writable copy of the small valid dataset every case starts from."""
    target = tmp_path / "data"
    shutil.copytree(BASE, target)
    return target
