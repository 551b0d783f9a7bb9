"""Scaling out on Dagster's own engines (docs/scaling.md): the executor switch, deploy/dagster.yaml,
a real PostgreSQL instance holding the runs, and the parse work split over separate warehouses."""

from __future__ import annotations

import importlib.util
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
import pytest
import yaml

from pipelines.definitions import EXECUTORS, WAREHOUSE_TAG, build_definitions

from .helpers import ROOT, SAMPLES, query

pytestmark = pytest.mark.slow  # Dagster runs on other storage and executors

DEPLOY_YAML = ROOT / "deploy" / "dagster.yaml"
PARTITIONED = {  # what must match whichever warehouse a report was ingested into
    "reports": "* EXCLUDE (source_path, ingested_at)",
    "applications": "*",
    "review_litigation": "*",
    "active_disclosure": "*",
}
PG_ENV = {
    "DAGSTER_PG_HOST": "127.0.0.1",
    "DAGSTER_PG_PORT": "5432",
    "DAGSTER_PG_USER": "dagster",
    "DAGSTER_PG_PASSWORD": "",
    "DAGSTER_PG_DB": "dagster",
}


def _job_executor(monkeypatch, tmp_path, value: str | None) -> dg.ExecutorDefinition:
    if value is None:
        monkeypatch.delenv("XXGK_EXECUTOR", raising=False)
    else:
        monkeypatch.setenv("XXGK_EXECUTOR", value)
    return build_definitions(str(tmp_path / "raw"), str(tmp_path / "w.duckdb")).resolve_job_def("ingest").executor_def


@pytest.mark.parametrize("value", list(EXECUTORS))
def test_executor_switch_picks_dagsters_own_executor(monkeypatch, tmp_path, value):
    module = EXECUTORS[value][0]
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed (the `scale` extra: uv sync --extra scale)")
    executor = _job_executor(monkeypatch, tmp_path, value)
    assert executor is getattr(importlib.import_module(module), EXECUTORS[value][1])
    assert executor.name == value


def test_a_run_on_celery_looks_for_its_steps_results_often(monkeypatch, tmp_path):
    loop = pytest.importorskip("dagster_celery.core_execution_loop")
    monkeypatch.setattr(loop, "TICK_SECONDS", 1)  # dagster_celery's own: a second's wait per stage of a run
    _job_executor(monkeypatch, tmp_path, "celery")
    assert loop.TICK_SECONDS == 0.2


def test_a_celery_worker_keeps_one_instance_for_its_steps(monkeypatch, tmp_path):
    """pipelines.celery_app: dagster_celery's step task asks its module's DagsterInstance.from_ref
    for every step; a worker process gets the instance made at its first step, its connections
    pooled. Dagster's own from_ref, and XXGK_CELERY_KEEP_INSTANCE=0, still make a new one."""
    tasks = pytest.importorskip("dagster_celery.tasks")
    from dagster._core.instance.ref import InstanceRef

    monkeypatch.setattr(tasks, "DagsterInstance", tasks.DagsterInstance)  # put back after the test
    from pipelines import celery_app

    importlib.reload(celery_app)
    (tmp_path / "home").mkdir()
    ref = InstanceRef.from_dir(str(tmp_path / "home"))
    try:
        first = tasks.DagsterInstance.from_ref(ref)
        assert tasks.DagsterInstance.from_ref(ref) is first
        other = dg.DagsterInstance.from_ref(ref)
        assert other is not first
        other.dispose()
    finally:
        celery_app._dispose()
    monkeypatch.setenv("XXGK_CELERY_KEEP_INSTANCE", "0")
    monkeypatch.setattr(tasks, "DagsterInstance", dg.DagsterInstance)
    importlib.reload(celery_app)
    assert tasks.DagsterInstance is dg.DagsterInstance


def test_executor_defaults_to_in_process_and_rejects_unknown_names(monkeypatch, tmp_path):
    assert _job_executor(monkeypatch, tmp_path, None) is dg.in_process_executor
    with pytest.raises(ValueError, match="one of in_process, multiprocess, celery, k8s"):
        _job_executor(monkeypatch, tmp_path, "spark")


