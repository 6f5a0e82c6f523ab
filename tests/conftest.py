"""Shared fixtures: a throwaway copy of the valid base dataset, and a cache folder of its own
for every test."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from unittest import mock

import pytest
from site_support import HOSTILE

from case_runner import BASE
from toolkit.checking.cache import CACHE_DIR_VARIABLE
from toolkit.publishing.build import build
from toolkit.publishing.site.builder import SiteSettings

ROOT = Path(__file__).parent.parent
LOCAL_SITE_URL = "http://127.0.0.1:8000/"
"""The address the test site is built for: mkdocs.yml's default, the local preview."""


@pytest.fixture(autouse=True)
def cache_folder(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh cache folder for every test, also for the toolkit processes it starts, so no test
    reads or writes the caches in the real home folder."""
    folder = tmp_path_factory.mktemp("toolkit-cache")
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(folder))
    return folder


@pytest.fixture
def base_data(tmp_path: Path) -> Path:
    """A writable copy of the small valid dataset every case starts from."""
    target = tmp_path / "data"
    shutil.copytree(BASE, target)
    return target


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    data = root / "data"
    shutil.copytree(BASE, data)
    for name, replacements in HOSTILE.items():
        path = data / name
        content = path.read_text()
        for old, new in replacements:
            assert old in content, (name, old)
            content = content.replace(old, new)
        path.write_text(content)
    settings = SiteSettings(ROOT / "mkdocs.yml", ROOT / "docs", root / "work", root / "site")
    with mock.patch.dict(os.environ, {"SITE_URL": LOCAL_SITE_URL}):  # whatever the shell says
        checked = build(data, root / "dist", site=settings)
    assert checked.report.ok, checked.report.problems
    return root / "site"
