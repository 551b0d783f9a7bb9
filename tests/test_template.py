"""Template matching on small made-up reports: each rule of the parser, one at a time."""

from __future__ import annotations

import pytest

from parsers import catalogue
from parsers.catalogue import label_key
from parsers.numbers import parse_number
from parsers.parse import parse_bytes

from .helpers import SAMPLES

SAMPLE = SAMPLES[0].read_text(encoding="utf-8")  # tab-separated rows, no 其他 column


def parse_text(text: str):
    fmt, report = parse_bytes(text.encode("utf-8"), "x.txt")
    return report


def cells(report, table="applications"):
    rows = {"applications": report.applications, "review_litigation": report.review_litigation}[table]
    return {(a, b): c for a, b, c, _ in rows}


@pytest.mark.parametrize(
    "printed, value, unit",
    [
        ("1,234", 1234, None),
        ("０", 0, None),
        ("727.08", 727.08, None),
        ("9040.16", 9040.16, None),
        ("0\u2002", 0, None),
        ("-18", -18, None),
        ("减4", -4, None),  # the 2019 format's 本年增/减 as a county bureau's page prints it
        ("增3", 3, None),
        ("减少4", -4, None),  # ... as other bodies print it: in words, or an arrow
        ("增加2", 2, None),
        ("↓4", -4, None),
        ("↑1", 1, None),
        ("73802895.90元", 73802895.9, "元"),
        ("—", None, None),
        ("持平", None, None),  # a 本年增/减 cell printing 持平: no number
        ("", None, None),
    ],
)
def test_numbers_as_printed(printed, value, unit):
    n = parse_number(printed)
    assert n is not None and n.value == value and n.unit == unit


@pytest.mark.parametrize("text", ["本年", "2024年", "1.属于国家秘密", "第二十条第（一）项", "减少", "本年增/减", "增/减", "减"])
def test_text_is_not_a_number(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    "label, key",
    [
        ("（一）予以公开", "予以公开"),
        ("(一) 予以公开", "予以公开"),
        ("1. 属于国家秘密", "属于国家秘密"),
        ("1、 总体情况", "总体情况"),
        ("3.危及“三安全一稳定”", "危及三安全一稳定"),
        ("（七）总计", "总计"),
    ],
)
def test_label_keys_ignore_numbering_brackets_and_punctuation(label, key):
    assert label_key(label) == key


def test_unknown_row_label_numbers_are_reported_not_dropped():
    text = SAMPLE.replace("\t3. 危及三安全一稳定\t0\t0\t0\t0\t0\t0", "\t3. 危及国家安全的其他情形\t5\t0\t0\t0\t0\t5")
    report = parse_text(text)
    details = [i.detail for i in report.issues if i.check_name == "unplaced_numbers"]
    assert len(details) == 1
    assert "危及国家安全的其他情形" in details[0] and "5 (line" in details[0]
    assert cells(report)[("denied_security_stability", "total")] is None
    assert report.failed  # a template row is missing: the report cannot be trusted whole


def test_row_with_a_value_count_that_fits_no_layout_is_not_guessed():
    text = SAMPLE.replace("(一) 予以公开\t17\t6\t0\t0\t0\t23", "(一) 予以公开\t17\t6\t0\t23")
    report = parse_text(text)
    misaligned = [i.detail for i in report.issues if i.check_name == "row_misaligned"]
    assert misaligned and "granted" in misaligned[0] and "4 values" in misaligned[0]
    assert all(v is None for (row, _), v in cells(report).items() if row == "granted")


def test_six_numbers_under_a_header_with_the_other_column_are_ambiguous():
    """Six numbers under a header of seven: which column is blank, they do not say. Read as a
    column left blank in the run of such rows, only the cells every column the identities allow
    agrees on land; the columns of zeros stay NULL."""
    text = SAMPLE.replace("法律服务机构\t", "法律服务机构\t其他\t")
    report = parse_text(text)
    got = {(code, col): count for code, col, count, _ in report.applications}
    assert [got[("new_received", col)] for col in catalogue.applicants()] == [64, 6, None, None, None, None, 70]
    assert any(i.check_name == "recovered_blank_cells" and "new_received" in i.detail for i in report.issues)


