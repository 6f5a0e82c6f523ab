"""Commitment tracking: derived status and scores, releases, the change log, the calendars."""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import icalendar
import pytest

from case_runner import BASE, add_assessment, git, run_cli
from toolkit.checking.validate import check_data, validate
from toolkit.history.releases import Level, ReleaseError, bumped, make_release
from toolkit.models import Commitment
from toolkit.publishing.build import build
from toolkit.publishing.dataset import Dataset
from toolkit.publishing.scorecard import current_rows, status_over_time, summarise


def commitment(data: Path) -> Commitment:
    [record] = Dataset.from_checked(check_data(data, keep_records=True)).records["commitments"]
    assert isinstance(record, Commitment)
    return record


def test_current_status_and_scores_come_from_the_newest_assessments(base_data: Path) -> None:
    before = commitment(base_data)
    assert before.current_status == "announced"
    assert {p: str(s.score) for p, s in before.current_scores().items()} == {
        "IN": "too-early",
        "CA": "too-early",
    }
    add_assessment(base_data)
    after = commitment(base_data)
    assert after.current_status == "in-progress"
    scores = after.current_scores()
    assert str(scores["IN"].score) == "partial"  # the newest score for India
    assert str(scores["CA"].score) == "too-early"  # Canada not scored since: kept
    rows = current_rows(Dataset.from_checked(check_data(base_data, keep_records=True)))
    india = summarise(row for row in rows if row.party == "IN")
    canada = summarise(row for row in rows if row.party == "CA")
    assert (india.mean, canada.mean) == (0.0, None)
    assert (india.scored, canada.too_early) == (1, 1)
    series = dict(status_over_time([after]))
    assert series["2026-02-12"]["announced"] == 1 and series["2026-03-02"]["in-progress"] == 1


def _repository(tmp_path: Path) -> Path:
    data = tmp_path / "repo" / "data"
    shutil.copytree(BASE, data)
    git(data.parent, "init", "-q")
    git(data.parent, "add", "-A")
    git(data.parent, "commit", "-qm", "1.2.3")
    return data


def test_a_release_bumps_the_version_and_records_the_changes(tmp_path: Path) -> None:
    data = _repository(tmp_path)
    with pytest.raises(ReleaseError, match="nothing changed"):
        make_release(data, Level.MINOR, "2026-03-03")
    add_assessment(data)
    code, out, _ = run_cli("release", "minor", "--data", str(data), "--date", "2026-03-03")
    assert code == 0 and "released 1.3.0" in out
    assert "version: 1.3.0" in (data / "dataset.yaml").read_text()
    assert validate(data).problems == []
    built = build(data, tmp_path / "dist")
    assert built.changelog is not None
    [newest, first] = built.changelog.releases
    assert (newest.version, newest.date, first.version) == ("1.3.0", "2026-03-03", "1.2.3")
    [change] = newest.changes
    assert (change.id, str(change.change), change.fields) == (
        "liaison-officers",
        "changed",
        ["assessments[2]"],
    )
    assert change.status is not None and (change.status.old, change.status.new) == (
        "announced",
        "in-progress",
    )
    changes = (tmp_path / "dist" / "CHANGES.md").read_text()
    assert changes.index("## 1.3.0 (2026-03-03)") < changes.index("## 1.2.3 (2026-02-13)")
    # the repository's CITATION.cff follows the release, the same as the dataset's own
    repository_citation = (data.parent / "CITATION.cff").read_text()
    assert repository_citation == (tmp_path / "dist" / "CITATION.cff").read_text()
    assert (
        "version: 1.3.0" in repository_citation
        and "date-released: '2026-03-03'" in repository_citation
    )
    assert "announced → in-progress" in changes
    # the score that moved is recorded with the status: India's, from too early to partial
    assert [(s.party, s.old, s.new) for s in change.scores] == [("IN", "too-early", "partial")]
    assert "scores IN\\: too-early → partial" in changes  # the colon escaped for Markdown
    assert "date-released: '2026-03-03'" in (tmp_path / "dist" / "CITATION.cff").read_text()


def _release_files(data: Path) -> dict[str, str]:
    return {name: (data / name).read_text() for name in ("dataset.yaml", "changelog.yaml")} | {
        "CITATION.cff": (data.parent / "CITATION.cff").read_text()
    }


