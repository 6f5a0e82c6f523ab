"""`toolkit sources check`: are the cited documents still online, and do they still say what the
records copied from them?

Links rot and pages are edited after they are cited, so maintainers with network access check
every source now and then: fetch its ``url``, read the text the page shows (``page_text``, in a
child process held to the deadline), and look for each stored passage in it with the quote rule
(``toolkit.foundation.quoting``), so only typography is forgiven. A source that still says
everything it is cited for gets a fresh ``accessed`` date; one without an archived copy can be
given one from the Wayback Machine.

Fetching is bounded: one deadline for the whole fetch from the first byte (connecting, each
header byte, redirects, the body), at most five redirects, only public addresses
(``destinations``), and a body refused as soon as its decoded bytes pass the size limit, never
after it has been read (``bounded_body``). Only HTML
is parsed; any other document (a PDF, JSON) is reported as such, and its passages as not
checked. Records are found and read as every other command reads them
(``toolkit.reading.discovery``); a rewrite keeps the file's layout and comments (ruamel.yaml
round trip, quotes preserved), changes only ``accessed`` and ``archive_url``, and replaces the
file atomically.

httpx and lxml come with the ``sources`` extra and are imported only here, when a check
runs, so the rest of the toolkit works without them.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import stat
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.error import YAMLError

from toolkit.authoring.destinations import Destinations
from toolkit.authoring.formatting import replace_file, round_trip_yaml
from toolkit.authoring.page_text import extract
from toolkit.foundation.problems import Problem
from toolkit.foundation.quoting import normalise, occurs
from toolkit.foundation.urls import is_web_url
from toolkit.models.sources import Source
from toolkit.reading.discovery import (
    RecordFile,
    UnknownPathError,
    discover,
    display_name,
    read_file,
    select,
    top_level_document,
)
from toolkit.reading.loader import parse_bytes

if TYPE_CHECKING:
    import httpx

WAYBACK_ENDPOINT = "https://archive.org/wayback/available"
"""The Wayback Machine's availability API: the closest archived copy of an address."""
DEFAULT_TIMEOUT = 20.0
"""Seconds allowed for a whole fetch, from the first byte to the last."""
DEFAULT_MAX_BYTES = 5_000_000
"""News pages are a few hundred kilobytes; anything past this is not an article to read."""
MAX_REDIRECTS = 5
ARCHIVE_MAX_BYTES = 1_000_000
"""The availability API answers with a few hundred bytes of JSON."""
DEFAULT_WORKERS = 4
"""Requests in flight at once: the sources are on many different sites, so this stays polite."""
HTML_TYPES = ("text/html", "application/xhtml+xml")
SOURCES = "sources"
INSTALL_HINT = "install it with: pip install -e '.[sources]'"
_FIELD_ORDER = list(Source.model_fields)
"""Where a new key goes in a record: the model's field order, as `toolkit fmt` lays it out."""


class MissingExtraError(RuntimeError):
    """httpx or lxml (the ``sources`` extra) is not installed."""


class Status(StrEnum):
    """What became of a source's address."""

    REACHABLE = "reachable"
    """200 at the same address."""
    MOVED = "moved"
    """Redirected to another address, which answered 200."""
    GONE = "gone"
    """404 or 410: the document was removed."""
    ERROR = "error"
    """A timeout, a body past the limit, a failed connection or any other HTTP status."""


DEFAULT_DESTINATIONS = Destinations()
"""The policy every check starts from; only code (a test) can open it, never a record or an
option of the command."""


@dataclass(frozen=True)
class Settings:
    """How sources are fetched; tests shorten the limits and point the archive elsewhere."""

    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = MAX_REDIRECTS
    archive_endpoint: str = WAYBACK_ENDPOINT
    user_agent: str = "india-canada-security-dialogue source checker"
    workers: int = DEFAULT_WORKERS
    destinations: Destinations = field(default_factory=lambda: DEFAULT_DESTINATIONS)
    """Where requests may go: public addresses only (``toolkit.authoring.destinations``)."""


