"""Fetching a source's address and looking up its archived copy: one deadline for the whole
fetch, redirects followed by hand with every hop checked against the destination policy, the
body read only when it answered 200 and stopped at the size limit in decoded bytes.

httpx comes with the ``sources`` extra and is imported only when a check runs."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from toolkit.authoring.source_outcomes import (
    ARCHIVE_MAX_BYTES,
    Archived,
    Fetched,
    Settings,
    Status,
)
from toolkit.foundation.urls import is_web_url

if TYPE_CHECKING:
    import httpx


def guarded_client(settings: Settings, transport: httpx.BaseTransport | None) -> httpx.Client:
    """A client whose every request, redirects included, passes the destination policy."""
    import httpx

    from toolkit.authoring.bounded_body import ACCEPTED
    from toolkit.authoring.guarded_transport import DeadlineTransport, GuardedTransport

    inner = transport if transport is not None else DeadlineTransport()
    return httpx.Client(
        follow_redirects=False,  # followed by hand (`_followed`): a redirect's body is never read
        max_redirects=settings.max_redirects,
        timeout=httpx.Timeout(settings.timeout),
        headers={"User-Agent": settings.user_agent, "Accept-Encoding": ACCEPTED},
        transport=GuardedTransport(inner, settings.destinations),
    )


@contextmanager
def _followed(
    client: httpx.Client, url: str, settings: Settings, params: dict[str, str] | None = None
) -> Iterator[tuple[httpx.Response, int]]:
    """The final answer for ``url`` (unread), with how many redirects led to it. Redirects are
    followed here rather than by httpx, which reads each redirect's whole body with no limit:
    each redirect answer is closed unread, and each hop passes the destination policy."""
    import httpx

    request = client.build_request("GET", url, params=params)
    hops = 0
    while True:
        response = client.send(request, stream=True, follow_redirects=False)
        if not response.is_redirect or response.next_request is None:
            break
        response.close()  # the body of a redirect is never read
        hops += 1
        if hops > settings.max_redirects:
            raise httpx.TooManyRedirects("too many redirects", request=request)
        request = response.next_request
    try:
        yield response, hops
    finally:
        response.close()


def fetch(client: httpx.Client, url: str, settings: Settings) -> Fetched:
    """Fetch ``url``, following redirects, and read its body only when it answered 200,
    stopping as soon as the body passes ``settings.max_bytes`` or the time allowed."""
    import httpx

    from toolkit.authoring.guarded_transport import RefusedDestinationError, fetch_deadline

    try:
        with (
            fetch_deadline(settings.timeout),
            _followed(client, url, settings) as (response, hops),
        ):
            final = str(response.url)
            code = response.status_code
            if code in (404, 410):
                where = f" at {final}" if hops else ""
                return Fetched(Status.GONE, f"HTTP {code}{where}", code, final)
            if code != 200:
                reason = f"HTTP {code} {response.reason_phrase}".rstrip()
                return Fetched(Status.ERROR, reason, code, final)
            body = _read_limited(response, settings.max_bytes, settings.timeout)
            moved = hops > 0 and final != str(httpx.URL(url))
            status = Status.MOVED if moved else Status.REACHABLE
            detail = f"HTTP {code}" + (f", now at {final}" if moved else "")
            header = response.headers.get("content-type")
            content_type = _content_type(header, body)
            return Fetched(status, detail, code, final, content_type, body, _charset(header))
    except _TooLargeError as error:
        return Fetched(Status.ERROR, str(error))
    except RefusedDestinationError as error:
        return Fetched(Status.ERROR, str(error))  # no server was reached: nothing else to say
    except httpx.TooManyRedirects:
        return Fetched(Status.ERROR, f"more than {settings.max_redirects} redirects")
    except httpx.TimeoutException:
        return Fetched(Status.ERROR, f"timed out after {settings.timeout:g} s")
    except httpx.HTTPError as error:
        return Fetched(Status.ERROR, f"{_failure(error)}: {error}")
    except httpx.InvalidURL as error:
        return Fetched(Status.ERROR, f"invalid address: {error}")


class _TooLargeError(Exception):
    """The body grew past the limit, or its declared length is past it."""


def _read_limited(response: httpx.Response, limit: int, seconds: float) -> bytes:
    """The body, refused as soon as it passes ``limit`` bytes, counted after decoding and before
    they are held (``bounded_body``: one gzip or deflate layer at most, unpacked in small steps),
    or when reading it takes longer than ``seconds`` in all."""
    import httpx

    from toolkit.authoring.bounded_body import BodyError, decoded

    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _TooLargeError(f"too large: {int(declared):,} bytes; the limit is {limit:,}")
    deadline = time.monotonic() + seconds
    body = bytearray()
    try:
        for chunk in decoded(response.iter_raw(), response.headers.get("content-encoding"), limit):
            body += chunk
            if time.monotonic() > deadline:
                raise httpx.ReadTimeout("the body took too long", request=response.request)
    except BodyError as error:
        raise _TooLargeError(str(error)) from None
    return bytes(body)


def _failure(error: httpx.HTTPError) -> str:
    """A short name for what failed, for the report."""
    import httpx

    if isinstance(error, httpx.ConnectError):
        return "cannot connect"
    if isinstance(error, httpx.UnsupportedProtocol):
        return "unsupported address"
    return "request failed"


def _content_type(header: str | None, body: bytes) -> str:
    """The media type the server declared, or HTML when it declared none and the body opens
    like an HTML page."""
    if header:
        return header.split(";", 1)[0].strip().lower()
    opening = body[:512].lstrip().lower()
    if opening.startswith((b"<!doctype html", b"<html")):
        return "text/html"
    return "application/octet-stream"


def _charset(header: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header."""
    for parameter in (header or "").split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"') or None
    return None


def lookup_archive(client: httpx.Client, url: str, settings: Settings) -> Archived:
    """The closest archived copy of ``url`` the availability API knows, when it archived a
    200 answer and its address is one the data may hold."""
    import httpx

    from toolkit.authoring.guarded_transport import fetch_deadline

    try:
        with (
            fetch_deadline(settings.timeout),
            _followed(client, settings.archive_endpoint, settings, {"url": url}) as (response, _),
        ):
            if response.status_code != 200:
                return Archived(None, f"archive lookup failed: HTTP {response.status_code}")
            body = _read_limited(response, ARCHIVE_MAX_BYTES, settings.timeout)
        answer = json.loads(body)
    except (httpx.HTTPError, httpx.InvalidURL, _TooLargeError) as error:
        return Archived(None, f"archive lookup failed: {error or type(error).__name__}")
    except ValueError:
        return Archived(None, "archive lookup failed: the answer is not JSON")
    snapshots = answer.get("archived_snapshots") if isinstance(answer, dict) else None
    closest = snapshots.get("closest") if isinstance(snapshots, dict) else None
    if not isinstance(closest, dict) or closest.get("available") is not True:
        return Archived(None, "no archived copy")
    if str(closest.get("status", "200")) != "200":
        return Archived(None, f"the archived copy is an HTTP {closest.get('status')} answer")
    found = closest.get("url")
    if isinstance(found, str) and found.startswith("http://web.archive.org/"):
        found = "https://" + found.removeprefix("http://")  # the archive serves https too
    if not isinstance(found, str) or not is_web_url(found):
        return Archived(None, "the archive gave an address the data may not hold")
    return Archived(found, "archived copy found")
