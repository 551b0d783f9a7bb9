"""pandera schemas of the tidy frames, built from the table spec (table_spec.csv): each column's
type and nullability, its allowed values (literal or the catalogue's codes) and bounds, one row
per key; and the one rule across columns (non-negative values but for a change). The template's
identities are not checked here: parsers/checks.py checks them once and records the findings."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandera.polars as pa
import polars as pl

from . import table_spec
from .catalogue import SIGNED_MEASURE
from .frames import TABLES


def _column(column: table_spec.Column) -> pa.Column:
    found = []
    allowed = column.allowed()
    if allowed is not None:
        found.append(pa.Check.isin(allowed))
    bound = column.bound()
    if bound is not None:
        kind, lo, hi = bound
        if kind == "length":
            found.append(pa.Check.str_length(lo, hi))
        elif kind == "range":
            found.append(pa.Check.in_range(lo, hi))
        else:
            found.append(pa.Check.ge(lo))
    return pa.Column(column.polars_type, found, nullable=column.nullable)


def _table_checks() -> dict[str, list[pa.Check]]:
    """Rules over more than one column, which a line of the spec cannot say."""
    nonneg_unless_change = pa.Check(
        lambda d: d.lazyframe.select(pl.col("value").is_null() | (pl.col("value") >= 0) | (pl.col("measure") == SIGNED_MEASURE)),
        name="value_non_negative",
    )
    return {"active_disclosure": [nonneg_unless_change]}


def build(spec: dict[str, list[table_spec.Column]], tables=TABLES) -> dict[str, pa.DataFrameSchema]:
    extra = _table_checks()
    out = {}
    for table in tables:
        columns = spec[table]
        keys = [c.name for c in columns if c.key]
        out[table] = pa.DataFrameSchema(
            {c.name: _column(c) for c in columns},
            checks=extra.get(table, []),
            unique=keys or None,
            name=table,
        )
    return out


@cache
def schemas() -> dict[str, pa.DataFrameSchema]:
    return build(table_spec.load())


@dataclass
class Validation:
    table: str
    rows: int
    failures: pl.DataFrame | None = None  # pandera's failure cases: structural problems

    @property
    def passed(self) -> bool:
        return self.failures is None or self.failures.is_empty()


def validate(table: str, frame: pl.DataFrame) -> Validation:
    result = Validation(table, frame.height)
    try:
        schemas()[table].validate(frame, lazy=True)
    except pa.errors.SchemaErrors as e:
        result.failures = e.failure_cases
    return result
