"""How fast xxgk parses and ingests: figures to quote (e.g. in the README), never a pass or fail.

Generates distinct synthetic reports (scripts/make_corpus.py), then times
  (a) parsers.batch.parse_files over all of them in one process pinned to one core, and per layout;
  (b) `xxgk ingest` as a new process (the Dagster job, wall time) and pipelines.ingest.run
      in-process on a fresh warehouse; the difference is what Dagster and a new process add;
  (c) the same ingest again over the same folder, when nothing is new;
  (d) parse reports/s per format (txt, html, docx, pdf) on the sample reports and their
      renderings (tests/renderings), one process;
  (e) the PDF, HTML and DOCX readers against the readers they replaced (loaded from git at
      READERS_BASE), on one core, in alternating rounds, and whether both give the same cells
      with the same source_refs on every document at hand: the renderings, the real documents
      in ../shared/real, the documents the tests build, and (--corpus N, with LibreOffice)
      N generated reports in every format;
  (f) text `parse_bytes`, old (the parser at TEXT_BASE, unpacked from git) against new, side by
      side in alternating rounds of one process each, pinned to one core: the five samples, the
      text other tools make of the renderings and real documents (scripts/text_variants.py), and
      generated text reports in every text form; and whether both give every report the same
      (cells, source_refs, findings).

  (g) with --end-to-end: PDF reports and HTML pages through the whole `xxgk ingest` (a new
      process on one core), per report against poppler's `pdftotext` on the same files, and
      where the time goes (reader, template and frames, workers and DuckDB, Dagster and start-up).

    python scripts/benchmark.py [--n 1000] [--seed 0] [--keep]
    python scripts/benchmark.py --readers [--corpus 40] [--base REV]   # only (e); exit 1 if cells differ
    python scripts/benchmark.py --text [--corpus 200] [--base REV]   # only (f); exit 1 if any report differs
    python scripts/benchmark.py --end-to-end [--pdfs 40] [--pages 400]   # only (g)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import types
from collections import defaultdict
from pathlib import Path

from parsers import batch, frames
from pipelines import ingest
from scripts.make_corpus import generate

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / ".venv" / "bin" / "xxgk"
SHARED = ROOT.parent / "shared"
# the last commit with the pdfplumber, lxml.html and python-docx readers
READERS_BASE = "c9bc467a12ead031073207ef7f4d8fe6fa25dd4a"
# the text parse before its last round of speed work (70b28a6, the one before that, reads some
# extractor texts differently: the layout-blank and split-label readings came after it)
TEXT_BASE = "425044f"


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = next(
        (line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")), platform.processor()
    )
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = f" · load {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    return f"{model or 'unknown CPU'} · {usable} cores · Python {platform.python_version()} · {platform.system()} {platform.release()}{load}"


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return time.perf_counter() - start, result


def source_files(paths: list[Path]) -> list[frames.SourceFile]:
    out = []
    for path in paths:
        data = path.read_bytes()
        out.append(frames.SourceFile(str(path), frames.sha256_of(data), len(data)))
    return out


def parse_on_one_core(paths: list[Path], layouts: dict[Path, str], repeat: int) -> tuple[float, dict[str, tuple[int, float]]]:
    """Seconds for all files in one call, and per layout (count, seconds): the fastest of a few
    rounds, all and each layout in turn within a round, so that a busy neighbour on a shared
    machine slows them alike. Pinned to one CPU, so polars' threads cannot borrow a second core."""
    version = batch.parser_version()
    files = source_files(paths)
    groups: dict[str, list[frames.SourceFile]] = defaultdict(list)
    for path, f in zip(paths, files, strict=True):
        groups[layouts[path]].append(f)
    pinned = hasattr(os, "sched_setaffinity")
    before = os.sched_getaffinity(0) if pinned else None
    if pinned:
        os.sched_setaffinity(0, {min(before)})
    try:
        batch.parse_files(source_files(sorted((ROOT / "data" / "raw").glob("*.txt"))), version)  # imports, caches
        whole, per_layout = [], defaultdict(list)
        for _ in range(repeat):
            whole.append(timed(batch.parse_files, files, version)[0])
            for name, group in groups.items():
                per_layout[name].append(timed(batch.parse_files, group, version)[0])
    finally:
        if pinned:
            os.sched_setaffinity(0, before)
    return min(whole), {name: (len(groups[name]), min(seconds)) for name, seconds in sorted(per_layout.items())}