def test_no_table3_is_an_error():
    text = SAMPLE[: SAMPLE.index("三、收到和处理政府信息公开申请情况")]
    report = parse_text(text)
    assert report.failed and any(i.check_name == "no_table3" for i in report.issues)


@pytest.mark.parametrize(
    "title, agency, year",
    [
        ("重庆市通信管理局 政府信息公开工作 2024 年度报告", "重庆市通信管理局", 2024),
        ("重庆两江新区2024年\n政府信息公开工作年度报告", "重庆两江新区", 2024),
        ("平潭综合实验区2021年度政府信息公开工作年度报告", "平潭综合实验区", 2021),
        ("洪泽区人民政府\n2023年政府信息公开工作年度报告", "洪泽区人民政府", 2023),
    ],
)
def test_title_gives_body_and_year(title, agency, year):
    body = SAMPLE[SAMPLE.index("一、总体情况") :]
    report = parse_text(title + "\n\n" + body)
    assert (report.agency, report.year) == (agency, year)


def test_fee_unit_from_the_header():
    report = parse_text(SAMPLE.replace("本年收费金额（单位：元）", "本年收费金额（单位：万元）"))
    fees = {(i, m): (v, u) for i, m, v, u, _ in report.active_disclosure}
    assert fees[("administrative_fees", "amount_wan_yuan")] == (1474450, "万元")


def test_table4_with_a_wrong_number_of_cells_is_reported():
    report = parse_text(SAMPLE.replace("3\t0\t1\t0\t4\t0\t0\t0\t0\t0\t0\t0\t2\t0\t2", "3\t0\t1\t0\t4\t0\t0"))
    assert any(i.check_name == "table4_misaligned" and "7 values" in i.detail for i in report.issues)
    assert all(v is None for v in cells(report, "review_litigation").values())


def test_every_number_carries_where_it_stands():
    report = parse_text(SAMPLE)
    refs = {(row, col): ref for row, col, _, ref in report.applications}
    n = next(i for i, line in enumerate(SAMPLE.splitlines(), 1) if line.startswith("一、本年新收政府信息公开申请数量\t64"))
    assert refs[("new_received", "natural_person")] == f"line {n}"


def test_report_from_before_the_national_template_keeps_its_text_and_guesses_nothing():
    old = (
        "某某县2017年政府信息公开工作年度报告\n一、概述\n全年主动公开信息356条。\n"
        "二、主动公开政府信息情况\n全年共公开文件12件。\n三、依申请公开政府信息情况\n共受理申请5件，均已答复。\n"
    )
    report = parse_text(old)
    assert (report.agency, report.year, report.template_version) == ("某某县", 2017, None)
    assert [(i.check_name, i.severity) for i in report.issues] == [("pre_template_report", "warning")]
    assert {s for s, _, _ in report.sections} >= {2}
    assert all(c is None for _, _, c, _ in report.applications)


def test_a_printed_dash_is_a_blank_cell_in_its_place():
    report = parse_text(SAMPLE.replace("\t0\t63\n", "\t0\t—\n"))
    row = [c for (r, _), c in cells(report).items() if r == "total_processed"]
    assert row == [57, 6, 0, 0, 0, 0, None]


@pytest.mark.parametrize(
    "printed, landed",
    [
        # under a header printed without 其他, six values that add up and then an empty cell: a
        # cell after the 总计 (a crawler's row end, an extra column), not 其他 = 70 with 总计 blank
        ("64\t6\t0\t0\t0\t70\t", [64, 6, 0, 0, 0, None, 70]),
        # six that do not add up: which cell is blank is anyone's guess, nothing lands
        ("64\t6\t0\t0\t0\t71\t", [None] * 7),
    ],
)
def test_six_numbers_and_an_empty_last_cell(printed, landed):
    row = "一、本年新收政府信息公开申请数量\t64\t6\t0\t0\t0\t70"
    assert row in SAMPLE
    report = parse_text(SAMPLE.replace(row, "一、本年新收政府信息公开申请数量\t" + printed))
    assert [c for (r, _), c in cells(report).items() if r == "new_received"] == landed
    misaligned = any(i.check_name == "row_misaligned" and "new_received" in i.detail for i in report.issues)
    assert misaligned == (landed[0] is None)


