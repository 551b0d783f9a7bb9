"""A batch load scans the large tables only when it can find something there (sql/load/batch_state.sql):
what it must still do, batch by batch, without the run's final sync_files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import polars as pl

from parsers import batch
from pipelines import warehouse

from .helpers import SAMPLES  # the sample reports in data/raw: the tests need no ../shared


def _parsed(paths: list[Path]) -> tuple[dict[str, pl.DataFrame], pl.DataFrame]:
    files = [batch.RawFile(str(p), bytes(p), *_hash(p)) for p in paths]
    return batch.parse_files(files, batch.parser_version()), batch.files_frame(files)


def _hash(path: Path) -> tuple[str, int]:
    data = path.read_bytes()
    return hashlib.sha256(data).hexdigest(), len(data)


def _load(warehouse_path: Path, frames: dict[str, pl.DataFrame], files: pl.DataFrame) -> None:
    with warehouse.connect(warehouse_path) as con:
        warehouse.ensure_schema(con)
        warehouse.load_batch(con, frames, files)


def _counts(warehouse_path: Path) -> dict[str, int]:
    con = duckdb.connect(str(warehouse_path), read_only=True)
    try:
        return {t: con.sql(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in ("reports", "applications", "source_files")}
    finally:
        con.close()


def test_a_batch_loaded_again_replaces_its_reports(warehouse_path):
    frames, files = _parsed(SAMPLES[:2])
    _load(warehouse_path, frames, files)
    once = _counts(warehouse_path)
    assert once == {"reports": 2, "applications": 2 * 26 * 7, "source_files": 2}
    _load(warehouse_path, frames, files)  # the same reports: deleted first, not added twice
    assert _counts(warehouse_path) == once


def test_a_path_loaded_with_other_bytes_leaves_no_old_report(tmp_path, warehouse_path):
    path = tmp_path / "report.txt"
    path.write_bytes(SAMPLES[0].read_bytes())
    _load(warehouse_path, *_parsed([path]))
    path.write_text(SAMPLES[0].read_text(encoding="utf-8").replace("64\t6\t0\t0\t0\t70", "65\t6\t0\t0\t0\t71"), encoding="utf-8")
    frames, files = _parsed([path])
    _load(warehouse_path, frames, files)  # the path points at the new report; the old one goes with all its rows
    assert _counts(warehouse_path) == {"reports": 1, "applications": 26 * 7, "source_files": 1}
    con = duckdb.connect(str(warehouse_path), read_only=True)
    try:
        (stored,) = con.sql("SELECT report_id FROM reports").fetchall()[0]
        total = con.sql("SELECT count FROM applications WHERE row_code = 'new_received' AND applicant = 'total'").fetchall()
    finally:
        con.close()
    assert stored == frames["reports"]["report_id"][0] and total == [(71,)]


def test_a_report_no_file_points_at_is_not_kept(warehouse_path):
    frames, files = _parsed(SAMPLES[:2])
    _load(warehouse_path, frames, files.head(1))  # the second report's file is not in the batch
    assert _counts(warehouse_path) == {"reports": 1, "applications": 26 * 7, "source_files": 1}