@dataclass(frozen=True)
class Cited:
    """What the check needs from one source record."""

    file: RecordFile
    url: str
    archive_url: str | None
    has_accessed: bool
    passages: tuple[str, ...]


@dataclass(frozen=True)
class Fetched:
    """The outcome of fetching one address: a status, and the body only when it is 200."""

    status: Status
    detail: str
    http_status: int | None = None
    final_url: str | None = None
    content_type: str | None = None
    body: bytes | None = None
    charset: str | None = None
    """The charset the server declared for the body, if any."""


@dataclass(frozen=True)
class Archived:
    """The outcome of an archive lookup: an address to propose, or why there is none."""

    url: str | None
    detail: str


@dataclass(frozen=True)
class PassageResult:
    """Whether one stored passage still appears in the document; None when it was not
    checked (no text to check it against)."""

    number: int
    """1-based, as maintainers count the passages of a file."""
    text: str
    found: bool | None


@dataclass
class SourceResult:
    """Everything the check found out about one source."""

    file: str
    id: str
    url: str
    status: Status
    detail: str
    http_status: int | None = None
    final_url: str | None = None
    content_type: str | None = None
    passages: list[PassageResult] = field(default_factory=list)
    archive_url: str | None = None
    """The record's own archived copy, if it has one."""
    proposed_archive_url: str | None = None
    archive_detail: str | None = None
    updated: list[str] = field(default_factory=list)
    """The fields written back to the file (with ``write``)."""
    write_error: str | None = None

    @property
    def missing(self) -> list[PassageResult]:
        """Passages checked and not found."""
        return [passage for passage in self.passages if passage.found is False]

    @property
    def verified(self) -> bool:
        """Reachable at its own address, and every stored passage found there."""
        return self.status is Status.REACHABLE and all(p.found for p in self.passages)

    @property
    def ok(self) -> bool:
        """Nothing for a maintainer to do: reachable, no passage missing, nothing failed."""
        return self.status is Status.REACHABLE and not self.missing and self.write_error is None


@dataclass
class CheckRun:
    """One run of the check: a result per source, and the files that could not be read."""

    results: list[SourceResult]
    problems: list[Problem]
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems and all(result.ok for result in self.results)


def check_sources(
    data_dir: Path,
    targets: Sequence[str] = (),
    settings: Settings | None = None,
    *,
    archive: bool = False,
    write: bool = False,
    as_of: dt.date | None = None,
    transport: httpx.BaseTransport | None = None,
) -> CheckRun:
    """Check every source of ``data_dir`` (or those ``targets`` name, by path or id); with
    ``archive``, look up archived copies for sources without one; with ``write``, record the
    findings in the files. Raises ``UnknownPathError`` for a target that names no source and
    ``MissingExtraError`` when the ``sources`` extra is not installed."""
    _require_extra()
    settings = settings or Settings(user_agent=user_agent(data_dir))
    files, problems = select_sources(data_dir, targets)
    cited: list[Cited] = []
    for file in files:
        read = read_source(file)
        if isinstance(read, Problem):
            problems.append(read)
        else:
            cited.append(read)
    wanted = [source for source in cited if archive and source.archive_url is None]
    with _client(settings, transport) as client, ThreadPoolExecutor(settings.workers) as pool:
        fetched = list(pool.map(lambda source: fetch(client, source.url, settings), cited))
        archived = pool.map(lambda source: lookup_archive(client, source.url, settings), wanted)
        found = dict(zip(map(id, wanted), archived, strict=True))
        lookups = [found.get(id(source)) for source in cited]
        outcome = partial(_result, settings=settings)  # pages are read in parallel too
        results = list(pool.map(outcome, cited, fetched, lookups))
    if write:
        day = as_of or dt.date.today()
        for source, result in zip(cited, results, strict=True):
            _write_findings(source, result, day)
    return CheckRun(results, sorted(problems, key=Problem.sort_key), written=write)