def test_blank_first_or_last_cell_of_a_one_cell_per_line_row_stays_in_place():
    sample = SAMPLES[4].read_text(encoding="utf-8")  # 两江新区: one cell per line, rows end at a blank line
    row = "\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\n\t167\n"
    assert row in sample
    first_blank = parse_text(sample.replace(row, "\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\n\t\n"))
    assert [c for (r, _), c in cells(first_blank).items() if r == "partially_granted"] == [None, 0, 0, 0, 0, 0, 167]
    last = "\t0\n\t167\n\n\t\n\t（三）不予公开"
    assert last in sample
    last_blank = parse_text(sample.replace(last, "\t0\n\t\n\n\t\n\t（三）不予公开"))
    assert [c for (r, _), c in cells(last_blank).items() if r == "partially_granted"] == [167, 0, 0, 0, 0, 0, None]


@pytest.mark.parametrize("heading", ["四、行政复议及诉讼情况", "四、政府信息公开行政法复议、行政诉讼情况"])
def test_a_misprinted_part_heading_is_found_by_its_numbering_and_keyword(heading):
    report = parse_text(SAMPLE.replace("四、政府信息公开行政复议、行政诉讼情况", heading))
    assert [(s, h) for s, h, _ in report.sections][3] == (4, heading) and report.issues == []
    assert cells(report, "review_litigation")[("administrative_review", "total")] == 4


@pytest.mark.parametrize("heading", ["五、存在问题及改进情况", "五、存在的问题及改进措施", "五、主要问题及改进情况"])
def test_part_five_as_bodies_word_its_heading(heading):
    """A city's page: `五、存在问题及改进情况` (without 的主要) is part 五, not text of part 四."""
    report = parse_text(SAMPLE.replace("五、存在的主要问题及改进情况", heading))
    assert [(s, h) for s, h, _ in report.sections][4] == (5, heading) and report.issues == []


@pytest.mark.parametrize("marks", [("=== ", ""), ("== ", " =="), ("h2. ", ""), ("** ", "")])
def test_part_headings_with_the_heading_marks_of_markups(marks):
    """AsciiDoc's, MediaWiki's, Textile's and Org's heading marks, which the text reader keeps: each
    part is found after them (part 五 not found, table 4 went on into parts 五 and 六 and read 六's
    fee as its last 总计)."""
    before, after = marks
    text = SAMPLE
    headings = [(number, heading) for number, heading, _ in parse_text(SAMPLE).sections]
    for _, heading in headings:
        text = text.replace(heading, f"{before}{heading}{after}", 1)
    report = parse_text(text)
    assert [(number, heading) for number, heading, _ in report.sections] == headings and report.issues == []
    assert [number for number, _ in headings] == [1, 2, 3, 4, 5, 6]
    assert cells(report, "review_litigation")[("administrative_review", "total")] == 4


def test_a_sentence_in_part_one_is_not_taken_for_a_heading():
    text = SAMPLE.replace("（三）提升服务水平，回应社会关切", "四是做好行政复议应诉工作\n（三）提升服务水平，回应社会关切")
    report = parse_text(text)
    assert [s for s, _, _ in report.sections] == [1, 2, 3, 4, 5, 6] and report.issues == []


def test_every_title_pattern_reads_its_own_example():
    """titles.csv: each pattern, its pieces filled in, gives a body and, if it reads one, a year of its example."""
    import csv

    from parsers import template

    with template.TITLES_PATH.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows
    for row, (pattern, _) in zip(rows, template._title_patterns()):
        m = pattern.match(row["example"])
        assert m and m.group("agency") and ("year" not in pattern.groupindex or m.group("year")), row