def test_a_release_on_invalid_data_changes_nothing(tmp_path: Path) -> None:
    """A change to release, but a broken reference beside it: refused before anything is
    written, with exit code 2."""
    data = _repository(tmp_path)
    (data.parent / "CITATION.cff").write_text("cff-version: 1.2.0\n")
    add_assessment(data)
    commitment = data / "commitments" / "liaison-officers.yaml"
    commitment.write_text(
        commitment.read_text().replace("meeting: 2026-02-07-dialogue", "meeting: nowhere")
    )
    before = _release_files(data)
    code, _, err = run_cli("release", "minor", "--data", str(data), "--date", "2026-03-03")
    assert code == 2 and "the data has 1 error" in err and "nothing was released" in err
    assert _release_files(data) == before


def test_a_release_is_made_once_until_it_is_committed(tmp_path: Path) -> None:
    """Releasing again before committing the last release would number the same changes twice:
    refused until the release is committed."""
    data = _repository(tmp_path)
    add_assessment(data)
    code, out, _ = run_cli("release", "minor", "--data", str(data), "--date", "2026-03-03")
    assert code == 0 and "released 1.3.0" in out
    person = data / "people" / "asha-rao.yaml"
    person.write_text(person.read_text().replace("Asha Raoo", "Asha Rao-Raoo"))
    before = _release_files(data)
    code, _, err = run_cli("release", "patch", "--data", str(data), "--date", "2026-03-04")
    assert code == 2 and "release 1.3.0 is in changelog.yaml but not committed" in err
    assert _release_files(data) == before
    git(
        data.parent,
        "add",
        "CITATION.cff",
        "data/dataset.yaml",
        "data/changelog.yaml",
        "data/commitments",
    )
    git(data.parent, "commit", "-qm", "1.3.0")  # the release alone; the new change stays out
    code, out, _ = run_cli("release", "patch", "--data", str(data), "--date", "2026-03-04")
    assert code == 0 and "released 1.3.1" in out


def test_a_version_bumped_by_hand_is_caught(base_data: Path) -> None:
    dataset = base_data / "dataset.yaml"
    dataset.write_text(dataset.read_text().replace("version: 1.2.3", "version: 1.2.4"))
    [problem] = validate(base_data).problems
    assert (problem.code, problem.line) == ("E-RELEASE", 3)  # after the schema line
    assert "toolkit release" in (problem.hint or "")


def test_version_bumps() -> None:
    assert [bumped("0.9.3", level) for level in Level] == ["1.0.0", "0.10.0", "0.9.4"]


def test_each_commitment_has_a_calendar_of_its_dated_milestones(
    base_data: Path, tmp_path: Path
) -> None:
    path = base_data / "commitments" / "liaison-officers.yaml"
    path.write_text(
        path.read_text().replace(
            "quotes:", "deadline:\n  date: 2026-06\n  sources: [daily-news-2026-02-08]\nquotes:"
        )
    )
    build(base_data, tmp_path / "dist")
    raw = (tmp_path / "dist" / "calendar" / "liaison-officers.ics").read_bytes()
    events = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    days = sorted((e.decoded("dtstart").isoformat(), str(e["summary"])) for e in events)
    assert days == [
        ("2026-02-07", "Establish liaison officers: announced"),
        ("2026-02-07", "Made: Establish liaison officers"),
        ("2026-02-12", "Establish liaison officers: announced"),
        ("2026-06-30", "Deadline: Establish liaison officers"),  # a month: its last day
    ]
    assert len({str(e["uid"]) for e in events}) == 4
    combined = (tmp_path / "dist" / "calendar" / "commitments.ics").read_bytes()
    assert len(icalendar.Calendar.from_ical(combined).walk("VEVENT")) == 4


def test_validate_as_of_on_the_command_line(base_data: Path) -> None:
    path = base_data / "commitments" / "liaison-officers.yaml"
    path.write_text(
        path.read_text().replace(
            "quotes:", "deadline:\n  date: 2026-02-10\n  sources: [daily-news-2026-02-08]\nquotes:"
        )
    )
    code, out, _ = run_cli("validate", "--data", str(base_data), "--as-of", "2026-11-25")
    assert code == 0 and "W-OVERDUE" not in out  # assessed on 2026-02-12, after the deadline
    code, out, _ = run_cli("validate", "--data", str(base_data), "--as-of", "2026-11")
    assert code == 2


