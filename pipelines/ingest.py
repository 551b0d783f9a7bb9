"""One ingest run: scan the raw folder, parse what is new or changed, validate, load in batches.

Plain Python over parsers/ and the warehouse module; the Dagster assets call it, and so can tests.
The warehouse is opened only for short transactions (one per batch), so `xxgk sql` can read
between them; a lock file beside the warehouse keeps two ingests from running at once.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from parsers import batch as batching
from parsers import limits as limits_
from parsers.frames import TABLES
from parsers.limits import Limits

from . import warehouse

BATCH_SIZE = 500
GATHER = 4  # parsed batches that may wait while one is loaded; those ready are loaded in one transaction
# Parsed batches are held until this many reports (or this much data) are there, then loaded in
# one transaction: a load's cost is mostly per transaction (open, commit, DuckDB's checkpoint at
# close, pandera's per-call work): about 0.6 ms a report in loads of 500, 0.3 in loads of 1000,
# 0.25 in loads of 2000, which hold twice the memory.
LOAD_REPORTS = 1000
LOAD_BYTES = 96 << 20
PARALLEL_FROM = 200  # below this many files, a second parse worker costs more than it saves
LOAD_ALONE_BYTES = 16 << 20  # a report with more text than this is loaded in a transaction of its own


parsed_log = logging.getLogger("xxgk.parsed")  # a Count as each file is parsed: what a terminal's bar draws
parsed_log.propagate = False  # one record per file: only for a handler put here (the CLI's bar), never a log


class Count(str):
    """A progress message that carries its numbers (done of total), so that a terminal can draw a bar;
    everywhere else it is the plain line it reads as."""

    done: int
    total: int

    def __new__(cls, text: str, done: int, total: int) -> Count:
        count = super().__new__(cls, text)
        count.done, count.total = done, total
        return count


class IngestBusy(Exception):
    """Another ingest holds the warehouse."""


@dataclass
class IngestResult:
    files: int = 0
    parsed: int = 0
    skipped: int = 0
    unstored: int = 0  # reports that could not be stored, stored failed
    validations: dict[str, list] = field(default_factory=dict)  # table -> [parsers.schemas.Validation], batches summed
    summary: dict = field(default_factory=dict)

    def failures(self, table: str) -> pl.DataFrame | None:
        found = [v.failures for v in self.validations.get(table, []) if not v.passed]
        return pl.concat(found, how="diagonal_relaxed") if found else None


_claimed: set[Path] = set()  # lock files this process took for a run it starts itself (claim)


def _lock_path(warehouse_path: Path) -> Path:
    warehouse.make_folder(warehouse_path)
    return warehouse_path.with_name(warehouse_path.name + ".ingest.lock").resolve()


@contextmanager
def run_lock(warehouse_path: Path) -> Iterator[None]:
    """Held for the whole run; released by the OS if the process dies, so a killed run never blocks."""
    lock_path = _lock_path(warehouse_path)
    if lock_path in _claimed:  # the run this process claimed (the CLI, around its Dagster job)
        yield
        return
    try:
        lock = open(lock_path, "a+")
    except OSError as e:
        raise warehouse.unwritable(warehouse_path, f"{lock_path.name}: {e.strerror or e}") from None
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(lock)
            raise IngestBusy(
                f"{warehouse_path}: another ingest is running ({holder}); wait for it to finish, then run again"
            ) from None
        lock.seek(0)
        lock.truncate()
        lock.write(f"pid {os.getpid()}")
        lock.flush()
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _holder(lock) -> str:
    """Who holds the lock: the pid its holder writes just after taking it (looked at again for a
    moment when the two runs started together and it is not written yet)."""
    for _ in range(50):
        lock.seek(0)
        if text := lock.read().strip():
            return text
        time.sleep(0.01)
    return "another process"


@contextmanager
def claim(warehouse_path: Path) -> Iterator[None]:
    """The run lock, taken before a run starts (the CLI, before Dagster does), and passed on to
    the ingest that runs inside: a second ingest is refused at once, never halfway."""
    with run_lock(warehouse_path):
        lock_path = _lock_path(warehouse_path)
        _claimed.add(lock_path)
        try:
            yield
        finally:
            _claimed.discard(lock_path)


def check_not_busy(warehouse_path: Path) -> None:
    """Raises IngestBusy now rather than after Dagster has started, when another ingest runs."""
    if warehouse_path.parent.is_dir():
        with run_lock(warehouse_path):
            pass


def _parse_workers(todo: list, batch_size: int, workers: int) -> int:
    """Parsing always runs in worker processes (the time and memory limits need one); below
    PARALLEL_FROM files a second one costs more than it saves."""
    if len(todo) < PARALLEL_FROM:
        return 1
    return max(1, min(workers, -(-len(todo) // batch_size)))


def run(
    raw_dir: Path,
    warehouse_path: Path,
    full: bool = False,
    prune: bool = False,
    batch_size: int = BATCH_SIZE,
    workers: int | None = None,
    progress: Callable[[str], None] = lambda message: None,
    limits: Limits | None = None,
    follow_links: bool = False,
) -> IngestResult:
    """limits: per-file limits (default: parsers.limits defaults and XXGK_* variables);
    follow_links: follow links that lead outside the raw folder."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"{raw_dir}: no such folder of raw reports")
    limits = limits or limits_.from_env()
    workers = workers or os.cpu_count() or 1
    result = IngestResult()
    version = batching.parser_version()
    parsed = _Counter(parsed_log)
    pool = batching.ParsePool(version, limits, on_parsed=parsed)
    with run_lock(warehouse_path), contextlib.closing(pool):
        pool.prestart()
        with warehouse.connect(warehouse_path) as con:
            warehouse.ensure_schema(con)
            known = warehouse.known_reports(con)
        files = batching.scan(raw_dir, limits, follow_links=follow_links)
        result.files = len(files)
        todo = batching.to_parse(files, known, version, full=full, limits=limits)
        parsed.total = len(todo)
        result.skipped = len({f.sha256 for f in files}) - len(todo)
        progress(f"{len(files)} files in {raw_dir}: {len(todo)} to parse, {result.skipped} unchanged")
        files_frame = batching.files_frame(files)
        pool.n = _parse_workers(todo, batch_size, workers)
        parsed_batches = pool.frames(list(batching.batches(todo, batch_size)), gather=GATHER)
        for frames in _gathered(parsed_batches, LOAD_REPORTS, LOAD_BYTES):
            files_frame = _as_parsed(files_frame, frames["reports"])
            for table in TABLES:
                _add(result.validations, _validate(table, frames[table]))
            ids = frames["reports"]["report_id"].implode()
            result.unstored += _load(warehouse_path, frames, files_frame.filter(pl.col("report_id").is_in(ids)))
            result.parsed += frames["reports"].height
            del frames
            _give_back_memory()
            progress(Count(f"parsed and loaded {result.parsed}/{len(todo)}", result.parsed, len(todo)))
        with warehouse.connect(warehouse_path) as con:
            warehouse.sync_files(con, files_frame, prune=prune)
            result.summary = warehouse.summary(con)
    return result


