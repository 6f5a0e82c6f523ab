"""Tidy tables derived from the record schemas, for CSV, SQLite and the data package.

Each collection gives one table of its scalar fields (nested objects flattened as
``location_city``), and each list gives a child table keyed by its parent's key plus the item's
index (``people_positions``: ``person_id``, ``positions_index``, ...), so nothing is crammed into
one cell and nothing is lost. Lists inside list items give grandchild tables the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache, partial
from typing import Any

from toolkit.foundation.dates import earliest, latest, parse_partial_date
from toolkit.models import COLLECTIONS, SINGULAR
from toolkit.models.commitment_terms import CommitmentStatus
from toolkit.models.commitments import status_of
from toolkit.models.fields import DATE_PATTERN, TEXT_MAX_LENGTH
from toolkit.publishing.bilingual import FRENCH_SUFFIX, SOURCE_SUFFIX, STATUS_SUFFIX
from toolkit.reading.schema_export import collection_schema, resolve_ref

Row = list[str | int | None]


@dataclass(frozen=True)
class Column:
    """One column: its name, type, meaning and constraints."""

    name: str
    description: str
    type: str = "string"
    required: bool = False
    enum: tuple[str, ...] = ()
    pattern: str | None = None
    references: str | None = None
    """The collection whose ``id`` this column holds, when it is a reference."""
    source: tuple[str, ...] = ()
    """Where the value sits inside a list item (empty for the item itself)."""
    prose: bool = False
    """Free text worth searching (descriptions, summaries, notes, quotes)."""
    derive: Callable[[Any], Any] | None = field(default=None, compare=False, repr=False)
    """For a column the records do not hold: its value from the row's record or list item."""

    @property
    def is_date(self) -> bool:
        """Whether the column holds partial dates."""
        return self.pattern == DATE_PATTERN


@dataclass(frozen=True)
class Table:
    """A table: its columns, keys, and where its rows sit in a record."""

    name: str
    collection: str
    description: str
    columns: list[Column]
    primary_key: list[str]
    path: tuple[tuple[str, ...], ...] = ()
    """For child tables, the chain of lists from the record down to this table's items."""
    parent: Table | None = field(default=None, repr=False)

    @property
    def parent_columns(self) -> list[str]:
        """This table's columns that hold its parent row's primary key (all but its own index)."""
        return self.primary_key[:-1] if self.parent else []


@cache
def collection_tables(collection: str) -> tuple[Table, ...]:
    """The collection's main table, then its child tables, in schema order."""
    root = collection_schema(collection)
    id_column = Column("id", "The record's id.", required=True)
    columns, children = _flatten(root, root, ())
    main = Table(
        collection,
        collection,
        str(root.get("description", "")),
        [
            id_column,
            *with_date_parts(c for c in columns if c.name != "id"),
            *DERIVED.get(collection, ()),
        ],
        ["id"],
    )
    tables = [main]
    key = Column(
        f"{SINGULAR[collection]}_id",
        f"The {SINGULAR[collection]} this row belongs to.",
        required=True,
        references=collection,
    )
    for prefix, name, schema in children:
        tables.extend(_child_tables(root, main, [key], ((*prefix, name),), name, schema))
    return tuple(tables)


CURRENT_STATUS = Column(
    "current_status",
    "The commitment's status now: that of its newest assessment (derived from "
    "`commitments_assessments`, not written in the record).",
    required=True,
    enum=tuple(str(status) for status in CommitmentStatus),
    derive=status_of,
)
DERIVED: dict[str, tuple[Column, ...]] = {"commitments": (CURRENT_STATUS,)}
"""Columns computed for a collection's main table, so a reader needs no query to get them."""

PRECISIONS = ("year", "month", "day")


def with_date_parts(columns: Iterator[Column] | list[Column]) -> list[Column]:
    """The columns, each partial date followed by its precision and the first and last day it
    can mean: typed full dates, so no reader fills in a day the sources did not give, and the
    column types do not change with the data."""
    found: list[Column] = []
    for column in columns:
        found.append(column)
        if not column.is_date:
            continue
        source = column.source or (column.name,)
        found += [
            Column(
                f"{column.name}_precision",
                f"How precisely `{column.name}` is known: year, month or day.",
                enum=PRECISIONS,
                derive=partial(_precision, source),
            ),
            Column(
                f"{column.name}_earliest",
                f"The first day `{column.name}` can mean (the date itself when known to the day).",
                "date",
                derive=partial(_day, earliest, source),
            ),
            Column(
                f"{column.name}_latest",
                f"The last day `{column.name}` can mean (the date itself when known to the day).",
                "date",
                derive=partial(_day, latest, source),
            ),
        ]
    return found


def _precision(source: tuple[str, ...], item: Any) -> str | None:
    value = _get(item, source)
    if not isinstance(value, str):
        return None
    parts = parse_partial_date(value)
    return PRECISIONS[sum(part is not None for part in parts) - 1]


def _day(bound: Callable[[str], dt.date], source: tuple[str, ...], item: Any) -> str | None:
    value = _get(item, source)
    return bound(value).isoformat() if isinstance(value, str) else None


def all_tables() -> list[Table]:
    """Every table of every collection."""
    return [table for collection in COLLECTIONS for table in collection_tables(collection)]


