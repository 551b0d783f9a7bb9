"""The staging layer (sql/staging/): the body key, the counted flag, the code groups from the
catalogue, the disclosure_rate formula, and the one rule that decides a report's status."""

from __future__ import annotations

import duckdb
import polars as pl
import pytest

from parsers import catalogue, checks
from pipelines import ingest

from .conftest import query

LIANGJIANG = "004_57204afdaedf8468.txt"  # printed 重庆两江新区, placed as 重庆市两江新区


def test_a_report_printed_under_another_name_of_its_body_is_a_duplicate(raw_dir, warehouse_path):
    sample = raw_dir / LIANGJIANG
    text = sample.read_text(encoding="utf-8")
    assert text.splitlines()[0] == " 重庆两江新区2024年"
    (raw_dir / "renamed.txt").write_text(text.replace("重庆两江新区", "重庆市两江新区", 1), encoding="utf-8")
    ingest.run(raw_dir, warehouse_path)
    pair = query(
        warehouse_path,
        """SELECT agency, body, counted, duplicate_of IS NOT NULL FROM stg_reports
                                    WHERE body = '重庆市两江新区' ORDER BY agency""",
    )
    assert [p[:2] for p in pair] == [("重庆两江新区", "重庆市两江新区"), ("重庆市两江新区", "重庆市两江新区")]
    assert sorted((p[2], p[3]) for p in pair) == [(False, True), (True, False)]  # one counted, one its duplicate
    assert query(
        warehouse_path,
        "SELECT count(*), sum(received) FROM report_headlines WHERE source_path LIKE '%renamed.txt' "
        "OR source_path LIKE '%" + LIANGJIANG + "'",
    ) == [(1, 370)]
    (finding,) = query(warehouse_path, "SELECT detail FROM validation_issues WHERE check_name = 'duplicate_report'")
    assert "same body, year and table-3 numbers" in finding[0]


def test_counted_is_not_failed_and_not_a_duplicate(raw_dir, warehouse_path):
    (raw_dir / "gbk.txt").write_bytes((raw_dir / LIANGJIANG).read_text(encoding="utf-8").encode("gb18030"))
    (raw_dir / "notes.txt").write_text("会议纪要\n", encoding="utf-8")
    ingest.run(raw_dir, warehouse_path)
    rows = query(
        warehouse_path,
        """SELECT parse_status = 'failed', duplicate_of IS NOT NULL, counted, count(*)
                                    FROM stg_reports GROUP BY ALL ORDER BY ALL""",
    )
    assert rows == [(False, False, True, 5), (False, True, False, 1), (True, False, False, 1)]
    assert query(warehouse_path, "SELECT count(*) FROM report_headlines") == [(5,)]
    assert query(warehouse_path, "SELECT count(*) FROM counted_reports") == [(5,)]


def test_code_groups_are_the_catalogue_parents(raw_dir, warehouse_path):
    ingest.run(raw_dir, warehouse_path)
    codes = duckdb.connect(str(warehouse_path), read_only=True).sql("SELECT * FROM codes").pl()
    cat = catalogue.load()
    for kind in ("t3_row", "proceeding", "applicant", "outcome", "t2_item"):
        got = dict(codes.filter(pl.col("kind") == kind).select("code", "code_group").iter_rows())
        assert got == {code: parent or None for code, parent in cat.parents(kind).items()}, kind
    groups = codes.filter(pl.col("kind") == "t3_row").group_by("code_group").agg(pl.col("code").sort()).rows()
    groups = dict(groups)
    assert len(groups["denied"]) == 8 and groups["unavailable"] == [
        "unavailable_needs_creation",
        "unavailable_not_held",
        "unavailable_unclear_after_correction",
    ]
    assert len(groups["not_processed"]) == 5 and all(c.startswith("not_processed_") for c in groups["not_processed"])
    assert sorted(codes.filter(pl.col("code_group") == "litigation")["code"]) == ["litigation_after_review", "litigation_direct"]
    assert codes.filter((pl.col("kind") == "t3_row") & (pl.col("code") == "granted"))["label_zh"].to_list() == ["（一）予以公开"]


