"""The per-file result cache: same answers as without it, never stale, and never believed unless
this toolkit wrote it, on this machine, for these exact bytes."""

from __future__ import annotations

import hashlib
import hmac
import marshal
import os
import secrets
import shutil
import struct
from pathlib import Path
from typing import Any

import pytest

import toolkit.checking.cache as cache_module
import toolkit.checking.validate as validate_module
from toolkit.checking.cache import (
    CACHE_DIR_VARIABLE,
    KEY_NAME,
    MAC_CONTEXT,
    PROJECT_FOLDER,
    ResultCache,
    Row,
    cache_path,
    code_digest,
    machine_key,
)
from toolkit.checking.validate import validate

OLD_CACHE = Path(".cache") / "toolkit-validate.marshal"
"""Where the cache used to live, beside the data folder: inside the checkout."""


def codes(data: Path) -> list[str]:
    return [problem.code for problem in validate(data, use_cache=True).problems]


def unsigned(*values: Any) -> bytes:
    """A cache file in the old format: length-framed ``marshal`` blocks, nothing else."""
    return b"".join(struct.pack("<Q", len(block)) + block for block in map(marshal.dumps, values))


def signed(key: bytes, path: Path, *values: Any, code: str | None = None) -> bytes:
    """A cache file built by hand as the toolkit writes it: each block framed by its length and
    an HMAC that chains from the code's digest and the file's name through every block before."""
    context = b"\0".join((MAC_CONTEXT, (code or code_digest()).encode(), path.name.encode()))
    previous = hmac.digest(key, context, "sha256")
    content = b""
    for value in values:
        block = marshal.dumps(value)
        previous = hmac.digest(key, previous + block, "sha256")
        content += struct.pack("<Q", len(block)) + previous + block
    return content


def this_machines_key(data: Path) -> bytes:
    key = machine_key(cache_path(data).parent)
    assert key is not None
    return key


def break_a_date(data: Path) -> Path:
    person = data / "people" / "asha-rao.yaml"
    person.write_text(person.read_text().replace("start: 2024-06-10", "start: 2024-13-10"))
    return person


def lying_rows(data: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, Row]:
    """Real rows for the valid data, then the date broken and its row changed to claim that the
    broken bytes have no problems: what an attacker would plant. Made in a cache folder of its
    own, so the folder the test then uses has no key yet."""
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(tmp_path / "attacker"))
    assert codes(data) == []
    rows = ResultCache.open(data).rows
    person = break_a_date(data)
    [name] = [name for name in rows if name.endswith("asha-rao.yaml")]
    raw, stat = person.read_bytes(), person.stat()
    digest = hashlib.sha256(raw).hexdigest()
    rows[name] = (len(raw), stat.st_mtime_ns, stat.st_mtime_ns + 10**10, digest, *rows[name][4:])
    return rows


def test_a_warm_run_gives_the_same_report_as_a_cold_one(base_data: Path) -> None:
    break_a_date(base_data)
    cold = validate(base_data, use_cache=True)
    assert cache_path(base_data).is_file()
    warm = validate(base_data, use_cache=True)
    uncached = validate(base_data)
    assert warm.problems == cold.problems == uncached.problems
    assert [p.code for p in warm.problems] == ["E-DATE"]


def test_a_valid_cache_gives_warm_hits(base_data: Path) -> None:
    assert codes(base_data) == []
    cache = ResultCache.open(base_data)
    assert not cache.damaged
    files = sorted(base_data.glob("*/*.yaml"))
    assert len(cache.rows) == len(files) + 1  # and the dataset pass's answer
    for path in files:
        [name] = [
            name for name in cache.rows if name.endswith(path.relative_to(base_data).as_posix())
        ]
        assert cache.lookup_row(name, str(path)) is not None


