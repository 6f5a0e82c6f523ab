"""The curated records in data/: valid, and faithful to the facts the sources establish."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from toolkit.checking.validate import validate
from toolkit.models import COLLECTIONS
from toolkit.publishing.build import build
from toolkit.reading.loader import load_file

DATA = Path(__file__).parent.parent / "data"


def record(collection: str, record_id: str) -> Any:
    loaded = load_file(DATA / collection / f"{record_id}.yaml")
    assert loaded.problems == []
    return COLLECTIONS[collection].model_validate(loaded.data)


def test_the_data_folder_is_valid_without_warnings() -> None:
    report = validate(DATA)
    assert [f"{p.file}:{p.line} {p.code} {p.message}" for p in report.problems] == []
    assert report.files_checked >= 100


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_every_collection_has_records(collection: str) -> None:
    assert list((DATA / collection).glob("*.yaml"))


def test_the_two_dialogue_rounds_are_linked_in_order() -> None:
    ottawa = record("meetings", "2026-02-07-nsa-dialogue-ottawa")
    assert (ottawa.date, ottawa.location.city, ottawa.location.country) == (
        "2026-02-07",
        "Ottawa",
        "CA",
    )
    assert ottawa.previous == "2025-09-18-nsa-dialogue-new-delhi"
    assert {p.person for p in ottawa.participants} == {"ajit-doval", "nathalie-g-drouin"}
    delhi = record("meetings", ottawa.previous)
    assert (delhi.date, delhi.location.country) == ("2025-09-18", "IN")


def test_the_public_safety_meeting_keeps_friday_and_records_the_conflict() -> None:
    meeting = record("meetings", "2026-02-06-doval-anandasangaree-ottawa")
    assert meeting.date == "2026-02-06"
    [conflict] = [d for d in meeting.discrepancies if d.field == "date"]
    assert conflict.kind == "conflict"
    news_claims = [
        c for c in conflict.claims if "global-india-broadcast-news-work-plan" in c.sources
    ]
    assert news_claims and "Saturday" in news_claims[0].value
    assert len(conflict.claims) >= 2


def test_the_news_report_spellings_are_kept_as_aliases() -> None:
    minister = record("people", "gary-anandasangaree")
    assert minister.name == "Gary Anandasangaree"
    assert "Gary Anandsangari" in [a.name for a in minister.aliases]
    nijjar = record("people", "hardeep-singh-nijjar")
    assert "Hardeep Singh Nijja" in [a.name for a in nijjar.aliases]


def test_every_commitment_of_the_ottawa_meeting_is_recorded_with_a_quote() -> None:
    commitments = [
        record("commitments", path.stem) for path in sorted((DATA / "commitments").glob("*.yaml"))
    ]
    ottawa = [c for c in commitments if c.meeting == "2026-02-07-nsa-dialogue-ottawa"]
    topics = {topic for c in ottawa for topic in c.topics}
    assert {"illicit-drugs", "fentanyl-precursors", "cyber-security", "fraud"} <= topics
    assert {"immigration-enforcement", "transnational-organised-crime"} <= topics
    assert all(c.quotes and set(c.parties) == {"IN", "CA"} for c in ottawa)
    assert len(ottawa) >= 5


def test_every_commitment_is_assessed_from_evidence_after_march_2026() -> None:
    """The record is kept current: each commitment has an assessment dated after 1 March 2026,
    and none is stale or overdue as of the day these records were last brought up to date."""
    for path in sorted((DATA / "commitments").glob("*.yaml")):
        commitment = record("commitments", path.stem)
        assert commitment.assessments[-1].date > "2026-03-01", path.stem
    report = validate(DATA, as_of="2026-11-25")
    assert [p.code for p in report.problems] == []


def test_the_real_data_builds_into_a_valid_data_package(tmp_path: Path) -> None:
    checked = build(DATA, tmp_path / "dist")
    assert checked.report.ok
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "frictionless"),
            "validate",
            "--json",
            str(tmp_path / "dist" / "datapackage.json"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert json.loads(result.stdout)["valid"]


def test_the_repository_citation_is_the_datasets_own(tmp_path: Path) -> None:
    """GitHub's "Cite this repository" reads the root CITATION.cff: it must say what the built
    dataset's CITATION.cff says (``toolkit release`` refreshes it)."""
    build(DATA, tmp_path / "dist")
    root = DATA.parent / "CITATION.cff"
    assert root.read_text() == (tmp_path / "dist" / "CITATION.cff").read_text()


def test_the_zenodo_deposit_describes_the_current_release() -> None:
    """Zenodo reads the root .zenodo.json when a GitHub release is published: it must describe
    the version the data is at (``toolkit release`` refreshes it), in the shape Zenodo takes."""
    from toolkit.checking.validate import check_data
    from toolkit.publishing.deposit import released_zenodo

    checked = check_data(DATA)
    assert checked.info is not None and checked.changelog is not None
    text = (DATA.parent / ".zenodo.json").read_text(encoding="utf-8")
    assert text == released_zenodo(checked.info, checked.changelog)
    deposit = json.loads(text)
    assert deposit["upload_type"] == "dataset" and deposit["license"] == "cc-by-4.0"
    assert deposit["version"] == checked.info.version
    assert deposit["publication_date"] == checked.changelog.releases[0].date
    assert deposit["creators"] and all(creator["name"] for creator in deposit["creators"])
