"""SQLite: the CSV tables with primary keys, foreign keys and indexes, plus full-text search.

Ready for ``sqlite3``, pandas or Datasette. The ``search`` table (FTS5) indexes each record's
title and its free text across collections; each table with text to search also has its own
``<table>_fts`` index, made the way sqlite-utils makes one (``content=[<table>]``), so Datasette
offers a search box on it and ``sqlite-utils search`` finds it. Every index stems English words
(``porter``): "officer" finds "officers". ``metadata`` holds the dataset's name, version and
licence.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import closing
from pathlib import Path

from toolkit.foundation.naming import TITLE_FIELDS, record_title
from toolkit.publishing.dataset import Dataset
from toolkit.publishing.scorecard_tables import SCORECARD_TABLES, every_table, rows_of
from toolkit.publishing.tables import Row, Table, collection_tables, table_rows

DATABASE_FILE = "dataset.sqlite"
TOKENIZER = "porter unicode61 remove_diacritics 2"
"""English stemming over Unicode words, accents folded (so "Mélanie" matches "Melanie")."""
NAMING_COLUMNS = frozenset(TITLE_FIELDS)


_SQL_TYPES = {"integer": "INTEGER", "number": "REAL"}
"""Column types stored as numbers; everything else is text (dates as ISO 8601)."""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def create_table_sql(table: Table) -> str:
    """The CREATE TABLE statement for a table, with its keys."""
    columns = [
        f"{_quote(c.name)} {_SQL_TYPES.get(c.type, 'TEXT')}" + (" NOT NULL" if c.required else "")
        for c in table.columns
    ]
    columns.append(f"PRIMARY KEY ({', '.join(map(_quote, table.primary_key))})")
    if table.parent:
        mine = ", ".join(map(_quote, table.parent_columns))
        theirs = ", ".join(map(_quote, table.parent.primary_key))
        columns.append(f"FOREIGN KEY ({mine}) REFERENCES {_quote(table.parent.name)} ({theirs})")
    for column in table.columns:
        if column.references and column.name not in table.parent_columns:
            columns.append(
                f"FOREIGN KEY ({_quote(column.name)}) REFERENCES {_quote(column.references)} (id)"
            )
    return f"CREATE TABLE {_quote(table.name)} (\n  " + ",\n  ".join(columns) + "\n)"


def _indexes(table: Table) -> list[str]:
    wanted = [c.name for c in table.columns if c.references and c.name not in table.primary_key]
    return [
        f"CREATE INDEX {_quote(f'{table.name}_{name}')} ON {_quote(table.name)} ({_quote(name)})"
        for name in wanted
    ]


def export(dataset: Dataset, out: Path) -> None:
    """Write ``dataset.sqlite``; built the same way each time, so the bytes are stable."""
    path = out / DATABASE_FILE
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("CREATE TABLE metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        info = dataset.info
        connection.executemany(
            "INSERT INTO metadata VALUES (?, ?)",
            [
                ("name", info.name),
                ("title", info.title),
                ("version", info.version),
                ("licence", info.licence.id),
                ("last_updated", dataset.last_updated),
            ],
        )
        for table in every_table():
            connection.execute(create_table_sql(table))
            for statement in _indexes(table):
                connection.execute(statement)
        _fill(connection, dataset)
        for table in SCORECARD_TABLES:
            marks = ", ".join("?" for _ in table.columns)
            connection.executemany(
                f"INSERT INTO {_quote(table.name)} VALUES ({marks})", rows_of(table, dataset)
            )
        for table in every_table():
            _index(connection, table)
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("VACUUM")


def _fill(connection: sqlite3.Connection, dataset: Dataset) -> None:
    connection.execute(
        "CREATE VIRTUAL TABLE search USING fts5("
        f"collection UNINDEXED, id UNINDEXED, title, text, tokenize='{TOKENIZER}')"
    )
    for name, documents in dataset.tabulated.items():  # with the French columns
        prose: dict[str, list[str]] = defaultdict(list)
        for table in collection_tables(name):
            marks = ", ".join("?" for _ in table.columns)
            searchable = [i for i, column in enumerate(table.columns) if column.prose]
            connection.executemany(
                f"INSERT INTO {_quote(table.name)} VALUES ({marks})",
                _noting_prose(table_rows(table, documents), searchable, prose),
            )
        connection.executemany(
            "INSERT INTO search VALUES (?, ?, ?, ?)",
            (
                (name, doc["id"], record_title(doc), "\n".join(prose.pop(doc["id"], ())))
                for doc in documents
            ),
        )


def searchable_columns(table: Table) -> list[str]:
    """The columns a table's own full-text index covers: its free text, and on a collection's
    main table the fields that name a record (title, name, publisher)."""
    return [
        column.name
        for column in table.columns
        if column.prose or (not table.parent and column.name in NAMING_COLUMNS)
    ]


def _index(connection: sqlite3.Connection, table: Table) -> None:
    """``<table>_fts``: an external-content FTS5 index of the table's searchable columns."""
    columns = searchable_columns(table)
    if not columns:
        return
    names = ", ".join(map(_quote, columns))
    index = _quote(f"{table.name}_fts")
    connection.execute(
        f"CREATE VIRTUAL TABLE {index} USING fts5({names}, "
        f"content=[{table.name}], tokenize='{TOKENIZER}')"
    )
    connection.execute(
        f"INSERT INTO {index} (rowid, {names}) SELECT rowid, {names} FROM {_quote(table.name)}"
    )


def _noting_prose(
    rows: Iterable[Row], searchable: list[int], prose: dict[str, list[str]]
) -> Iterator[Row]:
    """The rows, streamed into the insert, noting each record's free text for the search table
    on the way (no table is held whole in memory)."""
    for row in rows:
        if searchable:
            prose[str(row[0])].extend(str(row[i]) for i in searchable if row[i])
        yield row