def _gathered(parts: Iterator[dict[str, pl.DataFrame]], reports: int, size: int) -> Iterator[dict[str, pl.DataFrame]]:
    """The parsed batches as loads: each holds batches until `reports` reports or `size` bytes
    are there (the last holds what is left)."""
    held: list[dict[str, pl.DataFrame]] = []
    count = held_bytes = 0
    for frames in parts:
        held.append(frames)
        count += frames["reports"].height
        held_bytes += sum(f.estimated_size() for f in frames.values())
        if count >= reports or held_bytes >= size:
            yield _concat(held)
            held, count, held_bytes = [], 0, 0
    if held:
        yield _concat(held)


def _concat(held: list[dict[str, pl.DataFrame]]) -> dict[str, pl.DataFrame]:
    if len(held) == 1:
        return held[0]
    return {t: pl.concat([frames[t] for frames in held], rechunk=False) for t in held[0]}


class _Counter:
    """Counts the files the parse workers are done with, and tells the log (when anyone listens)."""

    def __init__(self, log: logging.Logger) -> None:
        self.log, self.done, self.total = log, 0, 0

    def __call__(self, n: int) -> None:
        """n more files are parsed (the workers are looked at a few times a second: often several)."""
        counted, self.done = self.done, min(self.done + n, self.total)
        if self.log.isEnabledFor(logging.DEBUG):
            for done in range(counted + 1, self.done + 1):  # one record a file, as a bar counts them
                self.log.debug(Count(f"parsed {done}/{self.total}", done, self.total))


def _add(validations: dict[str, list], v) -> None:
    """One Validation per table for the whole run, however many batches: rows summed, failure cases
    gathered (a run's memory does not grow with its batches)."""
    kept = validations.setdefault(v.table, [])
    if not kept:
        kept.append(v)
        return
    run = kept[0]
    run.rows += v.rows
    if not v.passed:
        run.failures = v.failures if run.passed else pl.concat([run.failures, v.failures], how="diagonal_relaxed")


