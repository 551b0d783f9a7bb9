"""The template's own arithmetic (SPEC §2), checked on the tidy frames.

A broken identity is a finding about the report: a `warning` row naming the cells and the
arithmetic. The printed numbers are never changed. A blank (NULL) operand is left out of a
sum; an identity whose result cell is blank is not checked.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polars as pl

from . import catalogue
from .frames import SCHEMAS

CHECKS_PATH = Path(__file__).with_name("checks.csv")


@dataclass(frozen=True)
class Check:
    """One kind of finding: its severity, what an auditor calls it, and the Dagster asset check
    ("asset.check") that gathers it, if any."""

    name: str
    severity: str
    label_zh: str
    asset_check: str
    description: str


@cache
def registry() -> dict[str, Check]:
    """Every finding xxgk can record (checks.csv): the code that emits one, the asset checks, the
    audit page and the data dictionary all read this one list."""
    with CHECKS_PATH.open(encoding="utf-8") as f:
        return {row["name"]: Check(**row) for row in csv.DictReader(f)}


def gathered_by() -> dict[tuple[str, str], list[str]]:
    """(asset, asset check) -> the findings it gathers."""
    out: dict[tuple[str, str], list[str]] = {}
    for check in registry().values():
        if check.asset_check:
            asset, name = check.asset_check.split(".")
            out.setdefault((asset, name), []).append(check.name)
    return out


OUTCOME_ROWS_2021 = [
    "granted",
    "partially_granted",
    "denied_state_secret",
    "denied_prohibited_by_law",
    "denied_security_stability",
    "denied_third_party_rights",
    "denied_internal_affairs",
    "denied_process_info",
    "denied_enforcement_files",
    "denied_inquiry_matters",
    "unavailable_not_held",
    "unavailable_needs_creation",
    "unavailable_unclear_after_correction",
    "not_processed_petition",
    "not_processed_duplicate",
    "not_processed_publication",
    "not_processed_excessive",
    "not_processed_confirmation",
    "other_no_correction",
    "other_fee_unpaid",
    "other_other",
    "other_handling",
]  # other_handling is printed instead of the three other_* rows; both are never printed together


def _fmt(x) -> str:
    return "NULL" if x is None else (str(int(x)) if float(x).is_integer() else f"{x:g}")


def _issues(df: pl.DataFrame, check: str, describe) -> pl.DataFrame:
    if df.is_empty():
        return pl.DataFrame(schema=SCHEMAS["validation_issues"])
    details = [describe(r) for r in df.iter_rows(named=True)]
    return pl.DataFrame(
        {
            "report_id": df["report_id"],
            "check_name": [check] * len(details),
            "severity": ["warning"] * len(details),
            "detail": details,
        },
        schema=SCHEMAS["validation_issues"],
    )


def _parts_against_total(frame: pl.DataFrame, group: str, along: str, total: str, parts: list[str]) -> pl.DataFrame:
    """Per report and `group` value: the printed `total` cell of `along`, the sum of the `parts`
    cells, kept where both are printed and differ."""
    return (
        frame.filter(pl.col("count").is_not_null())
        .group_by("report_id", group)
        .agg(
            pl.col("count").filter(pl.col(along) == total).first().alias("total"),
            pl.col("count").filter(pl.col(along).is_in(parts)).sum().alias("parts"),
            pl.col("count").filter(pl.col(along).is_in(parts)).count().alias("n"),
        )
        .filter(pl.col("total").is_not_null() & (pl.col("n") > 0) & (pl.col("total") != pl.col("parts")))
        .sort("report_id", group)
    )


def row_totals(applications: pl.DataFrame) -> pl.DataFrame:
    """Every table-3 row: 总计 = the six applicant columns."""
    parts = [a for a in catalogue.applicants() if a != "total"]
    return _issues(
        _parts_against_total(applications, "row_code", "applicant", "total", parts),
        "row_total",
        lambda r: f"table 3 row {r['row_code']}: the applicant columns sum to {r['parts']} but 总计 prints {r['total']}",
    )


def column_balance(applications: pl.DataFrame) -> pl.DataFrame:
    """Every column: new_received + carried_over = total_processed + carried_forward (勾稽关系)."""
    codes = ["new_received", "carried_over", "total_processed", "carried_forward"]
    wide = applications.filter(pl.col("row_code").is_in(codes)).pivot(
        on="row_code", index=["report_id", "applicant"], values="count", aggregate_function="first"
    )
    for c in codes:
        if c not in wide.columns:
            wide = wide.with_columns(pl.lit(None, dtype=pl.Int64).alias(c))
    bad = wide.filter(
        pl.all_horizontal(pl.col(c).is_not_null() for c in codes)
        & ((pl.col("new_received") + pl.col("carried_over")) != (pl.col("total_processed") + pl.col("carried_forward")))
    ).sort("report_id", "applicant")
    return _issues(
        bad,
        "column_balance",
        lambda r: (
            f"table 3 column {r['applicant']}: new_received {r['new_received']} + carried_over {r['carried_over']}"
            f" = {r['new_received'] + r['carried_over']} but total_processed {r['total_processed']}"
            f" + carried_forward {r['carried_forward']} = {r['total_processed'] + r['carried_forward']}"
        ),
    )


def outcome_totals(applications: pl.DataFrame) -> pl.DataFrame:
    """Every column: total_processed = the sum of the outcome rows."""
    return _issues(
        _parts_against_total(applications, "applicant", "row_code", "total_processed", OUTCOME_ROWS_2021),
        "outcome_total",
        lambda r: (
            f"table 3 column {r['applicant']}: the outcome rows (予以公开 … 其他处理) sum to {r['parts']} but (七)总计 prints {r['total']}"
        ),
    )


def review_litigation_totals(review_litigation: pl.DataFrame) -> pl.DataFrame:
    """Every proceeding: total = upheld + corrected + other + pending."""
    parts = [o for o in catalogue.outcomes() if o != "total"]
    return _issues(
        _parts_against_total(review_litigation, "proceeding", "outcome", "total", parts),
        "review_litigation_total",
        lambda r: f"table 4 {r['proceeding']}: 维持+纠正+其他+尚未审结 = {r['parts']} but 总计 prints {r['total']}",
    )


IDENTITIES = (row_totals, column_balance, outcome_totals)


def identity_issues(frames: dict[str, pl.DataFrame]) -> pl.DataFrame:
    return pl.concat(
        [check(frames["applications"]) for check in IDENTITIES] + [review_litigation_totals(frames["review_litigation"])],
        how="vertical",
    )


def statuses(findings: pl.DataFrame) -> pl.DataFrame:
    """Each report's parse_status and status_reason, decided here and nowhere else: an error fails
    the report (its first error is the reason), any other finding flags it (`warnings`), none leaves
    it `ok`. findings: report_id, severity, detail in the order found; a report without findings is
    a row with severity NULL. Parsing applies it to a report's own findings; the warehouse again,
    once the findings across reports (duplicates, cross-year) are in (pipelines.warehouse.sync_files)."""
    return findings.group_by("report_id", maintain_order=True).agg(
        pl.when((pl.col("severity") == "error").any())
        .then(pl.lit("failed"))
        .when(pl.col("severity").is_not_null().any())
        .then(pl.lit("warnings"))
        .otherwise(pl.lit("ok"))
        .alias("parse_status"),
        pl.col("detail").filter(pl.col("severity") == "error").first().alias("status_reason"),
    )


def finish(frames: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """Adds the identity and narrative findings and sets each report's parse_status and status_reason."""
    from .narrative import narrative_issues

    issues = pl.concat([frames["validation_issues"], identity_issues(frames), narrative_issues(frames)], how="vertical")
    findings = pl.concat(
        [
            issues.select("report_id", "severity", "detail"),
            frames["reports"].select(
                "report_id", pl.lit(None, pl.String).alias("severity"), pl.lit(None, pl.String).alias("detail")
            ),
        ]
    )
    reports = (
        frames["reports"]
        .drop("parse_status", "status_reason")
        .join(statuses(findings), on="report_id", how="left")
        .select(list(SCHEMAS["reports"]))
    )
    return {**frames, "reports": reports, "validation_issues": issues}