def test_stg_applications_groups_sum_to_the_headline_figures(raw_dir, warehouse_path):
    ingest.run(raw_dir, warehouse_path)
    sums = dict(
        query(
            warehouse_path,
            """SELECT row_group, sum(count) FROM stg_applications a JOIN stg_reports r USING (report_id)
                                         WHERE r.agency = '重庆两江新区' AND applicant = 'total' AND row_group IS NOT NULL
                                         GROUP BY row_group""",
        )
    )
    assert sums["denied"] == 3 + 2 + 16 + 3 + 10
    assert query(warehouse_path, "SELECT denied, suits FROM report_headlines WHERE agency = '重庆两江新区'") == [(34, 6 + 8)]


def test_disclosure_rate_is_one_formula_everywhere(raw_dir, warehouse_path):
    ingest.run(raw_dir, warehouse_path)
    con = duckdb.connect(str(warehouse_path), read_only=True)
    assert con.sql("SELECT disclosure_rate(103, 167, 367), disclosure_rate(1, NULL, 2), disclosure_rate(0, 0, 0)").fetchall() == [
        (pytest.approx(270 / 367), None, None)
    ]
    rates = con.sql("""SELECT h.disclosure_rate, m.disclosure_rate FROM report_headlines h JOIN report_metrics m USING (report_id)
                       WHERE h.agency = '重庆两江新区'""").fetchall()
    assert rates == [(pytest.approx(270 / 367), pytest.approx(270 / 367))]
    assert "granted_share" not in con.sql("SELECT * FROM report_headlines").columns


def test_status_is_decided_by_one_rule_on_the_findings():
    findings = pl.DataFrame(
        {
            "report_id": ["a", "a", "a", "b", "b", "c"],
            "severity": ["warning", "error", "error", "warning", None, None],
            "detail": ["w", "first error", "second error", "w", None, None],
        }
    )
    decided = {r["report_id"]: (r["parse_status"], r["status_reason"]) for r in checks.statuses(findings).to_dicts()}
    assert decided == {"a": ("failed", "first error"), "b": ("warnings", None), "c": ("ok", None)}


def test_the_warehouse_flags_a_report_for_a_finding_across_reports(raw_dir, warehouse_path):
    (raw_dir / "gbk.txt").write_bytes((raw_dir / LIANGJIANG).read_text(encoding="utf-8").encode("gb18030"))
    ingest.run(raw_dir, warehouse_path)
    # parsed alone the GBK copy is ok; the duplicate_report finding the warehouse adds flags it
    assert query(warehouse_path, "SELECT parse_status, status_reason FROM reports WHERE source_path LIKE '%gbk.txt'") == [
        ("warnings", None)
    ]
    (raw_dir / "gbk.txt").unlink()
    ingest.run(raw_dir, warehouse_path, prune=True)
    assert query(warehouse_path, f"SELECT parse_status FROM reports WHERE source_path LIKE '%{LIANGJIANG}'") == [("ok",)]


def test_views_built_by_other_sql_are_refused_by_readers_and_rebuilt_by_an_ingest(raw_dir, warehouse_path, tmp_path):
    from pipelines import audit, export, warehouse

    ingest.run(raw_dir, warehouse_path)
    assert ingest.up_to_date(raw_dir, warehouse_path)
    con = duckdb.connect(str(warehouse_path))
    con.execute("UPDATE xxgk_meta SET value = 'older' WHERE key = 'layers'")
    con.close()
    assert not ingest.up_to_date(raw_dir, warehouse_path)  # the next run builds the views again
    with warehouse.connect(warehouse_path, read_only=True) as con:
        with pytest.raises(warehouse.WarehouseError, match=r"views were built by another version of xxgk\. Run `xxgk ingest"):
            export.export(con, tmp_path / "out")
        with pytest.raises(warehouse.WarehouseError, match="views were built by another version"):
            audit.load(con, warehouse=str(warehouse_path))
    assert not (tmp_path / "out").exists()
    assert ingest.run(raw_dir, warehouse_path).parsed == 0
    assert ingest.up_to_date(raw_dir, warehouse_path)
