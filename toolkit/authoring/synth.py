"""`toolkit synth`: a realistic synthetic data folder for benchmarks and scale tests.

Every collection in proportions like the real data's at scale, valid references in every
direction, citations that cover every source, assessment histories in date order, and long,
non-ASCII text. The output is deterministic for a given size and seed.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path

from toolkit.models import SINGULAR

_EPOCH = dt.date(2000, 1, 1)
_ROUNDS_PER_ERA = 20_000
"""Rounds after which dates start again from ``_EPOCH`` (and a new series of meetings), so every
date stays within the years a record may name."""
STATUSES = ["announced", "in-progress", "stalled", "in-progress", "fulfilled"]
SCORES = ["too-early", "partial", "none", "partial", "full"]
BASES = ["too-early", "evidence", "contrary", "evidence", "evidence"]
"""The basis each score rests on: a reported step, or one against the commitment."""
WORDS = [
    "सुरक्षा", "सहयोग", "dialogue", "sécurité", "liaison", "officers", "enforcement", "कानून",
    "fentanyl", "précurseurs", "cyber", "information", "partage", "réseau", "criminalité",
    "transnationale", "immigration", "fraude", "work", "plan",
]  # fmt: skip
DATASET_YAML = """\
name: synthetic-dialogue
title: Synthetic dialogue
description: Generated records for benchmarks and scale tests.
version: 0.0.1
licence:
  id: CC-BY-4.0
  title: Creative Commons Attribution 4.0 International
  url: https://creativecommons.org/licenses/by/4.0/
maintainers:
  - name: Benchmark
"""


def counts_for(total: int) -> dict[str, int]:
    """How many records each collection gets, summing to ``total`` (at least one each)."""
    counts = {name: max(1, int(total * share)) for name, (share, _) in WRITERS.items()}
    counts["sources"] += max(0, total - sum(counts.values()))
    return counts


class _Writer:
    """Writes one collection's records; ids are ``<prefix>-<number>``."""

    def __init__(self, counts: dict[str, int], seed: int) -> None:
        self.counts = counts
        self.random = random.Random(seed)
        self.cited = 0

    def ref(self, collection: str, number: int) -> str:
        return f"{SINGULAR[collection]}-{number % self.counts[collection]:07d}"

    def next_sources(self, how_many: int) -> list[str]:
        """Sources in turn, so that every source is cited by someone."""
        chosen = [self.ref("sources", self.cited + k) for k in range(how_many)]
        self.cited += how_many
        return chosen

    def dated_sources(self, number: int, how_many: int) -> list[str]:
        """Sources in turn, after the one published on ``date(number)``: a record dated to the
        day cites a page of that day, as W-DATE-PRECISION asks (there are more sources than
        meetings or events, so source ``number`` is that page)."""
        return list(dict.fromkeys([self.ref("sources", number), *self.next_sources(how_many)]))

    def text(self, words: int) -> str:
        return " ".join(self.random.choice(WORDS) for _ in range(words)).capitalize() + "."

    def quote(self, source: str) -> str:
        """Words from the middle of a source's passage, so the quote rule finds them."""
        return " ".join(_passage(int(source.rsplit("-", 1)[1])).split()[4:24])

    def date(self, number: int, offset_days: int = 0) -> str:
        """A date that grows with ``number`` (rounds stay in order) and with the offset."""
        days = number % _ROUNDS_PER_ERA * 3 + offset_days
        return (_EPOCH + dt.timedelta(days=days)).isoformat()


def _passage(n: int) -> str:
    """Source ``n``'s passage: the same words whoever asks, so quotes can be drawn from it."""
    chooser = random.Random(n)
    return " ".join(chooser.choice(WORDS) for _ in range(40)).capitalize() + "."


def _source(w: _Writer, n: int) -> str:
    return (
        f"kind: news-report\naccount: third-party\npublisher: Agence {n % 97} — Nouvelles\n"
        f"agency: ANI\ntitle: {w.text(8)}\nurl: https://news.example.org/{n}/report-%C3%A9\n"
        f"published: {w.date(n)}\naccessed: 2026-11-25\nlanguage: en\n"
        f"passages:\n  - text: >-\n      {_passage(n)}\n"
    )


def _organization(w: _Writer, n: int) -> str:
    country = "IN" if n % 2 else "CA"
    parent = f"parent: {w.ref('organizations', n - 1)}\n" if n % 5 else ""
    sources = ", ".join(w.next_sources(1))
    return (
        f"name: Ministry {n} — मंत्रालय\ncountry: {country}\nkind: ministry\n{parent}"
        f"sources: [{sources}]\n"
    )


def _person(w: _Writer, n: int) -> str:
    cited = w.next_sources(2)
    return (
        f"name: Person Ñame {n}\naliases:\n  - name: Person Name {n}\n    sources: [{cited[0]}]\n"
        f"country: CA\n{_statements(w, 40, cited[:1])}positions:\n  - title: Adviser\n"
        f"    organization: {w.ref('organizations', n)}\n    start: {w.date(n)}\n"
        f"    sources: [{cited[1]}]\nsources: [{', '.join(cited)}]\n"
    )


def _topic(w: _Writer, n: int) -> str:
    parent = f"parent: {w.ref('topics', n - 1)}\n" if n % 4 else ""
    sources = ", ".join(w.next_sources(1))
    statements = _statements(w, 12, [sources])
    return f"name: Topic {n}\n{statements}{parent}sources: [{sources}]\n"


