"""What the source check works with and finds: its settings and limits, each source's fetch,
archive lookup and passages, and the run's result. Plain data, no network: the report and the
command line read these without importing httpx."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from toolkit.authoring.destinations import Destinations
from toolkit.foundation.problems import Problem
from toolkit.reading.discovery import RecordFile

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
INSTALL_HINT = "install it with: pip install -e '.[sources]'"


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
