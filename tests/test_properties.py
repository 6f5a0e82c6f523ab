"""Property-based tests (Hypothesis): random valid records validate and survive every export
unchanged; random damage to a record never crashes the validator; random text never reaches
a page unescaped."""

from __future__ import annotations

import csv
import html
import json
import shutil
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schema_strategies import from_schema

from case_runner import BASE
from toolkit.checking.report import Report
from toolkit.checking.validate import check_data, validate
from toolkit.foundation.dates import parse_partial_date
from toolkit.foundation.problems import Problem
from toolkit.foundation.urls import url_refusal
from toolkit.models import COLLECTIONS
from toolkit.models.fields import DATE_PATTERN, URL_PATTERN
from toolkit.publishing.build import build
from toolkit.publishing.dataset import Dataset
from toolkit.publishing.site.generate import generate_pages
from toolkit.publishing.tables import collection_tables, table_rows
from toolkit.reading.record_form import record_form
from toolkit.reading.schema_export import collection_schema, resolve_ref

BASE_IDS = {name: sorted(p.stem for p in (BASE / name).glob("*.yaml")) for name in COLLECTIONS}
NEW_ID = "generated-record"
PROPERTY_SETTINGS = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _repair(value: Any, root: dict[str, Any], schema: dict[str, Any]) -> Any:
    """Make a schema-valid value dataset-valid: references to existing ids, real dates, web
    addresses written as browsers read them (the schema's patterns are the coarse first check)."""
    schema = resolve_ref(root, schema)
    if isinstance(value, dict):
        props = schema.get("properties", {})
        return {k: _repair(v, root, props.get(k, {})) for k, v in value.items()}
    if isinstance(value, list):
        return [_repair(item, root, schema.get("items", {})) for item in value]
    if isinstance(value, str) and "x-references" in schema:
        target = schema["x-references"][0]
        return BASE_IDS[target][len(value) % len(BASE_IDS[target])]
    if isinstance(value, str) and schema.get("pattern") == DATE_PATTERN:
        try:
            parse_partial_date(value)
        except ValueError:
            return "2026-01-01"
    if isinstance(value, str) and schema.get("pattern") == URL_PATTERN and url_refusal(value):
        return "https://news.example.org/generated"
    if isinstance(value, str):  # words in double quotes are quotes, checked against passages
        return value.translate(NO_QUOTE_MARKS)
    return value


NO_QUOTE_MARKS = str.maketrans(dict.fromkeys('"“”«»„', "'"))
"""Every mark that opens or closes a quote (``toolkit.foundation.quoting``), made an apostrophe."""
QUOTABLE = {
    "daily-news-2026-02-08": "each country would establish liaison officers",
    "ministry-readout-2026-02-07": "The two sides met.",
}
"""Words each base source's passages hold (both credit the example ministry)."""


def _scored_once(scores: list[dict[str, Any]], parties: list[str]) -> list[dict[str, Any]]:
    """Scores for the commitment's parties only, one each."""
    kept = {score["party"]: score for score in scores if score["party"] in parties}
    return list(kept.values())


def _coherent(collection: str, record: dict[str, Any]) -> dict[str, Any]:
    """Satisfy the cross-record rules a schema cannot state: order of dates, quote sources."""
    record = {**record, "id": NEW_ID}
    for key in ("end", "previous"):
        record.pop(key, None)
    # a translation names a field of this record and the digest of its English: the
    # translation rule has its own case (tests/cases/translations)
    record.pop("translations", None)
    if "discrepancies" in record:
        record["discrepancies"] = [
            {k: v for k, v in note.items() if k != "field"} for note in record["discrepancies"]
        ]
    if collection == "commitments":
        record["assessments"] = [
            {**entry, "scores": _coherent_scores(entry, record["parties"])}
            for entry in sorted(record["assessments"], key=lambda entry: entry["date"])
        ]
        if any(entry["scores"] for entry in record["assessments"]):
            record.setdefault("guideline", dict.fromkeys(GUIDELINE_LEVELS, "Generated."))
    if collection == "sources" and "issued_by" in record:
        # a government's own document, issued by one of that government's bodies
        record.update(
            kind="official-readout", account="indian-government", issued_by="example-ministry"
        )
    if collection == "people":
        record["positions"] = [  # no end, and an announced office has no start (E-ANNOUNCED)
            {
                k: v
                for k, v in p.items()
                if k != "end" and (k, p.get("status")) != ("start", "announced")
            }
            for p in record.get("positions", [])
        ]
        record["positions"].sort(key=lambda p: p.get("start", ""))
    if "quotes" in record and record.get("sources"):
        source = record["sources"][0]
        record["quotes"] = [
            {**quote, "source": source, "text": QUOTABLE[source]}
            | ({"attributed_to": "example-ministry"} if "attributed_to" in quote else {})
            for quote in record["quotes"]
        ]
    if "statements" in record:
        record["statements"] = [
            {**statement, "sources": record["sources"][:1]} for statement in record["statements"]
        ]
    parties = [p["delegation"] for p in record.get("participants", [])] or record.get("countries")
    record["accounts"] = [
        {
            **account,
            "government": parties[0],
            "statements": [{**s, "sources": record["sources"][:1]} for s in account["statements"]],
        }
        for account in record.get("accounts", [])
    ]
    if not record["accounts"]:
        record.pop("accounts")
    for note in record.get("discrepancies", []):
        for claim in note["claims"]:
            if "quote" in claim:
                claim["quote"] = QUOTABLE[claim["sources"][0]]
    if collection == "sources":
        if "title" in record:
            record.pop("title_unseen", None)
        elif "title_unseen" not in record:
            record["title"] = "Generated"
        if "title" in record or record.get("passages"):
            record.setdefault("accessed", "2026-11-25")
    if record.get("parent") == NEW_ID:
        record.pop("parent")
    return record