def _stale(data: Path, as_of: str, days: int | None = None) -> list[str]:
    extra = {} if days is None else {"stale_after": days}
    report = validate(data, as_of=as_of, **extra)
    return [p.file.rsplit("/", 1)[-1] for p in report.problems if p.code == "W-STALE"]


def test_an_assessment_older_than_the_allowed_age_is_stale(base_data: Path) -> None:
    """The base commitment was last assessed on 2026-02-12: stale from day 91 on."""
    assert _stale(base_data, "2026-05-13") == []  # exactly 90 days later
    assert _stale(base_data, "2026-05-14") == ["liaison-officers.yaml"]
    assert _stale(base_data, "2026-03-15", days=30) == ["liaison-officers.yaml"]
    assert _stale(base_data, "2026-03-15") == []
    assert validate(base_data).ok  # without --as-of nothing is judged stale
    add_assessment(base_data)  # a newer assessment makes it current again
    assert _stale(base_data, "2026-05-14") == []


def test_stale_after_on_the_command_line(base_data: Path) -> None:
    args = ("validate", "--data", str(base_data), "--as-of", "2026-03-15")
    code, out, _ = run_cli(*args)
    assert code == 0 and "W-STALE" not in out
    code, out, _ = run_cli(*args, "--stale-after", "30")
    assert code == 0  # a warning, not an error
    assert "warning[W-STALE] assessments: the newest assessment is dated 2026-02-12" in out
    code, _, _ = run_cli(*args, "--stale-after", "0")
    assert code == 2


def test_one_status_rule_for_models_and_plain_data() -> None:
    """The diff reads plain data, the site reads models: both give a commitment one status."""
    from toolkit.models.commitments import status_of

    data = Path(__file__).parent.parent / "data"
    commitments = Dataset.from_checked(check_data(data, keep_records=True)).records["commitments"]
    assert commitments
    for model in commitments:
        assert isinstance(model, Commitment)
        assert status_of(model.model_dump(mode="json")) == model.current_status
    assert status_of({"id": "not-a-commitment"}) is None


def _calendar_events(dist: Path) -> dict[str, tuple[str, str | None]]:
    raw = (dist / "calendar" / "liaison-officers.ics").read_bytes()
    return {
        str(e["uid"]): (
            str(e["summary"]),
            e.decoded("last-modified").date().isoformat() if "last-modified" in e else None,
        )
        for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")
    }


def test_calendar_events_keep_their_uid_and_say_when_they_last_changed(tmp_path: Path) -> None:
    """UIDs name what an event is (the assessment's date), so a new assessment moves no other
    event's UID; LAST-MODIFIED is the newest release that changed what the event shows."""
    data = tmp_path / "repo" / "data"
    shutil.copytree(BASE, data)
    git(data.parent, "init", "-q")
    git(data.parent, "add", "-A")
    git(data.parent, "commit", "-qm", "1.2.3")
    build(data, tmp_path / "before")
    before = _calendar_events(tmp_path / "before")
    assert set(before) == {
        "liaison-officers-made@india-canada-security-dialogue",
        "liaison-officers-assessment-2026-02-07@india-canada-security-dialogue",
        "liaison-officers-assessment-2026-02-12@india-canada-security-dialogue",
    }
    assert {modified for _, modified in before.values()} == {"2026-02-13"}  # release 1.2.3

    add_assessment(data)
    code, _, _ = run_cli("release", "minor", "--data", str(data), "--date", "2026-03-03")
    assert code == 0
    build(data, tmp_path / "after")
    after = _calendar_events(tmp_path / "after")
    assert set(before) < set(after)  # every earlier event keeps its UID
    added = "liaison-officers-assessment-2026-03-02@india-canada-security-dialogue"
    assert after[added] == ("Establish liaison officers: in-progress", "2026-03-03")
    for uid, event in before.items():
        assert after[uid] == event  # unchanged events keep their LAST-MODIFIED


