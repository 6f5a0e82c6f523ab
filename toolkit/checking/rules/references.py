"""References: every id a record points at exists, in a collection the field allows."""

from __future__ import annotations

from collections.abc import Iterator

from toolkit.checking.rules.records import CheckedRecord, IdIndex
from toolkit.foundation.problems import Problem
from toolkit.foundation.suggestions import Suggester


def check_references(records: list[CheckedRecord], index: IdIndex) -> Iterator[Problem]:
    """Report dangling references, with the closest existing id or the kind it really is."""
    ids = index.ids
    suggesters: dict[tuple[str, ...], Suggester] = {}
    for record in records:
        reported = record.problem_paths
        for reference in record.references:
            allowed = reference.collections
            if any(reference.target in ids[name] for name in allowed):
                continue
            if reported and record.already_reported(reference.path):
                continue
            wanted = " or ".join(allowed)
            elsewhere = index.collections_with(reference.target)
            if elsewhere:
                yield record.problem(
                    "E-REF-KIND",
                    f"'{reference.target}' is in {', '.join(elsewhere)}, not in {wanted}",
                    reference.path,
                    hint=f"refer to a record in {wanted}",
                )
                continue
            if allowed not in suggesters:  # once per kind of reference, not per error
                suggesters[allowed] = Suggester(set().union(*(ids[name] for name in allowed)))
            guess = suggesters[allowed](reference.target)
            yield record.problem(
                "E-REF",
                f"no record '{reference.target}' in {wanted}"
                + (f", did you mean '{guess}'?" if guess else ""),
                reference.path,
                hint=None
                if guess
                else f"add data/{allowed[0]}/{reference.target}.yaml or fix the id",
            )
