"""Parsing spread by Dagster: the raw folder in fixed hash shards, each shard's frames in a parsed store.

A shard is the set of raw files whose path (relative to the raw folder) hashes to it, so a shard
lists the folder but reads and hashes only its own files, and every machine mounting the folder
anywhere agrees on the split. Parsing a shard (parse_shard) writes its frames as parquet to the
store, under the parser version, in chunks keyed by the sha256 of their files' bytes, then the
shard's manifest (its files, and which chunk holds each report) last: a shard parsed again
parses only content it has not stored, and a killed parse leaves the previous manifest in place.
Loading (load_store) is the one writer: it brings each shard's reports that the warehouse does not
hold into DuckDB, one transaction per shard, then the folder-wide checks (duplicates, cross-year,
statuses) where all reports meet.

The store is a local folder or any fsspec URL (s3://, gs://, …: the matching fsspec package must
be installed) that every step can reach.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import fsspec
import polars as pl

from parsers import batch as batching
from parsers import limits as limits_
from parsers.frames import TABLES
from parsers.limits import Limits

from . import ingest, warehouse

SHARDS = 16  # XXGK_SHARDS overrides; changing it re-splits the folder (stored content is reused)
CHUNK = 200  # files parsed and stored together: one parquet file per table per chunk
MANIFEST_COLUMNS = ("source_path", "report_id", "source_sha256", "file_size", "parser_version", "chunk")
LAUNCH_TAG = "xxgk/launch"  # names the runs one launch started, so a launch that timed out can mark its run failed


class StoreIncomplete(Exception):
    """The load found a shard that was never parsed: loading now would mark its files gone."""


def shard_count() -> int:
    n = int(os.environ.get("XXGK_SHARDS", SHARDS))
    if not 1 <= n <= 4096:
        raise ValueError(f"XXGK_SHARDS={n}: between 1 and 4096")
    return n


def shard_keys(n: int | None = None) -> list[str]:
    n = n or shard_count()
    width = len(str(n - 1))
    return [f"{i:0{width}d}" for i in range(n)]


def shard_of(relative_path: bytes, n: int) -> int:
    return int.from_bytes(hashlib.sha256(relative_path).digest()[:8], "big") % n


@dataclass
class Store:
    """Where parsed frames wait for the load: {url}/{parser version}/chunks/… and …/shards/…"""

    url: str
    version: str

    def __post_init__(self) -> None:
        self.fs, root = fsspec.core.url_to_fs(self.url)
        self.root = root.rstrip("/") + "/" + self.version.replace("/", "_")

    def _write(self, path: str, frame: pl.DataFrame) -> None:
        """Written aside, then moved into place: a reader sees the whole file or none."""
        self.fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
        tmp = f"{path}.{uuid.uuid4().hex}.tmp"
        with self.fs.open(tmp, "wb") as f:
            frame.write_parquet(f)
        self.fs.mv(tmp, path)

    def _read(self, path: str) -> pl.DataFrame:
        with self.fs.open(path, "rb") as f:
            return pl.read_parquet(f)

    def chunk_path(self, chunk: str, table: str) -> str:
        return f"{self.root}/chunks/{chunk}/{table}.parquet"

    def manifest_path(self, shard: str) -> str:
        return f"{self.root}/shards/{shard}.parquet"

    def write_chunk(self, frames: dict[str, pl.DataFrame]) -> str:
        """The chunk's name is the hash of its reports' contents: the same bytes parsed again by the
        same parser land on the same files."""
        shas = sorted(frames["reports"]["source_sha256"].to_list())
        chunk = hashlib.sha256("\n".join(shas).encode()).hexdigest()[:24]
        for table in TABLES:
            self._write(self.chunk_path(chunk, table), frames[table])
        return chunk

    def read_chunk(self, chunk: str, ids: list[str]) -> dict[str, pl.DataFrame]:
        keep = pl.Series(ids, dtype=pl.String).implode()
        return {t: self._read(self.chunk_path(chunk, t)).filter(pl.col("report_id").is_in(keep)) for t in TABLES}

    def has_chunk(self, chunk: str) -> bool:
        return all(self.fs.exists(self.chunk_path(chunk, t)) for t in TABLES)

    def manifest(self, shard: str) -> pl.DataFrame | None:
        path = self.manifest_path(shard)
        return self._read(path) if self.fs.exists(path) else None

    def write_manifest(self, shard: str, manifest: pl.DataFrame) -> None:
        self._write(self.manifest_path(shard), manifest.select(MANIFEST_COLUMNS))


_pool: batching.ParsePool | None = None  # this process's parse workers, kept from one shard to the next


def _parse_pool(version: str, limits: Limits, workers: int) -> batching.ParsePool:
    """The parse workers of this process, started once: a Celery worker or any process that runs
    shard after shard pays their start (a Python process importing the parsers, a second or two)
    once, not per shard. Each file still parses in them under the per-file time and memory limits."""
    global _pool
    if _pool is None or (_pool.version, _pool.limits, _pool.n) != (version, limits, max(1, workers)):
        if _pool is not None:
            _pool.close()
        _pool = batching.ParsePool(version, limits, workers=workers, keep=True)
    return _pool


@dataclass
class ShardResult:
    files: int = 0
    parsed: int = 0
    chunks: int = 0


def parse_shard(
    raw_dir: Path,
    store: Store,
    shard: str,
    n: int,
    limits: Limits | None = None,
    full: bool = False,
    follow_links: bool = False,
    workers: int = 1,
    chunk_size: int = CHUNK,
    progress: Callable[[str], None] = lambda message: None,
) -> ShardResult:
    """Parses the shard's new or changed files in worker processes (parsers.batch: the per-file
    isolation and limits of an ingest) and stores their frames; nothing is written to the warehouse."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"{raw_dir}: no such folder of raw reports")
    limits = limits or limits_.from_env()
    index = int(shard)
    result = ShardResult()
    files = batching.scan(raw_dir, limits, follow_links=follow_links, keep=lambda rel: shard_of(rel, n) == index)
    result.files = len(files)
    previous = store.manifest(shard)
    stored: dict[str, tuple[str, str]] = {}  # sha256 -> (parser_version as stored, chunk)
    if previous is not None:
        present = {c: store.has_chunk(c) for c in previous["chunk"].unique().to_list()}  # once a chunk, not once a file
        for sha, version, chunk in previous.select("source_sha256", "parser_version", "chunk").iter_rows():
            if present[chunk]:
                stored[sha] = (version, chunk)
    known = {sha: version for sha, (version, _) in stored.items()}
    todo = batching.to_parse(files, known, store.version, full=full, limits=limits)
    progress(f"shard {shard}: {len(files)} files, {len(todo)} to parse")
    files_frame = batching.files_frame(files)
    chunks = list(batching.batches(todo, chunk_size))
    pool = _parse_pool(store.version, limits, workers)
    for _ in range(min(pool.n, len(chunks)) - len(pool.early)):
        pool.prestart()  # in this thread, which outlives the pool's supervisor: they stay for the next shard
    with contextlib.ExitStack() as on_error:
        on_error.callback(pool.close)  # a shard that fails does not leave workers in an unknown state
        for frames in pool.frames(chunks):
            files_frame = ingest._as_parsed(files_frame, frames["reports"])
            chunk = store.write_chunk(frames)
            for sha, version in frames["reports"].select("source_sha256", "parser_version").iter_rows():
                stored[sha] = (version, chunk)
            result.parsed += frames["reports"].height
            result.chunks += 1
        on_error.pop_all()
    where = pl.DataFrame(
        [(sha, v, c) for sha, (v, c) in stored.items()],
        schema={"source_sha256": pl.String, "parser_version": pl.String, "chunk": pl.String},
        orient="row",
    )
    store.write_manifest(shard, files_frame.join(where, on="source_sha256", how="inner"))
    return result