def test_calendar_lines_never_fold_inside_an_escape(base_data: Path, tmp_path: Path) -> None:
    """icalendar 7 folds long lines between characters, never between the backslash of an
    escape and the character it escapes (a split that makes Google Calendar drop the event)."""
    path = base_data / "commitments" / "liaison-officers.yaml"
    commas = "; ".join("Ottawa, Delhi, Surrey" for _ in range(12))
    path.write_text(path.read_text().replace("The ministry announced it.", json.dumps(commas)))
    build(base_data, tmp_path / "dist")
    raw = (tmp_path / "dist" / "calendar" / "liaison-officers.ics").read_bytes().decode()
    lines = raw.split("\r\n")
    assert any(line.startswith(" ") for line in lines)  # long lines were folded
    for line, following in itertools.pairwise(lines):
        escapes = len(line) - len(line.rstrip("\\"))
        assert escapes % 2 == 0 or not following.startswith(" "), (line, following)
    [event] = [
        e
        for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")
        if "assessment-2026-02-07" in str(e["uid"])
    ]
    assert str(event["description"]) == commas


def _released(tmp_path: Path) -> tuple[Path, str]:
    """A repository whose base commit is release 1.2.3, with a change made and released by
    ``toolkit release`` (1.3.0) in the working folder, not yet committed."""
    data = _repository(tmp_path)
    base = git(data.parent, "rev-parse", "HEAD")
    add_assessment(data)
    code, out, _ = run_cli("release", "minor", "--data", str(data), "--date", "2026-03-03")
    assert code == 0 and "released 1.3.0" in out
    return data, base


def _check_releases(data: Path, base: str) -> tuple[int, list[str]]:
    code, out, _ = run_cli(
        "diff", base, "--data", str(data), "--check-releases", "--format", "json"
    )
    return code, json.loads(out)["release_problems"]


def test_a_release_made_by_toolkit_release_passes_the_check(tmp_path: Path) -> None:
    data, base = _released(tmp_path)
    assert _check_releases(data, base) == (0, [])
    git(data.parent, "add", "-A")
    git(data.parent, "commit", "-qm", "1.3.0")
    assert _check_releases(data, base) == (0, [])
    code, _, _ = run_cli("diff", base, "HEAD", "--data", str(data), "--check-releases")
    assert code == 0


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new))


def _hand_written(data: Path) -> None:
    """The release entry's changes emptied, as a hand-written release might list nothing."""
    changelog = data / "changelog.yaml"
    text = changelog.read_text()
    first, rest = text.split("  - version: 1.2.3", 1)
    kept = first.split("    changes:", 1)[0]
    changelog.write_text(kept + "  - version: 1.2.3" + rest)


def _skipped_version(data: Path) -> None:
    _replace(data / "changelog.yaml", "version: 1.3.0", "version: 1.5.0")
    _replace(data / "dataset.yaml", "version: 1.3.0", "version: 1.5.0")


def _edited_history(data: Path) -> None:
    _replace(data / "changelog.yaml", "summary: The first records.", "summary: Other records.")


def _changed_after(data: Path) -> None:
    _replace(data / "people" / "asha-rao.yaml", "Asha Raoo", "Asha Rao-Raoo")


def _two_releases(data: Path) -> None:
    git(data.parent, "stash", "-q")
    add_assessment(data)
    assert run_cli("release", "patch", "--data", str(data), "--date", "2026-03-02")[0] == 0
    git(data.parent, "commit", "-qam", "1.2.4")
    _replace(data / "people" / "asha-rao.yaml", "Asha Raoo", "Asha Rao-Raoo")
    assert run_cli("release", "minor", "--data", str(data), "--date", "2026-03-03")[0] == 0


