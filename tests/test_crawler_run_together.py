"""A report whose tables a crawler ran together onto one line (cells glued, labels and digit runs
alternating), made from every sample's and real document's gold by a small generator, read back
cell by cell: each cell recovered exactly, or NULL with a finding naming its row, never wrong."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from parsers import catalogue, runs
from parsers.parse import parse_bytes

from . import gold

GOLDS = sorted(gold.GOLDEN.glob("*.json")) + sorted((gold.SHARED / "real" / "gold").glob("*.json"))
_GROUP_BEFORE = {
    "granted": "results",
    "denied_state_secret": "denied",
    "unavailable_not_held": "unavailable",
    "not_processed_petition": "not_processed",
}
_HEADINGS = [lab.label for lab in catalogue.load().of_kind("section") if lab.match == "prefix"]


def _heading(part: int) -> str:
    return next(h for h in _HEADINGS if h.startswith("一二三四五六"[part - 1]))


def _version(want: dict) -> str:
    return want.get("template_version") or ("2021" if want["year"] >= 2021 else "2019")


def _label(kind: str, code: str, version: str | None = None) -> str:
    return next(
        lab.label for lab in catalogue.load().of_kind(kind) if lab.code == code and (version is None or version in lab.versions)
    )


def _printed(value) -> str:
    if value is None:
        return ""  # a blank cell leaves no trace once the cells are glued
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def run_together(want: dict, rng: random.Random | None = None, drop: str | None = None) -> str:
    """The report as a crawler's get_text() leaves a page: the title on its line, then every part
    and table on one line, each row's label followed by its cells glued (with `rng`, some cells
    parted by spaces). `drop`: a table-3 row printed without its label."""
    cells = gold.expected_cells(want)
    version = _version(want)

    def glue(values: list) -> str:
        out = ""
        for v in values:
            text = _printed(v)
            out += (" " * rng.randint(1, 3) if rng and out and text and rng.random() < 0.3 else "") + text
        return out

    line = [_heading(1), f"本年度共收到政府信息公开申请{_printed(cells[('applications', 'new_received', 'total')])}件。"]
    line.append(_heading(2))
    measures_of: dict[str, list[str]] = {}
    for item, measure in catalogue.table2_cells(version):
        measures_of.setdefault(item, []).append(measure)
    header = None
    for item, measures in measures_of.items():
        if measures != header:
            unit = "（单位：万元）" if "amount_wan_yuan" in measures else ""
            line.append("信息内容" + "".join(_label("t2_measure", m, version) for m in measures) + unit)
            header = measures
        line.append(_label("t2_item", item, version) + glue([cells.get(("active_disclosure", item, m)) for m in measures]))
    line.append(_heading(3) + "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他")
    rows = catalogue.table3_rows()
    subrows = any(any(cells.get(("applications", c, a)) is not None for a in catalogue.applicants()) for c in rows[-5:-2])
    for code in rows:
        values = [cells.get(("applications", code, a)) for a in catalogue.applicants()]
        if code in _GROUP_BEFORE:
            line.append(_label("t3_group", _GROUP_BEFORE[code]))
        if code == "other_handling" and subrows:
            line.append(_label("t3_row", code))  # the heading of its three sub-rows
        elif any(v is not None for v in values):
            line.append(("" if code == drop else _label("t3_row", code)) + glue(values))
    line.append(_heading(4) + "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉")
    line.append(glue([cells[("review_litigation", p, o)] for p in catalogue.proceedings() for o in catalogue.outcomes()]))
    line += [_heading(5), "无。", _heading(6), "无。"]
    return f"{want['agency']}{want['year']}年政府信息公开工作年度报告\n" + "".join(line) + "\n"


def _read(text: str):
    return parse_bytes(text.encode("utf-8"), "page.txt")[1]


def _check(report, want: dict) -> tuple[int, list[str]]:
    """Cells right, and the cells misread (a number other than the true one). Each table-3 or
    table-4 cell left NULL must be named by a finding."""
    expected = gold.expected_cells(want)
    got = gold.report_cells(report)
    wrong = [f"{k}: want {v}, got {got[k]}" for k, v in expected.items() if got.get(k) is not None and got[k] != v]
    said = " ".join(i.detail for i in report.issues)
    for (table, row, _), v in expected.items():
        if v is not None and got.get((table, row, _)) is None and table == "applications":
            assert re.search(rf"\b{row}\b", said), f"{row} is NULL and no finding names it"
        if v is not None and got.get((table, row, _)) is None and table == "review_litigation":
            assert "table 4" in said, "table 4 is NULL and no finding says why"
    right = len(expected) - len(gold.differences(expected, got))
    return right, wrong


@pytest.mark.parametrize("path", GOLDS, ids=lambda p: p.stem)
def test_a_report_run_together_onto_one_line_reads_back(path: Path):
    want = gold.load(path)
    report = _read(run_together(want))
    right, wrong = _check(report, want)
    assert not wrong, wrong[:5]
    assert (report.agency, report.year) == (want["agency"], want["year"])
    applications = {k: v for k, v in gold.expected_cells(want).items() if k[0] in ("applications", "review_litigation")}
    got = gold.report_cells(report)
    recovered = sum(1 for k, v in applications.items() if got.get(k) == v)
    assert recovered >= FLOORS[path.stem], f"{recovered}/{len(applications)} table 3 and 4 cells"


# Table 3 and 4 cells recovered from each generated line (measured). A row whose blank cell left no
# trace (the 其他 column of 000 and 004) cannot be placed: which column is blank is not printed.
FLOORS = {
    "000_77fdd4e7ff0578bb": 70,
    "001_91d3ca9b7d2b23aa": 190,
    "002_7a562305178f5f90": 190,
    "003_69648fa0c62fd63c": 190,
    "004_57204afdaedf8468": 184,
    "hongze_district_2023": 182,  # its table 4 does not add up as printed: left NULL
    "pingtan_2020": 197,
    "pingtan_2021": 190,
}


@pytest.mark.parametrize("path", GOLDS, ids=lambda p: p.stem)
def test_cells_parted_by_spaces_here_and_there_read_the_same(path: Path):
    want = gold.load(path)
    for seed in range(3):
        report = _read(run_together(want, random.Random(seed)))
        _, wrong = _check(report, want)
        assert not wrong, (seed, wrong[:5])


@pytest.mark.parametrize("path", GOLDS, ids=lambda p: p.stem)
def test_a_row_printed_without_its_label_is_not_read_into_its_neighbour(path: Path):
    want = gold.load(path)
    for drop in ("carried_over", "denied_process_info", "unavailable_needs_creation", "total_processed"):
        report = _read(run_together(want, drop=drop))
        _, wrong = _check(report, want)
        assert not wrong, (drop, wrong[:5])


def _line(want: dict, **kw) -> str:
    return run_together(want, **kw).splitlines()[1]


def test_a_row_printed_without_its_label_leaves_the_run_before_it_unread():
    want = gold.load(GOLDS[1])
    pieces, doubts, _ = runs.cut(_line(want, drop="denied_process_info"), lambda: None)
    assert doubts and doubts[0].startswith("5.属于三类内部事务信息")  # its run may hold the next row's digits
    assert "5.属于三类内部事务信息" in [p.text for p in pieces if p.kind == "label"]
    report = _read(run_together(want, drop="denied_process_info"))
    assert any("run together" in i.detail and i.check_name == "unplaced_numbers" for i in report.issues)
    assert gold.report_cells(report)[("applications", "denied_internal_affairs", "total")] is None


def test_a_digit_before_a_label_goes_to_the_label_only_when_it_is_the_labels_own_number():
    want = gold.load(GOLDS[1])
    line = _line(want)
    assert "00000002.其他法律行政法规禁止公开" in line
    pieces, doubts, _ = runs.cut(line, lambda: None)
    texts = [p.text for p in pieces]
    at = texts.index("2.其他法律行政法规禁止公开")
    assert texts[at - 1] == "0000000" and not doubts  # the 2 is the label's number, not the run's
    misnumbered = line.replace("2.其他法律", "3.其他法律")
    _, doubts, _ = runs.cut(misnumbered, lambda: None)
    assert doubts == ["1.属于国家秘密: '00000003.其他法律行政法规禁止公开0000000'"]
    report = _read(run_together(want).replace("2.其他法律", "3.其他法律"))
    _, wrong = _check(report, want)
    assert not wrong
    assert gold.report_cells(report)[("applications", "denied_state_secret", "total")] is None


def test_prose_and_table_rows_of_their_own_line_are_not_cut():
    prose = "全年行政许可1322件，行政处罚532件，行政强制0件。本年新收政府信息公开申请数量12件，上年结转政府信息公开申请数量3件，予以公开5件。"
    assert runs.cut(prose, lambda: None) is None
    assert runs.cut("一、本年新收政府信息公开申请数量 12 0 0 0 0 0 12" + " " * 80, lambda: 3) is None


@pytest.mark.parametrize(
    "title",
    [
        "{a}{y}年度政府信息公开工作年度报告_政府信息公开年报_{a}党工委管委会",
        "标题：{a}{y}年政府信息公开工作年度报告",
        "{a}党工委管委会_{a}{y}年度政府信息公开工作年度报告",
        "当前位置：首页>政务公开>政府信息公开年报>{a}{y}年政府信息公开工作年度报告",
        "【标题】{a}{y}年政府信息公开工作年度报告",
        "{a}{y}年政府信息公开工作年度报告 | {a}门户网站",
    ],
)
def test_the_title_line_of_a_crawled_page_gives_body_and_year(title):
    want = gold.load(GOLDS[-1])
    text = run_together(want).split("\n", 1)[1]
    report = _read(title.format(a=want["agency"], y=want["year"]) + "\n" + text)
    assert (report.agency, report.year) == (want["agency"], want["year"])


@pytest.mark.parametrize("path", GOLDS, ids=lambda p: p.stem)
def test_table4_run_together_on_a_line_of_its_own_reads_as_in_the_whole_line(path: Path):
    """The part's heading on its own line, then table 4's header words and its glued digits."""
    want = gold.load(path)
    whole = _read(run_together(want))
    text = run_together(want).replace(_heading(4), f"\n{_heading(4)}\n").replace(_heading(5), f"\n{_heading(5)}")
    alone = _read(text)
    _, wrong = _check(alone, want)
    assert not wrong, wrong[:5]
    table4 = [k for k in gold.expected_cells(want) if k[0] == "review_litigation"]
    got, before = gold.report_cells(alone), gold.report_cells(whole)
    assert [got[k] for k in table4] == [before[k] for k in table4]
    assert sum(got[k] is not None for k in table4) >= (len(table4) if _table4_adds_up(want) else 0)


def _table4_adds_up(want: dict) -> bool:
    """Every proceeding's 总计 is the sum of its outcomes as printed: only then can glued digits be cut."""
    return all(v[-1] == sum(v[:-1]) for v in want["review_litigation"].values() if None not in v)


class _EverySpace(random.Random):
    def random(self) -> float:
        return 0.0  # every pair of cells parted by spaces


# A blank cell leaves no trace even when the others are parted: the rows of 000 and 004 that print
# one are six numbers under a header of seven columns, which column is blank is not printed. 000's
# twenty such rows, one after another, read as a column left blank: their 自然人, 商业企业 and 总计
# land, the three columns of zeros stay NULL (60 cells; 120 before that reading).
SPACED_NULL = {"000_77fdd4e7ff0578bb": 60, "004_57204afdaedf8468": 6}


@pytest.mark.parametrize("path", GOLDS, ids=lambda p: p.stem)
def test_a_line_run_together_with_its_cells_parted_reads_every_printed_cell(path: Path):
    want = gold.load(path)
    report = _read(run_together(want, _EverySpace()))
    right, wrong = _check(report, want)
    assert not wrong, wrong[:5]
    assert right == len(gold.expected_cells(want)) - SPACED_NULL.get(path.stem, 0)
