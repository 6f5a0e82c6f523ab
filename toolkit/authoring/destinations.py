"""Where the source checker may connect: public internet addresses only.

Source addresses come from strangers' pull requests and the checker runs on a schedule, so an
address must not reach the machine it runs on or its network. Every request, each redirect hop
included, resolves its host here; the request is refused unless every address the name resolves
to is public (not loopback, link-local, private, shared, unspecified, multicast, reserved or
documentation space, in any spelling: IPv4, IPv6, IPv4-mapped, 6to4, Teredo), and the
connection is then made to the address that was checked, so a second lookup cannot answer
differently. A refused request reaches no server, so nothing from it can appear in a report.

Tests open the policy through ``Destinations(allow_non_public=True)`` on ``Settings``; no
record and no command-line option can.

The transport that applies it is ``guarded_transport`` (it needs httpx, the ``sources``
extra).
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class Destinations:
    """The destination policy."""

    allow_non_public: bool = False
    """Let requests reach non-public addresses: for tests against servers on 127.0.0.1."""
    allowed: frozenset[tuple[str, int]] = frozenset()
    """Single (address, port) endpoints reachable although not public: for tests that need one
    local server allowed and every other local address refused."""

    def refusal(self, address: Address, port: int) -> str | None:
        """Why ``address`` (at ``port``) may not be reached, or None when it may."""
        if self.allow_non_public or (str(address), port) in self.allowed:
            return None
        return non_public(address)


def non_public(address: Address) -> str | None:
    """What kind of non-public address this is (in words), or None for a public one. An IPv6
    address that carries an IPv4 one (mapped, 6to4, Teredo) is judged by both."""
    if isinstance(address, ipaddress.IPv6Address):
        for inner in (address.ipv4_mapped, address.sixtofour):
            if inner is not None and (why := non_public(inner)):
                return why
        if address.teredo is not None:
            for inner in address.teredo:
                if why := non_public(inner):
                    return why
    for kind, test in (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("private", address.is_private),
        ("reserved", address.is_reserved),
        ("site-local", isinstance(address, ipaddress.IPv6Address) and address.is_site_local),
    ):
        if test:
            return kind
    return None if address.is_global else "not public"


class UnresolvedError(OSError):
    """The host name does not resolve."""


def resolve(host: str, port: int) -> list[Address]:
    """Every address ``host`` resolves to (an address literal, in any spelling the resolver
    reads, resolves to itself)."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise UnresolvedError(f"cannot resolve the host name: {error}") from None
    addresses: list[Address] = []
    for *_, sockaddr in found:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    return addresses