def per_format(min_seconds: float = 1.0) -> dict[str, float]:
    """Reports/s per format on the five samples in each format, repeated for at least min_seconds."""
    from parsers.parse import parse_bytes

    samples = {"txt": sorted((ROOT / "data" / "raw").glob("*.txt"))}
    for fmt in ("html", "docx", "pdf"):
        samples[fmt] = sorted((ROOT / "tests" / "renderings").glob(f"*.{fmt}"))
    rates = {}
    for fmt, paths in samples.items():
        blobs = [(p.read_bytes(), p.name) for p in paths]
        for data, name in blobs:
            parse_bytes(data, name)
        count, start = 0, time.perf_counter()
        while time.perf_counter() - start < min_seconds:
            for data, name in blobs:
                parse_bytes(data, name)
            count += len(blobs)
        rates[fmt] = count / (time.perf_counter() - start)
    return rates


def base_readers(rev: str = READERS_BASE) -> types.ModuleType | None:
    """The readers package as it was at `rev`, loaded from git into a private package beside the
    real one (parsers._base_readers: its modules import each other and, with `..`, the parsers
    package of today), or None without git history."""
    name = "parsers._base_readers"
    sources = {}
    for module in ("__init__", "text", "lattice", "pdf", "html", "docx"):
        proc = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{rev}:parsers/readers/{module}.py"], capture_output=True, text=True
        )
        if proc.returncode != 0:
            if module == "lattice":  # readers before the lattice module
                continue
            return None
        sources[module] = proc.stdout
    here = ROOT / "parsers" / "readers"
    package = types.ModuleType(name)
    package.__path__ = []
    package.__package__ = name
    package.__file__ = str(here / "__init__.py")  # data files beside it are today's
    sys.modules[name] = package
    exec(compile(sources.pop("__init__"), f"{rev}:parsers/readers/__init__.py", "exec"), package.__dict__)
    for module, source in sources.items():
        mod = types.ModuleType(f"{name}.{module}")
        mod.__package__ = name
        mod.__file__ = str(here / f"{module}.py")
        sys.modules[mod.__name__] = mod
        exec(compile(source, f"{rev}:parsers/readers/{module}.py", "exec"), mod.__dict__)
        setattr(package, module, mod)
    import parsers.readers.scan

    sys.modules[f"{name}.scan"] = parsers.readers.scan  # what a scan needs (OCR) is today's
    return package


