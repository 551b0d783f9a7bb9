"""The Dagster code location: `dagster dev` (or `dg dev`) in the project root loads `defs`.

Paths come from XXGK_RAW and XXGK_WAREHOUSE, defaulting to the project's data/ folders; the
parquet export goes to an `export` folder beside the warehouse unless XXGK_EXPORT says otherwise,
and parsed shards to a `parsed` folder beside it unless XXGK_STORE (a folder or fsspec URL) does.
XXGK_EXECUTOR picks Dagster's executor, XXGK_SHARDS the number of parse partitions (docs/scaling.md).

Jobs: `ingest` parses and loads in one step (`xxgk ingest`, one machine); `sharded_ingest` parses
every shard of the raw folder as a step of its own, spread by the executor, then loads and exports,
in one run; `parse` is one shard per partition (a backfill, or one shard again) and `load` brings
the parsed shards into the warehouse (one writer) and exports.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from . import assets, sensors

DEFAULT_RAW = "data/raw"
DEFAULT_WAREHOUSE = "data/warehouse/xxgk.duckdb"
EXECUTORS = {
    "in_process": ("dagster", "in_process_executor"),
    "multiprocess": ("dagster", "multiprocess_executor"),
    "celery": ("dagster_celery", "celery_executor"),
    "k8s": ("dagster_k8s", "k8s_job_executor"),
}
CELERY_POLL_SECONDS = 0.2  # how often a run on Celery looks for its steps' results (dagster_celery: 1 s)
SHARDED = "sharded_ingest"
WAREHOUSE_TAG = "xxgk/warehouse"  # deploy/dagster.yaml allows one run at a time per value: DuckDB has one writer


def executor(name: str | None = None) -> dg.ExecutorDefinition:
    """Dagster's own executors only; celery and k8s come with the `scale` extra, so say how to get them."""
    name = name or os.environ.get("XXGK_EXECUTOR") or "in_process"
    if name not in EXECUTORS:
        raise ValueError(f"XXGK_EXECUTOR={name!r}: one of {', '.join(EXECUTORS)}")
    module, attr = EXECUTORS[name]
    package = module.replace("_", "-")
    try:
        found = getattr(importlib.import_module(module), attr)
    except ImportError as e:
        raise ImportError(
            f"XXGK_EXECUTOR={name} needs the {package} package: `uv sync --extra scale` (or pip install {package})"
        ) from e
    if name == "celery":
        # the run's executor looks at its steps' results every TICK_SECONDS (1 s): each stage of a run
        # (the plan, the shards, the load) waited up to that long for work already done. A look is
        # one Redis read per step waiting.
        importlib.import_module("dagster_celery.core_execution_loop").TICK_SECONDS = CELERY_POLL_SECONDS
    return found


def export_folder(warehouse: str) -> str:
    """Where the ingest job writes its parquet export: XXGK_EXPORT, or `export` beside the warehouse."""
    return os.environ.get("XXGK_EXPORT") or str(Path(warehouse).parent / "export")


def executor_defaults() -> dict:
    """Run config of the `parse` and `load` jobs when XXGK_EXECUTOR=celery and XXGK_CELERY_BROKER is
    set: a backfill launched from the UI or `dagster job backfill` takes no run config of its own."""
    broker = os.environ.get("XXGK_CELERY_BROKER")
    if (os.environ.get("XXGK_EXECUTOR") or "in_process") != "celery" or not broker:
        return {}
    return {"execution": {"config": {"broker": broker, "backend": os.environ.get("XXGK_CELERY_BACKEND", broker)}}}


def from_store_config(run_config: dict | None = None) -> dict:
    """The run config of a job that loads the parsed store: the executor's (given, or from the
    environment) and the load's `from_store`."""
    base = executor_defaults() if run_config is None else run_config
    return {**base, "ops": {**base.get("ops", {}), "warehouse_tables": {"config": {"from_store": True}}}}


def store_url(warehouse: str) -> str:
    """Where parsed shards are kept: XXGK_STORE, or `parsed` beside the warehouse."""
    return os.environ.get("XXGK_STORE") or str(Path(warehouse).parent / "parsed")


def build_definitions(
    raw_dir: str | None = None, warehouse: str | None = None, export_dir: str | None = None, store: str | None = None
) -> dg.Definitions:
    raw_dir = raw_dir or os.environ.get("XXGK_RAW", DEFAULT_RAW)
    warehouse = warehouse or os.environ.get("XXGK_WAREHOUSE", DEFAULT_WAREHOUSE)
    export_dir = export_dir or export_folder(warehouse)
    store = store or store_url(warehouse)
    tags = {WAREHOUSE_TAG: str(Path(warehouse).resolve())}
    parsed = dg.AssetSelection.assets(assets.parsed_reports)
    everything_parsed = dg.AssetSelection.assets(assets.parsed_shards)
    warehouse_assets = dg.AssetSelection.all() - parsed - everything_parsed
    ingest_job = dg.define_asset_job(
        "ingest",
        selection=warehouse_assets,
        description="Raw reports → checked tables in DuckDB → parquet export",
        tags=tags,
    )
    parse_job = dg.define_asset_job(
        "parse",
        selection=parsed,
        description="One shard of the raw folder parsed into the parsed store (no warehouse write)",
        config=executor_defaults() or None,
    )
    sharded_job = dg.define_asset_job(
        SHARDED,
        selection=everything_parsed | warehouse_assets,
        description="Every shard parsed as a step of its own (spread by the executor), then the load and export, in one run",
        tags=tags,
        config=from_store_config(),
    )
    load_job = dg.define_asset_job(
        "load",
        selection=warehouse_assets,
        description="Parsed shards → checked tables in DuckDB (one writer) → parquet export",
        tags=tags,
        config=from_store_config(),
    )
    sensor_list, schedules = sensors.build(ingest_job, raw_dir)
    sensor_list += sensors.build_sharded(sharded_job, parse_job, load_job, raw_dir)
    return dg.Definitions(
        assets=[assets.raw_reports, assets.parsed_reports, assets.parsed_shards, assets.warehouse_tables, assets.parquet_export],
        jobs=[ingest_job, sharded_job, parse_job, load_job],
        sensors=sensor_list,
        schedules=schedules,
        executor=executor(),
        resources={
            "raw_folder": assets.RawFolder(path=raw_dir, export_dir=export_dir),
            "duckdb": DuckDBResource(database=warehouse),
            "parsed_store": assets.ParsedStore(url=store),
        },
    )


def parse_job() -> dg.JobDefinition:
    """The `parse` job from the environment: what each step process (Celery worker, pod) rebuilds."""
    return build_definitions().resolve_job_def("parse")


def sharded_job() -> dg.JobDefinition:
    return build_definitions().resolve_job_def(SHARDED)


def load_job() -> dg.JobDefinition:
    return build_definitions().resolve_job_def("load")


defs = build_definitions()
