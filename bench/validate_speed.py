"""Benchmark: `toolkit validate` against the floor of merely parsing the same files.

Generates N valid records (default 10,000) spread over every collection, then times, in one
run and on the same files:
  * the floor: PyYAML's C loader (CSafeLoader) parsing every file and nothing else;
  * `toolkit validate`'s library call (parse, JSON Schema, models, cross-record rules).
Prints records/second for each and the ratio validate/floor (lower is better).

    python bench/validate_speed.py [--records N] [--repeat R]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from toolkit.validate import validate

SHARES = {
    "sources": 0.15,
    "people": 0.20,
    "organizations": 0.10,
    "events": 0.25,
    "meetings": 0.05,
    "commitments": 0.15,
    "topics": 0.05,
}


def _counts(total: int) -> dict[str, int]:
    counts = {name: max(1, int(total * share)) for name, share in SHARES.items()}
    counts["sources"] += total - sum(counts.values())
    return counts


def _ref(prefix: str, number: int, count: int) -> str:
    return f"{prefix}-{number % count:06d}"


def _record(collection: str, n: int, counts: dict[str, int]) -> str:
    src = _ref("source", n, counts["sources"])
    src2 = _ref("source", n + 1, counts["sources"])
    if collection == "sources":
        return (
            f"id: source-{n:06d}\nkind: news-report\naccount: third-party\n"
            f"publisher: Société des nouvelles {n}\nagency: ANI\n"
            f"url: https://news.example.org/{n}/report\npublished: 2026-02-08\nlanguage: en\n"
        )
    if collection == "organizations":
        return (
            f"id: organization-{n:06d}\nname: Ministry number {n}\nabbreviation: M{n}\n"
            f"country: IN\nkind: ministry\nsources: [{src}]\n"
        )
    if collection == "people":
        org = _ref("organization", n, counts["organizations"])
        return (
            f"id: person-{n:06d}\nname: Person Ñame {n}\naliases:\n  - name: Person Name {n}\n"
            f"    sources: [{src}]\ncountry: CA\npositions:\n  - title: Adviser\n"
            f"    organization: {org}\n    start: 2024-01-27\n    sources: [{src}]\n"
            f"sources: [{src}, {src2}]\n"
        )
    if collection == "topics":
        return (
            f"id: topic-{n:06d}\nname: Topic {n}\ndescription: Cooperation on {n}.\n"
            f"sources: [{src}]\n"
        )
    if collection == "meetings":
        person = _ref("person", n, counts["people"])
        return (
            f"id: meeting-{n:06d}\ntitle: Dialogue round {n}\ndate: 2026-02-07\n"
            f"location:\n  city: Ottawa\n  country: CA\nkind: security-dialogue\n"
            f"participants:\n  - person: {person}\n    role: National Security Adviser\n"
            f"    delegation: IN\nsummary: >-\n  The ministry said the advisers met and agreed on "
            f"a shared work plan ({n}).\nsources: [{src}]\n"
        )
    if collection == "commitments":
        meeting = _ref("meeting", n, counts["meetings"])
        topic = _ref("topic", n, counts["topics"])
        return (
            f"id: commitment-{n:06d}\nmeeting: {meeting}\ntitle: Commitment {n}\n"
            f"description: Each side would establish liaison officers.\nkind: appointment\n"
            f"parties: [IN, CA]\ntopics: [{topic}]\nquotes:\n  - text: each country would act\n"
            f"    source: {src}\nstatus:\n  - status: announced\n    date: 2026-02-07\n"
            f"    sources: [{src}]\n  - status: in-progress\n    date: 2026-03\n"
            f"    note: The spokesperson said work had begun.\n    sources: [{src2}]\n"
            f"sources: [{src}, {src2}]\n"
        )
    person = _ref("person", n, counts["people"])
    return (
        f"id: event-{n:06d}\ntitle: Event {n}\ndate: 2025-06-17\nkind: meeting\n"
        f"description: The leaders met — a long, non-ASCII description ({n}).\n"
        f"countries: [IN, CA]\npeople: [{person}]\nsources: [{src}]\n"
    )


def generate(root: Path, total: int) -> list[Path]:
    """Write ``total`` valid, cross-referenced records under ``root``; returns the files."""
    counts = _counts(total)
    files = []
    singular = {"people": "person", "sources": "source"}
    for collection, count in counts.items():
        folder = root / collection
        folder.mkdir(parents=True)
        prefix = singular.get(collection, collection.rstrip("s"))
        for n in range(count):
            path = folder / f"{prefix}-{n:06d}.yaml"
            path.write_text(_record(collection, n, counts), encoding="utf-8")
            files.append(path)
    return files


def _best_of(repeat: int, action: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    """Generate the records, time both paths, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        files = generate(data, args.records)
        report = validate(data)
        assert report.ok and not report.warnings, report.problems[:5]

        def parse_only() -> None:
            for path in files:
                yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)

        floor = _best_of(args.repeat, parse_only)
        checked = _best_of(args.repeat, lambda: validate(data))
    count = len(files)
    print(f"records: {count:,} (best of {args.repeat})")
    print(f"parse only, PyYAML C loader: {floor:6.2f} s  {count / floor:9,.0f} records/s")
    print(f"toolkit validate:            {checked:6.2f} s  {count / checked:9,.0f} records/s")
    print(f"ratio validate / parse-only: {checked / floor:.2f}")


if __name__ == "__main__":
    main()