def plan(raw_dir: Path, store: Store, n: int) -> list[tuple[str, int]]:
    """Every shard with the bytes it will likely parse, the heaviest first: the order to hand shards
    to workers so that the longest start first and the tail is short (scans are the big files and
    cost about a second a page). Only a listing and the manifests, no file is read: a file counts
    unless the shard's manifest holds its path with the same size. It is an estimate for the order,
    never a decision: every shard is returned, and its parse (hashes) decides what is new."""
    root = os.fsencode(Path(raw_dir).resolve())
    keys = shard_keys(n)
    cost = dict.fromkeys(keys, 0)
    stored: dict[str, set[tuple[str, int]]] = {}
    for shard in cost:
        manifest = store.manifest(shard)
        if manifest is not None:
            stored[shard] = set(manifest.select("source_path", "file_size").iter_rows())
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(b".")]
        for name in names:
            if name.startswith(b"."):
                continue
            path = os.path.join(folder, name)
            try:
                size = os.stat(path).st_size
            except OSError:
                continue  # the shard's scan lists it as failed
            shard = keys[shard_of(path[len(root) + 1 :], n)]
            if (batching.shown(path), size) not in stored.get(shard, ()):
                cost[shard] += size
    return sorted(cost.items(), key=lambda item: (-item[1], item[0]))


