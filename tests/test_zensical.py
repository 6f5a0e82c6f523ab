"""The same mkdocs.yml builds with Zensical, Material for MkDocs' successor (the version the
package registry serves), with no warning: the configuration stays standard."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from case_runner import BASE
from toolkit.checking.validate import check_data
from toolkit.publishing.build import build
from toolkit.publishing.dataset import Dataset
from toolkit.publishing.site.generate import THEME_OVERRIDES, write_sources

ROOT = Path(__file__).parent.parent
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def test_the_site_builds_with_zensical_without_a_warning(tmp_path: Path) -> None:
    """A project folder laid out as the repository is (Zensical wants the site and docs folders
    inside it): mkdocs.yml as it is, the theme overrides, and the generated pages."""
    build(BASE, tmp_path / "dist")
    dataset = Dataset.from_checked(check_data(BASE, keep_records=True))
    project = tmp_path / "project"
    shutil.copytree(ROOT / "docs" / THEME_OVERRIDES, project / "docs" / THEME_OVERRIDES)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    address = "http://127.0.0.1:8000/records/"
    dataset.site_url = address  # as a build that publishes the site sets it
    write_sources(dataset, ROOT / "docs", tmp_path / "dist", project / "build" / "docs")
    zensical = Path(sys.executable).with_name("zensical")
    result = subprocess.run(
        [str(zensical), "build", "--strict", "--config-file", "mkdocs.yml"],
        cwd=project,
        env={**os.environ, "SITE_URL": address, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = ANSI.sub("", result.stdout + result.stderr)
    assert result.returncode == 0, output
    assert "No issues found" in output and "Warning" not in output, output
    site = project / "site"
    assert (site / "meetings" / "2026-02-07-dialogue" / "index.html").is_file()
    timeline = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert 'id="2026-02-08-statement"' in timeline
    assert f'<link rel="canonical" href="{address}timeline/">' in timeline
    assert "application/atom+xml" in timeline  # the theme overrides apply
