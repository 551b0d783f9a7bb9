"""The warehouse: idempotent loads, the views, clear errors for files that are not ours."""

from __future__ import annotations

import shutil

import duckdb
import polars as pl
import pytest

from parsers import catalogue
from parsers.frames import TABLES
from pipelines import ingest, warehouse

from .helpers import query


def snapshot(path) -> dict[str, list[tuple]]:
    return {t: sorted(query(path, f"SELECT * FROM {t}"), key=repr) for t in (*TABLES, "source_files")}


def test_same_bytes_again_change_nothing(raw_dir, warehouse_path):
    first = ingest.run(raw_dir, warehouse_path)
    before = snapshot(warehouse_path)
    second = ingest.run(raw_dir, warehouse_path)
    assert (first.parsed, second.parsed, second.skipped) == (5, 0, 5)
    assert snapshot(warehouse_path) == before


def test_full_reparses_and_still_changes_no_number(raw_dir, warehouse_path):
    ingest.run(raw_dir, warehouse_path)
    before = snapshot(warehouse_path)
    again = ingest.run(raw_dir, warehouse_path, full=True)
    assert again.parsed == 5
    after = snapshot(warehouse_path)
    for table in ("applications", "active_disclosure", "review_litigation", "report_sections", "validation_issues"):
        assert after[table] == before[table]


def test_removed_file_is_kept_and_marked_until_pruned(raw_dir, warehouse_path):
    ingest.run(raw_dir, warehouse_path)
    gone = sorted(raw_dir.iterdir())[0]
    gone.unlink()
    ingest.run(raw_dir, warehouse_path)
    assert query(warehouse_path, "SELECT count(*) FROM reports") == [(5,)]
    assert query(warehouse_path, f"SELECT present FROM source_files WHERE source_path LIKE '%{gone.name}'") == [(False,)]
    ingest.run(raw_dir, warehouse_path, prune=True)
    assert query(warehouse_path, "SELECT count(*) FROM reports") == [(4,)]
    assert query(warehouse_path, "SELECT count(*) FROM applications") == [(4 * 26 * 7,)]


def test_headline_view(raw_dir, warehouse_path):
    ingest.run(raw_dir, warehouse_path)
    (rec,) = (
        duckdb.connect(str(warehouse_path), read_only=True)
        .sql("SELECT * FROM report_headlines WHERE agency = '重庆两江新区'")
        .pl()
        .to_dicts()
    )
    assert rec["received"] == 370 and rec["processed"] == 367 and rec["carried_forward"] == 16
    assert rec["disclosure_rate"] == pytest.approx((103 + 167) / 367)
    assert rec["denied"] == 3 + 2 + 16 + 3 + 10  # the eight 不予公开 rows' totals
    assert rec["reviews"] == 35 and rec["suits"] == 6 + 8
    assert rec["fees_wan_yuan"] == pytest.approx(9040.16)


def test_disclosure_rate_is_null_when_nothing_was_processed(raw_dir, warehouse_path):
    ingest.run(raw_dir, warehouse_path)
    assert query(warehouse_path, "SELECT disclosure_rate FROM report_headlines WHERE processed = 0") == [(None,), (None,)]


def test_applications_wide_has_one_column_per_applicant(raw_dir, warehouse_path):
    ingest.run(raw_dir, warehouse_path)
    con = duckdb.connect(str(warehouse_path), read_only=True)
    wide = con.sql("SELECT * FROM applications_wide").pl()
    assert wide.columns == ["report_id", "agency", "year", "row_code", *catalogue.applicants()]
    assert wide.height == 5 * len(catalogue.table3_rows())
    rec = wide.filter((pl.col("agency") == "重庆两江新区") & (pl.col("row_code") == "granted")).to_dicts()[0]
    assert [rec[a] for a in catalogue.applicants()] == [98, 5, 0, 0, 0, None, 103]
    review = con.sql("SELECT * FROM review_litigation_wide").pl()
    assert review.columns == ["report_id", "agency", "year", "proceeding", *catalogue.outcomes()]
    assert review.height == 5 * len(catalogue.proceedings())


