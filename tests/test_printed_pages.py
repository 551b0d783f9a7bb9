"""The real pages printed to PDF, as a reader or a crawler saves a page (LibreOffice's Writer, the
whole page: the site's chrome, the report, its narrow tables whose headings wrap a character a
line), then that PDF as every text tool leaves it. The same gold as the page.

Every form: no number misread, the right body and year; cells read right at least the floor in
golden/text_variants.csv (source `<page>__printed`). One form is known to misread and is marked
so, strictly: pdftotext's default reading order puts a row of the 2021 page's table 4 out of
column order (the PDF draws 结果纠正's cell after the row's others), and table 4 has no identity
across its outcomes that could show it; it fails the day the parser reads it right.
"""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path

import pytest

from parsers.parse import parse_bytes
from scripts import render_samples, text_variants

from . import gold
from .test_text_variants import REAL, _floors, _reads_right

pytestmark = pytest.mark.slow

KNOWN_MISREAD = {
    ("pingtan_2021", "pdftotext"): "a row of table 4 printed out of column order (pdftotext's reading order)",
    ("pingtan_2021", "pdftotext_colspacing"): "a row of table 4 printed out of column order (pdftotext's reading order)",
}


def _pages() -> list[str]:
    return sorted(p.stem for p in REAL.glob("*.html")) if REAL.is_dir() else ["(absent)"]


@cache
def _printed(stem: str, out: Path) -> Path:
    return render_samples.convert([REAL / f"{stem}.html"], "pdf", out)[0]


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    if not REAL.is_dir():
        pytest.skip(f"../shared/real not present: {REAL} holds the real pages and their gold")
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice is not installed (`bash scripts/setup --test`)")
    out = tmp_path_factory.mktemp("printed")
    return lambda stem: _printed(stem, out)


def _cases() -> list:
    cases = []
    for stem in _pages():
        for variant in ("xxgk", *text_variants.PDF_VARIANTS):
            why = KNOWN_MISREAD.get((stem, variant))
            marks = [pytest.mark.xfail(strict=True, reason=why)] if why else []
            cases.append(pytest.param(stem, variant, marks=marks, id=f"{stem}-{variant}"))
    return cases


@pytest.mark.parametrize("stem, variant", _cases())
def test_printed_page_reads_right(printed, stem, variant):
    pdf = printed(stem)
    gold_path = REAL / "gold" / f"{stem}.json"
    if variant == "xxgk":  # xxgk's own PDF reader
        right = _reads_right(pdf.read_bytes(), pdf.name, gold_path)
    else:
        if not text_variants.available(variant):
            pytest.skip(f"{variant}: its tool is not installed (`bash scripts/setup --test`)")
        text = text_variants.PDF_VARIANTS[variant](pdf.read_bytes())
        right = _reads_right(text.encode("utf-8"), f"{stem}.txt", gold_path)
    floor = _floors().get((f"{stem}__printed", variant))
    total = len(gold.expected_cells(gold.load(gold_path)))
    assert floor is not None, f"no floor for {stem}__printed {variant} in text_variants.csv: it reads {right}/{total}"
    assert right >= floor, f"{right}/{total} cells right, fewer than the {floor} measured before"


def test_a_printed_page_s_title_is_the_report_s_not_a_notice_it_cites(printed):
    """The 2021 page's preamble cites 《福建省人民政府办公厅关于编制公布2021年政府信息公开工作
    年度报告的通知》, which the PDF wraps after `…年度报` (a short line that reads like a title
    after the report's own): a notice cited is no title (was: the body read as `福建省人民政府办公厅
    关于编制公布`)."""
    _, report = parse_bytes(printed("pingtan_2021").read_bytes(), "x.pdf")
    assert (report.agency, report.year) == ("平潭综合实验区", 2021)