def _require_extra() -> None:
    try:
        import httpx  # noqa: F401
        import lxml  # noqa: F401
    except ImportError as error:
        raise MissingExtraError(
            f"checking sources needs the 'sources' extra ({error.name} is missing); {INSTALL_HINT}"
        ) from None


def _client(settings: Settings, transport: httpx.BaseTransport | None) -> httpx.Client:
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


def user_agent(data_dir: Path) -> str:
    """An honest User-Agent: what is asking and why, and where to reach whoever runs it (the
    first maintainer address in ``dataset.yaml``, when there is one)."""
    info = _dataset_info(data_dir)
    name = info.get("name") if isinstance(info.get("name"), str) else None
    maintainers = info.get("maintainers")
    urls = (
        [m.get("url") for m in maintainers if isinstance(m, dict)]
        if isinstance(maintainers, list)
        else []
    )
    contact = next((url for url in urls if isinstance(url, str) and is_web_url(url)), None)
    about = "checks that the sources an open dataset cites are still online"
    reach = f"; +{contact}" if contact else ""
    return f"{name or 'india-canada-security-dialogue'} source checker ({about}{reach})"


def _dataset_info(data_dir: Path) -> dict[str, Any]:
    """The values of ``dataset.yaml``, read the one way files are read; empty when absent or
    unreadable."""
    file, _ = top_level_document(data_dir, "dataset.yaml")
    if file is None:
        return {}
    content = read_file(file.path, file.name)
    if isinstance(content, Problem):
        return {}
    data = parse_bytes(content.raw, file.name, file.path).data
    return data if isinstance(data, dict) else {}


def select_sources(
    data_dir: Path, targets: Sequence[str]
) -> tuple[list[RecordFile], list[Problem]]:
    """The source records ``targets`` name (each an id or a file or folder; all when there are
    none), and the problems discovery found with files among them."""
    found = discover(data_dir)
    sources = {file.name: file for file in found.records if file.collection == SOURCES}
    by_id = {file.stem: file for file in sources.values()}
    folder = display_name(data_dir / SOURCES) + "/"
    problem_names = {p.file for p in found.problems if p.file.startswith(folder)}
    if not targets:
        chosen = set(sources) | problem_names
    else:
        chosen = set()
        for target in targets:
            if target in by_id and not Path(target).exists():
                chosen.add(by_id[target].name)
                continue
            picked = select(found.names(), [Path(target)]) & (set(sources) | problem_names)
            if not picked:
                raise UnknownPathError(f"{target} is not a source id, file or folder")
            chosen |= picked
    files = [sources[name] for name in sorted(chosen) if name in sources]
    return files, [p for p in found.problems if p.file in chosen]


