"""`toolkit sources check` against a local web server: statuses, passages, limits, the archive
lookup, and `--write` changing only `accessed` and `archive_url`. Nothing here reaches the
internet: every address is on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import json
import socket
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from case_runner import run_cli
from toolkit.authoring import source_outcomes
from toolkit.authoring.destinations import Destinations
from toolkit.authoring.source_check import (
    CheckRun,
    MissingExtraError,
    Settings,
    SourceResult,
    Status,
    check_sources,
    user_agent,
)
from toolkit.authoring.source_report import render_json, render_text
from toolkit.foundation.escaping import terminal
from toolkit.reading.discovery import UnknownPathError

KEPT = (
    "Ottawa: India and Canada have agreed to establish security and law-enforcement liaison "
    "officers during a meeting of their national security advisers."
)
SECOND = (
    "The two sides acknowledged progress on initiatives to ensure the safety and security of "
    "their citizens and agreed on a shared work plan."
)
EDITED = SECOND.replace("a shared work plan", "a joint plan of work")
FILLER = (
    "The visit was the latest in a series of meetings between officials of the two countries, "
    "who have worked to restore ties over the past year after a period of tension. "
)
ARCHIVED = "https://web.archive.org/web/20260101000000/https://example.org/unchanged"
SLOW_SECONDS = 3


def page(*paragraphs: str) -> bytes:
    """An article page with a menu and a footer, long enough for the extractor to find it."""
    body = "".join(f"<p>{text}</p>" for text in (*paragraphs, FILLER, FILLER))
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Liaison officers</title></head>"
        "<body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>India, Canada agree to liaison officers</h1>{body}</article>"
        "<footer>© 2026 An Example Outlet. All rights reserved.</footer></body></html>"
    ).encode()


class Handler(BaseHTTPRequestHandler):
    """The fixture site: one route per situation a source can be in."""

    user_agents: list[str] = []

    def do_GET(self) -> None:
        Handler.user_agents.append(self.headers.get("User-Agent", ""))
        address = urlsplit(self.path)
        route = {
            "/unchanged": lambda: self._send(200, page(KEPT, SECOND)),
            "/changed": lambda: self._send(200, page(KEPT, EDITED)),
            "/removed": lambda: self._send(404, b"not found"),
            "/withdrawn": lambda: self._send(410, b"gone"),
            "/broken": lambda: self._send(503, b"down"),
            "/old-address": lambda: self._redirect("/unchanged"),
            "/loop": lambda: self._redirect("/loop"),
            "/slow": self._slow,
            "/endless": self._endless,
            "/declared-large": lambda: self._send(200, b"x" * 20_000),
            "/report.pdf": lambda: self._send(
                200, b"%PDF-1.4\n" + KEPT.encode(), "application/pdf"
            ),
            "/wayback/available": lambda: self._wayback(parse_qs(address.query)),
        }.get(address.path)
        if route is None:
            self._send(404, b"no such fixture")
        else:
            route()

    def _send(self, code: int, body: bytes, kind: str = "text/html; charset=utf-8") -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, target: str) -> None:
        self.send_response(301)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _slow(self) -> None:
        time.sleep(SLOW_SECONDS)
        self._send(200, page(KEPT))

    def _endless(self) -> None:
        """A body with no declared length that never ends: only a limit enforced while
        reading stops it."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        try:
            for _ in range(100_000):
                self.wfile.write(b"<p>" + b"x" * 1020 + b"</p>")
        except OSError:
            pass  # the checker hung up, as it should

    def _wayback(self, query: dict[str, list[str]]) -> None:
        asked = query.get("url", [""])[0]
        closest = (
            {"available": True, "url": ARCHIVED, "timestamp": "20260101000000", "status": "200"}
            if asked.endswith(("/unchanged", "/removed"))
            else None
        )
        answer = {"url": asked, "archived_snapshots": {"closest": closest} if closest else {}}
        self._send(200, json.dumps(answer).encode(), "application/json")

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The fixture site on an ephemeral port of 127.0.0.1; its base address."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False  # the slow route may still be asleep at the end
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests go straight to the local server, whatever the environment says."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)


