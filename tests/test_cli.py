"""The command line as users call it (SPEC §4): output, exit codes, errors naming the file."""

from __future__ import annotations

import json

import duckdb
import polars as pl
import pytest

from pipelines.cli import main

from .helpers import SAMPLES


@pytest.mark.slow
def test_ingest_prints_a_summary_and_is_repeatable(raw_dir, warehouse_path, capsys):
    assert main(["ingest", "--raw", str(raw_dir), "--warehouse", str(warehouse_path)]) == 0
    out = capsys.readouterr()
    assert "reports: 5 ok, 0 with warnings, 0 failed" in out.out
    assert "applications 910" in out.out
    assert "5 to parse" in out.err
    assert main(["ingest", "--raw", str(raw_dir), "--warehouse", str(warehouse_path)]) == 0
    out = capsys.readouterr()
    assert "nothing to parse" in out.err and "reports: 5 ok, 0 with warnings, 0 failed" in out.out
    assert (warehouse_path.parent / "export" / "applications" / "year=2024").is_dir()


@pytest.mark.slow
def test_a_run_with_nothing_new_starts_no_job_and_a_change_is_still_seen(raw_dir, warehouse_path, capsys, monkeypatch):
    from pipelines import cli

    args = ["ingest", "--raw", str(raw_dir), "--warehouse", str(warehouse_path), "--quiet"]
    assert main(args) == 0
    started = []
    real = cli._run_ingest_job
    monkeypatch.setattr(cli, "_run_ingest_job", lambda *a: started.append(1) or real(*a))
    assert main(args) == 0 and started == []
    (raw_dir / SAMPLES[1].name).rename(raw_dir / "renamed.txt")  # the same bytes under another name
    assert main(args) == 0 and started == [1]
    assert main(args) == 0 and started == [1]
    (raw_dir / "renamed.txt").unlink()
    assert main(args) == 0 and started == [1, 1]
    out = capsys.readouterr().out
    assert "1 files gone from the raw folder (kept; --prune forgets them)" in out


