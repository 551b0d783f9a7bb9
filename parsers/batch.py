"""A folder of raw files to frames: scan, decide what needs parsing, parse. No I/O but reading.

Nothing about one file can stop the others: each file is read, hashed and parsed under its own
guard, and whatever goes wrong (its name, permissions, an I/O error, the file vanishing, a limit
of parsers.limits) becomes that file's failed report with the reason in plain words. In an ingest
the parsing runs in worker processes (ParsePool) with a time and memory limit per file: a worker
that exceeds them is stopped and replaced, and the file it was on is failed.
"""

from __future__ import annotations

import errno
import gc
import hashlib
import multiprocessing
import os
import queue
import signal
import stat
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import polars as pl

from . import catalogue, checks, frames, limits as limits_
from .frames import SourceFile
from .limits import LimitExceeded, Limits
from .parse import parse_bytes
from .readers.detect import sniff

PARSER_DIR = Path(__file__).parent
RETRY = "+retry"  # parser_version suffix of a failure about the machine, not the bytes: tried again next run
LIMITED = "+limits "  # parser_version suffix of a file over a limit, then the limits' key: tried again when they change


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
    digest.update(catalogue.catalogue_path().read_bytes())  # XXGK_CATALOGUE, when a site keeps its own
    return f"{v}+{digest.hexdigest()[:12]}"


@dataclass(frozen=True)
class Failure:
    """Why a file is a failed report without being parsed: check_name, reason, and whether
    to try again next run (retry: about the machine) or when the limits change (limit)."""

    check: str
    reason: str
    retry: bool = False
    limit: bool = False


@dataclass(frozen=True)
class RawFile:
    """A file of the raw folder. `path` is as stored and shown (valid UTF-8: a name's bytes that
    are not UTF-8 are written \\xNN, so distinct names stay distinct); `fs_path` is what the OS opens."""

    path: str
    fs_path: bytes
    sha256: str
    size: int | None
    failure: Failure | None = None

    @property
    def report_id(self) -> str:
        return frames.report_id_of(self.sha256)

    def source(self) -> SourceFile:
        return SourceFile(self.path, self.sha256, self.size)


def shown(fs_path: bytes) -> str:
    try:
        return fs_path.decode("utf-8")
    except UnicodeDecodeError:
        return fs_path.decode("utf-8", errors="backslashreplace")


def _pseudo_sha(fs_path: bytes) -> str:
    """Identity of a file whose bytes could not be read: its path (never a content hash)."""
    return hashlib.sha256(b"xxgk unread file\0" + fs_path).hexdigest()


def os_reason(e: OSError) -> str:
    """An OS error in plain words."""
    code = e.errno
    if code in (errno.EACCES, errno.EPERM):
        return "permission denied: this user may not read the file"
    if code == errno.ENOENT:
        return "the file disappeared between the scan of the folder and its parse"
    if code == errno.ENAMETOOLONG:
        return "the path is too long for the system to open (longer than PATH_MAX): move it higher up or shorten the folder names"
    if code == errno.EIO:
        return "I/O error while reading the file (a disk or network fault)"
    if code == errno.ELOOP:
        return "a loop of symbolic links"
    return f"the file cannot be read: {e.strerror or e}"


def _not_regular(mode: int) -> str:
    kind = (
        "FIFO (named pipe)"
        if stat.S_ISFIFO(mode)
        else "socket"
        if stat.S_ISSOCK(mode)
        else "device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "special file"
    )
    return f"not a regular file: a {kind}"


def _failed(
    fs_path: bytes,
    check: str,
    reason: str,
    retry: bool = True,
    sha256: str | None = None,
    size: int | None = None,
    limit: bool = False,
) -> RawFile:
    return RawFile(shown(fs_path), fs_path, sha256 or _pseudo_sha(fs_path), size, Failure(check, reason, retry, limit))


# --- the scan ---------------------------------------------------------------------------------


