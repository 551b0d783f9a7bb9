"""Exports for analysts: parquet partitioned by year (hive style) for Spark, Trino, DuckDB and
polars; CSV files and one XLSX workbook for spreadsheets; a data dictionary with each."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import polars as pl

from parsers import dictionary
from parsers.frames import TABLES

VIEWS = ("report_headlines", "applications_wide", "review_litigation_wide", "report_metrics",
         "refusal_reason_shares", "metrics_year_on_year", "metrics_rankings")
RELATIONS = (*TABLES, "source_files", *VIEWS)
BY_YEAR = TABLES  # fact tables get the report's year as their partition key
XLSX_MAX_ROWS = 1_048_575
FORMATS = ("parquet", "csv", "xlsx")


class ExportError(Exception):
    pass


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _query(name: str) -> str:
    if name in BY_YEAR and name != "reports":
        return f"SELECT t.*, r.year FROM {name} t JOIN reports r USING (report_id)"
    return f"SELECT * FROM {name}"


def relations(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[str, str]]]:
    rows = con.sql(
        "SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE schema_name = 'main' ORDER BY column_index"
    ).fetchall()
    out: dict[str, list[tuple[str, str]]] = {name: [] for name in RELATIONS}
    for table, column, dtype in rows:
        if table in out:
            out[table].append((column, dtype))
    return out


def export(con: duckdb.DuckDBPyConnection, out_dir: Path, fmt: str = "parquet", labels: str = "en") -> list[Path]:
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    written = _dictionary(con, out_dir)
    if fmt == "xlsx":
        return written + [_xlsx(con, out_dir / "xxgk.xlsx", labels)]
    for name in RELATIONS:
        if fmt == "parquet" and name in BY_YEAR:
            target = out_dir / name
            shutil.rmtree(target, ignore_errors=True)  # no stale year folders from an earlier export
            con.execute(f"COPY ({_query(name)}) TO {_quote(target)} (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (year))")
        else:
            target = out_dir / f"{name}.{fmt}"
            options = "FORMAT parquet, COMPRESSION zstd" if fmt == "parquet" else "FORMAT csv, HEADER"
            if fmt == "csv" and labels == "zh":
                frame = _labelled(con.sql(f"SELECT * FROM {name}").pl(), name)
                frame.write_csv(target)
            else:
                con.execute(f"COPY (SELECT * FROM {name}) TO {_quote(target)} ({options})")
        written.append(target)
    return written


def _labelled(frame: pl.DataFrame, relation: str) -> pl.DataFrame:
    names = {}
    for column in frame.columns:
        meta = dictionary.column_label(relation, column)
        names[column] = meta["label_zh"] if meta and meta["label_zh"] else column
    return frame.rename(names)


def _dictionary(con: duckdb.DuckDBPyConnection, out_dir: Path) -> list[Path]:
    cols = dictionary.columns(relations(con))
    codes = dictionary.codes()
    cols.write_csv(out_dir / "data_dictionary.csv")
    codes.write_csv(out_dir / "codes.csv")
    (out_dir / "data_dictionary.md").write_text(dictionary.markdown(cols, codes), encoding="utf-8")
    return [out_dir / "data_dictionary.csv", out_dir / "codes.csv", out_dir / "data_dictionary.md"]


def _xlsx(con: duckdb.DuckDBPyConnection, target: Path, labels: str) -> Path:
    """One sheet per table and view, then the dictionary; too many rows for a sheet is an error."""
    import xlsxwriter

    sizes = {name: con.sql(f"SELECT count(*) FROM {name}").fetchall()[0][0] for name in RELATIONS}
    too_big = {n: s for n, s in sizes.items() if s > XLSX_MAX_ROWS}
    if too_big:
        raise ExportError(
            "too many rows for a spreadsheet sheet (max 1,048,575): "
            + ", ".join(f"{n} {s:,}" for n, s in too_big.items()) + "; export parquet or csv instead"
        )
    with xlsxwriter.Workbook(str(target), {"remove_timezone": True}) as book:
        for name in RELATIONS:
            frame = con.sql(f"SELECT * FROM {name}").pl()
            if labels == "zh":
                frame = _labelled(frame, name)
            frame.write_excel(book, worksheet=name[:31], autofit=frame.height < 5000)
        dictionary.columns(relations(con)).write_excel(book, worksheet="data_dictionary")
        dictionary.codes().write_excel(book, worksheet="codes")
    return target
