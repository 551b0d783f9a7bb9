"""Scanned reports: seconds per report on one core, and how right the numbers are. Figures to
quote, never a pass or fail.

Reads every image-only PDF that scripts/make_scans.py wrote (made first when the folder is
empty) in a worker process pinned to one core with one onnxruntime thread (the model loaded
and one report read once, before the clock starts), and prints per report: pages, seconds, cells right against the
gold, body and year, and whether every wrong cell is named by an `ocr_uncertain` finding; then
the totals. The column `before` is what xxgk did with a scan until OCR: `failed: scanned PDF: no
text layer`, no cell landed.

With --old TREE (a checkout of an earlier commit, e.g. `git worktree add /tmp/ocr-old 70b28a6`)
a second worker reads the same reports with that tree's code on the same core, the two taking
turns report by report, so both see the same load; each report is read --rounds times by each
and the fastest reading counts (the machine is shared: the slower ones measure the neighbours).

    python scripts/benchmark_scans.py [SCANS_DIR] [--old TREE] [--rounds N]     # default tmp/scans
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def worker(root: Path) -> None:
    """Reads report paths from stdin, one a line; answers each with one JSON line."""
    sys.path.insert(0, str(root))
    os.environ["XXGK_OCR_THREADS"] = "1"
    from parsers.parse import parse_bytes
    from parsers.readers import scan
    from tests import gold

    t = time.perf_counter()
    scan._recogniser()  # model loading: once per process, not per report
    print(json.dumps({"load": time.perf_counter() - t}), flush=True)
    for line in sys.stdin:
        pdf = Path(line.strip())
        truth = gold.load(pdf.parent / "gold" / f"{pdf.stem}.json")
        data = pdf.read_bytes()
        t = time.perf_counter()
        _, report = parse_bytes(data, pdf.name)
        seconds = time.perf_counter() - t
        expected = gold.expected_cells(truth)
        got = gold.report_cells(report)
        wrong = [k for k, want in expected.items() if gold.differences({k: want}, got)]
        findings = " ".join(i.detail for i in report.issues if i.check_name == "ocr_uncertain")
        refs = _refs(report)
        print(
            json.dumps(
                {
                    "seconds": seconds,
                    "cells": len(expected),
                    "right": len(expected) - len(wrong),
                    "wrong": [f"{'.'.join(k)}: want {expected[k]!r}, got {got.get(k)!r} ({refs.get(k)})" for k in wrong],
                    "unnamed": sum(1 for k in wrong if not refs.get(k) or refs[k] not in findings),
                    "body": report.agency == truth["agency"] and report.year == truth["year"],
                }
            ),
            flush=True,
        )


class Worker:
    def __init__(self, root: Path, core: int) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--worker", str(root)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            preexec_fn=(lambda: os.sched_setaffinity(0, {core})) if hasattr(os, "sched_setaffinity") else None,
        )
        self.load = json.loads(self.proc.stdout.readline())["load"]

    def read(self, pdf: Path) -> dict:
        self.proc.stdin.write(f"{pdf}\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait()


def pages(pdf: Path) -> int:
    import pypdfium2

    with pypdfium2.PdfDocument(str(pdf)) as doc:  # type: ignore[attr-defined]
        return len(doc)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("scans", nargs="?", type=Path, default=ROOT / "tmp" / "scans")
    ap.add_argument("--old", type=Path, help="an earlier checkout to time side by side")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        return worker(args.worker)
    sys.path.insert(0, str(ROOT))
    scans = args.scans.resolve()
    if not any(scans.glob("*.pdf")):
        subprocess.run([sys.executable, str(ROOT / "scripts" / "make_scans.py"), str(scans)], check=True)
    core = sorted(os.sched_getaffinity(0))[0] if hasattr(os, "sched_getaffinity") else 0
    trees = {"new": ROOT} | ({"old": args.old.resolve()} if args.old else {})
    workers = {name: Worker(root, core) for name, root in trees.items()}
    print(
        f"OCR model loaded in {workers['new'].load:.1f} s (once per process); one core ({core}), one thread; "
        f"load {os.getloadavg()[0]:.1f}; fastest of {args.rounds} round(s)"
    )
    reports = sorted(scans.glob("*.pdf"))
    for w in workers.values():
        w.read(reports[0])  # untimed: a process's first report also pays imports, the catalogue, onnxruntime's memory
    results: dict[str, dict[str, dict]] = {name: {} for name in trees}
    for r in range(args.rounds):
        for i, pdf in enumerate(reports):
            order = list(trees) if (r + i) % 2 == 0 else list(reversed(trees))  # neither always first
            for name in order:
                got = workers[name].read(pdf)
                print(
                    f"  round {r + 1} {pdf.stem} {name}: {got['seconds']:.1f} s, cells {got['right']}/{got['cells']}", flush=True
                )
                best = results[name].get(pdf.stem)
                if best is None or got["seconds"] < best["seconds"]:
                    results[name][pdf.stem] = got
    for w in workers.values():
        w.close()

    n_pages = {pdf.stem: pages(pdf) for pdf in reports}
    head = f"{'report':<24} {'before':<8} {'pages':>5}"
    head += "".join(f" {name + ' s':>7} {'s/page':>6} {'cells right':>12} {'body+year':>9} {'wrong named':>11}" for name in trees)
    print(head + (f" {'new/old':>7}" if "old" in trees else ""))
    for pdf in reports:
        line = f"{pdf.stem:<24} {'failed':<8} {n_pages[pdf.stem]:>5}"
        for name in trees:
            g = results[name][pdf.stem]
            verdict = (
                "-" if not g["wrong"] else ("all" if not g["unnamed"] else f"{len(g['wrong']) - g['unnamed']}/{len(g['wrong'])}")
            )
            line += (
                f" {g['seconds']:>7.1f} {g['seconds'] / n_pages[pdf.stem]:>6.2f} {g['right']:>5}/{g['cells']:<6}"
                f" {'yes' if g['body'] else 'NO':>9} {verdict:>11}"
            )
        if "old" in trees:
            line += f" {results['new'][pdf.stem]['seconds'] / results['old'][pdf.stem]['seconds']:>7.2f}"
        print(line)
        for name in trees:
            for w in results[name][pdf.stem]["wrong"][:5]:
                print(f"    {name}: {w}")
    total_pages = sum(n_pages.values())
    totals = {}
    for name in trees:
        res = results[name].values()
        seconds = sum(g["seconds"] for g in res)
        totals[name] = seconds
        right, cells = sum(g["right"] for g in res), sum(g["cells"] for g in res)
        wrong = [g for g in res if g["wrong"]]
        print(
            f"{name}: {len(reports)} reports, {total_pages} pages, {seconds:.1f} s = {seconds / len(reports):.1f} s/report, "
            f"{seconds / total_pages:.2f} s/page, {seconds / total_pages * 6:.1f} s per six-page report; "
            f"cells {right}/{cells} ({100 * right / cells:.1f}%); body and year {sum(g['body'] for g in res)}/{len(reports)}; "
            f"reports with a wrong cell whose wrong cells are all named: {sum(not g['unnamed'] for g in wrong)}/{len(wrong)}"
        )
    if "old" in trees:
        print(f"new/old: {totals['new'] / totals['old']:.2f} ({totals['old'] / totals['new']:.2f}x as fast)")


def _refs(report) -> dict:
    refs = {}
    for item, measure, _v, _u, ref in report.active_disclosure:
        refs[("active_disclosure", item, measure)] = ref
    for row, col, _c, ref in report.applications:
        refs[("applications", row, col)] = ref
    for p, o, _c, ref in report.review_litigation:
        refs[("review_litigation", p, o)] = ref
    return refs


if __name__ == "__main__":
    main()
