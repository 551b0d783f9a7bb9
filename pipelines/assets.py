"""Dagster assets and checks: thin glue over pipelines.ingest and the warehouse module."""
# Dagster reads these functions' annotations at import: no `from __future__ import annotations` here.

import logging
import os
import socket
from pathlib import Path

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from parsers.checks import registry as findings_registry
from parsers.checks import gathered_by
from parsers.frames import TABLES

from . import export, ingest, partitions, warehouse

VIEWS = export.VIEWS
STAGING = ("codes", "stg_reports", "stg_applications", "stg_review_litigation")  # sql/staging/
GROUP = "warehouse"
MAX_LISTED = 50
progress_log = logging.getLogger("xxgk.progress")  # the CLI prints this; Dagster's UI shows context.log


class RawFolder(dg.ConfigurableResource):
    """Where the raw reports are dropped, and where analysts' exports go."""

    path: str = "data/raw"
    export_dir: str = "data/warehouse/export"
    batch_size: int = ingest.BATCH_SIZE


class ParsedStore(dg.ConfigurableResource):
    """Where parsed shards wait for the load: a folder every step can reach, or an fsspec URL."""

    url: str = "data/warehouse/parsed"

    def store(self) -> partitions.Store:
        from parsers.batch import parser_version

        return partitions.Store(self.url, parser_version())


class IngestConfig(dg.Config):
    full: bool = False  # parse every file again, even those already stored
    prune: bool = False  # forget files that are gone from the raw folder, and their reports
    follow_links: bool = False  # follow symbolic links that lead outside the raw folder
    from_store: bool = False  # load the parsed shards (parsed_reports) instead of parsing here


class ParseConfig(dg.Config):
    full: bool = False  # parse the shard's files again, even those already stored
    follow_links: bool = False
    workers: int = 1  # parse processes in this step; the executor runs shards side by side


raw_reports = dg.AssetSpec(
    "raw_reports",
    description="The report files dropped into the raw folder (any format), watched by the raw_files sensor.",
    group_name="raw",
)

shards = dg.StaticPartitionsDefinition(partitions.shard_keys())


def _parse(context, shard: str, config: ParseConfig, raw_folder: RawFolder, parsed_store: ParsedStore) -> dict:
    """One shard parsed into the store (partitions.parse_shard); the metadata both parse paths record."""
    result = partitions.parse_shard(
        Path(raw_folder.path),
        parsed_store.store(),
        shard,
        len(shards.get_partition_keys()),
        full=config.full,
        follow_links=config.follow_links,
        workers=config.workers,
        progress=lambda message: (context.log.info(message), progress_log.info(message)),
    )
    return {
        "files": result.files,
        "parsed": result.parsed,
        "chunks": result.chunks,
        "pid": os.getpid(),
        "host": socket.gethostname(),
    }


@dg.asset(partitions_def=shards, deps=[raw_reports], group_name="raw")
def parsed_reports(
    context: dg.AssetExecutionContext, config: ParseConfig, raw_folder: RawFolder, parsed_store: ParsedStore
) -> dg.MaterializeResult:
    """One shard of the raw folder (files by the hash of their path) parsed into the parsed store,
    keyed by content hash and parser version: a shard run again parses only what it has not stored.
    One run per shard: a backfill, or one shard parsed again; `sharded_ingest` parses them all in one run."""
    return dg.MaterializeResult(metadata=_parse(context, context.partition_key, config, raw_folder, parsed_store))


# --- every shard in one run: a step per shard ------------------------------------------------------


@dg.op(out=dg.DynamicOut(str))
def plan_shards(raw_folder: RawFolder, parsed_store: ParsedStore):
    """Every shard, as a step of its own, the heaviest (bytes likely to parse) first: the executor
    hands them out in this order, so the long shards start first and the tail is short."""
    for shard, _ in partitions.plan(Path(raw_folder.path), parsed_store.store(), len(shards.get_partition_keys())):
        yield dg.DynamicOutput(shard, mapping_key=f"shard_{shard}")


@dg.op
def parse_one_shard(
    context: dg.OpExecutionContext, config: ParseConfig, raw_folder: RawFolder, parsed_store: ParsedStore, shard: str
) -> dict:
    """The shard parsed into the store where the executor runs this step (a Celery worker's own
    process, whose parse workers stay from shard to shard); recorded as that partition of
    parsed_reports, as a backfill would."""
    metadata = _parse(context, shard, config, raw_folder, parsed_store)
    context.log_event(dg.AssetMaterialization("parsed_reports", partition=shard, metadata=metadata))
    return {"shard": shard, **metadata}


@dg.op
def shards_parsed(results: list[dict]) -> dg.Output[dict]:
    totals = {key: sum(r[key] for r in results) for key in ("files", "parsed", "chunks")}
    return dg.Output(
        totals, metadata={**totals, "shards": len(results), "workers": len({(r["host"], r["pid"]) for r in results})}
    )


@dg.graph_asset(group_name="raw")
def parsed_shards():
    """Every shard of the raw folder parsed into the parsed store in one run: one step per shard,
    spread by the executor (docs/scaling.md), the same parse as parsed_reports."""
    return shards_parsed(plan_shards().map(parse_one_shard).collect())