@pytest.mark.parametrize(
    ("tamper", "problem"),
    [
        (_hand_written, "release 1.3.0 does not list what changed since"),
        (_skipped_version, "release 1.5.0 does not follow 1.2.3 by one step"),
        (_edited_history, "release 1.2.3 was edited in changelog.yaml"),
        (_changed_after, "release 1.3.0 does not list what changed since"),
        (_two_releases, "2 new releases (1.3.0, 1.2.4): one change makes one release"),
    ],
)
def test_a_release_not_written_by_toolkit_release_is_caught(
    tamper: Callable[[Path], None], problem: str, tmp_path: Path
) -> None:
    """Each passes validation (the version and the newest release agree), so only the check
    between the two versions can catch it: exit 1, the problem named."""
    data, base = _released(tmp_path)
    tamper(data)
    assert [p.code for p in validate(data).problems] == []
    code, problems = _check_releases(data, base)
    assert code == 1
    assert any(found.startswith(problem) for found in problems), problems
    code, out, _ = run_cli("diff", base, "--data", str(data))  # without the flag: a summary
    assert code == 0 and "does not" not in out and "! " not in out


def test_a_release_counted_from_a_named_commit_records_it_and_passes_the_check(
    tmp_path: Path,
) -> None:
    """``toolkit release --since REV`` counts from another commit than the previous release:
    the entry records that commit, and the check recomputes the changes from it."""
    data = _repository(tmp_path)
    base = git(data.parent, "rev-parse", "HEAD")
    person = data / "people" / "asha-rao.yaml"
    _replace(person, "Asha Raoo", "Asha Rao-Raoo")
    git(data.parent, "commit", "-qam", "a change before the counted one")
    middle = git(data.parent, "rev-parse", "HEAD")
    add_assessment(data)
    code, out, _ = run_cli(
        "release", "minor", "--data", str(data), "--date", "2026-03-03", "--since", middle
    )
    assert code == 0 and "released 1.3.0 (1 record changed)" in out
    assert f"since: {middle}" in (data / "changelog.yaml").read_text()
    assert _check_releases(data, base) == (0, [])


def test_a_release_recorded_again_is_where_the_next_one_counts_from(tmp_path: Path) -> None:
    """A release recorded again over the same version (its change log rewritten, the version
    line untouched) is the previous release: the next one lists only what changed after it,
    and says where it counted from."""
    data = _repository(tmp_path)
    add_assessment(data)
    assert run_cli("release", "minor", "--data", str(data), "--date", "2026-03-03")[0] == 0
    git(data.parent, "commit", "-qam", "1.3.0")
    first = git(data.parent, "rev-parse", "HEAD")
    # recorded again: the change log and version put back, a further change made, 1.3.0 again
    git(data.parent, "checkout", "-q", f"{first}~1", "--", "data/changelog.yaml")
    _replace(data / "dataset.yaml", "version: 1.3.0", "version: 1.2.3")
    _replace(data / "people" / "asha-rao.yaml", "Asha Raoo", "Asha Rao-Raoo")
    since = f"{first}~1"
    assert (
        run_cli("release", "minor", "--data", str(data), "--date", "2026-03-03", "--since", since)[
            0
        ]
        == 0
    )
    git(data.parent, "commit", "-qam", "1.3.0 recorded again")
    again = git(data.parent, "rev-parse", "HEAD")
    assert "version: 1.3.0" in git(data.parent, "show", f"{first}:data/dataset.yaml")
    topic = data / "topics" / "illicit-drugs.yaml"
    _replace(topic, "name: Illicit drugs", "name: Illicit drug trafficking")
    code, out, _ = run_cli("release", "patch", "--data", str(data), "--date", "2026-03-04")
    assert code == 0 and "released 1.3.1 (1 record changed)" in out, out
    changelog = (data / "changelog.yaml").read_text()
    newest = changelog.split("  - version: 1.3.0", 1)[0]
    assert f"since: {again}" in newest and "illicit-drugs" in newest
    assert "asha-rao" not in newest and "liaison-officers" not in newest


