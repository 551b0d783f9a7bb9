"""Deciding every report's status after the checks across reports, old against new, side by side:
old = the SQL statement that re-derived it (sql/load/statuses.sql at REV), new = the findings read
into polars, parsers.checks.statuses, and the changed rows written back (pipelines.warehouse).

    python scripts/benchmark_statuses.py WAREHOUSE [--rev 70b28a6] [--rounds 5]

Each round runs on a fresh copy of the warehouse; best of the rounds, in seconds.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import duckdb

from parsers import checks
from pipelines import warehouse

ROOT = Path(__file__).resolve().parent.parent


def old(con: duckdb.DuckDBPyConnection, statement: str) -> None:
    con.execute(statement)


def new(con: duckdb.DuckDBPyConnection) -> None:
    decided = checks.statuses(con.sql(warehouse.sql("analyses/status_findings.sql")).pl())
    con.register("decided_statuses", decided.to_arrow())
    con.execute(warehouse.sql("load/statuses.sql"))
    con.unregister("decided_statuses")


def timed(path: Path, run) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "wh.duckdb"
        shutil.copy(path, copy)
        con = duckdb.connect(str(copy))
        start = time.perf_counter()
        con.execute("BEGIN")
        run(con)
        con.execute("COMMIT")
        seconds = time.perf_counter() - start
        statuses = con.sql("SELECT parse_status, count(*) FROM reports GROUP BY ALL ORDER BY ALL").fetchall()
        con.close()
    return seconds, statuses


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("warehouse", type=Path)
    p.add_argument("--rev", default="70b28a6")
    p.add_argument("--rounds", type=int, default=5)
    args = p.parse_args()
    statement = subprocess.run(
        ["git", "show", f"{args.rev}:sql/load/statuses.sql"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    with duckdb.connect(str(args.warehouse), read_only=True) as con:
        reports, findings = con.sql("SELECT (SELECT count(*) FROM reports), (SELECT count(*) FROM validation_issues)").fetchall()[
            0
        ]
    results = {"old (SQL)": [], "new (checks.statuses)": []}
    for _ in range(args.rounds):  # alternating, so the machine's other load falls on both
        results["old (SQL)"].append(timed(args.warehouse, lambda con: old(con, statement)))
        results["new (checks.statuses)"].append(timed(args.warehouse, new))
    print(f"{reports} reports, {findings} findings; best of {args.rounds}")
    for name, runs in results.items():
        print(f"  {name:24} {min(s for s, _ in runs):.3f} s   statuses {runs[0][1]}")


if __name__ == "__main__":
    main()
