"""The DuckDB warehouse: open it with clear errors, keep its schema, load batches, export.

Plain functions over a DuckDB connection, used by the Dagster assets and the CLI alike. The SQL
is in sql/; this module only runs it. Writers hold the file for one short transaction per batch.
"""
from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl

from parsers import table_spec
from parsers.frames import TABLES

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
SCHEMA_MARK = "xxgk warehouse 4"
DEFAULT_WAREHOUSE = Path("data/warehouse/xxgk.duckdb")
DUCKDB_MEMORY = "256MB"  # DuckDB spills to disk beyond this; XXGK_DUCKDB_MEMORY overrides


class WarehouseError(Exception):
    """The warehouse cannot be used; the message says why and what to do."""


def sql(name: str) -> str:
    return (SQL_DIR / name).read_text(encoding="utf-8")


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
        return WarehouseError(f"{path}: a folder, not a warehouse file; give --warehouse a file path (such as {path / 'xxgk.duckdb'})")
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
        raise WarehouseError(f"{path}: cannot make the warehouse folder {path.parent}: a file of that name is in the way") from None
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
    con.execute("SET enable_progress_bar = false")  # long statements would draw on the user's terminal
    con.execute(f"SET memory_limit = '{os.environ.get('XXGK_DUCKDB_MEMORY', DUCKDB_MEMORY)}'")
    try:
        _check_foreign(con, path)
        yield con
    finally:
        con.close()


def _check_foreign(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    tables = {r[0] for r in con.sql("SELECT table_name FROM information_schema.tables").fetchall()}
    if not tables:
        return
    mark = None
    if "xxgk_meta" in tables:
        mark = scalar(con, "SELECT value FROM xxgk_meta WHERE key = 'schema'")
    if mark != SCHEMA_MARK:
        raise WarehouseError(
            f"{path}: a DuckDB file that is not an xxgk warehouse (or of another version: {mark!r}). "
            f"Point --warehouse elsewhere, or move it aside and rebuild with `xxgk ingest --warehouse {path}`."
        )


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("BEGIN")
    con.execute(table_spec.ddl())  # the tables, from parsers/table_spec.csv
    con.execute(sql("schema.sql"))
    con.execute(sql("views.sql"))
    con.execute(sql("metrics.sql"))
    con.execute("COMMIT")


def has_schema(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(con.sql(sql("analyses/has_schema.sql")).fetchall()[0][0])


def present_files(con: duckdb.DuckDBPyConnection) -> set[tuple[str, str]]:
    """(source_path, source_sha256) of every stored file that was in the raw folder at the last run."""
    return set(con.sql(sql("analyses/present_files.sql")).fetchall())


def known_reports(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """source_sha256 -> parser_version of every stored report."""
    return dict(con.sql("SELECT source_sha256, parser_version FROM reports").fetchall())


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
        for script in ("replace_reports", "upsert_files", "drop_orphans"):
            _run_script(con, f"load/{script}.sql")


def sync_files(con: duckdb.DuckDBPyConnection, files: pl.DataFrame, prune: bool = False) -> None:
    """The scanned folder becomes source_files; copies, duplicates and statuses are brought up to date."""
    scripts = ["upsert_files", "sync_files", *(["prune"] if prune else []), "drop_orphans",
               "mark_duplicates", "cross_year", "statuses"]
    with _transaction(con, {"incoming_files": files}):
        for script in scripts:
            _run_script(con, f"load/{script}.sql")


def scalar(con: duckdb.DuckDBPyConnection, query: str):
    rows = con.sql(query).fetchall()
    return rows[0][0] if rows else None


def summary(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    status = dict(con.sql("SELECT parse_status, count(*) FROM reports GROUP BY ALL").fetchall())
    rows = {t: scalar(con, f"SELECT count(*) FROM {t}") for t in (*TABLES, "source_files")}
    duplicates = scalar(con, "SELECT count(*) FROM reports WHERE duplicate_of IS NOT NULL")
    gone = scalar(con, "SELECT count(*) FROM source_files WHERE NOT present")
    return {"status": status, "rows": rows, "duplicates": duplicates, "missing_files": gone}
