"""What pymupdf4llm's Markdown does to a report, made from the renderings by the tool itself
(scripts/text_variants.py) and, where the tool moves a value only in some reports, the same
move applied to its output: a table-4 value printed after the table, `<sup>` around a raised
word, the 部分公开 label cut across two cells. Each is read against the rendering's gold."""

from __future__ import annotations

import re
from functools import cache

import pytest

from parsers.parse import parse_bytes
from parsers.readers.text import cells_of_lines
from scripts import text_variants

from . import gold
from .helpers import RENDERINGS

pytestmark = pytest.mark.slow  # pymupdf4llm reads each rendering


@cache
def _md(stem: str) -> str:
    return text_variants.PDF_VARIANTS["pymupdf4llm_md"]((RENDERINGS / f"{stem}.pdf").read_bytes())


def _read(text: str):
    return parse_bytes(text.encode("utf-8"), "x.md")[1]


def _misread(report, want: dict) -> list[str]:
    got = gold.report_cells(report)
    return [
        f"{k}: want {v}, got {got[k]}"
        for k, v in gold.expected_cells(want).items()
        if got.get(k) is not None and (v is None or abs(got[k] - v) > 1e-9)
    ]


def _table4(report) -> list:
    return [count for _, _, count, _ in report.review_litigation]


STEM = "004_57204afdaedf8468"  # table 4 holds 14 | 8 | 3 | 10 | 35 | 2 | 0 | 0 | 4 | 6 | 5 | 0 | 2 | 1 | 8
WANT = gold.load(gold.GOLDEN / f"{STEM}.json")
FLAT = [v for row in WANT["review_litigation"].values() for v in row]


def _values_line(text: str) -> str:
    row = "|" + "|".join(map(str, FLAT)) + "|"
    assert row in text, "pymupdf4llm printed table 4 another way"
    return row


def test_pymupdf4llm_text_lands_every_cell():
    """The Markdown as the tool prints it: `<sup>结果</sup>` in table 4's header and the 部分公开
    label cut across two cells read through."""
    text = _md(STEM)
    assert "<sup>" in text and "（二）部分公开（区分处理的，只计这一情形，不计其他情形）" not in text
    report = _read(text)
    assert not gold.differences(gold.expected_cells(WANT), gold.report_cells(report))


def test_partially_granted_cut_across_cells_lands():
    report = _read(_md("001_91d3ca9b7d2b23aa"))
    want = gold.load(gold.GOLDEN / "001_91d3ca9b7d2b23aa.json")
    got = gold.report_cells(report)
    assert [got[("applications", "partially_granted", a)] for a in ("natural_person", "total")] == [0, 0]
    assert not _misread(report, want)


@pytest.mark.parametrize("moved", range(len(FLAT) - 1))
def test_table4_value_moved_after_the_table_is_refused(moved):
    """One value of table 4's row printed after the table, as pymupdf4llm sometimes does: every
    cell after it would shift. Where the totals show it, no cell of table 4 lands and the
    finding names the broken rows; where they cannot (zeros moved among zeros), every cell is
    still the printed one."""
    text = _md(STEM)
    row = _values_line(text)
    rest = FLAT[:moved] + FLAT[moved + 1 :]
    shifted = text.replace(row, "|" + "|".join(map(str, rest)) + "|\n\n" + str(FLAT[moved]) + "\n", 1)
    report = _read(shifted)
    assert not _misread(report, WANT)
    found = [i.detail for i in report.issues if i.check_name == "row_misaligned" and i.detail.startswith("table 4")]
    if rest + [FLAT[moved]] != FLAT:
        assert len(found) == 1 and "总计 is not the sum" in found[0], found
        assert _table4(report) == [None] * len(FLAT)
    else:
        assert _table4(report) == FLAT


def test_table4_one_value_a_line_with_one_moved_to_the_end_is_refused():
    text = _md(STEM)
    moved = FLAT[1:] + FLAT[:1]  # 14 printed last
    report = _read(text.replace(_values_line(text), "\n\n".join(map(str, moved)), 1))
    assert _table4(report) == [None] * len(FLAT)
    assert any(i.check_name == "row_misaligned" and "table 4" in i.detail for i in report.issues)
    assert not _misread(report, WANT)


def test_table4_one_value_a_line_whose_totals_fail_anyway_lands_as_printed():
    """A report's own arithmetic slip (总计 0 beside 10 and 1) printed one value a line: no move of
    a value makes it hold, so the numbers are the printed ones and the identity finding says so."""
    text = _md(STEM)
    printed = [10, 1, 0, 0, 0] + FLAT[5:]
    report = _read(text.replace(_values_line(text), "\n\n".join(map(str, printed)), 1))
    assert _table4(report) == printed
    assert not any(i.check_name == "row_misaligned" and "table 4" in i.detail for i in report.issues)


def test_inline_html_tags_keep_their_content():
    cells = [
        c.text for c in cells_of_lines(["|<sup>结果</sup><br>维持|<b>3</b>|", "12<sup>1</sup>", "<span class='x'>纠正</span>"])
    ]
    assert cells == ["结果  维持", "3", "12 1", "纠正"]
    assert not re.search("<", "".join(cells))
