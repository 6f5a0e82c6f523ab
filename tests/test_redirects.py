"""Ids that never break: a renamed record keeps its old addresses (its page, its JSON file)
leading to the new one, the datasets carry the crosswalk, and a retired id is never reused."""

from __future__ import annotations

import json
import os
from pathlib import Path
from unittest import mock

from conftest import LOCAL_SITE_URL, ROOT

from case_runner import run_cli
from toolkit.checking.validate import validate
from toolkit.publishing.build import build
from toolkit.publishing.site.builder import SiteSettings

REDIRECT = """redirects:
  - collection: people
    old: asha-rao
    new: asha-rao-singh
    date: 2026-03-01
    reason: The official form of her name.
"""


def _rename(data: Path) -> None:
    """asha-rao becomes asha-rao-singh everywhere, and the old id is recorded as retired."""
    (data / "people" / "asha-rao.yaml").rename(data / "people" / "asha-rao-singh.yaml")
    for path in data.rglob("*.yaml"):
        text = path.read_text()
        path.write_text(text.replace("asha-rao", "asha-rao-singh"))
    (data / "redirects.yaml").write_text(REDIRECT)


def test_a_renamed_id_validates_and_its_old_addresses_lead_to_the_record(
    base_data: Path, tmp_path: Path
) -> None:
    _rename(base_data)
    assert validate(base_data).problems == []
    settings = SiteSettings(
        ROOT / "mkdocs.yml", ROOT / "docs", tmp_path / "work", tmp_path / "site"
    )
    with mock.patch.dict(os.environ, {"SITE_URL": LOCAL_SITE_URL}):
        checked = build(base_data, tmp_path / "dist", site=settings)
    assert checked.report.ok
    dist, site = tmp_path / "dist", tmp_path / "site"
    [row] = json.loads((dist / "redirects.json").read_text())
    assert (row["collection"], row["old"], row["new"]) == ("people", "asha-rao", "asha-rao-singh")
    assert (
        row["json"] == "records/people/asha-rao-singh.json"
        and row["page"] == f"{LOCAL_SITE_URL}people/asha-rao-singh/"
    )
    stub = json.loads((dist / "records" / "people" / "asha-rao.json").read_text())
    assert stub["redirect"]["id"] == "asha-rao-singh"
    assert (dist / "records" / "people" / stub["redirect"]["json"]).is_file()
    # the old page sends readers and search engines on, and where it sends them exists
    old_page = (site / "people" / "asha-rao" / "index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../asha-rao-singh/">' in old_page
    assert f'<link rel="canonical" href="{LOCAL_SITE_URL}people/asha-rao-singh/">' in old_page
    assert (site / "people" / "asha-rao-singh" / "index.html").is_file()
    # the index of people lists the record once, under its new id
    index = json.loads((site / "data" / "records" / "people" / "index.json").read_text())
    assert [entry["id"] for entry in index] == ["asha-rao-singh"]


def test_reusing_a_retired_id_is_refused_where_it_is_reused(base_data: Path) -> None:
    _rename(base_data)
    reused = base_data / "people" / "asha-rao.yaml"
    reused.write_text(
        (base_data / "people" / "asha-rao-singh.yaml")
        .read_text()
        .replace("id: asha-rao-singh", "id: asha-rao")
    )
    code, out, _ = run_cli("validate", "--data", str(base_data), "--no-cache")
    assert code == 1
    assert "people/asha-rao.yaml:2:5: error[E-REDIRECT-REUSED]" in out
    assert "renamed to 'asha-rao-singh'" in out
