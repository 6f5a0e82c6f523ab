"""Pass 3: rules over the whole dataset, each module one family of rules.

Every check takes the checked records and the id index and yields problems; adding a rule is
adding a function to ``CHECKS``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from toolkit.checks import chronology, citations, identity, references
from toolkit.checks.records import CheckedRecord, IdIndex
from toolkit.problems import Problem

Check = Callable[[list[CheckedRecord], IdIndex], Iterator[Problem]]

CHECKS: list[Check] = [
    identity.check_ids,
    references.check_references,
    citations.check_quote_sources,
    citations.check_uncited_sources,
    chronology.check_chronology,
    citations.check_discrepancy_fields,
]

__all__ = ["CHECKS", "CheckedRecord", "IdIndex"]
