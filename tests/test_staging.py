"""Staged outputs: what a killed build left is cleared by the next one, a failing block changes
nothing, and two builds of the same output take turns instead of removing each other's work."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from toolkit.cli import app
from toolkit.foundation.staging import staged
from toolkit.publishing.build import build


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def hidden(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.startswith("."))


def previous_output(out: Path) -> dict[str, bytes]:
    out.mkdir()
    (out / "data.csv").write_text("id\nold\n")
    return snapshot(out)


def test_a_build_clears_what_a_killed_build_left(base_data: Path, tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    assert build(base_data, dist).report.ok
    for leftover in (".dist-new-k1ll3d_x", ".dist-new-0ld", ".dist-old"):
        (tmp_path / leftover / "csv").mkdir(parents=True)
        (tmp_path / leftover / "csv" / "people.csv").write_text("half written")
    (tmp_path / ".dist.lock").write_text("")  # the killed build held the lock
    others = [".site-new-abcd1234", ".dist-new-x-new-abcd1234"]  # other outputs' staging
    for name in others:
        (tmp_path / name).mkdir()
    result = CliRunner().invoke(
        app, ["build", "--no-site", "--data", str(base_data), "--out", str(dist)]
    )
    assert result.exit_code == 0, result.output
    assert hidden(tmp_path) == sorted(others)
    fresh = tmp_path / "fresh" / "dist"
    assert build(base_data, fresh).report.ok
    assert snapshot(dist) == snapshot(fresh)


def test_an_output_a_killed_swap_had_moved_aside_is_put_back(tmp_path: Path) -> None:
    out = tmp_path / "out"
    before = previous_output(out)
    out.rename(tmp_path / ".out-old")  # killed between its two renames
    (tmp_path / ".out-new-abcd1234").mkdir()
    with pytest.raises(RuntimeError, match="exporter failed"), staged(out) as staging:
        (staging / "data.csv").write_text("half")
        raise RuntimeError("exporter failed")
    assert snapshot(out) == before
    assert hidden(tmp_path) == []


def test_a_failing_block_leaves_the_previous_output_untouched(tmp_path: Path) -> None:
    out = tmp_path / "out"
    before = previous_output(out)
    with pytest.raises(OSError, match="disk full"), staged(out) as staging:
        (staging / "data.csv").write_text("half")
        raise OSError("disk full")
    assert snapshot(out) == before
    assert hidden(tmp_path) == []


def test_two_builds_of_one_output_take_turns(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first_inside, first_may_finish = threading.Event(), threading.Event()
    seen_by_second: list[dict[str, bytes]] = []

    def first() -> None:
        with staged(out) as staging:
            (staging / "data.csv").write_text("first")
            first_inside.set()
            assert first_may_finish.wait(10)

    def second() -> None:
        with staged(out) as staging:
            seen_by_second.append(snapshot(out))
            (staging / "data.csv").write_text("second")

    one = threading.Thread(target=first)
    one.start()
    assert first_inside.wait(10)
    two = threading.Thread(target=second)
    two.start()
    time.sleep(0.3)
    assert seen_by_second == []  # still waiting for the lock
    [staging] = [path for path in tmp_path.iterdir() if path.name.startswith(".out-new-")]
    assert (staging / "data.csv").read_text() == "first"  # not cleared as a leftover
    first_may_finish.set()
    one.join(10)
    two.join(10)
    assert seen_by_second == [{"data.csv": b"first"}]
    assert snapshot(out) == {"data.csv": b"second"}
    assert hidden(tmp_path) == []


DYING_BUILD = """
import os, sys
from pathlib import Path
import toolkit.foundation.staging as staging
from toolkit.publishing.build import build

exchange = staging.exchange

def killed(first, second):
    if sys.argv[3] == "before":
        os._exit(137)
    done = exchange(first, second)
    assert done, "this file system exchanges in one step"
    os._exit(137)

staging.exchange = killed
build(Path(sys.argv[1]), Path(sys.argv[2]))
"""


def complete(dist: Path) -> bool:
    """Whether ``dist`` holds a whole build: every file its checksums list, as listed."""
    result = subprocess.run(
        ["sha256sum", "--check", "--quiet", "SHA256SUMS"], cwd=dist, capture_output=True
    )
    return result.returncode == 0


@pytest.mark.parametrize("moment", ["before", "after"])
def test_a_build_killed_at_the_swap_leaves_a_whole_output(
    moment: str, base_data: Path, tmp_path: Path
) -> None:
    """Killed just before or just after the swap, the output is the previous build or the new
    one, whole; never missing. The dying process reached the swap (it exits from inside it)."""
    dist = tmp_path / "dist"
    build(base_data, dist)
    before = snapshot(dist)
    name = base_data / "topics" / "illicit-drugs.yaml"
    name.write_text(name.read_text().replace("name: Illicit drugs", "name: Illicit narcotics"))
    done = subprocess.run(
        [sys.executable, "-c", DYING_BUILD, str(base_data), str(dist), moment],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 137, done.stderr[-2000:]  # it died at the swap, not before it
    assert complete(dist)
    after = snapshot(dist)
    assert (after == before) == (moment == "before")
    if moment == "after":
        assert b"Illicit narcotics" in after["topics.json"]
    build(base_data, dist)  # the next build clears what the killed one left
    assert hidden(tmp_path) == [] and complete(dist)


def test_a_build_killed_at_any_instant_leaves_a_whole_output(
    base_data: Path, tmp_path: Path
) -> None:
    """SIGKILL at spread-out instants of real `toolkit build` runs: after each, dist/ is there
    and whole (the previous build or the new one)."""
    dist = tmp_path / "dist"
    build(base_data, dist)
    command = [str(Path(sys.executable).parent / "toolkit"), "build", "--data", str(base_data)]
    started = time.monotonic()
    subprocess.run([*command, "--out", str(dist), "--no-site"], check=True, capture_output=True)
    duration = time.monotonic() - started
    for trial in range(8):
        process = subprocess.Popen(
            [*command, "--out", str(dist), "--no-site"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(duration * (0.3 + 0.7 * trial / 8))  # past start-up, into the writing
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert dist.is_dir() and complete(dist), trial
