"""The Dagster code location: `dagster dev` (or `dg dev`) in the project root loads `defs`.

Paths come from XXGK_RAW and XXGK_WAREHOUSE, defaulting to the project's data/ folders; the
parquet export goes to an `export` folder beside the warehouse unless XXGK_EXPORT says otherwise.
"""
from __future__ import annotations

import os
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from . import assets, sensors

DEFAULT_RAW = "data/raw"
DEFAULT_WAREHOUSE = "data/warehouse/xxgk.duckdb"


def build_definitions(raw_dir: str | None = None, warehouse: str | None = None, export_dir: str | None = None) -> dg.Definitions:
    raw_dir = raw_dir or os.environ.get("XXGK_RAW", DEFAULT_RAW)
    warehouse = warehouse or os.environ.get("XXGK_WAREHOUSE", DEFAULT_WAREHOUSE)
    export_dir = export_dir or os.environ.get("XXGK_EXPORT") or str(Path(warehouse).parent / "export")
    ingest_job = dg.define_asset_job(
        "ingest", selection=dg.AssetSelection.all(), description="Raw reports → checked tables in DuckDB → parquet export"
    )
    sensor_list, schedules = sensors.build(ingest_job, raw_dir)
    return dg.Definitions(
        assets=[assets.raw_reports, assets.warehouse_tables, assets.parquet_export],
        jobs=[ingest_job],
        sensors=sensor_list,
        schedules=schedules,
        resources={
            "raw_folder": assets.RawFolder(path=raw_dir, export_dir=export_dir),
            "duckdb": DuckDBResource(database=warehouse),
        },
    )


defs = build_definitions()
