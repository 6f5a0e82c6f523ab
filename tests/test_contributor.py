"""The contributor's tools: `toolkit new`, `toolkit fmt`, GitHub annotations, pre-commit hooks,
workflows and templates, and the whole path from a new record to the published outputs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from case_runner import BASE, GIT_IDENTITY, git, run_cli
from toolkit.authoring.scaffold import template
from toolkit.checking.validate import validate
from toolkit.reading.loader import load_file

ROOT = Path(__file__).parent.parent
BIN = Path(sys.executable).parent


run = run_cli


# toolkit new


def test_new_writes_every_field_with_the_schema_line(base_data: Path) -> None:
    code, out, _ = run("new", "people", "mark-carney", "--data", str(base_data))
    assert code == 0 and "wrote" in out
    text = (base_data / "people" / "mark-carney.yaml").read_text()
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../schema/people.schema.json"
    assert "id: mark-carney" in lines
    assert "# name: The name in its correct official form. (required)" in lines
    assert any(line.startswith("# statements: A short, neutral description") for line in lines)
    assert "# positions:" in lines  # optional fields are commented out
    assert "name:" in lines and "sources: []" in lines


def test_new_never_writes_through_a_link(base_data: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.rmtree(base_data / "topics")
    (base_data / "topics").symlink_to(outside)
    code, _, err = run("new", "topics", "fraud", "--data", str(base_data))
    assert code == 2 and "symbolic link" in err
    assert list(outside.iterdir()) == []


def test_a_new_record_is_reported_until_filled(base_data: Path) -> None:
    run("new", "topics", "fraud", "--data", str(base_data))
    codes = {(p.code, p.path) for p in validate(base_data).problems if "fraud" in p.file}
    assert codes == {
        ("E-NULL", ("name",)),
        ("E-NULL", ("statements", 0, "text")),
        ("E-CITE", ("statements", 0, "sources")),
        ("E-CITE", ("sources",)),
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("new", "persons", "x"), "unknown collection 'persons'"),
        (("new", "people", "asha-rao"), "already exists"),
        (("new", "people", "Mark Carney"), "did you mean 'mark-carney'?"),
        (("new", "people", "../../etc"), "is not a valid id"),
        (("new", "topics", "index"), "index page"),
        (("new", "commitments", "commitments"), "calendar"),
    ],
)
def test_new_refuses_bad_input(base_data: Path, args: tuple[str, ...], message: str) -> None:
    code, _, err = run(*args, "--data", str(base_data))
    assert code == 2
    assert message in err
    assert not (base_data / "people" / "x.yaml").exists()


@pytest.mark.parametrize(
    "collection",
    ["sources", "organizations", "people", "meetings", "commitments", "topics", "events"],
)
def test_every_template_is_yaml_the_loader_and_fmt_accept(collection: str, tmp_path: Path) -> None:
    path = tmp_path / collection / "x.yaml"
    path.parent.mkdir()
    path.write_text(template(collection, "x"))
    assert load_file(path).problems == []
    code, _, _ = run("fmt", "--check", "--data", str(tmp_path), str(path))
    assert code == 0


# toolkit fmt

MESSY = """\
# yaml-language-server: $schema=../../schema/people.schema.json
sources:
- ministry-readout-2026-02-07
- daily-news-2026-02-08
country: "IN"   # India
name: "Asha Rao"
id: asha-rao
positions:
-   title: National Security Adviser
    sources: [ministry-readout-2026-02-07]
    organization: example-ministry
    start: 2024-06-10
"""
CANONICAL = """\
# yaml-language-server: $schema=../../schema/people.schema.json
id: asha-rao
name: Asha Rao
country: IN     # India
positions:
  - title: National Security Adviser
    organization: example-ministry
    start: 2024-06-10
    sources: [ministry-readout-2026-02-07]
