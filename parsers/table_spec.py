"""The warehouse's tables as data (table_spec.csv): one line per column, in table order. The
polars schemas of the frames, the DuckDB CREATE TABLE statements, the pandera column checks and
the data dictionary's types all come from here, so a column is described once.

Fields of a line: type (DuckDB's name), nullable (yes/no), key (`primary`: the table's primary
key; `row`: one row per these columns, checked by pandera), values (allowed values, `a|b|c`, or
`catalogue:<list>` for the codes of parsers/catalogue.csv), values_in_ddl (yes: the warehouse
refuses other values too, with a CHECK), bounds (`length=N`, `range=lo..hi`, `min=N`).
This module writes SQL text; it never talks to a database.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import polars as pl

SPEC_PATH = Path(__file__).with_name("table_spec.csv")

POLARS_TYPES: dict[str, pl.DataType] = {
    "VARCHAR": pl.String,
    "BIGINT": pl.Int64,
    "INTEGER": pl.Int32,
    "DOUBLE": pl.Float64,
    "BOOLEAN": pl.Boolean,
    "TIMESTAMPTZ": pl.Datetime("us", "UTC"),
}
DESCRIBED_AS = {"TIMESTAMPTZ": "TIMESTAMP WITH TIME ZONE"}  # how DuckDB's DESCRIBE names a type
KEYS = ("", "primary", "row")
CATALOGUE_LISTS = ("t2_items", "t2_measures", "table3_rows", "applicants", "proceedings", "outcomes")


class SpecError(ValueError):
    """table_spec.csv says something this module cannot read; the message names the line."""


@dataclass(frozen=True)
class Column:
    table: str
    name: str
    type: str
    nullable: bool
    key: str
    values: str
    values_in_ddl: bool
    bounds: str

    @property
    def polars_type(self) -> pl.DataType:
        return POLARS_TYPES[self.type]

    @property
    def described_type(self) -> str:
        """The type as DESCRIBE and duckdb_columns() print it."""
        return DESCRIBED_AS.get(self.type, self.type)

    def constraints(self) -> str:
        """In words, for the data dictionary."""
        said = ["primary key" if self.key == "primary" else "" if self.nullable else "never NULL"]
        if self.values.startswith("catalogue:"):
            said.append("a code listed in codes.csv")
        elif self.values:
            said.append("one of " + ", ".join(self.values.split("|")))
        bound = self.bound()
        if bound:
            kind, lo, hi = bound
            said.append({"length": f"length {lo}", "range": f"{lo} to {hi}", "min": f"at least {lo}"}[kind])
        if self.key == "row":
            said.append("part of the row's key (one row per key)")
        return "; ".join(s for s in said if s)

    def allowed(self) -> list | None:
        """The allowed values, typed as the column is, or None when any value goes."""
        if not self.values:
            return None
        if self.values.startswith("catalogue:"):
            return _catalogue_list(self.values.removeprefix("catalogue:"))
        cast = {"INTEGER": int, "BIGINT": int, "DOUBLE": float}.get(self.type, str)
        return [cast(v) for v in self.values.split("|")]

    def bound(self) -> tuple[str, int | float, int | float | None] | None:
        """('length', n, n), ('range', lo, hi) or ('min', n, None)."""
        if not self.bounds:
            return None
        kind, _, arg = self.bounds.partition("=")
        lo, _, hi = arg.partition("..")
        try:
            if kind == "length" and not hi:
                return ("length", int(lo), int(lo))
            if kind == "range" and hi:
                return ("range", _number(lo), _number(hi))
            if kind == "min" and not hi:
                return ("min", _number(lo), None)
        except ValueError:
            pass
        raise SpecError(
            f"{SPEC_PATH.name}: {self.table}.{self.name}: bounds {self.bounds!r} is not length=N, range=lo..hi or min=N"
        )

    def ddl(self) -> str:
        parts = [_ident(self.name), self.type]
        if self.key == "primary":
            parts.append("PRIMARY KEY")  # implies NOT NULL
        elif not self.nullable:
            parts.append("NOT NULL")
        if self.values_in_ddl:
            parts.append(f"CHECK ({_ident(self.name)} IN ({', '.join(_literal(v) for v in self.allowed())}))")
        return " ".join(parts)


def _catalogue_list(name: str) -> list[str]:
    from . import catalogue

    if name == "t2_items":
        return sorted({i for i, _, _ in catalogue.load().t2_cells})
    if name == "t2_measures":
        return sorted({m for _, m, _ in catalogue.load().t2_cells})
    if name in CATALOGUE_LISTS:
        return getattr(catalogue, name)()
    raise SpecError(f"{SPEC_PATH.name}: no catalogue list {name!r} (known: {', '.join(CATALOGUE_LISTS)})")


def _number(text: str) -> int | float:
    return int(text) if text.lstrip("-").isdigit() else float(text)


def _ident(name: str) -> str:
    """Quoted, so a column may be named like an SQL word (key, value, year, count)."""
    return '"' + name.replace('"', '""') + '"'


def _literal(value) -> str:
    return str(value) if isinstance(value, (int, float)) else "'" + str(value).replace("'", "''") + "'"


def _flag(text: str, where: str) -> bool:
    if text not in ("yes", "no", ""):
        raise SpecError(f"{where}: {text!r} is neither yes nor no")
    return text == "yes"


def read(path: Path = SPEC_PATH) -> dict[str, list[Column]]:
    """table -> its columns in order. A line that cannot be read is a SpecError naming it."""
    tables: dict[str, list[Column]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            where = f"{path.name} line {line}"
            if row["type"] not in POLARS_TYPES:
                raise SpecError(f"{where}: type {row['type']!r} is not one of {', '.join(POLARS_TYPES)}")
            if row["key"] not in KEYS:
                raise SpecError(f"{where}: key {row['key']!r} is not one of primary, row or empty")
            column = Column(
                table=row["table"],
                name=row["column"],
                type=row["type"],
                nullable=_flag(row["nullable"], where),
                key=row["key"],
                values=row["values"],
                values_in_ddl=_flag(row["values_in_ddl"], where),
                bounds=row["bounds"],
            )
            column.bound()
            source = column.values.removeprefix("catalogue:")
            if column.values.startswith("catalogue:") and source not in CATALOGUE_LISTS:
                raise SpecError(f"{where}: no catalogue list {source!r} (known: {', '.join(CATALOGUE_LISTS)})")
            tables.setdefault(row["table"], []).append(column)
    return tables


@cache
def load() -> dict[str, list[Column]]:
    return read()


def polars_schema(table: str, spec: dict[str, list[Column]] | None = None) -> dict[str, pl.DataType]:
    return {c.name: c.polars_type for c in (spec or load())[table]}


def create_table(columns: list[Column]) -> str:
    body = ",\n".join(f"    {c.ddl()}" for c in columns)
    return f"CREATE TABLE IF NOT EXISTS {_ident(columns[0].table)} (\n{body}\n);\n"


def ddl(spec: dict[str, list[Column]] | None = None) -> str:
    """CREATE TABLE IF NOT EXISTS for every table of the spec, in its order: safe on every start."""
    return "\n".join(create_table(columns) for columns in (spec or load()).values())
