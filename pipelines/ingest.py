"""One ingest run: scan the raw folder, parse what is new or changed, validate, load in batches.

Plain Python over parsers/ and the warehouse module; the Dagster assets call it, and so can tests.
The warehouse is opened only for short transactions (one per batch), so `xxgk sql` can read
between them; a lock file beside the warehouse keeps two ingests from running at once.
"""
from __future__ import annotations

import fcntl
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from parsers import batch as batching
from parsers import schemas
from parsers.frames import TABLES, SourceFile

from . import warehouse

BATCH_SIZE = 500
PARALLEL_FROM = 200  # below this many files, starting worker processes costs more than it saves


class IngestBusy(Exception):
    """Another ingest holds the warehouse."""


@dataclass
class IngestResult:
    files: int = 0
    parsed: int = 0
    skipped: int = 0
    validations: dict[str, list[schemas.Validation]] = field(default_factory=dict)
    summary: dict = field(default_factory=dict)

    def failures(self, table: str) -> pl.DataFrame | None:
        found = [v.failures for v in self.validations.get(table, []) if not v.passed]
        return pl.concat(found, how="diagonal_relaxed") if found else None


@contextmanager
def run_lock(warehouse_path: Path) -> Iterator[None]:
    """Held for the whole run; released by the OS if the process dies, so a killed run never blocks."""
    warehouse_path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = warehouse_path.with_name(warehouse_path.name + ".ingest.lock")
    with open(lock_path, "a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            holder = lock.read().strip() or "another process"
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


def check_not_busy(warehouse_path: Path) -> None:
    """Raises IngestBusy now rather than after Dagster has started, when another ingest runs."""
    if warehouse_path.parent.is_dir():
        with run_lock(warehouse_path):
            pass


def _parsed_batches(todo: list[SourceFile], version: str, batch_size: int, workers: int):
    """Batches of frames in order. Workers only parse (parsers.batch imports neither pandera nor
    DuckDB, so each stays small); at most workers + 1 parsed batches wait in memory."""
    chunks = list(batching.batches(todo, batch_size))
    if workers <= 1 or len(todo) < PARALLEL_FROM:
        for chunk in chunks:
            yield chunk, batching.parse_files(chunk, version)
        return
    # spawn, not fork: the parent runs polars' and Dagster's threads, which do not survive a fork
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        pending = []
        for chunk in chunks:
            pending.append((chunk, pool.submit(batching.parse_files, chunk, version)))
            if len(pending) > workers:
                chunk0, future = pending.pop(0)
                yield chunk0, future.result()
        for chunk0, future in pending:
            yield chunk0, future.result()


def run(
    raw_dir: Path,
    warehouse_path: Path,
    full: bool = False,
    prune: bool = False,
    batch_size: int = BATCH_SIZE,
    workers: int | None = None,
    progress: Callable[[str], None] = lambda message: None,
) -> IngestResult:
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"{raw_dir}: no such folder of raw reports")
    workers = workers or os.cpu_count() or 1
    result = IngestResult()
    with run_lock(warehouse_path):
        with warehouse.connect(warehouse_path) as con:
            warehouse.ensure_schema(con)
            known = warehouse.known_reports(con)
        files = batching.scan(raw_dir)
        result.files = len(files)
        version = batching.parser_version()
        todo = batching.to_parse(files, known, version, full=full)
        result.skipped = len({f.sha256 for f in files}) - len(todo)
        progress(f"{len(files)} files in {raw_dir}: {len(todo)} to parse, {result.skipped} unchanged")
        files_frame = batching.files_frame(files)
        for chunk, frames in _parsed_batches(todo, version, batch_size, workers):
            for table in TABLES:
                result.validations.setdefault(table, []).append(schemas.validate(table, frames[table]))
            ids = frames["reports"]["report_id"].implode()
            with warehouse.connect(warehouse_path) as con:
                warehouse.load_batch(con, frames, files_frame.filter(pl.col("report_id").is_in(ids)))
            result.parsed += len(chunk)
            progress(f"parsed and loaded {result.parsed}/{len(todo)}")
        with warehouse.connect(warehouse_path) as con:
            warehouse.sync_files(con, files_frame, prune=prune)
            result.summary = warehouse.summary(con)
    return result