sources: [ministry-readout-2026-02-07, daily-news-2026-02-08]
"""


def test_fmt_orders_keys_quotes_and_indents_and_keeps_comments(base_data: Path) -> None:
    person = base_data / "people" / "asha-rao.yaml"
    person.write_text(MESSY)
    before = load_file(person).data
    code, out, _ = run("fmt", "--check", "--data", str(base_data))
    assert code == 1 and out.startswith("would reformat ")
    assert person.read_text() == MESSY
    assert run("fmt", "--data", str(base_data))[0] == 0
    assert person.read_text() == CANONICAL
    assert load_file(person).data == before
    assert run("fmt", "--check", "--data", str(base_data))[:2] == (0, "")


def test_the_landed_data_is_canonical() -> None:
    code, out, _ = run("fmt", "--check", "--data", str(ROOT / "data"))
    assert (code, out) == (0, "")


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"id: x\nid: y\n", "E-YAML-DUPKEY"),
        (b"\xef\xbb\xbfid: illicit-drugs\n", "E-FILE-ENCODING"),
        (b"id: x\n\tname: y\n", "E-YAML"),
        (b"\xff\xfe\x00", "E-FILE-ENCODING"),
        (b"id: &a x\nname: *a\n", "E-YAML-ALIAS"),
        (b"id: !!python/object:os.system x\n", "E-YAML-TAG"),
    ],
)
def test_fmt_leaves_files_the_loader_refuses_alone(
    base_data: Path, content: bytes, code: str
) -> None:
    """The loader's checks run before ruamel.yaml parses anything."""
    broken = base_data / "topics" / "illicit-drugs.yaml"
    broken.write_bytes(content)
    exit_code, out, _ = run("fmt", "--data", str(base_data), str(broken))
    assert exit_code == 1
    assert f"error[E-FMT] not formatted: the file has errors to fix first ({code}: " in out
    assert broken.read_bytes() == content


def test_fmt_usage_errors(base_data: Path, tmp_path: Path) -> None:
    assert run("fmt", "--data", str(base_data), str(base_data / "nope.yaml"))[0] == 2
    stray = base_data / "notes.yaml"  # not a record: discovery leaves it out
    stray.write_text("a: 1\n")
    code, _, err = run("fmt", "--data", str(base_data), str(stray))
    assert code == 2 and "is not a record file or folder in the data folder" in err
    outside = tmp_path / "topics" / "fraud.yaml"
    outside.parent.mkdir()
    outside.write_text("id:   fraud\n")
    assert run("fmt", "--data", str(base_data), str(outside))[0] == 2
    assert outside.read_text() == "id:   fraud\n"
    assert run("fmt", "--data", str(tmp_path / "nope"))[0] == 2


def test_fmt_reports_misplaced_files_as_validate_does(base_data: Path) -> None:
    misplaced = base_data / "person" / "asha-rao.yaml"
    misplaced.parent.mkdir()
    misplaced.write_text(MESSY)
    code, out, _ = run("fmt", "--data", str(base_data))
    assert code == 1 and "person/asha-rao.yaml: error[E-PATH] 'person' is not a collection" in out
    assert misplaced.read_text() == MESSY


# pull-request annotations


def test_github_annotations_point_at_the_line(base_data: Path) -> None:
    commitment = base_data / "commitments" / "liaison-officers.yaml"
    commitment.write_text(commitment.read_text().replace("kind: appointment", "kind: apointment"))
    code, out, _ = run("validate", "--data", str(base_data), "--format", "github")
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith("::error file=")
    assert ",line=8,col=7,title=E-ENUM::kind: 'apointment' is not one of: " in first
    assert first.endswith("%0Ahint: did you mean 'appointment'?")


# workflows, templates, hooks


def check_jsonschema(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "check-jsonschema"), *args], capture_output=True, text=True)


