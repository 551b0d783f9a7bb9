"""Scanned reports: seconds per report on one core, and how right the numbers are. Figures to
quote, never a pass or fail.

Reads every image-only PDF that scripts/make_scans.py wrote (made first when the folder is
empty), one process pinned to one core with one onnxruntime thread, and prints per report:
pages, seconds, cells right against the gold, body and year, and whether every wrong cell is
named by an `ocr_uncertain` finding; then the totals. The column `before` is what xxgk did with
a scan until OCR: `failed: scanned PDF: no text layer`, no cell landed.

    python scripts/benchmark_scans.py [SCANS_DIR]        # default tmp/scans
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("XXGK_OCR_THREADS", "1")
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

from parsers.parse import parse_bytes  # noqa: E402
from tests import gold  # noqa: E402


def pages(pdf: Path) -> int:
    import pypdfium2

    with pypdfium2.PdfDocument(str(pdf)) as doc:  # type: ignore[attr-defined]
        return len(doc)


def main() -> None:
    scans = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tmp" / "scans"
    if not any(scans.glob("*.pdf")):
        subprocess.run([sys.executable, str(ROOT / "scripts" / "make_scans.py"), str(scans)], check=True)
    from parsers.readers import scan

    t = time.perf_counter()
    scan._recogniser()  # model loading: once per process, not per report
    start_up = time.perf_counter() - t
    print(f"OCR model loaded in {start_up:.1f} s (once per process); one core, one thread; load {os.getloadavg()[0]:.1f}")
    print(f"{'report':<24} {'before':<12} {'pages':>5} {'seconds':>7} {'s/page':>6} {'cells right':>12} {'body+year':>9} {'wrong cells named':>17}")
    total_s = total_pages = right = cells = named_ok = with_wrong = body_ok = 0
    reports = sorted(scans.glob("*.pdf"))
    for pdf in reports:
        truth = gold.load(scans / "gold" / f"{pdf.stem}.json")
        n = pages(pdf)
        t = time.perf_counter()
        _, report = parse_bytes(pdf.read_bytes(), pdf.name)
        seconds = time.perf_counter() - t
        expected = gold.expected_cells(truth)
        got = gold.report_cells(report)
        wrong = [k for k, want in expected.items() if gold.differences({k: want}, got)]
        findings = " ".join(i.detail for i in report.issues if i.check_name == "ocr_uncertain")
        refs = _refs(report)
        unnamed = [k for k in wrong if not refs.get(k) or refs[k] not in findings]
        body = report.agency == truth["agency"] and report.year == truth["year"]
        total_s += seconds
        total_pages += n
        right += len(expected) - len(wrong)
        cells += len(expected)
        body_ok += body
        with_wrong += bool(wrong)
        named_ok += bool(wrong) and not unnamed
        verdict = "-" if not wrong else ("all" if not unnamed else f"{len(wrong) - len(unnamed)}/{len(wrong)}")
        print(f"{pdf.stem:<24} {'failed':<12} {n:>5} {seconds:>7.1f} {seconds / n:>6.2f} "
              f"{len(expected) - len(wrong):>5}/{len(expected):<6} {'yes' if body else 'NO':>9} {verdict:>17}")
        for k in wrong[:5]:
            print(f"    {'.'.join(k)}: want {expected[k]!r}, got {got.get(k)!r} ({refs.get(k)})")
    print(f"all: {len(reports)} reports, {total_pages} pages, {total_s:.1f} s = {total_s / len(reports):.1f} s/report, "
          f"{total_s / total_pages:.2f} s/page, {total_s / total_pages * 6:.1f} s per six-page report; "
          f"cells {right}/{cells} ({100 * right / cells:.1f}%); body and year {body_ok}/{len(reports)}; "
          f"reports with a wrong cell whose wrong cells are all named: {named_ok}/{with_wrong}")


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
