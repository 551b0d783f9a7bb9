"""Two processes at the warehouse: a second ingest is refused plainly; a reader waits its turn."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from pipelines import ingest
from pipelines.cli import main


def test_second_ingest_exits_with_a_clear_message(raw_dir, warehouse_path, capsys):
    with ingest.run_lock(warehouse_path):
        with pytest.raises(ingest.IngestBusy, match="another ingest is running"):
            ingest.run(raw_dir, warehouse_path)
        assert main(["ingest", "--raw", str(raw_dir), "--warehouse", str(warehouse_path)]) == 2
        assert "another ingest is running (pid" in capsys.readouterr().err
    assert ingest.run(raw_dir, warehouse_path).parsed == 5  # the lock is gone with its holder


def hold_warehouse(path, seconds: float) -> subprocess.Popen:
    code = (
        "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); print('held', flush=True); "
        f"time.sleep({seconds}); con.close()"
    )
    p = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "held"
    return p


@pytest.mark.slow
def test_sql_during_a_write_waits_then_answers(raw_dir, warehouse_path, capsys):
    ingest.run(raw_dir, warehouse_path)
    holder = hold_warehouse(warehouse_path, 1.5)
    started = time.monotonic()
    assert main(["sql", "SELECT count(*) AS n FROM reports", "--warehouse", str(warehouse_path), "--format", "csv"]) == 0
    assert capsys.readouterr().out == "n\n5\n"
    assert time.monotonic() - started >= 0.5
    holder.wait()


@pytest.mark.slow
def test_sql_gives_up_with_a_message_not_a_traceback(raw_dir, warehouse_path, capsys):
    ingest.run(raw_dir, warehouse_path)
    holder = hold_warehouse(warehouse_path, 4)
    try:
        assert main(["sql", "SELECT 1", "--warehouse", str(warehouse_path), "--wait", "0.5"]) == 2
        err = capsys.readouterr().err
        assert "held by another process" in err and "Traceback" not in err
    finally:
        holder.kill()
        holder.wait()