@pytest.mark.parametrize("value,package", [("celery", "dagster-celery"), ("k8s", "dagster-k8s")])
def test_missing_executor_package_is_named_with_how_to_install_it(monkeypatch, tmp_path, value, package):
    monkeypatch.setitem(sys.modules, EXECUTORS[value][0], None)  # what an uninstalled package looks like to import
    with pytest.raises(ImportError, match=f"XXGK_EXECUTOR={value} needs the {package} package: `uv sync --extra scale`"):
        _job_executor(monkeypatch, tmp_path, value)


def test_ingest_runs_carry_the_warehouse_tag_the_instance_limits(tmp_path):
    job = build_definitions(str(tmp_path / "raw"), str(tmp_path / "wh" / "x.duckdb")).resolve_job_def("ingest")
    assert job.tags[WAREHOUSE_TAG] == str((tmp_path / "wh" / "x.duckdb").resolve())
    limits = yaml.safe_load(DEPLOY_YAML.read_text())["concurrency"]["runs"]["tag_concurrency_limits"]
    assert {"key": WAREHOUSE_TAG, "value": {"applyLimitPerUniqueValue": True}, "limit": 1} in limits


def test_deploy_yaml_is_valid_instance_config(monkeypatch, tmp_path):
    """Dagster's own loader and schema; the storage config resolved from the env vars to a Postgres URL."""
    from dagster._config import process_config
    from dagster._core.instance.config import dagster_instance_config
    from dagster._core.instance.ref import InstanceRef
    from dagster_postgres.storage import DagsterPostgresStorage
    from dagster_postgres.utils import pg_url_from_config

    for key, value in {**PG_ENV, "DAGSTER_PG_HOST": "pg.example", "DAGSTER_PG_PASSWORD": "s3cret"}.items():
        monkeypatch.setenv(key, value)
    shutil.copy(DEPLOY_YAML, tmp_path / "dagster.yaml")
    config, custom_class = dagster_instance_config(str(tmp_path))
    assert custom_class is None and config["telemetry"] == {"enabled": False}
    ref = InstanceRef.from_dir(str(tmp_path))
    assert (ref.storage_data.module_name, ref.storage_data.class_name) == ("dagster_postgres", "DagsterPostgresStorage")
    assert (ref.run_coordinator_data.module_name, ref.run_coordinator_data.class_name) == ("dagster", "QueuedRunCoordinator")
    assert ref.run_coordinator_data.rehydrate(dg.QueuedRunCoordinator) is not None
    storage = process_config(DagsterPostgresStorage.config_type(), yaml.safe_load(ref.storage_data.config_yaml))
    assert storage.success, storage.errors
    assert pg_url_from_config(storage.value) == "postgresql+psycopg2://dagster:s3cret@pg.example:5432/dagster"
    monkeypatch.delenv("DAGSTER_PG_HOST")
    assert not process_config(DagsterPostgresStorage.config_type(), yaml.safe_load(ref.storage_data.config_yaml)).success


def _pg_bin() -> Path | None:
    found = shutil.which("initdb")
    candidates = [Path(found).resolve().parent] if found else []
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    for d in candidates:
        if all((d / tool).exists() for tool in ("initdb", "pg_ctl", "postgres")):
            return d
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresUnavailable(RuntimeError):
    """What is missing to start a throwaway PostgreSQL here."""


