"""Exports for analysts: parquet partitioned by year (hive style) for Spark, Trino, DuckDB and
polars; CSV files and one XLSX workbook for spreadsheets; a data dictionary with each.

An export writes only what it owns: a manifest in the folder (MANIFEST) lists every file it wrote,
and a file or folder it would replace that the manifest does not list is refused, never deleted.
Spreadsheet cells are data, never formulas: XLSX strings are written as strings, and CSV text
cells that a spreadsheet would run as a formula (= + - @, tab, CR first) get a leading ' (OWASP).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import duckdb

from parsers import dictionary
from parsers.frames import TABLES

from .warehouse import check_layers, ident, literal, row_count, sql, warehouse_name

VIEWS = (
    "report_headlines",
    "applications_wide",
    "review_litigation_wide",
    "report_metrics",
    "refusal_reason_shares",
    "metrics_year_on_year",
    "metrics_rankings",
)
RELATIONS = (*TABLES, "source_files", *VIEWS)
BY_YEAR = TABLES  # fact tables get the report's year as their partition key
XLSX_MAX_ROWS = 1_048_575
FORMATS = ("parquet", "csv", "xlsx")
MANIFEST = ".xxgk-export.json"
DICTIONARY_FILES = ("data_dictionary.csv", "codes.csv", "data_dictionary.md")
_PARTITION_FILE = re.compile(r"year=[^/]+/data_\d+\.parquet")
SHOWN = 5  # offending paths named in a refusal


class ExportError(Exception):
    pass


def relations(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[str, str]]]:
    rows = con.sql(sql("analyses/relation_columns.sql")).fetchall()
    out: dict[str, list[tuple[str, str]]] = {name: [] for name in RELATIONS}
    for table, column, dtype in rows:
        if table in out:
            out[table].append((column, dtype))
    return out


def targets(fmt: str) -> list[str]:
    """The names an export of this format writes at the top of its folder (files, or folders of partitions)."""
    if fmt == "xlsx":
        return [*DICTIONARY_FILES, "xxgk.xlsx"]
    names = [name if fmt == "parquet" and name in BY_YEAR else f"{name}.{fmt}" for name in RELATIONS]
    return [*DICTIONARY_FILES, *names]


def export(
    con: duckdb.DuckDBPyConnection, out_dir: Path, fmt: str = "parquet", labels: str = "en", raw_cells: bool = False
) -> list[Path]:
    """Writes every table and view; raw_cells leaves CSV cells as stored (for programs, not spreadsheets)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}")
    check_layers(con, warehouse_name(con))
    names = targets(fmt)
    owned = _claim(out_dir, names)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name in names:
            _remove_owned(out_dir, name, owned)
    except OSError as e:
        raise ExportError(f"{out_dir}: cannot write the export ({e.strerror or e})") from None
    written = _dictionary(con, out_dir)
    if fmt == "xlsx":
        written.append(_xlsx(con, out_dir / "xxgk.xlsx", labels))
    else:
        cols = relations(con)
        con.execute(sql("export/macros.sql"))
        for name in RELATIONS:
            if fmt == "parquet" and name in BY_YEAR:
                target = out_dir / name
                script = "export/parquet_reports.sql" if name == "reports" else "export/parquet_by_year.sql"
                con.execute(sql(script, relation=ident(name), target=literal(target)))
            elif fmt == "parquet":
                target = out_dir / f"{name}.parquet"
                con.execute(sql("export/parquet.sql", relation=ident(name), target=literal(target)))
            else:
                target = out_dir / f"{name}.csv"
                columns = _csv_columns(name, cols[name], labels, raw_cells)
                con.execute(sql("export/csv.sql", columns=columns, relation=ident(name), target=literal(target)))
            written.append(target)
    _write_manifest(out_dir, owned, names)
    return written


def _csv_columns(name: str, columns: list[tuple[str, str]], labels: str, raw_cells: bool) -> str:
    """The column list of export/csv.sql: text cells through csv_text (export/macros.sql) unless
    raw_cells, each named by its code or, with labels zh, its Chinese label."""
    parts = []
    for column, dtype in columns:
        expr = ident(column)
        if dtype == "VARCHAR" and not raw_cells:
            expr = f"csv_text({expr})"
        meta = dictionary.column_label(name, column) if labels == "zh" else None
        parts.append(f"{expr} AS {ident(meta['label_zh'] if meta and meta['label_zh'] else column)}")
    return ", ".join(parts)


# --- what the export owns -------------------------------------------------------------------


def _files_under(path: Path) -> list[Path]:
    """Every entry under a folder that is not a folder itself (files, links, anything else), and
    every empty folder below it (the export writes none, so one there is not its own)."""
    out = []
    for root, dirs, files in os.walk(path):
        base = Path(root)
        out += [base / f for f in files]
        out += [base / d for d in dirs if (base / d).is_symlink()]
        if base != path and not dirs and not files:
            out.append(base)
    return out


def _read_manifest(out_dir: Path) -> set[str] | None:
    try:
        return set(json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))["written"])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return set()  # unreadable: nothing is known to be ours