def _give_back_memory() -> None:
    """Returns the heap freed by a loaded batch to the system (glibc keeps it otherwise, and a long
    run's resident memory creeps up batch after batch)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _validate(table: str, frame: pl.DataFrame):
    from parsers import schemas  # pandera takes a second to import: only a run that parses pays it

    return schemas.validate(table, frame)


def up_to_date(raw_dir: Path, warehouse_path: Path, limits: Limits | None = None, follow_links: bool = False) -> bool:
    """Nothing for a run to do: every file in the raw folder is stored, under its path, with these
    bytes and by this parser version, and every stored file is still there. Cheap: no Dagster, no
    pandera, one read-only look at the warehouse."""
    if not Path(warehouse_path).exists():
        return False
    limits = limits or limits_.from_env()
    files = batching.scan(raw_dir, limits, follow_links=follow_links)
    with warehouse.connect(warehouse_path, read_only=True) as con:
        if not warehouse.has_schema(con):
            return False  # a warehouse not built yet
        known = warehouse.known_reports(con)
        stored = warehouse.present_files(con)
    if batching.to_parse(files, known, batching.parser_version(), limits=limits):
        return False
    return {(f.path, f.sha256) for f in files} == stored


def _as_parsed(files: pl.DataFrame, reports: pl.DataFrame) -> pl.DataFrame:
    """A file whose bytes changed between the scan and its parse points at the report of the bytes parsed."""
    parsed = reports.select("source_path", "report_id", "source_sha256", "file_size")
    changed = parsed.join(files.select("source_path", "source_sha256"), on="source_path", how="inner", suffix="_scanned")
    changed = changed.filter(pl.col("source_sha256") != pl.col("source_sha256_scanned")).drop("source_sha256_scanned")
    return files if changed.is_empty() else files.update(changed, on="source_path")


def _subset(frames: dict[str, pl.DataFrame], ids: list[str]) -> dict[str, pl.DataFrame]:
    keep = pl.Series(ids, dtype=pl.String).implode()
    return {t: f.filter(pl.col("report_id").is_in(keep)) for t, f in frames.items()}


def _load_groups(frames: dict[str, pl.DataFrame]) -> list[list[str]]:
    """The batch's reports in one transaction, except a report with more text than LOAD_ALONE_BYTES,
    which goes in its own (a batch of them would need all their text in memory at once)."""
    sizes = (
        frames["report_sections"]
        .group_by("report_id")
        .agg(pl.col("body").str.len_bytes().sum().alias("n"))
        .filter(pl.col("n") > LOAD_ALONE_BYTES)
    )
    alone = set(sizes["report_id"].to_list())
    rest = [rid for rid in frames["reports"]["report_id"].to_list() if rid not in alone]
    return ([rest] if rest else []) + [[rid] for rid in sorted(alone)]


def _load(warehouse_path: Path, frames: dict[str, pl.DataFrame], files: pl.DataFrame) -> int:
    """Loads a parsed batch so that no report can sink the others: a group that fails is loaded
    report by report, and a report that cannot be stored is stored failed with the reason
    (and parsed again next run). Returns how many reports were stored that way."""
    unstored = 0
    todo = _load_groups(frames)
    while todo:
        ids = todo.pop(0)
        part = frames if len(ids) == frames["reports"].height else _subset(frames, ids)
        part_files = files.filter(pl.col("report_id").is_in(pl.Series(ids, dtype=pl.String).implode()))
        try:
            with warehouse.connect(warehouse_path) as con:
                warehouse.load_batch(con, part, part_files)
        except warehouse.WarehouseError:
            raise
        except Exception as e:  # DuckDB out of memory, a value it refuses, ...
            if len(ids) > 1:
                todo = [[rid] for rid in ids] + todo
                continue
            with warehouse.connect(warehouse_path) as con:
                warehouse.load_batch(con, _unstored(part, e), part_files)
            unstored += 1
    return unstored


def _unstored(frames: dict[str, pl.DataFrame], error: Exception) -> dict[str, pl.DataFrame]:
    """One report that could not be stored: its reports row, failed with the reason, and nothing else."""
    first = (str(error).strip().splitlines() or [type(error).__name__])[0][:300]
    reason = f"could not be stored in the warehouse ({type(error).__name__}: {first}); it is tried again next run"
    reports = frames["reports"].with_columns(
        pl.lit("failed").alias("parse_status"),
        pl.lit(reason).alias("status_reason"),
        (pl.col("parser_version") + batching.RETRY).alias("parser_version"),
        pl.lit(None, dtype=pl.String).alias("numbers_fingerprint"),
    )
    issues = pl.DataFrame(
        {"report_id": reports["report_id"], "check_name": "load_failed", "severity": "error", "detail": reason},
        schema=frames["validation_issues"].schema,
    )
    return {**{t: f.clear() for t, f in frames.items()}, "reports": reports, "validation_issues": issues}
