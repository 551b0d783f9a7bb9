"""Bad files: each gets its reports row and a specific reason, and the other reports still land."""
from __future__ import annotations

import os
from pathlib import Path

from pipelines import ingest

from .conftest import SAMPLES, query

SAMPLE = SAMPLES[0]  # 重庆市通信管理局, tab-separated rows


def status_of(wh: Path, name: str) -> tuple[str, str | None]:
    rows = query(wh, f"SELECT parse_status, status_reason FROM reports WHERE source_path LIKE '%/{name}'")
    assert len(rows) == 1, f"{name}: expected one reports row, got {rows}"
    return rows[0]


def issues_of(wh: Path, name: str) -> list[tuple[str, str, str]]:
    return query(wh, f"""SELECT v.check_name, v.severity, v.detail FROM validation_issues v
                         JOIN reports r USING (report_id) WHERE r.source_path LIKE '%/{name}' ORDER BY 1""")


def ok_samples(wh: Path) -> int:
    return query(wh, "SELECT count(*) FROM reports WHERE parse_status = 'ok' AND source_path LIKE '%.txt' AND agency IS NOT NULL")[0][0]


def test_empty_file(raw_dir, warehouse_path):
    (raw_dir / "empty.txt").write_bytes(b"")
    ingest.run(raw_dir, warehouse_path)
    assert status_of(warehouse_path, "empty.txt") == ("failed", "empty file")
    assert ok_samples(warehouse_path) == 5


def test_binary_garbage(raw_dir, warehouse_path):
    (raw_dir / "garbage.txt").write_bytes(os.urandom(4096) + b"\x00\x01\x02")
    ingest.run(raw_dir, warehouse_path)
    status, reason = status_of(warehouse_path, "garbage.txt")
    assert status == "failed" and reason.startswith("binary content")
    assert ok_samples(warehouse_path) == 5


def test_gbk_copy_is_read_and_recognised_as_the_same_report(raw_dir, warehouse_path):
    text = SAMPLE.read_text(encoding="utf-8")
    (raw_dir / "copy_gbk.txt").write_bytes(text.encode("gbk"))
    ingest.run(raw_dir, warehouse_path)
    status, _ = status_of(warehouse_path, "copy_gbk.txt")
    assert status == "warnings"
    (check, severity, detail), = issues_of(warehouse_path, "copy_gbk.txt")
    assert check == "duplicate_report" and SAMPLE.name in detail
    # the GBK copy's numbers are right, and it is not counted twice in any view
    assert query(warehouse_path, """SELECT count(*) FROM applications a JOIN reports r USING (report_id)
                                    WHERE r.source_path LIKE '%copy_gbk.txt' AND a.row_code = 'new_received'
                                    AND a.applicant = 'total' AND a.count = 70""") == [(1,)]
    assert query(warehouse_path, "SELECT count(*) FROM report_headlines WHERE agency = '重庆市通信管理局'") == [(1,)]
    assert query(warehouse_path, "SELECT sum(received) FROM report_headlines") == [(441,)]


def test_table3_cut_off(raw_dir, warehouse_path):
    text = SAMPLE.read_text(encoding="utf-8")
    cut = text[: text.index("4. 无正当理由大量反复申请")]
    (raw_dir / "cut.txt").write_text(cut, encoding="utf-8")
    ingest.run(raw_dir, warehouse_path)
    status, reason = status_of(warehouse_path, "cut.txt")
    assert status == "failed"
    assert "missing: not_processed_excessive" in reason and "carried_forward" in reason and "cut off" in reason
    # what was printed before the cut still landed, and is right
    assert query(warehouse_path, """SELECT a.count FROM applications a JOIN reports r USING (report_id)
                                    WHERE r.source_path LIKE '%cut.txt' AND a.row_code = 'granted'
                                    AND a.applicant = 'natural_person'""") == [(17,)]
    assert query(warehouse_path, "SELECT count(*) FROM report_headlines WHERE source_path LIKE '%cut.txt'") == [(0,)]
    assert ok_samples(warehouse_path) == 5


