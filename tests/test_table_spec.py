"""The table spec (parsers/table_spec.csv) is the one description of the warehouse tables: the
frames' polars schemas, the DuckDB tables, the pandera schemas and the data dictionary all follow it."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import duckdb
import polars as pl
import pytest

from parsers import batch as batching
from parsers import catalogue, checks, dictionary, frames, schemas, table_spec
from pipelines import warehouse

# duckdb_tables().sql of a built warehouse, hashed, for each schema mark: tables that change must
# come with a new mark (an old warehouse is then refused with the way to rebuild it, not half-used).
# mark 4 gained the codes table (rebuilt from the catalogue on every start; created in an older
# warehouse of the same mark by the same start, so the mark stayed)
TABLES_OF_MARK = {"xxgk warehouse 4": "8569dbb035c89fe9"}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("spec") / "xxgk.duckdb"
    with warehouse.connect(path) as con:
        warehouse.ensure_schema(con)
    return path


@pytest.fixture(scope="module")
def sample_frames(tmp_path_factory) -> dict[str, pl.DataFrame]:
    from .conftest import SAMPLES

    raw = tmp_path_factory.mktemp("raw")
    for f in SAMPLES:
        (raw / f.name).write_bytes(f.read_bytes())
    return batching.parse_files(batching.scan(raw), "test")


def _lines() -> list[dict[str, str]]:
    with table_spec.SPEC_PATH.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_spec_lines_are_well_formed():
    lines = _lines()
    pairs = [(r["table"], r["column"]) for r in lines]
    assert len(pairs) == len(set(pairs)), [p for p in pairs if pairs.count(p) > 1]
    assert {r["type"] for r in lines} <= set(table_spec.POLARS_TYPES)
    assert {r["nullable"] for r in lines} <= {"yes", "no"}
    assert {r["values_in_ddl"] for r in lines} <= {"yes", ""}
    spec = table_spec.load()
    for table, columns in spec.items():
        primary = [c for c in columns if c.key == "primary"]
        assert len(primary) <= 1 and not any(c.nullable for c in primary), table
        assert not (primary and any(c.key == "row" for c in columns)), f"{table}: a primary key and a row key"
        for c in columns:
            c.bound()  # raises on a bound it cannot read
            if c.values:
                assert c.allowed(), f"{table}.{c.name}: no allowed values from {c.values!r}"
            assert not c.values_in_ddl or (c.values and not c.values.startswith("catalogue:")), (
                f"{table}.{c.name}: only a literal list of values can be a warehouse CHECK"
            )


def test_every_spec_column_is_explained_in_columns_csv():
    """The dictionary's meanings: every column of every table has a Chinese label and a description."""
    missing = [
        (c.table, c.name)
        for cols in table_spec.load().values()
        for c in cols
        if not (
            (dictionary.column_label(c.table, c.name) or {}).get("label_zh")
            and (dictionary.column_label(c.table, c.name) or {}).get("description")
        )
    ]
    assert missing == [], missing


def test_a_line_the_spec_cannot_read_names_its_line(tmp_path):
    text = table_spec.SPEC_PATH.read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "table_spec.csv"
    bad.write_text("\n".join([*text[:3], "reports,extra,TEXT,yes,,,,", *text[3:]]), encoding="utf-8")
    with pytest.raises(table_spec.SpecError, match=r"table_spec.csv line 4: type 'TEXT' is not one of VARCHAR"):
        table_spec.read(bad)
    bad.write_text("\n".join([*text, "reports,extra,VARCHAR,maybe,,,,"]), encoding="utf-8")
    with pytest.raises(table_spec.SpecError, match=r"'maybe' is neither yes nor no"):
        table_spec.read(bad)
    bad.write_text("\n".join([*text, "reports,extra,INTEGER,yes,,,,range=5"]), encoding="utf-8")
    with pytest.raises(table_spec.SpecError, match=r"reports.extra: bounds 'range=5'"):
        table_spec.read(bad)
    bad.write_text("\n".join([*text, "reports,extra,VARCHAR,yes,,catalogue:nonsense,,"]), encoding="utf-8")
    with pytest.raises(table_spec.SpecError, match=r"line \d+: no catalogue list 'nonsense'"):
        table_spec.read(bad)


def test_frames_are_built_with_the_spec_columns(sample_frames):
    spec = table_spec.load()
    for table in frames.TABLES:
        expected = [(c.name, c.polars_type) for c in spec[table]]
        assert list(frames.SCHEMAS[table].items()) == expected, table
        assert list(sample_frames[table].schema.items()) == expected, table
    assert sample_frames["applications"].height == 5 * 26 * 7


