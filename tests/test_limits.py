"""Per-file limits: a file over one is failed at once, naming the limit and the setting that
raises it; a parse that runs too long or needs too much memory is stopped, its worker replaced,
and the other files of its batch still land."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest

from parsers import limits
from parsers.limits import Limits
from pipelines import ingest
from pipelines.cli import main
from scripts import hostile

from .helpers import SAMPLES, query
from .helpers import assert_samples_land, failed_reason


def test_a_docx_of_100_mb_of_empty_paragraphs_is_refused_unread(raw_dir, warehouse_path):
    hostile.docx_empty_paragraphs(raw_dir / "paragraphs.docx", mb=100)
    assert (raw_dir / "paragraphs.docx").stat().st_size < 300_000
    started = time.monotonic()
    ingest.run(raw_dir, warehouse_path)
    assert time.monotonic() - started < 60  # was 590 s and 2.5 GB
    reason = failed_reason(warehouse_path, "%/paragraphs.docx")
    assert reason.startswith("over the size after decompression limit: 100.") and "XXGK_MAX_UNZIPPED_MB" in reason
    assert_samples_land(warehouse_path)


def test_a_docx_zip_bomb_is_refused_from_its_central_directory(raw_dir, warehouse_path):
    hostile.docx_zip_bomb(raw_dir / "bomb.docx", mb=256)
    ingest.run(raw_dir, warehouse_path)
    reason = failed_reason(warehouse_path, "%/bomb.docx")
    assert reason.startswith("over the size after decompression limit: 256.") and "--max-unzipped-mb" in reason
    assert_samples_land(warehouse_path)


def test_an_html_colspan_rowspan_bomb_is_refused(raw_dir, warehouse_path):
    hostile.html_span_bomb(raw_dir / "spans.html")  # 50 rows × 200 cells, each 1000 × 1000
    ingest.run(raw_dir, warehouse_path)
    assert failed_reason(warehouse_path, "%/spans.html") == (
        "over the table cells after colspan/rowspan expansion limit: over 100,000 cells by table 1 row 1, the limit is 100000 cells "
        "(raise it with XXGK_MAX_TABLE_CELLS or xxgk ingest --max-table-cells)"
    )
    assert_samples_land(warehouse_path)


def test_a_pdf_of_too_many_pages_is_refused(raw_dir, warehouse_path):
    hostile.pdf_pages(raw_dir / "pages.pdf", 501)
    ingest.run(raw_dir, warehouse_path)
    assert failed_reason(warehouse_path, "%/pages.pdf") == (
        "over the PDF pages limit: 501 pages, the limit is 500 pages (raise it with XXGK_MAX_PAGES or xxgk ingest --max-pages)"
    )
    assert_samples_land(warehouse_path)


@pytest.mark.slow
def test_a_parse_over_the_time_limit_is_stopped_and_the_batch_goes_on(raw_dir, warehouse_path):
    """The span bomb with the cell limit lifted: the reader would take minutes; the worker is
    stopped at the time limit and replaced, and the files after it in the batch are parsed."""
    hostile.html_span_bomb(raw_dir / "002_spans.html")  # sorts among the samples: files before and after it
    started = time.monotonic()
    # the memory limit lifted too: which limit a fast machine meets first is not what this test is about
    lifted = {"table_cells": 10**12, "parse_memory_mb": 8192}
    result = ingest.run(raw_dir, warehouse_path, limits=Limits(parse_seconds=3, **lifted))
    assert time.monotonic() - started < 30
    assert result.parsed == 6
    assert failed_reason(warehouse_path, "%/002_spans.html") == (
        "over the parse time limit: not parsed within 3 s, the parser was stopped "
        "(raise it with XXGK_PARSE_SECONDS or xxgk ingest --parse-seconds)"
    )
    assert_samples_land(warehouse_path)
    # over a limit is not retried run after run, unless the limits change
    assert ingest.run(raw_dir, warehouse_path, limits=Limits(parse_seconds=3, **lifted)).parsed == 0
    assert ingest.run(raw_dir, warehouse_path, limits=Limits(parse_seconds=2, **lifted)).parsed == 1


def test_a_parse_over_the_memory_limit_is_failed_and_its_worker_replaced(raw_dir, warehouse_path):
    """40 MB of empty paragraphs (under a raised decompression limit): the XML tree needs far more
    than the 128 MB a worker may add here."""
    hostile.docx_empty_paragraphs(raw_dir / "003_paragraphs.docx", mb=40)
    ingest.run(raw_dir, warehouse_path, limits=Limits(unzipped_mb=100, parse_memory_mb=128))
    assert failed_reason(warehouse_path, "%/003_paragraphs.docx") == (
        "over the parse memory limit: parsing it needed more than 128 MB "
        "(raise it with XXGK_PARSE_MEMORY_MB or xxgk ingest --parse-memory-mb)"
    )
    assert_samples_land(warehouse_path)


def _parse_workers() -> list[int]:
    """Process ids of this process's parse workers (spawned Python children)."""
    found = []
    for task in os.listdir("/proc/self/task"):
        with open(f"/proc/self/task/{task}/children") as f:
            for pid in f.read().split():
                with open(f"/proc/{pid}/cmdline", "rb") as c:
                    if b"multiprocessing" in c.read():
                        found.append(int(pid))
    return found


