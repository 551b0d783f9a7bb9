"""Partitioned parsing on Celery: one worker against two, on a PDF-heavy corpus. Figures, not a test.

Generates N reports (scripts/make_corpus.py; PDFs through LibreOffice, plus a share of txt),
starts a throwaway Redis on 127.0.0.1 and W Celery workers (one step at a time each), and times
the `parse` job over every shard (one run per shard, all launched at once, as a backfill does)
into a fresh parsed store, then the `load` job; once with one worker and once with two. Prints
both and the ratio, with the in-process `xxgk ingest` path (pipelines.ingest.run) beside them.

    python scripts/benchmark_partitions.py [--n 120] [--pdf-share 0.8] [--shards 8] [--scans DIR] [--workdir DIR]

--scans adds the image-only PDFs of DIR (scripts/make_scans.py DIR), read by OCR: the scans a
national corpus is full of, and where the parse time goes.

Needs redis-server (Debian) and the `scale` extra (`bash scripts/setup --test` installs both).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import dagster as dg  # noqa: E402
import duckdb  # noqa: E402

from pipelines import ingest, partitions  # noqa: E402
from scripts.benchmark import machine  # noqa: E402
from tests.test_partitions import Workers, redis_server  # noqa: E402


def corpus(out: Path, n: int, pdf_share: float, scans: Path | None, copies: int = 1) -> Path:
    """n reports: the PDF share as PDFs, the rest as txt (the same seed, so the same reports);
    and the scanned PDFs of `scans`."""
    raw = out / ("raw" if scans is None else "raw_scans")
    if raw.is_dir():
        shutil.rmtree(raw)
    made = out / "made"
    shutil.rmtree(made, ignore_errors=True)
    n_pdf = round(n * pdf_share)
    subprocess.run([sys.executable, "scripts/make_corpus.py", str(made / "pdf"), "--n", str(n), "--seed", "7",
                    "--formats", "pdf"], cwd=ROOT, check=True, capture_output=True)
    subprocess.run([sys.executable, "scripts/make_corpus.py", str(made / "txt"), "--n", str(n), "--seed", "7"],
                   cwd=ROOT, check=True, capture_output=True)
    raw.mkdir(parents=True, exist_ok=True)
    pdfs = sorted((made / "pdf").glob("*.pdf"))[:n_pdf]
    taken = {p.stem for p in pdfs}
    txts = [t for t in sorted((made / "txt").glob("*.txt")) if t.stem not in taken][: n - len(pdfs)]
    for f in pdfs + txts:
        shutil.copy(f, raw / f.name)
    for f in sorted(scans.glob("*.pdf")) if scans else []:
        for i in range(copies):  # the same pages, other bytes (a PDF comment after the end): parsed again
            (raw / f"scan_{i}_{f.name}").write_bytes(f.read_bytes() + (f"\n%copy {i}\n".encode() if i else b""))
    return raw


def run_on(workers_n: int, raw: Path, base: Path, url: str, shards: int) -> tuple[float, float, int]:
    """Seconds for parse (every shard) and load with workers_n Celery workers; and how many workers parsed."""
    if base.exists():
        shutil.rmtree(base)
    (base / "home").mkdir(parents=True)
    (base / "home" / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    env = {"XXGK_RAW": str(raw), "XXGK_WAREHOUSE": str(base / "wh" / "xxgk.duckdb"), "XXGK_STORE": str(base / "parsed"),
           "XXGK_SHARDS": str(shards), "XXGK_EXECUTOR": "celery", "DAGSTER_HOME": str(base / "home")}
    os.environ.update(env)
    workers = Workers(url, env, base, visibility_seconds=3600)
    try:
        for i in range(workers_n):
            workers.start(f"w{i}")
        config = {"execution": {"config": {"broker": url, "backend": url}}}
        start = time.perf_counter()
        done = partitions.backfill(partitions.shard_keys(shards), run_config=config, at_once=shards)
        parsed = time.perf_counter() - start
        if not all(done.values()):
            raise SystemExit(f"parse runs failed: {done}")
        instance = dg.DagsterInstance.get()
        with instance:
            pids = {r.asset_materialization.metadata["pid"].value
                    for r in instance.fetch_materializations(dg.AssetKey("parsed_reports"), limit=10_000).records}
        start = time.perf_counter()
        if not partitions.load(config):
            raise SystemExit("the load run failed")
        loaded = time.perf_counter() - start
        with duckdb.connect(env["XXGK_WAREHOUSE"], read_only=True) as con:
            print(f"  {workers_n} worker(s): " + ", ".join(
                f"{n} {s}" for s, n in con.sql("SELECT parse_status, count(*) FROM reports GROUP BY ALL ORDER BY 1").fetchall()))
        return parsed, loaded, len(pids)
    finally:
        workers.stop()


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=120)
    p.add_argument("--pdf-share", type=float, default=0.8)
    p.add_argument("--shards", type=int, default=8)
    p.add_argument("--scans", type=Path, help="a folder of scanned PDFs (scripts/make_scans.py) to add")
    p.add_argument("--scan-copies", type=int, default=1, help="each scan this many times, as distinct files")
    p.add_argument("--no-in-process", action="store_true", help="skip the in-process run")
    p.add_argument("--workdir", type=Path)
    args = p.parse_args()
    if shutil.which("redis-server") is None:
        return print("redis-server is not installed (bash scripts/setup --test)") or 2
    work = args.workdir or Path(tempfile.mkdtemp(prefix="xxgk-bench-partitions-"))
    raw = corpus(work, args.n, args.pdf_share, args.scans, args.scan_copies)
    kinds = sorted(f.suffix for f in raw.iterdir())
    scanned = len(list(raw.glob("scan_*")))
    print(machine())
    print(f"corpus: {len(kinds)} reports ({kinds.count('.pdf') - scanned} pdf, {scanned} scanned pdf, "
          f"{kinds.count('.txt')} txt), {args.shards} shards")

    inproc = float("nan")
    if not args.no_in_process:
        start = time.perf_counter()
        status = ingest.run(raw, work / "inprocess" / "xxgk.duckdb", full=True).summary["status"]
        inproc = time.perf_counter() - start
        print("reports: " + ", ".join(f"{n} {s}" for s, n in sorted(status.items())))
    with redis_server(work) as url:
        one = run_on(1, raw, work / "one", url, args.shards)
        two = run_on(2, raw, work / "two", url, args.shards)
    print(f"{'':34}{'parse':>9}{'load':>9}{'total':>9}")
    if not args.no_in_process:
        print(f"{'xxgk ingest path (in-process)':34}{'':>9}{'':>9}{inproc:>8.1f}s")
    for label, (parsed, loaded, used) in (("1 Celery worker", one), ("2 Celery workers", two)):
        print(f"{label + f' ({used} parsed)':34}{parsed:>8.1f}s{loaded:>8.1f}s{parsed + loaded:>8.1f}s")
    print(f"speed-up of the parse, 2 workers against 1: {one[0] / two[0]:.2f}x; parse and load: "
          f"{(one[0] + one[1]) / (two[0] + two[1]):.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
