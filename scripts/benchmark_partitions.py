"""Partitioned parsing on Celery: one worker against two, on a PDF-heavy corpus. Figures, not a test.

Generates N reports (scripts/make_corpus.py; PDFs through LibreOffice, plus a share of txt; kept in
WORKDIR/made and reused by the next call with the same WORKDIR), starts a throwaway Redis on
127.0.0.1 and W Celery workers (one step at a time each), and times the `parse` job over every
shard (one run per shard, all launched at once, as a backfill does) into a fresh parsed store; then
the same runs again, which find nothing to parse (what a shard run costs by itself); then the `load`
job. With one worker and with two, in alternating order, --repeat times; each repeat prints its own
ratio and the machine's load.

    python scripts/benchmark_partitions.py [--n 120] [--pdf-share 0.8] [--shards 8] [--scans DIR]
        [--repeat 2] [--storage postgres|sqlite] [--workdir DIR]

--scans adds the image-only PDFs of DIR (scripts/make_scans.py DIR), read by OCR: the scans a
national corpus is full of, and where the parse time goes.

--storage: Dagster's records in a throwaway PostgreSQL (deploy/dagster.yaml, the instance of
docs/scaling.md for more than one machine; the default when its binaries are installed), or in
Dagster's default SQLite files under DAGSTER_HOME (one database file per run).

Needs redis-server (Debian) and the `scale` extra (`bash scripts/setup --test` installs both;
PostgreSQL too).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import dagster as dg  # noqa: E402
import duckdb  # noqa: E402

from pipelines import ingest, partitions  # noqa: E402
from scripts.benchmark import machine  # noqa: E402
from tests.test_partitions import Workers, redis_server  # noqa: E402
from tests.test_scale_out import PG_ENV, PostgresUnavailable, postgres_server  # noqa: E402


def corpus(out: Path, n: int, pdf_share: float, scans: Path | None, copies: int = 1) -> Path:
    """n reports: the PDF share as PDFs, the rest as txt (the same seed, so the same reports);
    and the scanned PDFs of `scans`."""
    raw = out / ("raw" if scans is None else "raw_scans")
    if raw.is_dir():
        shutil.rmtree(raw)
    made = out / "made"
    for fmt, formats in (("pdf", ["--formats", "pdf"]), ("txt", [])):
        if len(list((made / fmt).glob(f"*.{fmt}"))) < n:  # made once per workdir: the PDFs take minutes
            shutil.rmtree(made / fmt, ignore_errors=True)
            subprocess.run(
                [sys.executable, "scripts/make_corpus.py", str(made / fmt), "--n", str(n), "--seed", "7", *formats],
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
    raw.mkdir(parents=True, exist_ok=True)
    n_pdf = round(n * pdf_share)
    pdfs = sorted((made / "pdf").glob("*.pdf"))[:n_pdf]
    taken = {p.stem for p in pdfs}
    txts = [t for t in sorted((made / "txt").glob("*.txt")) if t.stem not in taken][: n - len(pdfs)]
    for f in pdfs + txts:
        shutil.copy(f, raw / f.name)
    for f in sorted(scans.glob("*.pdf")) if scans else []:
        for i in range(copies):  # the same pages, other bytes (a PDF comment after the end): parsed again
            (raw / f"scan_{i}_{f.name}").write_bytes(f.read_bytes() + (f"\n%copy {i}\n".encode() if i else b""))
    return raw


@dataclass
class Timing:
    parse: float  # every shard parsed, from an empty store
    idle: float  # every shard run again, nothing to parse: the shard runs' own cost
    load: float
    used: int  # workers whose pid the shards' materializations name
    load_avg: float  # the machine's 1-minute load when the parse began


def run_on(workers_n: int, raw: Path, base: Path, url: str, shards: int, pg_port: int | None) -> Timing:
    if base.exists():
        shutil.rmtree(base)
    home = base / "home"
    home.mkdir(parents=True)
    env = {
        "XXGK_RAW": str(raw),
        "XXGK_WAREHOUSE": str(base / "wh" / "xxgk.duckdb"),
        "XXGK_STORE": str(base / "parsed"),
        "XXGK_SHARDS": str(shards),
        "XXGK_EXECUTOR": "celery",
        "DAGSTER_HOME": str(home),
    }
    if pg_port is None:
        (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    else:
        import psycopg2

        db = f"bench_{base.name}"
        con = psycopg2.connect(host="127.0.0.1", port=pg_port, user="dagster", dbname="postgres")
        con.autocommit = True
        con.cursor().execute(f"DROP DATABASE IF EXISTS {db}")
        con.cursor().execute(f"CREATE DATABASE {db}")
        con.close()
        shutil.copy(ROOT / "deploy" / "dagster.yaml", home / "dagster.yaml")
        env |= {**PG_ENV, "DAGSTER_PG_PORT": str(pg_port), "DAGSTER_PG_DB": db}
    os.environ.update(env)
    workers = Workers(url, env, base, visibility_seconds=3600)
    try:
        for i in range(workers_n):
            workers.start(f"w{i}")
        config = {"execution": {"config": {"broker": url, "backend": url}}}
        keys = partitions.shard_keys(shards)
        load_avg = os.getloadavg()[0]
        start = time.perf_counter()
        done = partitions.backfill(keys, run_config=config, at_once=shards)
        parsed = time.perf_counter() - start
        if not all(done.values()):
            raise SystemExit(f"parse runs failed: {done}")
        start = time.perf_counter()
        if not all(partitions.backfill(keys, run_config=config, at_once=shards).values()):
            raise SystemExit("parse runs with nothing to parse failed")
        idle = time.perf_counter() - start
        instance = dg.DagsterInstance.get()
        with instance:
            pids = {
                r.asset_materialization.metadata["pid"].value
                for r in instance.fetch_materializations(dg.AssetKey("parsed_reports"), limit=10_000).records
            }
        start = time.perf_counter()
        if not partitions.load(config):
            raise SystemExit("the load run failed")
        loaded = time.perf_counter() - start
        with duckdb.connect(env["XXGK_WAREHOUSE"], read_only=True) as con:
            print(
                f"  {workers_n} worker(s): "
                + ", ".join(
                    f"{n} {s}"
                    for s, n in con.sql("SELECT parse_status, count(*) FROM reports GROUP BY ALL ORDER BY 1").fetchall()
                ),
                flush=True,
            )
        return Timing(parsed, idle, loaded, len(pids), load_avg)
    finally:
        workers.stop()


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=120)
    p.add_argument("--pdf-share", type=float, default=0.8)
    p.add_argument("--shards", type=int, default=8)
    p.add_argument("--scans", type=Path, help="a folder of scanned PDFs (scripts/make_scans.py) to add")
    p.add_argument("--scan-copies", type=int, default=1, help="each scan this many times, as distinct files")
    p.add_argument("--repeat", type=int, default=2, help="1 and 2 workers this many times, in alternating order")
    p.add_argument("--first", type=int, choices=(1, 2), default=1, help="workers of the first run of the first repeat")
    p.add_argument("--storage", choices=("postgres", "sqlite"), help="Dagster's records (default postgres when installed)")
    p.add_argument("--in-process", action="store_true", help="also time the `xxgk ingest` path, in-process")
    p.add_argument("--workdir", type=Path)
    args = p.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stopped by `timeout`: still stop the servers and workers
    if shutil.which("redis-server") is None:
        return print("redis-server is not installed (bash scripts/setup --test)") or 2
    work = args.workdir or Path(tempfile.mkdtemp(prefix="xxgk-bench-partitions-"))
    raw = corpus(work, args.n, args.pdf_share, args.scans, args.scan_copies)
    kinds = sorted(f.suffix for f in raw.iterdir())
    scanned = len(list(raw.glob("scan_*")))
    print(machine())
    print(
        f"corpus: {len(kinds)} reports ({kinds.count('.pdf') - scanned} pdf, {scanned} scanned pdf, "
        f"{kinds.count('.txt')} txt), {args.shards} shards"
    )

    if args.in_process:
        start = time.perf_counter()
        status = ingest.run(raw, work / "inprocess" / "xxgk.duckdb", full=True).summary["status"]
        print(
            f"xxgk ingest path (in-process): {time.perf_counter() - start:.1f}s; reports: "
            + ", ".join(f"{n} {s}" for s, n in sorted(status.items()))
        )
    with contextlib.ExitStack() as stack:
        pg_port = None
        if args.storage != "sqlite":
            try:
                pg_port = stack.enter_context(postgres_server(fsync=True))
            except PostgresUnavailable as e:
                if args.storage == "postgres":
                    return print(f"PostgreSQL: {e}") or 2
        print(f"Dagster's records: {'PostgreSQL (deploy/dagster.yaml)' if pg_port else 'SQLite under DAGSTER_HOME'}")
        url = stack.enter_context(redis_server(work))
        rows = []
        for r in range(args.repeat):
            got = {}
            for w in (1, 2) if (r + args.first - 1) % 2 == 0 else (2, 1):
                got[w] = t = run_on(w, raw, work / f"w{w}", url, args.shards, pg_port)
                print(
                    f"  repeat {r + 1}, {w} worker(s), load {t.load_avg:.1f}: parse {t.parse:.1f}s, "
                    f"idle shard runs {t.idle:.1f}s, load {t.load:.1f}s",
                    flush=True,
                )
            rows.append(got)
    print(
        f"\n{'repeat':<8}{'workers':>8}{'load avg':>10}{'parse':>9}{'idle runs':>11}{'load':>8}{'parsed on':>11}{'parse 1/2':>11}"
    )
    ratios = []
    for r, got in enumerate(rows, 1):
        ratio = got[1].parse / got[2].parse
        ratios.append(ratio)
        for w in (1, 2):
            t = got[w]
            print(
                f"{r:<8}{w:>8}{t.load_avg:>10.1f}{t.parse:>8.1f}s{t.idle:>10.1f}s{t.load:>7.1f}s{t.used:>11}"
                + (f"{ratio:>10.2f}x" if w == 2 else "")
            )
    print(f"speed-up of the parse, 2 workers against 1, each repeat: {', '.join(f'{x:.2f}x' for x in ratios)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
