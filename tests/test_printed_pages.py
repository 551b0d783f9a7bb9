"""The real pages printed to PDF, as a reader or a crawler saves a page (LibreOffice's Writer, the
whole page: the site's chrome, the report, its narrow tables whose headings wrap a character a
line; and Chromium), then that PDF as every text tool leaves it. The same gold as the page.

Every form: no number misread, the right body and year; cells read right at least the floor in
golden/text_variants.csv (source `<page>__printed`, `<page>__chromium`). pdftotext's default text of the 2021 page
prints a row of table 4 out of the columns' order (two columns' headings printed side by side, one
block): those values are NULL, not misread.
"""

from __future__ import annotations

import re
import shutil
from functools import cache
from pathlib import Path

import pytest

from parsers import catalogue
from parsers.parse import parse_bytes
from scripts import render_samples, text_variants

from . import gold
from .test_text_variants import REAL, _floors, _reads_right

pytestmark = pytest.mark.slow


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
            cases.append(pytest.param(stem, variant, id=f"{stem}-{variant}"))
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


@cache
def _chromium_prints() -> dict[str, bytes]:
    pages = [REAL / f"{stem}.html" for stem in _pages()]
    return {p.stem: pdf for p, pdf in zip(pages, text_variants.printed_by_chromium(pages))}


@pytest.mark.parametrize("stem, variant", _cases())
def test_page_printed_by_chromium_reads_right(stem, variant):
    """The page as Chromium prints it to PDF (a site's own PDF of its page is often made so; floors
    under `<page>__chromium`). pdftotext -layout sets a wrapped label's numbering on a line of its
    own between the label's pieces (`属于国家秘` / `1.` / `密   0   0 …`), beside pieces of the group
    headings (`三、本`, `（三）`): 114 of the 2020 page's 219 cells landed, 212 now. pdftotext's
    default text prints each row's values a line each after its label, some labels after all the
    values (2020: 79 cells landed, 212 now: table3_in_template_order), or each row's first value
    beside its label and the other six in blocks after the labels (2021: 29, now 190:
    table3_rest_by_rows)."""
    if not REAL.is_dir() or not text_variants.CHROMIUM.exists():
        pytest.skip(f"../shared/real and {text_variants.CHROMIUM} (`bash scripts/setup --test`) are needed")
    pdf, gold_path = _chromium_prints()[stem], REAL / "gold" / f"{stem}.json"
    if variant == "xxgk":
        right = _reads_right(pdf, f"{stem}.pdf", gold_path)
    else:
        if not text_variants.available(variant):
            pytest.skip(f"{variant}: its tool is not installed (`bash scripts/setup --test`)")
        right = _reads_right(text_variants.PDF_VARIANTS[variant](pdf).encode("utf-8"), f"{stem}.txt", gold_path)
    floor = _floors().get((f"{stem}__chromium", variant))
    total = len(gold.expected_cells(gold.load(gold_path)))
    assert floor is not None, f"no floor for {stem}__chromium {variant} in text_variants.csv: it reads {right}/{total}"
    assert right >= floor, f"{right}/{total} cells right, fewer than the {floor} measured before"


def test_a_printed_page_s_title_is_the_report_s_not_a_notice_it_cites(printed):
    """The 2021 page's preamble cites 《福建省人民政府办公厅关于编制公布2021年政府信息公开工作
    年度报告的通知》, which the PDF wraps after `…年度报` (a short line that reads like a title
    after the report's own): a notice cited is no title (was: the body read as `福建省人民政府办公厅
    关于编制公布`)."""
    _, report = parse_bytes(printed("pingtan_2021").read_bytes(), "x.pdf")
    assert (report.agency, report.year) == ("平潭综合实验区", 2021)


TABLE4_OUTCOMES = ([1, 2, 3, 0, 6], [3, 0, 1, 2, 6], [2, 3, 0, 1, 6])  # one digit a cell, as printed; outcomes distinct


def _table4_filled(stem: str, values: list[int], out: Path) -> Path:
    """The real page with its table 4's fifteen numbers replaced, in order (the last table's
    numbers are those fifteen)."""
    html = (REAL / f"{stem}.html").read_text(encoding="utf-8", errors="replace")
    start = html.lower().rfind("<table")
    numbers = list(re.finditer(r">(\s*)(\d+)(\s*)<", html[start : html.lower().find("</table>", start)]))
    assert len(numbers) == len(values), f"{stem}: table 4 prints {len(numbers)} numbers"
    for m, v in reversed(list(zip(numbers, values))):
        html = html[: start + m.start(2)] + str(v) + html[start + m.end(2) :]
    page = out / f"{stem}_t4.html"
    page.write_text(html, encoding="utf-8")
    return render_samples.convert([page], "pdf", out)[0]


@pytest.mark.parametrize("variant", ["pdftotext", "pdftotext_colspacing"])
def test_table4_columns_whose_headings_pdftotext_prints_side_by_side(printed, tmp_path, variant):
    """The 2021 page's table 4, its outcome headings a character a line, printed by LibreOffice:
    pdftotext prints two columns' headings side by side on one line (`结 结` / `维 纠` / `持 正`,
    one block over both) and the values under such a block after the columns right of it. With
    every cell distinct: no cell misread, the doubted ones NULL, every 总计 read."""
    values = [v for row in TABLE4_OUTCOMES for v in row]
    text = text_variants.PDF_VARIANTS[variant](_table4_filled("pingtan_2021", values, tmp_path).read_bytes())
    assert re.search(r"^[结果维持纠正其他尚未审]( [结果维持纠正其他尚未审])+$", text, re.M), "no headings side by side"
    _, report = parse_bytes(text.encode("utf-8"), "pingtan_2021.txt")
    got = {(p, o): v for p, o, v, _ in report.review_litigation}
    want = dict(zip(((p, o) for p in catalogue.proceedings() for o in catalogue.outcomes()), values))
    assert not [f"{k}: want {want[k]}, got {v}" for k, v in got.items() if v is not None and v != want[k]]
    assert all(got[(p, "total")] == want[(p, "total")] for p in catalogue.proceedings())
    assert any(v is None for v in got.values())