def reader_documents(corpus: int, tmp: Path) -> dict[str, list[tuple[str, bytes]]]:
    """Every document at hand per format: renderings, real documents, what the tests build,
    and optionally a generated corpus in every format (LibreOffice makes the PDF and DOCX)."""
    from tests.helpers import build_docx, build_pdf
    from tests.test_readers import GBK_PAGE, PAGE, ruled_table, ruled_with_rectangles, turned

    docs: dict[str, list[tuple[str, bytes]]] = {"pdf": [], "html": [], "docx": []}
    for fmt in docs:
        for folder in (ROOT / "tests" / "renderings", SHARED / "real"):
            docs[fmt] += [(str(p), p.read_bytes()) for p in sorted(folder.glob(f"*.{fmt}"))]
    second = [("text", 280, 800, 10, "第 2 页"), ("text", 72, 700, 12, "六、其他需要报告的事项")]
    docs["pdf"] += [
        ("tests: ruled table page", build_pdf([PAGE])),
        ("tests: two pages", build_pdf([PAGE, second])),
        ("tests: title only", build_pdf([[("text", 72, 700, 12, "某某县2023年政府信息公开工作年度报告")]])),
        (
            "tests: rectangle rulings",
            build_pdf([[op for op in PAGE if op[0] != "line"] + ruled_with_rectangles([72, 200, 300, 400], [700, 675, 650])]),
        ),
        ("tests: scan, a diagonal", build_pdf([[("line", 10, 10, 500, 500)]])),
        ("tests: scan, rulings only", build_pdf([ruled_table([72, 200], [700, 650])])),
        ("tests: encrypted", build_pdf([PAGE], encrypt=True)),
        ("tests: truncated", build_pdf([PAGE])[:300]),
    ]
    for quarter in (90, 180, 270):
        docs["pdf"].append(
            (
                f"tests: shown turned {quarter}",
                build_pdf([PAGE]).replace(b"/MediaBox [0 0 595 842]", b"/MediaBox [0 0 595 842] /Rotate %d" % quarter),
            )
        )
    docs["pdf"] += [(f"tests: sideways {Path(n).name}", turned(d)) for n, d in list(docs["pdf"][:6]) if "/" in n]
    docs["html"] += [("tests: GBK page", GBK_PAGE.encode("gbk"))]
    docs["docx"] += [("tests: merged cells", build_docx()), ("tests: no tables", build_docx(with_table=False))]
    if corpus:
        formats = ("txt", "html", "docx", "pdf") if shutil.which("soffice") else ("txt", "html")
        for path in generate(tmp / "formats", corpus, seed=1, formats=formats):
            if path.suffix[1:] in docs:
                docs[path.suffix[1:]].append((str(path), path.read_bytes()))
    return docs


def _cells(reader, data: bytes) -> list[tuple] | str:
    try:
        return [(c.text, c.line, c.ref) for c in reader(data).cells]
    except Exception as e:  # a failure is compared by its kind: the message up to its first colon
        return f"{type(e).__name__}: {str(e).split(':')[0]}"


def _rate(reader, docs: list[tuple[str, bytes]], min_seconds: float) -> float:
    """Documents per second of this process's CPU time: on a shared machine the wall clock
    also counts the neighbours' turns."""
    count, start = 0, time.process_time()
    while True:
        for _, data in docs:
            reader(data)
        count += len(docs)
        elapsed = time.process_time() - start
        if elapsed >= min_seconds:
            return count / elapsed


def compare_readers(corpus: int, rounds: int, tmp: Path, rev: str = READERS_BASE) -> tuple[str, bool]:
    """Old and new readers side by side: reports/s on one core (best of alternating rounds on
    the renderings and real documents) and same cells and source_refs on every document."""
    from parsers.readers import docx, html, pdf

    base = base_readers(rev)
    docs = reader_documents(corpus, tmp)
    new = {"pdf": pdf.read, "html": html.read, "docx": docx.read}
    lines, same_everywhere = [], True
    pinned = hasattr(os, "sched_setaffinity")
    before = os.sched_getaffinity(0) if pinned else None
    if pinned:
        os.sched_setaffinity(0, {min(before)})
    groups = {"renderings": str(ROOT / "tests" / "renderings"), "real": str(SHARED / "real")}
    try:
        for fmt, read in new.items():
            if base is not None:
                old = getattr(base, fmt).read
                differ = [name for name, data in docs[fmt] if _cells(old, data) != _cells(read, data)]
                same_everywhere &= not differ
                verdict = (
                    f"same cells and source_refs on {len(docs[fmt])}/{len(docs[fmt])} documents"
                    if not differ
                    else f"CELLS DIFFER on {len(differ)}/{len(docs[fmt])}: {', '.join(Path(n).name for n in differ[:5])}"
                )
            else:
                verdict = f"old readers not compared: no git history at {rev[:9]}"
            lines.append(f"  {fmt:5} {verdict}")
            for group, folder in groups.items():
                timed_docs = [(n, d) for n, d in docs[fmt] if n.startswith(folder)]
                if not timed_docs:
                    continue
                if base is None:
                    best_new = max(_rate(read, timed_docs, 0.5) for _ in range(rounds))
                    lines.append(f"        {group:10} {len(timed_docs)} documents   new {best_new:7.1f}/s")
                    continue
                best_old = best_new = 0.0
                for _ in range(rounds):  # alternate, so a busy neighbour slows both alike
                    best_old = max(best_old, _rate(old, timed_docs, 0.5))
                    best_new = max(best_new, _rate(read, timed_docs, 0.5))
                lines.append(
                    f"        {group:10} {len(timed_docs)} documents   old {best_old:7.1f}/s   new {best_new:7.1f}/s"
                    f"   ×{best_new / best_old:5.1f}"
                )
    finally:
        if pinned:
            os.sched_setaffinity(0, before)
    return "\n".join(lines), same_everywhere


