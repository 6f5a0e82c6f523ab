"""References: every id a record points at exists, in a collection the field allows."""

from __future__ import annotations

from collections.abc import Iterator

from toolkit.checking.rules.records import CheckedRecord, IdIndex
from toolkit.foundation.problems import Problem
from toolkit.foundation.suggestions import Suggester
from toolkit.reading.references import Reference


def check_references(records: list[CheckedRecord], index: IdIndex) -> Iterator[Problem]:
    """Report dangling references, with the closest existing id or the kind it really is. The
    ids with no record are gathered first, so the suggestions for all of them are worked out
    together, once per distinct id and kind of reference."""
    ids = index.ids
    dangling: list[tuple[CheckedRecord, Reference, list[str]]] = []
    missing: dict[tuple[str, ...], set[str]] = {}
    for record in records:
        reported = record.problem_paths
        for reference in record.references:
            allowed = reference.collections
            if any(reference.target in ids[name] for name in allowed):
                continue
            if reported and record.already_reported(reference.path):
                continue
            elsewhere = index.collections_with(reference.target)
            dangling.append((record, reference, elsewhere))
            if not elsewhere:
                missing.setdefault(allowed, set()).add(reference.target)
    suggesters: dict[tuple[str, ...], Suggester] = {}
    for allowed, targets in missing.items():
        suggesters[allowed] = Suggester(set().union(*(ids[name] for name in allowed)))
        suggesters[allowed].prepare(targets)
    for record, reference, elsewhere in dangling:
        yield _dangling(record, reference, elsewhere, suggesters)


def _dangling(
    record: CheckedRecord,
    reference: Reference,
    elsewhere: list[str],
    suggesters: dict[tuple[str, ...], Suggester],
) -> Problem:
    allowed = reference.collections
    wanted = " or ".join(allowed)
    if elsewhere:
        return record.problem(
            "E-REF-KIND",
            f"'{reference.target}' is in {', '.join(elsewhere)}, not in {wanted}",
            reference.path,
            hint=f"refer to a record in {wanted}",
        )
    guess = suggesters[allowed](reference.target)
    return record.problem(
        "E-REF",
        f"no record '{reference.target}' in {wanted}"
        + (f", did you mean '{guess}'?" if guess else ""),
        reference.path,
        hint=None if guess else f"add data/{allowed[0]}/{reference.target}.yaml or fix the id",
    )
