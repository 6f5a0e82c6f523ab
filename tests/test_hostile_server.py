"""What a hostile server can make the source checker spend (hostile input, class 2): a body is
limited in decoded bytes as it streams, whatever encodings the server claims, and one bad source
is reported without stopping the others. Every server is on 127.0.0.1."""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from toolkit.authoring.bounded_body import STEP
from toolkit.authoring.destinations import Destinations
from toolkit.authoring.source_check import CheckRun, Settings, check_sources

PAGE = b"<html><body><article><p>A sentence the page was cited for.</p></article></body></html>"
UNPACKED = 200_000_000
"""What the bomb unpacks to: two hundred times the limit the tests set."""
LIMIT = 1_000_000


def bomb() -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(1_000_000)
    return b"".join(compressor.compress(zeros) for _ in range(UNPACKED // len(zeros))) + (
        compressor.flush()
    )


def raw_deflate(data: bytes) -> bytes:
    """Deflate without the zlib wrapper, as some servers send ``Content-Encoding: deflate``."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


BOMB = bomb()
CITED = b"<p>A sentence the page was cited for.</p>"
SHAPES = {
    "/links": b"<p>" + b"<a href=x>l</a> " * 32_000 + b"</p>" + CITED,
    "/unclosed": b"<p>a " * 100_000 + CITED,
    "/headings": b"<h2>h</h2><p>x</p>" * 30_000 + CITED,
    "/nested": b"<div>" * 50_000 + CITED,
}
"""Pages whose text the main-text extractor once read in time growing faster than the page
(the first, half a megabyte, took over six minutes); each ends with the sentence cited."""
ATTRIBUTES = b"<p " + b" ".join(b"a%d=1" % n for n in range(80_000)) + b">x</p>" + CITED
"""An element with 80,000 attributes, which libxml2 checks for duplicates pairwise."""
RESPONSES: dict[str, tuple[dict[str, str], bytes]] = {
    **{path: ({}, page) for path, page in SHAPES.items()},
    "/attributes": ({}, ATTRIBUTES),
    "/bomb": ({"Content-Encoding": "gzip"}, BOMB),
    "/layered": ({"Content-Encoding": "gzip, gzip"}, gzip.compress(BOMB)),
    "/brotli": ({"Content-Encoding": "br"}, b"\x0b\x02\x80hello\x03"),
    "/unknown": ({"Content-Encoding": "x-custom"}, PAGE),
    "/page": ({"Content-Encoding": "gzip"}, gzip.compress(PAGE)),
    "/zlib-deflate": ({"Content-Encoding": "deflate"}, zlib.compress(PAGE)),
    "/raw-deflate": ({"Content-Encoding": "deflate"}, raw_deflate(PAGE)),
    "/plain": ({}, PAGE),
    "/trailing": ({"Content-Encoding": "gzip"}, gzip.compress(PAGE) + bytes(500_000)),
}
REDIRECTS = {"/redirect-bomb": "/plain"}
"""Paths that answer 302 to another, with the bomb as the redirect's own body."""


class Hostile(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path in REDIRECTS:
            self.send_response(302)
            self.send_header("Location", REDIRECTS[self.path])
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(BOMB)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(BOMB)
            return
        headers, body = RESPONSES[self.path]
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)  # the checker may stop reading, as it should

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def sources(data: Path, server: str, paths: list[str]) -> None:
    for path in paths:
        name = path.strip("/")
        (data / "sources" / f"hostile-{name}.yaml").write_text(
            f"id: hostile-{name}\nkind: news-report\naccount: third-party\npublisher: Example\n"
            f"title: A page\nurl: {server}{path}\naccessed: 2026-11-25\n"
            "passages:\n  - text: A sentence the page was cited for.\n",
            encoding="utf-8",
        )


def settings() -> Settings:
    return Settings(timeout=10.0, max_bytes=LIMIT, destinations=Destinations(allow_non_public=True))


def checked_holding(data: Path, source: str) -> tuple[CheckRun, int]:
    """Check one source, and the most memory the check held (imports already done)."""
    tracemalloc.start()
    try:
        run = check_sources(data, [source], settings())
        return run, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_compression_bomb_is_stopped_at_the_limit_in_decoded_bytes(
    base_data: Path, server: str
) -> None:
    """200 MB behind a few hundred kilobytes of gzip: refused as too large, having held at most
    the limit and one decoding step in memory."""
    assert len(BOMB) < LIMIT  # what arrives is under the limit; what it unpacks to is not
    sources(base_data, server, ["/bomb", "/plain"])
    check_sources(base_data, ["hostile-plain"], settings())  # imports and first use done
    run, peak = checked_holding(base_data, "hostile-bomb")
    [result] = run.results
    assert (result.status, result.detail) == ("error", f"too large: more than {LIMIT:,} bytes")
    assert peak < 4 * (LIMIT + STEP) + len(BOMB), f"{peak:,} bytes held"


def test_a_redirect_is_followed_without_reading_its_body(base_data: Path, server: str) -> None:
    """A redirect whose own body is a compression bomb: the body is never read (httpx would read
    it whole, unbounded), the redirect is followed and the page checked."""
    sources(base_data, server, ["/redirect-bomb", "/plain"])
    check_sources(base_data, ["hostile-plain"], settings())  # imports and first use done
    run, peak = checked_holding(base_data, "hostile-redirect-bomb")
    [result] = run.results
    assert (result.status, [p.found for p in result.passages]) == ("moved", [True])
    assert peak < 4 * (LIMIT + STEP) + len(BOMB), f"{peak:,} bytes held"


@pytest.mark.parametrize(
    ("path", "detail"),
    [
        ("/trailing", "refused: bytes after the end of the compressed body"),
        ("/layered", "refused: 2 layered content encodings"),
        ("/brotli", "refused: content encoding 'br' was not offered"),
        ("/unknown", "refused: content encoding 'x-custom' was not offered"),
    ],
)
def test_encodings_not_offered_or_layered_are_refused_unread(
    path: str, detail: str, base_data: Path, server: str
) -> None:
    sources(base_data, server, [path])
    [result] = check_sources(base_data, [f"hostile-{path.strip('/')}"], settings()).results
    assert (result.status, result.detail) == ("error", detail)


def test_one_hostile_source_does_not_stop_the_others(base_data: Path, server: str) -> None:
    """A run over good and hostile sources: each hostile one is an error of its own, and the
    good ones, gzip or plain, are read and their passages found."""
    paths = ["/bomb", "/layered", "/brotli", "/page", "/plain"]
    sources(base_data, server, paths)
    run = check_sources(base_data, [f"hostile-{p.strip('/')}" for p in paths], settings())
    outcome = {r.id: (r.status, [p.found for p in r.passages]) for r in run.results}
    assert outcome == {
        "hostile-bomb": ("error", [None]),
        "hostile-layered": ("error", [None]),
        "hostile-brotli": ("error", [None]),
        "hostile-page": ("reachable", [True]),
        "hostile-plain": ("reachable", [True]),
    }


class Dribbler(BaseHTTPRequestHandler):
    """Answers in full, correctly, but one header byte every 0.2 s for 20 s: each read is well
    inside any read timeout, so only a deadline for the whole fetch ends it."""

    def do_GET(self) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: ")
            for _ in range(100):
                self.wfile.write(b"a")
                self.wfile.flush()
                time.sleep(0.2)
            self.wfile.write(f"\r\nContent-Length: {len(PAGE)}\r\n\r\n".encode() + PAGE)

    def log_message(self, *args: object) -> None:
        pass


def test_one_deadline_holds_for_the_whole_fetch_from_the_first_byte(
    base_data: Path, server: str
) -> None:
    """Headers trickled one byte at a time would take 20 s, each byte inside the 1 s allowed:
    the fetch is stopped at its deadline and reported as timed out, and the other source in the
    run is still read."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Dribbler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        slow = f"http://127.0.0.1:{httpd.server_address[1]}/slow"
        sources(base_data, server, ["/plain"])
        (base_data / "sources" / "hostile-slow.yaml").write_text(
            f"id: hostile-slow\nkind: news-report\naccount: third-party\npublisher: Example\n"
            f"title: A page\nurl: {slow}\naccessed: 2026-11-25\n"
            "passages:\n  - text: A sentence the page was cited for.\n",
            encoding="utf-8",
        )
        quick = Settings(timeout=1.0, max_bytes=LIMIT, destinations=Destinations(True))
        run = check_sources(base_data, ["hostile-slow", "hostile-plain"], quick)
    finally:
        httpd.shutdown()
        httpd.server_close()
    outcome = {r.id: (r.status, r.detail) for r in run.results}
    assert outcome == {
        "hostile-slow": ("error", "timed out after 1 s"),
        "hostile-plain": ("reachable", "HTTP 200"),
    }


def test_a_name_server_that_never_answers_is_held_to_the_deadline(
    base_data: Path, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The host name's lookup is part of the fetch: a resolver that hangs (here, one that takes
    30 s) ends the fetch at its deadline, and the next source is still checked."""
    from toolkit.authoring import guarded_transport

    real = guarded_transport.resolve

    def slow(host: str, port: int) -> list[object]:
        if host == "slow.example":
            time.sleep(30)
        return list(real(host, port))

    monkeypatch.setattr(guarded_transport, "resolve", slow)
    sources(base_data, server, ["/plain"])
    (base_data / "sources" / "hostile-dns.yaml").write_text(
        "id: hostile-dns\nkind: news-report\naccount: third-party\npublisher: Example\n"
        "title: A page\nurl: https://slow.example/page\naccessed: 2026-11-25\n"
        "passages:\n  - text: A sentence the page was cited for.\n",
        encoding="utf-8",
    )
    quick = Settings(timeout=1.0, max_bytes=LIMIT, destinations=Destinations(True))
    run = check_sources(base_data, ["hostile-dns", "hostile-plain"], quick)
    outcome = {r.id: (r.status, r.detail) for r in run.results}
    assert outcome == {
        "hostile-dns": ("error", "timed out after 1 s"),
        "hostile-plain": ("reachable", "HTTP 200"),
    }


@pytest.mark.parametrize("path", list(SHAPES))
def test_pages_costly_to_extract_are_read_in_time_linear_in_the_page(
    path: str, base_data: Path, server: str
) -> None:
    """Each page's text is read inside the deadline (a page not read in time would leave its
    passage unchecked) and the cited sentence after the costly part is found, except where
    libxml2 stops at 2,048 levels of nesting: the text after that point is never seen, so the
    passage is reported not checked, neither found nor missing."""
    sources(base_data, server, [path])
    [result] = check_sources(base_data, [f"hostile-{path.strip('/')}"], settings()).results
    outcome = (result.status, result.detail, [p.found for p in result.passages])
    if path == "/nested":
        assert outcome == (
            "reachable",
            "HTTP 200; its text could not be read whole (the HTML parser stopped), so passages "
            "were not checked",
            [None],
        )
    else:
        assert outcome == ("reachable", "HTTP 200", [True])


def test_a_page_whose_text_takes_too_long_is_stopped_and_the_others_are_read(
    base_data: Path, server: str
) -> None:
    """The attribute flood would take minutes to parse: its child process is killed at the
    deadline, that source's passages are reported as not checked, and the other page in the
    same run is read and verified."""
    sources(base_data, server, ["/attributes", "/plain"])
    quick = Settings(timeout=2.0, max_bytes=LIMIT, destinations=Destinations(True))
    started = time.monotonic()
    run = check_sources(base_data, ["hostile-attributes", "hostile-plain"], quick)
    assert time.monotonic() - started < 30
    outcome = {r.id: (r.status, r.detail, [p.found for p in r.passages]) for r in run.results}
    assert outcome == {
        "hostile-attributes": (
            "reachable",
            "HTTP 200; its text could not be read within 2 s, so passages were not checked",
            [None],
        ),
        "hostile-plain": ("reachable", "HTTP 200", [True]),
    }


def test_both_kinds_of_deflate_are_read_as_browsers_read_them(base_data: Path, server: str) -> None:
    """``deflate`` is zlib-wrapped by the standard and raw from some servers: the first two
    bytes tell them apart, and both pages are read and their passage found."""
    paths = ["/zlib-deflate", "/raw-deflate"]
    sources(base_data, server, paths)
    run = check_sources(base_data, [f"hostile-{p.strip('/')}" for p in paths], settings())
    assert {r.id: (r.status, [p.found for p in r.passages]) for r in run.results} == {
        "hostile-zlib-deflate": ("reachable", [True]),
        "hostile-raw-deflate": ("reachable", [True]),
    }