def load_store(
    warehouse_path: Path,
    store: Store,
    shards: list[str],
    prune: bool = False,
    progress: Callable[[str], None] = lambda message: None,
) -> ingest.IngestResult:
    """Brings every shard's reports the warehouse does not hold (as stored by this parser) into it,
    one transaction per shard, then brings source_files up to date and runs the checks across
    reports (duplicates, cross-year, statuses). Every shard must have been parsed once."""
    from parsers import schemas  # pandera (and pandas) take seconds to import: only the load needs them

    manifests = {s: store.manifest(s) for s in shards}
    missing = [s for s, m in manifests.items() if m is None]
    if missing:
        raise StoreIncomplete(
            f"shards {', '.join(missing[:10])}{' …' if len(missing) > 10 else ''} of {len(shards)} have not been parsed "
            f"into {store.url} by parser {store.version}: materialize every partition of parsed_reports first"
        )
    result = ingest.IngestResult()
    with ingest.run_lock(warehouse_path):
        with warehouse.connect(warehouse_path) as con:
            warehouse.ensure_schema(con)
            known = warehouse.known_reports(con)
        for shard, manifest in manifests.items():
            result.files += manifest.height
            reports = manifest.unique("source_sha256", keep="first", maintain_order=True)
            held = pl.DataFrame(
                {"source_sha256": list(known), "held": list(known.values())},
                schema={"source_sha256": pl.String, "held": pl.String},
            )
            new = reports.join(held, on="source_sha256", how="left").filter(
                pl.col("held").is_null() | (pl.col("held") != pl.col("parser_version"))
            )
            result.skipped += reports.height - new.height
            if new.is_empty():
                continue
            parts = [
                store.read_chunk(chunk, group["report_id"].to_list())
                for (chunk,), group in new.group_by("chunk", maintain_order=True)
            ]
            frames = {t: pl.concat([p[t] for p in parts], how="vertical_relaxed") for t in TABLES}
            for table in TABLES:
                result.validations.setdefault(table, []).append(schemas.validate(table, frames[table]))
            shard_files = manifest.filter(pl.col("report_id").is_in(frames["reports"]["report_id"].implode()))
            result.unstored += ingest._load(warehouse_path, frames, shard_files.select(batching.files_frame([]).columns))
            for sha, version in frames["reports"].select("source_sha256", "parser_version").iter_rows():
                known[sha] = version
            result.parsed += frames["reports"].height
            progress(f"shard {shard}: loaded {frames['reports'].height} reports")
        files = pl.concat([m.select(batching.files_frame([]).columns) for m in manifests.values()])
        with warehouse.connect(warehouse_path) as con:
            warehouse.sync_files(con, files.unique("source_path", keep="first", maintain_order=True), prune=prune)
            result.summary = warehouse.summary(con)
    return result


