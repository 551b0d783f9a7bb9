"""How ingest grows with the number of reports: figures to quote, never a pass or fail.

For each size N (default 1,000, 10,000 and 100,000 generated reports, scripts/make_corpus.py):
  - parse reports/s on one core (a sample of up to 2,000 of them, one process pinned to one CPU);
  - a full ingest into a fresh warehouse, in-process (pipelines.ingest.run, every core), with the
    peak memory of the whole process tree (the run and its parse workers), sampled from /proc;
  - 10 new files into that warehouse (the incremental run a sensor would start);
  - with --cli, the same full ingest through `xxgk ingest` (Dagster) for the start-up cost.

    python scripts/benchmark_scale.py [--sizes 1000,10000,100000] [--cli] [--workdir DIR]

The corpus of the largest size is generated once and the smaller sizes are its first files.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parsers import batch, frames  # noqa: E402
from scripts.benchmark import machine  # noqa: E402
from scripts.make_corpus import generate  # noqa: E402

RUN = """
import sys, time
from pathlib import Path
from pipelines import ingest
if __name__ == "__main__":
    start = time.perf_counter()
    result = ingest.run(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{time.perf_counter() - start:.3f} {result.parsed}", flush=True)
"""


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo += [int(c) for c in f.read().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def run_measured(cmd: list[str], cwd: Path) -> tuple[float, str, int]:
    """Wall seconds, stdout, peak resident memory of the process tree."""
    peak = 0
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(proc.pid))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{out}\n{err[-3000:]}")
    return time.perf_counter() - start, out, peak


def parse_rate(paths: list[Path]) -> float:
    sample = paths[:2000]
    files = [frames.SourceFile(str(p), frames.sha256_of(p.read_bytes()), p.stat().st_size) for p in sample]
    version = batch.parser_version()
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(before)})
    try:
        batch.parse_files(files[:20], version)
        start = time.perf_counter()
        batch.parse_files(files, version)
        return len(files) / (time.perf_counter() - start)
    finally:
        os.sched_setaffinity(0, before)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="1000,10000,100000")
    p.add_argument("--cli", action="store_true", help="also time `xxgk ingest` (Dagster) at each size")
    p.add_argument("--workdir", help="keep the corpus here (reused when present)")
    args = p.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    work = Path(args.workdir) if args.workdir else Path(tempfile.mkdtemp(prefix="xxgk-scale-"))
    corpus = work / "corpus"
    print(f"xxgk scale benchmark · {machine()}", flush=True)
    if len(list(corpus.glob("*.txt"))) < sizes[-1] + 10:
        shutil.rmtree(corpus, ignore_errors=True)
        start = time.perf_counter()
        generate(corpus, sizes[-1] + 10, seed=1)
        print(f"corpus    {sizes[-1] + 10} reports generated in {time.perf_counter() - start:.0f} s", flush=True)
    paths = sorted(corpus.glob("*.txt"))
    extra = paths[sizes[-1]:]
    print(f"{'reports':>9} {'parse/s/core':>13} {'ingest s':>9} {'reports/s':>10} {'peak MB':>8} {'+10 new s':>10}"
          + (f" {'xxgk ingest s':>14}" if args.cli else ""), flush=True)
    for n in sizes:
        raw = work / f"raw_{n}"
        shutil.rmtree(raw, ignore_errors=True)
        raw.mkdir()
        for path in paths[:n]:
            os.link(path, raw / path.name)
        wh = work / f"w_{n}.duckdb"
        for old in work.glob(f"w_{n}.duckdb*"):
            old.unlink()
        rate = parse_rate(paths[:n])
        _, out, peak = run_measured([sys.executable, "-c", RUN, str(raw), str(wh)], ROOT)
        seconds = float(out.split()[0])
        for path in extra:
            os.link(path, raw / path.name)
        _, out_inc, _ = run_measured([sys.executable, "-c", RUN, str(raw), str(wh)], ROOT)
        line = f"{n:>9} {rate:>13.0f} {seconds:>9.1f} {n / seconds:>10.0f} {peak / 2**20:>8.0f} {float(out_inc.split()[0]):>10.2f}"
        if args.cli:
            for old in work.glob(f"c_{n}.duckdb*"):
                old.unlink()
            wall, _, _ = run_measured([str(ROOT / ".venv/bin/xxgk"), "ingest", "--raw", str(raw),
                                       "--warehouse", str(work / f"c_{n}.duckdb"), "--quiet"], ROOT)
            line += f" {wall:>14.1f}"
        print(line, flush=True)
        shutil.rmtree(raw, ignore_errors=True)
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
