"""pandera schemas of the tidy frames, built from the catalogue: types, allowed codes,
non-negative counts, one value per key, and the template identities (as warnings)."""
from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from functools import cache

import pandera.polars as pa
import polars as pl

from . import catalogue, checks
from .frames import SCHEMAS

FORMATS = ["txt", "html", "pdf", "docx", "doc", "wps", "rtf", "xlsx", "xls", "pptx", "zip", "archive",
           "png", "jpeg", "gif", "bmp", "tiff"]


def _identity_check(*identities) -> pa.Check:
    """Rows of reports whose arithmetic holds pass; the others are reported as a warning."""

    def holds(data) -> pl.LazyFrame:
        frame = data.lazyframe.collect()
        bad = pl.concat([f(frame) for f in identities])["report_id"].unique()
        return data.lazyframe.select(~pl.col("report_id").is_in(bad.implode()))

    return pa.Check(holds, name="template_identities", raise_warning=True)


def _column(table: str, name: str, *check_list: pa.Check, nullable: bool = True) -> pa.Column:
    return pa.Column(SCHEMAS[table][name], list(check_list), nullable=nullable)


@cache
def schemas() -> dict[str, pa.DataFrameSchema]:
    cat = catalogue.load()
    items = sorted({i for i, _, _ in cat.t2_cells})
    measures = sorted({m for _, m, _ in cat.t2_cells})
    nonneg_unless_change = pa.Check(
        lambda d: d.lazyframe.select(
            pl.col("value").is_null() | (pl.col("value") >= 0) | (pl.col("measure") == "items_change")
        ),
        name="value_non_negative",
    )
    return {
        "reports": pa.DataFrameSchema(
            {
                "report_id": _column("reports", "report_id", pa.Check.str_length(16, 16), nullable=False),
                "source_path": _column("reports", "source_path", nullable=False),
                "source_format": _column("reports", "source_format", pa.Check.isin(FORMATS)),
                "source_sha256": _column("reports", "source_sha256", pa.Check.str_length(64, 64), nullable=False),
                "year": _column("reports", "year", pa.Check.in_range(1990, 2100)),
                "template_version": _column("reports", "template_version", pa.Check.isin(["2019", "2021"])),
                "parse_status": _column("reports", "parse_status", pa.Check.isin(["ok", "warnings", "failed"]), nullable=False),
            },
            unique=["report_id"],
            name="reports",
        ),
        "active_disclosure": pa.DataFrameSchema(
            {
                "report_id": _column("active_disclosure", "report_id", nullable=False),
                "item": _column("active_disclosure", "item", pa.Check.isin(items), nullable=False),
                "measure": _column("active_disclosure", "measure", pa.Check.isin(measures), nullable=False),
                "value": _column("active_disclosure", "value"),
                "unit_as_printed": _column("active_disclosure", "unit_as_printed", pa.Check.isin(["元", "万元"])),
            },
            checks=[nonneg_unless_change],
            unique=["report_id", "item", "measure"],
            name="active_disclosure",
        ),
        "applications": pa.DataFrameSchema(
            {
                "report_id": _column("applications", "report_id", nullable=False),
                "row_code": _column("applications", "row_code", pa.Check.isin(catalogue.table3_rows()), nullable=False),
                "applicant": _column("applications", "applicant", pa.Check.isin(catalogue.applicants()), nullable=False),
                "count": _column("applications", "count", pa.Check.ge(0)),
            },
            checks=[_identity_check(checks.row_totals, checks.column_balance, checks.outcome_totals)],
            unique=["report_id", "row_code", "applicant"],
            name="applications",
        ),
        "review_litigation": pa.DataFrameSchema(
            {
                "report_id": _column("review_litigation", "report_id", nullable=False),
                "proceeding": _column("review_litigation", "proceeding", pa.Check.isin(catalogue.proceedings()), nullable=False),
                "outcome": _column("review_litigation", "outcome", pa.Check.isin(catalogue.outcomes()), nullable=False),
                "count": _column("review_litigation", "count", pa.Check.ge(0)),
            },
            checks=[_identity_check(checks.review_litigation_totals)],
            unique=["report_id", "proceeding", "outcome"],
            name="review_litigation",
        ),
        "report_sections": pa.DataFrameSchema(
            {
                "report_id": _column("report_sections", "report_id", nullable=False),
                "section": _column("report_sections", "section", pa.Check.in_range(1, 6), nullable=False),
                "heading": _column("report_sections", "heading", nullable=False),
            },
            unique=["report_id", "section"],
            name="report_sections",
        ),
        "validation_issues": pa.DataFrameSchema(
            {
                "report_id": _column("validation_issues", "report_id", nullable=False),
                "check_name": _column("validation_issues", "check_name", nullable=False),
                "severity": _column("validation_issues", "severity", pa.Check.isin(["error", "warning"]), nullable=False),
                "detail": _column("validation_issues", "detail", nullable=False),
            },
            name="validation_issues",
        ),
        "unmapped_labels": pa.DataFrameSchema(
            {
                "report_id": _column("unmapped_labels", "report_id", nullable=False),
                "in_table": _column("unmapped_labels", "in_table", pa.Check.isin([2, 3, 4]), nullable=False),
                "label": _column("unmapped_labels", "label", nullable=False),
                "label_key": _column("unmapped_labels", "label_key", nullable=False),
                "similarity": _column("unmapped_labels", "similarity", pa.Check.in_range(0, 1)),
            },
            name="unmapped_labels",
        ),
    }


@dataclass
class Validation:
    table: str
    rows: int
    failures: pl.DataFrame | None = None  # pandera's failure cases: structural problems
    warnings: list[str] = field(default_factory=list)  # broken template identities

    @property
    def passed(self) -> bool:
        return self.failures is None or self.failures.is_empty()


def validate(table: str, frame: pl.DataFrame) -> Validation:
    result = Validation(table, frame.height)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            schemas()[table].validate(frame, lazy=True)
        except pa.errors.SchemaErrors as e:
            result.failures = e.failure_cases
    result.warnings = [str(w.message) for w in caught if issubclass(w.category, UserWarning)]
    return result
