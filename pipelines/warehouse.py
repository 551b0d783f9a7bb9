"""The DuckDB warehouse: open it with clear errors, keep its schema, load batches, export.

Plain functions over a DuckDB connection, used by the Dagster assets and the CLI alike. The SQL
is in sql/; this module only runs it. Writers hold the file for one short transaction per batch.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl

from parsers import catalogue, checks, table_spec
from parsers.frames import TABLES

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
SCHEMA_MARK = "xxgk warehouse 4"
DEFAULT_WAREHOUSE = Path("data/warehouse/xxgk.duckdb")
DUCKDB_MEMORY = "256MB"  # DuckDB spills to disk beyond this; XXGK_DUCKDB_MEMORY overrides


class WarehouseError(Exception):
    """The warehouse cannot be used; the message says why and what to do."""


def sql(name: str, **names: str) -> str:
    """The statement in sql/<name>; `names` fill its {placeholders} with quoted identifiers or
    literals (see ident and literal): a table's name is no query parameter in SQL."""
    text = (SQL_DIR / name).read_text(encoding="utf-8")
    return text.format(**names) if names else text


def ident(name: str) -> str:
    """A table, view or column name, quoted for SQL."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str | Path) -> str:
    """A string (a file path), quoted for SQL."""
    return "'" + str(text).replace("'", "''") + "'"


# The layers, in the order they are built: tables (schema.sql), the shared formulas, staging
# (keys, flags and code groups defined once), then the marts analysts and the audit page read.
LAYERS = ("schema.sql", "macros.sql", "staging/codes.sql", "staging/reports.sql", "marts/views.sql", "marts/metrics.sql")


UNWRITABLE = ("permission denied", "read-only file system", "operation not permitted")


def unwritable(path: Path, reason: str) -> WarehouseError:
    return WarehouseError(
        f"{path}: the warehouse cannot be written here ({reason}). It can still be read (xxgk sql, "
        "export and report); an ingest needs write access to the file and its folder, or another --warehouse."
    )


def _explain(path: Path, error: Exception) -> WarehouseError:
    text = str(error)
    if "lock" in text.lower():
        return WarehouseError(
            f"{path}: the warehouse is held by another process (an ingest loading a batch, or a "
            "program with it open for writing); try again when it is done"
        )
    if any(word in text.lower() for word in UNWRITABLE):
        return unwritable(path, text.splitlines()[0].rsplit(": ", 1)[-1])
    if path.is_dir():
        return WarehouseError(
            f"{path}: a folder, not a warehouse file; give --warehouse a file path (such as {path / 'xxgk.duckdb'})"
        )
    return WarehouseError(
        f"{path}: not a readable DuckDB warehouse ({text.splitlines()[0]}). "
        f"Move it aside and rebuild it with `xxgk ingest --warehouse {path}`."
    )


def _open(path: Path, read_only: bool, wait_seconds: float) -> duckdb.DuckDBPyConnection:
    """Opens the file, waiting out another process's short transaction (DuckDB lets one process
    hold the file at a time); a lock still held after wait_seconds is reported, not waited on."""
    deadline = time.monotonic() + wait_seconds
    delay = 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except (duckdb.IOException, duckdb.Error) as e:
            if "lock" not in str(e).lower() or time.monotonic() + delay > deadline:
                raise _explain(path, e) from None
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


def make_folder(path: Path) -> None:
    """The warehouse's folder, created if need be; a folder that cannot be made is said plainly."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise WarehouseError(
            f"{path}: cannot make the warehouse folder {path.parent}: a file of that name is in the way"
        ) from None
    except OSError as e:
        raise WarehouseError(f"{path}: cannot make the warehouse folder {path.parent} ({e.strerror or e})") from None


@contextmanager
def connect(path: Path | str, read_only: bool = False, wait_seconds: float = 60.0) -> Iterator[duckdb.DuckDBPyConnection]:
    path = Path(path)
    if read_only and not path.exists():
        raise WarehouseError(f"{path}: no warehouse here yet. Build it with `xxgk ingest --warehouse {path}`.")
    if not read_only:
        make_folder(path)
    con = _open(path, read_only, wait_seconds)
    con.execute(sql("session.sql", memory_limit=literal(os.environ.get("XXGK_DUCKDB_MEMORY", DUCKDB_MEMORY))))
    try:
        _check_foreign(con, path)
        yield con
    finally:
        con.close()


