"""The command line: output format, exit codes, and no tracebacks whatever the input."""

from __future__ import annotations

import gc
import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from case_runner import run_cli

run = run_cli


def test_valid_data_exits_zero_with_a_summary(base_data: Path) -> None:
    code, out, _ = run("validate", "--data", str(base_data))
    assert code == 0
    assert out == "10 files valid\n"


def test_invalid_data_exits_one_with_located_messages(
    base_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = base_data / "people" / "asha-rao.yaml"
    person.write_text(person.read_text().replace("start: 2024-06-10", "start: 2014-13-01"))
    monkeypatch.chdir(base_data.parent)
    code, out, _ = run("validate", "--data", "data")
    assert code == 1
    first, hint, summary = out.splitlines()
    assert first == (
        "data/people/asha-rao.yaml:11:12: error[E-DATE] positions[0].start: "
        "'2014-13-01' is not a valid date (expected YYYY, YYYY-MM or YYYY-MM-DD)"
    )
    assert hint.startswith("    hint: ")
    assert summary == "1 error in 1 of 10 files"


def test_warnings_alone_do_not_fail(base_data: Path) -> None:
    (base_data / "sources" / "spare.yaml").write_text(
        "id: spare\nkind: news-report\naccount: third-party\npublisher: P\ntitle: T\n"
        "url: https://p.example/\naccessed: 2026-11-25\n"
    )
    code, out, _ = run("validate", "--data", str(base_data))
    assert code == 0
    assert "warning[W-UNCITED]" in out
    assert out.endswith("11 files valid, 1 warning\n")


def test_json_format_lists_problems_as_objects(base_data: Path) -> None:
    (base_data / "topics" / "illicit-drugs.yaml").write_text("id: illicit-drugs\ntitel: x\n")
    code, out, _ = run("validate", "--data", str(base_data), "--format", "json")
    assert code == 1
    report = json.loads(out)
    assert report["ok"] is False
    codes = {(p["code"], p["field"], p["line"], p["column"]) for p in report["problems"]}
    assert ("E-KEY-UNKNOWN", "titel", 2, 1) in codes
    assert {
        "file",
        "line",
        "column",
        "severity",
        "code",
        "field",
        "path",
        "message",
        "hint",
    } <= set(report["problems"][0])


def test_given_paths_are_reported_alone_but_resolved_against_everything(base_data: Path) -> None:
    (base_data / "topics" / "fraud.yaml").write_text("id: fraud\n")  # broken, but not asked about
    meeting = base_data / "meetings" / "2026-02-07-dialogue.yaml"
    code, out, _ = run("validate", "--data", str(base_data), str(meeting))
    assert code == 0  # its references to people and sources resolve in the whole folder
    assert out == "1 file valid\n"
    code, out, _ = run("validate", "--data", str(base_data), str(base_data / "topics"))
    assert code == 1
    assert "fraud.yaml" in out


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "--data", "no/such/folder"),
        ("validate", "--data", "{data}", "elsewhere.yaml"),
        ("validate", "--data", "{data}", "--format", "xml"),
        ("no-such-command",),
    ],
)
def test_usage_errors_exit_two(base_data: Path, args: tuple[str, ...]) -> None:
    code, _, err = run(*(arg.replace("{data}", str(base_data)) for arg in args))
    assert code == 2
    assert "Traceback" not in err


def test_schema_check_reports_drift(tmp_path: Path) -> None:
    code, out, _ = run("schema", "--out", str(tmp_path))
    assert code == 0
    assert len(list(tmp_path.glob("*.schema.json"))) == 11
    assert run("schema", "--out", str(tmp_path), "--check")[0] == 0
    (tmp_path / "topics.schema.json").write_text("{}")
    code, out, _ = run("schema", "--out", str(tmp_path), "--check")
    assert code == 1
    assert "topics.schema.json is out of date" in out


def test_codes_lists_every_code() -> None:
    code, out, _ = run("codes")
    assert code == 0
    assert "E-REF-KIND:" in out
    assert "W-UNCITED:" in out


@pytest.mark.parametrize("command", [["toolkit"], [sys.executable, "-m", "toolkit"]])
def test_console_script_and_module_run_the_same_cli(base_data: Path, command: list[str]) -> None:
    executable = Path(sys.executable).parent / "toolkit" if command == ["toolkit"] else None
    argv = [str(executable)] if executable else command
    result = subprocess.run(
        [*argv, "validate", "--data", str(base_data)], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout) == (0, "10 files valid\n")


