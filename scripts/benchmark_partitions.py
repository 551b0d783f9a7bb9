"""Parsing spread over Celery workers: one worker against two, on a PDF-heavy corpus. Figures, not a test.

Generates N reports (scripts/make_corpus.py; PDFs through LibreOffice, plus a share of txt; kept in
WORKDIR/made and reused by the next call with the same WORKDIR), starts a throwaway Redis on
127.0.0.1 and W Celery workers (one step at a time each), and for each path, from an empty store
and warehouse, times the parse of every shard and the load:

  sharded   one run of `sharded_ingest`: a step per shard (heaviest first), then the load step
  backfill  one `parse` run per shard, all launched at once as a backfill does, then a `load` run

then the same again with nothing to parse (what the runs cost by themselves). With one worker and
with two, in alternating order, --repeat times. It prints, for each, the wall times (launch to the
last shard parsed, the parse steps alone, the whole with the load), the parse steps' summed work
and the longest shard (the bound the shards put on the speed-up), the CPU seconds of the parse
processes, the Celery workers, the run processes and the rest of the machine (other users), and the
machine's load average over the run: on a shared machine, the ratio is only as good as that load.

    python scripts/benchmark_partitions.py [--n 120] [--pdf-share 0.8] [--shards 16] [--scans DIR]
        [--repeat 1] [--paths sharded,backfill] [--storage postgres|sqlite] [--workdir DIR]

--scans adds the image-only PDFs of DIR (scripts/make_scans.py DIR), read by OCR: the scans a
national corpus is full of, and where the parse time goes (XXGK_PARSE_MEMORY_MB=2048 lets OCR end).

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
import threading
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
    total: float  # wall time, launch to the end of the load: parse and load, from an empty store
    parsed: float  # wall time, launch to the end of the last parse step: what the old "parse" column measured
    parse: float  # first parse step's start to the last one's end: the parse alone, without the runs' start
    work: float  # the parse steps' durations added up: the same work whatever the number of workers
    longest: float  # the longest parse step: no number of workers ends the parse sooner
    idle: float  # the same runs again, nothing to parse: what the runs cost by themselves
    load: float  # the load (its own run on the backfill path, a step of the run on `sharded`)
    used: int  # workers whose pid the shards' materializations name
    load_avg: float  # the machine's 1-minute load, averaged over the parse
    cpu: Cpu  # CPU seconds by kind of process, launch to the warehouse loaded


PARSE_STEPS = ("parsed_reports", "parsed_shards.parse_one_shard")
LOAD_STEP = "warehouse_tables"


def _steps(instance) -> dict[str, list[tuple[float, float]]]:
    """(start, end) of every successful step of the instance's runs, by step name (the mapping key
    dropped: parse_one_shard[shard_3] is a parse_one_shard)."""
    out: dict[str, list[tuple[float, float]]] = {}
    for run in instance.get_runs():
        started: dict[str, float] = {}
        for entry in instance.all_logs(run.run_id):
            event = entry.dagster_event
            if event is None or entry.step_key is None:
                continue
            if event.event_type_value == "STEP_START":
                started[entry.step_key] = entry.timestamp
            elif event.event_type_value == "STEP_SUCCESS" and entry.step_key in started:
                out.setdefault(entry.step_key.split("[")[0], []).append((started[entry.step_key], entry.timestamp))
    return out


TICK = os.sysconf("SC_CLK_TCK")


def _cpu(pid: int) -> float:
    """CPU seconds of a process and of its children it has reaped (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(f) for f in fields[11:15]) / TICK  # utime, stime, cutime, cstime


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out + [g for c in out for g in _children(c)]


