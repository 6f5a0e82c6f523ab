"""The source checker's transport: every request, each redirect hop included, goes only where
the destination policy (``toolkit.authoring.destinations``) allows, to the address it checked.

Imported only when a check runs: httpx comes with the ``sources`` extra.
"""

from __future__ import annotations

import httpx

from toolkit.authoring.destinations import Destinations, UnresolvedError, resolve


class RefusedDestinationError(httpx.TransportError):
    """A request the destination policy refused before connecting."""


class GuardedTransport(httpx.BaseTransport):
    """A transport that checks every request's destination, then connects to the very address
    it checked (TLS still verifies the certificate for the host name)."""

    def __init__(self, inner: httpx.BaseTransport, destinations: Destinations) -> None:
        self.inner = inner
        self.destinations = destinations

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        host = request.url.raw_host.decode("ascii")
        port = request.url.port or (443 if request.url.scheme == "https" else 80)
        try:
            addresses = resolve(host, port)
        except UnresolvedError as error:
            raise httpx.ConnectError(str(error), request=request) from None
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