def test_text_that_is_not_a_report(raw_dir, warehouse_path):
    (raw_dir / "notes.txt").write_text("会议纪要\n今天讨论了三件事。\n一是预算，二是人事。\n", encoding="utf-8")
    ingest.run(raw_dir, warehouse_path)
    status, reason = status_of(warehouse_path, "notes.txt")
    assert status == "failed" and "no report title" in reason
    assert ok_samples(warehouse_path) == 5


def test_same_bytes_under_two_names_is_one_report(raw_dir, warehouse_path):
    (raw_dir / "again.txt").write_bytes(SAMPLE.read_bytes())
    ingest.run(raw_dir, warehouse_path)
    assert query(warehouse_path, "SELECT count(*) FROM reports") == [(5,)]
    assert query(warehouse_path, "SELECT count(*) FROM source_files") == [(6,)]
    (check, severity, detail), = issues_of(warehouse_path, SAMPLE.name)
    assert check == "duplicate_file" and "again.txt" in detail and SAMPLE.name in detail
    assert query(warehouse_path, "SELECT count(*) FROM report_headlines WHERE agency = '重庆市通信管理局'") == [(1,)]
    assert query(warehouse_path, "SELECT count(*) FROM applications") == [(5 * 26 * 7,)]


def test_file_that_changes_between_runs(raw_dir, warehouse_path):
    target = raw_dir / SAMPLE.name
    ingest.run(raw_dir, warehouse_path)
    (old_id,), = query(warehouse_path, f"SELECT report_id FROM reports WHERE source_path LIKE '%{SAMPLE.name}'")
    target.write_text(SAMPLE.read_text(encoding="utf-8").replace("64\t6\t0\t0\t0\t70", "65\t6\t0\t0\t0\t71"), encoding="utf-8")
    result = ingest.run(raw_dir, warehouse_path)
    assert result.parsed == 1 and result.skipped == 4
    (new_id,), = query(warehouse_path, f"SELECT report_id FROM reports WHERE source_path LIKE '%{SAMPLE.name}'")
    assert new_id != old_id
    assert query(warehouse_path, f"SELECT count(*) FROM applications WHERE report_id = '{old_id}'") == [(0,)]
    assert query(warehouse_path, f"""SELECT count FROM applications WHERE report_id = '{new_id}'
                                     AND row_code = 'new_received' AND applicant = 'total'""") == [(71,)]
    # the edit broke the report's arithmetic: it lands as printed, with the broken identities named
    found = issues_of(warehouse_path, SAMPLE.name)
    assert [(c, s) for c, s, _ in found] == [("column_balance", "warning")] * 2 + [("narrative_mismatch", "warning")]
    assert "table 3 column natural_person: new_received 65 + carried_over 0 = 65 but total_processed 57 + carried_forward 7 = 64" in [d for *_, d in found]
    assert query(warehouse_path, "SELECT count(*) FROM reports") == [(5,)]


def test_one_bad_file_among_many_loses_nothing(raw_dir, warehouse_path):
    (raw_dir / "empty.txt").write_bytes(b"")
    (raw_dir / "garbage.bin").write_bytes(os.urandom(2048))
    (raw_dir / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(100))
    ingest.run(raw_dir, warehouse_path)
    assert query(warehouse_path, "SELECT count(*) FROM reports") == [(8,)]
    assert query(warehouse_path, "SELECT count(*) FROM reports WHERE parse_status = 'failed'") == [(3,)]
    assert query(warehouse_path, """SELECT count(*) FROM reports r WHERE parse_status = 'failed' AND NOT EXISTS
                                    (SELECT 1 FROM validation_issues v WHERE v.report_id = r.report_id AND v.severity = 'error')""") == [(0,)]
    status, reason = status_of(warehouse_path, "photo.png")
    assert "png" in reason