def _machine_busy() -> float:
    """CPU seconds every process of the machine has used since boot (all users)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:9]]
    return (sum(values) - values[3] - values[4]) / TICK  # all but idle and iowait


@dataclass
class Cpu:
    """Where the CPU went during a launch, in CPU seconds."""

    parse: float = 0.0  # the parse processes under the Celery workers: the parse itself
    workers: float = 0.0  # the Celery workers' own processes: steps' Dagster side, store, events
    runs: float = 0.0  # the run processes (and this script): Dagster's start, the executor's polling
    servers: float = 0.0  # the PostgreSQL and Redis this script started: Dagster's records, the broker
    rest: float = 0.0  # everything else on the machine: other users' work


def _postmaster(port: int | None) -> list[int]:
    """The PostgreSQL server listening on `port` (pg_ctl starts it outside this script's processes)."""
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            args = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if args[0].endswith(b"postgres") and b"-p" in args[:-1] and args[args.index(b"-p") + 1] == str(port).encode():
            return [int(proc.name)]
    return []


def _cpu_snapshot(workers: Workers, pg_port: int | None) -> Cpu:
    own = [workers.pid(name) for name in workers.procs]
    parse = [c for pid in own for c in _children(pid)]
    worker_trees = {p.pid for p in workers.procs.values()} | set(own) | set(parse)
    servers = [c for c in _children(os.getpid()) if c not in worker_trees]  # Redis (no run is alive here)
    servers += [p for pid in _postmaster(pg_port) for p in (pid, *_children(pid))]
    t = os.times()
    runs = t.user + t.system + t.children_user + t.children_system
    return Cpu(sum(map(_cpu, parse)), sum(map(_cpu, own)), runs, sum(map(_cpu, servers)), _machine_busy())


def _cpu_used(before: Cpu, after: Cpu) -> Cpu:
    ours = [after.parse - before.parse, after.workers - before.workers, after.runs - before.runs]
    ours.append(after.servers - before.servers)
    return Cpu(*ours, rest=after.rest - before.rest - sum(ours))


class LoadSampler:
    """The 1-minute load average, sampled every 2 s while a block runs."""

    def __enter__(self):
        self.samples, self.stop = [os.getloadavg()[0]], threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        return self

    def _sample(self):
        while not self.stop.wait(2.0):
            self.samples.append(os.getloadavg()[0])

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()

    @property
    def mean(self) -> float:
        return sum(self.samples) / len(self.samples)


def run_on(
    path: str,
    workers_n: int,
    raw: Path,
    base: Path,
    url: str,
    shards: int,
    pg_port: int | None,
    app: str = "pipelines.celery_app",
) -> Timing:
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
    workers = Workers(url, env, base, visibility_seconds=3600, app=app)
    config = {"execution": {"config": {"broker": url, "backend": url}}}
    keys = partitions.shard_keys(shards)

    def parse_and_load() -> bool:
        """The backfill path: one run per shard, all launched at once, then the load's run.
        `sharded`: one run, a step per shard, then the load."""
        if path == "sharded":
            return partitions.sharded(config)
        return all(partitions.backfill(keys, run_config=config, at_once=shards).values()) and partitions.load(config)

    try:
        for i in range(workers_n):
            workers.start(f"w{i}")
        instance = dg.DagsterInstance.get()
        with instance:
            since = time.time()
            with LoadSampler() as sampled:
                cpu_before = _cpu_snapshot(workers, pg_port)
                start = time.perf_counter()
                if not parse_and_load():
                    raise SystemExit(f"{path}: a run failed (see the runs in {home})")
                total = time.perf_counter() - start
                cpu = _cpu_used(cpu_before, _cpu_snapshot(workers, pg_port))
            steps = _steps(instance)  # a fresh instance: only the runs just launched
            parse_steps = [s for name in PARSE_STEPS for s in steps.get(name, [])]
            parsed = max(e for _, e in parse_steps) - since
            parse = max(e for _, e in parse_steps) - min(s for s, _ in parse_steps)
            work = sum(e - s for s, e in parse_steps)
            longest = max(e - s for s, e in parse_steps)
            load = sum(e - s for s, e in steps.get(LOAD_STEP, []))
            pids = {
                r.asset_materialization.metadata["pid"].value
                for r in instance.fetch_materializations(dg.AssetKey("parsed_reports"), limit=10_000).records
            }
            start = time.perf_counter()
            if not parse_and_load():
                raise SystemExit(f"{path}: a run with nothing to parse failed")
            idle = time.perf_counter() - start
        with duckdb.connect(env["XXGK_WAREHOUSE"], read_only=True) as con:
            status = con.sql("SELECT parse_status, count(*) FROM reports GROUP BY ALL ORDER BY 1").fetchall()
        print(f"  {path}, {workers_n} worker(s): reports " + ", ".join(f"{n} {s}" for s, n in status), flush=True)
        return Timing(total, parsed, parse, work, longest, idle, load, len(pids), sampled.mean, cpu)
    finally:
        workers.stop()


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=120)
    p.add_argument("--pdf-share", type=float, default=0.8)
    p.add_argument("--shards", type=int, default=partitions.SHARDS)
    p.add_argument("--scans", type=Path, help="a folder of scanned PDFs (scripts/make_scans.py) to add")
    p.add_argument("--scan-copies", type=int, default=1, help="each scan this many times, as distinct files")
    p.add_argument("--repeat", type=int, default=1, help="1 and 2 workers this many times, in alternating order")
    p.add_argument("--first", type=int, choices=(1, 2), default=1, help="workers of the first run of the first repeat")
    p.add_argument(
        "--paths",
        default="sharded,backfill",
        help="sharded: one run of sharded_ingest (a step per shard, then the load); backfill: one parse run per shard, then a load run",
    )
    p.add_argument("--storage", choices=("postgres", "sqlite"), help="Dagster's records (default postgres when installed)")
    p.add_argument("--in-process", action="store_true", help="also time the `xxgk ingest` path, in-process")
    p.add_argument("--workdir", type=Path)
    p.add_argument(
        "--app",
        default="pipelines.celery_app",
        help="the workers' Celery app: pipelines.celery_app (instance kept per worker) or dagster_celery.app (one per step)",
    )
    args = p.parse_args()
    paths = args.paths.split(",")
    if not set(paths) <= {"sharded", "backfill"}:
        return print(f"--paths {args.paths}: sharded, backfill or both") or 2
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
            for path in paths:
                got = {}
                for w in (1, 2) if (r + args.first - 1) % 2 == 0 else (2, 1):
                    got[w] = t = run_on(path, w, raw, work / f"{path}_w{w}", url, args.shards, pg_port, args.app)
                    print(
                        f"  repeat {r + 1}, {path}, {w} worker(s), load avg {t.load_avg:.1f}: to parsed {t.parsed:.1f}s "
                        f"(parse steps {t.parse:.1f}s), total {t.total:.1f}s, again with nothing to parse {t.idle:.1f}s",
                        flush=True,
                    )
                rows.append((r + 1, path, got))
    print("""
What the columns are (seconds of wall time unless said; 1 and 2 Celery workers on the same corpus):
  to parsed   launch → the last shard parsed: the runs' start, the plan, every parse step
  parse steps the first parse step's start → the last one's end: the parse alone
  work        the parse steps' durations added up (the same work, however many workers share it)
  longest     the longest parse step (one shard): the parse cannot end sooner, however many workers
  total       launch → the warehouse loaded (backfill: the parse runs, then the load's run)
  idle        the same launch again with nothing to parse: what the runs cost by themselves
  load step   the load step (one writer: a second worker cannot share it)
  used        workers whose pid the shards' materializations name
  load avg    the machine's 1-minute load average during the parse (2 cores: above ~2, other work
              competes with the workers, and ratios are not what a quiet machine gives)
""")
    head = (
        "repeat",
        "path",
        "workers",
        "load avg",
        "to parsed",
        "parse steps",
        "work",
        "longest",
        "total",
        "idle",
        "idle/total",
        "load step",
        "used",
    )
    print("".join(f"{h:>12}" for h in head))
    for r, path, got in rows:
        for w in (1, 2):
            t = got[w]
            cells = (
                r,
                path,
                w,
                f"{t.load_avg:.1f}",
                f"{t.parsed:.1f}",
                f"{t.parse:.1f}",
                f"{t.work:.1f}",
                f"{t.longest:.1f}",
                f"{t.total:.1f}",
            )
            cells += (f"{t.idle:.1f}", f"{t.idle / t.total:.0%}", f"{t.load:.1f}", t.used)
            print("".join(f"{c:>12}" for c in cells))
    print(
        "\nCPU seconds, launch to the warehouse loaded (2 cores: 2 s of CPU per second of wall time at most):\n"
        "  parse = the parse processes of the workers; workers = the Celery workers' own processes (a step's Dagster\n"
        "  side, the store, the events); runs = the run processes and this script (Dagster's start, the executor's\n"
        "  polling); servers = the PostgreSQL and Redis started here (Dagster's records, the broker); rest = the\n"
        "  rest of the machine (other users' work)"
    )
    head = ("repeat", "path", "workers", "wall", "parse", "workers", "runs", "servers", "rest", "cores used")
    print("".join(f"{h:>12}" for h in head))
    for r, path, got in rows:
        for w in (1, 2):
            c, t = got[w].cpu, got[w]
            used = (c.parse + c.workers + c.runs + c.servers + c.rest) / t.total
            cells = (r, path, w, f"{t.total:.1f}", f"{c.parse:.1f}", f"{c.workers:.1f}", f"{c.runs:.1f}", f"{c.servers:.1f}")
            cells += (f"{c.rest:.1f}",)
            print("".join(f"{x:>12}" for x in (*cells, f"{used:.2f}")))
    print("\nSpeed-up, 1 worker's time / 2 workers' (2.00x is all a second worker can give):")
    for r, path, got in rows:
        one, two = got[1], got[2]
        bound = one.work / max(one.longest, one.work / 2)
        print(
            f"  repeat {r}, {path}: to parsed {one.parsed / two.parsed:.2f}x, parse steps alone {one.parse / two.parse:.2f}x, "
            f"total with the load {one.total / two.total:.2f}x (load avg {one.load_avg:.1f} / {two.load_avg:.1f}); "
            f"the shards allow at most {bound:.2f}x (work {one.work:.1f}s, longest shard {one.longest:.1f}s); "
            f"work with 2 workers / with 1: {two.work / one.work:.2f} (above 1: the workers slowed each other or were slowed); "
            f"parse CPU with 2 workers / with 1: {two.cpu.parse / one.cpu.parse:.2f}; cores the parse processes got "
            f"during the parse steps: {one.cpu.parse / one.parse:.2f} with 1 worker, {two.cpu.parse / two.parse:.2f} with 2"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