def read_source(file: RecordFile) -> Cited | Problem:
    """The address and passages of one source file, or why they cannot be had."""
    content = read_file(file.path, file.name)
    if isinstance(content, Problem):
        return content
    loaded = parse_bytes(content.raw, file.name, file.path)
    if loaded.problems:
        return loaded.problems[0]
    data = loaded.data if isinstance(loaded.data, dict) else {}
    url = data.get("url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return Problem.at(
            file.name,
            "E-URL",
            "the source has no http(s) url to check",
            path=("url",),
            hint="run `toolkit validate` and fix what it reports",
        )
    archive_url = data.get("archive_url")
    passages = data.get("passages")
    texts = [
        passage["text"]
        for passage in (passages if isinstance(passages, list) else [])
        if isinstance(passage, dict) and isinstance(passage.get("text"), str)
    ]
    return Cited(
        file,
        url,
        archive_url if isinstance(archive_url, str) else None,
        "accessed" in data,
        tuple(texts),
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


def check_passages(passages: Sequence[str], text: str | None) -> list[PassageResult]:
    """Whether each passage appears in ``text``, by the quote rule; not checked (None) when
    there is no text."""
    page = normalise(text) if text is not None else None
    return [
        PassageResult(number, passage, None if page is None else occurs(passage, page))
        for number, passage in enumerate(passages, start=1)
    ]


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


def _result(
    source: Cited, fetched: Fetched, lookup: Archived | None, settings: Settings
) -> SourceResult:
    """One source's result: the fetch, the passages checked against the page's visible text
    (HTML only, read in a child process held to the fetch's deadline), and the archive
    lookup."""
    result = SourceResult(
        source.file.name,
        source.file.stem,
        source.url,
        fetched.status,
        fetched.detail,
        fetched.http_status,
        fetched.final_url,
        fetched.content_type,
        archive_url=source.archive_url,
    )
    if fetched.body is None:
        result.passages = check_passages(source.passages, None)
    elif fetched.content_type not in HTML_TYPES:
        result.detail += f"; not HTML ({fetched.content_type}), so passages were not checked"
        result.passages = check_passages(source.passages, None)
    else:
        page = extract(fetched.body, fetched.charset, settings.timeout)
        if page.text is None:
            result.detail += f"; {page.detail}, so passages were not checked"
        result.passages = check_passages(source.passages, page.text)
    if lookup is not None:
        result.proposed_archive_url, result.archive_detail = lookup.url, lookup.detail
    return result


def _write_findings(source: Cited, result: SourceResult, day: dt.date) -> None:
    """Write ``accessed`` (when the source is verified and has the field) and a proposed
    ``archive_url`` into the file; a failure is noted on the result."""
    changes: dict[str, Any] = {}
    if result.verified and source.has_accessed:
        changes["accessed"] = day
    if result.proposed_archive_url is not None:
        changes["archive_url"] = result.proposed_archive_url
    if not changes:
        return
    error = update_record(source.file, changes)
    if error is None:
        result.updated = sorted(changes, key=_FIELD_ORDER.index)
    else:
        result.write_error = error


def update_record(file: RecordFile, changes: dict[str, Any]) -> str | None:
    """Set top-level fields of one record in place, keeping everything else as written
    (layout, quotes, comments, key order; a new key goes where the model orders it), and
    replace the file atomically. None when done, else why the file was left alone."""
    content = read_file(file.path, file.name)
    if isinstance(content, Problem):
        return content.message
    before = parse_bytes(content.raw, file.name, file.path)
    if before.problems:  # ruamel.yaml must never see what the loader refuses
        return f"the file has errors to fix first ({before.problems[0].code})"
    yaml = round_trip_yaml()
    yaml.preserve_quotes = True
    try:
        document = yaml.load(content.raw.decode("utf-8"))
    except (YAMLError, ValueError, TypeError, RecursionError) as error:
        return f"cannot read the YAML: {error}"
    if not isinstance(document, CommentedMap):
        return "the file is not a mapping"
    for key, value in changes.items():
        _set_in_order(document, key, value)
    output = io.StringIO()
    yaml.dump(document, output)
    text = output.getvalue()
    after = parse_bytes(text.encode("utf-8"), file.name, file.path)
    expected = {**before.data, **{key: str(value) for key, value in changes.items()}}
    if after.problems or after.data != expected:
        return "rewriting would change other values; update it by hand"
    try:
        replace_file(Path(file.path), text, stat.S_IMODE(content.mode))
    except OSError as error:
        return f"cannot write the file: {error.strerror}"
    return None


def _set_in_order(document: CommentedMap, key: str, value: Any) -> None:
    """Replace ``key``'s value where it stands, or insert it after the last key the model
    orders before it."""
    if key in document:
        document[key] = value
        return
    rank = _FIELD_ORDER.index(key)
    earlier = [
        position
        for position, existing in enumerate(document)
        if existing in _FIELD_ORDER and _FIELD_ORDER.index(existing) < rank
    ]
    document.insert(earlier[-1] + 1 if earlier else len(document), key, value)