def test_warehouse_tables_are_the_spec(built):
    """DESCRIBE and duckdb_constraints() of a built warehouse against the spec, column by column."""
    spec = table_spec.load()
    con = duckdb.connect(str(built), read_only=True)
    try:
        tables = {r[0] for r in con.sql("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert tables == set(spec)
        for table, columns in spec.items():
            described = [r[:4] for r in con.sql(f"DESCRIBE {table}").fetchall()]
            assert described == [
                (c.name, c.described_type, "YES" if c.nullable else "NO", "PRI" if c.key == "primary" else None) for c in columns
            ], table
        found_checks = con.sql(
            "SELECT table_name, constraint_text FROM duckdb_constraints() WHERE constraint_type = 'CHECK' ORDER BY ALL"
        ).fetchall()
    finally:
        con.close()
    assert found_checks == [
        ("reports", "CHECK((parse_status IN ('ok', 'warnings', 'failed')))"),
        ("validation_issues", "CHECK((severity IN ('error', 'warning')))"),
    ]


def test_tables_do_not_change_without_a_new_schema_mark(built):
    con = duckdb.connect(str(built), read_only=True)
    try:
        text = "\n".join(r[0] for r in con.sql("SELECT sql FROM duckdb_tables() ORDER BY table_name").fetchall())
        mark = con.sql("SELECT value FROM xxgk_meta WHERE key = 'schema'").fetchall()[0][0]
    finally:
        con.close()
    assert mark == warehouse.SCHEMA_MARK
    assert hashlib.sha256(text.encode()).hexdigest()[:16] == TABLES_OF_MARK.get(mark), (
        "the warehouse tables changed: raise SCHEMA_MARK (pipelines/warehouse.py, sql/schema.sql) and record the new hash here"
    )


def test_pandera_schemas_come_from_the_spec():
    spec = table_spec.load()
    for table in frames.TABLES:
        schema = schemas.schemas()[table]
        assert list(schema.columns) == [c.name for c in spec[table]], table
        for c in spec[table]:
            column = schema.columns[c.name]
            assert column.dtype.type == c.polars_type and column.nullable == c.nullable, (table, c.name)
        keys = [c.name for c in spec[table] if c.key]
        assert (schema.unique or []) == keys, table
    assert schemas.schemas()["applications"].columns["row_code"].checks[0].statistics["allowed_values"] == catalogue.table3_rows()


def test_pandera_refuses_what_the_spec_forbids(sample_frames):
    apps = sample_frames["applications"]
    assert schemas.validate("applications", apps).passed
    cases = {
        "negative count": apps.with_columns(
            pl.when(pl.int_range(pl.len()) == 0).then(-1).otherwise(pl.col("count")).alias("count")
        ),
        "NULL code": apps.with_columns(
            pl.when(pl.int_range(pl.len()) == 0).then(None).otherwise(pl.col("row_code")).alias("row_code")
        ),
        "unknown code": apps.with_columns(
            pl.when(pl.int_range(pl.len()) == 0).then(pl.lit("nonsense")).otherwise(pl.col("row_code")).alias("row_code")
        ),
        "wrong type": apps.with_columns(pl.col("count").cast(pl.Float64)),
        "key twice": pl.concat([apps, apps.head(1)]),
    }
    for name, frame in cases.items():
        assert not schemas.validate("applications", frame).passed, name
    reports = sample_frames["reports"]
    assert schemas.validate("reports", reports).passed
    assert not schemas.validate(
        "reports", reports.with_columns(pl.lit(None, dtype=pl.Datetime("us", "UTC")).alias("ingested_at"))
    ).passed


def test_a_broken_identity_is_a_finding_once_not_a_schema_failure(sample_frames):
    """pandera keeps types, codes and keys; the template's arithmetic is parsers/checks.py's alone."""
    apps = sample_frames["applications"]
    rid = apps["report_id"][0]
    broken = apps.with_columns(
        pl.when((pl.col("report_id") == rid) & (pl.col("row_code") == "granted") & (pl.col("applicant") == "total"))
        .then(pl.col("count") + 1)
        .otherwise(pl.col("count"))
        .alias("count")
    )
    assert schemas.validate("applications", broken).passed
    found = checks.identity_issues({"applications": broken, "review_litigation": sample_frames["review_litigation"]})
    assert sorted(found["check_name"].to_list()) == ["outcome_total", "row_total"]
    assert set(found["report_id"]) == {rid}


def test_a_column_added_to_the_spec_appears_everywhere(tmp_path):
    path = tmp_path / "table_spec.csv"
    path.write_text(
        table_spec.SPEC_PATH.read_text(encoding="utf-8") + "applications,note,VARCHAR,no,,a|b,yes,length=1\n", encoding="utf-8"
    )
    spec = table_spec.read(path)
    assert list(table_spec.polars_schema("applications", spec))[-1] == "note"
    con = duckdb.connect()
    try:
        con.execute(table_spec.ddl(spec))
        assert con.sql("DESCRIBE applications").fetchall()[-1][:4] == ("note", "VARCHAR", "NO", None)
        with pytest.raises(duckdb.ConstraintException):
            con.execute("INSERT INTO applications VALUES ('r', 'granted', 'total', 1, NULL, 'c')")
    finally:
        con.close()
    note = schemas.build(spec)["applications"].columns["note"]
    assert (note.dtype.type, note.nullable, [c.name for c in note.checks]) == (pl.String, False, ["isin", "str_length"])
    described = dictionary.columns({"applications": []}, spec)
    assert described.row(-1, named=True) == {
        "table": "applications",
        "column": "note",
        "type": "VARCHAR",
        "label_zh": None,
        "description": None,
        "constraints": "never NULL; one of a, b; length 1",
    }