def _launch(job: str, partition: str | None, run_config: dict | None, env: dict, timeout: float | None) -> bool:
    """One run of the job in a process of its own, as Dagster's run launcher starts runs."""
    import json
    import subprocess
    import sys

    launch = uuid.uuid4().hex
    args = [sys.executable, "-m", "pipelines.partitions", job, partition or "", json.dumps(run_config or {}), launch]
    try:
        done = subprocess.run(args, env=env, cwd=Path(__file__).resolve().parent.parent, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        _fail_unfinished(launch, env, timeout)
        return False
    return done.returncode == 0


def _fail_unfinished(launch: str, env: dict, timeout: float | None) -> None:
    """A run stopped for taking too long is marked failed, with the reason, rather than left started
    for ever: its process is gone, and a step a dead worker took may never come back."""
    import dagster as dg
    from dagster._core.instance.ref import InstanceRef

    if not env.get("DAGSTER_HOME"):
        return
    with dg.DagsterInstance.from_ref(InstanceRef.from_dir(env["DAGSTER_HOME"])) as instance:
        for run in instance.get_runs(dg.RunsFilter(tags={LAUNCH_TAG: launch})):
            if not run.is_finished:
                instance.report_run_failed(run, f"not done within {timeout:g} s: its process was stopped")


def _instance_env(env: dict | None) -> dict:
    import dagster as dg
    from dagster._core.instance.ref import InstanceRef

    env = {**os.environ, **(env or {})}
    if env.get("DAGSTER_HOME"):  # made once here: runs starting together would race to create its tables
        with dg.DagsterInstance.from_ref(InstanceRef.from_dir(env["DAGSTER_HOME"])):
            pass
    return env


def backfill(
    keys: list[str], run_config: dict | None = None, at_once: int = 4, env: dict | None = None, timeout: float | None = None
) -> dict[str, bool]:
    """One run of the `parse` job per shard, up to at_once side by side, each in its own process as
    Dagster's run launcher starts them (scripts and tests; a deployment backfills from the UI or
    `dagster job backfill -j parse --all all`). Each run's step goes wherever the job's executor
    sends it; the runs record themselves in the instance of DAGSTER_HOME. Returns shard -> success;
    a run not done within timeout seconds is stopped and counts as failed."""
    from concurrent.futures import ThreadPoolExecutor

    env = _instance_env(env)
    with ThreadPoolExecutor(max_workers=at_once, thread_name_prefix="xxgk-backfill") as pool:
        return dict(zip(keys, pool.map(lambda key: _launch("parse", key, run_config, env, timeout), keys)))


def load(run_config: dict | None = None, env: dict | None = None, timeout: float | None = None) -> bool:
    """One run of the `load` job, in its own process (its steps wherever the executor sends them)."""
    from .definitions import from_store_config

    return _launch("load", None, from_store_config(run_config or {}), _instance_env(env), timeout)


def sharded(run_config: dict | None = None, env: dict | None = None, timeout: float | None = None) -> bool:
    """One run of the `sharded_ingest` job in its own process, as Dagster's run launcher starts it:
    every shard a step (wherever the executor sends it), then the load. What `dagster job launch -j
    sharded_ingest` does in a deployment; scripts and tests use this."""
    from .definitions import SHARDED, from_store_config

    return _launch(SHARDED, None, from_store_config(run_config or {}), _instance_env(env), timeout)


def _run(job: str, partition: str, run_config: dict, launch: str = "") -> int:
    """A run of `parse` (one partition), `load` or `sharded_ingest`, recorded in the instance of DAGSTER_HOME (ephemeral without)."""
    import dagster as dg

    from . import definitions

    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else dg.DagsterInstance.ephemeral()
    target = {"parse": definitions.parse_job, "load": definitions.load_job, definitions.SHARDED: definitions.sharded_job}[job]
    tags = {"dagster/partition": partition} if partition else {}
    if launch:
        tags[LAUNCH_TAG] = launch
    # the run's events over kept connections, not one new PostgreSQL connection each (as the Celery
    # workers of pipelines.celery_app do); a no-op for SQLite and the ephemeral instance
    instance.optimize_for_webserver(statement_timeout=0, pool_recycle=60, max_overflow=5)
    with instance:
        with dg.execute_job(
            dg.reconstructable(target), instance=instance, run_config=run_config, tags=tags, raise_on_error=False
        ) as result:
            return 0 if result.success else 1


if __name__ == "__main__":
    import json
    import sys

    sys.exit(_run(sys.argv[1], sys.argv[2], json.loads(sys.argv[3]) if len(sys.argv) > 3 else {}, *sys.argv[4:5]))
