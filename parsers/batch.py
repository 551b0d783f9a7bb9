"""A folder of raw files to frames: scan, decide what needs parsing, parse. No I/O but reading."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import polars as pl

from . import checks, frames
from .frames import SourceFile
from .parse import parse_bytes


PARSER_DIR = Path(__file__).parent


@cache
def parser_version() -> str:
    """Changes whenever the parsing code or its data (catalogue, patterns) does, so that an
    upgraded xxgk parses stored reports again instead of keeping numbers from older code."""
    try:
        v = version("xxgk")
    except PackageNotFoundError:
        v = "dev"
    digest = hashlib.sha256()
    for path in sorted(PARSER_DIR.rglob("*")):
        if path.suffix in (".py", ".csv"):
            digest.update(path.relative_to(PARSER_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return f"{v}+{digest.hexdigest()[:12]}"


def scan(raw_dir: Path) -> list[SourceFile]:
    """Every regular file under raw_dir (hidden files and folders excluded), hashed, sorted by path."""
    out = []
    for path in sorted(raw_dir.rglob("*")):
        rel = path.relative_to(raw_dir)
        if not path.is_file() or any(part.startswith(".") for part in rel.parts):
            continue
        data = path.read_bytes()
        out.append(SourceFile(str(path), frames.sha256_of(data), len(data)))
    return out


def files_frame(files: Iterable[SourceFile]) -> pl.DataFrame:
    files = list(files)
    return pl.DataFrame(
        {
            "source_path": [f.path for f in files],
            "report_id": [f.report_id for f in files],
            "source_sha256": [f.sha256 for f in files],
            "file_size": [f.size for f in files],
        },
        schema={"source_path": pl.String, "report_id": pl.String, "source_sha256": pl.String, "file_size": pl.Int64},
    )


def to_parse(files: list[SourceFile], known: dict[str, str], current_version: str, full: bool = False) -> list[SourceFile]:
    """One file per distinct content not yet stored by this parser version (the first path wins)."""
    seen: set[str] = set()
    out = []
    for f in files:
        if f.sha256 in seen:
            continue
        seen.add(f.sha256)
        if full or known.get(f.sha256) != current_version:
            out.append(f)
    return out


def parse_files(files: list[SourceFile], version: str) -> dict[str, pl.DataFrame]:
    parsed = []
    for f in files:
        fmt, report = parse_bytes(Path(f.path).read_bytes(), Path(f.path).name)
        parsed.append((f, fmt, report))
    return checks.finish(frames.build(parsed, version))


def batches(files: list[SourceFile], size: int) -> Iterator[list[SourceFile]]:
    for i in range(0, len(files), size):
        yield files[i : i + size]
