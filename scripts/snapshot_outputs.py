"""Builds a warehouse from ../shared/seeds and ../shared/real (plus a byte copy and a GBK re-save
of one seed, so that copies and duplicates are exercised), exports it in every format the CLI
offers, renders the audit page, and writes everything as plain text into one folder, so two
versions of the SQL can be compared with `diff -r` (ingested_at-like timestamps and the parser
version, a hash of parsers/, are blanked).

    python scripts/snapshot_outputs.py OUT_DIR      # then: diff -r OLD_DIR NEW_DIR
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import openpyxl
import polars as pl

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
XXGK = [sys.executable, "-m", "pipelines.cli"]
STAMP = re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d(\.\d+)?)?([+-]\d\d(:?\d\d)?|Z)?")
PARSER_VERSION = re.compile(r"\b\d+\.\d+\.\d+\+[0-9a-f]{12}\b")  # changes with any edit under parsers/


def raw_folder(into: Path) -> Path:
    raw = into / "raw"
    for name in ("seeds", "real"):
        shutil.copytree(SHARED / name, raw / name)
    first = sorted((SHARED / "seeds").glob("*.txt"))[0]
    shutil.copy(first, raw / "copy_of_first.txt")
    (raw / "first_gbk.txt").write_bytes(first.read_text(encoding="utf-8").encode("gb18030"))
    return raw


def run(*args: str) -> str:
    done = subprocess.run([*XXGK, *args], cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"xxgk {' '.join(args)} failed ({done.returncode}): {done.stderr}")
    return done.stdout


def text(frame: pl.DataFrame) -> str:
    """Rows sorted, timestamps blanked: the same content writes the same text."""
    frame = frame.with_columns(pl.col(c).cast(pl.String) for c in frame.columns)
    frame = frame.sort(frame.columns, nulls_last=True) if frame.columns else frame
    return PARSER_VERSION.sub("<parser>", STAMP.sub("<time>", frame.write_csv()))


def snapshot(out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        raw, wh = raw_folder(tmp), tmp / "wh" / "xxgk.duckdb"
        (out / "ingest.txt").write_text(
            re.sub(r"\(\d+\.\d s\)", "(<s>)", run("ingest", "--raw", str(raw), "--warehouse", str(wh), "--quiet")).replace(
                str(tmp), "<tmp>"
            )
        )
        con = duckdb.connect(str(wh), read_only=True)
        names = [
            r[0]
            for r in con.sql(
                "SELECT table_name FROM duckdb_tables() UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal"
            ).fetchall()
        ]
        for name in sorted(names):
            (out / "warehouse").mkdir(exist_ok=True)
            (out / "warehouse" / f"{name}.csv").write_text(text(con.sql(f'SELECT * FROM "{name}"').pl()))
        con.close()
        for fmt, labels in (("parquet", "en"), ("csv", "en"), ("csv", "zh"), ("xlsx", "en"), ("xlsx", "zh")):
            folder = tmp / f"export_{fmt}_{labels}"
            run("export", "--warehouse", str(wh), "--out", str(folder), "--format", fmt, "--labels", labels)
            target = out / folder.name
            for f in sorted(p for p in folder.rglob("*") if p.is_file()):
                rel = f.relative_to(folder).as_posix()
                if f.suffix == ".parquet":
                    frame = pl.read_parquet(f)
                elif f.suffix == ".csv":
                    frame = pl.read_csv(f, infer_schema_length=0)
                elif f.suffix == ".xlsx":
                    book = openpyxl.load_workbook(f, read_only=True)
                    for sheet in book.worksheets:
                        rows = [[None if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
                        frame = pl.DataFrame(rows[1:], schema=[str(c) for c in rows[0]], orient="row") if rows else pl.DataFrame()
                        (target / rel).mkdir(parents=True, exist_ok=True)
                        (target / rel / f"{sheet.title}.csv").write_text(text(frame))
                    continue
                else:
                    (target / rel).parent.mkdir(parents=True, exist_ok=True)
                    (target / rel).write_text(f.read_text(encoding="utf-8"))
                    continue
                (target / rel).parent.mkdir(parents=True, exist_ok=True)
                (target / (rel + ".csv")).write_text(text(frame))
        for name, extra in (("report_all", ()), ("report_region", ("--region", "福建")), ("report_2021", ("--year", "2021"))):
            page = tmp / f"{name}.html"
            run("report", "--warehouse", str(wh), "--out", str(page), *extra)
            html = page.read_text(encoding="utf-8").replace(str(tmp), "<tmp>")
            (out / f"{name}.html").write_text(STAMP.sub("<time>", html))
        for f in out.rglob("*"):  # the temporary folder's name is no content
            if f.is_file():
                f.write_text(f.read_text().replace(str(tmp), "<tmp>"))


if __name__ == "__main__":
    snapshot(Path(sys.argv[1]))
