"""Which web addresses the data may hold and the site may link: the one rule for both.

Python's ``urlsplit`` and browsers disagree on some addresses (a backslash, user information
before the host), so an address could show a trusted host to a reader and lead elsewhere.
Addresses are therefore parsed by ada, which follows the WHATWG URL Standard as browsers do, and
kept only when the text is exactly what a browser would open: nothing hidden, nothing normalised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ada_url import URL, HostType

URL_PATTERN = (
    r"^https?://"
    r"[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?"
    r"(?::[0-9]+)?"
    r"/[!#-;=?-\[\]-~]*$"
)
"""The coarse shape, for the JSON Schema: http(s), a lower-case host name (no user information,
no IPv6 literal), an optional port, then a path of printable ASCII without a backslash, a quote
or angle brackets (browsers percent-encode or rewrite those). ``url_refusal`` applies it too, so
the schema never refuses an address the rule accepts."""

WEB_SCHEMES = ("http:", "https:")
START_HINT = "give the full address starting with https://"

_SHAPE = re.compile(URL_PATTERN)


@dataclass(frozen=True)
class Refusal:
    """Why an address is refused (it reads after the address) and how to fix it."""

    reason: str
    hint: str


def url_refusal(url: str) -> Refusal | None:
    """Why ``url`` may not be published or linked, or None when it may."""
    parsed = _parse(url)
    if parsed is None:
        return Refusal("is not a web address a browser can open", START_HINT)
    if parsed.protocol not in WEB_SCHEMES:
        return Refusal("must be an http:// or https:// URL", START_HINT)
    return _hidden_host(parsed) or _normalised(url, parsed) or _shape(url)


def is_web_url(url: str) -> bool:
    """Whether ``url`` is an http(s) address that reads exactly as a browser opens it."""
    return url_refusal(url) is None


def _parse(url: str) -> URL | None:
    try:
        return URL(url)
    except ValueError:  # not a URL, or text that is not Unicode (a lone surrogate)
        return None


def _hidden_host(parsed: URL) -> Refusal | None:
    """User information or an IP address literal: the host a reader sees is not a plain name."""
    if parsed.username or parsed.password:
        return Refusal(
            "is refused: user information before the host can disguise the real host",
            f"this address leads to {parsed.host}; give the page's own address, "
            "without the part before @",
        )
    if parsed.host_type != HostType.DEFAULT:
        return Refusal(
            "has an IP address for its host, not a domain name",
            "link to the site by its domain name",
        )
    return None


def _normalised(url: str, parsed: URL) -> Refusal | None:
    """A browser would rewrite the address: what a reader sees is not where the link goes."""
    if parsed.href == url:
        return None
    backslash = " (a backslash reads as /)" if "\\" in url else ""
    reason = f"is not written the way browsers read it{backslash}"
    return Refusal(reason, f"write it as {parsed.href}")


def _shape(url: str) -> Refusal | None:
    """What browsers keep as written but the schema refuses: a backslash in the query or the
    fragment, a host that is not a plain domain name (an empty label, a quote, a brace)."""
    if _SHAPE.fullmatch(url):
        return None
    if "\\" in url:
        return Refusal("holds a backslash, which programs read differently", "write it as %5C")
    return Refusal(
        "has a host that is not a plain domain name",
        "write the host as lower-case letters, digits and hyphens, in labels between dots",
    )
