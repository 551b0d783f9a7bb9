"""One ingest run: scan the raw folder, parse what is new or changed, validate, load in batches.

Plain Python over parsers/ and the warehouse module; the Dagster assets call it, and so can tests.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from parsers import batch as batching
from parsers import schemas
from parsers.frames import TABLES

from . import warehouse

BATCH_SIZE = 500


@dataclass
class IngestResult:
    files: int = 0
    parsed: int = 0
    skipped: int = 0
    validations: dict[str, list[schemas.Validation]] = field(default_factory=dict)
    summary: dict = field(default_factory=dict)

    def failures(self, table: str) -> pl.DataFrame | None:
        found = [v.failures for v in self.validations.get(table, []) if not v.passed]
        return pl.concat(found) if found else None


def run(
    raw_dir: Path,
    warehouse_path: Path,
    full: bool = False,
    prune: bool = False,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[str], None] = lambda message: None,
) -> IngestResult:
    if not raw_dir.is_dir():
        raise FileNotFoundError(f"{raw_dir}: no such folder of raw reports")
    result = IngestResult()
    files = batching.scan(raw_dir)
    result.files = len(files)
    version = batching.parser_version()
    with warehouse.connect(warehouse_path) as con:
        warehouse.ensure_schema(con)
        todo = batching.to_parse(files, warehouse.known_reports(con), version, full=full)
        result.skipped = len({f.sha256 for f in files}) - len(todo)
        progress(f"{len(files)} files in {raw_dir}: {len(todo)} to parse, {result.skipped} unchanged")
        files_frame = batching.files_frame(files)
        for chunk in batching.batches(todo, batch_size):
            frames = batching.parse_files(chunk, version)
            for table in TABLES:
                result.validations.setdefault(table, []).append(schemas.validate(table, frames[table]))
            ids = frames["reports"]["report_id"]
            warehouse.load_batch(con, frames, files_frame.filter(pl.col("report_id").is_in(ids.implode())))
            result.parsed += len(chunk)
            progress(f"parsed and loaded {result.parsed}/{len(todo)}")
        warehouse.sync_files(con, files_frame, prune=prune)
        result.summary = warehouse.summary(con)
    return result