def test_foreign_duckdb_file_gets_a_clear_error(tmp_path, raw_dir):
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE sales (x INTEGER)")
    con.close()
    with pytest.raises(warehouse.WarehouseError, match="not an xxgk warehouse.*rebuild"):
        ingest.run(raw_dir, path)


def test_corrupt_warehouse_file_gets_a_clear_error(tmp_path, raw_dir):
    path = tmp_path / "broken.duckdb"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(warehouse.WarehouseError, match="not a readable DuckDB warehouse.*rebuild"):
        ingest.run(raw_dir, path)


def test_metrics_are_the_documented_formulas(raw_dir, warehouse_path):
    ingest.run(raw_dir, warehouse_path)
    con = duckdb.connect(str(warehouse_path), read_only=True)
    m = con.sql("SELECT * FROM report_metrics WHERE agency = '重庆两江新区'").pl().to_dicts()[0]
    assert m["disclosure_rate"] == pytest.approx((103 + 167) / 367)
    assert m["review_correction_rate"] == pytest.approx(8 / (14 + 8 + 3))
    assert m["litigation_correction_rate"] == pytest.approx(0 / (2 + 0 + 0 + 5 + 0 + 2))
    none = con.sql("SELECT disclosure_rate, review_correction_rate FROM report_metrics WHERE processed = 0").fetchall()
    assert none == [(None, None), (None, None)]  # nothing processed, no review decided: no rate, not 0
    shares = dict(con.sql("""SELECT reason, share FROM refusal_reason_shares WHERE agency = '重庆两江新区'""").fetchall())
    assert len(shares) == 11 and shares["denied_internal_affairs"] == pytest.approx(16 / 367)
    ranks = con.sql("""SELECT body, rank_in_kind, bodies_of_kind, rank_in_province FROM metrics_rankings
                       WHERE body_kind = 'department' ORDER BY rank_in_kind""").fetchall()
    assert ranks == [("重庆市綦江区城市管理局", 1, 2, 1), ("重庆市通信管理局", 2, 2, 3)]  # no rate where nothing was processed


def test_metrics_ignore_blank_cells_rather_than_zero_them(raw_dir, warehouse_path):
    sample = raw_dir / "000_77fdd4e7ff0578bb.txt"
    sample.write_text(sample.read_text(encoding="utf-8").replace("\t0\t63\n", "\t0\t—\n"), encoding="utf-8")
    ingest.run(raw_dir, warehouse_path)
    con = duckdb.connect(str(warehouse_path), read_only=True)
    row = con.sql("SELECT processed, disclosure_rate FROM report_metrics WHERE agency = '重庆市通信管理局'").fetchall()
    assert row == [(None, None)]  # 总计 printed as a dash: no rate, and never a rate over 0
    shares = con.sql("SELECT count(*), count(share) FROM refusal_reason_shares WHERE agency = '重庆市通信管理局'").fetchall()
    assert shares == [(11, 0)]


def test_reports_parsed_by_other_code_are_parsed_again(raw_dir, warehouse_path, monkeypatch, tmp_path):
    from parsers import batch

    ingest.run(raw_dir, warehouse_path)
    assert ingest.run(raw_dir, warehouse_path).parsed == 0
    copy = tmp_path / "parsers"
    shutil.copytree(batch.PARSER_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(batch, "PARSER_DIR", copy)
    batch.parser_version.cache_clear()
    same = batch.parser_version()
    (copy / "tables.py").write_text((copy / "tables.py").read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    batch.parser_version.cache_clear()
    assert batch.parser_version() != same
    assert ingest.run(raw_dir, warehouse_path).parsed == 5
    batch.parser_version.cache_clear()