# ---------------------------------------------------------------- (f) text parse, old against new
# Run in a process of its own with one parser tree first on sys.path: the old and the new parser
# share their module names, so they cannot be imported into one process.
TEXT_WORKER = r"""
import json, os, sys, time
tree, listing, mode, min_seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
sys.path.insert(0, tree)
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
from parsers.parse import parse_bytes
groups = json.loads(open(listing, encoding="utf-8").read())
blobs = {g: [(open(p, "rb").read(), os.path.basename(p)) for p in paths] for g, paths in groups.items()}
out = {}
if mode == "dump":
    for g, docs in blobs.items():
        for data, name in docs:
            fmt, r = parse_bytes(data, name)
            out[g + "/" + name] = repr((fmt, r.agency, r.year, r.template_version, r.sections, r.active_disclosure,
                                        r.applications, r.review_litigation, [(i.check_name, i.severity, i.detail) for i in r.issues],
                                        r.unmapped))
else:
    for data, name in (d for docs in blobs.values() for d in docs):
        parse_bytes(data, name)  # imports and caches, as in a long run
    for g, docs in blobs.items():
        count, start = 0, time.process_time()
        while True:
            for data, name in docs:
                parse_bytes(data, name)
            count += len(docs)
            elapsed = time.process_time() - start
            if elapsed >= min_seconds:
                break
        out[g] = count / elapsed
print(json.dumps(out))
"""


def base_tree(rev: str, tmp: Path, parts: tuple[str, ...] = ("parsers",)) -> Path | None:
    """The parser package (or other parts of the tree) as it was at `rev`, unpacked from git into
    tmp (no worktree is made)."""
    target = tmp / f"base-{rev}-{'-'.join(parts)}"
    target.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, *parts], capture_output=True)
    if archive.returncode != 0:
        return None
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target


def text_documents(corpus: int, tmp: Path) -> dict[str, list[str]]:
    """Text reports per group: the samples, other tools' text of the renderings and real
    documents, and `corpus` generated reports written in each text form."""
    from scripts import text_variants
    from scripts.make_corpus import TEXT_VARIANTS

    groups: dict[str, list[str]] = {"samples": [str(p) for p in sorted((SHARED / "seeds").glob("*.txt"))]}
    if not groups["samples"]:
        groups["samples"] = [str(p) for p in sorted((ROOT / "data" / "raw").glob("*.txt"))]
    sources = sorted((ROOT / "tests" / "renderings").glob("*")) + sorted((SHARED / "real").glob("*"))
    folder = tmp / "variants"
    folder.mkdir(parents=True, exist_ok=True)
    groups["tool text"] = []
    for source in sources:
        if source.suffix not in (".pdf", ".html"):
            continue
        for name, text in text_variants.variants(source).items():
            path = folder / f"{source.stem}__{name}.txt"
            path.write_text(text, encoding="utf-8")
            groups["tool text"].append(str(path))
    if corpus:
        # text forms the old parser reads too (it has no traditional characters; MHTML and PDFs are no text)
        text_forms = tuple(v for v in TEXT_VARIANTS if v not in ("traditional", "mhtml", "chromium"))
        made = generate(tmp / "text-corpus", corpus, seed=2, variants=text_forms)
        groups["generated"] = [str(p) for p in made]
    return {g: paths for g, paths in groups.items() if paths}