def test_broken_files_never_produce_a_traceback(base_data: Path) -> None:
    garbage = {
        "a.yaml": b"\x00\x01\x02\xff",
        "b.yaml": b"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
        "c.yaml": b"id: c\n" + b"  " * 5000 + b"x\n",
        "d.yaml": b"'unterminated",
        "e.yaml": b"42",
        "f.yaml": b"? ? ? a",
    }
    for name, content in garbage.items():
        (base_data / "topics" / name).write_bytes(content)
    result = subprocess.run(
        [sys.executable, "-m", "toolkit", "validate", "--data", str(base_data)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    problem_lines = [line for line in result.stdout.splitlines()[:-1] if not line.startswith(" ")]
    reported = {Path(line.split(":")[0]).name for line in problem_lines}
    assert reported == set(garbage)


def test_paths_are_matched_whatever_way_they_are_written(
    base_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    info = base_data / "dataset.yaml"
    info.write_text(info.read_text() + "bogus_field: 1\n")
    monkeypatch.chdir(base_data)
    for args in (("--data", "."), ("--data", ".", "."), ("--data", ".", "dataset.yaml")):
        code, out, _ = run("validate", *args)
        assert code == 1, args
        assert out.startswith("dataset.yaml:")
    code, out, _ = run("validate", "--data", ".", "people", "./topics", "../data/events")
    assert (code, out) == (0, "3 files valid\n")


def test_the_format_choices_are_the_registries() -> None:
    """The command line offers exactly the report and diff formats that exist."""
    from toolkit.checking.reporters import REPORTERS
    from toolkit.cli import DiffFormat, OutputFormat
    from toolkit.history.diff_report import DIFF_RENDERERS

    assert {str(f) for f in OutputFormat} == set(REPORTERS)
    assert {str(f) for f in DiffFormat} == set(DIFF_RENDERERS)


def test_every_command_has_help_and_is_in_the_readme() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    from toolkit.cli import app

    names = [command.name for command in app.registered_commands]
    groups = [group.name for group in app.registered_groups]
    assert names and groups
    for name in [*names, *groups]:
        code, out, _ = run(*(name or "").split(), "--help")
        assert code == 0 and "Usage" in out, name
        assert f"toolkit {name}" in readme, f"`toolkit {name}` is not in the README"


def test_fmt_check_diff_shows_what_would_change(base_data: Path) -> None:
    person = base_data / "people" / "asha-rao.yaml"
    before = person.read_text()
    person.write_text(before.replace("country: IN", "country:   IN"))
    code, out, err = run("fmt", "--data", str(base_data), "--check", "--diff")
    assert code == 1
    assert "would reformat" in out and "(formatted)" in out
    assert "-country:   IN" in out and "+country: IN" in out
    assert person.read_text() != before  # --check changes nothing
    assert err.strip().endswith("1 file would reformat")


def test_version_prints_the_installed_version() -> None:
    from importlib.metadata import version

    toolkit = Path(sys.executable).with_name("toolkit")
    result = subprocess.run([toolkit, "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.strip() == f"toolkit {version('india-canada-security-dialogue')}"


def test_shell_completion_completes_commands_and_options(tmp_path: Path) -> None:
    """The script ``--show-completion bash`` prints, sourced into a real bash, completes the
    command names and a command's options."""
    toolkit = Path(sys.executable).with_name("toolkit")
    # The option detects the shell from the processes above it, so it runs under a bash that
    # stays its parent (a list is not exec'd in place): under `sh -c 'make test'` it found sh.
    shown = ["bash", "-c", f"{shlex.quote(str(toolkit))} --show-completion bash; exit $?"]
    shown_run = subprocess.run(shown, capture_output=True, text=True, timeout=60)
    script = shown_run.stdout
    assert "complete -o default -F _toolkit_completion toolkit" in script, (
        shown_run.returncode,
        shown_run.stderr[-2000:],
    )
    completion = tmp_path / "completion.bash"
    completion.write_text(script)
    probe = (
        f"source {completion}; "
        # bash calls the function with the command's name, as it does on a Tab key press
        "COMP_WORDS=(toolkit va); COMP_CWORD=1; _toolkit_completion toolkit; "
        'echo "${COMPREPLY[@]}"; '
        "COMP_WORDS=(toolkit validate --for); COMP_CWORD=2; _toolkit_completion toolkit; "
        'echo "${COMPREPLY[@]}"'
    )
    result = subprocess.run(
        ["bash", "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": str(toolkit.parent) + ":/usr/bin:/bin"},
    )
    commands, options = result.stdout.splitlines()
    assert commands.split() == ["validate"]
    assert "--format" in options.split()


def test_one_mistake_repeated_many_times_is_also_summed_up_once(base_data: Path) -> None:
    """A source renamed under sixty records that cite it: every place is still reported and
    located, and one line says it is the same problem sixty times, in every format."""
    event = base_data / "events" / "2026-02-08-statement.yaml"
    text = event.read_text().replace("daily-news-2026-02-08", "renamed-source")
    for n in range(60):
        copy = base_data / "events" / f"2026-02-08-statement-{n}.yaml"
        copy.write_text(text.replace("id: 2026-02-08-statement", f"id: 2026-02-08-statement-{n}"))
    code, out, _ = run_cli("validate", "--data", str(base_data))
    assert code == 1
    lines = out.splitlines()
    assert sum("error[E-REF]" in line for line in lines) == 120  # two places in each file
    assert "the same problem 120 times: [E-REF] no record 'renamed-source' in sources" in out
    _, out, _ = run_cli("validate", "--data", str(base_data), "--format", "json")
    assert json.loads(out)["repeated"] == [
        {"code": "E-REF", "message": "no record 'renamed-source' in sources", "times": 120}
    ]
    _, out, _ = run_cli("validate", "--data", str(base_data), "--format", "github")
    assert "::notice title=repeated::the same problem 120 times: [E-REF]" in out


def test_validate_pauses_the_collector_only_for_its_run(base_data: Path) -> None:
    """The command keeps the cyclic collector off while it runs (a collection over everything
    validation made costs seconds at scale) and leaves it running for whoever called it, valid
    data or not."""
    assert gc.isenabled()
    assert run("validate", "--data", str(base_data))[0] == 0
    assert gc.isenabled()
    topic = base_data / "topics" / "illicit-drugs.yaml"
    topic.write_text(topic.read_text().replace("name:", "nmae:"))
    assert run("validate", "--data", str(base_data))[0] == 1
    assert gc.isenabled()
