"""Parsing as partitions spread by Dagster's executors: hash shards parsed into the parsed store,
one load into the warehouse. Against a real Redis broker and two Celery workers started here."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from parsers.frames import TABLES
from pipelines import definitions, ingest, partitions

from .helpers import ROOT

pytestmark = pytest.mark.slow  # shard runs in processes of their own, Celery workers

SHARDS = 6
UNSTABLE = {"ingested_at", "first_seen"}  # when a row was written, not what it says
WORKER_START_SECONDS = 90
RUN_SECONDS = 240


def _tables(path: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        out = {}
        for table in (*TABLES, "source_files"):
            cols = [r[0] for r in con.sql(f"DESCRIBE {table}").fetchall() if r[0] not in UNSTABLE]
            out[table] = con.sql(f"SELECT {', '.join(cols)} FROM {table} ORDER BY ALL").fetchall()
        return out
    finally:
        con.close()


def _assert_same_warehouse(got: Path, want: Path) -> None:
    a, b = _tables(got), _tables(want)
    for table in b:
        assert len(a[table]) == len(b[table]), table
        assert a[table] == b[table], table


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A few hundred generated reports, txt and html, and nothing else (the gold json stays aside)."""
    made = tmp_path_factory.mktemp("made")
    subprocess.run(
        [sys.executable, "scripts/make_corpus.py", str(made), "--n", "240", "--seed", "14", "--formats", "txt,html"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )
    raw = tmp_path_factory.mktemp("raw")
    for f in made.iterdir():
        if f.suffix != ".json":
            shutil.copy(f, raw / f.name)
    assert {f.suffix for f in raw.iterdir()} == {".txt", ".html"}
    return raw


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> Path:
    """The warehouse `xxgk ingest` builds on one machine (pipelines.ingest.run, in-process)."""
    path = tmp_path_factory.mktemp("ref") / "xxgk.duckdb"
    result = ingest.run(corpus, path)
    assert result.summary["rows"]["reports"] == 240
    return path


def _env(monkeypatch, corpus: Path, base: Path, executor: str) -> dict[str, str]:
    env = {
        "XXGK_RAW": str(corpus),
        "XXGK_WAREHOUSE": str(base / "wh" / "xxgk.duckdb"),
        "XXGK_STORE": str(base / "parsed"),
        "XXGK_SHARDS": str(SHARDS),
        "XXGK_EXECUTOR": executor,
        "DAGSTER_HOME": str(base / "home"),
    }
    (base / "home").mkdir(parents=True, exist_ok=True)
    (base / "home" / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env


def test_shards_split_the_folder_by_path_and_each_file_lands_in_one(corpus):
    keys = partitions.shard_keys(SHARDS)
    assert keys == ["0", "1", "2", "3", "4", "5"] and partitions.shard_keys(16)[:2] == ["00", "01"]
    counts = [0] * SHARDS
    for f in corpus.iterdir():
        counts[partitions.shard_of(f.name.encode(), SHARDS)] += 1
    assert sum(counts) == 240 and min(counts) > 0


def test_partitions_on_the_multiprocess_executor_build_the_in_process_warehouse(monkeypatch, tmp_path, corpus, reference):
    """Each shard a run whose step runs in a child process; a shard parsed again parses nothing
    new; a load with nothing new changes nothing."""
    env = _env(monkeypatch, corpus, tmp_path, "multiprocess")
    instance = dg.DagsterInstance.get()
    try:
        done = partitions.backfill(partitions.shard_keys(SHARDS), at_once=2)
        assert done == dict.fromkeys(partitions.shard_keys(SHARDS), True)
        records = instance.fetch_materializations(dg.AssetKey("parsed_reports"), limit=100).records
        assert sum(r.asset_materialization.metadata["parsed"].value for r in records) == 240
        assert os.getpid() not in {r.asset_materialization.metadata["pid"].value for r in records}
        assert partitions.load()
        _assert_same_warehouse(Path(env["XXGK_WAREHOUSE"]), reference)

        assert partitions.backfill(["3"]) == {"3": True}
        again = instance.fetch_materializations(dg.AssetKey("parsed_reports"), limit=1).records[0]
        assert again.asset_materialization.metadata["parsed"].value == 0
        assert again.asset_materialization.metadata["files"].value > 0
        assert partitions.load()
        _assert_same_warehouse(Path(env["XXGK_WAREHOUSE"]), reference)
    finally:
        instance.dispose()


def test_load_refuses_a_store_with_unparsed_shards(tmp_path, corpus):
    store = partitions.Store(str(tmp_path / "parsed"), "v1")
    partitions.parse_shard(corpus, store, "0", SHARDS)
    with pytest.raises(partitions.StoreIncomplete, match="shards 1, 2, 3, 4, 5 of 6 have not been parsed"):
        partitions.load_store(tmp_path / "wh.duckdb", store, partitions.shard_keys(SHARDS))
    assert not (tmp_path / "wh.duckdb").exists()


def test_shards_parsed_in_one_process_share_its_parse_workers_and_parse_the_same(tmp_path, corpus):
    """A process that takes shard after shard (a Celery worker) starts its parse workers once; the
    frames are those of workers started for the shard alone."""
    kept = partitions.Store(str(tmp_path / "kept"), "v1")
    assert partitions.parse_shard(corpus, kept, "0", SHARDS).parsed > 0
    workers = {p.proc.pid for p in partitions._pool.early}
    assert len(workers) == 1
    second = partitions.parse_shard(corpus, kept, "1", SHARDS)
    assert second.parsed > 0 and {p.proc.pid for p in partitions._pool.early} == workers

    partitions._pool.close()
    partitions._pool = None
    alone = partitions.Store(str(tmp_path / "alone"), "v1")
    assert partitions.parse_shard(corpus, alone, "1", SHARDS).parsed == second.parsed
    assert {p.proc.pid for p in partitions._pool.early}.isdisjoint(workers)
    got, want = kept.manifest("1"), alone.manifest("1")
    assert got.equals(want)
    for chunk in want["chunk"].unique().to_list():
        ids = want.filter(want["chunk"] == chunk)["report_id"].to_list()
        a, b = kept.read_chunk(chunk, ids), alone.read_chunk(chunk, ids)
        for table in TABLES:
            stable = [c for c in b[table].columns if c not in UNSTABLE]
            assert a[table].select(stable).equals(b[table].select(stable)), table


# --- a real broker and two Celery workers ---------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(predicate, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


@contextmanager
def redis_server(folder: Path):
    """A throwaway Redis on 127.0.0.1 and a free port, its URL; `timeout` bounds its life even if
    the process that started it is killed."""
    port = _free_port()
    proc = subprocess.Popen(
        [
            "timeout",
            "1800",
            shutil.which("redis-server"),
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def up() -> bool:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    try:
        _wait_for(up, 30, "redis-server")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    if shutil.which("redis-server") is None:
        pytest.skip("no redis-server (Debian package redis-server; `scripts/setup --test` installs it)")
    pytest.importorskip("dagster_celery", reason="dagster-celery comes with the `scale` extra (`scripts/setup --test` syncs it)")
    pytest.importorskip("redis", reason="the redis client comes with the `scale` extra")
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


class Workers:
    """Celery workers of the project's app (pipelines.celery_app: dagster_celery's, its instance kept per
    worker) as separate processes, one step at a time each (solo pool):
    a step runs in the worker's own process, so a step's pid names its worker."""

    def __init__(
        self, redis_url: str, env: dict[str, str], folder: Path, visibility_seconds: int = 20, app: str = "pipelines.celery_app"
    ) -> None:
        self.redis_url, self.folder, self.app = redis_url, folder, app
        config = folder / "celery_config"
        config.mkdir(parents=True, exist_ok=True)
        # Read by the app (dagster_celery's make_app) in each worker. A step is acknowledged once done, so the broker hands
        # the step of a worker that died to another after the visibility timeout: a live worker sweeps
        # for such steps every 2 s (every sweep, not every tenth: kombu's throttle), under a lock that
        # expires in 10 s rather than 5 minutes, should the killed worker die holding it.
        (config / "dagster_celery_config.py").write_text(
            f"broker_url = {redis_url!r}\nresult_backend = {redis_url!r}\n"
            "task_acks_late = True\ntask_reject_on_worker_lost = True\nworker_prefetch_multiplier = 1\n"
            f"broker_transport_options = {{'visibility_timeout': {visibility_seconds}, 'unacked_restore_interval': 2, "
            "'unacked_restore_throttle': 1, 'unacked_mutex_expire': 10}\n"
        )
        self.env = {**os.environ, **env, "PYTHONPATH": f"{config}{os.pathsep}{ROOT}"}
        self.procs: dict[str, subprocess.Popen] = {}
        self.logs: dict[str, Path] = {}

    def start(self, name: str) -> subprocess.Popen:
        log = self.folder / f"{name}.log"
        self.logs[name] = log
        celery = Path(sys.executable).parent / "celery"
        proc = subprocess.Popen(
            [
                "timeout",
                "900",
                str(celery),
                "-A",
                self.app,
                "worker",
                "--pool",
                "solo",
                "-n",
                f"{name}@%h",
                "-Q",
                "dagster",
                "--prefetch-multiplier=1",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-l",
                "INFO",
                "-f",
                str(log),
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.procs[name] = proc
        _wait_for(
            lambda: log.exists() and "ready." in log.read_text(errors="replace"), WORKER_START_SECONDS, f"celery worker {name}"
        )
        return proc

    def pid(self, name: str) -> int:
        """The worker's own process (under `timeout`)."""
        children = Path(f"/proc/{self.procs[name].pid}/task/{self.procs[name].pid}/children").read_text().split()
        return int(children[0])

    def kill(self, name: str) -> None:
        os.killpg(self.procs[name].pid, signal.SIGKILL)  # the worker and its parse processes, at once
        self.procs[name].wait(timeout=30)

    def stop(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs.values():
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=20)


def _celery_config(redis_url: str) -> dict:
    return {"execution": {"config": {"broker": redis_url, "backend": redis_url}}}


def _parse_pids(instance) -> dict[str, set[int]]:
    out: dict[str, set[int]] = {}
    for r in instance.fetch_materializations(dg.AssetKey("parsed_reports"), limit=1000).records:
        out.setdefault(r.partition_key, set()).add(r.asset_materialization.metadata["pid"].value)
    return out


def _submitted_shards(instance, run_id: str) -> list[str]:
    """The parse steps of a run in the order the Celery executor handed them to the broker."""
    out = []
    for entry in instance.all_logs(run_id, of_type=dg.DagsterEventType.ENGINE_EVENT):
        if entry.step_key and entry.step_key.startswith("parsed_shards.parse_one_shard[") and "Submitting" in entry.message:
            out.append(entry.step_key.split("[shard_")[1].rstrip("]"))
    return out


def _parsing_on(instance, worker: str) -> bool:
    """Whether the latest run has a parse step executing in the worker (its Celery engine event)."""
    runs = instance.get_runs(limit=1)
    if not runs or runs[0].is_finished:
        return False
    for entry in instance.all_logs(runs[0].run_id, of_type=dg.DagsterEventType.ENGINE_EVENT):
        metadata = entry.dagster_event.engine_event_data.metadata
        host = metadata.get("Celery worker")
        if (entry.step_key or "").startswith("parsed_shards.parse_one_shard[") and host and host.value.startswith(f"{worker}@"):
            return True
    return False


def test_sharded_ingest_on_two_celery_workers_builds_the_in_process_warehouse_and_survives_a_killed_worker(
    monkeypatch, tmp_path, corpus, reference, redis_url
):
    """One run of `sharded_ingest`: every shard a step through the broker, then the load."""
    env = _env(monkeypatch, corpus, tmp_path, "celery")
    workers = Workers(redis_url, env, tmp_path)
    instance = dg.DagsterInstance.get()
    keys = partitions.shard_keys(SHARDS)
    try:
        workers.start("one")
        workers.start("two")
        pids = {workers.pid("one"), workers.pid("two")}

        order = [shard for shard, _ in partitions.plan(corpus, partitions.Store(env["XXGK_STORE"], "x"), SHARDS)]
        assert partitions.sharded(_celery_config(redis_url))
        (run,) = instance.get_runs()
        assert run.job_name == definitions.SHARDED and run.tags[definitions.WAREHOUSE_TAG]
        assert _submitted_shards(instance, run.run_id) == order  # the heaviest shard first
        ran_on = _parse_pids(instance)
        assert {k: len(p) for k, p in ran_on.items()} == dict.fromkeys(keys, 1)  # every shard parsed once
        assert set().union(*ran_on.values()) == pids  # on both workers, and nowhere else
        records = instance.fetch_materializations(dg.AssetKey("parsed_reports"), limit=100).records
        assert sum(r.asset_materialization.metadata["parsed"].value for r in records) == 240
        _assert_same_warehouse(Path(env["XXGK_WAREHOUSE"]), reference)

        # Again from nothing, and worker one is killed (kill -9, with its parse processes) while it parses a shard.
        shutil.rmtree(tmp_path / "parsed")
        shutil.rmtree(tmp_path / "wh")
        outcome: list[bool] = []
        runner = threading.Thread(
            target=lambda: outcome.append(partitions.sharded(_celery_config(redis_url), timeout=RUN_SECONDS)), daemon=True
        )
        runner.start()
        _wait_for(lambda: _parsing_on(instance, "one"), 60, "worker one to start parsing a shard")
        workers.kill("one")
        runner.join(timeout=RUN_SECONDS + 30)
        assert not runner.is_alive() and len(outcome) == 1
        killed = instance.get_runs(limit=1)[0]
        # The run ended: the step handed to worker two after the visibility timeout, or the run failed
        # (a step of the dead worker that never came back: stopped at RUN_SECONDS and marked failed).
        assert killed.status in (dg.DagsterRunStatus.SUCCESS, dg.DagsterRunStatus.FAILURE), killed.status
        assert outcome == [killed.status == dg.DagsterRunStatus.SUCCESS]

        # The re-run: every shard again (those stored parse nothing new), then the load.
        workers.start("three")
        assert partitions.sharded(_celery_config(redis_url))
        _assert_same_warehouse(Path(env["XXGK_WAREHOUSE"]), reference)  # nothing lost, nothing twice
    finally:
        instance.dispose()
        workers.stop()


def test_a_run_that_outlives_its_timeout_is_stopped_and_marked_failed_with_the_reason(monkeypatch, tmp_path, corpus, redis_url):
    """No worker listens (a database of the broker no worker reads): the steps wait for ever, so the
    launch stops the run at its timeout, and the instance shows it failed rather than started."""
    env = _env(monkeypatch, corpus, tmp_path, "celery")
    idle = redis_url.rsplit("/", 1)[0] + "/1"
    assert partitions.sharded(_celery_config(idle), env=env, timeout=40) is False
    instance = dg.DagsterInstance.get()
    try:
        (run,) = instance.get_runs()
        assert run.status == dg.DagsterRunStatus.FAILURE and run.tags[partitions.LAUNCH_TAG]
        (failed,) = instance.all_logs(run.run_id, of_type=dg.DagsterEventType.RUN_FAILURE)
        assert "not done within 40 s" in failed.message
    finally:
        instance.dispose()


def test_plan_gives_every_shard_heaviest_first_and_counts_only_files_not_stored(tmp_path, corpus):
    store = partitions.Store(str(tmp_path / "parsed"), "v1")
    sizes = dict.fromkeys(partitions.shard_keys(SHARDS), 0)
    for f in corpus.iterdir():
        sizes[partitions.shard_keys(SHARDS)[partitions.shard_of(f.name.encode(), SHARDS)]] += f.stat().st_size
    planned = partitions.plan(corpus, store, SHARDS)
    assert dict(planned) == sizes
    assert [c for _, c in planned] == sorted(sizes.values(), reverse=True)

    raw = tmp_path / "raw"
    shutil.copytree(corpus, raw)
    partitions.parse_shard(raw, store, "2", SHARDS)
    assert dict(partitions.plan(raw, store, SHARDS)) == {**sizes, "2": 0}  # stored: same path, same size
    changed = next(f for f in sorted(raw.iterdir()) if partitions.shard_of(f.name.encode(), SHARDS) == 2)
    changed.write_bytes(changed.read_bytes() + b"\n")
    assert dict(partitions.plan(raw, store, SHARDS))["2"] == changed.stat().st_size


def test_shard_sensor_asks_for_one_sharded_run_once_per_change_of_the_folder(tmp_path, corpus):
    defs = definitions.build_definitions(str(corpus), str(tmp_path / "xxgk.duckdb"))
    sensor = defs.resolve_sensor_def("raw_files_shards")
    assert sensor.job_name == definitions.SHARDED
    first = sensor.evaluate_tick(dg.build_sensor_context(instance=dg.DagsterInstance.ephemeral(), definitions=defs))
    assert len(first.run_requests) == 1 and first.run_requests[0].partition_key is None
    again = sensor.evaluate_tick(
        dg.build_sensor_context(instance=dg.DagsterInstance.ephemeral(), definitions=defs, cursor=first.cursor)
    )
    assert not again.run_requests and again.skip_message
