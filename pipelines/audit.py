"""The audit page's data: which reports an office is looking at, their findings, and the figures
and chart series over them, read from the warehouse as plain Python values.

The queries are files in sql/analyses/; this module only runs them and shapes the rows, so the
page (pipelines/audit_html.py) never touches DuckDB and the SQL can be read on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from .warehouse import WarehouseError, check_layers, sql, table_names

RATE_BINS = 10  # histogram of disclosure rates: 0–10 %, …, 90–100 %, then one bin above 100 %


@dataclass
class Audit:
    """Everything the page shows, for one selection (region text and year, either None)."""

    region: str | None
    year: int | None
    warehouse: str
    generated: str
    reports: list[dict] = field(default_factory=list)  # each with its "findings" list
    regions: list[dict] = field(default_factory=list)
    rate_bins: list[tuple[str, int]] = field(default_factory=list)
    unrated: int = 0  # counted reports with no disclosure rate
    refusals: list[dict] = field(default_factory=list)
    trend: list[dict] = field(default_factory=list)

    def status_counts(self) -> dict[str, int]:
        counts = {"ok": 0, "warnings": 0, "failed": 0}
        for r in self.reports:
            counts[r["parse_status"]] = counts.get(r["parse_status"], 0) + 1
        return counts


def _rows(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> list[dict]:
    rel = con.execute(sql(f"analyses/{name}.sql"), params or {})
    columns = [d[0] for d in rel.description]
    return [dict(zip(columns, row)) for row in rel.fetchall()]


def _check_tables(con: duckdb.DuckDBPyConnection, path: str) -> None:
    """An empty DuckDB file opens fine; say plainly that it holds no reports rather than fail in SQL."""
    names = table_names(con)
    missing = {"reports", "validation_issues", "report_headlines", "refusal_reason_shares", "report_metrics"} - names
    if missing:
        raise WarehouseError(
            f"{path}: not an xxgk warehouse yet (no {', '.join(sorted(missing))}). "
            f"Build it with `xxgk ingest --warehouse {path}`."
        )
    check_layers(con, path)


def rate_bins(rates: list[float]) -> list[tuple[str, int]]:
    """Ten 10-point bins (100 % falls in the last); rates above 100 % (a report granting more than
    it processed) get their own bin, shown only when there are any."""
    counts = [0] * (RATE_BINS + 1)
    for rate in rates:
        k = RATE_BINS if rate > 1 else min(int(rate * RATE_BINS), RATE_BINS - 1)
        counts[k] += 1
    step = 100 // RATE_BINS
    bins = [(f"{k * step}–{(k + 1) * step}%", counts[k]) for k in range(RATE_BINS)]
    if counts[RATE_BINS]:
        bins.append((">100%", counts[RATE_BINS]))
    return bins


def load(con: duckdb.DuckDBPyConnection, region: str | None = None, year: int | None = None, warehouse: str = "") -> Audit:
    _check_tables(con, warehouse)
    region = region.strip() if region and region.strip() else None
    audit = Audit(region, year, warehouse, datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"))
    audit.reports = _rows(con, "audit_reports", {"region": region, "year": year})
    if not audit.reports:
        return audit
    ids = [r["report_id"] for r in audit.reports]
    con.register("audit_ids", pa.table({"report_id": pa.array(ids, pa.string())}))
    con.execute(sql("analyses/audit_selection.sql"))
    con.unregister("audit_ids")
    try:
        findings: dict[str, list[dict]] = {i: [] for i in ids}
        for f in _rows(con, "audit_findings"):
            findings[f["report_id"]].append(f)
        for r in audit.reports:
            r["findings"] = _with_own_notes(r, findings[r["report_id"]])
        audit.regions = _rows(con, "audit_regions")
        rates = _rows(con, "audit_rates")
        audit.rate_bins = rate_bins([r["disclosure_rate"] for r in rates if r["disclosure_rate"] is not None])
        audit.unrated = sum(r["disclosure_rate"] is None for r in rates)
        audit.refusals = _rows(con, "audit_refusals")
        audit.trend = _rows(con, "audit_trend")
    finally:
        con.execute(sql("analyses/audit_selection_drop.sql"))
    return audit


def _with_own_notes(report: dict, findings: list[dict]) -> list[dict]:
    """Adds what the reports row itself says and validation_issues may not: a failure's reason,
    and why the body could not be placed in a region (a note, not a warning)."""
    out = list(findings)
    if (
        report["parse_status"] == "failed"
        and report["status_reason"]
        and not any(f["severity"] == "error" and f["detail"] == report["status_reason"] for f in findings)
    ):
        out.insert(0, {"check_name": "failed", "severity": "error", "detail": report["status_reason"]})
    if report["body_note"]:
        out.append({"check_name": "body_not_placed", "severity": "note", "detail": report["body_note"]})
    return out


def default_out(warehouse: Path) -> Path:
    return Path(warehouse).parent / "report.html"
