"""Rules beyond one field: record rules run with each file, dataset rules over all of them.

A record rule sees one valid record and yields its problems; it runs in the per-file pass.
A dataset rule sees the facts of every record and the id index. Adding a rule is adding a
function to one of the two lists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from toolkit.checking.rules import (
    chronology,
    citations,
    commitments,
    date_support,
    identity,
    issuers,
    quotes,
    references,
    scores,
    speaker_tags,
    translations,
)
from toolkit.checking.rules.records import CheckedRecord, IdIndex
from toolkit.foundation.problems import Problem

RecordCheck = Callable[[CheckedRecord], Iterator[Problem]]
DatasetCheck = Callable[[list[CheckedRecord], IdIndex], Iterator[Problem]]

RECORD_CHECKS: list[RecordCheck] = [
    citations.check_quote_sources,
    citations.check_statement_sources,
    citations.check_account_governments,
    citations.check_source_reading,
    citations.check_agency_credit,
    speaker_tags.check_speaker_tags,
    citations.check_discrepancy_fields,
    chronology.check_record_dates,
    commitments.check_scored_parties,
    scores.check_score_bases,
    issuers.check_issuer_kind,
    translations.check_translations,
]

CHECKS: list[DatasetCheck] = [
    identity.check_ids,
    references.check_references,
    citations.check_uncited_sources,
    quotes.check_quotes,
    issuers.check_issuer_country,
    chronology.check_rounds_in_order,
    date_support.check_dates_supported,
]

__all__ = ["CHECKS", "RECORD_CHECKS", "CheckedRecord", "IdIndex"]