def scan(
    raw_dir: Path, limits: Limits | None = None, follow_links: bool = False, keep: Callable[[bytes], bool] | None = None
) -> list[RawFile]:
    """Every regular file under raw_dir (hidden files and folders excluded), hashed, sorted by path.
    The folder is resolved once (absolute, links resolved), so any spelling of it finds the same
    paths. Links leading outside it are not followed unless follow_links; a file that cannot be
    read is listed with its failure. keep: given a path relative to raw_dir, whether to list it
    (one shard of the folder; the others' files are not even read)."""
    limits = limits or Limits()
    root = os.fsencode(Path(raw_dir).resolve())
    out: list[RawFile] = []
    folders = {root}

    def inside(target: bytes) -> bool:
        return target == root or target.startswith(root.rstrip(b"/") + b"/")

    def visit(folder: bytes) -> None:
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as e:
            out.append(_failed(folder, "unreadable", f"the folder cannot be read: {os_reason(e)}"))
            return
        for entry in entries:
            if entry.name.startswith(b"."):
                continue
            path = entry.path
            try:
                if entry.is_symlink():
                    target = os.path.realpath(path)
                    if not inside(target) and not follow_links:
                        out.append(
                            _failed(
                                path,
                                "link_outside_raw",
                                f"a symbolic link to {shown(target)}, outside the raw folder: not followed "
                                "(xxgk ingest --follow-links follows it)",
                            )
                        )
                        continue
                    if os.path.isdir(target):
                        if not inside(target) and target not in folders:
                            folders.add(target)
                            visit(path)
                        continue  # a folder of the raw folder is read where it is; a loop once
                elif entry.is_dir(follow_symlinks=False):
                    visit(path)
                    continue
                if keep is None or keep(path[len(root) + 1 :]):
                    out.append(_hashed(path, limits))
            except OSError as e:
                out.append(_failed(path, "unreadable", os_reason(e)))

    visit(root)
    if keep is not None:
        out = [f for f in out if f.failure is None or keep(f.fs_path[len(root) + 1 :])]
    out.sort(key=lambda f: f.fs_path)
    return out


def _hashed(path: bytes, limits: Limits) -> RawFile:
    """The file's sha256, streamed. A file over the size limit is hashed but listed as failed."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO must not block the scan
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return _failed(path, "unreadable", _not_regular(st.st_mode), retry=False)
        digest = hashlib.sha256()
        size = 0
        cap = max(st.st_size, int(limits.file_mb * limits_.MB)) + 1  # files that report no size (/proc) stop here
        while size < cap:
            chunk = f.read(min(1 << 20, cap - size))
            if not chunk:
                break
            digest.update(chunk)
            size += len(chunk)
    sha = digest.hexdigest()
    try:
        limits_.check_size(size, limits)
    except LimitExceeded as e:
        return _failed(path, "file_limit", str(e), retry=False, sha256=sha, size=size, limit=True)
    return RawFile(shown(path), path, sha, size)


def files_frame(files: Iterable[RawFile | SourceFile]) -> pl.DataFrame:
    files = list(files)
    return pl.DataFrame(
        {
            "source_path": [f.path for f in files],
            "report_id": [frames.report_id_of(f.sha256) for f in files],
            "source_sha256": [f.sha256 for f in files],
            "file_size": [f.size for f in files],
        },
        schema={"source_path": pl.String, "report_id": pl.String, "source_sha256": pl.String, "file_size": pl.Int64},
    )


def stored_version(current: str, failure: Failure | None, limits: Limits) -> str:
    if failure is None or not (failure.retry or failure.limit):
        return current
    return current + (RETRY if failure.retry else LIMITED + limits.key())


def to_parse(
    files: list[RawFile], known: dict[str, str], current_version: str, full: bool = False, limits: Limits | None = None
) -> list[RawFile]:
    """One file per distinct content not yet stored by this parser version (the first path wins).
    A file failed for the machine's sake is tried again; one over a limit, when the limits change."""
    limited = current_version + LIMITED + (limits or Limits()).key()
    seen: set[str] = set()
    out = []
    for f in files:
        if f.sha256 in seen:
            continue
        seen.add(f.sha256)
        if full or known.get(f.sha256) not in (current_version, limited):
            out.append(f)
    return out


# --- one file ---------------------------------------------------------------------------------


@dataclass
class Parsed:
    source: SourceFile
    fmt: str | None
    report: object  # ParsedReport
    failure: Failure | None = None


def _as_raw(f: RawFile | SourceFile) -> RawFile:
    return f if isinstance(f, RawFile) else RawFile(f.path, os.fsencode(f.path), f.sha256, f.size)


def failed(raw: RawFile, failure: Failure, sha256: str | None = None, size: int | None = None, fmt: str | None = None) -> Parsed:
    from .report import ParsedReport

    report = ParsedReport()
    report.error(failure.check, failure.reason)
    return Parsed(SourceFile(raw.path, sha256 or raw.sha256, raw.size if size is None else size), fmt, report, failure)


