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
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toolkit.authoring.fetching import fetch, guarded_client, lookup_archive
from toolkit.authoring.page_text import extract
from toolkit.authoring.source_outcomes import (
    DEFAULT_MAX_BYTES,
    DEFAULT_TIMEOUT,
    HTML_TYPES,
    INSTALL_HINT,
    WAYBACK_ENDPOINT,
    Archived,
    CheckRun,
    Cited,
    Fetched,
    MissingExtraError,
    PassageResult,
    Settings,
    SourceResult,
    Status,
)
from toolkit.authoring.source_records import read_source, select_sources, write_findings
from toolkit.foundation.problems import Problem
from toolkit.foundation.quoting import normalise, occurs
from toolkit.foundation.urls import is_web_url
from toolkit.reading.discovery import read_file, top_level_document
from toolkit.reading.loader import parse_bytes

if TYPE_CHECKING:
    import httpx

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_TIMEOUT",
    "WAYBACK_ENDPOINT",
    "CheckRun",
    "MissingExtraError",
    "PassageResult",
    "Settings",
    "SourceResult",
    "Status",
    "check_passages",
    "check_sources",
    "fetch",
    "lookup_archive",
    "read_source",
    "select_sources",
    "user_agent",
]


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
    with (
        guarded_client(settings, transport) as client,
        ThreadPoolExecutor(settings.workers) as pool,
    ):
        fetched = list(pool.map(lambda source: fetch(client, source.url, settings), cited))
        archived = pool.map(lambda source: lookup_archive(client, source.url, settings), wanted)
        found = dict(zip(map(id, wanted), archived, strict=True))
        lookups = [found.get(id(source)) for source in cited]
        outcome = partial(_result, settings=settings)  # pages are read in parallel too
        results = list(pool.map(outcome, cited, fetched, lookups))
    if write:
        day = as_of or dt.date.today()
        for source, result in zip(cited, results, strict=True):
            write_findings(source, result, day)
    return CheckRun(results, sorted(problems, key=Problem.sort_key), written=write)


def _require_extra() -> None:
    try:
        import httpx  # noqa: F401
        import lxml  # noqa: F401
    except ImportError as error:
        raise MissingExtraError(
            f"checking sources needs the 'sources' extra ({error.name} is missing); {INSTALL_HINT}"
        ) from None


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


def check_passages(passages: Sequence[str], text: str | None) -> list[PassageResult]:
    """Whether each passage appears in ``text``, by the quote rule; not checked (None) when
    there is no text."""
    page = normalise(text) if text is not None else None
    return [
        PassageResult(number, passage, None if page is None else occurs(passage, page))
        for number, passage in enumerate(passages, start=1)
    ]


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
