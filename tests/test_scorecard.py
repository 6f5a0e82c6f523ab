"""The scorecard as data: snapshots cut from the assessment history, the summary recomputed from
the rows, every format agreeing, the method's version where it is promised."""

from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
import sys
from collections import defaultdict
from contextlib import closing
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from case_runner import add_assessment
from toolkit.checking.validate import validate
from toolkit.publishing.build import build
from toolkit.publishing.site.builder import SiteSettings

LATER = """  - date: 2026-09-10
    status: in-progress
    summary: The ministry said officers were named; no Canadian step was found.
    scores:
      - party: CA
        score: none
        basis: no-report
        note: Silence through the end of August.
        searched: The stored pages, for appointments.
        searched_through: 2026-08-31
    sources: [daily-news-2026-02-08]
"""

SECOND = """# yaml-language-server: $schema=../../schema/commitments.schema.json
id: cyber-cooperation
meeting: 2026-02-07-dialogue
title: Formalise cyber security cooperation
statements:
  - text: The ministry said the sides would formalise cyber cooperation.
    sources: [ministry-readout-2026-02-07]
kind: agreement
parties: [IN, CA]
topics: [illicit-drugs]
qualifies:
  discrete: One undertaking.
  specific: It names the field.
  public: The readout.
  agreed: The readout says so.
  future: Still to be done.
guideline:
  full: An agreement signed.
  partial: Negotiations under way.
  none: Nothing reported, or dropped.
  reaffirmation: Scored as silence.
assessments:
  - date: 2026-02-07
    status: announced
    summary: Agreed at the meeting.
    scores:
      - party: IN
        score: too-early
        basis: too-early
        note: The day of the meeting.
      - party: CA
        score: too-early
        basis: too-early
        note: The day of the meeting.
    sources: [ministry-readout-2026-02-07]
  - date: 2026-07-01
    status: in-progress
    summary: The ministry said an agreement was signed; Canada said it would not take part.
    scores:
      - party: IN
        score: full
        basis: evidence
        note: Signed.
        sources: [daily-news-2026-02-08]
      - party: CA
        score: none
        basis: contrary
        note: Declined.
        sources: [daily-news-2026-02-08]
    sources: [daily-news-2026-02-08]
sources: [ministry-readout-2026-02-07, daily-news-2026-02-08]
"""


@pytest.fixture
def scored_data(base_data: Path) -> Path:
    """The base data with every basis and score: a step (0), silence after the waiting period
    (−1, no report), a signed agreement (+1), a refusal (−1, contrary), too early."""
    add_assessment(base_data)  # India: partial on 2026-03-02
    path = base_data / "commitments" / "liaison-officers.yaml"
    text = path.read_text()
    tail = "sources: [ministry-readout-2026-02-07, daily-news-2026-02-08]\n"
    path.write_text(text.replace(tail, LATER + tail))
    (base_data / "commitments" / "cyber-cooperation.yaml").write_text(SECOND)
    assert validate(base_data).problems == []
    return base_data