def test_workflows_issue_forms_and_citation_follow_their_schemas() -> None:
    workflows = sorted(map(str, (ROOT / ".github" / "workflows").glob("*.yml")))
    assert len(workflows) == 4
    result = check_jsonschema("--builtin-schema", "vendor.github-workflows", *workflows)
    assert result.returncode == 0, result.stdout
    forms = sorted(map(str, (ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml")))
    result = check_jsonschema("--builtin-schema", "vendor.github-issue-forms", *forms)
    assert result.returncode == 0, result.stdout
    assert (
        "- [ ] `toolkit fmt` and `toolkit validate`"
        in (ROOT / ".github" / "pull_request_template.md").read_text()
    )


def test_actionlint_passes_every_workflow() -> None:
    """actionlint finds nothing: no action on a removed runtime,
    no unknown input, no expression or permission error."""
    result = subprocess.run(
        [str(BIN / "actionlint"), "-no-color"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_in_the_workflows() -> None:
    """zizmor's audits (offline): no credentials persisted, no template injection, no excessive
    permissions, no dangerous triggers."""
    result = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--format", "plain", ".github/workflows/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout + result.stderr


RUNS_PULL_REQUEST_CODE = re.compile(r"\b(pip|make|toolkit|python|bash|npm|pytest)\b")


def test_no_job_holds_a_write_token_beside_the_pull_requests_code() -> None:
    """Every checkout leaves no token on disk; a pull-request job that may write checks nothing
    out and runs nothing the pull request brings (only `gh` on a file another job wrote)."""
    for path in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        workflow = yaml.safe_load(path.read_text())
        for name, job in workflow["jobs"].items():
            steps = job.get("steps", [])
            for step in steps:
                if "actions/checkout" in step.get("uses", ""):
                    assert step["with"]["persist-credentials"] is False, (path.name, name)
            writes = {s for s, level in job.get("permissions", {}).items() if level == "write"}
            if path.name != "pull-request.yml" or not writes:
                continue
            assert not any("actions/checkout" in step.get("uses", "") for step in steps), name
            commands = [step["run"] for step in steps if "run" in step]
            assert commands and all(c.startswith("gh ") for c in commands), (name, commands)
            assert not any(RUNS_PULL_REQUEST_CODE.search(c) for c in commands), (name, commands)
    pull_request = yaml.safe_load((ROOT / ".github" / "workflows" / "pull-request.yml").read_text())
    assert pull_request["jobs"]["comment"]["needs"] == "data-changes"
    assert "permissions" in pull_request["jobs"]["data-changes"]
    assert pull_request["jobs"]["data-changes"]["permissions"] == {"contents": "read"}


PINNED = re.compile(r"^\s*(?:-\s*)?uses:\s*[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+\s*$")


def test_workflows_pin_actions_limit_permissions_and_time() -> None:
    """Every action is pinned to a commit SHA with its version beside it (dependabot moves
    them); the workflow grants only read access, a job that needs more asks for it; every job has
    a timeout; pip downloads are cached, except where a release's archive is built (no cache a
    poisoned run could leave behind); pull-request runs cancel the run a new push replaces; only
    the release job may write to the repository's contents."""
    dependabot = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text())
    assert {u["package-ecosystem"] for u in dependabot["updates"]} == {"github-actions"}
    for path in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        text = path.read_text()
        uses = [line for line in text.splitlines() if "uses:" in line]
        assert uses and all(PINNED.match(line) for line in uses), (path.name, uses)
        workflow = yaml.safe_load(text)
        assert workflow["permissions"] == {"contents": "read"}, path.name
        for name, job in workflow["jobs"].items():
            assert 0 < job["timeout-minutes"] <= 30, (path.name, name)
            granted = job.get("permissions", {})
            writes = {scope for scope, level in granted.items() if level == "write"}
            if "pages" in writes or "id-token" in writes:
                assert name == "deploy" and writes == {"pages", "id-token"}, (path.name, name)
            if "contents" in writes:  # the job that publishes a release runs nothing it built
                assert (path.name, name, writes) == (
                    "release.yml",
                    "publish",
                    {"contents", "actions"},
                )
                assert all("run" not in step or "gh " in step["run"] for step in job["steps"])
            for step in job.get("steps", []):
                if "setup-python" in step.get("uses", ""):
                    cache = step["with"].get("cache")
                    assert cache == ("pip" if path.name != "release.yml" else None), path.name
    pull_request = yaml.safe_load((ROOT / ".github" / "workflows" / "pull-request.yml").read_text())
    assert pull_request["concurrency"]["cancel-in-progress"] is True
    assert "github.event.pull_request.number" in pull_request["concurrency"]["group"]


def test_the_workflows_validate_test_preview_and_publish() -> None:
    pull_request = (ROOT / ".github" / "workflows" / "pull-request.yml").read_text()
    assert "toolkit validate --format github" in pull_request
    assert "bash .ci/run" in pull_request and "upload-artifact" in pull_request
    publish = (ROOT / ".github" / "workflows" / "publish.yml").read_text()
    assert "branches: [main]" in publish and "deploy-pages" in publish
    assert publish.index('toolkit diff "$BEFORE" HEAD --check-releases') < publish.index("make")
    sources = (ROOT / ".github" / "workflows" / "sources.yml").read_text()
    assert "schedule:" in sources and "toolkit sources check --archive" in sources
    assert "contents: read" in sources and "timeout-minutes:" in sources


def test_pre_commit_runs_the_hooks_from_this_repository(base_data: Path, tmp_path: Path) -> None:
    """Another repository uses this one's hooks at its current commit, as its users would. The
    hook environment is installed once per commit (not once per run, as ``try-repo`` does) and
    kept in build/, so the test pays for the install only when the toolkit changes."""
    repo = tmp_path / "records"
    shutil.copytree(base_data, repo / "data")
    revision = git(ROOT, "rev-parse", "HEAD")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {revision}\n    hooks:\n"
        "      - id: toolkit-validate\n      - id: toolkit-fmt\n"
    )
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "records")
    env = {**os.environ, "PRE_COMMIT_HOME": str(ROOT / "build" / "pre-commit-cache")}

    def try_repo(hook: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(BIN / "pre-commit"), "run", hook, "--all-files"],
            cwd=repo,
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
        )

    assert try_repo("toolkit-validate").returncode == 0
    assert try_repo("toolkit-fmt").returncode == 0
    person = repo / "data" / "people" / "asha-rao.yaml"
    person.write_text(MESSY.replace("start: 2024-06-10", "start: 2024-13-10"))
    failed = try_repo("toolkit-validate")
    assert failed.returncode == 1
    assert "data/people/asha-rao.yaml:12:12: error[E-DATE] positions[0].start" in failed.stdout
    formatted = try_repo("toolkit-fmt")
    assert formatted.returncode == 1  # pre-commit fails a hook that changed files
    assert person.read_text().startswith(
        "# yaml-language-server: $schema=../../schema/people.schema.json\nid: asha-rao\n"
    )
    untracked = git(repo, "status", "--porcelain", "--untracked-files=all")
    assert [line for line in untracked.splitlines() if line.startswith("??")] == []

    # Deleting a source that records cite: pre-commit passes no deleted file to a hook, so the
    # validate hook checks the whole folder on every commit, and the commit is refused.
    git(repo, "checkout", "-q", "--", ".")
    subprocess.run(
        [str(BIN / "pre-commit"), "install"], cwd=repo, check=True, capture_output=True, env=env
    )
    git(repo, "rm", "-q", "data/sources/daily-news-2026-02-08.yaml")
    refused = subprocess.run(
        ["git", "commit", "-qm", "remove a cited source"],
        cwd=repo,
        capture_output=True,
        text=True,
        env={**env, **GIT_IDENTITY},
        timeout=600,
    )
    assert refused.returncode != 0, refused.stdout
    assert "E-REF" in refused.stdout + refused.stderr
    assert "daily-news-2026-02-08" in refused.stdout + refused.stderr
    assert git(repo, "log", "--oneline").count("\n") == 0  # still one commit


def test_the_projects_own_hooks_pass_with_only_the_toolkit_installed(tmp_path: Path) -> None:
    """``.pre-commit-config.yaml`` runs after ``make`` alone: its toolkit hooks use the toolkit
    ``make`` installs, and ruff comes in an environment of its own, not from the dev install."""
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    scripts = {"toolkit"}  # the console scripts of the base install
    for hook in hooks:
        if hook["language"] == "system":
            assert hook["entry"].split()[0] in {f".venv/bin/{name}" for name in scripts}, hook
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    for name in (".pre-commit-config.yaml", ".pre-commit-hooks.yaml"):
        shutil.copy(ROOT / name, clone / name)  # as in the working tree
    (clone / ".venv").symlink_to(ROOT / ".venv")
    result = subprocess.run(
        [str(BIN / "pre-commit"), "run", "--all-files"],
        cwd=clone,
        capture_output=True,
        text=True,
        env={**os.environ, "PRE_COMMIT_HOME": str(ROOT / "build" / "pre-commit-cache")},
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "Passed" in result.stdout and "Failed" not in result.stdout


# the whole path


def test_a_contributor_adds_a_record_from_new_to_published(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("mkdocs.yml", "docs", "schema", "data"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    assert run("new", "topics", "maritime-security")[0] == 0
    record = tmp_path / "data" / "topics" / "maritime-security.yaml"
    filled = (
        record.read_text()
        .replace("\nname:\n", "\nname: Maritime security\n")
        .replace("\n  - text:\n", '\n  - text: "Security at sea: a test topic."\n')
        .replace("\n    sources: []\n", "\n    sources: [gulf-news-liaison-officers]\n")
        .replace("\nsources: []\n", "\nsources:\n- gulf-news-liaison-officers\n")
    )
    record.write_text(filled)
    assert run("fmt", str(record))[0] == 0
    assert "sources: [gulf-news-liaison-officers]" in record.read_text()
    code, out, _ = run("validate", str(record))
    assert (code, out) == (0, "1 file valid\n")
    code, out, _ = run("build")
    assert code == 0, out
    topics = (tmp_path / "dist" / "topics.json").read_text()
    assert '"id": "maritime-security"' in topics
    page = (tmp_path / "site" / "topics" / "maritime-security" / "index.html").read_text()
    assert "Maritime security" in page and "Security at sea: a test topic." in page


def _run_the_diff_step(repo: Path, base: str, head: str, tmp_path: Path) -> tuple[str, str]:
    """Run the workflow's own diff step: the comment it writes and the status it hands on."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pull-request.yml").read_text())
    [step] = [s for s in workflow["jobs"]["data-changes"]["steps"] if s.get("id") == "diff"]
    assert "toolkit diff" in step["run"]
    summary, output = tmp_path / "summary.md", tmp_path / "output"
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "BASE_SHA": base,
        "HEAD_SHA": head,
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(output),
    }
    subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env=env, check=True)
    comment = (repo / "data-changes.md").read_text()
    assert summary.read_text() == comment
    return comment, output.read_text()


def _pull_request_repository(tmp_path: Path) -> tuple[Path, str]:
    repo = tmp_path / "repo"
    shutil.copytree(BASE, repo / "data")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    return repo, git(repo, "rev-parse", "HEAD")


def test_the_pull_request_comment_is_the_semantic_diff(tmp_path: Path) -> None:
    repo, base = _pull_request_repository(tmp_path)
    topic = repo / "data" / "topics" / "illicit-drugs.yaml"
    topic.write_text(topic.read_text().replace("name: Illicit drugs", "name: Illegal drugs"))
    dataset = repo / "data" / "dataset.yaml"
    dataset.write_text(dataset.read_text().replace("for tests.", "for the tests."))
    git(repo, "commit", "-qam", "rename")
    comment, status = _run_the_diff_step(repo, base, git(repo, "rev-parse", "HEAD"), tmp_path)
    assert comment.startswith("<!-- data-changes -->")
    assert "0 records added, 0 removed, 1 changed" in comment
    assert '`name`: `"Illicit drugs"` → `"Illegal drugs"`' in comment
    assert "### Dataset files" in comment  # an edit of the dataset's metadata is shown too
    assert '`description`: `"A small dataset for tests."` → `"A small dataset for the tests."`' in (
        comment
    )
    assert status == "status=0\n"


def test_a_hand_written_release_fails_the_pull_request_with_the_summary_posted(
    tmp_path: Path,
) -> None:
    """A release typed into changelog.yaml and dataset.yaml rather than made by `toolkit
    release`: the summary names the problem and the step hands on a failing status, after
    writing the summary the comment job posts."""
    repo, base = _pull_request_repository(tmp_path)
    topic = repo / "data" / "topics" / "illicit-drugs.yaml"
    topic.write_text(topic.read_text().replace("name: Illicit drugs", "name: Illegal drugs"))
    dataset = repo / "data" / "dataset.yaml"
    dataset.write_text(dataset.read_text().replace("version: 1.2.3", "version: 1.2.4"))
    changelog = repo / "data" / "changelog.yaml"
    changelog.write_text(
        changelog.read_text().replace(
            "releases:\n",
            "releases:\n  - version: 1.2.4\n    date: '2026-03-01'\n    summary: Typed in.\n",
        )
    )
    assert run_cli("validate", "--data", str(repo / "data"))[0] == 0  # only the check sees it
    git(repo, "commit", "-qam", "release by hand")
    comment, status = _run_the_diff_step(repo, base, git(repo, "rev-parse", "HEAD"), tmp_path)
    assert "### Release problems" in comment
    assert "release 1\\.2\\.4 does not list what changed since" in comment  # Markdown-escaped
    assert status == "status=1\n"


def test_fmt_quotes_values_yaml_1_2_reads_as_numbers(base_data: Path) -> None:
    """``date: 2026`` and ``role: 012`` are refused (E-YAML-NUMBER) with the fix; ``toolkit
    fmt`` applies it, keeping the text as written (012 stays 012), and then the toolkit and
    check-jsonschema both accept the files."""
    event = base_data / "events" / "2026-02-08-statement.yaml"
    event.write_text(event.read_text().replace("date: 2026-02-08", "date: 2026"))
    meeting = base_data / "meetings" / "2026-02-07-dialogue.yaml"
    meeting.write_text(meeting.read_text().replace("role: National Security Adviser", "role: 012"))
    code, out, _ = run_cli("validate", "--data", str(base_data))
    assert code == 1 and out.count("E-YAML-NUMBER") == 2
    assert 'hint: quote it: "012" (toolkit fmt does this)' in out
    code, out, _ = run_cli("fmt", "--data", str(base_data))
    assert code == 0, out
    assert "\ndate: '2026'\n" in event.read_text()
    assert "role: '012'\n" in meeting.read_text()
    code, out, _ = run_cli("validate", "--data", str(base_data))
    assert code == 0, out
    for path, collection in [(event, "events"), (meeting, "meetings")]:
        result = check_jsonschema(
            "--schemafile", str(ROOT / "schema" / f"{collection}.schema.json"), str(path)
        )
        assert result.returncode == 0, result.stdout


def test_every_record_names_its_schema_for_the_yaml_language_server(tmp_path: Path) -> None:
    """Each landed record opens with the modeline the YAML language server reads, naming the
    schema of its own collection by a path that resolves from the file; with that schema an
    editor flags `country: XX` in an existing record, as check-jsonschema does here."""
    data = ROOT / "data"
    files = [*sorted(data.glob("*/*.yaml")), data / "dataset.yaml", data / "changelog.yaml"]
    for path in files:
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        schema = (path.parent / first.split("$schema=", 1)[1]).resolve()
        name = path.parent.name if path.parent != data else path.stem
        assert schema == (ROOT / "schema" / f"{name}.schema.json").resolve(), path
    person = tmp_path / "ajit-doval.yaml"
    person.write_text(
        (data / "people" / "ajit-doval.yaml").read_text().replace("country: IN", "country: XX")
    )
    result = check_jsonschema(
        "--schemafile", str(ROOT / "schema" / "people.schema.json"), str(person)
    )
    assert result.returncode == 1 and "XX" in result.stdout
