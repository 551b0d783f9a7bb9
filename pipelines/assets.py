"""Dagster assets and checks: thin glue over pipelines.ingest and the warehouse module."""
# Dagster reads these functions' annotations at import: no `from __future__ import annotations` here.

import logging
from pathlib import Path

import dagster as dg
import polars as pl
from dagster_duckdb import DuckDBResource

from parsers.checks import registry as findings_registry
from parsers.checks import gathered_by
from parsers.frames import TABLES

from . import export, ingest, warehouse

VIEWS = export.VIEWS
GROUP = "warehouse"
MAX_LISTED = 50
progress_log = logging.getLogger("xxgk.progress")  # the CLI prints this; Dagster's UI shows context.log


class RawFolder(dg.ConfigurableResource):
    """Where the raw reports are dropped, and where analysts' exports go."""

    path: str = "data/raw"
    export_dir: str = "data/warehouse/export"
    batch_size: int = ingest.BATCH_SIZE


class IngestConfig(dg.Config):
    full: bool = False  # parse every file again, even those already stored
    prune: bool = False  # forget files that are gone from the raw folder, and their reports
    follow_links: bool = False  # follow symbolic links that lead outside the raw folder


raw_reports = dg.AssetSpec(
    "raw_reports",
    description="The report files dropped into the raw folder (any format), watched by the raw_files sensor.",
    group_name="raw",
)

_check_specs = [dg.AssetCheckSpec("schema", asset=t, description="pandera: types, codes, counts ≥ 0, one value per key") for t in TABLES]
_check_specs += [
    dg.AssetCheckSpec("template_identities", asset="applications", description="table 3 row totals, 勾稽关系 and outcome totals"),
    dg.AssetCheckSpec("template_identities", asset="review_litigation", description="table 4: total = upheld + corrected + other + pending"),
    dg.AssetCheckSpec("unplaced_numbers", asset="applications", description="every number printed in tables 2–4 landed in a cell"),
    dg.AssetCheckSpec("no_failed_reports", asset="reports", description="every file read became a parsed report"),
    dg.AssetCheckSpec("cross_year", asset="reports", description="carried over = last year's carried forward; documents in force"),
    dg.AssetCheckSpec("narrative_vs_tables", asset="report_sections", description="numbers part 1 repeats agree with the tables"),
    dg.AssetCheckSpec("duplicates", asset="reports", description="the same report under two names or encodings, counted once"),
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
    specs=[dg.AssetSpec(t, deps=[raw_reports], group_name=GROUP) for t in (*TABLES, "source_files")]
    + [dg.AssetSpec(v, deps=list(TABLES), group_name=GROUP, description="analyst view (sql/views.sql)") for v in VIEWS],
    check_specs=_check_specs,
)
def warehouse_tables(context: dg.AssetExecutionContext, config: IngestConfig, raw_folder: RawFolder, duckdb: DuckDBResource):
    """Parses new and changed raw files and replaces their reports' rows in the DuckDB warehouse."""
    result = ingest.run(
        Path(raw_folder.path),
        Path(duckdb.database),
        full=config.full,
        prune=config.prune,
        follow_links=config.follow_links,
        batch_size=raw_folder.batch_size,
        progress=lambda message: (context.log.info(message), progress_log.info(message)),
    )
    rows = result.summary["rows"]
    for name in (*TABLES, "source_files"):
        yield dg.MaterializeResult(asset_key=name, metadata={"rows": rows.get(name, 0), "parsed_this_run": result.parsed})
    for view in VIEWS:
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


@dg.asset(deps=[*TABLES, "source_files", *VIEWS], group_name="export")
def parquet_export(raw_folder: RawFolder, duckdb: DuckDBResource) -> dg.MaterializeResult:
    """Parquet for polars, DuckDB, Spark or Trino: fact tables partitioned by year, views one file each."""
    out = Path(raw_folder.export_dir)
    with duckdb.get_connection() as con:
        written = export.export(con, out)
    return dg.MaterializeResult(metadata={"folder": str(out), "files": len(written)})
