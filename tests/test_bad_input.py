"""Bad files: each gets its reports row and a specific reason, and the other reports still land."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from pipelines import ingest
from pipelines.cli import main
from scripts import hostile

from .helpers import SAMPLES, assert_samples_land, failed_reason, query

SAMPLE = SAMPLES[0]  # 重庆市通信管理局, tab-separated rows


def status_of(wh: Path, name: str) -> tuple[str, str | None]:
    rows = query(wh, f"SELECT parse_status, status_reason FROM reports WHERE source_path LIKE '%/{name}'")
    assert len(rows) == 1, f"{name}: expected one reports row, got {rows}"
    return rows[0]


def issues_of(wh: Path, name: str) -> list[tuple[str, str, str]]:
    return query(
        wh,
        f"""SELECT v.check_name, v.severity, v.detail FROM validation_issues v
                         JOIN reports r USING (report_id) WHERE r.source_path LIKE '%/{name}' ORDER BY 1""",
    )


def ok_samples(wh: Path) -> int:
    return query(
        wh, "SELECT count(*) FROM reports WHERE parse_status = 'ok' AND source_path LIKE '%.txt' AND agency IS NOT NULL"
    )[0][0]


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
    ((check, severity, detail),) = issues_of(warehouse_path, "copy_gbk.txt")
    assert check == "duplicate_report" and SAMPLE.name in detail
    # the GBK copy's numbers are right, and it is not counted twice in any view
    assert query(
        warehouse_path,
        """SELECT count(*) FROM applications a JOIN reports r USING (report_id)
                                    WHERE r.source_path LIKE '%copy_gbk.txt' AND a.row_code = 'new_received'
                                    AND a.applicant = 'total' AND a.count = 70""",
    ) == [(1,)]
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
    assert query(
        warehouse_path,
        """SELECT a.count FROM applications a JOIN reports r USING (report_id)
                                    WHERE r.source_path LIKE '%cut.txt' AND a.row_code = 'granted'
                                    AND a.applicant = 'natural_person'""",
    ) == [(17,)]
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
    ((check, severity, detail),) = issues_of(warehouse_path, SAMPLE.name)
    assert check == "duplicate_file" and "again.txt" in detail and SAMPLE.name in detail
    assert query(warehouse_path, "SELECT count(*) FROM report_headlines WHERE agency = '重庆市通信管理局'") == [(1,)]
    assert query(warehouse_path, "SELECT count(*) FROM applications") == [(5 * 26 * 7,)]


def test_file_that_changes_between_runs(raw_dir, warehouse_path):
    target = raw_dir / SAMPLE.name
    ingest.run(raw_dir, warehouse_path)
    ((old_id,),) = query(warehouse_path, f"SELECT report_id FROM reports WHERE source_path LIKE '%{SAMPLE.name}'")
    target.write_text(SAMPLE.read_text(encoding="utf-8").replace("64\t6\t0\t0\t0\t70", "65\t6\t0\t0\t0\t71"), encoding="utf-8")
    result = ingest.run(raw_dir, warehouse_path)
    assert result.parsed == 1 and result.skipped == 4
    ((new_id,),) = query(warehouse_path, f"SELECT report_id FROM reports WHERE source_path LIKE '%{SAMPLE.name}'")
    assert new_id != old_id
    assert query(warehouse_path, f"SELECT count(*) FROM applications WHERE report_id = '{old_id}'") == [(0,)]
    assert query(
        warehouse_path,
        f"""SELECT count FROM applications WHERE report_id = '{new_id}'
                                     AND row_code = 'new_received' AND applicant = 'total'""",
    ) == [(71,)]
    # the edit broke the report's arithmetic: it lands as printed, with the broken identities named
    found = issues_of(warehouse_path, SAMPLE.name)
    assert [(c, s) for c, s, _ in found] == [("column_balance", "warning")] * 2 + [("narrative_mismatch", "warning")]
    assert (
        "table 3 column natural_person: new_received 65 + carried_over 0 = 65 but total_processed 57 + carried_forward 7 = 64"
        in [d for *_, d in found]
    )
    assert query(warehouse_path, "SELECT count(*) FROM reports") == [(5,)]


def test_one_bad_file_among_many_loses_nothing(raw_dir, warehouse_path):
    (raw_dir / "empty.txt").write_bytes(b"")
    (raw_dir / "garbage.bin").write_bytes(os.urandom(2048))
    (raw_dir / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(100))
    ingest.run(raw_dir, warehouse_path)
    assert query(warehouse_path, "SELECT count(*) FROM reports") == [(8,)]
    assert query(warehouse_path, "SELECT count(*) FROM reports WHERE parse_status = 'failed'") == [(3,)]
    assert query(
        warehouse_path,
        """SELECT count(*) FROM reports r WHERE parse_status = 'failed' AND NOT EXISTS
                                    (SELECT 1 FROM validation_issues v WHERE v.report_id = r.report_id AND v.severity = 'error')""",
    ) == [(0,)]
    status, reason = status_of(warehouse_path, "photo.png")
    assert "png" in reason


# --- one file can never stop a run ---------------------------------------------------------------
# Each case: the bad file becomes its own failed `reports` row with a plain reason (and an error
# in validation_issues), the five sample reports beside it land exactly, and the run exits normally.


def test_a_file_name_that_is_not_utf8_lands_and_keeps_its_bytes(raw_dir, warehouse_path, capsys):
    path = hostile.non_utf8_name(raw_dir)  # 报告.txt in GBK, as unzip leaves Windows archives' names
    ingest.run(raw_dir, warehouse_path)
    stored = os.fsdecode(os.fsencode(raw_dir.resolve())) + "/\\xb1\\xa8\\xb8\\xe6.txt"
    assert query(warehouse_path, "SELECT source_path, parse_status, agency FROM reports WHERE agency LIKE '四川省%'") == [
        (stored, "ok", "四川省綦江区城市管理局")
    ]
    assert_samples_land(warehouse_path)
    assert ingest.run(raw_dir, warehouse_path).parsed == 0  # the same name is found again: nothing to redo
    assert query(warehouse_path, "SELECT count(*) FROM source_files WHERE present") == [(6,)]
    assert main(["parse", os.fsdecode(path)]) == 0  # and `xxgk parse` reads it too
    out = capsys.readouterr().out
    assert "\\xb1\\xa8\\xb8\\xe6.txt" in out and "四川省綦江区城市管理局" in out


def test_a_path_longer_than_path_max(raw_dir, warehouse_path):
    hostile.long_path(raw_dir)
    ingest.run(raw_dir, warehouse_path)
    assert "too long for the system" in failed_reason(warehouse_path, "%rrrrr.txt")
    assert_samples_land(warehouse_path)


def test_a_fifo_is_listed_not_read(raw_dir, warehouse_path):
    hostile.fifo(raw_dir)  # opening it for reading would wait for a writer forever
    ingest.run(raw_dir, warehouse_path)
    assert failed_reason(warehouse_path, "%/pipe.txt") == "not a regular file: a FIFO (named pipe)"
    assert_samples_land(warehouse_path)


def test_an_io_error(raw_dir, warehouse_path):
    """A real EIO: reading /proc/<pid>/mem at offset 0 (never mapped), through a link that only
    --follow-links follows."""
    (raw_dir / "mem.txt").symlink_to("/proc/self/mem")
    ingest.run(raw_dir, warehouse_path)
    assert "outside the raw folder: not followed" in failed_reason(warehouse_path, "%/mem.txt")
    ingest.run(raw_dir, warehouse_path, follow_links=True)
    assert failed_reason(warehouse_path, "%/mem.txt") == "I/O error while reading the file (a disk or network fault)"
    assert_samples_land(warehouse_path)


def test_links_out_of_the_raw_folder_are_followed_only_when_asked(raw_dir, warehouse_path, tmp_path):
    hostile.link_outside(raw_dir, tmp_path / "outside")
    (raw_dir / "folder").symlink_to(tmp_path / "outside")
    ingest.run(raw_dir, warehouse_path)
    reason = failed_reason(warehouse_path, "%/elsewhere.txt")
    assert (
        reason
        == f"a symbolic link to {tmp_path.resolve()}/outside/elsewhere.txt, outside the raw folder: not followed (xxgk ingest --follow-links follows it)"
    )
    assert "not followed" in failed_reason(warehouse_path, "%/folder")
    assert_samples_land(warehouse_path)
    ingest.run(raw_dir, warehouse_path, follow_links=True)
    assert query(
        warehouse_path,
        "SELECT parse_status, count(*) FROM source_files JOIN reports USING (report_id) "
        "WHERE source_files.source_path LIKE '%elsewhere.txt' AND present GROUP BY 1",
    ) == [("warnings", 2)]
    assert query(warehouse_path, "SELECT count(*) FROM reports WHERE parse_status = 'failed'") == [(0,)]


def test_a_file_that_vanishes_between_the_scan_and_its_parse(raw_dir, warehouse_path):
    gone = raw_dir / SAMPLE.name

    def delete_after_scan(message: str) -> None:
        if "to parse" in message:
            gone.unlink()

    ingest.run(raw_dir, warehouse_path, progress=delete_after_scan)
    assert (
        failed_reason(warehouse_path, f"%/{SAMPLE.name}") == "the file disappeared between the scan of the folder and its parse"
    )
    assert ok_samples(warehouse_path) == 4
    gone.write_bytes(SAMPLE.read_bytes())  # back with the same bytes: read again, not kept as failed
    assert ingest.run(raw_dir, warehouse_path).parsed == 1
    assert ok_samples(warehouse_path) == 5


@pytest.mark.slow
def test_a_file_replaced_during_the_run_is_stored_with_the_bytes_parsed(raw_dir, warehouse_path):
    target = raw_dir / SAMPLE.name
    edited = SAMPLE.read_text(encoding="utf-8").replace("64\t6\t0\t0\t0\t70", "65\t6\t0\t0\t0\t71").encode()

    def replace_after_scan(message: str) -> None:
        if "to parse" in message:
            target.write_bytes(edited)

    ingest.run(raw_dir, warehouse_path, progress=replace_after_scan)
    sha = hashlib.sha256(edited).hexdigest()
    assert query(warehouse_path, f"SELECT source_sha256, report_id FROM reports WHERE source_path LIKE '%/{SAMPLE.name}'") == [
        (sha, sha[:16])
    ]
    assert query(warehouse_path, f"SELECT source_sha256 FROM source_files WHERE source_path LIKE '%/{SAMPLE.name}'") == [(sha,)]
    assert query(
        warehouse_path,
        f"""SELECT count FROM applications WHERE report_id = '{sha[:16]}'
                                     AND row_code = 'new_received' AND applicant = 'total'""",
    ) == [(71,)]
    assert ingest.run(raw_dir, warehouse_path).parsed == 0  # the next run agrees
    assert query(warehouse_path, "SELECT count(*) FROM reports") == [(5,)]


@pytest.mark.slow
def test_the_raw_folder_as_a_relative_and_an_absolute_path_is_one_folder(raw_dir, warehouse_path, monkeypatch):
    monkeypatch.chdir(raw_dir.parent)
    ingest.run(Path("raw"), warehouse_path)
    again = ingest.run(raw_dir.resolve(), warehouse_path)
    assert (again.parsed, again.skipped) == (0, 5)
    assert again.summary["missing_files"] == 0
    assert query(warehouse_path, "SELECT count(*), count(*) FILTER (WHERE present) FROM source_files") == [(5, 5)]


@pytest.mark.slow
def test_a_200_mb_text_report_is_refused_by_its_size(raw_dir, warehouse_path):
    hostile.huge_text(raw_dir / "huge.txt", mb=200)
    ingest.run(raw_dir, warehouse_path)
    reason = failed_reason(warehouse_path, "%/huge.txt")
    assert (
        reason
        == "over the file size limit: 200.0 MB, the limit is 64 MB (raise it with XXGK_MAX_FILE_MB or xxgk ingest --max-file-mb)"
    )
    assert query(
        warehouse_path,
        "SELECT check_name FROM validation_issues JOIN reports USING (report_id) WHERE source_path LIKE '%/huge.txt'",
    ) == [("file_limit",)]
    assert_samples_land(warehouse_path)


def big_report(raw: Path, mb: int = 20, body: str = "重庆市大文件局", name: str = "big.txt") -> None:
    """A report whose part 6 runs to `mb` MB of text: parsed in a second, but heavy to load."""
    text = SAMPLE.read_text(encoding="utf-8").replace("重庆市通信管理局", body)
    line = "本机关持续推进政府信息公开工作，" * 40 + "\n"
    (raw / name).write_text(text + "\n" + line * (mb * 2**20 // len(line.encode())), encoding="utf-8")


@pytest.mark.slow
def test_a_batch_the_warehouse_cannot_take_is_loaded_report_by_report(raw_dir, warehouse_path, monkeypatch):
    big_report(raw_dir)
    monkeypatch.setenv("XXGK_DUCKDB_MEMORY", "16MB")  # DuckDB cannot hold the big report's text
    monkeypatch.setattr(ingest, "LOAD_ALONE_BYTES", 1 << 40)  # so it comes in one batch with the others
    result = ingest.run(raw_dir, warehouse_path)
    assert result.unstored == 1
    reason = failed_reason(warehouse_path, "%/big.txt")
    assert reason.startswith("could not be stored in the warehouse (OutOfMemoryException") and reason.endswith(
        "tried again next run"
    )
    assert query(
        warehouse_path, "SELECT count(*) FROM report_sections JOIN reports USING (report_id) WHERE source_path LIKE '%/big.txt'"
    ) == [(0,)]
    assert_samples_land(warehouse_path)
    monkeypatch.setenv("XXGK_DUCKDB_MEMORY", "256MB")
    assert ingest.run(raw_dir, warehouse_path).parsed == 1  # tried again, and now stored whole
    assert query(warehouse_path, "SELECT parse_status, agency FROM reports WHERE source_path LIKE '%/big.txt'") == [
        ("ok", "重庆市大文件局")
    ]


@pytest.mark.slow
def test_reports_too_large_for_a_batch_are_loaded_alone(raw_dir, warehouse_path, monkeypatch):
    big_report(raw_dir)
    big_report(raw_dir, body="重庆市大数据局", name="big2.txt")
    monkeypatch.setenv("XXGK_DUCKDB_MEMORY", "48MB")  # enough for one of them at a time, not both
    ingest.run(raw_dir, warehouse_path)
    assert query(warehouse_path, "SELECT parse_status, agency FROM reports WHERE source_path LIKE '%/big%.txt' ORDER BY 2") == [
        ("ok", "重庆市大数据局"),
        ("ok", "重庆市大文件局"),
    ]
    assert query(warehouse_path, "SELECT count(*) FROM report_sections WHERE length(body) > 6000000") == [(2,)]
    assert_samples_land(warehouse_path)


def test_the_sensor_sees_a_file_name_that_is_not_utf8_and_survives_a_long_path(raw_dir):
    from pipelines.sensors import folder_fingerprint

    before = folder_fingerprint(raw_dir)
    hostile.non_utf8_name(raw_dir)
    hostile.long_path(raw_dir)
    assert folder_fingerprint(raw_dir) != before
