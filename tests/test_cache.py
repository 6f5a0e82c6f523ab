"""The per-file result cache: same answers as without it, and never stale."""

from __future__ import annotations

import marshal
import os
import struct
from pathlib import Path

from toolkit.cache import CACHE_FOLDER, CACHE_NAME, ResultCache
from toolkit.validate import validate


def cache_file(data: Path) -> Path:
    return data.parent / CACHE_FOLDER / CACHE_NAME


def test_a_warm_run_gives_the_same_report_as_a_cold_one(base_data: Path) -> None:
    person = base_data / "people" / "asha-rao.yaml"
    person.write_text(person.read_text().replace("start: 2024-06-10", "start: 2024-13-10"))
    cold = validate(base_data, use_cache=True)
    assert cache_file(base_data).is_file()
    warm = validate(base_data, use_cache=True)
    uncached = validate(base_data)
    assert warm.problems == cold.problems == uncached.problems
    assert [p.code for p in warm.problems] == ["E-DATE"]


def test_a_changed_file_is_checked_again(base_data: Path) -> None:
    assert validate(base_data, use_cache=True).problems == []
    topic = base_data / "topics" / "illicit-drugs.yaml"
    topic.write_text(topic.read_text().replace("name: Illicit drugs", "nmae: Illicit drugs"))
    assert [p.code for p in validate(base_data, use_cache=True).problems] == ["E-KEY-UNKNOWN"]
    topic.write_text(topic.read_text().replace("nmae:", "name:"))
    assert validate(base_data, use_cache=True).problems == []


def test_a_cache_from_other_code_or_a_damaged_cache_is_ignored(base_data: Path) -> None:
    validate(base_data, use_cache=True)
    path = cache_file(base_data)
    content = path.read_bytes()
    (length,) = struct.unpack_from("<Q", content)
    _, rows = marshal.loads(content[8 : 8 + length])
    assert rows and ResultCache.open(base_data).rows == rows
    block = marshal.dumps(("other code", rows))
    path.write_bytes(struct.pack("<Q", len(block)) + block)
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
    path = cache_file(base_data)
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
    assert cache.journal_bytes == 0 < cache.snapshot_bytes  # the journal grew: rewritten whole
    assert len(cache.rows) == len(list(base_data.glob("*/*.yaml")))


def test_a_torn_append_loses_only_time(base_data: Path) -> None:
    validate(base_data, use_cache=True)
    path = cache_file(base_data)
    with path.open("ab") as handle:
        handle.write(struct.pack("<Q", 1000) + b"cut short")
    cache = ResultCache.open(base_data)
    assert cache.damaged and cache.rows
    topic = base_data / "topics" / "illicit-drugs.yaml"
    topic.write_text(topic.read_text().replace("name: Illicit drugs", "nmae: Illicit drugs"))
    assert [p.code for p in validate(base_data, use_cache=True).problems] == ["E-KEY-UNKNOWN"]
    assert not ResultCache.open(base_data).damaged