def _legacy_owned(out_dir: Path, rel: str) -> bool:
    """Before manifests, an export folder held parquet files and the dictionary: recognised by
    name and content, so that the folder `xxgk ingest` kept writing stays writable."""
    path = out_dir / rel
    if not path.is_file() or path.is_symlink():
        return False
    top = rel.split("/", 1)[0]
    try:
        head = path.read_bytes()[:64] if path.stat().st_size else b""
    except OSError:
        return False
    if top in BY_YEAR and "/" in rel:
        return bool(_PARTITION_FILE.fullmatch(rel.split("/", 1)[1])) and head.startswith(b"PAR1")
    if rel.endswith(".parquet") and rel[: -len(".parquet")] in RELATIONS:
        return head.startswith(b"PAR1")
    if rel == "data_dictionary.md":
        return head.startswith(b"# xxgk data dictionary")
    if rel == "data_dictionary.csv":
        return head.startswith(b"table,column,type,label_zh,description")
    if rel == "codes.csv":
        return head.startswith(b"used_in,code,parent,versions,label_zh,variants")
    return False


def check(out_dir: Path, fmt: str = "parquet") -> None:
    """Raises ExportError now if an export of this format into out_dir would be refused."""
    _claim(out_dir, targets(fmt))


def _claim(out_dir: Path, names: list[str]) -> set[str]:
    """The files this export may replace (relative paths); refuses when a name it would write is
    taken by anything it did not write."""
    manifest = _read_manifest(out_dir)
    owned = set(manifest or ())
    foreign: list[Path] = []
    for name in names:
        path = out_dir / name
        if not path.exists() and not path.is_symlink():
            continue
        found = [path] if path.is_symlink() or not path.is_dir() else _files_under(path)
        for f in found:
            rel = f.relative_to(out_dir).as_posix()
            if rel in owned or (manifest is None and not f.is_symlink() and _legacy_owned(out_dir, rel)):
                owned.add(rel)
            else:
                foreign.append(f)
    if foreign:
        shown = ", ".join(str(f) for f in foreign[:SHOWN]) + (f" and {len(foreign) - SHOWN} more" if len(foreign) > SHOWN else "")
        raise ExportError(
            f"{out_dir}: the export would replace files it did not write ({shown}); nothing was changed. "
            "Export to a new or empty folder (--out; XXGK_EXPORT for the ingest's own export), or move those files away."
        )
    return owned


def _remove_owned(out_dir: Path, name: str, owned: set[str]) -> None:
    """Deletes this export's earlier files under `name` (every one of them owned: _claim checked)."""
    path = out_dir / name
    if path.is_dir() and not path.is_symlink():
        for f in _files_under(path):
            f.unlink()
        for root, _, _ in os.walk(path, topdown=False):  # children before their parents
            Path(root).rmdir()
    elif path.exists():
        path.unlink()
    prefix = name + "/"
    owned.difference_update({r for r in owned if r == name or r.startswith(prefix)})


def _write_manifest(out_dir: Path, owned: set[str], names: list[str]) -> None:
    written = set(owned)  # earlier files of other formats stay ours
    for name in names:
        path = out_dir / name
        found = _files_under(path) if path.is_dir() else [path] if path.exists() else []
        written.update(f.relative_to(out_dir).as_posix() for f in found)
    written = {r for r in written if (out_dir / r).is_file()}
    tmp = out_dir / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps({"written": sorted(written)}, ensure_ascii=False, indent=0), encoding="utf-8")
    tmp.replace(out_dir / MANIFEST)


# --- the files ------------------------------------------------------------------------------


def _labelled(frame, relation: str):
    names = {}
    for column in frame.columns:
        meta = dictionary.column_label(relation, column)
        names[column] = meta["label_zh"] if meta and meta["label_zh"] else column
    return frame.rename(names)


def _dictionary(con: duckdb.DuckDBPyConnection, out_dir: Path) -> list[Path]:
    cols = dictionary.columns(relations(con))
    codes = dictionary.codes()
    cols.write_csv(out_dir / "data_dictionary.csv")
    codes.write_csv(out_dir / "codes.csv")
    (out_dir / "data_dictionary.md").write_text(dictionary.markdown(cols, codes), encoding="utf-8")
    return [out_dir / "data_dictionary.csv", out_dir / "codes.csv", out_dir / "data_dictionary.md"]


def _xlsx(con: duckdb.DuckDBPyConnection, target: Path, labels: str) -> Path:
    """One sheet per table and view, then the dictionary; too many rows for a sheet is an error.
    Every string is written as a string: a title starting with = is text, not a formula or a link."""
    import xlsxwriter

    sizes = {name: row_count(con, name) for name in RELATIONS}
    too_big = {n: s for n, s in sizes.items() if s > XLSX_MAX_ROWS}
    if too_big:
        raise ExportError(
            "too many rows for a spreadsheet sheet (max 1,048,575): "
            + ", ".join(f"{n} {s:,}" for n, s in too_big.items())
            + "; export parquet or csv instead"
        )
    options = {"remove_timezone": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with xlsxwriter.Workbook(str(target), options) as book:
        for name in RELATIONS:
            frame = con.sql(sql("export/relation.sql", relation=ident(name))).pl()
            if labels == "zh":
                frame = _labelled(frame, name)
            frame.write_excel(book, worksheet=name[:31], autofit=frame.height < 5000)
        dictionary.columns(relations(con)).write_excel(book, worksheet="data_dictionary")
        dictionary.codes().write_excel(book, worksheet="codes")
    return target
