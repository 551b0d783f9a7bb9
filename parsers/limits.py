"""What one file may cost before it is failed instead of parsed: the limits, as data.

Every limit has a default, an environment variable and an `xxgk ingest` flag. A file over a limit
becomes a `failed` report saying which limit and which setting raises it. The checks here run on
the bytes before any reader does (size, decompressed size from a ZIP's central directory, table
cells after colspan/rowspan expansion, PDF pages), so an oversized file costs next to nothing;
parse time and memory are enforced around the parse worker (parsers.batch).
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass, fields, replace

from .readers import ReadError

# Polars' allocator (jemalloc) returning freed pages at once rather than after ten seconds: a run
# builds and drops frames batch after batch, and the pages kept for reuse held ~25 MB more in each
# parse worker and ~90 MB more at the loading process's peak, for no speed measured (100,000 text
# reports). Read when polars is first imported in a process: set by `pipelines` on import and in
# every parse worker's environment, unless the user's environment says otherwise.
ALLOCATOR_ENV = {"_RJEM_MALLOC_CONF": "dirty_decay_ms:0,muzzy_decay_ms:0"}
# What polars writes there on import when nothing was set: inherited by the processes a process
# that imported polars starts (a benchmark, a code server), it is polars' default, not a choice.
POLARS_ALLOCATOR_DEFAULT = "dirty_decay_ms:500,muzzy_decay_ms:1000"


def chosen(name: str) -> bool:
    """Whether the environment's value of `name` is someone's choice: set, and not the allocator
    default polars writes on import."""
    return name in os.environ and not (name in ALLOCATOR_ENV and os.environ[name] == POLARS_ALLOCATOR_DEFAULT)


MB = 1 << 20


@dataclass(frozen=True)
class Limits:
    file_mb: float = 64  # bytes on disk
    unzipped_mb: float = 64  # bytes after decompression, all members of a DOCX (or any ZIP) together
    pages: int = 500  # PDF pages
    table_cells: int = 100_000  # HTML table cells once colspan/rowspan are expanded, whole page
    parse_seconds: float = 60  # reading and parsing one file; the worker is stopped and replaced
    parse_memory_mb: int = 512  # resident memory a parse worker may add to what it holds when it starts

    def key(self) -> str:
        """Stored with a report that hit a limit: raising the limit parses it again."""
        return ",".join(f"{getattr(self, f.name):g}" for f in fields(self))


ACTIVE = Limits()  # the limits of the file being parsed: a worker sets it; the HTML reader counts cells against it


def active() -> Limits:
    return ACTIVE


def use(limits: Limits) -> None:
    """The limits the readers check while they read (those a reader alone can measure)."""
    global ACTIVE
    ACTIVE = limits


# limit -> (environment variable, ingest flag, what it measures, unit)
SETTINGS = {
    "file_mb": ("XXGK_MAX_FILE_MB", "--max-file-mb", "file size", "MB"),
    "unzipped_mb": ("XXGK_MAX_UNZIPPED_MB", "--max-unzipped-mb", "size after decompression", "MB"),
    "pages": ("XXGK_MAX_PAGES", "--max-pages", "PDF pages", "pages"),
    "table_cells": ("XXGK_MAX_TABLE_CELLS", "--max-table-cells", "table cells after colspan/rowspan expansion", "cells"),
    "parse_seconds": ("XXGK_PARSE_SECONDS", "--parse-seconds", "parse time", "s"),
    "parse_memory_mb": ("XXGK_PARSE_MEMORY_MB", "--parse-memory-mb", "parse memory", "MB"),
}


class LimitExceeded(ReadError):
    """A file over one of the limits; the message names the limit and the setting that raises it."""

    def __init__(self, name: str, found: str, limit: float) -> None:
        env, flag, what, unit = SETTINGS[name]
        super().__init__(
            f"over the {what} limit: {found}, the limit is {limit:g} {unit} (raise it with {env} or xxgk ingest {flag})"
        )
        self.limit = name


def from_env(environ: os._Environ | dict | None = None, **overrides) -> Limits:
    """The defaults, then the environment variables, then explicit values (CLI flags; None: not given)."""
    environ = os.environ if environ is None else environ
    values = {}
    for f in fields(Limits):
        env = SETTINGS[f.name][0]
        raw = overrides.get(f.name)
        source = f"--{f.name}"
        if raw is None and environ.get(env):
            raw, source = environ[env], env
        if raw is None:
            continue
        kind = int if f.type in ("int", int) else float
        try:
            value = kind(float(raw))
        except (TypeError, ValueError):
            raise ValueError(f"{source}={raw!r}: not a number") from None
        if value <= 0:
            raise ValueError(f"{source}={raw!r}: must be more than 0")
        values[f.name] = value
    return replace(Limits(), **values)


def check_size(size: int, limits: Limits) -> None:
    if size > limits.file_mb * MB:
        raise LimitExceeded("file_mb", f"{size / MB:,.1f} MB", limits.file_mb)


def check_bytes(data: bytes, fmt: str, limits: Limits) -> None:
    """Every limit that can be told from the bytes, before a reader runs."""
    check_size(len(data), limits)
    if data[:4] == b"PK\x03\x04":
        check_unzipped(data, limits)
    if fmt == "pdf":
        check_pages(data, limits)


def check_unzipped(data: bytes, limits: Limits) -> None:
    """Sizes as the central directory declares them. Python's zipfile (python-docx reads through it)
    never inflates a member past its declared size, so the declared total bounds what is read."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # damaged: the reader says so
    total = sum(m.file_size for m in members)
    if total > limits.unzipped_mb * MB:
        raise LimitExceeded("unzipped_mb", f"{total / MB:,.1f} MB in {len(members)} parts", limits.unzipped_mb)