@contextmanager
def postgres_server(fsync: bool = False):
    """A throwaway PostgreSQL server on 127.0.0.1 with an empty database `xxgk_dagster`, run as the
    `postgres` user when we are root (initdb refuses root); its data and socket in a temp folder that
    user owns. Yields its port. fsync off by default: the tests check what is stored, not how durably."""
    bin_dir = _pg_bin()
    if bin_dir is None:
        raise PostgresUnavailable(
            "no PostgreSQL server binaries (initdb, pg_ctl, postgres); `scripts/setup --test` installs them"
        )
    as_user: list[str] = []
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            raise PostgresUnavailable("running as root and there is no `postgres` user to run initdb as") from None
        if shutil.which("runuser") is None:
            raise PostgresUnavailable("running as root and no runuser to start PostgreSQL as the `postgres` user")
        as_user = ["runuser", "-u", "postgres", "--"]
    try:
        import psycopg2
    except ImportError:
        raise PostgresUnavailable("psycopg2 comes with dagster-postgres (the `scale` extra)") from None
    base = Path(tempfile.mkdtemp(prefix="xxgk-pg-"))
    if as_user:
        os.chown(base, owner.pw_uid, owner.pw_gid)
    data, port = base / "data", _free_port()

    def run(*args: str) -> None:
        done = subprocess.run([*as_user, *args], capture_output=True, text=True, timeout=60)
        if done.returncode:
            raise RuntimeError(f"{Path(args[0]).name} failed: {done.stderr or done.stdout}")

    try:
        run(str(bin_dir / "initdb"), "-D", str(data), "-U", "dagster", "-A", "trust", "-E", "UTF8", "--no-sync")
        run(
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(base / "log"),
            "-w",
            "-t",
            "30",
            "start",
            "-o",
            f"-c listen_addresses=127.0.0.1 -p {port} -k {base} -c fsync={'on' if fsync else 'off'}",
        )
        con = psycopg2.connect(host="127.0.0.1", port=port, user="dagster", dbname="postgres")
        con.autocommit = True
        con.cursor().execute("CREATE DATABASE xxgk_dagster")
        con.close()
        yield port
    finally:
        subprocess.run(
            [*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], capture_output=True, timeout=60
        )
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgres(monkeypatch):
    """A throwaway PostgreSQL (postgres_server), the DAGSTER_PG_* variables pointing at it; yields a query function."""
    try:
        with postgres_server() as port:
            import psycopg2

            env = {**PG_ENV, "DAGSTER_PG_PORT": str(port), "DAGSTER_PG_DB": "xxgk_dagster"}
            for key, value in env.items():
                monkeypatch.setenv(key, value)
            yield lambda sql: _pg_query(psycopg2, port, sql)
    except PostgresUnavailable as e:
        pytest.skip(str(e))


def _pg_query(psycopg2, port: int, sql: str) -> list[tuple]:
    con = psycopg2.connect(host="127.0.0.1", port=port, user="dagster", dbname="xxgk_dagster")
    try:
        with con.cursor() as cur:
            cur.execute(sql)
            return cur.fetchall()
    finally:
        con.close()


def ingest_job_from_env() -> dg.JobDefinition:
    """Module level, so each step process of the multiprocess executor can rebuild the job."""
    return build_definitions().resolve_job_def("ingest")