def _meeting(w: _Writer, n: int) -> str:
    cited = w.dated_sources(n, 2)
    previous = f"previous: {w.ref('meetings', n - 1)}\n" if n % _ROUNDS_PER_ERA else ""
    return (
        f"title: Dialogue round {n}\ndate: {w.date(n)}\nlocation:\n  city: Ottawa\n  country: CA\n"
        f"kind: security-dialogue\nseries: synthetic-dialogue\n{previous}participants:\n"
        f"  - person: {w.ref('people', n)}\n    role: National Security Adviser\n"
        f"    delegation: IN\n"
        f"  - person: {w.ref('people', n + 1)}\n    role: Conseillère\n    delegation: CA\n"
        f"{_statements(w, 80, cited)}quotes:\n  - text: {w.quote(cited[0])}\n"
        f"    source: {cited[0]}\nsources: [{', '.join(cited)}]\n"
    )


def _commitment(w: _Writer, n: int) -> str:
    cited = w.next_sources(2)
    history = "".join(
        f"  - date: {w.date(n, 40 * k)}\n    status: {STATUSES[k]}\n"
        f"    summary: {w.text(15)}\n    scores:\n"
        + "".join(
            f"      - party: {party}\n        score: {SCORES[k]}\n        basis: {BASES[k]}\n"
            f"        note: {w.text(10)}\n"
            + (f"        sources: [{cited[k % 2]}]\n" if BASES[k] != "too-early" else "")
            for party in ("IN", "CA")
        )
        + f"    sources: [{cited[k % 2]}]\n"
        for k in range(1 + n % 4)
    )
    deadline = (
        f"deadline:\n  date: {w.date(n, 200)}\n  sources: [{cited[1]}]\n" if n % 3 == 0 else ""
    )
    qualifies = "".join(
        f"  {part}: {w.text(8)}\n"
        for part in ("discrete", "specific", "public", "agreed", "future")
    )
    guideline = "guideline:\n" + "".join(
        f"  {level}: {w.text(8)}\n" for level in ("full", "partial", "none", "reaffirmation")
    )
    discrepancy = (
        f"discrepancies:\n  - kind: conflict\n    field: title\n    noted: 2026-11-25\n"
        f"    note: {w.text(20)}\n    claims:\n      - value: {w.text(4)}\n"
        f"        sources: [{cited[0]}]\n"
        f"      - value: {w.text(4)}\n        sources: [{cited[1]}]\n"
        if n % 10 == 0
        else ""
    )
    return (
        f"meeting: {w.ref('meetings', n)}\ntitle: Commitment {n} — {w.text(6)}\n"
        f"{_statements(w, 60, cited)}kind: appointment\nparties: [IN, CA]\n"
        f"topics: [{w.ref('topics', n)}, {w.ref('topics', n + 3)}]\n"
        f"qualifies:\n{qualifies}{guideline}{deadline}quotes:\n"
        f"  - text: {w.quote(cited[0])}\n    source: {cited[0]}\nassessments:\n{history}"
        f"sources: [{', '.join(cited)}]\n{discrepancy}"
    )


def _event(w: _Writer, n: int) -> str:
    cited = w.dated_sources(n, 2)
    return (
        f"title: Event {n} — {w.text(5)}\ndate: {w.date(n)}\nkind: statement\n"
        f"{_statements(w, 50, cited)}countries: [IN, CA]\npeople: [{w.ref('people', n)}]\n"
        f"meetings: [{w.ref('meetings', n)}]\nsources: [{', '.join(cited)}]\n"
    )


def _statements(w: _Writer, words: int, cited: list[str]) -> str:
    """Statements of about ``words`` words in all, each citing one of ``cited`` in turn."""
    parts = max(1, words // 20)
    return "statements:\n" + "".join(
        f"  - text: >-\n      {w.text(words // parts)}\n    sources: [{cited[k % len(cited)]}]\n"
        for k in range(parts)
    )


WRITERS: dict[str, tuple[float, Callable[[_Writer, int], str]]] = {
    "organizations": (0.06, _organization),
    "people": (0.10, _person),
    "topics": (0.03, _topic),
    "meetings": (0.08, _meeting),
    "commitments": (0.18, _commitment),
    "events": (0.20, _event),
    "sources": (0.35, _source),
}
"""Each collection's share of a synthetic dataset (many sources, few topics) and how one of its
records is written; written in this order, sources last, so every earlier record cites some."""


def synthesize(out: Path, records: int, seed: int = 0) -> Path:
    """Write ``out/data`` with ``records`` valid records and a dataset.yaml; returns the folder."""
    data = out / "data"
    counts = counts_for(records)
    writer = _Writer(counts, seed)
    data.mkdir(parents=True, exist_ok=True)
    (data / "dataset.yaml").write_text(DATASET_YAML, encoding="utf-8")
    for collection, (_, render) in WRITERS.items():
        folder = data / collection
        folder.mkdir(exist_ok=True)
        for n in range(counts[collection]):
            record_id = f"{SINGULAR[collection]}-{n:07d}"
            text = f"id: {record_id}\n" + render(writer, n)
            (folder / f"{record_id}.yaml").write_text(text, encoding="utf-8")
    return data
