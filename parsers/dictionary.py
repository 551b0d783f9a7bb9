"""The data dictionary, generated: the tables' columns, types and constraints (table_spec.csv),
column meanings (columns.csv: a `table` line, else the `*` line of that column name, so a name
shared by several tables and views is explained once), every code with its Chinese label and the
variants reports print (catalogue.csv), and every finding (checks.csv, its severity as the
parent). Exports and docs both come from here."""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import polars as pl

from . import catalogue, checks, table_spec

COLUMNS_PATH = Path(__file__).with_name("columns.csv")
KIND_TABLES = {
    "t2_item": "active_disclosure.item",
    "t2_measure": "active_disclosure.measure",
    "t3_row": "applications.row_code",
    "t3_group": "(table 3 row group)",
    "applicant": "applications.applicant",
    "proceeding": "review_litigation.proceeding",
    "outcome": "review_litigation.outcome",
    "section": "report_sections.section",
}


@cache
def _column_rows() -> dict[tuple[str, str], dict[str, str]]:
    with COLUMNS_PATH.open(encoding="utf-8") as f:
        return {(r["table"], r["column"]): r for r in csv.DictReader(f)}


def column_label(table: str, column: str) -> dict[str, str] | None:
    rows = _column_rows()
    return rows.get((table, column)) or rows.get(("*", column))


def columns(relations: dict[str, list[tuple[str, str]]], spec: dict[str, list[table_spec.Column]] | None = None) -> pl.DataFrame:
    """relations: name -> [(column, type)] as the warehouse has them; a table of the spec is
    described from the spec (its columns, types and constraints), a view as the warehouse has it."""
    spec = spec or table_spec.load()
    out = []
    for name, cols in relations.items():
        described = (
            [(c.name, c.described_type, c.constraints()) for c in spec[name]]
            if name in spec
            else [(column, dtype, None) for column, dtype in cols]
        )
        for column, dtype, constraints in described:
            meta = column_label(name, column) or {}
            out.append((name, column, dtype, meta.get("label_zh"), meta.get("description"), constraints or None))
    return pl.DataFrame(out, schema=["table", "column", "type", "label_zh", "description", "constraints"], orient="row")


def codes() -> pl.DataFrame:
    out: dict[tuple[str, str], dict] = {}
    for lab in catalogue.load().labels:
        entry = out.setdefault(
            (lab.kind, lab.code),
            {
                "used_in": KIND_TABLES.get(lab.kind, lab.kind),
                "code": lab.code,
                "parent": lab.parent or None,
                "versions": ";".join(lab.versions),
                "label_zh": lab.label,
                "variants": [],
            },
        )
        if lab.label != entry["label_zh"]:
            entry["variants"].append(lab.label)
    rows = [{**e, "variants": " / ".join(e["variants"]) or None} for e in out.values()]
    rows += [
        {
            "used_in": "validation_issues.check_name",
            "code": c.name,
            "parent": c.severity,
            "versions": "",
            "label_zh": c.label_zh,
            "variants": None,
        }
        for c in checks.registry().values()
    ]
    return pl.DataFrame(rows)


def markdown(columns_frame: pl.DataFrame, codes_frame: pl.DataFrame) -> str:
    lines = [
        "# xxgk data dictionary",
        "",
        "Generated from parsers/table_spec.csv, parsers/columns.csv and parsers/catalogue.csv.",
        "",
    ]
    for (table,), group in columns_frame.group_by("table", maintain_order=True):
        lines += [f"## {table}", "", "| column | 中文 | type | meaning |", "|---|---|---|---|"]
        lines += [
            f"| {r['column']} | {r['label_zh'] or ''} | {r['type']} | {r['description'] or ''} |"
            for r in group.iter_rows(named=True)
        ]
        lines.append("")
    lines += ["## Codes", "", "| used in | code | 中文 | versions | variants seen in reports |", "|---|---|---|---|---|"]
    lines += [
        f"| {r['used_in']} | {r['code']} | {r['label_zh']} | {r['versions']} | {r['variants'] or ''} |"
        for r in codes_frame.iter_rows(named=True)
    ]
    return "\n".join(lines) + "\n"