def test_the_changes_are_published_as_data_in_their_documented_shape(tmp_path: Path) -> None:
    """changes/<version>.json and changes.jsonl hold what CHANGES.md renders, as data; they
    pass check-jsonschema against the published schema; and an earlier release's file is the
    same bytes after a later release."""
    data = _repository(tmp_path)
    build(data, tmp_path / "before")
    add_assessment(data)
    assert run_cli("release", "minor", "--data", str(data), "--date", "2026-03-03")[0] == 0
    build(data, tmp_path / "after")
    after = tmp_path / "after"
    first = "changes/1.2.3.json"
    assert (after / first).read_bytes() == (tmp_path / "before" / first).read_bytes()
    newest = json.loads((after / "changes" / "1.3.0.json").read_text())
    assert (newest["version"], newest["previous"], newest["date"]) == (
        "1.3.0",
        "1.2.3",
        "2026-03-03",
    )
    assert newest["counts"] == {
        "added": 0,
        "removed": 0,
        "changed": 1,
        "status_changes": 1,
        "score_changes": 1,
    }
    [change] = newest["changes"]
    assert change["id"] == "liaison-officers" and change["fields"] == ["assessments[2]"]
    assert change["status"] == {"old": "announced", "new": "in-progress"}
    assert change["scores"] == [{"party": "IN", "old": "too-early", "new": "partial"}]
    lines = [json.loads(line) for line in (after / "changes.jsonl").read_text().splitlines()]
    assert [line["version"] for line in lines] == ["1.3.0", "1.2.3"] and lines[0] == newest
    for line in lines:  # each line on its own, as check-jsonschema reads one document per file
        (tmp_path / f"line-{line['version']}.json").write_text(json.dumps(line))
    checker = Path(sys.executable).parent / "check-jsonschema"
    result = subprocess.run(
        [
            str(checker),
            "--schemafile",
            str(after / "schema" / "changes.schema.json"),
            str(after / "changes" / "1.3.0.json"),
            str(after / first),
            *map(str, tmp_path.glob("line-*.json")),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    newest["counts"]["added"] = -1  # the schema is not a formality: a bad count is refused
    (tmp_path / "bad.json").write_text(json.dumps(newest))
    refused = subprocess.run(
        [
            str(checker),
            "--schemafile",
            str(after / "schema" / "changes.schema.json"),
            str(tmp_path / "bad.json"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert refused.returncode == 1 and "counts" in refused.stdout


def test_each_commitment_and_topic_has_a_feed_of_its_own_changes(tmp_path: Path) -> None:
    """After a release that moves a commitment's status and score, its feed and its topic's
    feed (parsed by feedparser) carry an entry saying what moved; the other topic-less
    records' changes are in neither."""
    import feedparser

    from toolkit.publishing.site.context import Site
    from toolkit.publishing.site.feeds import feeds

    data = _repository(tmp_path)
    add_assessment(data)
    _replace(data / "people" / "asha-rao.yaml", "Asha Raoo", "Asha Rao-Raoo")
    assert run_cli("release", "minor", "--data", str(data), "--date", "2026-03-03")[0] == 0
    checked = check_data(data, keep_records=True)
    generated = dict(feeds(Site(Dataset.from_checked(checked))))
    commitment = feedparser.parse(generated["feeds/commitments/liaison-officers.xml"])
    topic = feedparser.parse(generated["feeds/topics/illicit-drugs.xml"])
    for parsed in (commitment, topic):
        assert not parsed.bozo, parsed.bozo_exception
        newest = parsed.entries[0]
        assert "status announced → in-progress" in newest.title
        assert "scores IN: too-early → partial" in newest.title
        assert newest.updated.startswith("2026-03-03")
        assert all("asha-rao" not in entry.id for entry in parsed.entries)
    assert commitment.feed.links[0].href.endswith("feeds/commitments/liaison-officers.xml")
    # the topic follows the topic itself and the commitment that names it
    assert {entry.id.split(":")[-2] for entry in topic.entries} == {"topics", "commitments"}


def test_reformatting_the_change_log_is_not_a_release(tmp_path: Path) -> None:
    """A commit that only reformats changelog.yaml (a comment, the schema line) is not where
    the next release counts from: the change made before it is still released."""
    data = _repository(tmp_path)
    _replace(data / "people" / "asha-rao.yaml", "Asha Raoo", "Asha Rao-Raoo")
    git(data.parent, "commit", "-qam", "a change, not yet released")
    changelog = data / "changelog.yaml"
    changelog.write_text("# the releases, newest first\\n" + changelog.read_text())
    git(data.parent, "commit", "-qam", "a comment in the change log")
    add_assessment(data)
    code, out, _ = run_cli("release", "minor", "--data", str(data), "--date", "2026-03-03")
    assert code == 0 and "released 1.3.0 (2 records changed)" in out, out