def read_bytes(raw: RawFile, limits: Limits) -> bytes:
    """The file's bytes, no more than the size limit allows (raises OSError or LimitExceeded)."""
    fd = os.open(raw.fs_path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO put in its place must not block
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegular(_not_regular(st.st_mode))
        limits_.check_size(st.st_size, limits)
        most = int(limits.file_mb * limits_.MB) + 1
        # as much as fstat says, and a byte more: asking for `most` at once costs a buffer of that
        # size (30 µs a file); a file grown since is read on, to `most` as before
        data = f.read(min(st.st_size + 1, most))
        if len(data) > st.st_size:
            data += f.read(most - len(data))
    limits_.check_size(len(data), limits)
    return data


class NotRegular(Exception):
    pass


def parse_one(raw: RawFile, limits: Limits, on_read=lambda sha, size: None) -> Parsed:
    """Reads, hashes and parses one file; every failure is the file's failed report, never an exception.
    The sha256 is of the bytes actually parsed, whatever the scan saw."""
    if raw.failure is not None:
        return failed(raw, raw.failure)
    try:
        data = read_bytes(raw, limits)
    except LimitExceeded as e:
        return failed(raw, Failure("file_limit", str(e), limit=True))
    except NotRegular as e:
        return failed(raw, Failure("unreadable", str(e), retry=True))
    except OSError as e:
        return failed(raw, Failure("unreadable", os_reason(e), retry=True))
    sha, size = frames.sha256_of(data), len(data)
    on_read(sha, size)
    fmt = None
    try:
        fmt = sniff(data, raw.path)
        limits_.check_bytes(data, fmt, limits)
        limits_.use(limits)
        fmt, report = parse_bytes(data, raw.path.rsplit("/", 1)[-1])
    except LimitExceeded as e:
        return failed(raw, Failure("file_limit", str(e), limit=True), sha, size, fmt)
    except MemoryError:
        return failed(raw, Failure("file_limit", limits_.over_memory(limits), limit=True), sha, size, fmt)
    except Exception as e:  # a parser bug must not cost the other files
        reason = f"the parser failed on this file ({type(e).__name__}: {str(e)[:200]}); please report it"
        return failed(raw, Failure("parse_error", reason), sha, size, fmt)
    return Parsed(SourceFile(raw.path, sha, size), fmt, report)


def build(parsed: list[Parsed], version: str, limits: Limits) -> dict[str, pl.DataFrame]:
    """Frames of parsed files; a second file with the same bytes in one batch adds nothing."""
    seen: set[str] = set()
    unique = []
    for p in parsed:
        if p.source.report_id not in seen:
            seen.add(p.source.report_id)
            unique.append(p)
    out = frames.build([(p.source, p.fmt, p.report) for p in unique], version)
    marked = {p.source.report_id: stored_version(version, p.failure, limits) for p in unique if p.failure}
    marked = {rid: v for rid, v in marked.items() if v != version}
    if marked:
        out["reports"] = out["reports"].with_columns(
            pl.col("report_id")
            .replace_strict(marked, default=pl.col("parser_version"), return_dtype=pl.String)
            .alias("parser_version")
        )
    return checks.finish(out)


def parse_files(files: list[RawFile | SourceFile], version: str, limits: Limits | None = None) -> dict[str, pl.DataFrame]:
    """Parses in this process (no time or memory limit: `xxgk parse`, benchmarks); ingests use ParsePool."""
    limits = limits or Limits()
    return build([parse_one(_as_raw(f), limits) for f in files], version, limits)


def batches(files: list, size: int) -> Iterator[list]:
    for i in range(0, len(files), size):
        yield files[i : i + size]


# --- parse workers ----------------------------------------------------------------------------


def _worker(conn, opening, version: str, limits: Limits, parent: int) -> None:
    """A parse worker: chunks of files in, frames out. Which file it opens it writes to `opening`
    (shared memory, 1 + the file's index in its chunk: no message a file); what it read it says
    only when the bytes are not those the scan hashed."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the run's to handle: it stops the workers
    # a run started with SIGTERM ignored (nohup-like launchers) would pass that on, and
    # multiprocessing's exit handler, which terminates its daemon workers, would wait forever
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with(parent)
    try:
        _serve(conn, version, limits, opening)
    except (EOFError, OSError):  # the run is gone (the pipe closed): nothing left to do
        pass


def _die_with(parent: int) -> None:
    """Asks Linux to kill this worker when the process that started it dies, even by kill -9,
    so that no orphan goes on parsing."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        os._exit(0)


def _serve(conn, version: str, limits: Limits, opening) -> None:
    build([], version, limits)  # imports and thread pools before the memory is measured
    gc.freeze()  # what a worker holds from its start (modules, polars) is no garbage: kept out of every collection (~5% of its CPU)
    start = limits_.cap_memory(limits)
    allowance = limits.parse_memory_mb * limits_.MB
    conn.send(("ready", start))
    while True:
        task = conn.recv()
        if task is None:
            return
        files, given = task
        parsed = []
        worn = False  # a file took much memory: finish the chunk, then make way for a fresh worker
        fresh = False  # the high-water mark still holds only files under half the allowance
        for i, raw in enumerate(files):
            opening.value = i + 1
            if i in given:
                failure, sha, size = given[i]
                parsed.append(failed(raw, failure, sha, size))
                continue
            if not fresh:
                limits_.reset_peak()  # while earlier files stayed under half the allowance, the mark over it is this file's
            one = parse_one(raw, limits, on_read=lambda sha, size, i=i, raw=raw: _tell_read(conn, i, raw, sha, size))
            used = (limits_.peak_rss() or start) - start
            fresh = used <= allowance / 2
            if used > allowance / 2:
                worn = True  # memory a process got back is rarely returned to the system
            if used > allowance and one.report.failed and one.failure is None:
                memory = Failure("file_limit", limits_.over_memory(limits), limit=True)
                one = failed(raw, memory, one.source.sha256, one.source.size, one.fmt)
            parsed.append(one)
        conn.send(("build",))
        conn.send(("done", build(parsed, version, limits), worn))
        if worn:
            return


def _tell_read(conn, i: int, raw: RawFile, sha: str, size: int) -> None:
    """Bytes other than the scan's (the file changed since): the run must know them, should the
    worker die on them."""
    if (sha, size) != (raw.sha256, raw.size):
        conn.send(("read", i, sha, size))


@dataclass
class _Task:
    group: int
    files: list[RawFile]
    given: dict[int, tuple[Failure, str, int | None]] = field(default_factory=dict)
    counted: int = 0  # its first files already counted as parsed (ParsePool.on_parsed): a retry counts none twice


_start_lock = threading.Lock()


# A worker's environment, unless the user's says otherwise: one polars thread (the workers are the
# parallelism, and a pool of threads in each only fights the others for the cores), and polars'
# allocator returning freed pages at once (limits.ALLOCATOR_ENV).
_WORKER_ENV = {"POLARS_MAX_THREADS": "1", **limits_.ALLOCATOR_ENV}


def _start(proc) -> None:
    """Starts a worker with _WORKER_ENV (read by polars when the worker imports it) where the
    environment holds no one's choice (limits.chosen); ours is left as it was."""
    with _start_lock:
        before = {name: os.environ.get(name) for name in _WORKER_ENV if not limits_.chosen(name)}
        os.environ.update({name: _WORKER_ENV[name] for name in before})
        try:
            proc.start()
        finally:
            for name, value in before.items():
                if value is None:
                    del os.environ[name]
                else:
                    os.environ[name] = value


class _Proc:
    def __init__(self, context, version: str, limits: Limits) -> None:
        self.conn, child = context.Pipe()
        self.opening = context.RawValue("q", 0)  # 1 + index in its chunk of the file it opened last (0: none yet)
        self.proc = context.Process(
            target=_worker, args=(child, self.opening, version, limits, os.getpid()), daemon=True, name="xxgk-parse"
        )
        _start(self.proc)
        child.close()
        self.ready = False
        self.start_rss = 0  # resident memory when ready: the allowance counts from here
        self.task: _Task | None = None
        self.current: int | None = None  # index of the file it opened last, as last looked at (see()
        self.reads: dict[int, tuple[str, int]] = {}
        self.building = False
        self.leaving = False  # said it leaves after its chunk (a file took much memory)
        self.thread = threading.get_ident()  # it dies with this thread (PR_SET_PDEATHSIG)
        self.last = time.monotonic()

    def give(self, task: _Task) -> None:
        self.task, self.current, self.reads, self.building = task, None, {}, False
        self.last = time.monotonic()
        self.opening.value = 0  # before the worker can see the task: it is idle until then
        self.conn.send((task.files, task.given))

    def see(self) -> bool:
        """Takes note of the file the worker is on; True when it moved on to another one."""
        opened = self.opening.value
        current = opened - 1 if opened else None
        if self.task is None or current == self.current:
            return False
        self.current = current
        self.last = time.monotonic()  # a file's time counts from its opening
        return True

    def stop(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join()
        self.conn.close()


START_SECONDS = 120  # a worker not ready by then will not be


class WorkersFailed(RuntimeError):
    """The parse workers cannot start at all (not one file's fault)."""


class ParsePool:
    """Parses chunks of files in worker processes, each file under the time and memory limits.

    A worker that takes longer than parse_seconds on one file is killed and replaced; one that dies
    (a crash, the memory cap) is replaced. The file it was on becomes a failed report, and the rest
    of its chunk is parsed again. At most workers + 1 parsed chunks wait for the caller.
    """

    def __init__(
        self, version: str, limits: Limits, workers: int = 1, on_parsed: Callable[[int], None] | None = None, keep: bool = False
    ) -> None:
        self.version, self.limits, self.n = version, limits, max(1, workers)
        self.context = multiprocessing.get_context("spawn")  # the parent runs threads: no fork
        self.early: list[_Proc] = []
        self.on_parsed = on_parsed  # called (from the pool's thread) with how many more files are parsed
        # keep: idle workers started by prestart() wait for the next frames() instead of stopping,
        # so a long-lived process (a Celery worker taking shard after shard) starts them once.
        self.keep = keep

    def _count(self, task: _Task, upto: int) -> None:
        if upto > task.counted:
            if self.on_parsed is not None:
                self.on_parsed(upto - task.counted)
            task.counted = upto

    def prestart(self) -> None:
        """Starts one worker now, so that its imports overlap the caller's scan."""
        self.early.append(_Proc(self.context, self.version, self.limits))

    def close(self) -> None:
        for p in self.early:
            p.stop()
        self.early = []

    def frames(self, chunks: list[list[RawFile]], gather: int = 1) -> Iterator[dict[str, pl.DataFrame]]:
        """Frames of each chunk, in the order they are done. gather: while the caller is busy, up to
        that many parsed chunks (besides one per worker) wait for it, and those ready when it asks
        come as one (so a caller slower per chunk than the workers, as a load into DuckDB is, never
        holds them up, and pays its cost per call less often)."""
        if not chunks:
            if not self.keep:
                self.close()
            return
        results: queue.Queue = queue.Queue()
        slots = threading.Semaphore(self.n + max(1, gather))
        stop = threading.Event()
        thread = threading.Thread(
            target=self._supervise, args=(chunks, results, slots, stop), daemon=True, name="xxgk-parse-supervisor"
        )
        thread.start()
        try:
            left = len(chunks)
            while left:
                ready = [results.get()]
                while len(ready) < min(gather, left):
                    try:
                        ready.append(results.get_nowait())
                    except queue.Empty:
                        break
                for item in ready:
                    if isinstance(item, BaseException):
                        raise item
                left -= len(ready)
                yield ready[0] if len(ready) == 1 else {t: pl.concat([r[t] for r in ready], rechunk=False) for t in ready[0]}
                slots.release(len(ready))
        finally:
            stop.set()
            thread.join()

    def _supervise(self, chunks, results: queue.Queue, slots: threading.Semaphore, stop: threading.Event) -> None:
        from multiprocessing.connection import wait

        procs: list[_Proc] = []
        try:
            todo: deque[_Task] = deque()
            fresh = deque(_Task(g, chunk) for g, chunk in enumerate(chunks))
            parts: dict[int, list] = {g: [] for g in range(len(chunks))}
            expected = dict.fromkeys(range(len(chunks)), 1)
            wanted = min(self.n, len(chunks))
            for p in [p for p in self.early if not p.proc.is_alive()]:
                p.stop()
                self.early.remove(p)
            procs, self.early = self.early[:wanted], self.early[wanted:]
            self.close()
            procs += [_Proc(self.context, self.version, self.limits) for _ in range(wanted - len(procs))]
            failed_starts = 0
            while not stop.is_set() and (todo or fresh or any(p.task for p in procs)):
                for p in procs:
                    if p.ready and p.task is None:
                        if todo:
                            p.give(todo.popleft())
                        elif fresh and slots.acquire(blocking=False):
                            p.give(fresh.popleft())
                ready = wait([p.conn for p in procs] + [p.proc.sentinel for p in procs], timeout=0.2)
                for p in list(procs):
                    if p.see():
                        self._count(p.task, p.current)
                    if p.conn in ready or p.proc.sentinel in ready:
                        try:
                            while p.conn.poll():
                                self._message(p, p.conn.recv(), parts, expected, results)
                        except (EOFError, OSError):
                            pass
                    now = time.monotonic()
                    dead = not p.proc.is_alive()
                    late = p.task is not None and now - p.last > self.limits.parse_seconds
                    heavy = p.task is not None and not p.building and self._over_memory(p)
                    if not p.ready and (dead or now - p.last > START_SECONDS):
                        failed_starts += 1
                        if failed_starts >= 3 or not dead:
                            raise WorkersFailed(f"the parse workers do not start (exit code {p.proc.exitcode})")
                    if not (dead or late or heavy):
                        continue
                    p.stop()
                    procs.remove(p)
                    if p.task is not None:
                        self._retry(p, "time" if late else "memory" if heavy else None, todo, parts, expected, results)
                    if todo or fresh:  # a worker that left after its last chunk is not replaced
                        procs.append(_Proc(self.context, self.version, self.limits))
        except BaseException as e:  # to the caller, which raises it
            results.put(e)
        else:
            results.put(WorkersFailed("the parse workers stopped before every chunk was parsed"))  # read only if one is missing
        finally:
            for p in procs:
                if (
                    self.keep
                    and p.ready
                    and p.task is None
                    and not p.leaving
                    and p.proc.is_alive()
                    and p.thread != threading.get_ident()
                ):  # one started here dies with this thread
                    self.early.append(p)
                else:
                    p.stop()

    def _over_memory(self, p: _Proc) -> bool:
        used = limits_.rss(p.proc.pid)
        return used is not None and used - p.start_rss > self.limits.parse_memory_mb * limits_.MB

    def _message(self, p: _Proc, msg: tuple, parts, expected, results: queue.Queue) -> None:
        p.last = time.monotonic()
        kind = msg[0]
        if kind == "ready":
            p.ready, p.start_rss = True, msg[1]
        elif kind == "read":
            _, i, sha, size = msg
            p.reads[i] = (sha, size)
        elif kind == "build":
            p.see()
            p.building = True
            self._count(p.task, len(p.task.files))
        elif kind == "done":
            group = p.task.group
            p.task, p.leaving = None, len(msg) > 2 and msg[2]
            self._part(group, msg[1], parts, expected, results)

    def _part(self, group: int, part: dict, parts, expected, results: queue.Queue) -> None:
        parts[group].append(part)
        if len(parts[group]) == expected[group]:
            done = parts.pop(group)
            results.put(done[0] if len(done) == 1 else {t: pl.concat([d[t] for d in done]) for t in done[0]})

    def _retry(self, p: _Proc, stopped_for: str | None, todo: deque, parts, expected, results: queue.Queue) -> None:
        """The chunk of a stopped worker goes again, without the file it stopped on.
        stopped_for: "time" or "memory" when the run stopped it, None when it died."""
        task = p.task
        if p.building or (p.current is None and stopped_for is None and len(task.files) > 1):
            # not one file's doing that we can see: each file alone
            if len(task.files) == 1:
                reason = "the parser stopped while building this file's tables; please report it"
                parsed = [failed(task.files[0], Failure("parse_error", reason), *p.reads.get(0, (None, None)))]
                self._count(task, 1)
                self._part(task.group, build(parsed, self.version, self.limits), parts, expected, results)
                return
            expected[task.group] += len(task.files) - 1
            for i in reversed(range(len(task.files))):
                given = {0: task.given[i]} if i in task.given else {}
                todo.appendleft(_Task(task.group, [task.files[i]], given, counted=int(i < task.counted)))
            return
        culprit = p.current if p.current is not None and p.current not in task.given else _first_open(task)
        if stopped_for == "time":
            failure = Failure("file_limit", limits_.over_time(self.limits), limit=True)
        elif stopped_for == "memory":
            failure = Failure("file_limit", limits_.over_memory(self.limits), limit=True)
        else:
            code = p.proc.exitcode
            how = (
                f"signal {signal.Signals(-code).name}"
                if code is not None and code < 0 and -code in signal.Signals._value2member_map_
                else f"exit code {code}"
            )
            failure = Failure(
                "file_limit", f"the parser process died on this file ({how}); " + limits_.over_memory(self.limits), limit=True
            )
        sha, size = p.reads.get(culprit, (task.files[culprit].sha256, task.files[culprit].size))
        todo.appendleft(_Task(task.group, task.files, {**task.given, culprit: (failure, sha, size)}, task.counted))


def _first_open(task: _Task) -> int:
    return next(i for i in range(len(task.files)) if i not in task.given)