@pytest.mark.slow
def test_ingest_lists_failed_files_with_their_reason(raw_dir, warehouse_path, capsys):
    (raw_dir / "empty.txt").write_bytes(b"")
    assert main(["ingest", "--raw", str(raw_dir), "--warehouse", str(warehouse_path), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "1 failed" in out and "empty.txt: empty file" in out


def test_ingest_without_raw_folder_says_so(tmp_path, capsys):
    assert main(["ingest", "--raw", str(tmp_path / "nope"), "--warehouse", str(tmp_path / "w.duckdb")]) == 2
    assert "nope: no such folder" in capsys.readouterr().err


def test_parse_prints_tables_and_checks(capsys):
    sample = SAMPLES[4]
    assert main(["parse", str(sample)]) == 0
    out = capsys.readouterr().out
    assert "重庆两江新区  2024  template 2021  status: ok" in out
    assert "granted                                      98        5        0        0        0        ·      103" in out
    assert "every template identity holds" in out


def test_parse_prints_an_amount_with_every_digit_it_has(tmp_path, capsys):
    """The fee as stored, not rounded for the screen (was 147.446 for 1474457 元: six digits)."""
    text = SAMPLES[0].read_text(encoding="utf-8")
    assert "行政事业性收费\t1474450\n" in text
    report = tmp_path / "r.txt"
    report.write_text(text.replace("行政事业性收费\t1474450\n", "行政事业性收费\t1474457\n"), encoding="utf-8")
    assert main(["parse", str(report)]) == 0
    assert "amount_wan_yuan 147.4457  (printed in 元)" in capsys.readouterr().out


def test_parse_json(capsys):
    assert main(["parse", str(SAMPLES[0]), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["agency"] == "重庆市通信管理局" and d["year"] == 2024
    assert d["applications"]["new_received"] == [64, 6, 0, 0, 0, None, 70]
    assert d["active_disclosure"]["administrative_fees"] == {"amount_wan_yuan": 147.445, "unit_as_printed": "元"}


def test_parse_of_a_failed_report_exits_1_with_reason(tmp_path, capsys):
    f = tmp_path / "empty.txt"
    f.write_bytes(b"")
    assert main(["parse", str(f)]) == 1
    out = capsys.readouterr().out
    assert "status: failed" in out and "reason: empty file" in out


def test_parse_missing_file(capsys):
    assert main(["parse", "no/such/file.pdf"]) == 2
    assert "no/such/file.pdf: no such file" in capsys.readouterr().err


@pytest.mark.slow
def test_sql_is_read_only_unless_asked(raw_dir, warehouse_path, capsys):
    main(["ingest", "--raw", str(raw_dir), "--warehouse", str(warehouse_path), "--quiet"])
    capsys.readouterr()
    assert main(["sql", "SELECT count(*) AS n FROM reports", "--warehouse", str(warehouse_path), "--format", "csv"]) == 0
    assert capsys.readouterr().out == "n\n5\n"
    assert main(["sql", "DELETE FROM reports", "--warehouse", str(warehouse_path)]) == 1
    assert "--write" in capsys.readouterr().err
    assert main(["sql", "SELEC nonsense", "--warehouse", str(warehouse_path)]) == 1
    assert "SQL error" in capsys.readouterr().err
    assert main(["sql", "CREATE TABLE notes (x INT)", "--warehouse", str(warehouse_path), "--write"]) == 0


def test_sql_without_warehouse(tmp_path, capsys):
    assert main(["sql", "SELECT 1", "--warehouse", str(tmp_path / "none.duckdb")]) == 2
    assert "no warehouse here yet" in capsys.readouterr().err


@pytest.mark.slow
def test_export_parquet_and_csv(raw_dir, warehouse_path, tmp_path, capsys):
    main(["ingest", "--raw", str(raw_dir), "--warehouse", str(warehouse_path), "--quiet"])
    assert main(["export", "--warehouse", str(warehouse_path), "--out", str(tmp_path / "pq")]) == 0
    assert pl.read_parquet(tmp_path / "pq" / "review_litigation" / "**" / "*.parquet", hive_partitioning=True).height == 75
    assert main(["export", "--warehouse", str(warehouse_path), "--out", str(tmp_path / "csv"), "--format", "csv"]) == 0
    assert duckdb.sql(f"SELECT count(*) FROM read_csv('{tmp_path / 'csv' / 'reports.csv'}')").fetchall() == [(5,)]


@pytest.mark.slow
def test_an_unknown_label_is_suggested_and_the_suggestion_lands_the_row(raw_dir, warehouse_path, tmp_path, capsys, monkeypatch):
    from parsers import batch, catalogue

    sample = raw_dir / SAMPLES[0].name
    sample.write_text(sample.read_text(encoding="utf-8").replace("(一) 予以公开", "(一) 予以全部公开"), encoding="utf-8")
    args = ["--raw", str(raw_dir), "--warehouse", str(warehouse_path), "--quiet"]
    assert main(["ingest", *args]) == 0
    con = duckdb.connect(str(warehouse_path), read_only=True)
    unmapped = con.sql("SELECT in_table, label, after_row, closest_code FROM unmapped_labels").fetchall()
    granted = con.sql(
        "SELECT count(count) FROM applications WHERE row_code = 'granted' AND report_id IN "
        "(SELECT report_id FROM reports WHERE agency = '重庆市通信管理局')"
    ).fetchall()[0][0]
    con.close()
    assert ("3", "(一) 予以全部公开", "carried_over", "granted") in [tuple(map(str, r)) for r in unmapped]
    assert granted == 0
    capsys.readouterr()

    assert main(["catalogue", "suggest", "--warehouse", str(warehouse_path)]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line and not line.startswith("#")]
    assert lines[0] == "t3_row,granted,results,2019;2021,prefix,,(一) 予以全部公开"

    own = tmp_path / "catalogue.csv"
    own.write_text(catalogue.CATALOGUE_PATH.read_text(encoding="utf-8") + lines[0] + "\n", encoding="utf-8")
    monkeypatch.setenv("XXGK_CATALOGUE", str(own))
    catalogue.load.cache_clear()
    batch.parser_version.cache_clear()
    try:
        assert main(["ingest", *args]) == 0
    finally:
        monkeypatch.delenv("XXGK_CATALOGUE")
        catalogue.load.cache_clear()
        batch.parser_version.cache_clear()
    con = duckdb.connect(str(warehouse_path), read_only=True)
    row = con.sql(
        "SELECT applicant, count FROM applications WHERE row_code = 'granted' AND report_id IN "
        "(SELECT report_id FROM reports WHERE agency = '重庆市通信管理局') ORDER BY applicant"
    ).fetchall()
    left = con.sql("SELECT count(*) FROM unmapped_labels WHERE label = '(一) 予以全部公开'").fetchall()[0][0]
    con.close()
    assert dict(row) == {
        "natural_person": 17,
        "commercial_enterprise": 6,
        "research_institution": 0,
        "social_welfare_org": 0,
        "legal_service_agency": 0,
        "other_org": None,
        "total": 23,
    }
    assert left == 0