GUIDELINE_LEVELS = ("full", "partial", "none", "reaffirmation")


def _coherent_scores(entry: dict[str, Any], parties: list[str]) -> list[dict[str, Any]]:
    """Each party scored once, on a basis its score and sources agree with: -1 on a reported
    action against the commitment, citing the assessment's first source (every basis rule and
    the waiting period hold, whatever the dates drawn)."""
    return [
        {
            "party": score["party"],
            "score": "none",
            "basis": "contrary",
            "note": score["note"],
            "sources": entry["sources"][:1],
        }
        for score in _scored_once(entry.get("scores", []), parties)
    ]


@st.composite
def valid_records(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    collection = draw(st.sampled_from(sorted(COLLECTIONS)))
    root = collection_schema(collection)
    raw = draw(from_schema(root))
    return collection, _coherent(collection, _repair(raw, root, root))


def _write(data: Path, collection: str, record: dict[str, Any]) -> None:
    text = yaml.safe_dump(record, allow_unicode=False, sort_keys=False, width=1000)
    (data / collection / f"{NEW_ID}.yaml").write_text(text, encoding="utf-8")


@PROPERTY_SETTINGS
@given(case=valid_records())
def test_random_valid_records_validate_and_round_trip(
    tmp_path: Path, case: tuple[str, dict[str, Any]]
) -> None:
    collection, record = case
    root = Path(tempfile.mkdtemp(dir=tmp_path))  # Hypothesis may replay an example
    shutil.copytree(BASE, root / "data")
    _write(root / "data", collection, record)
    checked = build(root / "data", root / "dist")
    assert checked.report.ok, [p.as_dict() for p in checked.report.errors]
    model = COLLECTIONS[collection].model_validate(record)
    expected = model.model_dump(mode="json", exclude_none=True)
    dist = root / "dist"
    document = json.loads((dist / "dataset.json").read_text(encoding="utf-8"))
    published = next(r for r in document["collections"][collection] if r["id"] == NEW_ID)
    lines = (dist / f"{collection}.jsonl").read_text(encoding="utf-8").splitlines()
    assert published in [json.loads(line) for line in lines]
    assert record_form(collection, published) == expected  # the words as {en}, read back
    main = collection_tables(collection)[0]
    [row] = [r for r in table_rows(main, [expected])]
    as_text = ["" if cell is None else str(cell) for cell in row]
    with (dist / "csv" / f"{collection}.csv").open(encoding="utf-8", newline="") as handle:
        # A text cell that could start a formula carries one apostrophe more (README).
        decoded = [[c[1:] if c.startswith("'") else c for c in line] for line in csv.reader(handle)]
        assert as_text in decoded
    with closing(sqlite3.connect(dist / "dataset.sqlite")) as db:
        stored = db.execute(f'SELECT * FROM "{collection}" WHERE id = ?', (NEW_ID,)).fetchone()
    assert list(stored) == row


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    victim=st.sampled_from(sorted(str(p.relative_to(BASE)) for p in BASE.glob("*/*.yaml"))),
    cut=st.integers(min_value=0, max_value=2000),
    length=st.integers(min_value=0, max_value=40),
    insert=st.binary(max_size=40),
)
def test_damaged_records_never_crash_the_validator(
    tmp_path_factory: Any, victim: str, cut: int, length: int, insert: bytes
) -> None:
    data = tmp_path_factory.mktemp("damaged") / "data"
    shutil.copytree(BASE, data)
    target = data / victim
    original = target.read_bytes()
    cut = min(cut, len(original))
    target.write_bytes(original[:cut] + insert + original[cut + length :])
    report = validate(data)
    assert isinstance(report, Report)
    assert all(isinstance(p, Problem) and p.file and p.code for p in report.problems)


FREE_TEXT = st.text(alphabet=st.sampled_from("<>&\"'/ab =()[]{}`*_#\\:;!"), min_size=1, max_size=60)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=FREE_TEXT, summary=FREE_TEXT, quote=FREE_TEXT, role=FREE_TEXT)
def test_random_text_never_reaches_a_page_unescaped(
    tmp_path_factory: Any, title: str, summary: str, quote: str, role: str
) -> None:
    # Brackets that mean nothing to HTML or Markdown mark where each value lands on the page.
    title, summary, quote, role = (f"⟦{text}⟧" for text in (title, summary, quote, role))
    dataset = Dataset.from_checked(check_data(BASE, keep_records=True))
    meeting = dataset.records["meetings"][0]
    participants = [p.model_copy(update={"role": role}) for p in meeting.participants]  # type: ignore[attr-defined]
    quotes = [q.model_copy(update={"text": quote}) for q in meeting.quotes]  # type: ignore[attr-defined]
    statements = [meeting.statements[0].model_copy(update={"text": summary})]  # type: ignore[attr-defined]
    dataset.records["meetings"][0] = meeting.model_copy(
        update={
            "title": title,
            "statements": statements,
            "participants": participants,
            "quotes": quotes,
        }
    )
    dist = tmp_path_factory.mktemp("dist")
    (dist / "SHA256SUMS").write_text("")
    pages = dict(generate_pages(dataset, dist))
    content = pages["meetings/2026-02-07-dialogue.md"]
    for text in (title, summary, quote, role):
        if any(mark in text for mark in '<>&"'):
            assert text not in content  # never verbatim where it could be markup
    for text in (summary, quote, role):
        assert html.escape(text) in content  # shown, as text, in the page body
