"""The renderings and the real documents as other tools leave their text (scripts/text_variants.py):
pdftotext, pdfplumber, pypdfium2, PyMuPDF, pymupdf4llm, a crawler's get_text and crawlers' table rows
and cells (padded, led or closed by bars), trafilatura, html-text, inscriptis, markdownify, html2text,
markitdown, Markdown keeping tables as HTML, pandoc; and the Word renderings as pandoc writes their text.

Every variant: no number misread, the right body and year. Cells read right: at least the floor
in golden/text_variants.csv (measured; raise it when the parser reads more, never lower it).
"""

from __future__ import annotations

import csv
import re
import subprocess
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
        if p.suffix in (".pdf", ".html", ".docx")
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
    table = {".pdf": text_variants.PDF_VARIANTS, ".html": text_variants.HTML_VARIANTS, ".docx": text_variants.DOCX_VARIANTS}
    return [(src, g, name) for src, g in _sources() for name in table[src.suffix]]


def _reads_right(text: bytes, name: str, gold_path: Path) -> int:
    """Cells read right; asserts that none is misread and that body and year are right."""
    want = gold.load(gold_path)
    _, report = parse_bytes(text, name)
    got = gold.report_cells(report)
    expected = gold.expected_cells(want)
    misread = [
        f"{k}: want {v}, got {got[k]}"
        for k, v in expected.items()
        if got.get(k) is not None and (v is None or abs(got[k] - v) > 1e-9)
    ]
    assert not misread, misread[:5]
    assert (report.agency, report.year) == (want["agency"], want["year"])
    return len(expected) - len(gold.differences(expected, got))


@pytest.mark.parametrize("source, gold_path, variant", _cases(), ids=lambda v: v.stem if isinstance(v, Path) else v)
def test_variant_reads_right(source, gold_path, variant):
    if not text_variants.available(variant):
        pytest.skip(
            f"{variant}: its tool is not installed (poppler-utils, w3m, pandoc, libreoffice; `bash scripts/setup --test`)"
        )
    right = _reads_right(_variants(source)[variant].encode("utf-8"), f"{source.stem}.txt", gold_path)
    floor = _floors().get((source.stem, variant))
    total = len(gold.expected_cells(gold.load(gold_path)))
    assert floor is not None, f"no floor for {source.stem} {variant} in {FLOORS.name}: it reads {right}/{total}"
    assert right >= floor, f"{right}/{total} cells right, fewer than the {floor} measured before"


RADICAL = re.compile("[\u2f00-\u2fdf\u2e80-\u2eff]")


@pytest.mark.parametrize(
    "source, gold_path", [s for s in _sources() if s[0].suffix == ".pdf"], ids=lambda v: v.stem if isinstance(v, Path) else v
)
def test_radical_fonts_read_as_the_original(source, gold_path):
    """A PDF whose fonts give radicals for ideographs (`⼈⺠政府`, `⼯作`) reads as its original:
    by xxgk's PDF reader, every cell, and as pdftotext leaves it, at least the original's floor."""
    data = text_variants.radical_fonts(source.read_bytes())
    expected = len(gold.expected_cells(gold.load(gold_path)))
    assert _reads_right(data, source.name, gold_path) == expected
    if not text_variants.available("pdftotext"):
        pytest.skip("pdftotext is not installed (poppler-utils; `bash scripts/setup --test`)")
    for variant in ("pdftotext", "pdftotext_layout"):
        text = text_variants.PDF_VARIANTS[variant](data)
        assert len(RADICAL.findall(text)) > 20, "the copy's text should carry radicals"
        assert _reads_right(text.encode("utf-8"), f"{source.stem}.txt", gold_path) >= _floors()[(source.stem, variant)]


TERMINALS = {
    "w3m": ["w3m", "-dump", "-T", "text/html", "-I", "UTF-8", "-O", "UTF-8", "-cols"],
    "elinks": ["elinks", "-dump", "-no-references", "-no-numbering", "-dump-charset", "utf-8", "-force-html", "-dump-width"],
    "lynx": ["lynx", "-dump", "-nolist", "-stdin", "-force_html", "-assume_charset=utf-8", "-display_charset=utf-8", "-width"],
}


@pytest.mark.parametrize("tool", sorted(TERMINALS))
@pytest.mark.parametrize("page", ["pingtan_2020", "pingtan_2021"])
def test_real_pages_through_terminal_browsers_at_any_width(page, tool):
    """The real pages as w3m, elinks and lynx dump them 40 to 140 columns wide: every cell, the
    body and the year. A narrow dump wraps the opening sentence so that a line starts with part
    四's words (`行政复议、提起行政诉讼的情况、政府信息`: was read as its heading, and parts 二 and 三
    after it were lost) or with a cited notice's title (`制公布2021年政府信息公开工作年度报告有关事项`:
    was read as the report's title, its body `制公布`), and table 2's 2019 header wraps in its cells."""
    if not text_variants.available(tool):
        pytest.skip(f"{tool} is not installed (bash scripts/setup --test installs it)")
    source = REAL / f"{page}.html"
    if not source.exists():
        pytest.skip(f"{source} is not here (../shared/real)")
    want = gold.expected_cells(gold.load(REAL / "gold" / f"{page}.json"))
    for width in (40, 50, 60, 100, 140):
        option = [f"-width={width}"] if tool == "lynx" else [str(width)]
        command = TERMINALS[tool][:-1] + option if tool == "lynx" else TERMINALS[tool] + option
        text = subprocess.run(command, input=source.read_bytes(), capture_output=True, check=True).stdout
        assert _reads_right(text, f"{page}.txt", REAL / "gold" / f"{page}.json") == len(want), (tool, width)