def pdf_pages(data: bytes) -> int | None:
    """Page count from the PDF's page tree, as PDFium (the reader's library) reads it; None when
    the file cannot be opened (damaged or encrypted: the reader says so)."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except Exception:
        return None
    try:
        return len(document)
    finally:
        document.close()


def check_pages(data: bytes, limits: Limits) -> None:
    pages = pdf_pages(data)
    if pages is not None and pages > limits.pages:
        raise LimitExceeded("pages", f"{pages:,} pages", limits.pages)


def over_time(limits: Limits) -> str:
    env, flag, *_ = SETTINGS["parse_seconds"]
    return (
        f"over the parse time limit: not parsed within {limits.parse_seconds:g} s, the parser was stopped "
        f"(raise it with {env} or xxgk ingest {flag})"
    )


def over_memory(limits: Limits) -> str:
    env, flag, *_ = SETTINGS["parse_memory_mb"]
    return (
        f"over the parse memory limit: parsing it needed more than {limits.parse_memory_mb:g} MB "
        f"(raise it with {env} or xxgk ingest {flag})"
    )


ADDRESS_SPACE_FACTOR = 4  # the hard cap on a worker's address space, in allowances above its start


def cap_memory(limits: Limits) -> int:
    """Caps this process's address space at what it holds now plus ADDRESS_SPACE_FACTOR times the
    parse allowance: a backstop against an allocation too fast to be seen. (Address space counts
    reservations never touched, which allocators make freely, so the limit itself is on resident
    memory: rss() and peak_rss(), watched by the worker and by the run.) Returns the resident
    memory now, what the allowance is counted from."""
    import resource

    held = _status("VmSize")
    if held is not None:
        cap = held + int(ADDRESS_SPACE_FACTOR * limits.parse_memory_mb * MB)
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    return _status("VmRSS") or 0


def reset_peak() -> None:
    """Starts this process's resident high-water mark afresh (Linux: /proc/self/clear_refs)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
    except OSError:
        pass


def peak_rss() -> int | None:
    return _status("VmHWM")


def rss(pid: int) -> int | None:
    return _status("VmRSS", f"/proc/{pid}/status")


def _status(field: str, path: str = "/proc/self/status") -> int | None:
    try:
        with open(path, encoding="ascii") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None
