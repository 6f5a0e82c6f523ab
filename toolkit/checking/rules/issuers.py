"""Whose own document a source is: ``issued_by`` makes a source's words its issuer's, so it must
agree with the fields it is checked against: the kind of document, whose account it gives, and
the issuer's own country."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from toolkit.checking.rules.records import CheckedRecord, IdIndex
from toolkit.foundation.problems import Problem
from toolkit.models import Record
from toolkit.models.organizations import Organization
from toolkit.models.people import Person
from toolkit.models.sources import Account, Source, SourceKind

REPORTS = frozenset({SourceKind.NEWS_REPORT, SourceKind.REFERENCE_WORK})
"""Kinds of document that report what others said: never the speaker's own document."""
GOVERNMENT_OF = {str(Account.INDIAN_GOVERNMENT): "IN", str(Account.CANADIAN_GOVERNMENT): "CA"}
"""The country whose government gives each government account."""


def issuer_facts(model: Record) -> dict[str, Any]:
    """A source's issuer and account, and a person's or organisation's country, for the check
    across records."""
    if isinstance(model, Source) and model.issued_by is not None:
        return {"issued_by": model.issued_by, "account": str(model.account)}
    if isinstance(model, Person | Organization):
        return {"country": model.country}
    return {}


def check_issuer_kind(record: CheckedRecord) -> Iterator[Problem]:
    """A report by a third party, or a news report or reference work, is nobody's own document."""
    model: Any = record.model
    if record.collection != "sources" or model.issued_by is None:
        return
    if model.kind in REPORTS or model.account == Account.THIRD_PARTY:
        what = (
            f"a {model.kind.label.lower()}" if model.kind in REPORTS else "a third party's account"
        )
        yield record.problem(
            "E-SOURCE-ISSUER",
            f"issued_by makes this source the own document of '{model.issued_by}', but it is "
            f"{what}",
            ("issued_by",),
            hint="remove issued_by and list the speaker under the `speakers` of the passage "
            "that credits them; keep issued_by for a government's own readout, statement, "
            "release or post",
        )


def check_issuer_country(records: list[CheckedRecord], index: IdIndex) -> Iterator[Problem]:
    """The issuer of a government's own document belongs to that government's country."""
    countries = {r.indexed_id: r.fact("country") for r in records if r.fact("country")}
    for record in records:
        issuer, account = record.fact("issued_by"), record.fact("account")
        expected = GOVERNMENT_OF.get(account) if account else None
        found = countries.get(issuer) if issuer else None
        if expected is None or found is None or found == expected:
            continue
        yield record.problem(
            "E-SOURCE-ISSUER",
            f"the source gives the {account.replace('-', ' ')} account, but its issuer "
            f"'{issuer}' belongs to {found}",
            ("issued_by",),
            hint="name an issuer of that government, or correct the account",
        )