def _check_foreign(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    tables = table_names(con)
    if not tables:
        return
    mark = None
    if "xxgk_meta" in tables:
        mark = scalar(con, sql("analyses/schema_mark.sql"))
    if mark != SCHEMA_MARK:
        raise WarehouseError(
            f"{path}: a DuckDB file that is not an xxgk warehouse (or of another version: {mark!r}). "
            f"Point --warehouse elsewhere, or move it aside and rebuild with `xxgk ingest --warehouse {path}`."
        )


def table_names(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.sql(sql("analyses/table_names.sql")).fetchall()}


def codes_frame() -> pl.DataFrame:
    """One row per code of the catalogue in use (its first label), with its group (the parent)."""
    rows: dict[tuple[str, str], dict] = {}
    for lab in catalogue.load().labels:
        rows.setdefault(
            (lab.kind, lab.code), {"kind": lab.kind, "code": lab.code, "code_group": lab.parent or None, "label_zh": lab.label}
        )
    return pl.DataFrame(list(rows.values()), schema=table_spec.polars_schema("codes"))


def layers_version() -> str:
    """A hash of the SQL layers' text: a warehouse whose views another version built is rebuilt."""
    digest = hashlib.sha256()
    for name in LAYERS:
        digest.update(sql(name).encode("utf-8"))
    return digest.hexdigest()[:12]


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Builds every layer, in one transaction: the tables from parsers/table_spec.csv, then the SQL
    layers; the codes table is loaded again from the catalogue."""
    with _transaction(con, {"incoming_codes": codes_frame()}):
        con.execute(table_spec.ddl())
        for name in LAYERS:
            con.execute(sql(name))
        con.execute(sql("load/layers_mark.sql"), {"layers": layers_version()})


def layers_current(con: duckdb.DuckDBPyConnection) -> bool:
    rows = con.sql(sql("analyses/layers_mark.sql")).fetchall()
    return bool(rows) and rows[0][0] == layers_version()


def has_schema(con: duckdb.DuckDBPyConnection) -> bool:
    """Built, and by these SQL layers: if not, a run is due (it builds them again, parsing nothing new)."""
    return bool(con.sql(sql("analyses/has_schema.sql")).fetchall()[0][0]) and layers_current(con)


def warehouse_name(con: duckdb.DuckDBPyConnection) -> str:
    return scalar(con, sql("analyses/database_path.sql")) or "the warehouse"


def check_layers(con: duckdb.DuckDBPyConnection, path: Path | str) -> None:
    """Readers of the marts (export, the audit page) on a warehouse whose views an older xxgk built."""
    if not layers_current(con):
        raise WarehouseError(
            f"{path}: its views were built by another version of xxgk. Run `xxgk ingest --warehouse {path}` "
            "once to build them again (nothing is lost, and only new or changed files are parsed)."
        )


def present_files(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str]]:
    """(source_path, source_sha256) of every stored file that was in the raw folder at the last run."""
    return set(con.sql(sql("analyses/present_files.sql")).fetchall())


def known_reports(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """source_sha256 -> parser_version of every stored report."""
    return dict(con.sql(sql("analyses/known_reports.sql")).fetchall())


def _run_script(con: duckdb.DuckDBPyConnection, name: str) -> None:
    con.execute(sql(name))


@contextmanager
def _transaction(con: duckdb.DuckDBPyConnection, relations: dict[str, pl.DataFrame]) -> Iterator[None]:
    """One transaction over the given frames, registered by name for the SQL scripts to read."""
    for name, frame in relations.items():
        con.register(name, frame.to_arrow())
    try:
        con.execute("BEGIN")
        yield
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        for name in relations:
            con.unregister(name)


def load_batch(con: duckdb.DuckDBPyConnection, batch: dict[str, pl.DataFrame], files: pl.DataFrame) -> None:
    """Replaces the batch's reports and points their files at them, in one transaction."""
    with _transaction(con, {**{f"incoming_{t}": batch[t] for t in TABLES}, "incoming_files": files}):
        stored, orphans = con.sql(sql("load/batch_state.sql")).fetchall()[0]
        scripts = [
            *(["delete_reports"] if stored else []),
            "insert_reports",
            "upsert_files",
            *(["drop_orphans"] if orphans else []),
        ]
        for script in scripts:  # a delete scans a whole table: only when it can find something
            _run_script(con, f"load/{script}.sql")


def sync_files(con: duckdb.DuckDBPyConnection, files: pl.DataFrame, prune: bool = False) -> None:
    """The scanned folder becomes source_files; copies, duplicates and statuses are brought up to date."""
    scripts = ["upsert_files", "sync_files", *(["prune"] if prune else []), "drop_orphans", "mark_duplicates", "cross_year"]
    with _transaction(con, {"incoming_files": files}):
        for script in scripts:
            _run_script(con, f"load/{script}.sql")
        decided = checks.statuses(con.sql(sql("analyses/status_findings.sql")).pl())
        con.register("decided_statuses", decided.to_arrow())
        try:
            _run_script(con, "load/statuses.sql")
        finally:
            con.unregister("decided_statuses")


def scalar(con: duckdb.DuckDBPyConnection, query: str):
    rows = con.sql(query).fetchall()
    return rows[0][0] if rows else None


def row_count(con: duckdb.DuckDBPyConnection, relation: str) -> int:
    return scalar(con, sql("analyses/row_count.sql", relation=ident(relation)))


def summary(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    status = dict(con.sql(sql("analyses/status_counts.sql")).fetchall())
    rows = {t: row_count(con, t) for t in (*TABLES, "source_files")}
    duplicates, gone = con.sql(sql("analyses/summary_counts.sql")).fetchall()[0]
    return {"status": status, "rows": rows, "duplicates": duplicates, "missing_files": gone}


def failed_reports(con: duckdb.DuckDBPyConnection, limit: int = 20) -> list[tuple[str, str]]:
    """(source_path, status_reason) of the first `limit` failed reports, by path."""
    return con.execute(sql("analyses/failed_reports.sql"), {"limit": limit}).fetchall()
