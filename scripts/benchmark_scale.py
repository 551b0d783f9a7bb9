"""How ingest grows with the number of reports: figures to quote, never a pass or fail.

For each size N (default 1,000, 10,000 and 100,000 generated reports, scripts/make_corpus.py):
  - parse reports/s on one core (a sample of up to 2,000 of them, one process pinned to one CPU);
  - a full ingest into a fresh warehouse, in-process (pipelines.ingest.run, every core): its
    reports/s overall and marginal (from the first batch loaded to the last, start-up left out),
    the CPU time of the run and its workers per report (what a machine shared with others still
    shows fairly: 2 idle cores parse about 2000 / that many reports a second),
    and the resident memory of the whole process tree (the run and its parse workers), sampled
    from /proc every 0.1 s: the peak, and the peak of each quarter of the run (its trend);
  - 10 new files into that warehouse (the incremental run a sensor would start);
  - with --cli, the same full ingest through `xxgk ingest` (Dagster) for the start-up cost.

    python scripts/benchmark_scale.py [--sizes 1000,10000,100000] [--cli] [--workdir DIR] [--old DIR]

--old DIR: a checkout of an older version (`git archive COMMIT | tar -x -C DIR`, using this
environment): each full ingest runs with it too, right after the new one, and both are printed
side by side, so that the machine's load weighs on both alike. The corpus of the largest size is
generated once and the smaller sizes are its first files.
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
import resource, sys, time
from pathlib import Path
from pipelines import ingest
if __name__ == "__main__":
    start = time.perf_counter()
    loaded = []  # (seconds, reports loaded) at each batch
    def progress(message):
        if message.startswith("parsed and loaded "):
            loaded.append((time.perf_counter(), int(message.split()[-1].split("/")[0])))
    result = ingest.run(Path(sys.argv[1]), Path(sys.argv[2]), progress=progress)
    (t0, n0), (t1, n1) = loaded[0], loaded[-1]
    marginal = (n1 - n0) / (t1 - t0) if t1 > t0 else 0.0
    cpu = sum(u.ru_utime + u.ru_stime for u in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))
    print(f"{time.perf_counter() - start:.3f} {result.parsed} {marginal:.1f} {cpu:.2f}", flush=True)
"""


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants (children of every thread: the parse
    workers are started by the pool's thread, not the main one)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def run_measured(cmd: list[str], cwd: Path) -> tuple[float, str, int, list[int]]:
    """Wall seconds, stdout, peak resident memory of the process tree, and the peak of each quarter
    of the run."""
    samples: list[tuple[float, int]] = []
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            samples.append((time.perf_counter() - start, tree_rss(proc.pid)))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{out}\n{err[-3000:]}")
    wall = time.perf_counter() - start
    quarters = [max((m for t, m in samples if q * wall / 4 <= t < (q + 1) * wall / 4), default=0) for q in range(4)]
    return wall, out, max(quarters), quarters


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
    p.add_argument("--old", help="a checkout of an older version, run side by side with this one")
    p.add_argument("--no-parse-rate", action="store_true", help="skip the one-core parse rate")
    p.add_argument("--no-incremental", action="store_true", help="skip the run of 10 new files")
    p.add_argument("--repeat", type=int, default=1, help="full ingests of each version, alternating (best kept)")
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
    extra = paths[sizes[-1] :]
    versions = [("new", ROOT)] + ([("old", Path(args.old).resolve())] if args.old else [])
    print(
        f"{'reports':>9} {'code':>4} {'parse/s/core':>13} {'ingest s':>9} {'reports/s':>10} {'marginal/s':>11} {'cpu ms/report':>14}"
        f" {'peak MB':>8} {'peak MB by quarter of the run':>30} {'+10 new s':>10}"
        + (f" {'xxgk ingest s':>14}" if args.cli else ""),
        flush=True,
    )
    for n in sizes:
        raw = work / f"raw_{n}"
        shutil.rmtree(raw, ignore_errors=True)
        raw.mkdir()
        for path in paths[:n]:
            os.link(path, raw / path.name)
        rate = None if args.no_parse_rate else parse_rate(paths[:n])
        lines = {}
        for name, code in [v for _ in range(args.repeat) for v in versions]:
            wh = work / f"w_{n}_{name}.duckdb"
            for old in work.glob(f"w_{n}_{name}.duckdb*"):
                old.unlink()
            _, out, peak, quarters = run_measured([sys.executable, "-c", RUN, str(raw), str(wh)], code)
            seconds, _, marginal, cpu = map(float, out.split())
            best = lines.get(name, (float("inf"), 0.0, float("inf"), float("inf")))
            lines[name] = (min(seconds, best[0]), max(marginal, best[1]), min(peak, best[2]), min(cpu, best[3]))
            line = (
                f"{n:>9} {name:>4} {rate if rate and name == 'new' else 0:>13.0f} {seconds:>9.1f} {n / seconds:>10.0f}"
                f" {marginal:>11.0f} {cpu / n * 1000:>14.2f} {peak / 2**20:>8.0f}"
                f" {' '.join(f'{q / 2**20:>6.0f}' for q in quarters):>30}"
            )
            if not args.no_incremental:
                for path in extra:
                    os.link(path, raw / path.name)
                _, out_inc, _, _ = run_measured([sys.executable, "-c", RUN, str(raw), str(wh)], code)
                for path in extra:
                    (raw / path.name).unlink()
                line += f" {float(out_inc.split()[0]):>10.2f}"
            if args.cli and name == "new":
                for old in work.glob(f"c_{n}.duckdb*"):
                    old.unlink()
                wall, _, _, _ = run_measured(
                    [
                        str(ROOT / ".venv/bin/xxgk"),
                        "ingest",
                        "--raw",
                        str(raw),
                        "--warehouse",
                        str(work / f"c_{n}.duckdb"),
                        "--quiet",
                    ],
                    ROOT,
                )
                line += f" {wall:>14.1f}"
            print(line, flush=True)
        if "old" in lines:
            (s_new, m_new, p_new, c_new), (s_old, m_old, p_old, c_old) = lines["new"], lines["old"]
            print(
                f"{n:>9} {'old/new':>7} (best of {args.repeat}): ingest time {s_old / s_new:.2f}x, marginal rate"
                f" {m_new / max(m_old, 1e-9):.2f}x, cpu per report {c_old / c_new:.2f}x, peak memory {p_old / max(p_new, 1):.2f}x",
                flush=True,
            )
        shutil.rmtree(raw, ignore_errors=True)
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
