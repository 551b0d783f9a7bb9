"""Exports: parquet by year for engines, csv and xlsx for spreadsheets, a generated dictionary."""

from __future__ import annotations

import duckdb
import openpyxl
import polars as pl
import pytest

from parsers import catalogue
from parsers.frames import TABLES
from pipelines import ingest
from pipelines.cli import main
from pipelines.export import RELATIONS, ExportError, export
from pipelines.warehouse import connect

from .helpers import next_year


@pytest.fixture
def two_years(raw_dir, warehouse_path):
    (raw_dir / "2025.txt").write_text(next_year("7\t0\t0\t0\t0\t7"), encoding="utf-8")
    ingest.run(raw_dir, warehouse_path)
    return warehouse_path


def test_parquet_is_partitioned_by_year_hive_style(two_years, tmp_path):
    with connect(two_years, read_only=True) as con:
        export(con, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out" / "applications").iterdir()) == ["year=2024", "year=2025"]
    apps = pl.read_parquet(tmp_path / "out" / "applications" / "**" / "*.parquet", hive_partitioning=True)
    assert apps.height == 6 * 26 * 7 and apps.filter(pl.col("year") == 2025).height == 26 * 7
    by_year = duckdb.sql(
        f"SELECT year, count(*) FROM read_parquet('{tmp_path}/out/reports/*/*.parquet', hive_partitioning = true) GROUP BY 1 ORDER BY 1"
    ).fetchall()
    assert by_year == [(2024, 5), (2025, 1)]
    assert pl.read_parquet(tmp_path / "out" / "report_headlines.parquet").height == 6


def test_data_dictionary_covers_every_column_and_code(two_years, tmp_path):
    with connect(two_years, read_only=True) as con:
        export(con, tmp_path / "out")
    cols = pl.read_csv(tmp_path / "out" / "data_dictionary.csv")
    assert set(cols["table"]) == set(RELATIONS)
    unlabeled = cols.filter(pl.col("label_zh").is_null() | pl.col("description").is_null())
    assert unlabeled.height == 0, unlabeled
    codes = pl.read_csv(tmp_path / "out" / "codes.csv")
    rows = codes.filter(pl.col("used_in") == "applications.row_code")
    assert rows["code"].to_list() == catalogue.table3_rows()
    petition = rows.filter(pl.col("code") == "not_processed_petition").to_dicts()[0]
    assert petition["label_zh"] == "1.信访举报投诉类申请" and "信访举报投诉诉求类申请" in petition["variants"]
    assert "## applications\n\n| column | 中文 | type | meaning |\n|---|---|---|---|\n| report_id | 报告编号 | VARCHAR |" in (
        tmp_path / "out" / "data_dictionary.md"
    ).read_text(encoding="utf-8")


def test_xlsx_opens_with_openpyxl_and_holds_every_row(two_years, tmp_path):
    assert (
        main(["export", "--warehouse", str(two_years), "--out", str(tmp_path / "x"), "--format", "xlsx", "--labels", "zh"]) == 0
    )
    book = openpyxl.load_workbook(tmp_path / "x" / "xxgk.xlsx", read_only=True)
    assert set(book.sheetnames) >= {*TABLES, "report_headlines", "data_dictionary", "codes"}
    with connect(two_years, read_only=True) as con:
        for table in TABLES:
            n = con.sql(f"SELECT count(*) FROM {table}").fetchall()[0][0]
            assert book[table].max_row == n + 1, table
    header = [c.value for c in next(book["applications"].iter_rows(max_row=1))]
    assert header[:4] == ["报告编号", "行代码", "申请人类型", "数量"]


def test_csv_with_chinese_labels(two_years, tmp_path):
    assert main(["export", "--warehouse", str(two_years), "--out", str(tmp_path / "c"), "--format", "csv", "--labels", "zh"]) == 0
    head = (tmp_path / "c" / "report_headlines.csv").read_text(encoding="utf-8").splitlines()[0]
    assert head.startswith("报告编号,发布机关,年度")


def test_xlsx_refuses_more_rows_than_a_sheet_holds(two_years, tmp_path, monkeypatch):
    monkeypatch.setattr("pipelines.export.XLSX_MAX_ROWS", 100)
    with connect(two_years, read_only=True) as con, pytest.raises(ExportError, match="export parquet or csv instead"):
        export(con, tmp_path / "x", "xlsx")