def test_a_changed_file_is_checked_again(base_data: Path) -> None:
    assert validate(base_data, use_cache=True).problems == []
    topic = base_data / "topics" / "illicit-drugs.yaml"
    topic.write_text(topic.read_text().replace("name: Illicit drugs", "nmae: Illicit drugs"))
    assert [p.code for p in validate(base_data, use_cache=True).problems] == ["E-KEY-UNKNOWN"]
    topic.write_text(topic.read_text().replace("nmae:", "name:"))
    assert validate(base_data, use_cache=True).problems == []


def test_a_planted_cache_does_not_make_invalid_data_pass(
    base_data: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rows = lying_rows(base_data, monkeypatch, tmp_path)
    target = cache_path(base_data)  # the same name in every cache folder
    attackers_key = secrets.token_bytes(32)
    planted = {
        "unsigned": unsigned((code_digest(), rows)),
        "signed with another key": signed(attackers_key, target, (code_digest(), rows)),
    }
    for label, content in planted.items():
        monkeypatch.setenv(CACHE_DIR_VARIABLE, str(tmp_path / label))
        target = cache_path(base_data)
        target.parent.mkdir()
        for old_place in (base_data.parent / OLD_CACHE, target):
            old_place.parent.mkdir(exist_ok=True)
            old_place.write_bytes(content)
        assert not (target.parent / KEY_NAME).exists()
        assert codes(base_data) == ["E-DATE"], label  # no key yet: one is made, the file fails
        target.write_bytes(content)
        assert (target.parent / KEY_NAME).exists()
        assert codes(base_data) == ["E-DATE"], label  # this machine's key, not the attacker's
    # The same rows signed with this machine's key are believed: only the key tells them apart.
    target.write_bytes(signed(this_machines_key(base_data), target, (code_digest(), rows)))
    assert codes(base_data) == []


def test_a_planted_key_others_could_write_is_not_trusted(
    base_data: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rows = lying_rows(base_data, monkeypatch, tmp_path)
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(tmp_path / "shared"))
    target = cache_path(base_data)
    target.parent.mkdir()
    attackers_key = secrets.token_bytes(32)
    key_file = target.parent / KEY_NAME
    key_file.write_bytes(attackers_key)
    key_file.chmod(0o644)
    target.write_bytes(signed(attackers_key, target, (code_digest(), rows)))
    assert codes(base_data) == ["E-DATE"]
    assert ResultCache.open(base_data).key is None  # no cache at all rather than a doubtful one


def test_a_cache_copied_to_another_key_does_not_verify(
    base_data: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert codes(base_data) == []
    assert ResultCache.open(base_data).rows
    original = cache_path(base_data)
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(tmp_path / "other machine"))
    this_machines_key(base_data)
    shutil.copy(original, cache_path(base_data))
    cache = ResultCache.open(base_data)
    assert cache.rows == {}
    assert cache.damaged


def test_a_cache_copied_to_another_data_folder_does_not_verify(
    base_data: Path, tmp_path: Path
) -> None:
    assert codes(base_data) == []
    other = tmp_path / "other" / "data"
    shutil.copytree(base_data, other)
    shutil.copy(cache_path(base_data), cache_path(other))
    assert ResultCache.open(other).rows == {}


def test_a_changed_byte_stops_reading_at_its_block(base_data: Path) -> None:
    assert codes(base_data) == []
    path = cache_path(base_data)
    snapshot = path.read_bytes()
    topic = base_data / "topics" / "illicit-drugs.yaml"
    topic.write_text(topic.read_text().replace("name: Illicit drugs", "nmae: Illicit drugs"))
    assert codes(base_data) == ["E-KEY-UNKNOWN"]  # appended to the journal
    content = bytearray(path.read_bytes())
    assert content.startswith(snapshot)
    content[-1] ^= 1  # inside the journal block: the snapshot still holds
    path.write_bytes(content)
    cache = ResultCache.open(base_data)
    assert cache.damaged and cache.journal_bytes == 0 < len(cache.rows)
    content[len(snapshot) - 1] ^= 1  # inside the snapshot: nothing holds
    path.write_bytes(content)
    assert ResultCache.open(base_data).rows == {}
    assert codes(base_data) == ["E-KEY-UNKNOWN"]


def test_a_cache_from_other_code_or_a_damaged_cache_is_ignored(base_data: Path) -> None:
    validate(base_data, use_cache=True)
    path = cache_path(base_data)
    rows = ResultCache.open(base_data).rows
    key = this_machines_key(base_data)
    assert rows
    path.write_bytes(signed(key, path, ("other code", rows), code="other code"))
    assert ResultCache.open(base_data).rows == {}
    path.write_bytes(signed(key, path, ("other code", rows)))
    assert ResultCache.open(base_data).rows == {}
    path.write_bytes(b"not a cache")
    assert ResultCache.open(base_data).rows == {}
    assert validate(base_data, use_cache=True).problems == []
    assert ResultCache.open(base_data).rows.keys() == rows.keys()  # rewritten whole


def test_removed_files_leave_the_cache(base_data: Path) -> None:
    validate(base_data, use_cache=True)
    (base_data / "events" / "2026-02-08-statement.yaml").unlink()
    validate(base_data, use_cache=True)
    assert not any("statement" in name for name in ResultCache.open(base_data).rows)


def test_an_edit_within_the_same_timestamp_tick_is_still_seen(base_data: Path) -> None:
    topic = base_data / "topics" / "illicit-drugs.yaml"
    topic.write_text(topic.read_text())  # written just before the run, as an editor would
    stat = topic.stat()
    assert validate(base_data, use_cache=True).problems == []
    topic.write_text(topic.read_text().replace("name: Illicit drugs", "nmae: Illicit drugs"))
    os.utime(topic, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same timestamp
    assert [p.code for p in validate(base_data, use_cache=True).problems] == ["E-KEY-UNKNOWN"]


def test_a_few_changes_are_appended_and_later_compacted(base_data: Path) -> None:
    validate(base_data, use_cache=True)
    path = cache_path(base_data)
    snapshot = path.stat().st_size
    topic = base_data / "topics" / "illicit-drugs.yaml"
    topic.write_text(topic.read_text().replace("name: Illicit drugs", "nmae: Illicit drugs"))
    assert [p.code for p in validate(base_data, use_cache=True).problems] == ["E-KEY-UNKNOWN"]
    appended = path.stat().st_size
    assert snapshot < appended < 2 * snapshot  # one row appended, not every row rewritten
    assert [p.code for p in validate(base_data, use_cache=True).problems] == ["E-KEY-UNKNOWN"]
    topic.write_text(topic.read_text().replace("nmae:", "name:"))
    assert validate(base_data, use_cache=True).problems == []
    cache = ResultCache.open(base_data)
    for round_trip in range(1, 10):  # each edit appends a row, until the journal passes the limit
        if cache.journal_bytes == 0:
            break
        text = topic.read_text()
        topic.write_text(text + "\n" if round_trip % 2 else text.rstrip("\n") + "\n")
        assert validate(base_data, use_cache=True).problems == []
        cache = ResultCache.open(base_data)
    assert cache.journal_bytes == 0 < cache.snapshot_bytes  # the journal grew: rewritten whole
    assert len(cache.rows) == len(list(base_data.glob("*/*.yaml"))) + 1  # and the dataset pass


def test_a_torn_append_loses_only_time(base_data: Path) -> None:
    validate(base_data, use_cache=True)
    path = cache_path(base_data)
    with path.open("ab") as handle:
        handle.write(struct.pack("<Q", 1000) + bytes(32) + b"cut short")
    cache = ResultCache.open(base_data)
    assert cache.damaged and cache.rows
    topic = base_data / "topics" / "illicit-drugs.yaml"
    topic.write_text(topic.read_text().replace("name: Illicit drugs", "nmae: Illicit drugs"))
    assert [p.code for p in validate(base_data, use_cache=True).problems] == ["E-KEY-UNKNOWN"]
    assert not ResultCache.open(base_data).damaged


def test_the_cache_lives_in_the_users_cache_folder_not_the_project(
    base_data: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(CACHE_DIR_VARIABLE)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    folder = tmp_path / "xdg" / PROJECT_FOLDER
    assert cache_path(base_data).parent == folder
    assert codes(base_data) == []
    assert cache_path(base_data).is_file()
    assert (folder / KEY_NAME).stat().st_mode & 0o777 == 0o600
    assert not (base_data.parent / ".cache").exists()
    assert sorted(path.name for path in base_data.parent.iterdir()) == ["data", "xdg"]
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")  # not absolute: ignored, as XDG says
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_path(base_data).parent == tmp_path / "home" / ".cache" / PROJECT_FOLDER


def test_one_cache_file_per_data_folder(base_data: Path, tmp_path: Path) -> None:
    other = tmp_path / "other" / "data"
    shutil.copytree(base_data, other)
    assert cache_path(base_data).parent == cache_path(other).parent
    assert cache_path(base_data) != cache_path(other)
    assert cache_path(base_data) == cache_path(other / ".." / ".." / "data")  # resolved


def test_validation_works_without_a_cache_folder(
    base_data: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("")
    monkeypatch.setenv(CACHE_DIR_VARIABLE, str(blocked / "cache"))  # cannot be made
    break_a_date(base_data)
    assert codes(base_data) == ["E-DATE"]
    assert codes(base_data) == ["E-DATE"]
    assert ResultCache.open(base_data).key is None


def test_the_dataset_pass_is_reused_only_while_what_it_reads_is_unchanged(
    base_data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each step edits the data and validates with the cache: the report is always the one a run
    without the cache gives, and the dataset rules run again exactly when something they read
    (a record's facts, the dataset's description, the options) or a file their problems point
    into has changed."""
    runs: list[int] = []
    real = validate_module.dataset_problems

    def counted(*arguments: Any) -> Any:
        runs.append(1)
        return real(*arguments)

    monkeypatch.setattr(validate_module, "dataset_problems", counted)
    event = base_data / "events" / "2026-02-08-statement.yaml"
    topic = base_data / "topics" / "illicit-drugs.yaml"

    def ran(as_of: str | None = None) -> bool:
        before = len(runs)
        cached = validate(base_data, use_cache=True, as_of=as_of).problems
        after = len(runs)
        assert cached == validate(base_data, as_of=as_of).problems
        return after > before

    assert ran()  # the first run
    assert not ran()  # nothing changed
    topic.write_text(topic.read_text() + "# a comment the rules do not read\n")
    assert not ran()
    event.write_text(event.read_text().replace("meetings: [2026-02-07-dialogue]", "meetings: [x]"))
    assert ran()
    [problem] = validate(base_data, use_cache=True).problems
    assert (problem.code, problem.line) == ("E-REF", 11)
    assert not ran()
    event.write_text("# a line above moves the problem down\n" + event.read_text())
    assert ran()  # same facts, but the problem's position is in the changed file
    assert validate(base_data, use_cache=True).problems[0].line == 12
    assert not ran()
    dataset = base_data / "dataset.yaml"
    dataset.write_text(dataset.read_text() + "# the description changed\n")
    assert ran()
    assert ran(as_of="2026-12-01")  # other options
    assert not ran(as_of="2026-12-01")
    topic.unlink()
    assert ran()
    assert not ran()


def test_a_library_upgrade_discards_the_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cached results depend on what the parsers and validators answer, and on the wording of
    suggestions: a new version of any of them makes every row stale."""
    before = code_digest()
    real = cache_module.metadata.version
    code_digest.cache_clear()
    try:
        for library in cache_module.RESULT_LIBRARIES:
            monkeypatch.setattr(
                cache_module.metadata,
                "version",
                lambda name, changed=library: "0.0.0-other" if name == changed else real(name),
            )
            assert code_digest() != before, library
            code_digest.cache_clear()
    finally:
        monkeypatch.undo()
        code_digest.cache_clear()
    assert code_digest() == before
