"""Where the source checker may connect (hostile input, class 1): every request and every
redirect hop is resolved and refused unless public, in every spelling of an address, and
nothing a refused fetch could have learnt reaches a report. Every server is on 127.0.0.1."""

from __future__ import annotations

import ipaddress
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from case_runner import run_cli
from toolkit.authoring import source_outcomes
from toolkit.authoring.destinations import Destinations, non_public
from toolkit.authoring.source_check import Settings, check_sources

SECRET = "internal-service-token-7f3a"


class Secret(BaseHTTPRequestHandler):
    """A local-only service: answers anything with a secret, and counts who reached it."""

    hits = 0

    def do_GET(self) -> None:
        type(self).hits += 1
        body = f"<html><body><p>{SECRET}</p></body></html>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class Redirector(BaseHTTPRequestHandler):
    """The one server a test lets the checker reach: it redirects to the address in its path."""

    def do_GET(self) -> None:
        self.send_response(302)
        self.send_header("Location", self.path[len("/to/") :])
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[int]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def secret_port() -> Iterator[int]:
    Secret.hits = 0
    yield from serve(Secret)


@pytest.fixture
def redirect_port() -> Iterator[int]:
    yield from serve(Redirector)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "0.0.0.0",
        "10.1.2.3",
        "172.16.5.4",
        "192.168.0.1",
        "169.254.169.254",  # cloud metadata services
        "100.64.0.1",  # shared address space
        "224.0.0.251",
        "255.255.255.255",
        "192.0.2.1",  # documentation
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "fec0::1",  # site-local (deprecated, never public)
        "::ffff:127.0.0.1",  # IPv4-mapped
        "::ffff:169.254.169.254",
        "2002:7f00:1::1",  # 6to4 around 127.0.0.1
        "2002:a00:1::1",  # 6to4 around 10.0.0.1
        "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo, client 127.0.0.1
    ],
)
def test_every_non_public_address_is_refused(address: str) -> None:
    assert non_public(ipaddress.ip_address(address)) is not None
    assert Destinations().refusal(ipaddress.ip_address(address), 80) is not None


@pytest.mark.parametrize("address", ["8.8.8.8", "151.101.1.69", "2606:4700:4700::1111"])
def test_public_addresses_are_allowed(address: str) -> None:
    assert Destinations().refusal(ipaddress.ip_address(address), 443) is None


def source(data: Path, record_id: str, url: str) -> None:
    (data / "sources" / f"{record_id}.yaml").write_text(
        f"id: {record_id}\nkind: news-report\naccount: third-party\npublisher: Example\n"
        f"title: A page\nurl: {json.dumps(url)}\naccessed: 2026-11-25\n"
        "passages:\n  - text: A sentence the page was cited for.\n",
        encoding="utf-8",
    )


def stopped_by_the_guard(detail: str) -> bool:
    """Whether a fetch ended where the destination policy stands: refused after resolution, or
    the name resolved to nothing, or the address is not one httpx will even request."""
    return detail.startswith(
        (
            "refused: the address resolves to a",
            "cannot connect: cannot resolve the host name",
            "invalid address",
        )
    ) or ("Invalid URL" in detail)


SPELLINGS = [
    "http://127.0.0.1:{port}/admin",
    "http://localhost:{port}/admin",
    "http://LOCALHOST.:{port}/admin",
    "http://127.1:{port}/admin",
    "http://2130706433:{port}/admin",
    "http://0x7f000001:{port}/admin",
    "http://0177.0.0.1:{port}/admin",
    "http://[::ffff:127.0.0.1]:{port}/admin",
    "http://[::1]:{port}/admin",
]


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_the_command_never_reaches_a_local_service(
    spelling: str, base_data: Path, secret_port: int
) -> None:
    """`toolkit sources check`, as the weekly workflow runs it, on a source whose address is
    any spelling of this machine (whether or not validation accepts it): refused before
    connecting, reported as refused, and nothing the service holds is in the report."""
    source(base_data, "local", spelling.format(port=secret_port))
    code, out, _ = run_cli(
        "sources", "check", "local", "--data", str(base_data), "--format", "json"
    )
    assert code == 1
    [result] = json.loads(out)["sources"]
    assert result["status"] == "error"
    assert stopped_by_the_guard(result["detail"]), result["detail"]
    assert SECRET not in out
    assert [p["found"] for p in result["passages"]] == [None]  # nothing was read to check
    assert Secret.hits == 0  # the service was never reached


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_a_redirect_to_a_local_service_is_refused_at_that_hop(
    spelling: str, base_data: Path, secret_port: int, redirect_port: int
) -> None:
    """The first hop is allowed (one endpoint opened through the settings object), and
    redirects to any spelling of a local address: the hop is checked after resolution and
    refused, and the service is never reached."""
    target = spelling.format(port=secret_port)
    source(base_data, "hop", f"http://127.0.0.1:{redirect_port}/to/{target}")
    allowed = Destinations(allowed=frozenset({("127.0.0.1", redirect_port)}))
    run = check_sources(base_data, ["hop"], Settings(timeout=2.0, destinations=allowed))
    [result] = run.results
    assert result.status == "error"
    assert stopped_by_the_guard(result.detail), result.detail
    assert SECRET not in result.detail
    assert Secret.hits == 0


def test_opening_the_policy_is_what_lets_a_local_server_answer(
    base_data: Path, secret_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same source, with the policy opened through the settings object: the service is
    reached, so the refusals above come from the policy and not from the network."""
    source(base_data, "local", f"http://127.0.0.1:{secret_port}/admin")
    monkeypatch.setattr(
        source_outcomes, "DEFAULT_DESTINATIONS", Destinations(allow_non_public=True)
    )
    _, out, _ = run_cli("sources", "check", "local", "--data", str(base_data), "--format", "json")
    [result] = json.loads(out)["sources"]
    assert (result["status"], Secret.hits) == ("reachable", 1)
