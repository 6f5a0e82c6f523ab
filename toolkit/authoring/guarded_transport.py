"""The source checker's transport: every request, each redirect hop included, goes only where
the destination policy (``toolkit.authoring.destinations``) allows, to the address it checked,
and every network step of a fetch waits no longer than the fetch's one deadline allows.

Imported only when a check runs: httpx comes with the ``sources`` extra.
"""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import httpcore
import httpx

from toolkit.authoring.destinations import Address, Destinations, UnresolvedError, resolve


class RefusedDestinationError(httpx.TransportError):
    """A request the destination policy refused before connecting."""


def _resolve_in_time(host: str, port: int, request: httpx.Request) -> list[Address]:
    """``resolve`` within what the fetch has left: a name server that never answers cannot hold
    the fetch past its deadline (the lookup is left to finish in a daemon thread)."""
    at: float | None = getattr(_DEADLINE, "at", None)
    if at is None:
        try:
            return resolve(host, port)
        except UnresolvedError as error:
            raise httpx.ConnectError(str(error), request=request) from None
    found: list[list[Address] | BaseException] = []

    def look_up() -> None:
        try:
            found.append(resolve(host, port))
        except BaseException as error:
            found.append(error)

    worker = threading.Thread(target=look_up, daemon=True)
    worker.start()
    worker.join(max(0.0, at - time.monotonic()))
    if not found:
        raise httpx.ConnectTimeout("the host name did not resolve in time", request=request)
    result = found[0]
    if isinstance(result, UnresolvedError):
        raise httpx.ConnectError(str(result), request=request)
    if isinstance(result, BaseException):
        raise result
    return result


class GuardedTransport(httpx.BaseTransport):
    """A transport that checks every request's destination, then connects to the very address
    it checked (TLS still verifies the certificate for the host name)."""

    def __init__(self, inner: httpx.BaseTransport, destinations: Destinations) -> None:
        self.inner = inner
        self.destinations = destinations

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        host = request.url.raw_host.decode("ascii")
        port = request.url.port or (443 if request.url.scheme == "https" else 80)
        addresses = _resolve_in_time(host, port, request)
        for address in addresses:
            if why := self.destinations.refusal(address, port):
                raise RefusedDestinationError(
                    f"refused: the address resolves to a {why} address, which the source "
                    "checker does not reach",
                    request=request,
                )
        if not addresses:
            raise httpx.ConnectError("the host name has no address", request=request)
        pinned = httpx.Request(
            request.method,
            request.url.copy_with(host=str(addresses[0])),
            headers=request.headers,  # keeps Host: the name, not the address
            stream=request.stream,
            extensions={**request.extensions, "sni_hostname": host},
        )
        return self.inner.handle_request(pinned)

    def close(self) -> None:
        self.inner.close()


_DEADLINE = threading.local()
"""When the fetch running in this thread must be over (``time.monotonic()``), if one is."""


@contextmanager
def fetch_deadline(seconds: float) -> Iterator[None]:
    """One deadline for everything a fetch does in this thread, from the first byte: connecting,
    TLS, sending, every header byte, every redirect and the body. A server that answers one byte
    at a time, each just inside a read timeout, still runs out of time here."""
    _DEADLINE.at = time.monotonic() + seconds
    try:
        yield
    finally:
        _DEADLINE.at = None


def _bounded(timeout: float | None, timed_out: type[Exception]) -> float:
    """The time the next network step may take: what is left before the deadline, at most."""
    at: float | None = getattr(_DEADLINE, "at", None)
    if at is None:
        return timeout if timeout is not None else 60.0
    left = at - time.monotonic()
    if left <= 0:
        raise timed_out("the fetch ran out of time")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write waits no longer than the fetch has left."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self.inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self.inner.start_tls(ssl_context, server_hostname, bounded))

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's own network backend, with every connection held to the fetch's deadline."""

    def __init__(self) -> None:
        self.inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        bounded = _bounded(timeout, httpcore.ConnectTimeout)
        stream = self.inner.connect_tcp(host, port, bounded, local_address, socket_options)
        return _DeadlineStream(stream)

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


class DeadlineTransport(httpx.HTTPTransport):
    """httpx's own transport over the deadline-keeping backend. No connection is kept for a
    later request: requests go to a pinned address, and the pool would otherwise reuse one host
    name's connection (and its TLS session) for another name at the same address."""

    def __init__(self) -> None:
        super().__init__()
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_keepalive_connections=0,
            network_backend=_DeadlineBackend(),
        )
