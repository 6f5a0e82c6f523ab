"""The change log: two real git revisions of a data folder, a dist folder, and every format."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from case_runner import BASE, add_assessment, git, run_cli
from inert_support import markdown_text_of, markup_elements
from toolkit.history.diff_report import render_json, render_markdown, render_text
from toolkit.history.diffing import diff_snapshots
from toolkit.models.changelog import ChangeKind
from toolkit.publishing.build import build
from toolkit.reading.snapshots import read_snapshot


@pytest.fixture
def history(tmp_path: Path) -> tuple[Path, str, str]:
    """A repository with two commits: the base data, then one of each kind of change."""
    repo = tmp_path / "repo"
    data = repo / "data"
    shutil.copytree(BASE, data)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    old = git(repo, "rev-parse", "HEAD")
    topic = data / "topics" / "illicit-drugs.yaml"
    topic.write_text(topic.read_text().replace("name: Illicit drugs", "name: Illegal drugs"))
    (data / "events" / "2026-02-08-statement.yaml").unlink()
    shutil.copy(topic, data / "topics" / "cyber-security.yaml")
    added = data / "topics" / "cyber-security.yaml"
    added.write_text(
        added.read_text()
        .replace("id: illicit-drugs", "id: cyber-security")
        .replace("name: Illegal drugs", "name: Cyber security")
    )
    add_assessment(data)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "changes")
    return data, old, git(repo, "rev-parse", "HEAD")


def test_two_revisions_give_each_kind_of_change(history: tuple[Path, str, str]) -> None:
    data, old, new = history
    diff = diff_snapshots(read_snapshot(old, data), read_snapshot(new, data))
    changes = {(r.collection, r.id): r for r in diff.records}
    assert {key: r.change for key, r in changes.items()} == {
        ("commitments", "liaison-officers"): ChangeKind.CHANGED,
        ("events", "2026-02-08-statement"): ChangeKind.REMOVED,
        ("topics", "cyber-security"): ChangeKind.ADDED,
        ("topics", "illicit-drugs"): ChangeKind.CHANGED,
    }
    [renamed] = changes[("topics", "illicit-drugs")].fields
    assert (renamed.path, renamed.old, renamed.new) == ("name", "Illicit drugs", "Illegal drugs")
    liaison = changes[("commitments", "liaison-officers")]
    assert liaison.status == ("announced", "in-progress")
    [appended] = liaison.fields
    assert appended.path == "assessments[2]" and appended.change is ChangeKind.ADDED
    assert appended.new["summary"] == "The ministry said the officers had been named."


def test_the_working_folder_is_the_default_new_side(history: tuple[Path, str, str]) -> None:
    data, old, new = history
    code, out, _ = run_cli("diff", new, "--data", str(data))
    assert code == 0
    assert "0 records added, 0 removed, 0 changed" in out
    code, out, _ = run_cli("diff", old, "--data", str(data))
    assert "1 record added, 1 removed, 2 changed; 1 status change" in out
    assert "~ commitments/liaison-officers" in out
    assert "    current status: announced → in-progress" in out
    assert '    name: "Illicit drugs" → "Illegal drugs"' in out


def test_json_and_markdown_formats(history: tuple[Path, str, str]) -> None:
    data, old, new = history
    code, out, _ = run_cli("diff", old, new, "--data", str(data), "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["summary"] == {"added": 1, "removed": 1, "changed": 2}
    [liaison] = [r for r in document["records"] if r["id"] == "liaison-officers"]
    assert liaison["status"] == {"old": "announced", "new": "in-progress"}
    code, out, _ = run_cli("diff", old, new, "--data", str(data), "--format", "markdown")
    assert out.index("### Status changes") < out.index("### Added") < out.index("### Removed")
    assert "`assessments[2]` added:" in out


def test_a_dist_folder_compares_equal_to_the_data_it_was_built_from(
    base_data: Path, tmp_path: Path
) -> None:
    build(base_data, tmp_path / "dist")
    diff = diff_snapshots(
        read_snapshot(str(tmp_path / "dist")), read_snapshot(str(base_data), base_data)
    )
    assert diff.records == []


def test_markdown_keeps_contributor_text_inert(base_data: Path) -> None:
    before = read_snapshot(str(base_data), base_data)
    topic = base_data / "topics" / "illicit-drugs.yaml"
    topic.write_text(topic.read_text().replace("name: Illicit drugs", "name: '[x](http://e) ``'"))
    after = read_snapshot(str(base_data), base_data)
    text = render_markdown(diff_snapshots(before, after))
    assert markup_elements(text) == []  # no link, image or HTML, though the title holds a link
    assert "[x](http://e) `` (topics/illicit-drugs)" in markdown_text_of(text)
    assert '"Illicit drugs" → "[x](http://e) ``"' in markdown_text_of(text)


def test_an_unknown_revision_is_a_usage_error(base_data: Path) -> None:
    code, _, err = run_cli("diff", "no-such-revision", "--data", str(base_data))
    assert code == 2
    assert "not a data folder, a dist folder or a git revision" in err


def test_a_pull_request_is_compared_with_its_merge_base(tmp_path: Path) -> None:
    """A branch adds one topic; main, after the branch point, adds another. ``main...branch``
    (what the pull-request workflow runs) lists the branch's topic alone; comparing main's tip
    with the branch would also list main's new topic as removed."""
    repo = tmp_path / "repo"
    data = repo / "data"
    shutil.copytree(BASE, data)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")

    def add_topic(topic_id: str, name: str) -> None:
        text = (data / "topics" / "illicit-drugs.yaml").read_text()
        text = text.replace("id: illicit-drugs", f"id: {topic_id}")
        (data / "topics" / f"{topic_id}.yaml").write_text(text.replace("Illicit drugs", name))
        git(repo, "add", "-A")
        git(repo, "commit", "-qm", f"add {topic_id}")

    git(repo, "checkout", "-q", "-b", "branch")
    add_topic("cyber-security", "Cyber security")
    git(repo, "checkout", "-q", "main")
    add_topic("fraud", "Fraud")  # main moves on after the branch point

    code, out, _ = run_cli("diff", "main...branch", "--data", str(data), "--format", "json")
    assert code == 0
    listed = {(r["collection"], r["id"], r["change"]) for r in json.loads(out)["records"]}
    assert listed == {("topics", "cyber-security", "added")}
    code, out, _ = run_cli("diff", "main", "branch", "--data", str(data), "--format", "json")
    tips = {(r["collection"], r["id"], r["change"]) for r in json.loads(out)["records"]}
    assert ("topics", "fraud", "removed") in tips  # why the tips are not what a PR changes
    code, _, err = run_cli("diff", "main...", "--data", str(data))
    assert code == 2 and "needs a revision on each side" in err


