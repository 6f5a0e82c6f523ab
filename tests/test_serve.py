"""`toolkit serve`: the preview answers, and regenerates a page when a record changes."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from case_runner import BASE

ROOT = Path(__file__).parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch_until(url: str, wanted: str, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    last = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                last = response.read().decode("utf-8")
            if wanted in last:
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed {wanted!r}; last answer: {last[:300]!r}")


def test_serve_previews_and_regenerates_on_change(tmp_path: Path) -> None:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(BASE, tmp_path / "data")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "toolkit", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        page = f"http://127.0.0.1:{port}/topics/illicit-drugs/"
        fetch_until(page, "Illicit drugs", 60)
        topic = tmp_path / "data" / "topics" / "illicit-drugs.yaml"
        renamed = topic.read_text().replace("name: Illicit drugs", "name: Narcotics")
        # the French versions were made from the old English: dropped with it
        topic.write_text(renamed.split("translations:", 1)[0])
        fetch_until(page, "Narcotics", 60)
    finally:
        process.terminate()
        process.wait(timeout=20)