@pytest.mark.slow
def test_a_worker_that_dies_mid_file_is_replaced_and_only_that_file_fails(raw_dir, warehouse_path):
    hostile.html_span_bomb(raw_dir / "002_spans.html")
    killed = []

    def kill_when_busy() -> None:
        deadline = time.monotonic() + 30
        while not killed and time.monotonic() < deadline:
            time.sleep(0.5)
            for pid in _parse_workers():
                with open(f"/proc/{pid}/stat") as f:
                    if float(f.read().rsplit(")", 1)[1].split()[11]) > 150:  # utime ticks: deep in the bomb
                        os.kill(pid, 9)
                        killed.append(pid)

    killer = threading.Thread(target=kill_when_busy)
    killer.start()
    ingest.run(raw_dir, warehouse_path, limits=Limits(table_cells=10**12, parse_seconds=60))
    killer.join()
    assert killed
    reason = failed_reason(warehouse_path, "%/002_spans.html")
    assert reason.startswith("the parser process died on this file (signal SIGKILL)")
    assert_samples_land(warehouse_path)


def test_limits_come_from_defaults_environment_and_flags():
    assert limits.from_env({}) == Limits()
    env = {"XXGK_MAX_FILE_MB": "10", "XXGK_PARSE_SECONDS": "2.5", "XXGK_MAX_PAGES": "40"}
    assert limits.from_env(env, pages=7.0) == Limits(file_mb=10, parse_seconds=2.5, pages=7)
    with pytest.raises(ValueError, match="XXGK_MAX_TABLE_CELLS='lots': not a number"):
        limits.from_env({"XXGK_MAX_TABLE_CELLS": "lots"})
    with pytest.raises(ValueError, match="must be more than 0"):
        limits.from_env({}, parse_seconds=0)


def test_ingest_flags_set_the_limits(raw_dir, warehouse_path, monkeypatch, capsys):
    for env, *_ in limits.SETTINGS.values():
        monkeypatch.setenv(env, "")  # unset, and restored after the test: the CLI sets them for its run
    assert main(["ingest", "--raw", str(raw_dir), "--warehouse", str(warehouse_path), "--quiet", "--max-file-mb", "0.0068"]) == 0
    out = capsys.readouterr().out
    assert "reports: 3 ok, 0 with warnings, 2 failed" in out
    assert "the limit is 0.0068 MB (raise it with XXGK_MAX_FILE_MB or xxgk ingest --max-file-mb)" in out
    assert main(["ingest", "--raw", str(raw_dir), "--warehouse", str(warehouse_path), "--parse-seconds", "-1"]) == 2
    assert "must be more than 0" in capsys.readouterr().err


@pytest.mark.slow
def test_all_the_hostile_files_at_once(tmp_path):
    """Everything at once: the run finishes, each bad file is failed, the samples land.
    (scripts/hostile.py runs the same with the 2 GB zip bomb and prints the time and memory.)"""
    raw = tmp_path / "raw"
    raw.mkdir()
    for f in SAMPLES:
        (raw / f.name).write_bytes(f.read_bytes())
    hostile.write_all(raw, tmp_path / "outside", bomb_mb=128)
    started = time.monotonic()
    result = ingest.run(raw, tmp_path / "wh.duckdb")
    assert time.monotonic() - started < 180
    assert result.files == 15
    statuses = dict(query(tmp_path / "wh.duckdb", "SELECT parse_status, count(*) FROM reports GROUP BY 1"))
    unreadable = 0 if os.geteuid() == 0 else 1  # root reads a file of mode 000
    assert statuses == {"ok": 7 - unreadable, "failed": 8 + unreadable}
    assert "parse memory limit" in failed_reason(tmp_path / "wh.duckdb", "%/paragraphs_60mb.docx")
    assert_samples_land(tmp_path / "wh.duckdb")


def test_a_run_started_with_sigterm_ignored_still_exits_with_a_worker_running(tmp_path):
    """multiprocessing ends its daemon workers with SIGTERM at exit; a worker that inherited it
    ignored would keep the run waiting for ever."""
    script = (
        "import signal, sys\n"
        "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
        "from parsers.batch import ParsePool\n"
        "from parsers.limits import Limits\n"
        "pool = ParsePool('v', Limits())\n"
        "pool.prestart()\n"
        "assert pool.early[0].conn.recv()[0] == 'ready'\n"
        "sys.exit(0)\n"  # no close(): the exit handler meets the worker still serving
    )
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    done = subprocess.run([sys.executable, "-c", script], cwd=root, timeout=60, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