def test_runs_and_materializations_are_recorded_in_postgres(postgres, monkeypatch, tmp_path, raw_dir, warehouse_path):
    from dagster._utils.tags import TagConcurrencyLimitsCounter

    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(DEPLOY_YAML, home / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    instance = dg.DagsterInstance.get()
    try:
        assert type(instance.run_storage).__name__ == "PostgresRunStorage"
        result = (
            build_definitions(str(raw_dir), str(warehouse_path)).resolve_job_def("ingest").execute_in_process(instance=instance)
        )
        assert result.success
        run = instance.get_run_by_id(result.run_id)
        assert run.status == dg.DagsterRunStatus.SUCCESS and run.tags[WAREHOUSE_TAG] == str(warehouse_path.resolve())
        recorded = instance.fetch_materializations(dg.AssetKey("applications"), limit=10).records
        assert len(recorded) == 1 and recorded[0].run_id == result.run_id
        assert recorded[0].asset_materialization.metadata["rows"].value == 910
        assert instance.get_latest_materialization_event(dg.AssetKey("parquet_export")) is not None
        assert query(warehouse_path, "SELECT count(*) FROM reports") == [(len(SAMPLES),)]

        assert postgres("SELECT count(*) FROM runs") == [(1,)]
        materialized = postgres(
            "SELECT count(DISTINCT asset_key) FROM event_logs WHERE dagster_event_type = 'ASSET_MATERIALIZATION'"
        )
        assert materialized[0][0] >= 8

        # The instance's own queue rule: a second run on the same warehouse waits, another warehouse does not.
        limits = instance.get_concurrency_config().run_queue_config.tag_concurrency_limits
        counter = TagConcurrencyLimitsCounter(limits, [run])
        assert counter.is_blocked(run)
        assert not counter.is_blocked(run.with_tags({**run.tags, WAREHOUSE_TAG: "/elsewhere/other.duckdb"}))

        # The multiprocess executor (one step here, to keep the test short): the step runs in a child
        # process that reopens the instance from DAGSTER_HOME and writes its events to the same Postgres.
        monkeypatch.setenv("XXGK_RAW", str(raw_dir))
        monkeypatch.setenv("XXGK_WAREHOUSE", str(warehouse_path))
        monkeypatch.setenv("XXGK_EXECUTOR", "multiprocess")
        export = dg.AssetKey("parquet_export")
        with dg.execute_job(dg.reconstructable(ingest_job_from_env), instance=instance, asset_selection=[export]) as multi:
            assert multi.success
            step_pids = {e.pid for e in multi.all_events if e.is_step_start}
        assert len(step_pids) == 1 and os.getpid() not in step_pids
        assert postgres("SELECT count(*) FROM runs") == [(2,)]
        assert {r.run_id for r in instance.fetch_materializations(export, limit=10).records} == {result.run_id, multi.run_id}
    finally:
        instance.dispose()


def test_parse_work_split_over_warehouses_combines_through_the_parquet_export(tmp_path, raw_dir):
    """Two runs of the one job on halves of the raw folder, each given its own warehouse by run config
    and tag (docs/scaling.md); their year-partitioned parquet read together equals one run on all."""
    halves = [tmp_path / "part_a", tmp_path / "part_b"]
    for i, f in enumerate(sorted(raw_dir.iterdir())):
        halves[i % 2].mkdir(exist_ok=True)
        shutil.copy(f, halves[i % 2] / f.name)
    job = build_definitions(str(raw_dir), str(tmp_path / "wh" / "raw" / "xxgk.duckdb")).resolve_job_def("ingest")
    assert job.execute_in_process(instance=dg.DagsterInstance.ephemeral()).success
    for part in halves:
        warehouse = tmp_path / "wh" / part.name / "xxgk.duckdb"
        run_config = {
            "resources": {
                "raw_folder": {"config": {"path": str(part), "export_dir": str(warehouse.parent / "export")}},
                "duckdb": {"config": {"database": str(warehouse)}},
            }
        }
        result = job.execute_in_process(
            run_config=run_config, tags={WAREHOUSE_TAG: str(warehouse)}, instance=dg.DagsterInstance.ephemeral()
        )
        assert result.success and result.dagster_run.tags[WAREHOUSE_TAG] == str(warehouse)
        assert query(warehouse, "SELECT count(*) FROM reports") == [(len(list(part.iterdir())),)]

    whole = tmp_path / "wh" / "raw" / "export"
    parts = tmp_path / "wh" / "part_*" / "export"
    con = duckdb.connect()
    for table, columns in PARTITIONED.items():
        one = con.sql(f"SELECT {columns} FROM read_parquet('{whole}/{table}/*/*.parquet', hive_partitioning = true)")
        combined = con.sql(f"SELECT {columns} FROM read_parquet('{parts}/{table}/*/*.parquet', hive_partitioning = true)")
        assert "year" in combined.columns and len(one.fetchall()) > 0
        assert sorted(one.fetchall()) == sorted(combined.fetchall())

    import pyarrow.dataset as ds

    dataset = ds.dataset(whole / "applications", format="parquet", partitioning="hive")
    assert dataset.count_rows() == 910 and "year" in dataset.schema.names