def test_edits_to_the_dataset_files_are_shown_with_the_records(base_data: Path) -> None:
    """A pull request's summary hides nothing it changes: dataset.yaml's metadata and the change
    log's releases (keyed by version, so an edit is named where it is) appear in every
    format."""
    before = read_snapshot(str(base_data), base_data)
    changelog = base_data / "changelog.yaml"
    changelog.write_text(changelog.read_text().replace("The first records.", "Other records."))
    dataset = base_data / "dataset.yaml"
    dataset.write_text(dataset.read_text().replace("waiting: P6M", "waiting: P3M"))
    diff = diff_snapshots(before, read_snapshot(str(base_data), base_data))
    assert diff.records == []
    shown = {d.id: [(f.path, f.old, f.new) for f in d.fields] for d in diff.documents}
    assert shown == {
        "changelog.yaml": [("releases[1.2.3].summary", "The first records.", "Other records.")],
        "dataset.yaml": [("scorecard.waiting", "P6M", "P3M")],
    }
    text = render_text(diff)
    assert "changelog.yaml changed; dataset.yaml changed" in text
    assert '    releases[1.2.3].summary: "The first records." → "Other records."' in text
    assert json.loads(render_json(diff))["documents"][1] == {
        "file": "dataset.yaml",
        "change": "changed",
        "fields": [{"path": "scorecard.waiting", "change": "changed", "old": "P6M", "new": "P3M"}],
    }