def source_yaml(record_id: str, url: str, *passages: str, archive_url: str | None = None) -> str:
    """A valid source record laid out as `toolkit fmt` writes one, with comments to keep."""
    archive = f"archive_url: {archive_url}\n" if archive_url else ""
    texts = "".join(f"  - text: >-\n      {text}\n" for text in passages)
    return (
        "# Checked against the outlet's own page.\n"
        f"id: {record_id}\n"
        "kind: news-report\n"
        "account: third-party\n"
        "publisher: Example Outlet\n"
        "agency: ANI\n"
        "title: 'India, Canada agree to establish liaison officers'\n"
        f"url: {url}  # the outlet's own page\n"
        f"{archive}"
        "published: 2026-02-08\n"
        "accessed: 2026-02-09\n"
        "language: en\n"
        "passages:\n"
        f"{texts}"
        "    speakers: [ministry-of-external-affairs]  # the release is quoted\n"
    )


@pytest.fixture
def data(tmp_path: Path, server: str) -> Path:
    """A data folder whose sources point at the fixture site, one per situation."""
    folder = tmp_path / "data"
    sources = folder / "sources"
    sources.mkdir(parents=True)
    records = {
        "unchanged": source_yaml("unchanged", f"{server}/unchanged", KEPT, SECOND),
        "changed": source_yaml("changed", f"{server}/changed", KEPT, SECOND),
        "removed": source_yaml("removed", f"{server}/removed", KEPT),
        "moved": source_yaml("moved", f"{server}/old-address", KEPT, SECOND),
        "archived": source_yaml(
            "archived", f"{server}/unchanged", KEPT, archive_url="https://example.org/copy"
        ),
    }
    for record_id, text in records.items():
        (sources / f"{record_id}.yaml").write_text(text, encoding="utf-8")
    (folder / "dataset.yaml").write_text(
        "name: india-canada-security-dialogue\n"
        "maintainers:\n  - name: Maintainers\n    url: https://example.org/contact\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture(autouse=True)
def local_servers_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fixture site is on 127.0.0.1, which the destination policy refuses: these tests open
    it through the library's settings object, as no record or option can
    (tests/test_destinations.py tests the policy itself)."""
    monkeypatch.setattr(
        source_outcomes, "DEFAULT_DESTINATIONS", Destinations(allow_non_public=True)
    )


def add_source(data: Path, record_id: str, url: str, *passages: str) -> None:
    text = source_yaml(record_id, url, *(passages or (KEPT,)))
    (data / "sources" / f"{record_id}.yaml").write_text(text, encoding="utf-8")


def settings(server: str, **overrides: float) -> Settings:
    return Settings(
        timeout=overrides.get("timeout", 2.0),
        max_bytes=int(overrides.get("max_bytes", 1_000_000)),
        archive_endpoint=f"{server}/wayback/available",
        user_agent="test source checker",
    )


def one(run: CheckRun, record_id: str) -> SourceResult:
    return next(result for result in run.results if result.id == record_id)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_each_situation_gets_its_status_and_passages(data: Path, server: str) -> None:
    run = check_sources(data, settings=settings(server))
    unchanged = one(run, "unchanged")
    assert unchanged.status is Status.REACHABLE
    assert [passage.found for passage in unchanged.passages] == [True, True]
    assert unchanged.ok
    changed = one(run, "changed")
    assert changed.status is Status.REACHABLE
    assert [passage.found for passage in changed.passages] == [True, False]
    assert changed.missing[0].text == SECOND
    removed = one(run, "removed")
    assert (removed.status, removed.http_status) == (Status.GONE, 404)
    assert [passage.found for passage in removed.passages] == [None]
    moved = one(run, "moved")
    assert moved.status is Status.MOVED
    assert moved.final_url == f"{server}/unchanged"
    assert f"now at {server}/unchanged" in moved.detail
    assert [passage.found for passage in moved.passages] == [True, True]
    assert not run.ok
    assert [result.id for result in run.results] == sorted(result.id for result in run.results)


def test_other_failures_are_errors_that_say_which(data: Path, server: str) -> None:
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now
    add_source(data, "withdrawn", f"{server}/withdrawn")
    add_source(data, "broken", f"{server}/broken")
    add_source(data, "loop", f"{server}/loop")
    add_source(data, "refused", f"http://127.0.0.1:{port}/page")
    run = check_sources(data, ["withdrawn", "broken", "loop", "refused"], settings(server))
    assert one(run, "withdrawn").status is Status.GONE
    details = {result.id: (result.status, result.detail) for result in run.results}
    assert details["broken"] == (Status.ERROR, "HTTP 503 Service Unavailable")
    assert details["loop"] == (Status.ERROR, "more than 5 redirects")
    assert details["refused"][0] is Status.ERROR
    assert details["refused"][1].startswith("cannot connect")


def test_a_page_slower_than_the_timeout_is_an_error(data: Path, server: str) -> None:
    add_source(data, "slow", f"{server}/slow")
    started = time.monotonic()
    run = check_sources(data, ["slow"], settings(server, timeout=0.5))
    assert time.monotonic() - started < SLOW_SECONDS
    slow = one(run, "slow")
    assert (slow.status, slow.detail) == (Status.ERROR, "timed out after 0.5 s")


def test_a_body_past_the_limit_is_refused_while_it_streams(data: Path, server: str) -> None:
    add_source(data, "endless", f"{server}/endless")
    add_source(data, "declared", f"{server}/declared-large")
    started = time.monotonic()
    run = check_sources(data, ["endless", "declared"], settings(server, max_bytes=10_000))
    assert time.monotonic() - started < 3  # the endless body is 100 MB: it was never read
    assert one(run, "endless").status is Status.ERROR
    assert one(run, "endless").detail == "too large: more than 10,000 bytes"
    assert one(run, "declared").detail == "too large: 20,000 bytes; the limit is 10,000"


def test_a_document_that_is_not_html_is_reported_not_parsed(data: Path, server: str) -> None:
    add_source(data, "pdf", f"{server}/report.pdf")
    run = check_sources(data, ["pdf"], settings(server))
    pdf = one(run, "pdf")
    assert pdf.status is Status.REACHABLE
    assert pdf.content_type == "application/pdf"
    assert "not HTML (application/pdf)" in pdf.detail
    assert [passage.found for passage in pdf.passages] == [None]
    assert "    1 passage not checked" in render_text(run)


def test_archive_lookup_proposes_a_copy_for_sources_without_one(data: Path, server: str) -> None:
    run = check_sources(data, ["unchanged", "changed", "archived"], settings(server), archive=True)
    assert one(run, "unchanged").proposed_archive_url == ARCHIVED
    assert one(run, "changed").proposed_archive_url is None
    assert one(run, "changed").archive_detail == "no archived copy"
    archived = one(run, "archived")
    assert (archived.proposed_archive_url, archived.archive_detail) == (None, None)
    assert f"archive_url proposed: {ARCHIVED}" in render_text(run)


def test_without_write_nothing_changes_on_disk(data: Path, server: str) -> None:
    before = snapshot(data)
    run = check_sources(data, settings=settings(server), archive=True, as_of=dt.date(2027, 1, 2))
    assert one(run, "unchanged").proposed_archive_url == ARCHIVED
    assert snapshot(data) == before
    assert all(not result.updated for result in run.results)


def test_write_changes_only_accessed_and_archive_url_keeping_the_layout(
    data: Path, server: str
) -> None:
    before = snapshot(data)
    run = check_sources(
        data, settings=settings(server), archive=True, write=True, as_of=dt.date(2027, 1, 2)
    )
    unchanged = data / "sources" / "unchanged.yaml"
    url_line = f"url: {server}/unchanged  # the outlet's own page\n"
    expected = (
        before["unchanged.yaml"]
        .decode()
        .replace(url_line, f"{url_line}archive_url: {ARCHIVED}\n")
        .replace("accessed: 2026-02-09", "accessed: 2027-01-02")
    )
    assert unchanged.read_text(encoding="utf-8") == expected
    assert one(run, "unchanged").updated == ["archive_url", "accessed"]
    # a passage missing: accessed stays; a source that has an archived copy keeps it
    assert one(run, "changed").updated == []
    archived = (data / "sources" / "archived.yaml").read_text(encoding="utf-8")
    assert archived == before["archived.yaml"].decode().replace("2026-02-09", "2027-01-02")
    # gone, but archived: the copy is recorded, accessed is not
    removed = (data / "sources" / "removed.yaml").read_text(encoding="utf-8")
    assert f"archive_url: {ARCHIVED}\n" in removed and "accessed: 2026-02-09" in removed
    assert snapshot(data)["changed.yaml"] == before["changed.yaml"]
    assert snapshot(data)["moved.yaml"] == before["moved.yaml"]
    assert not list((data / "sources").glob(".*"))  # no temporary file left behind


def test_sources_are_chosen_by_id_or_path(data: Path, server: str) -> None:
    run = check_sources(data, ["unchanged", str(data / "sources" / "moved.yaml")], settings(server))
    assert [result.id for result in run.results] == ["moved", "unchanged"]
    with pytest.raises(UnknownPathError):
        check_sources(data, ["no-such-source"], settings(server))


def test_an_unreadable_record_is_a_problem_not_a_crash(data: Path, server: str) -> None:
    (data / "sources" / "broken-yaml.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    (data / "sources" / "no-url.yaml").write_text("id: no-url\nkind: news-report\n")
    outside = data.parent / "outside.yaml"
    outside.write_text(source_yaml("linked", f"{server}/unchanged", KEPT), encoding="utf-8")
    link = data / "sources" / "linked.yaml"
    link.symlink_to(outside)
    targets = ["broken-yaml", "no-url", "unchanged", str(link)]
    run = check_sources(data, targets, settings(server))
    assert [result.id for result in run.results] == ["unchanged"]
    assert [problem.code for problem in run.problems] == ["E-YAML", "E-PATH", "E-URL"]
    assert "never followed" in render_text(run)
    assert not run.ok


def test_without_the_sources_extra_the_error_says_what_to_install(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "lxml", None)
    with pytest.raises(MissingExtraError, match=r"\.\[sources\]"):
        check_sources(data)
    code, _, err = run_cli("sources", "check", "--data", str(data))
    assert code == 2
    assert "pip install -e '.[sources]'" in err


def test_the_user_agent_names_the_project_and_how_to_reach_it(data: Path, server: str) -> None:
    agent = user_agent(data)
    assert agent.startswith("india-canada-security-dialogue source checker (")
    assert "+https://example.org/contact" in agent
    Handler.user_agents.clear()
    check_sources(data, ["unchanged"], Settings(user_agent=agent, timeout=2.0))
    assert Handler.user_agents == [agent]


def test_record_and_server_text_cannot_forge_terminal_lines() -> None:
    hostile = SourceResult("data/sources/x\x1b[2J.yaml", "x", "u", Status.ERROR, "HTTP 500 \x1b]0;")
    output = render_text(CheckRun([hostile], []))
    assert "\x1b" not in output
    assert terminal("data/sources/x\x1b[2J.yaml") in output


def test_the_command_reports_text_json_and_exit_codes(data: Path, server: str) -> None:
    endpoint = ["--archive-endpoint", f"{server}/wayback/available", "--timeout", "2"]
    code, out, _ = run_cli("sources", "check", "unchanged", "--data", str(data), *endpoint)
    assert code == 0
    assert out.splitlines() == [
        f"{data.as_posix()}/sources/unchanged.yaml: reachable (HTTP 200)",
        "    passage 1: found",
        "    passage 2: found",
        "1 source: 1 reachable, 0 moved, 0 gone, 0 errors; 0 of 2 passages missing",
    ]
    before = snapshot(data)
    code, out, _ = run_cli(
        "sources", "check", "--data", str(data), "--format", "json", "--archive", *endpoint
    )
    assert code == 1
    report = json.loads(out)
    assert report["ok"] is False
    statuses = {source["id"]: source["status"] for source in report["sources"]}
    assert statuses == {
        "archived": "reachable",
        "changed": "reachable",
        "moved": "moved",
        "removed": "gone",
        "unchanged": "reachable",
    }
    changed = next(source for source in report["sources"] if source["id"] == "changed")
    assert [passage["found"] for passage in changed["passages"]] == [True, False]
    assert snapshot(data) == before
    assert render_json(check_sources(data, ["unchanged"], settings(server))).startswith("{")
    code, _, _ = run_cli(
        "sources",
        "check",
        "unchanged",
        "--data",
        str(data),
        "--write",
        "--as-of",
        "2027-03-04",
        *endpoint,
    )
    assert code == 0
    assert "accessed: 2027-03-04" in (data / "sources" / "unchanged.yaml").read_text()


@pytest.mark.parametrize(
    "arguments",
    [
        ["no-such-source"],
        ["--as-of", "2027-02-30", "--write"],
        ["--as-of", "2027-01-01"],
        ["--timeout", "soon"],
        ["--format", "xml"],
    ],
)
def test_usage_errors_exit_two_without_a_traceback(data: Path, arguments: list[str]) -> None:
    code, out, err = run_cli("sources", "check", "--data", str(data), *arguments)
    assert code == 2
    assert "Traceback" not in out + err


def test_a_missing_data_folder_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run_cli("sources", "check", "--data", str(tmp_path / "nowhere"))
    assert code == 2
    assert "data folder not found" in err
