"""A run killed at any moment (kill -9) leaves every report whole, old rows or new, never half;
the next run finishes the job."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipelines import ingest
from scripts.make_corpus import generate

from . import gold
from .helpers import ROOT, query

pytestmark = pytest.mark.slow  # runs killed mid-way and run again

DRIVER = """
import sys
from pathlib import Path
from pipelines import ingest
from scripts.make_corpus import generate
if __name__ == "__main__":
    ingest.run(Path(sys.argv[1]), Path(sys.argv[2]), batch_size=40, workers=int(sys.argv[3]),
               progress=lambda m: print(m, flush=True))
"""


def make_corpus(raw: Path, gold_dir: Path, n: int) -> None:
    """Reports into raw, their gold files into gold_dir (a raw folder holds only reports)."""
    generate(raw, n, seed=7)
    for g in raw.glob("*.json"):
        g.rename(gold_dir / g.name)


def assert_whole(wh: Path) -> int:
    """Every stored report has all its rows, and no row is without its report."""
    n = query(wh, "SELECT count(*) FROM reports")[0][0]
    per_report = query(
        wh,
        """SELECT r.report_id,
            (SELECT count(*) FROM applications a WHERE a.report_id = r.report_id),
            (SELECT count(*) FROM review_litigation l WHERE l.report_id = r.report_id),
            (SELECT count(*) FROM report_sections s WHERE s.report_id = r.report_id)
        FROM reports r""",
    )
    assert all(apps == 26 * 7 and rl == 15 and sections == 6 for _, apps, rl, sections in per_report), per_report[:3]
    for table in ("applications", "review_litigation", "active_disclosure", "report_sections", "validation_issues"):
        orphans = query(wh, f"SELECT count(*) FROM {table} WHERE report_id NOT IN (SELECT report_id FROM reports)")
        assert orphans == [(0,)], table
    return n


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("crash")
    (base / "gold").mkdir()
    raw = base / "raw"
    raw.mkdir()
    make_corpus(raw, base / "gold", 400)
    return raw


@pytest.mark.parametrize("workers, kill_after", [(1, 0), (1, 2), (1, 5), (2, 3)])
def test_kill_9_during_a_run_leaves_reports_whole_and_the_next_run_finishes(corpus, tmp_path, workers, kill_after):
    wh = tmp_path / "w.duckdb"
    proc = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(corpus), str(wh), str(workers)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    lines = 0
    while lines <= kill_after:  # line 0: the scan is done; line k: k batches are loaded
        if not proc.stdout.readline():
            break
        lines += 1
    time.sleep(0.05 * kill_after)  # somewhere inside the next batch's parse or load
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    if wh.exists():
        assert assert_whole(wh) % 40 == 0  # whole batches only
    result = ingest.run(corpus, wh)
    assert assert_whole(wh) == 400
    assert result.parsed == 400 - result.skipped
    sample = sorted(corpus.glob("*.txt"))[123]
    truth = gold.load(corpus.parent / "gold" / f"{sample.stem}.json")
    cells = {
        ("applications", r, a): c
        for r, a, c in query(
            wh,
            f"""SELECT a.row_code, a.applicant, a.count FROM applications a
                 JOIN reports USING (report_id) WHERE source_path LIKE '%{sample.name}'""",
        )
    }
    expected = {k: v for k, v in gold.expected_cells(truth).items() if k[0] == "applications"}
    assert gold.differences(expected, cells) == []