def _flatten(
    root: dict[str, Any], node: dict[str, Any], prefix: tuple[str, ...]
) -> tuple[list[Column], list[tuple[tuple[str, ...], str, dict[str, Any]]]]:
    """Scalar columns of an object (nested objects flattened) and the lists found in it."""
    columns: list[Column] = []
    lists = []
    required = set(node.get("required", ()))
    for name, raw in node.get("properties", {}).items():
        if not prefix and name == TRANSLATIONS:
            continue  # given beside each field it translates (the ``_fr`` columns)
        schema = resolve_ref(root, raw)
        if schema.get("type") == "object":
            nested, nested_lists = _flatten(root, schema, (*prefix, name))
            columns += nested
            lists += nested_lists
        elif schema.get("type") == "array":
            lists.append((prefix, name, schema))
        else:
            column = _column(
                "_".join((*prefix, name)),
                schema,
                (*prefix, name),
                required=name in required and not prefix,
            )
            columns.append(column)
            if schema.get("x-translatable"):
                columns += french_columns(column, (*prefix, name))
    return columns, lists


TRANSLATIONS = "translations"
"""The records' block of French versions, which the tables give as columns instead."""


def french_columns(column: Column, source: tuple[str, ...]) -> list[Column]:
    """The two columns beside a field in the record's own words: its French, and where the
    French comes from."""
    *parent, name = source
    return [
        Column(
            f"{column.name}{FRENCH_SUFFIX}",
            f"The French version of `{column.name}`, where there is one.",
            source=(*parent, f"{name}{FRENCH_SUFFIX}"),
            prose=column.prose,
        ),
        Column(
            f"{column.name}{STATUS_SUFFIX}",
            f"Where `{column.name}{FRENCH_SUFFIX}` comes from: `official`, the government's own "
            "French text; `translation`, translated for the record (not by a government).",
            enum=("official", "translation"),
            source=(*parent, f"{name}{STATUS_SUFFIX}"),
        ),
        Column(
            f"{column.name}{SOURCE_SUFFIX}",
            f"For an `official` `{column.name}{FRENCH_SUFFIX}`, the French source that prints it.",
            references="sources",
            source=(*parent, f"{name}{SOURCE_SUFFIX}"),
        ),
    ]


def _column(
    name: str, schema: dict[str, Any], source: tuple[str, ...], *, required: bool
) -> Column:
    references = schema.get("x-references", ())
    return Column(
        name,
        str(schema.get("description", "")),
        "boolean" if schema.get("type") == "boolean" else "string",
        required,
        tuple(schema.get("enum", ())),
        schema.get("pattern"),
        references[0] if len(references) == 1 else None,
        source,
        schema.get("maxLength") == TEXT_MAX_LENGTH,
    )


def _child_tables(
    root: dict[str, Any],
    parent: Table,
    parent_keys: list[Column],
    path: tuple[tuple[str, ...], ...],
    name: str,
    schema: dict[str, Any],
) -> list[Table]:
    index = Column(f"{name}_index", f"Position in the `{name}` list, from 0.", "integer", True)
    keys = [*parent_keys, index]
    items = resolve_ref(root, schema.get("items", {}))
    table_name = f"{parent.name}_{'_'.join(path[-1])}"
    if items.get("type") == "object":
        columns, lists = _flatten(root, items, ())
        columns = with_date_parts(columns)
    else:
        value_name = (
            f"{SINGULAR[items['x-references'][0]]}_id" if "x-references" in items else "value"
        )
        if value_name in {key.name for key in keys}:  # a list pointing into its own collection
            value_name = f"{name}_{value_name}"
        columns, lists = [_column(value_name, items, (), required=True)], []
    table = Table(
        table_name,
        parent.collection,
        str(schema.get("description", "")),
        [*keys, *columns],
        [key.name for key in keys],
        path,
        parent,
    )
    tables = [table]
    for prefix, child_name, child in lists:
        tables += _child_tables(
            root, table, keys, (*path, (*prefix, child_name)), child_name, child
        )
    return tables


def table_rows(table: Table, records: list[dict[str, Any]]) -> Iterator[Row]:
    """The rows of ``table`` for a collection's records (as JSON-ready dicts, sorted by id)."""
    for record in records:
        if not table.path:
            yield [
                _value(record, column, column.source or (column.name,)) for column in table.columns
            ]
        else:
            yield from _item_rows(table, record, table.path, [record["id"]])


def _item_rows(
    table: Table, item: Any, path: tuple[tuple[str, ...], ...], keys: list[str | int | None]
) -> Iterator[Row]:
    values = _get(item, path[0]) or []
    for index, child in enumerate(values):
        if len(path) > 1:
            yield from _item_rows(table, child, path[1:], [*keys, index])
            continue
        value_columns = table.columns[len(keys) + 1 :]
        yield [*keys, index, *(_value(child, column, column.source) for column in value_columns)]


def _value(item: Any, column: Column, source: tuple[str, ...]) -> Any:
    """A cell: derived from the item, or read from ``source`` inside it (an empty source is
    the item itself, for lists of plain values)."""
    if column.derive is not None:
        return column.derive(item)
    return _get(item, source)


def _get(item: Any, source: tuple[str, ...]) -> Any:
    for part in source:
        if not isinstance(item, dict):
            return None
        item = item.get(part)
    return item