def read(dist: Path, table: str) -> list[dict[str, str]]:
    with (dist / "csv" / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_each_snapshot_takes_the_newest_score_its_evidence_allows(
    scored_data: Path, tmp_path: Path
) -> None:
    build(scored_data, tmp_path / "dist")
    rows = {
        (r["snapshot"], r["commitment"], r["party"]): r
        for r in read(tmp_path / "dist", "scorecard")
    }
    interim = rows["interim", "liaison-officers", "CA"]
    # the −1 of 10 September rests on material through 31 August, after the interim cut-off
    assert (interim["cutoff"], interim["score_label"], interim["score"]) == (
        "2026-08-07",
        "too-early",
        "",
    )
    final = rows["final", "liaison-officers", "CA"]
    assert (final["score"], final["basis"], final["percentage"]) == ("-1", "no-report", "0")
    assert final["evidence_through"] == "2026-08-31" and final["assessed"] == "2026-09-10"
    assert final["searched"] == "The stored pages, for appointments."
    assert (
        final["guideline"] == "Nothing reported within the compliance period, or the plan dropped."
    )
    assert final["provisional"] == "True"  # the newest date in the data is before 2027-02-07
    assert interim["provisional"] == "False"
    india = rows["interim", "liaison-officers", "IN"]
    assert (india["score"], india["basis"], india["sources"]) == (
        "0",
        "evidence",
        "daily-news-2026-02-08",
    )
    assert india["percentage"] == "50" and india["methodology_version"] == "1.0"
    signed = rows["interim", "cyber-cooperation", "IN"]
    assert (signed["score"], signed["percentage"], signed["guideline"]) == (
        "1",
        "100",
        "An agreement signed.",
    )
    assert rows["interim", "cyber-cooperation", "CA"]["basis"] == "contrary"


def test_the_summary_is_recomputed_from_the_rows(scored_data: Path, tmp_path: Path) -> None:
    """Counts, means, percentages and the sensitivity figure, recomputed from scorecard.csv
    with plain arithmetic, equal scorecard_summary.csv, group by group."""
    build(scored_data, tmp_path / "dist")
    rows = read(tmp_path / "dist", "scorecard")
    groups: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        groups[row["snapshot"], "overall", "all"].append(row)
        groups[row["snapshot"], "party", row["party"]].append(row)
        for topic in row["topics"].split(";"):
            groups[row["snapshot"], "topic", topic].append(row)
    summary = {
        (r["snapshot"], r["group_kind"], r["group_id"]): r
        for r in read(tmp_path / "dist", "scorecard_summary")
    }
    assert set(summary) == set(groups)

    def mean(values: list[int]) -> str:
        return "" if not values else repr(round(sum(values) / len(values), 4))

    def percent(text: str) -> str:
        return "" if not text else repr(round((float(text) + 1) * 50, 1))

    for key, members in groups.items():
        scored = [int(r["score"]) for r in members if r["score"]]
        reported = [int(r["score"]) for r in members if r["score"] and r["basis"] != "no-report"]
        expected = {
            "party_scores": str(len(members)),
            "scored": str(len(scored)),
            "full": str(scored.count(1)),
            "partial": str(scored.count(0)),
            "none": str(scored.count(-1)),
            "no_report": str(
                sum(r["score"] == "-1" and r["basis"] == "no-report" for r in members)
            ),
            "too_early": str(sum(r["score_label"] == "too-early" for r in members)),
            "not_scored": str(sum(r["score_label"] == "" for r in members)),
            "mean": mean(scored),
            "percentage": percent(mean(scored)),
            "mean_without_no_report": mean(reported),
            "percentage_without_no_report": percent(mean(reported)),
        }
        assert {name: summary[key][name] for name in expected} == expected, key
    final = summary["final", "party", "CA"]
    assert (final["mean"], final["mean_without_no_report"]) == ("-1.0", "-1.0")
    liaison = summary["final", "overall", "all"]
    assert liaison["no_report"] == "1" and liaison["mean"] != liaison["mean_without_no_report"]


def test_json_sqlite_and_csv_carry_the_same_scorecard(scored_data: Path, tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build(scored_data, dist)
    document = json.loads((dist / "scorecard.json").read_text())
    assert document["methodology"]["version"] == "1.0"
    from_csv = read(dist, "scorecard")
    assert [(r["snapshot"], r["commitment"], r["party"]) for r in from_csv] == [
        (r["snapshot"], r["commitment"], r["party"]) for r in document["scores"]
    ]
    assert [r.get("score") for r in document["scores"]] == [
        int(r["score"]) if r["score"] else None for r in from_csv
    ]
    with closing(sqlite3.connect(dist / "dataset.sqlite")) as connection:
        means = connection.execute(
            "SELECT snapshot, group_id, mean FROM scorecard_summary WHERE group_kind = 'party' "
            "ORDER BY snapshot, group_id"
        ).fetchall()
        linked = connection.execute(
            "SELECT count(*) FROM scorecard JOIN commitments ON commitments.id = commitment"
        ).fetchone()
    assert means == [
        ("final", "CA", -1.0),
        ("final", "IN", 0.5),
        ("interim", "CA", -1.0),
        ("interim", "IN", 0.5),
    ]
    assert linked == (len(from_csv),)
    assert [r["mean"] for r in document["summary"] if r["group_id"] == "IN"] == [0.5, 0.5]


def test_the_scorecard_tables_pass_frictionless_validation(
    scored_data: Path, tmp_path: Path
) -> None:
    build(scored_data, tmp_path / "dist")
    package = json.loads((tmp_path / "dist" / "datapackage.json").read_text())
    names = [resource["name"] for resource in package["resources"]]
    assert {"scorecard", "scorecard_summary"} <= set(names)
    [summary] = [r for r in package["resources"] if r["name"] == "scorecard_summary"]
    types = {field["name"]: field["type"] for field in summary["schema"]["fields"]}
    assert (types["mean"], types["scored"], types["provisional"]) == (
        "number",
        "integer",
        "boolean",
    )
    for name in ("scorecard", "scorecard_summary"):
        result = subprocess.run(
            [
                str(Path(sys.executable).parent / "frictionless"),
                "validate",
                "--json",
                "--resource-name",
                name,
                str(tmp_path / "dist" / "datapackage.json"),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        report = json.loads(result.stdout)
        assert report["valid"], json.dumps(report)[:2000]


def test_the_methodology_page_lists_every_version_of_the_method() -> None:
    """The versions table of the methodology page follows dataset.yaml, and the page is headed
    by the version in force."""
    root = Path(__file__).parent.parent
    rules = yaml.safe_load((root / "data" / "dataset.yaml").read_text())["scorecard"]
    page = (root / "docs" / "methodology.md").read_text()
    listed = [
        line.split("|")[1].strip()
        for line in page.split("### The scoring method", 1)[1].split("###", 1)[0].splitlines()
        if line.startswith("| ") and line.split("|")[1].strip()[:1].isdigit()
    ]
    assert listed == [version["version"] for version in rules["methodology"]]
    assert f"### The scoring method, version {rules['methodology'][-1]['version']}" in page


def test_silence_reads_as_silence_wherever_a_score_is_shown(
    scored_data: Path, tmp_path: Path
) -> None:
    """A −1 resting on no report is labelled so and drawn apart from a reported failure, on the
    scorecard, the home page and the commitment page; no score reads "no action"."""
    settings = SiteSettings(
        ROOT / "mkdocs.yml", ROOT / "docs", tmp_path / "work", tmp_path / "site"
    )
    build(scored_data, tmp_path / "dist", site=settings)
    scorecard = (tmp_path / "site" / "scorecard" / "index.html").read_text()
    final = scorecard.split('id="final-2026-02-07-dialogue"', 1)[1].split("<h3", 1)[0]
    assert '<span class="score score-none score-silence">−1 none · no report found</span>' in final
    assert '<span class="score score-none">−1 none · reported action against it</span>' in final
    chart = final.split("<figure", 1)[1].split("</figure>", 1)[0]
    assert 'class="seg seg-none-silence"' in chart and 'class="seg seg-none-reported"' in chart
    assert "Canada — −1 none (reported): 1, −1 none (no report found): 1; India" in chart
    home = (tmp_path / "site" / "index.html").read_text()
    assert "Canada — −1 none (reported): 1, −1 none (no report found): 1" in home
    assert "Evidence through" in home
    page = (tmp_path / "site" / "commitments" / "liaison-officers" / "index.html").read_text()
    assert "−1 none · no report found" in page and "The searched material reaches" in page
    for html in (scorecard, home, page):
        assert "no action" not in html.lower()


def test_the_waiting_period_binds_the_method_in_force_only(base_data: Path) -> None:
    """Silence scored −1 before the waiting period ends is refused under the method in force;
    the same score given under an earlier version stays as it was published."""
    path = base_data / "commitments" / "liaison-officers.yaml"
    early = LATER.replace("2026-09-10", "2026-06-01").replace("2026-08-31", "2026-05-31")
    tail = "sources: [ministry-readout-2026-02-07, daily-news-2026-02-08]\n"
    path.write_text(path.read_text().replace(tail, early + tail))
    assert [p.code for p in validate(base_data).problems] == ["E-SCORE-WAIT"]
    dataset = base_data / "dataset.yaml"
    dataset.write_text(
        dataset.read_text().replace(
            "  waiting: P6M",
            "    - version: '2.0'\n      date: 2026-07-01\n      summary: A later method.\n"
            "  waiting: P6M",
        )
    )
    assert validate(base_data).problems == []  # given on 2026-06-01, under version 1.0


def test_snapshot_names_are_unique_and_versions_oldest_first(base_data: Path) -> None:
    dataset = base_data / "dataset.yaml"
    text = dataset.read_text()
    dataset.write_text(text.replace("    - name: final", "    - name: interim"))
    [problem] = validate(base_data).problems
    assert problem.path == ("scorecard", "snapshots") and "repeated" in problem.message
    dataset.write_text(
        text.replace(
            "  waiting: P6M",
            "    - version: '3.0'\n      date: 2026-01-01\n      summary: Out.\n  waiting: P6M",
        )
    )
    [problem] = validate(base_data).problems
    assert problem.path == ("scorecard", "methodology") and "oldest first" in problem.message
