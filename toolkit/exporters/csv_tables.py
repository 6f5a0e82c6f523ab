"""CSV: one tidy table per collection and per list inside it, in ``csv/`` (RFC 4180, UTF-8)."""

from __future__ import annotations

import csv
from pathlib import Path

from toolkit.dataset import Dataset
from toolkit.tables import Table, collection_tables, table_rows

CSV_FOLDER = "csv"


def csv_path(table: Table) -> str:
    """Where a table's CSV sits inside the output folder."""
    return f"{CSV_FOLDER}/{table.name}.csv"


def export(dataset: Dataset, out: Path) -> None:
    """Write every table with a header row; empty cells are absent values."""
    (out / CSV_FOLDER).mkdir(parents=True, exist_ok=True)
    for name, documents in dataset.documents.items():
        for table in collection_tables(name):
            with (out / csv_path(table)).open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle, lineterminator="\r\n")
                writer.writerow(column.name for column in table.columns)
                writer.writerows(table_rows(table, documents))
