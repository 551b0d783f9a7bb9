"""Parsed reports as the warehouse's tidy polars frames (SPEC §3), one frame per table."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import repeat

import polars as pl

from . import bodies, catalogue, table_spec
from .report import ParsedReport

TABLES = (
    "reports",
    "active_disclosure",
    "applications",
    "review_litigation",
    "report_sections",
    "validation_issues",
    "unmapped_labels",
)

# The frames' columns and polars types, from the one description of the tables (table_spec.csv).
SCHEMAS: dict[str, dict[str, pl.DataType]] = {t: table_spec.polars_schema(t) for t in TABLES}


@dataclass(frozen=True)
class SourceFile:
    path: str
    sha256: str
    size: int

    @property
    def report_id(self) -> str:
        return report_id_of(self.sha256)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def report_id_of(sha256: str) -> str:
    """Stable id from the raw bytes: the same bytes are the same report wherever they lie."""
    return sha256[:16]


def build(parsed: list[tuple[SourceFile, str | None, ParsedReport]], parser_version: str) -> dict[str, pl.DataFrame]:
    """Frames for a batch of parsed files. parse_status is left for checks.finish() to set,
    once the template's identities have been checked too.

    Built column-wise: each report's rows (the tuples the parser made) are added to the table's
    columns, its report_id repeated, and each column becomes one Series: half the cost of polars
    reading the rows one by one."""
    now = datetime.now(timezone.utc)
    reports: list[tuple] = []
    columns: dict[str, list[list]] = {t: [[] for _ in SCHEMAS[t]] for t in TABLES[1:]}
    for src, fmt, rep in parsed:
        rid = src.report_id
        reports.append(
            (
                rid,
                src.path,
                fmt,
                src.sha256,
                src.size,
                rep.agency,
                *_body(rep.agency, rep.year),
                rep.year,
                rep.template_version,
                None,
                None,
                None,
                _fingerprint(rep),
                parser_version,
                now,
            )
        )
        for table, found in (
            ("active_disclosure", rep.active_disclosure),
            ("applications", rep.applications),
            ("review_litigation", rep.review_litigation),
            ("report_sections", rep.sections),
            ("validation_issues", [(i.check_name, i.severity, i.detail) for i in rep.issues]),
            ("unmapped_labels", [_unmapped(entry) for entry in rep.unmapped]),
        ):
            if found:  # transposed report by report: a batch's rows at once would be as many live tuples
                ids, *rest = columns[table]
                ids += repeat(rid, len(found))
                for column, values in zip(rest, zip(*found), strict=True):
                    column += values
    out = {"reports": _frame("reports", [list(column) for column in zip(*reports)] or [[]] * len(SCHEMAS["reports"]))}
    for table in TABLES[1:]:
        out[table] = _frame(table, columns[table])
    return out


def _frame(table: str, columns: list[list]) -> pl.DataFrame:
    """A frame of the table's schema from its columns."""
    schema = SCHEMAS[table]
    return pl.DataFrame(
        [pl.Series(name, values, dtype=dtype) for (name, dtype), values in zip(schema.items(), columns, strict=True)]
    )


def _unmapped(entry: tuple[str, str, str | None, str | None]) -> tuple:
    """(in_table, label, label_key, after_row, source_ref, closest code and label, similarity)."""
    table, label, after, ref = entry
    number = int(table.split()[-1])
    closest = catalogue.closest(label, "t2_item" if number == 2 else "t3_row")
    key = catalogue.label_key(label)
    return (number, label, key, after, ref, *(closest or (None, None, None)))


def _fingerprint(rep: ParsedReport) -> str | None:
    """Same body, year and these numbers: the same report, whatever its bytes (sql/load/mark_duplicates.sql).
    Cells come in catalogue order, so the counts alone say which cell is which."""
    counts = [count for _, _, count, _ in rep.applications]
    if all(count is None for count in counts):
        return None
    return hashlib.md5(repr(counts).encode()).hexdigest()


def _body(agency: str | None, year: int | None) -> tuple:
    """(canonical_agency, province, city, county, division_code, body_kind, body_placed, body_note)."""
    if not agency:
        return (None,) * 8
    b = bodies.normalize(agency, year)
    canonical = b.canonical_name if b.placed else None
    return (canonical, b.province, b.city, b.county, b.division_code, b.kind, b.placed, b.reason)
