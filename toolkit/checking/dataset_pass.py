"""The dataset pass: the rules over all records together, and when their answer still holds.

Its problems are a function of what the dataset rules read of each record (the record's
``fact_digest``), of the dataset's description and change log, and of the options asked. A
digest of all of these is kept with the problems in the result cache; a later run that finds
the same digest, and every file its problems point into unchanged (their lines and columns come
from those files), takes the problems found last time instead of running the rules again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from toolkit.checking.rules import CHECKS, CheckedRecord, IdIndex
from toolkit.checking.rules.commitments import overdue, stale
from toolkit.checking.rules.redirects import check_redirects
from toolkit.checking.rules.scores import check_scorecard
from toolkit.foundation.problems import Problem
from toolkit.models.changelog import Changelog
from toolkit.models.dataset_info import DatasetInfo
from toolkit.models.redirects import Redirects
from toolkit.reading.loader import LoadedFile


def dataset_problems(
    records: list[CheckedRecord],
    info: DatasetInfo | None,
    changelog: Changelog | None,
    as_of: str | None,
    stale_after: int,
    redirects: tuple[Redirects, LoadedFile] | None = None,
) -> list[Problem]:
    """Every dataset rule's problems over the records (and the retired ids, when the data
    folder has ``redirects.yaml``)."""
    index = IdIndex(records)
    problems: list[Problem] = []
    for check in CHECKS:
        problems.extend(check(records, index))
    if as_of is not None:
        problems.extend(overdue(records, as_of))
        problems.extend(stale(records, as_of, stale_after))
    problems.extend(check_scorecard(records, info, changelog))
    if redirects is not None:
        problems.extend(check_redirects(*redirects, records))
    return problems


def fingerprint(
    digests: Iterable[str], documents: Iterable[str], as_of: str | None, stale_after: int
) -> str:
    """A digest of everything the dataset pass reads: each record's fact digest in order
    (``CheckedRecord.digest``), the top-level documents (``documents``: their names and content
    digests) and the options."""
    digest = hashlib.blake2b(repr((tuple(documents), as_of, stale_after)).encode())
    for record_digest in digests:
        digest.update(record_digest.encode())
    return digest.hexdigest()