_check_specs = [
    dg.AssetCheckSpec("schema", asset=t, description="pandera: types, codes, counts ≥ 0, one value per key") for t in TABLES
]
_check_specs += [
    dg.AssetCheckSpec("template_identities", asset="applications", description="table 3 row totals, 勾稽关系 and outcome totals"),
    dg.AssetCheckSpec(
        "template_identities", asset="review_litigation", description="table 4: total = upheld + corrected + other + pending"
    ),
    dg.AssetCheckSpec(
        "unplaced_numbers", asset="applications", description="every number printed in tables 2–4 landed in a cell"
    ),
    dg.AssetCheckSpec("no_failed_reports", asset="reports", description="every file read became a parsed report"),
    dg.AssetCheckSpec(
        "cross_year", asset="reports", description="carried over = last year's carried forward; documents in force"
    ),
    dg.AssetCheckSpec("narrative_vs_tables", asset="report_sections", description="numbers part 1 repeats agree with the tables"),
    dg.AssetCheckSpec("duplicates", asset="reports", description="the same report under two names or encodings, counted once"),
    dg.AssetCheckSpec(
        "catalogue_coverage",
        asset="unmapped_labels",
        description="every label printed in a table is in the catalogue; the worklist of `xxgk catalogue suggest` otherwise",
    ),
]


def _markdown(df: pl.DataFrame) -> dg.MetadataValue:
    shown = df.head(MAX_LISTED)
    lines = ["| " + " | ".join(shown.columns) + " |", "|" + "---|" * len(shown.columns)]
    for row in shown.iter_rows():
        lines.append("| " + " | ".join(str(v).replace("|", "/").replace("\n", " ")[:200] for v in row) + " |")
    if df.height > MAX_LISTED:
        lines.append(f"\n… and {df.height - MAX_LISTED} more")
    return dg.MetadataValue.md("\n".join(lines))


# Each asset check over findings and the findings it gathers (parsers/checks.csv); the check over
# failed reports gathers every error, whatever its name.
FINDINGS = gathered_by()


def _findings_check(con, asset: str, check: str, names: list[str]) -> dg.AssetCheckResult:
    errors = any(findings_registry()[n].severity == "error" for n in names)
    offending = con.sql(warehouse.sql("analyses/findings.sql"), params={"checks": names, "errors": errors}).pl()
    return dg.AssetCheckResult(
        asset_key=asset,
        check_name=check,
        passed=offending.is_empty(),
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"reports": offending["report_id"].n_unique(), "findings": offending.height, "offending": _markdown(offending)},
    )


@dg.multi_asset(
    specs=[
        dg.AssetSpec(t, deps=[raw_reports, "parsed_reports", "parsed_shards"], group_name=GROUP)
        for t in (*TABLES, "source_files")
    ]
    + [
        dg.AssetSpec(s, deps=list(TABLES), group_name=GROUP, description="staging (sql/staging/): keys, flags and code groups")
        for s in STAGING
    ]
    + [dg.AssetSpec(v, deps=[*STAGING, *TABLES], group_name=GROUP, description="analyst view (sql/marts/)") for v in VIEWS],
    check_specs=_check_specs,
)
def warehouse_tables(
    context: dg.AssetExecutionContext,
    config: IngestConfig,
    raw_folder: RawFolder,
    duckdb: DuckDBResource,
    parsed_store: ParsedStore,
):
    """Replaces new and changed reports' rows in the DuckDB warehouse: parsed here (the `ingest`
    job, one machine), or loaded from the parsed shards (the `load` job, after `parse`)."""
    progress = lambda message: (context.log.info(message), progress_log.info(message))  # noqa: E731
    if config.from_store:
        result = partitions.load_store(
            Path(duckdb.database), parsed_store.store(), shards.get_partition_keys(), prune=config.prune, progress=progress
        )
    else:
        result = ingest.run(
            Path(raw_folder.path),
            Path(duckdb.database),
            full=config.full,
            prune=config.prune,
            follow_links=config.follow_links,
            batch_size=raw_folder.batch_size,
            progress=progress,
        )
    rows = result.summary["rows"]
    for name in (*TABLES, "source_files"):
        yield dg.MaterializeResult(asset_key=name, metadata={"rows": rows.get(name, 0), "parsed_this_run": result.parsed})
    for view in (*STAGING, *VIEWS):
        yield dg.MaterializeResult(asset_key=view)
    for table in TABLES:
        failures = result.failures(table)
        yield dg.AssetCheckResult(
            asset_key=table,
            check_name="schema",
            passed=failures is None,
            metadata={
                "validated_rows": sum(v.rows for v in result.validations.get(table, [])),
                "failure_cases": _markdown(failures) if failures is not None else "none",
            },
        )
    with duckdb.get_connection() as con:
        for (asset, check), names in FINDINGS.items():
            yield _findings_check(con, asset, check, names)
        yield _coverage_check(con)


def _coverage_check(con) -> dg.AssetCheckResult:
    """Labels reports print that the catalogue does not know, most reports first."""
    worklist = con.sql(warehouse.sql("analyses/catalogue_suggest.sql")).pl()
    return dg.AssetCheckResult(
        asset_key="unmapped_labels",
        check_name="catalogue_coverage",
        passed=worklist.is_empty(),
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"labels": worklist.height, "worklist": _markdown(worklist)},
    )


@dg.asset(deps=[*TABLES, "source_files", *VIEWS], group_name="export")
def parquet_export(raw_folder: RawFolder, duckdb: DuckDBResource) -> dg.MaterializeResult:
    """Parquet for polars, DuckDB, Spark or Trino: fact tables partitioned by year, views one file each."""
    out = Path(raw_folder.export_dir)
    with duckdb.get_connection() as con:
        written = export.export(con, out)
    return dg.MaterializeResult(metadata={"folder": str(out), "files": len(written)})
