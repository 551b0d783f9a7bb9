"""The renderings and the real documents as other tools leave their text (scripts/text_variants.py):
pdftotext, pdfplumber, pypdfium2, PyMuPDF, pymupdf4llm, a crawler's get_text, trafilatura, html-text,
inscriptis, markdownify, html2text.

Every variant: no number misread, the right body and year. Cells read right: at least the floor
in golden/text_variants.csv (measured; raise it when the parser reads more, never lower it).
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pytest

from parsers.parse import parse_bytes
from scripts import text_variants

from . import gold

pytestmark = pytest.mark.slow  # other tools' text made of every rendering and real document

ROOT = Path(__file__).resolve().parents[1]
REAL = gold.SHARED / "real"
FLOORS = gold.GOLDEN / "text_variants.csv"


def _sources() -> list[tuple[Path, Path]]:
    renderings = [
        (p, gold.GOLDEN / f"{p.stem}.json")
        for p in sorted((ROOT / "tests" / "renderings").glob("*"))
        if p.suffix in (".pdf", ".html")
    ]
    real = (
        [(p, REAL / "gold" / f"{p.stem}.json") for p in sorted(REAL.glob("*")) if p.suffix in (".pdf", ".html")]
        if REAL.is_dir()
        else []
    )
    return renderings + real


def _floors() -> dict[tuple[str, str], int]:
    with FLOORS.open(encoding="utf-8") as f:
        return {(r["source"], r["variant"]): int(r["cells_right"]) for r in csv.DictReader(f)}


@cache
def _variants(source: Path) -> dict[str, str]:
    return text_variants.variants(source)


def _cases() -> list[tuple[Path, Path, str]]:
    table = text_variants.PDF_VARIANTS, text_variants.HTML_VARIANTS
    return [(src, g, name) for src, g in _sources() for name in table[src.suffix == ".html"]]


@pytest.mark.parametrize("source, gold_path, variant", _cases(), ids=lambda v: v.stem if isinstance(v, Path) else v)
def test_variant_reads_right(source, gold_path, variant):
    if not text_variants.available(variant):
        pytest.skip(f"{variant}: its tool is not installed (poppler-utils; `bash scripts/setup --test`)")
    text = _variants(source)[variant]
    want = gold.load(gold_path)
    _, report = parse_bytes(text.encode("utf-8"), f"{source.stem}.txt")
    got = gold.report_cells(report)
    expected = gold.expected_cells(want)
    misread = [
        f"{k}: want {v}, got {got[k]}"
        for k, v in expected.items()
        if got.get(k) is not None and (v is None or abs(got[k] - v) > 1e-9)
    ]
    assert not misread, misread[:5]
    assert (report.agency, report.year) == (want["agency"], want["year"])
    right = len(expected) - len(gold.differences(expected, got))
    floor = _floors().get((source.stem, variant))
    assert floor is not None, f"no floor for {source.stem} {variant} in {FLOORS.name}: it reads {right}/{len(expected)}"
    assert right >= floor, f"{right}/{len(expected)} cells right, fewer than the {floor} measured before"
