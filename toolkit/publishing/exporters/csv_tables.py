"""CSV: one tidy table per collection and per list inside it, in ``csv/`` (RFC 4180, UTF-8).

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula, so text
cells are protected as OWASP advises (see ``escaping.csv_cell``); the JSON, JSON Lines and
SQLite outputs keep every value exactly as written.
"""

from __future__ import annotations

import csv
from pathlib import Path

from toolkit.foundation.escaping import csv_cell
from toolkit.publishing.dataset import Dataset
from toolkit.publishing.scorecard_tables import every_table, rows_of
from toolkit.publishing.tables import Row, Table

CSV_FOLDER = "csv"
PROTECTION_NOTE = (
    "A text cell that starts with =, +, -, @, a tab, a carriage return or an apostrophe has one "
    "apostrophe added before it, so spreadsheets show it as text; remove one leading apostrophe "
    "to get the value as the JSON files give it."
)


def csv_path(table: Table) -> str:
    """Where a table's CSV sits inside the output folder."""
    return f"{CSV_FOLDER}/{table.name}.csv"


def export(dataset: Dataset, out: Path) -> None:
    """Write every table with a header row; empty cells are absent values."""
    (out / CSV_FOLDER).mkdir(parents=True, exist_ok=True)
    for table in every_table():
        with (out / csv_path(table)).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(column.name for column in table.columns)
            writer.writerows(map(_protected, rows_of(table, dataset)))


def _protected(row: Row) -> list[object]:
    return [csv_cell(cell) if isinstance(cell, str) else cell for cell in row]