def _text_worker(tree: Path, listing: Path, mode: str, min_seconds: float, script: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "XXGK_CATALOGUE"}
    proc = subprocess.run(
        [sys.executable, str(script), str(tree), str(listing), mode, str(min_seconds)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tree,
    )
    if proc.returncode != 0:
        raise SystemExit(f"text benchmark worker failed on {tree}:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout)


def compare_text(corpus: int, rounds: int, tmp: Path, rev: str = TEXT_BASE) -> tuple[str, bool]:
    """Old and new text parsing side by side: reports per CPU second on one core, the best of
    alternating rounds (a process each, so a busy neighbour slows both alike), and whether every
    report is the same: cells, source_refs, findings."""
    groups = text_documents(corpus, tmp)
    listing = tmp / "text-documents.json"
    listing.write_text(json.dumps(groups), encoding="utf-8")
    script = tmp / "text_worker.py"
    script.write_text(TEXT_WORKER, encoding="utf-8")
    old_tree = base_tree(rev, tmp)
    if old_tree is None:
        new = _text_worker(ROOT, listing, "rate", 1.0, script)
        return "\n".join(
            f"  {g:10} {len(groups[g]):4} reports   new {r:7.0f}/s" for g, r in new.items()
        ) + f"\n  old parser not compared: no git history at {rev}", True
    old_out = _text_worker(old_tree, listing, "dump", 0, script)
    new_out = _text_worker(ROOT, listing, "dump", 0, script)
    differ = sorted(k for k in old_out if old_out[k] != new_out.get(k))
    best_old: dict[str, float] = defaultdict(float)
    best_new: dict[str, float] = defaultdict(float)
    for _ in range(rounds):
        for g, r in _text_worker(old_tree, listing, "rate", 1.0, script).items():
            best_old[g] = max(best_old[g], r)
        for g, r in _text_worker(ROOT, listing, "rate", 1.0, script).items():
            best_new[g] = max(best_new[g], r)
    lines = [
        f"  {g:10} {len(groups[g]):4} reports   old {best_old[g]:7.0f}/s   new {best_new[g]:7.0f}/s   ×{best_new[g] / best_old[g]:4.2f}"
        for g in groups
    ]
    total = sum(len(v) for v in groups.values())
    lines.append(
        f"  same reports (cells, source_refs, findings) on {total - len(differ)}/{total}"
        + ("" if not differ else f"; DIFFER: {', '.join(differ[:5])}")
    )
    return "\n".join(lines), not differ


def _copies(samples: list[Path], n: int, folder: Path, tail: bytes) -> list[Path]:
    """n distinct files made from the samples in turn: each a sample with a comment after its
    end (`tail` % k), which no reader reads, so no two share a hash and every one is parsed."""
    folder.mkdir(parents=True)
    out = []
    for k in range(n):
        sample = samples[k % len(samples)]
        path = folder / f"{k:04d}_{sample.name}"
        path.write_bytes(sample.read_bytes() + tail % k)
        out.append(path)
    return out


def _cpu_of_children() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _on_one_core(command: list[str]) -> list[str]:
    return ["taskset", "-c", str(min(os.sched_getaffinity(0)))] + command if shutil.which("taskset") else command


def _timed_ingest(raw: Path, warehouse: Path, tree: Path | None = None) -> tuple[float, float]:
    """Wall and CPU seconds (the process and its parse workers) of `xxgk ingest` on one core;
    tree: the code of an older version to run instead (first on the path)."""
    env = {k: v for k, v in os.environ.items() if k != "DAGSTER_HOME"}
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    cpu, start = _cpu_of_children(), time.perf_counter()
    proc = subprocess.run(
        _on_one_core([str(CLI), "ingest", "--raw", str(raw), "--warehouse", str(warehouse), "--quiet"]),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"xxgk ingest failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return wall, _cpu_of_children() - cpu


def _in_process(fn, *args) -> float:
    """CPU seconds of fn in this process (pinned to one core) and the processes it waited for."""
    before = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(before)})
    try:
        cpu = time.process_time() + _cpu_of_children()
        fn(*args)
        return time.process_time() + _cpu_of_children() - cpu
    finally:
        os.sched_setaffinity(0, before)


def end_to_end(pdfs: int, pages: int, rounds: int, tmp: Path, old: Path | None = None) -> str:
    """Per report through `xxgk ingest` (a new process, Dagster job, parse workers, DuckDB), on
    one core: PDFs against `pdftotext` on the same files, HTML pages as pages per second. A run's
    fixed cost (Dagster, start-up, the parse worker) is measured by a run over one file and taken
    out: a report's cost is what n files add to it, divided by n - 1. CPU seconds count the
    process and its workers (a shared machine's wall clock counts its neighbours too). Each
    figure is the best of `rounds`, on fresh warehouses. old: the tree of an older version, whose
    `xxgk ingest` runs in the same rounds, so that the machine's load weighs on both alike."""
    from parsers.parse import parse_bytes
    from parsers.readers import html, pdf

    lines = []
    for fmt, n, tail, reader in (("pdf", pdfs, b"\n%% copy %d\n", pdf.read), ("html", pages, b"\n<!-- copy %d -->\n", html.read)):
        samples = sorted((ROOT / "tests" / "renderings").glob(f"*.{fmt}")) + sorted(SHARED.glob(f"real/*.{fmt}"))
        files = _copies(samples, n, tmp / fmt / "raw", tail)
        one = tmp / fmt / "one"
        one.mkdir()
        shutil.copy(files[0], one / files[0].name)
        if [(c.text, c.ref) for c in reader(files[0].read_bytes()).cells] != [
            (c.text, c.ref) for c in reader(samples[0].read_bytes()).cells
        ]:
            raise SystemExit(f"a copy of {samples[0].name} does not read as the sample: the copies would not measure it")
        blobs = [(p.read_bytes(), p.name) for p in files]
        runs: dict[str, list[float]] = defaultdict(list)
        for r in range(rounds):
            for name, folder in (("one", one), ("all", tmp / fmt / "raw")):
                wall, cpu = _timed_ingest(folder, tmp / fmt / f"{name}{r}.duckdb")
                runs[f"cli wall {name}"].append(wall)
                runs[f"cli cpu {name}"].append(cpu)
                runs[f"run cpu {name}"].append(_in_process(ingest.run, folder, tmp / fmt / f"in{name}{r}" / "w.duckdb"))
                if old is not None:
                    wall, cpu = _timed_ingest(folder, tmp / fmt / f"old{name}{r}.duckdb", old)
                    runs[f"old wall {name}"].append(wall)
                    runs[f"old cpu {name}"].append(cpu)
            runs["read"].append(_in_process(lambda: [reader(d) for d, _ in blobs]) / n)
            runs["parse"].append(_in_process(lambda: [parse_bytes(d, name) for d, name in blobs]) / n)
            if fmt == "pdf" and shutil.which("pdftotext"):
                cpu, start = _cpu_of_children(), time.perf_counter()
                for path in files:
                    subprocess.run(_on_one_core(["pdftotext", str(path), "-"]), capture_output=True, check=True)
                runs["pdftotext wall"].append((time.perf_counter() - start) / n)
                runs["pdftotext cpu"].append((_cpu_of_children() - cpu) / n)
        b = {k: min(v) for k, v in runs.items()}
        wall = (b["cli wall all"] - b["cli wall one"]) / (n - 1)
        cpu = (b["cli cpu all"] - b["cli cpu one"]) / (n - 1)
        run_cpu = (b["run cpu all"] - b["run cpu one"]) / (n - 1)
        lines.append(f"  {fmt:5} {n} files (copies of {len(samples)} documents), xxgk ingest on one core, best of {rounds}")
        lines.append(
            f"        a run      {b['cli wall all']:6.2f} s wall over {n} files, {b['cli wall one']:.2f} s over one"
            f" ({n / b['cli wall all']:.0f}/s whole run); CPU {b['cli cpu all']:.2f} s and {b['cli cpu one']:.2f} s"
        )
        lines.append(
            f"        a report   {cpu * 1000:6.1f} ms CPU = {1 / cpu:5.0f}/s   ({wall * 1000:.1f} ms wall = {1 / wall:.0f}/s)"
        )
        if old is not None:
            old_cpu = (b["old cpu all"] - b["old cpu one"]) / (n - 1)
            old_wall = (b["old wall all"] - b["old wall one"]) / (n - 1)
            lines.append(
                f"        old        {old_cpu * 1000:6.1f} ms CPU = {1 / old_cpu:5.0f}/s   ({old_wall * 1000:.1f} ms wall"
                f" = {1 / old_wall:.0f}/s)   new/old: ×{old_cpu / cpu:.2f} CPU, ×{old_wall / wall:.2f} wall"
            )
        if "pdftotext cpu" in b:
            lines.append(
                f"        pdftotext  {b['pdftotext cpu'] * 1000:6.1f} ms CPU a file ({b['pdftotext wall'] * 1000:.1f} ms wall, one process each)"
                f"   xxgk ingest / pdftotext: {cpu / b['pdftotext cpu']:.2f}x CPU, {wall / b['pdftotext wall']:.2f}x wall (target <= 3x)"
            )
        lines.append(
            f"        where a report's CPU goes: reader {b['read'] * 1000:.1f} ms · template and frames"
            f" {(b['parse'] - b['read']) * 1000:.1f} · workers, checks and DuckDB {(run_cpu - b['parse']) * 1000:.1f}"
            f" · Dagster job {(cpu - run_cpu) * 1000:.1f}"
        )
    return "\n".join(lines)


def cli_ingest(raw: Path, warehouse: Path) -> tuple[float, str]:
    """Wall time of `xxgk ingest` in a new process (an ephemeral Dagster instance), and its summary."""
    env = {k: v for k, v in os.environ.items() if k != "DAGSTER_HOME"}
    seconds, proc = timed(
        subprocess.run,
        [str(CLI), "ingest", "--raw", str(raw), "--warehouse", str(warehouse), "--quiet"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise SystemExit(f"xxgk ingest failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    summary = next((line for line in proc.stdout.splitlines() if line.startswith("reports:")), "")
    return seconds, summary


def _one_mode(args, host: str) -> int | None:
    """--text, --end-to-end or --readers alone: its exit code; None for the whole benchmark."""
    tmp = Path(tempfile.mkdtemp(prefix="xxgk-bench-"))
    try:
        if args.text:
            base = args.base or TEXT_BASE
            report, same = compare_text(args.corpus, args.repeat, tmp, base)
            title = f"xxgk text parse_bytes, old ({base}) against new: reports per CPU second on one core"
        elif args.readers:
            base = args.base or READERS_BASE
            report, same = compare_readers(args.corpus, args.repeat, tmp, base)
            title = f"xxgk readers, old ({base[:9]}) against new: documents per CPU second on one core"
        elif args.end_to_end:
            old = base_tree(args.base, tmp, ("parsers", "pipelines", "sql")) if args.base else None
            report, same = end_to_end(args.pdfs, args.pages, args.repeat, tmp, old), True
            title = "xxgk end to end: reports through xxgk ingest, per report" + (f", old ({args.base}) and new" if old else "")
        else:
            return None
        rounds = "" if args.end_to_end else f", best of {args.repeat} alternating rounds"
        print(f"{title}{rounds}\nmachine    {host}\n{report}")
        return 0 if same else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=1000, help="reports to generate (default 1000)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--repeat", type=int, default=3, help="parse timings are the best of this many runs (default 3)")
    p.add_argument("--keep", action="store_true", help="keep the generated corpus and warehouses, and say where")
    p.add_argument("--readers", action="store_true", help="only the PDF, HTML and DOCX readers, old against new")
    p.add_argument(
        "--corpus", type=int, default=0, help="also compare readers (or --text) on N generated reports in every format"
    )
    p.add_argument("--text", action="store_true", help="only text parse_bytes, old (--base) against new")
    p.add_argument(
        "--base",
        default=None,
        help=f"the old commit: default {READERS_BASE[:9]} for --readers, {TEXT_BASE} for --text; none for --end-to-end",
    )
    p.add_argument("--end-to-end", action="store_true", help="only PDF reports and HTML pages through xxgk ingest")
    p.add_argument("--pdfs", type=int, default=40, help="PDF reports for --end-to-end (default 40)")
    p.add_argument("--pages", type=int, default=400, help="HTML pages for --end-to-end (default 400)")
    args = p.parse_args(argv)

    host = machine()  # before the benchmark's own load
    mode = _one_mode(args, host)
    if mode is not None:
        return mode
    tmp = Path(tempfile.mkdtemp(prefix="xxgk-bench-"))
    try:
        made, paths = timed(generate, tmp / "corpus", args.n, args.seed)
        golds = {path: json.loads(path.with_suffix(".json").read_text(encoding="utf-8")) for path in paths}
        broken = sum(bool(g["source_inconsistencies"]) for g in golds.values())
        layouts = {path: g["layout"] for path, g in golds.items()}

        parse_s, per_layout = parse_on_one_core(paths, layouts, args.repeat)
        formats = per_format()
        readers, _ = compare_readers(args.corpus, args.repeat, tmp)

        raw = tmp / "raw"
        raw.mkdir()
        for path in paths:
            shutil.copy(path, raw / path.name)
        cli_s, summary = cli_ingest(raw, tmp / "w.duckdb")
        run_s, _ = timed(ingest.run, raw, tmp / "fresh" / "w.duckdb")
        cli_again_s, _ = cli_ingest(raw, tmp / "w.duckdb")
        run_again_s, _ = timed(ingest.run, raw, tmp / "fresh" / "w.duckdb")

        n = len(paths)
        rate = "  ·  ".join(f"{name} {count / s:.0f}/s" for name, (count, s) in per_layout.items())
        print(f"""xxgk benchmark: {n} distinct synthetic reports, 5 layouts, {broken} breaking an identity (make_corpus seed {args.seed})
machine    {host}
corpus     generated in {made:.1f} s
parse      {n / parse_s:.0f} reports/s on one core: {n} reports in {parse_s:.2f} s (parsers.batch.parse_files, one process, best of {args.repeat})
  layout   {rate}
ingest     {cli_s:6.1f} s  xxgk ingest, new process, Dagster job (wall)   {summary}
           {run_s:6.1f} s  pipelines.ingest.run in-process, fresh warehouse, default workers
           {cli_s - run_s:6.1f} s  Dagster and process start-up (the difference)
re-ingest  {cli_again_s:6.1f} s  xxgk ingest again, nothing new (wall)
           {run_again_s:6.1f} s  pipelines.ingest.run again, nothing new
formats    {"  ·  ".join(f"{fmt} {rate:.0f}/s" for fmt, rate in formats.items())}  (parse_bytes on the samples and their renderings)
readers    documents per CPU second on one core, the readers alone, old ({READERS_BASE[:9]}) against new
{readers}""")
        if args.keep:
            print(f"kept      {tmp} (corpus/, raw/, w.duckdb, fresh/w.duckdb)")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
