"""Reports as text travels: extractors' and crawlers' output, Markdown, glued cells, annexes.

Each quirk is made from a sample the way a tool would leave it (separators swapped, cells run
together, a title prefixed), then read against the sample's gold, cell by cell.
"""

from __future__ import annotations

import re

import pytest

from parsers import catalogue
from parsers.parse import parse_bytes

from . import gold
from .helpers import RENDERINGS, SAMPLES

SAMPLE = SAMPLES[0].read_text(encoding="utf-8")  # 重庆市通信管理局: tab-separated rows
GOLD = gold.load(gold.GOLDEN / f"{SAMPLES[0].stem}.json")
TITLE = "重庆市通信管理局 政府信息公开工作 2024 年度报告"
INTRO = "现发布《重庆市通信管理局政府信息公开工作 2024 年度报告》"  # the sample's opening sentence names it


def parse_text(text: str):
    return parse_bytes(text.encode("utf-8"), "x.txt")[1]


def wrong_cells(report, want=GOLD) -> list[str]:
    return gold.differences(gold.expected_cells(want), gold.report_cells(report))


def misread(report, want=GOLD) -> list[str]:
    """Cells that hold a number other than the true one (a NULL is missing, not misread)."""
    got = gold.report_cells(report)
    return [
        f"{k}: want {v}, got {got[k]}"
        for k, v in gold.expected_cells(want).items()
        if got.get(k) is not None and (v is None or abs(got[k] - v) > 1e-9)
    ]


def issues(report, check: str) -> list[str]:
    return [i.detail for i in report.issues if i.check_name == check]


def spaced(text: str) -> str:
    """Tabs as `pdftotext -layout` leaves them: runs of spaces of varying width."""
    return "\n".join(re.sub(r"\t+", lambda m: " " * (2 + len(m.group()) % 5), line).strip() for line in text.splitlines())


def test_rows_separated_by_spaces_of_any_width():
    report = parse_text(spaced(SAMPLE))
    assert not wrong_cells(report), wrong_cells(report)[:5]
    assert (report.agency, report.year) == (GOLD["agency"], GOLD["year"])


def test_rows_separated_by_single_spaces():
    report = parse_text(SAMPLE.replace("\t", " "))
    assert not misread(report)
    assert not [c for c in wrong_cells(report) if c.startswith("applications")]


def _other_headed(text: str) -> str:
    """The sample with 其他 among its header's organisations, as a page of it prints (its rows above
    （六） leave that cell blank), a row a line with single spaces: a blank cell the text drops."""
    header = "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t\n"
    assert header in text
    return text.replace(header, "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\n").replace("\t", " ")


def test_a_column_left_blank_in_a_run_of_rows_lands_what_every_column_agrees_on():
    """Under a header printing 其他, the rows above （六） print six values each, adding up, and every
    row below prints seven: one column left blank in those rows, the text not saying which. Every
    identity holds with the blank under 科研机构, 社会公益组织, 法律服务机构 or 其他 (columns of
    zeros), not under 自然人 or 商业企业: those two and 总计 land, the four others stay NULL. A row
    in the run printed whole, or one two values short, and the run is no column left blank."""
    applicants = catalogue.applicants()
    text = _other_headed(SAMPLE)
    report = parse_text(text)
    assert not misread(report)
    got = {(code, col): count for code, col, count, _ in report.applications}
    short = [c for c in GOLD["applications"] if GOLD["applications"][c][5] is None]
    assert len(short) == 20
    for code in short:
        want = GOLD["applications"][code]
        assert [got[(code, col)] for col in applicants] == [want[0], want[1], None, None, None, None, want[6]], code
    for code in set(GOLD["applications"]) - set(short):
        assert [got[(code, col)] for col in applicants] == GOLD["applications"][code], code
    assert any("a column left blank in those rows" in d for d in issues(report, "recovered_blank_cells"))
    # 予以公开's 总计 on its label's line, its other values on the next (pdfplumber's plain text of a
    # wrapped row): read in the one order that adds up
    turned = text.replace("予以公开 17 6 0 0 0 23\n", "予以公开 23\n17 6 0 0 0\n")
    assert turned != text
    got = {(code, col): count for code, col, count, _ in parse_text(turned).applications}
    assert [got[("granted", col)] for col in applicants] == [17, 6, None, None, None, None, 23]
    whole = text.replace("属于国家秘密 0 0 0 0 0 0\n", "属于国家秘密 0 0 0 0 0 0 0\n")
    two_short = text.replace("属于国家秘密 0 0 0 0 0 0\n", "属于国家秘密 0 0 0 0 0\n")
    for changed in (whole, two_short):
        assert changed != text
        report = parse_text(changed)
        assert not [m for m in misread(report) if "denied_state_secret" not in m]  # the row changed
        got = {(code, col): count for code, col, count, _ in report.applications}
        assert all(got.get((code, "total")) is None for code in short if code != "denied_state_secret")


def test_page_furniture_between_a_label_and_its_numbers():
    for mark in ("- 4 -", "第 4 页", "4/5", "— 12 —"):
        text = spaced(SAMPLE).replace("一、本年新收政府信息公开申请数量  ", f"一、本年新收政府信息公开申请数量\n{mark}\n", 1)
        report = parse_text(text)
        assert not wrong_cells(report), (mark, wrong_cells(report)[:3])


def test_label_broken_one_character_per_line_before_its_numbers():
    row = "\t4. 保护第三方合法权益\t1\t0\t0\t0\t0\t1"
    assert row in SAMPLE
    report = parse_text(SAMPLE.replace(row, "4.\n保护第\n三\n方\n合法权益\n1\n0\n0\n0\n0\n1"))
    assert not wrong_cells(report), wrong_cells(report)[:3]


def test_group_label_glued_before_the_row_label():
    row = "三、本年度办理结果\t(一) 予以公开\t17\t6\t0\t0\t0\t23"
    assert row in SAMPLE
    report = parse_text(SAMPLE.replace(row, "三、本年 （一）予以公开   17   6   0   0   0   23"))
    assert not wrong_cells(report)


def test_header_printed_again_inside_table_3_keeps_the_rows_after_it():
    header = "\t自然人\t法人或其他组织\t\t\t\t总计\n\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t\n"
    total = "\t(七) 总计\t"
    assert header in SAMPLE and total in SAMPLE
    report = parse_text(SAMPLE.replace(total, header + total))
    assert not wrong_cells(report), wrong_cells(report)[:3]


def test_glued_cells_cut_by_the_arithmetic():
    row = "一、本年新收政府信息公开申请数量\t64\t6\t0\t0\t0\t70"
    assert row in SAMPLE
    report = parse_text(SAMPLE.replace(row, "一、本年新收政府信息公开申请数量64600070"))
    assert not wrong_cells(report)
    recovered = issues(report, "recovered_glued_digits")
    assert len(recovered) == 1 and "new_received" in recovered[0] and "64 | 6 | 0 | 0 | 0 | 70" in recovered[0]


def test_glued_cells_that_fit_several_ways_stay_null_with_the_candidates():
    # '11000011' is 1 10 0 0 0 11 or 11 0 0 0 0 11: both keep the row total, neither the columns'
    text = SAMPLE.replace("一、本年新收政府信息公开申请数量\t64\t6\t0\t0\t0\t70", "一、本年新收政府信息公开申请数量11000011")
    report = parse_text(text)
    cells = {c: v for (t, r, c), v in gold.report_cells(report).items() if t == "applications" and r == "new_received"}
    assert all(v is None for v in cells.values())
    unresolved = issues(report, "glued_digits_unresolved")
    assert unresolved and "new_received" in unresolved[0] and "ways" in unresolved[0]


def test_glued_table_4_cut_where_every_total_holds():
    row = "3\t0\t1\t0\t4\t0\t0\t0\t0\t0\t0\t0\t2\t0\t2"
    assert row in SAMPLE
    report = parse_text(SAMPLE.replace(row, row.replace("\t", "")))
    assert not wrong_cells(report)
    assert issues(report, "recovered_glued_digits")


def test_a_row_with_too_few_numbers_is_never_cut_against_its_total():
    report = parse_text(SAMPLE.replace("\t(一) 予以公开\t17\t6\t0\t0\t0\t23", "\t(一) 予以公开\t17\t6\t0\t23"))
    assert not misread(report)
    assert any("granted" in d for d in issues(report, "row_misaligned"))


def test_a_number_printed_with_spaces_inside_its_cell_is_one_number():
    """A crawler's get_text(" ") puts a space between the spans a Word page splits a number into
    (`| 6 4 |` for 64): read as one number only where that alone gives the row its seven values
    and a 总计 that holds, with a warning; a row whose spaced cells read either way fails stays NULL."""
    row = "一、本年新收政府信息公开申请数量\t64\t6\t0\t0\t0\t70"
    rows = SAMPLE.replace(row, "一、本年新收政府信息公开申请数量 | 6 4 | 6 | 0 | 0 | 0 | 7 0 |")
    report = parse_text(rows)
    assert not wrong_cells(report)
    joined = issues(report, "recovered_spaced_digits")
    assert len(joined) == 1 and "'6 4', '7 0'" in joined[0] and "64 | 6 | 0 | 0 | 0 | 70" in joined[0]
    # 1 2 | 0 0 …: two rows' values in each cell (a tool merging rows): `00` is no number as printed
    merged = SAMPLE.replace(row, "一、本年新收政府信息公开申请数量 | 6 4 | 6 0 | 0 0 | 0 0 | 0 0 | 7 0 |")
    report = parse_text(merged)
    assert not misread(report)
    assert not issues(report, "recovered_spaced_digits")
    # the cells joined or not, the total fails: NULL, never one guess of them
    broken = SAMPLE.replace(row, "一、本年新收政府信息公开申请数量 | 6 4 | 6 | 0 | 0 | 0 | 7 1 |")
    report = parse_text(broken)
    cells = {c: v for (t, r, c), v in gold.report_cells(report).items() if t == "applications" and r == "new_received"}
    assert all(v is None for v in cells.values()) and not issues(report, "recovered_spaced_digits")


def crawler(text: str) -> str:
    """Every table row with its cells run together, as a crawler's get_text() stores a page."""
    out = []
    for line in text.splitlines():
        cells = [c for c in line.split("\t") if c.strip()]
        out.append("".join(cells) if len(cells) > 1 else line.strip())
    return "\n".join(out)


def test_crawler_text_never_misreads_and_names_every_row_it_cuts():
    report = parse_text(crawler(SAMPLE))
    assert not misread(report)
    assert (report.agency, report.year) == (GOLD["agency"], GOLD["year"])
    cut = issues(report, "recovered_glued_digits") + issues(report, "glued_digits_unresolved")
    assert len(cut) >= 20
    got = gold.report_cells(report)
    for (table, row, col), want in gold.expected_cells(GOLD).items():
        if table == "applications" and want is not None and got.get((table, row, col)) is None:
            assert any(f"row {row} " in d for d in cut + issues(report, "row_misaligned")), row


def test_glued_row_that_also_adds_up_with_a_blank_lost_stays_null():
    """21 57 0 0 0 (blank) 78 glued is '215700078': 2 1 5 70 0 0 78 keeps the total in all seven
    columns (the header prints 其他), by coincidence. A crawler drops blank cells with the
    separators, so that cut is refused."""
    row = "一、本年新收政府信息公开申请数量\t64\t6\t0\t0\t0\t70"
    assert row in SAMPLE
    want = {**GOLD, "applications": {**GOLD["applications"], "new_received": [21, 57, 0, 0, 0, None, 78]}}
    header = "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t"
    assert header in SAMPLE
    text = SAMPLE.replace(header, header + "其他").replace(row, "一、本年新收政府信息公开申请数量\t21\t57\t0\t0\t0\t78")
    report = parse_text(crawler(text))
    assert not misread(report, want), misread(report, want)[:3]
    unresolved = [d for d in issues(report, "glued_digits_unresolved") if "new_received" in d]
    assert unresolved and "2 | 1 | 5 | 70 | 0 | 0 | 78" in unresolved[0] and "_ | 21 | 57 | 0 | 0 | 0 | 78" in unresolved[0]


@pytest.mark.parametrize(
    "prefix",
    [
        *("标题：", "# ", "# **", "-1-\n", "-1-", "- ", "• ", "1. ", "【", "《", "来源：某某网\n标题："),
        *("12/2/26, 4:48 AM ", "2026/12/2 04:48 ", "2026/12/2 下午4:48  ", "2026-12-02 16:48:05 "),
    ],
)  # `- ` a Markdown list's bullet (pymupdf4llm), `-1-` a page mark glued to the title, the date and time
# a browser prints atop a page (US and Chinese settings) before the page's title
def test_title_after_what_files_put_before_it(prefix):
    assert TITLE in SAMPLE
    report = parse_text(SAMPLE.replace(TITLE, prefix + TITLE + ("**" if "**" in prefix else "")))
    assert (report.agency, report.year) == ("重庆市通信管理局", 2024)


def test_title_with_the_year_before_the_body_over_two_lines():
    report = parse_text(SAMPLE.replace(TITLE, "2024 年重庆市通信管理局政府信息公开\n工作年度报告"))
    assert (report.agency, report.year) == ("重庆市通信管理局", 2024)


@pytest.mark.parametrize(
    "title, agency",
    [
        # a body's name longer than a line: the first line is full, the body names its region
        (
            "中国人民政治协商会议重庆市梁平区委员会办\n公室2024年政府信息公开工作年度报告",
            "中国人民政治协商会议重庆市梁平区委员会办公室",
        ),
        (
            "国家税务总局重庆市梁平区税务局第一税务\n分局2024年政府信息公开工作年度报告",
            "国家税务总局重庆市梁平区税务局第一税务分局",
        ),
        # a site's name above the title: shorter than the title line, not part of the body
        ("重庆市人民政府\n重庆市通信管理局2024年政府信息公开工作年度报告", "重庆市通信管理局"),
        ("梁平区人民政府门户网站首页\n区统计局2024年政府信息公开工作年度报告", "区统计局"),
        # a title line whose body names its region is whole, whatever stands above it
        ("重庆市梁平区人民政府门户网站政务公开栏目\n重庆市通信管理局2024年政府信息公开工作年度报告", "重庆市通信管理局"),
        # a flipbook's page text: its page mark before the title
        ("Page 8 - 重庆市通信管理局2024年政府信息公开工作年度报告\nP. 8", "重庆市通信管理局"),
        # the body's name on a line of its own, the title line after it printed twice
        ("重庆市通信管理局\n2024年政府信息公开工作年度报告\n2024年政府信息公开工作年度报告", "重庆市通信管理局"),
        # the year first, and the body's 政府 the title's too
        ("2024年合水镇人民政府信息公开工作年度报告", "合水镇人民政府"),
        # the body's name a line above `2024年度…`: not `度政府` out of the second line
        ("重庆市通信管理局\n2024年度政府信息公开工作年度报告", "重庆市通信管理局"),
        # pdfplumber on a page Chromium printed: the title's year set after its second line
        (
            "重庆市酉阳土家族苗族自治县政务服务管理办公室\n年政府信息公开工作年度报告\n2024",
            "重庆市酉阳土家族苗族自治县政务服务管理办公室",
        ),
        # a town's page: the body on a line of its own, the title `关于…的年度报告` under it
        ("盐边县新九镇人民政府\n关于2024年度政府信息公开工作的年度报告", "盐边县新九镇人民政府"),
        # an office of a development zone's administration, the administration's name a line above
        (
            "武汉市东湖生态旅游风景区管理委员会\n卫生健康办公室2024年政府信息公开工作年度报告",
            "武汉市东湖生态旅游风景区管理委员会卫生健康办公室",
        ),
        # the year after 政府信息公开, no 工作 (a city bureau's page)
        ("衡阳市司法局政府信息公开2024年度报告", "衡阳市司法局"),
        # `…情况的报告`, `…工作情况报告` (a county bureau's pages)
        ("宁强县自然资源局关于2024年度政府信息公开情况的报告", "宁强县自然资源局"),
        ("宁强县自然资源局2024年度政府信息公开工作情况报告", "宁强县自然资源局"),
    ],
)
def test_title_lines_as_pages_print_them(title, agency):
    """A title wrapped inside the body's name, below a site's name, after a page mark, or printed
    twice under the body's name: the body as printed, nothing before it."""
    assert TITLE in SAMPLE
    report = parse_text(SAMPLE.replace(TITLE, title))
    assert (report.agency, report.year) == (agency, 2024)


@pytest.mark.parametrize(
    "title",
    [
        # the body on the line after a title that names none (a development zone's pages)
        "2024年政府信息公开工作年度报告\n重庆市通信管理局",
        "政府信息公开工作年度报告\n重庆市通信管理局\n2025年1月8日",  # the year from the date under it
        "政府信息公开工作年度报告\n重庆市通信管理局（重庆市网络安全管理局）\n2025年1月8日",
    ],
)
def test_title_naming_no_body_with_the_body_on_the_next_line(title):
    report = parse_text(SAMPLE.replace(TITLE, title).replace(INTRO, "现发布本报告"))
    assert report.agency in ("重庆市通信管理局", "重庆市通信管理局（重庆市网络安全管理局）") and report.year == 2024


@pytest.mark.parametrize(
    "title",
    [
        "重庆市通信管理局二〇二四年政府信息公开工作年度报告",  # the year in Chinese numerals
        "重庆市通信管理局二○二四年度政府信息公开工作年度报告",
        "重庆市通信管理局2024年政府信息公开年报",  # 年报 for 年度报告
        "重庆市通信管理局2024年政务公开工作年度报告",  # 政务公开 for 政府信息公开
        "重庆市通信管理局政府信息公开工作年度报告（2024年）",  # the year after, in brackets
        "重庆市通信管理局政府信息公开工作年度报告(2024年度)",
        "关于印发重庆市通信管理局2024年政府信息公开工作年度报告的通知",  # a notice publishing it
        "重庆市通信管理局２０２４年政府信息公开工作年度报告",  # full-width digits
        "重庆市通信管理局20\u200b24年政府信息\u200b公开工作年度报告",  # zero-width spaces
        "2024重庆市通信管理局2024年度政府信息公开工作年度报告",  # the year printed twice (a township's page)
        "重庆市通信管理局2024年政务信息公开工作开展年度报告",  # a regional audit office's wording
        "标      题 重庆市通信管理局2024年政府信息公开工作年度报告",  # a site's 标题 label set apart by spaces
        "重庆市通信管理局2024年度政府信息公开年度工作报告",  # 年度工作报告 (a township's page)
        "2024年重庆市通信管理局年度政府信息公开工作报告",  # the year first, 年度 after the body (not `…局年度`)
    ],
)
def test_title_forms_bodies_write(title):
    """The title alone gives body and year: the opening sentence that names the report is taken out."""
    assert TITLE in SAMPLE and INTRO in SAMPLE
    report = parse_text(SAMPLE.replace(TITLE, title).replace(INTRO, "现发布本报告"))
    assert (report.agency, report.year) == ("重庆市通信管理局", 2024)


def test_a_heading_of_another_block_is_no_column_of_an_item():
    """pdftotext printing table 2's `现行有效件数` among 第二十条第（六）项's headings (its reading order
    in a page printed to PDF): 行政强制's one value is its 处理决定数量, not two digits cut one a cell
    (was: 42 read as 现行有效件数 4 and 处理决定数量 2)."""
    block = "信息内容\t本年处理决定数量"
    assert block in SAMPLE and "行政强制\t0" in SAMPLE
    text = SAMPLE.replace(block, "信息内容\n现行有效件数\n本年处理决定数量").replace("行政强制\t0", "行政强制\t42")
    want = {**GOLD, "active_disclosure": {**GOLD["active_disclosure"], "administrative_coercion": {"decisions": 42}}}
    report = parse_text(text)
    assert not misread(report, want), misread(report, want)
    got = gold.report_cells(report)
    assert got[("active_disclosure", "administrative_coercion", "decisions")] == 42
    assert got[("active_disclosure", "administrative_licensing", "decisions")] == 70753


@pytest.mark.parametrize(
    "header",
    [
        "信息内容\t本年度制发数\t本年废止数\t现行有效",  # a tax bureau's wording
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件",  # a page that cut the last heading short
    ],
)
def test_table_2_headings_as_bodies_word_them(header):
    assert "信息内容\t本年制发件数\t本年废止件数\t现行有效件数" in SAMPLE
    report = parse_text(SAMPLE.replace("信息内容\t本年制发件数\t本年废止件数\t现行有效件数", header))
    want = {k: v for k, v in gold.expected_cells(GOLD).items() if k[0] == "active_disclosure"}
    assert gold.differences(want, gold.report_cells(report)) == []


def test_title_set_out_in_columns_over_two_lines():
    """`pdftotext -fixed` lays a title out in columns of spaces, wide enough to part cells:
    `XX局          2024          年政府` / `信息公开工作年度报告`. The line's cells are one line."""
    assert TITLE in SAMPLE
    title = "重庆市通信管理局" + " " * 60 + "2024" + " " * 19 + "年政府\n信息公开工作年度报告"
    report = parse_text(SAMPLE.replace(TITLE, title))
    assert (report.agency, report.year) == ("重庆市通信管理局", 2024)


def test_year_from_the_publication_date_when_the_title_has_none():
    """The body from a title without a year, the year from the publication date (was: no body)."""
    text = SAMPLE.replace(TITLE, "重庆市通信管理局政府信息公开工作年度报告\n发布时间：2025-01-20").replace(INTRO, "现发布本报告")
    report = parse_text(text)
    assert report.agency == "重庆市通信管理局"
    assert report.year == 2024 and issues(report, "year_from_publication_date")


def test_a_title_whose_year_went_elsewhere_gives_the_body_after_its_nian():
    """pdftotext of a page Chromium printed, its bold title's digits in another font than its
    ideographs: the digits land far down the page, the title opens with 年. The body is what
    follows 年; the year comes from the publication date (was: no body)."""
    title = "年上海市人民政府办公厅政府信息公开工作年度报告\n发布日期：2020-01-31"
    report = parse_text(SAMPLE.replace(TITLE, title).replace(INTRO, "现发布本报告"))
    assert (report.agency, report.year) == ("上海市人民政府办公厅", 2019)
    assert issues(report, "year_from_publication_date")


@pytest.mark.parametrize(
    "title, agency",
    [
        ("驼峰路街道办事处政府信息公开工作年度报告", "驼峰路街道办事处"),  # a street office's page, no date on it
        ("部门政府信息公开工作年度报告", None),  # a column's heading names no body
        ("各乡镇政府信息公开年度报告", None),
        ("政府信息公开工作年度报告", None),  # not `政府`
        # the year's digits lost (pdftotext of a PDF whose digits' font maps to no Unicode), the
        # title over two lines or set out in columns on one: not `年政府`
        ("成都市龙泉驿区民族宗教事务委员会\n年政府信息公开工作年度报告", "成都市龙泉驿区民族宗教事务委员会"),
        ("成都市龙泉驿区民族宗教事务委员会      年政府信息公开工作年度报告", "成都市龙泉驿区民族宗教事务委员会"),
        ("杭州市滨江区人民政府\n\n年政府信息公开工作年度报告", "杭州市滨江区人民政府"),
        ("年政府信息公开工作年度报告", None),
        # the body after the lost year's 年 (not `首页年成都市交通运输局`)
        ("首页\n年成都市交通运输局政府信息公开工作年度报告", "成都市交通运输局"),
        ("成都市人民政府门户网站\n年政府信息公开工作年度报告", None),  # a site's name is no body
        ("万年县人民政府政府信息公开工作年度报告", "万年县人民政府"),  # 年 inside a name
    ],
)
def test_a_title_without_a_year_and_no_date_gives_the_body_alone(title, agency):
    report = parse_text(SAMPLE.replace(TITLE, title).replace(INTRO, "现发布本报告"))
    assert (report.agency, report.year) == (agency, None) and issues(report, "no_year")


@pytest.mark.parametrize(
    "prose",
    [
        "根据《某某省关于编制公布2024年政府信息公开工作年度报告的通知》",
        "现将我局2024年政府信息公开工作年度报告公布如下",
        "现将本单位2024年度政府信息公开工作年度报告予以公布",
    ],
)
def test_prose_naming_a_report_is_not_its_title(prose):
    assert TITLE in SAMPLE and INTRO in SAMPLE
    report = parse_text(SAMPLE.replace(TITLE, prose).replace(INTRO, "现发布本报告"))
    assert report.agency is None


def test_title_run_into_the_text_after_it():
    """A crawler's get_text() of a page whose title, date and opening paragraph are one line: the
    title that opens it is the title (was: no body, as no line was short enough for one)."""
    intro = next(line for line in SAMPLE.splitlines() if INTRO in line)
    run_on = "2024年重庆市通信管理局政府信息公开工作年度报告 发布日期：2025-01-20" + intro.replace(INTRO, "现发布本报告")
    report = parse_text(SAMPLE.replace(TITLE, "").replace(intro, run_on))
    assert (report.agency, report.year) == ("重庆市通信管理局", 2024)


def test_a_notice_cited_over_a_wrapped_line_is_not_the_title():
    """The opening sentence cites a notice whose name a PDF wraps after `…年度报` (a short line
    that reads like a title, after the report's own): the report's title stands."""
    cited = "根据\n《某某省人民政府办公厅关于编制公布 2024 年政府信息公开工作年度报\n告的通知》要求，\n"
    assert INTRO in SAMPLE
    report = parse_text(SAMPLE.replace(INTRO, cited + INTRO))
    assert (report.agency, report.year) == ("重庆市通信管理局", 2024)


@pytest.mark.parametrize(
    "intro, agency, year",
    [
        (INTRO, "重庆市通信管理局", 2024),
        ("现公布区统计局2023年政府信息公开工作年度报告", "区统计局", 2023),
        ("特编制湛江市人民政府地方志办公室2023年政府信息公开工作年度报告", "湛江市人民政府地方志办公室", 2023),
        ("现公布子长市人民政府2023年度政府信息公开工作报告", "子长市人民政府", 2023),
        ("现将《本溪市2023年政府信息公开工作年度报告》公布如下", "本溪市", 2023),
        ("现向社会公开《西秀区统计局2024年政府信息公开工作年度报告》。", "西秀区统计局", 2024),
        ("现特向社会公布2024年合水镇人民政府信息公开工作年度报告。", "合水镇人民政府", 2024),
    ],
)
def test_without_a_title_line_the_opening_sentence_names_the_report(intro, agency, year):
    """A crawler that keeps a page's text but not its heading (trafilatura's main text): the
    body and year as the first sentence names the report."""
    report = parse_text(SAMPLE.replace(TITLE, "").replace(INTRO, intro))
    assert (report.agency, report.year) == (agency, year)
    assert not issues(report, "no_agency") and not issues(report, "no_year")


@pytest.mark.parametrize(
    "opening",
    [
        "根据《条例》要求，现公布XX县民政局2023年政务公开工作年度报告。本报告由总体情况等六部分组成。",
        "现公布XX县民政局2023年政务公开工作年度报告。",  # a line of its own, shaped like a title
    ],
)
def test_opening_sentence_naming_a_report_on_government_affairs_disclosure(opening):
    """Some bodies title the report 政务公开…年度报告: the opening sentence names it so, and no
    other words of the paragraph say 信息公开; the verb that names it is not part of the body."""
    intro = next(line for line in SAMPLE.splitlines() if INTRO in line)
    report = parse_text(SAMPLE.replace(TITLE, "").replace(intro, opening))
    assert (report.agency, report.year) == ("XX县民政局", 2023)


def test_title_in_a_crawls_metadata_header():
    """trafilatura's `with_metadata` header: `title: …` between `---` rules."""
    report = parse_text(SAMPLE.replace(TITLE, f"---\ntitle: {TITLE}\ndate: 2025-01-20\n---").replace(INTRO, ""))
    assert (report.agency, report.year) == ("重庆市通信管理局", 2024)


def markdown(text: str) -> str:
    """The sample as a Markdown converter writes it: headings, and tables with a rule row."""
    out, in_table = [], False
    for line in text.splitlines():
        if "\t" in line:
            cells = line.split("\t")
            out.append("| " + " | ".join(cells) + " |")
            if not in_table:
                out.append("|" + "---|" * len(cells))
            in_table = True
        else:
            in_table = False
            out.append(f"## {line}" if re.match(r"^[一二三四五六]、", line) else line)
    return "\n".join(out)


def test_markdown_tables_and_headings():
    report = parse_text(markdown(SAMPLE))
    assert not wrong_cells(report), wrong_cells(report)[:3]
    assert [s for s, _, _ in report.sections] == [1, 2, 3, 4, 5, 6]


def test_parts_without_their_headings_tables_read_apart():
    """A converter that drops every heading (trafilatura's main text): tables 2 and 3 follow the
    prose with nothing between them; each is read in its own rows, and neither's labels and
    numbers are said to be left unplaced by the other."""
    text = "\n".join(line for line in SAMPLE.splitlines() if "\t" in line or not re.match(r"^[一二三四五六]、", line))
    report = parse_text(markdown(text))
    assert 3 not in [s for s, _, _ in report.sections]  # the headings are gone
    assert not wrong_cells(report), wrong_cells(report)[:3]
    assert not issues(report, "unplaced_numbers"), issues(report, "unplaced_numbers")


def test_parts_without_their_headings_prose_line_ending_in_a_number():
    """Headings dropped and part 一's prose wrapped where a line ends in a number (trafilatura keeps
    a page's line breaks): table 2 begins at its first label, the number stays prose."""
    lines = [line for line in SAMPLE.splitlines() if "\t" in line or not re.match(r"^[一二三四五六]、", line)]
    first_row = next(k for k, line in enumerate(lines) if "\t" in line)
    lines[first_row:first_row] = ["持续优化门户网站栏目设置，全年政务新媒体发布信息 237", "条，回应社会关切 12 次。"]
    report = parse_text(markdown("\n".join(lines)))
    assert not wrong_cells(report), wrong_cells(report)[:3]
    assert not issues(report, "unplaced_numbers"), issues(report, "unplaced_numbers")


def test_parts_without_their_headings_table3_first_label_wrapped():
    """Headings dropped, table 3's header without its group heading 法人或其他组织, and its first
    label wrapped with its numbers on its second line: table 3 begins at the label's first line,
    so its numbers stay table 3's."""
    lines = [line for line in SAMPLE.splitlines() if "\t" in line or not re.match(r"^[一二三四五六]、", line)]
    text = "\n".join(line for line in lines if "法人或其他组织" not in line)
    label = next(line.split("\t")[0] for line in text.splitlines() if line.startswith("一、本年新收"))
    report = parse_text(text.replace(label + "\t", label[:10] + "\n" + label[10:] + "\t"))
    got = {(row, col): count for row, col, count, _ in report.applications}
    assert [got[("new_received", col)] for col in catalogue.applicants()] == GOLD["applications"]["new_received"]
    assert not misread(report)


def test_parts_without_their_headings_in_layout_text():
    """Headings dropped from text that keeps each row on one line (spaces between its cells):
    table 3 begins at the line of its first label, so table 2's rows are not among its rows."""
    text = "\n".join(line for line in SAMPLE.splitlines() if "\t" in line or not re.match(r"^[一二三四五六]、", line))
    report = parse_text(spaced(text))
    assert not misread(report)
    assert not [d for d in issues(report, "unplaced_numbers") if "规章" in d or "行政许可" in d]


def test_tables_printed_as_an_annex_with_their_own_numbering():
    parts = re.split(r"\n(?=[二三四五六]、)", SAMPLE)
    head, two, three, *rest = parts[0], parts[1], "\n".join(parts[2:4]), *parts[4:]
    four, five, six = rest
    note = "（详见附表）\n"
    annex = ["附表", "一、" + two.split("、", 1)[1], "二、" + three.split("、", 1)[1], "三、" + four.split("、", 1)[1]]
    text = "\n".join(
        [
            head,
            "二、主动公开政府信息情况\n" + note,
            "三、收到和处理政府信息公开申请情况\n" + note,
            "四、政府信息公开行政复议、行政诉讼情况\n" + note,
            five,
            six,
            *annex,
        ]
    )
    report = parse_text(text)
    assert not wrong_cells(report), wrong_cells(report)[:3]


def test_labels_printed_after_a_block_of_numbers_get_their_lines_in_order():
    sample = SAMPLES[3].read_text(encoding="utf-8")  # tab-separated rows with seven values
    want = gold.load(gold.GOLDEN / f"{SAMPLES[3].stem}.json")
    rows = "\t\t7. 属于行政执法案卷\t0\t0\t0\t0\t0\t0\t0\n\t\t8. 属于行政查询事项\t0\t0\t0\t0\t0\t0\t0\n"
    assert rows in sample
    report = parse_text(sample.replace(rows, "7. 属于行政执法案卷\n0 0 0 0 0 0 0\n0 0 0 0 0 0 0\n8. 属于行政查询事项\n"))
    assert not wrong_cells(report, want), wrong_cells(report, want)[:3]


def test_narrative_compares_only_the_body_s_own_total():
    from parsers.narrative import figures

    assert figures("2024年，区政府办代表区政府受理政府信息公开申请17件，均按时答复。") == {}
    assert figures("其中，区政府办受理申请12件。") == {}
    own = figures("政府办代表区政府受理申请17件。全年共收到政府信息公开申请95件，办结政府信息公开申请95件。")
    assert own["received"][0] == 95 and own["processed"][0] == 95


def test_html_table_with_its_total_column_left_blank_keeps_every_row_in_place():
    from pathlib import Path

    page = (Path(__file__).parent / "renderings" / f"{SAMPLES[1].stem}.html").read_text(encoding="utf-8")
    want = gold.load(gold.GOLDEN / f"{SAMPLES[1].stem}.json")
    blanked, rows = [], 0
    for row in page.split("<tr>"):
        cells = row.split("<td")
        if 9 <= len(cells) <= 11 and re.search(r"<span>\d+</span></p></td></tr>", row):  # a table-3 row: its labels and 7 values
            row = re.sub(r"<span>\d+</span>(</p></td></tr>)", r"<span></span>\1", row)
            rows += 1
        blanked.append(row)
    assert rows >= 20
    _, report = parse_bytes("<tr>".join(blanked).encode("utf-8"), "x.html")
    got = gold.report_cells(report)
    for (table, row, col), value in gold.expected_cells(want).items():
        if table == "applications":
            assert got[(table, row, col)] == (None if col == "total" else value), (row, col)


def test_cells_parted_by_blank_lines_land_only_where_the_total_vouches_for_them():
    """pdftotext without -layout: every cell a paragraph. Where a row ends is not printed, so a
    row lands when its 总计 is the (non-zero) sum of the others, and is never misread."""
    want = GOLD
    text = "\n".join(
        "\n\n".join(c.strip() for c in line.split("\t") if c.strip()) if "\t" in line else line for line in SAMPLE.splitlines()
    )
    report = parse_text(text)
    assert not misread(report, want)
    got = gold.report_cells(report)
    landed = {row for (t, row, _), v in got.items() if t == "applications" and v is not None}
    nonzero = {row for row, values in want["applications"].items() if values[-1]}
    assert nonzero and nonzero <= landed


def test_numbers_read_in_the_template_s_order_when_blocks_are_printed_column_by_column():
    from parsers import blocks

    rows = {"a": [1, 0, 1], "b": [2, 3, 5], "c": [0, 4, 4], "d": [6, 0, 6]}
    # a printed as a row, one value a line; b and c as a block, column by column; d as three paragraphs
    lines = [(1, 1), (2, 0), (3, 1), (5, 2), (6, 0), (8, 3), (9, 4), (11, 5), (12, 4), (14, 6), (16, 0), (18, 6)]
    assert blocks.read(lines, list(rows), 3, lambda table: True) == rows
    assert blocks.read(lines, list(rows)[:3], 3, lambda table: True) is None  # the labels name three rows: no reading fits
    bad = [(line, v + 1 if line == 18 else v) for line, v in lines]  # d's total no longer holds
    assert blocks.read(bad, list(rows), 3, lambda table: True) is None


def test_a_row_s_first_value_standing_apart_from_the_rest_of_its_row():
    """pdftotext prints a wrapped label's first cell beside the label: ahead of the row before's
    other values, or behind the rest of its own row. Such readings that give one table are it."""
    from parsers import blocks

    rows = {"a": [14, 0, 14], "b": [0, 2, 2], "c": [3, 1, 4], "d": [0, 0, 0]}
    ahead = [14, 0, 0, 14, 2, 2, 3, 1, 4, 0, 0, 0]  # b's 0 before a's `0 14`
    behind = [14, 0, 14, 2, 2, 0, 3, 1, 4, 0, 0, 0]  # b's 0 after its `2 2`
    for values in (ahead, behind):
        assert blocks.first_apart(values, [3] * 4) == {tuple(map(tuple, rows.values()))}
        lines = [(2 * k, v) for k, v in enumerate(values)]  # a paragraph a value
        assert blocks.read(lines, list(rows), 3, lambda table: True) == rows
    # 0 0 0 0 1 1: 0 0 0 / 0 1 1 as printed, or 0 0 0 / 1 0 1 with the 1 a first value behind: nothing read
    assert blocks.first_apart([0, 0, 0, 0, 1, 1], [3, 3]) == {((0, 0, 0), (0, 1, 1)), ((0, 0, 0), (1, 0, 1))}
    assert blocks.read([(2 * k, v) for k, v in enumerate([0, 0, 0, 0, 1, 1])], ["a", "b"], 3, lambda t: True) is None


def test_rows_of_different_widths_read_in_order():
    """A table leaving a column blank in some rows prints them a value short: the numbers read in
    order with each row's own width, a row's first value apart as in rows of one width, and every
    reading that holds is returned (which the caller weighs)."""
    from parsers import blocks

    rows = {"a": [3, 1, 4], "b": [2, 2], "c": [5, 5], "d": [2, 1, 3]}
    values = [3, 1, 4, 2, 2, 5, 5, 2, 1, 3]
    lines = [(2 * k, v) for k, v in enumerate(values)]  # a paragraph a value
    assert blocks.read_all(lines, list(rows), [3, 2, 2, 3], lambda table: True) == [rows]
    assert blocks.read_all(lines, list(rows), [3, 3, 2, 2], lambda table: True) == []  # 2 2 5 adds up to no row
    apart = [3, 1, 4, 2, 5, 2, 5, 2, 1, 3]  # c's first value (5) beside its label, before b's rest
    assert blocks.first_apart(apart, [3, 2, 2, 3]) == {tuple(map(tuple, rows.values()))}
    # rows of zeros read alike whichever width: two readings of 0 0 0 0 0 0 0 as two rows, both returned
    zeros = [(2 * k, 0) for k in range(7)]
    assert blocks.read_all(zeros, ["a", "b"], [3, 4], lambda table: True) == [{"a": [0, 0, 0], "b": [0, 0, 0, 0]}]
    assert blocks.read_all(zeros, ["a", "b"], [4, 4], lambda table: True) == []


def test_a_row_s_total_standing_apart_from_its_other_values():
    """pdftotext prints the national template's 部分公开 总计 rows further down, and a wrapped
    label's 总计 beside its first value: read with the fewest rows apart whose reading adds up."""
    from parsers import blocks

    rows = [[2, 1, 3], [0, 0, 0], [1, 1, 2], [4, 0, 4]]
    further = [2, 1, 0, 0, 0, 1, 1, 2, 3, 4, 0, 4]  # a's 3 after c's values
    beside = [2, 1, 3, 0, 0, 0, 1, 2, 1, 4, 0, 4]  # c's 2 between its 1 and 1
    both = [2, 1, 0, 0, 0, 1, 2, 1, 3, 4, 0, 4]
    for values in (further, beside, both):
        order = blocks.totals_apart(values, 4, 3, lambda table: True)
        assert order is not None and [values[i] for i in order] == [v for row in rows for v in row], values
    assert blocks.totals_apart([v for row in rows for v in row], 4, 3, lambda table: True) == list(range(12))
    # a 0 where a's 总计 should stand: 1 1 0 reads as 1 | 1 | 0 nowhere, as 1 | 0 | 1 (its 总计 beside) or
    # with a 2 further down; more than one reading adds up, and identities that allow both read nothing
    assert blocks.totals_apart([1, 1, 0, 0, 0, 2, 0, 2, 2, 0, 2, 2], 4, 3, lambda table: True) is None


def test_a_row_s_total_apart_in_rows_of_different_widths():
    """A table leaving a column blank in some rows, one of them printing its 总计 rows further down
    (pdftotext's plain text of the national template's 部分公开): read with each row's own width,
    the 总计 taken from where it stands; rows of one width read as before."""
    from parsers import blocks

    rows = [[2, 1, 3], [4, 4], [0, 0], [5, 5], [1, 0, 1]]
    values = [2, 1, 4, 4, 0, 0, 3, 5, 5, 1, 0, 1]  # a's 3 after c's values
    order = blocks.totals_apart(values, 5, [3, 2, 2, 2, 3], lambda table: True)
    assert order is not None and [values[i] for i in order] == [v for row in rows for v in row]
    assert order[2] == 6  # a's 总计 is the number standing after c's
    assert blocks.totals_apart(values, 5, [3, 2, 2, 2], lambda table: True) is None  # a width for each row
    assert blocks.totals_apart(values, 5, [3, 2, 2, 2, 3], lambda table: True, kinds=0) is None  # no kind tried


def test_rows_printing_their_totals_together_after_their_other_values():
    """pdftotext sets the 总计 cells of rows one after another in a block of their own: a, b, c and
    d print their other values, then their four 总计s. Read so (such rows are not counted as
    apart), unless a reading with rows apart differs: there, where c and d may trade places with two
    总计s further down (every identity holds either way), nothing is read."""
    from parsers import blocks

    def holds(table):  # the last row the sum of the others
        return [sum(column) for column in zip(*table[:4])] == list(table[4])

    rows = [[2, 1, 3], [4, 0, 4], [1, 2, 3], [2, 1, 3], [9, 4, 13]]
    values = [2, 1, 4, 0, 1, 2, 2, 1, 3, 4, 3, 3, 9, 4, 13]
    order = blocks.totals_apart(values, 5, 3, holds)
    assert order is not None and [values[i] for i in order] == [v for row in rows for v in row]
    # c = 1 2 | 3, d = 1 1 | 2: read apart, d's 1 1 before c's 3 reads as c = 1 1 2 and d = 1 2 3
    assert blocks.totals_apart([2, 1, 4, 0, 1, 2, 1, 1, 3, 4, 3, 2, 8, 4, 12], 5, 3, holds) is None


def test_a_block_of_totals_at_the_table_s_start_or_end_after_rows_of_zeros():
    """pdftotext's plain text of an HTML page's PDF prints the 总计s of the table's first rows, and
    of its last, in a block after those rows' other values. Where the block's first row is zeros,
    its values in order add up too (`0 0 | 0 1 | 0 1`: a = 0 0 0 reads either way), so the block
    is also tried there, once no other reading holds: at the table's start or end only, where the
    header or the table's end breaks pdftotext's rows, not in its middle, where every row of zeros
    would be a place to try."""
    from parsers import blocks

    def holds(table):  # the last row the sum of the others
        return [sum(column) for column in zip(*table[:-1])] == list(table[-1])

    def read(values, rows):
        order = blocks.totals_apart(values, rows, 3, holds)
        return order and [values[i] for i in order]

    # a = 0 0 0, b = 0 1 1 (their 总计s after both), c = 0 0 0, total = 0 1 1
    assert read([0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 1], 4) == [0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1]
    # a = 0 1 1, b = 0 0 0, then c = 0 0 0 and the total 0 1 1 with their 总计s after both
    assert read([0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1], 4) == [0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1]
    # the same block of b and c in a table's middle: not read
    assert read([0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1], 6) is None


def test_a_row_s_first_value_and_total_both_further_down():
    """A label wrapped over three lines: pdftotext prints the row's middle cells in their place and
    its first value and 总计 rows further down. Tried only when no reading without it adds up."""
    from parsers import blocks

    rows = [[2, 1, 1, 4], [3, 0, 1, 4], [1, 0, 0, 1], [6, 1, 2, 9]]  # the last row the sum of the others

    def holds(table):
        return [sum(column) for column in zip(*table[:3])] == list(table[3])

    split = [2, 1, 1, 4, 0, 1, 1, 0, 0, 1, 6, 1, 2, 9, 3, 4]  # b's 0 1 in its place, its 3 and 4 after d
    order = blocks.totals_apart(split, 4, 4, holds)
    assert order is not None and [split[i] for i in order] == [v for row in rows for v in row]
    flat = [v for row in rows for v in row]
    assert blocks.totals_apart(flat, 4, 4, holds) == list(range(16))  # as printed, nothing apart


def test_a_total_apart_is_never_taken_from_amid_a_later_row():
    """A report whose own totals fail as printed (a = 1 0 0 | 0, d = 0 1 0 | 0, every column adding
    up) is not made to add up by reading d's 1 as a's 总计 printed apart: pdftotext prints a 总计
    apart after whole rows or beside other 总计s, never amid a later row's other values. The same
    1 printed after d's row is a's 总计 apart."""
    from parsers import blocks

    def holds(table):  # the last row the sum of the others
        return [sum(column) for column in zip(*table[:-1])] == list(table[-1])

    assert blocks.totals_apart([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 0, 0], 5, 4, holds) is None
    after_d = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2, 1, 1, 2, 0, 3]
    order = blocks.totals_apart(after_d, 5, 4, holds)
    assert order is not None and [after_d[i] for i in order] == [1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 2, 1, 2, 0, 3]


def test_a_total_apart_never_shifts_a_row_printed_whole_under_its_label():
    """a = 2 0 | 0 and d = 0 0 | 2 fail as printed; b and c are printed whole under their labels
    (rows of zeros). Reading d's 2 as a's 总计 printed apart shifts b and c by one number, which
    their zeros hide: refused. A 总计 printed apart after b and c, each read from its own run, stands."""
    from parsers.tables import _shifted_under_labels

    codes, whole = ["a", "b", "c", "d"], {"b": [3, 4, 5], "c": [6, 7, 8]}
    shifted = [0, 1, 11, 2, 3, 4, 5, 6, 7, 8, 9, 10]  # a: 2 0 and the last 2; b, c, d one number early
    assert _shifted_under_labels(shifted, whole, codes, 3)
    # a's 总计 printed after c (a: 2 0, b, c, then 2, then d): b and c each read their own run
    apart, printed = [0, 1, 8, 2, 3, 4, 5, 6, 7, 9, 10, 11], {"b": [2, 3, 4], "c": [5, 6, 7]}
    assert not _shifted_under_labels(apart, printed, codes, 3)
    assert _shifted_under_labels(apart, whole, codes, 3)  # the same reading where b and c stand a number later
    assert not _shifted_under_labels(shifted, {}, codes, 3)  # no row printed whole: the order alone speaks


def _in_order(rows: list[list[int]], may_wrap=frozenset(), shared_line: bool = False, anchors: dict | None = None):
    """Table 3's numbers a line each, every label away from them (pdftotext's plain text) but the
    numbers `anchors` sets on a row's label line, as tables._InOrder holds them: three rows of the
    template, a row's worth at a time."""
    from parsers import catalogue, tables
    from parsers.readers import Cell

    codes, applicants = ["new_received", "carried_over", "total_processed"], catalogue.applicants()
    values = [v for row in rows for v in row]
    lines = [10 + k for k in range(len(values))]
    if shared_line:
        lines[1] = lines[0]
    none = [None] * len(values)
    return tables._InOrder(
        [(line, v, Cell(str(v), line)) for line, v in zip(lines, values)],
        codes,
        [len(applicants)],
        {len(applicants): applicants},
        [(anchors or {}).get(i) for i in range(len(values))],
        none,
        none,
        none,
        [False] * len(values),
        may_wrap=frozenset(may_wrap),
        alone=[lines.count(line) == 1 for line in lines],
    )


def test_a_table_failing_a_column_identity_reads_as_printed_where_every_row_adds_up():
    """No reading in the template's order holds the columns' identities (the report's own slip):
    where every row adds up as printed, a row's worth at a time, the numbers land as printed. Not
    where a row prints `0 … 0 x x`, nor where a row whose label may go on prints a value other
    than 0 and a number stands on its label's line that it would not read first (pdftotext sets
    such a row's first value beside its label's first line, among or after its middle ones), nor
    where two numbers share a line."""
    from parsers.report import ParsedReport
    from parsers.tables import _as_printed

    rows = [[3, 1, 0, 0, 0, 0, 4], [0, 0, 0, 0, 0, 0, 0], [2, 0, 0, 0, 0, 0, 2]]  # 4 in, 2 handled: a slip
    report, placed = ParsedReport(), {}
    assert _as_printed(report, _in_order(rows), placed, 0)
    assert [[placed[code][col][0] for col in placed[code]] for code in placed] == rows
    assert [i.check_name for i in report.issues] == ["recovered_reading_order"]
    failing = [[3, 1, 0, 0, 0, 0, 5], *rows[1:]]
    for numbers in (
        _in_order(failing),  # a row that does not add up
        _in_order([rows[0], [0, 0, 0, 0, 0, 1, 1], rows[2]]),  # its 1 first, beside its 总计?
        _in_order(rows, may_wrap={"new_received"}, anchors={1: "new_received"}),  # 3 | 1 … or 1 | … 3 beside 4?
        _in_order(rows, may_wrap={"total_processed"}, anchors={18: "total_processed"}),  # 2 | 0 … or 0 | … 2 | … ?
        _in_order(rows, may_wrap={"new_received"}, anchors={0: "new_received", 3: "new_received"}),
        _in_order(rows, shared_line=True),
    ):
        assert not _as_printed(ParsedReport(), numbers, {}, 0)
    for numbers in (  # a row whose label may go on, with no number or its first beside its label
        _in_order(rows, may_wrap={"new_received", "total_processed"}),
        _in_order(rows, may_wrap={"new_received"}, anchors={0: "new_received"}),
        _in_order(rows, may_wrap={"total_processed"}, anchors={14: "total_processed"}),
    ):
        placed = {}
        assert _as_printed(ParsedReport(), numbers, placed, 0)
        assert [[placed[code][col][0] for col in placed[code]] for code in placed] == rows


def test_a_value_printed_inside_a_wrapped_label_is_read_in_that_row():
    """b = 1 | 0 0 | 1 prints its two 0s in their place and its 1s after the other rows (Chromium's
    PDF through pdftotext, the first 1 between b's label's two lines). With the fewest totals apart,
    d reads 0 0 1 1 as a first value beside its 总计: 1 | 0 0 | 1, every identity holding, b's 1s
    in d. The 1 inside b's label holds b to it: b reads with both 1s, though its 0s in order add up."""
    from parsers import blocks

    values = [0] * 14 + [1, 1]  # a: 4, b's middle: 2, c: 4, d: 4; then b's first value and 总计

    def holds(table):  # nothing printed under the third column
        return all(row[2] == 0 for row in table)

    rows = [[0, 0, 0, 0], [1, 0, 0, 1], [0, 0, 0, 0], [0, 0, 0, 0]]
    may_wrap = frozenset({1, 3})  # b's label and d's may go on
    without = blocks.totals_apart(values, 4, 4, holds, may_wrap=may_wrap)
    assert without is not None and [values[i] for i in without][12:] == [1, 0, 0, 1]  # in d: the wrong reading
    held = [None] * 14 + [1, None]  # the first 1 stands inside b's label
    order = blocks.totals_apart(values, 4, 4, holds, held, may_wrap=may_wrap)
    assert order is not None and [values[i] for i in order] == [v for row in rows for v in row]
    # a held value its row holds anyway (a 0 in a row of zeros): read as without it
    assert blocks.totals_apart([0] * 16, 4, 4, holds, [None] * 5 + [1] + [None] * 10) == list(range(16))
    # the same, held, with no row's label going on: b's 1s still land in b
    assert blocks.totals_apart(values, 4, 4, holds, held) == order


def test_only_a_row_whose_label_may_go_on_reads_its_first_value_beside_its_total():
    """Rows of four, d's values printed `0 0 1 1`: in order they add up with the 1 under the third
    column, which `holds` rules out; d's first value printed after its middle ones, beside its
    总计 (pdftotext prints a wrapped label's first cell beside the label), reads 1 | 0 0 | 1. Only
    where d's label may go on: a label that cannot wrap (`（一）予以公开`, no label of the row's
    longer) has no first cell beside it, and the text may as well print the 1s of another column
    (pdftotext's plain text of an HTML page's PDF): no reading."""
    from parsers import blocks

    values = [0] * 14 + [1, 1]
    rows = [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [1, 0, 0, 1]]

    def holds(table):  # nothing printed under the third column
        return all(row[2] == 0 for row in table)

    order = blocks.totals_apart(values, 4, 4, holds, may_wrap=frozenset({3}))
    assert order is not None and [values[i] for i in order] == [v for row in rows for v in row]
    assert blocks.totals_apart(values, 4, 4, holds) is None
    assert blocks.totals_apart(values, 4, 4, holds, may_wrap=frozenset({1, 2})) is None


def test_a_wrapped_row_s_first_value_printed_beside_the_row_above_s():
    """pdftotext's text of the national template prints 部分公开's first value (its label wraps)
    right after 予以公开's first: `13 4 0 13 1 5` for 13 | 0 | 13 and 4 | 1 | 5. Read so only for a
    row whose label its line prints cut, and only when no other reading holds."""
    from parsers import blocks

    values = [13, 4, 0, 13, 1, 5, 0, 0, 0, 17, 1, 18]

    def holds(table):  # the last row is the sum of the others
        return [sum(column) for column in zip(*table[:3])] == list(table[3])

    assert blocks.totals_apart(values, 4, 3, holds) is None
    order = blocks.totals_apart(values, 4, 3, holds, (), frozenset({1}))
    assert order is not None and [values[i] for i in order] == [13, 0, 13, 4, 1, 5, 0, 0, 0, 17, 1, 18]
    assert blocks.totals_apart(values, 4, 3, holds, (), frozenset({2})) is None  # not the row whose label wraps


BLANK_ROWS = ["new_received", "carried_over", "granted", "partially_granted", "total_processed", "carried_forward"]
OUTCOME = {"granted", "partially_granted"}
ONE_BLANK = {  # three columns (two applicants and 总计); 部分公开's middle cell blank
    "new_received": [5, 2, 7],
    "carried_over": [0, 0, 0],
    "granted": [4, 2, 6],
    "partially_granted": [1, None, 1],
    "total_processed": [5, 2, 7],
    "carried_forward": [0, 0, 0],
}


def _blank_reading(rows: dict[str, list], anchors=None, floor=None):
    """The rows' printed values in order, blank cells dropped as pdftotext drops them, read back."""
    from parsers import blocks

    values = [v for code in BLANK_ROWS for v in rows[code] if v is not None]
    none = [None] * len(values)
    table = blocks.with_blanks(values, BLANK_ROWS, 3, OUTCOME, anchors or none, {}, floor or none)
    return None if table is None else {code: [v for v, _ in cells] for code, cells in table.items()}


def test_a_dropped_blank_cell_placed_by_the_arithmetic():
    """`1 1` for 部分公开 with its middle cell blank: only [1, _, 1] keeps the row total and the
    columns' sums, so the row lands, the blank as NULL; so do the other rows with a non-zero
    total. Rows of zeros stay NULL: only where the blanks were dropped places their cells."""
    nulls = [None, None, None]
    assert _blank_reading(ONE_BLANK) == {**ONE_BLANK, "carried_over": nulls, "carried_forward": nulls}


def test_two_dropped_blanks_land_nothing_but_what_every_reading_agrees_on():
    """`3 3` and `1 1` each with a blank: the column sums put both blanks in the middle column
    (3 in the middle would pass 新收's 0 there). Every landed cell is the printed one, the blanks
    NULL, every non-zero value landed; a cell some reading reads otherwise stays NULL."""
    rows = {**ONE_BLANK, "new_received": [4, 0, 4], "granted": [3, None, 3], "total_processed": [4, 0, 4]}
    got = _blank_reading(rows)
    assert all(v in (None, want) for code in rows for v, want in zip(got[code], rows[code]))
    assert all(v == want for code in rows for v, want in zip(got[code], rows[code]) if want)
    assert got["granted"] == [3, None, 3] and got["partially_granted"] == [1, None, 1]


def test_a_number_on_a_row_label_s_line_stays_in_that_row():
    """A number printed on the same line as a row's label is that row's: a reading that puts it in
    another row is no reading (here none is left, so nothing is read)."""
    anchors = [None] * 17
    anchors[6] = "partially_granted"  # granted's 4 printed beside 部分公开's label
    assert _blank_reading(ONE_BLANK, anchors) is None


def test_a_number_after_a_row_s_label_is_in_no_row_above_it():
    """pdftotext prints a row's first values after its label and the rest further on, so a number
    that follows a row's label is that row's or a later row's, never an earlier one's (outcome
    rows could trade values without breaking any identity). Values that follow their own labels
    read as before; granted's 4 said to follow 部分公开's label leaves no reading."""
    floor = [None] * 17
    floor[9:] = ["partially_granted"] * 8  # 部分公开's 1 after its own label, and all after it
    assert _blank_reading(ONE_BLANK, floor=floor) == _blank_reading(ONE_BLANK) is not None
    floor[6] = "partially_granted"  # granted's 4
    assert _blank_reading(ONE_BLANK, floor=floor) is None


def _floors(printed: list[str], texts: list[str]) -> list[str | None]:
    """_numbers_after_labels' floor for each number of table-3 cells printed one a line: a text
    that is one of `printed` is that row's label, a digit a number."""
    from types import SimpleNamespace

    from parsers import tables
    from parsers.readers import Cell

    cells = [Cell(text, line) for line, text in enumerate(texts)]
    rows = {c.text: tables._Row(c.text, c.text, c.ref, line=c.line) for c in cells if c.text in printed}
    table = SimpleNamespace(rows=rows, lines=[(None, c) for c in cells])
    return tables._numbers_after_labels(table, printed).floor


def test_numbers_after_a_run_of_labels_stand_in_its_first_row_or_below():
    """pdftotext prints a block of labels and then their rows' numbers: every number after the
    block stands in the block's first row or below (its last label says nothing of the first
    numbers), and so does every number after those; a block whose first label comes before the
    label of a row above it (a stray `总计`, labels out of order) bounds nothing."""
    rows = ["new_received", "carried_over", "granted", "partially_granted"]
    text = ["new_received", "5", "carried_over", "granted", "1", "2", "partially_granted", "3"]
    assert _floors(rows, text) == ["new_received", "carried_over", "carried_over", "partially_granted"]
    text = ["new_received", "5", "granted", "carried_over", "1", "partially_granted", "2"]
    assert _floors(rows, text) == ["new_received", "new_received", "partially_granted"]
    text = ["new_received", "5", "partially_granted", "1", "carried_over", "granted", "2"]
    assert _floors(rows, text) == ["new_received", "new_received", "new_received"]


def test_blanks_dropped_when_nothing_adds_up_read_nothing():
    assert _blank_reading({**ONE_BLANK, "partially_granted": [1, None, 2]}) is None  # 1 + blank is not 2


def test_table_3_total_row_worded_as_bodies_word_it():
    """（七）合计 for （七）总计: the row of totals is read (was: lost, table 3 incomplete)."""
    assert "(七) 总计" in SAMPLE
    report = parse_text(SAMPLE.replace("(七) 总计", "(七) 合计"))
    assert not wrong_cells(report), wrong_cells(report)[:5]


def test_a_table_2_value_printed_just_before_its_label_is_its_own():
    header, row = "信息内容\t本年处理决定数量\n行政许可\t70753\n", "行政处罚\t1\n"
    assert header + row in SAMPLE
    report = parse_text(SAMPLE.replace(header + row, "信息内容\n本年处理决定数量 70753\n行政许可\n" + row))
    assert not misread(report)
    assert gold.report_cells(report)[("active_disclosure", "administrative_licensing", "decisions")] == 70753


def test_table2_header_run_together_then_one_value_a_line():
    """PyMuPDF's text: the three headings of table 2 on one line with nothing between them, each
    value on its own line, the first glued to its item's label."""
    block = "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t1\n行政规范性文件\t0\t0\t8"
    assert block in SAMPLE
    text = SAMPLE.replace(block, "信息内容\n本年制发件数本年废止件数现行有效件数\n规章\n0\n0\n1\n行政规范性文件0\n0\n8")
    report = parse_text(text)
    assert not wrong_cells(report), wrong_cells(report)[:5]


T2_ROWS = "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t1\n行政规范性文件\t0\t0\t8\n\n信息内容\t本年处理决定数量\n行政许可\t70753\n"


def _cells_a_line(block: str) -> str:
    """A table as a page's text tools print it: each cell a paragraph of its own."""
    return "\n\n".join(cell for line in block.splitlines() for cell in line.split("\t"))


def test_a_table_2_number_printed_with_spaces_inside_its_own_cell_is_one_number():
    """A page splitting 70753 over two spans, its text tool a space between them: a cell whose whole
    text is `707 53` is one number when that alone gives the item one value a column, with a
    warning; the same digits beside the label or among a layout's columns stay NULL (table 2 has no
    arithmetic to tell 707 | 53 from 70753)."""
    assert T2_ROWS in SAMPLE
    page = _cells_a_line(T2_ROWS)
    report = parse_text(SAMPLE.replace(T2_ROWS, page.replace("70753", "707 53").replace("\n8", "\n8 0") + "\n"))
    want = {
        **GOLD,
        "active_disclosure": {**GOLD["active_disclosure"], "normative_documents": {"issued": 0, "repealed": 0, "in_force": 80}},
    }
    assert not wrong_cells(report, want), wrong_cells(report, want)[:5]
    joined = issues(report, "recovered_spaced_digits")
    assert len(joined) == 2 and "'707 53'" in joined[1] and "'8 0'" in joined[0]
    for beside in ("行政许可 707 53", "行政许可\t0   707 53"):
        report = parse_text(SAMPLE.replace("行政许可\t70753", beside))
        assert not misread(report)
        assert gold.report_cells(report).get(("active_disclosure", "administrative_licensing", "decisions")) is None
        assert not issues(report, "recovered_spaced_digits")


def test_a_row_that_lost_its_blank_cell_casts_no_doubt_on_the_others():
    """A web page's text, each cell a paragraph, its empty cells dropped: one row of zeros with a
    blank cell (重复申请's 法律服务机构) prints six values. That row alone is short; the others,
    each with its seven values between its label and the next, are read, rows of zeros included
    (were: every row whose 总计 is 0 doubted, NULL, once any row of the table was short)."""
    head, rest = SAMPLE.split("三、收到和处理政府信息公开申请情况", 1)
    table, tail = rest.split("四、政府信息公开行政复议", 1)
    lines = []
    for line in table.splitlines():
        cells = line.split("\t")
        if "法律服务机构" in line:
            cells = [*cells[:-1], "其他"]
        elif sum(c.isdigit() for c in cells) == 6 and "重复申请" not in line:
            cells = [*cells[:-1], "0", cells[-1]]  # every row prints its 其他, 0
        lines.append("\t".join(c for c in cells if c))
    text = (
        head + "三、收到和处理政府信息公开申请情况\n\n" + _cells_a_line("\n".join(lines)) + "\n\n四、政府信息公开行政复议" + tail
    )
    want = {**GOLD, "applications": {r: [0 if v is None else v for v in vs] for r, vs in GOLD["applications"].items()}}
    want["applications"]["not_processed_duplicate"] = [0, 0, 0, 0, None, 0, 0]
    report = parse_text(text)
    assert not misread(report, want), misread(report, want)[:3]
    got = gold.report_cells(report)
    for row in ("carried_over", "not_processed_petition", "not_processed_publication", "new_received", "total_processed"):
        assert [got[("applications", row, a)] for a in catalogue.applicants()] == want["applications"][row], row
    assert all(got[("applications", "not_processed_duplicate", a)] is None for a in catalogue.applicants())


def test_table_4_with_empty_cells_dropped_lands_what_every_placement_agrees_on():
    """A web page's text drops table 4's empty cells: `3 _ 1 _ 4 | 0 0 0 0 0 | _ _ 2 _ 2` prints ten
    numbers. Where its five blanks stood the text does not say, but every placement whose every
    总计 holds puts 4, 0 and 2 in the three 总计 cells: those land, the rest stay NULL (were: the
    whole table NULL)."""
    head, rest = SAMPLE.split("四、政府信息公开行政复议、行政诉讼情况", 1)
    table, tail = rest.split("五、存在的主要问题及改进情况", 1)
    row = "3\t0\t1\t0\t4\t0\t0\t0\t0\t0\t0\t0\t2\t0\t2"
    assert row in table
    printed = ["3", "", "1", "", "4", "0", "0", "0", "0", "0", "", "", "2", "", "2"]
    table = table.replace(row, "\t".join(printed))
    text = (
        head
        + "四、政府信息公开行政复议、行政诉讼情况\n\n"
        + _cells_a_line(table.strip())
        + "\n\n五、存在的主要问题及改进情况"
        + tail
    )
    report = parse_text(text)
    truth = [None if v == "" else int(v) for v in printed]
    cells = [(p, o) for p in catalogue.proceedings() for o in catalogue.outcomes()]
    got = gold.report_cells(report)
    landed = {cell: got[("review_litigation", *cell)] for cell in cells if got[("review_litigation", *cell)] is not None}
    assert landed == {cells[4]: 4, cells[9]: 0, cells[14]: 2}  # a blank among zeros fits anywhere: only the totals
    assert all(truth[cells.index(cell)] == v for cell, v in landed.items())
    assert any("every placement" in d for d in issues(report, "table4_misaligned"))
    # one proceeding blank throughout: which one, the text does not say (its ten numbers fit the
    # first two as well as the first and last): nothing lands
    printed = ["3", "0", "1", "0", "4", "", "", "", "", "", "0", "0", "2", "0", "2"]
    text = text.replace(
        _cells_a_line("\t".join(["3", "", "1", "", "4", "0", "0", "0", "0", "0", "", "", "2", "", "2"])),
        _cells_a_line("\t".join(printed)),
    )
    got = gold.report_cells(parse_text(text))
    landed = {cell: got[("review_litigation", *cell)] for cell in cells if got[("review_litigation", *cell)] is not None}
    assert landed == {}


def test_a_negative_number_outside_its_signed_column_refuses_the_row():
    """pdftotext's default reading order can print a 2019 block's 处理决定数量 before its 本年增/减
    (`行政许可` / `93` / `3570` / `-14`). Only 本年增/减 is signed: a negative under 处理决定数量
    says the row is out of order, and none of its cells is placed (was: 3570 read as 本年增/减)."""
    import random

    from scripts import make_corpus

    report = next(r for r in make_corpus.build_reports(random.Random(5), 6, 0.0, 0.0, 1.0) if r.version == "2019")
    text, truth = make_corpus.render(report, random.Random(1)), make_corpus.gold_of(report)
    values = report.table2["administrative_licensing"]
    block = "行政许可\n\t{}\n\t{}\n\t{}\n".format(*(values[k] for k in ("items_prior_year", "items_change", "decisions")))
    assert block in text
    swapped = "行政许可\n\t{}\n\t{}\n\t-14\n".format(values["items_prior_year"], values["decisions"])
    got = gold.report_cells(parse_text(text.replace(block, swapped)))
    want = {k: v for k, v in gold.expected_cells(truth).items() if k[0] == "active_disclosure"}
    for key, v in want.items():
        assert got.get(key) == (None if key[1] == "administrative_licensing" else v), key
    assert (
        gold.report_cells(parse_text(text))[("active_disclosure", "administrative_licensing", "decisions")] == values["decisions"]
    )


def test_an_empty_cell_inside_a_table_2_header_keeps_its_headings():
    """A Markdown conversion of a 2019 page whose headings span two grid columns (`| 上一年项目数量 | |
    本年增/减 |`): the empty cell is a merged cell's leftover, not the end of the header (was: the
    first heading dropped, the row 3 values for 2 columns)."""
    header = "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t1\n"
    assert header in SAMPLE
    report = parse_text(
        SAMPLE.replace(header, "| 信息内容 | 本年制发件数 | | 本年废止件数 | 现行有效件数 |\n| 规章 | 0 | | 0 | 1 |\n")
    )
    assert not wrong_cells(report), wrong_cells(report)[:5]


def test_a_sentence_naming_a_table_2_heading_is_no_header():
    """Prose before table 2 that names a heading (`现行有效规范性文件`) adds no column to the table's
    first header (was: 规章's three values read against four columns, NULL)."""
    part = "二、主动公开政府信息情况\n\n"
    assert part in SAMPLE
    prose = "定期梳理政府信息公开目录，动态更新现行有效规范性文件，全年调整公开事项129项。\n"
    report = parse_text(SAMPLE.replace(part, part + prose + "第二十条第（一）项\n"))
    assert not wrong_cells(report), wrong_cells(report)[:5]


def test_label_broken_across_cells_with_its_value_glued_to_the_second_part():
    """pymupdf4llm's Markdown splits a table-2 row where its label wraps: `|行政规范性|文件0|0|8|`,
    and the fee heading's unit can stand in a cell of its own: `|本年收费金额|（单位：元）|`."""
    text = SAMPLE
    for whole, broken in (
        ("行政规范性文件\t0\t0\t8", "行政规范性\t文件0\t0\t8"),
        ("行政事业性收费\t1474450", "行政事业性\t收费1474450"),
        ("本年收费金额（单位：元）", "本年收费金额\t（单位：元）"),
    ):
        assert whole in text
        text = text.replace(whole, broken)
    report = parse_text(text)
    assert not misread(report), misread(report)[:3]
    assert not wrong_cells(report), wrong_cells(report)[:5]


def test_a_label_is_not_joined_to_the_next_cell():
    """`规章` is a label alone: a glued word after it is not taken for the rest of a label."""
    text = SAMPLE.replace("规章\t0\t0\t1", "规章\t件0\t0\t1")
    report = parse_text(text)
    assert not misread(report), misread(report)[:3]


def test_group_cell_running_on_below_its_first_row():
    """pymupdf4llm: （六）其他处理's merged cell wraps, so `其他处理` stands on the line below
    row 1's label, before that row's numbers: it is the group, not a row of its own."""
    rows = (
        "\t\t1. 申请人无正当理由，逾期不补正，行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n"
        "\t(六) 其他处理\t2. 申请人逾期未按收费通知缴纳费用"
    )
    assert rows in SAMPLE
    text = SAMPLE.replace(
        rows,
        "\t（六）\t1.申请人无正当理由逾期\t\t\t\t\t\t\t\n"
        "\t其他处理\t不补正、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0\n"
        "\t\t2. 申请人逾期未按收费通知缴纳费用",
    )
    report = parse_text(text)
    assert not wrong_cells(report), wrong_cells(report)[:5]


def test_table2_headings_broken_over_lines():
    """A cell a paragraph (html-text) with a heading wrapped in its cell (`本年制发` / `件数`): the
    pieces since the last label joined back into the heading."""
    header = "信息内容\t本年制发件数\t本年废止件数\t现行有效件数"
    assert header in SAMPLE
    broken = "\n\n".join(["信息内容", "本年制发\n件数", "本年\n\n废止件数", "现行有效件数"])
    report = parse_text(SAMPLE.replace(header, broken))
    assert not wrong_cells(report), wrong_cells(report)[:3]


def cell_a_line_with_pipes(text: str, covered: str) -> str:
    """A table as some crawlers store a page's text: a cell a line closed by ` |`, a blank cell a
    lone `|`, and after each row a line of pipes for the cells its colspans cover."""
    out = []
    for line in text.splitlines():
        if "\t" in line:
            out += [f"{cell} |" if cell.strip() else "|" for cell in line.split("\t")] + [covered]
        else:
            out.append(line)
    return "\n".join(out)


@pytest.mark.parametrize("covered", ["||", "|||", "||||||||", "|"])
def test_cells_a_line_closed_by_pipes_with_lines_of_pipes_for_spans(covered):
    """The sample's header prints no 其他 and its rows six values: a lone `|` after a row is a
    blank cell after its 总计, never a blank 总计 with the total moved into 其他."""
    report = parse_text(cell_a_line_with_pipes(SAMPLE, covered))
    assert not wrong_cells(report), wrong_cells(report)[:3]


@pytest.mark.parametrize("covered", ["", " ||", " |||", "||"])
def test_rows_of_pipes_with_the_cells_spans_cover_at_the_end(covered):
    """trafilatura's rows: `a | b |`, then what the row's colspans cover (`规章 | 0 | ||`)."""
    text = "\n".join(line.replace("\t", " | ") + " |" + covered if "\t" in line else line for line in SAMPLE.splitlines())
    report = parse_text(text)
    assert not wrong_cells(report), wrong_cells(report)[:3]


OPENCC_TRADITIONAL = ("s2t", "s2tw", "s2hk")  # OpenCC's conversions: standard, Taiwan's, Hong Kong's characters
# pinyin of characters as a mirror site prints them after each one its conversion changed (`報(bào)告`)
PINYIN = {"報": "bào", "據": "jù", "開": "kāi", "數": "shù", "處": "chǔ", "請": "qǐng", "機": "jī", "務": "wù"}


def traditional(text: str, config: str) -> str:
    from opencc import OpenCC

    return OpenCC(config).convert(text)


@pytest.mark.parametrize("config", OPENCC_TRADITIONAL)
def test_reports_in_traditional_characters(config):
    """A mirror site's or a converter's copy of each sample and its web page, in traditional
    characters: every cell, the body and the year as the report prints them in simplified ones."""
    for sample in SAMPLES:
        want = gold.load(gold.GOLDEN / f"{sample.stem}.json")
        for path in (sample, RENDERINGS / f"{sample.stem}.html"):
            text = traditional(path.read_text(encoding="utf-8"), config)
            assert "公開" in text
            report = parse_bytes(text.encode("utf-8"), path.name)[1]
            assert not wrong_cells(report, want), (path.name, wrong_cells(report, want)[:3])
            assert (report.agency, report.year) == (want["agency"], want["year"]), path.name


@pytest.mark.parametrize("config", OPENCC_TRADITIONAL)
def test_a_body_s_name_in_traditional_characters_reads_as_the_mainland_prints_it(config):
    """Hong Kong's variants are read too: s2hk writes 卫生 as 衞生 (s2t and s2tw as 衛生)."""
    assert "重庆市通信管理局" in SAMPLE
    for body in ("重庆市卫生健康委员会", "重庆市民族宗教事务委员会", "重庆市退役军人事务局"):
        report = parse_text(traditional(SAMPLE.replace("重庆市通信管理局", body), config))
        assert (report.agency, report.year) == (body, 2024)


def test_reports_in_taiwan_s_phrasing():
    """OpenCC's s2twp also puts Taiwan's words for the template's (資訊 for 信息, 規範性檔案 for 规范性文件,
    專案 for 项目): every cell lands; the body as the mainland prints it where those words are all
    the copy changed in its name (工业和信息化), else as the copy prints it (通訊管理局 for 通信管理局
    reads 通讯管理局: which word the name had, the copy no longer says)."""
    from opencc import OpenCC

    back = OpenCC("t2s").convert
    for sample in SAMPLES:
        want = gold.load(gold.GOLDEN / f"{sample.stem}.json")
        report = parse_text(traditional(sample.read_text(encoding="utf-8"), "s2twp"))
        assert not wrong_cells(report, want), (sample.name, wrong_cells(report, want)[:3])
        assert report.year == want["year"]
        assert report.agency in (want["agency"], back(traditional(want["agency"], "s2twp")))


@pytest.mark.parametrize("encoding", ["big5", "cp950", "big5hkscs"])
def test_reports_in_traditional_characters_saved_as_big5(encoding):
    """A Taiwan or Hong Kong mirror's copy saved in Big5, which GB18030 decodes too (into other
    characters): a text file, and a page with and without its charset declared."""
    read = 0
    for sample in SAMPLES:
        want = gold.load(gold.GOLDEN / f"{sample.stem}.json")
        for path in (sample, RENDERINGS / f"{sample.stem}.html"):
            text = traditional(path.read_text(encoding="utf-8"), "s2tw")
            try:
                data = text.encode(encoding)
            except UnicodeEncodeError:
                continue  # a character Big5 lacks (an en space): no Big5 file prints it
            pages = (
                [data, data.replace(b'charset="utf-8"', f'charset="{encoding}"'.encode())] if path.suffix == ".html" else [data]
            )
            for page in pages:
                report = parse_bytes(page, path.name)[1]
                assert not wrong_cells(report, want), (path.name, wrong_cells(report, want)[:3])
                assert (report.agency, report.year) == (want["agency"], want["year"]), path.name
                read += 1
    assert read >= 8


def test_pinyin_a_mirror_prints_after_characters_is_no_part_of_the_text():
    """`根據(jù)`, `報(bào)告` in text; in a page, ruby annotations (`<rt>bào</rt>`) over the characters."""
    text = traditional(SAMPLE, "s2t")
    annotated = "".join(f"{ch}({PINYIN[ch]})" if ch in PINYIN else ch for ch in text)
    report = parse_text(annotated)
    assert not wrong_cells(report), wrong_cells(report)[:3]
    assert (report.agency, report.year) == (GOLD["agency"], GOLD["year"])
    page = traditional((RENDERINGS / f"{SAMPLES[0].stem}.html").read_text(encoding="utf-8"), "s2t")
    ruby = "".join(f"<ruby>{ch}<rp>(</rp><rt>{PINYIN[ch]}</rt><rp>)</rp></ruby>" if ch in PINYIN else ch for ch in page)
    report = parse_bytes(ruby.encode("utf-8"), "x.html")[1]
    assert not wrong_cells(report), wrong_cells(report)[:3]
    assert (report.agency, report.year) == (GOLD["agency"], GOLD["year"])


def test_a_report_in_simplified_characters_is_read_as_printed():
    """A simplified report that quotes a traditional 公開 is not converted: 乾县 stays 乾县 (converted as if
    traditional it would read 干县)."""
    text = SAMPLE.replace("重庆市通信管理局", "乾县教育局").replace(INTRO, INTRO + "（另见《政府資訊公開》）")
    report = parse_text(text)
    assert report.agency == "乾县教育局"
    assert not wrong_cells(report), wrong_cells(report)[:3]


def test_a_lone_surrogate_in_a_traditional_copy_is_kept_and_the_rest_converted():
    """A PDF font's broken mapping can leave a lone surrogate, which OpenCC cannot take."""
    from parsers.readers import Cell, unify

    cells = unify([Cell("政府資訊公開工作年度報告\ud800後", 1), Cell("公開", 2)])
    assert [c.text for c in cells] == ["政府信息公开工作年度报告\ud800后", "公开"]


def test_a_row_short_of_a_blank_under_a_header_broken_over_lines_is_no_row_of_six_columns():
    """Text a tool makes of a PDF whose narrow header cells wrap (`其` / `他`, Chromium's print
    through pdftotext -raw): no heading reads whole, so the header does not say whether the table
    has 其他. Its rows of seven values do: a row of six lost a blank cell (科研机构's, here), and it
    is not read as a table without 其他 (which would put a 0 in the blank cell and the blank in 其他)."""
    sample = next(s for s in SAMPLES if s.stem.startswith("003"))
    text = sample.read_text(encoding="utf-8")
    header = "\t\t自然人\t法人或其他组织\t\t\t\t\t\t\n\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\t\n"
    row = "\t\t2. 其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0"
    assert header in text and row in text
    broken = "\n".join(
        ["自然", "人", "法人或其他组织", "商业", "企业", "科研", "机构", "社会公", "益组织", "法律服", "务机构", "其", "他"]
    )
    text = text.replace(header, broken + "\n").replace(row, "2. 其他法律行政法规禁止公开 0 0 0 0 0 0")
    want = gold.load(gold.GOLDEN / f"{sample.stem}.json")
    want["applications"]["denied_prohibited_by_law"][2] = None  # the blank cell
    report = parse_text(text)
    assert not misread(report, want), misread(report, want)
    assert [c for c in wrong_cells(report, want) if "denied_prohibited_by_law" not in c] == []


def test_a_number_on_a_line_of_its_own_under_a_table_2_label_is_never_cut_into_its_cells():
    """pdftotext's reading order can leave a row one number (`行政许可` / `536`, the others printed
    further on): three digits for three columns are not three cells run together, as a crawler
    runs them into the label (`规章000`); table 2 has no total to tell 536 from 5 | 3 | 6. NULL."""
    assert "规章\t0\t0\t1" in SAMPLE
    report = parse_text(SAMPLE.replace("规章\t0\t0\t1", "规章\n\n536"))
    assert not misread(report), misread(report)
    assert "table 2 item regulations" in " ".join(issues(report, "row_misaligned"))


T2_DECISIONS = "信息内容\t本年处理决定数量\n行政许可\t70753\n行政处罚\t1\n行政强制\t0\n"
T2_ITEMS = ("administrative_licensing", "administrative_penalty", "administrative_coercion")


def _decisions(report) -> list:
    got = gold.report_cells(report)
    return [got.get(("active_disclosure", item, "decisions")) for item in T2_ITEMS]


@pytest.mark.parametrize(
    "printed",
    [
        "70753\n行政许可\n1\n行政处罚\n0\n行政强制\n",  # each row's value before its label
        "70753\n行政许可\n1\n行政强制\n0\n行政处罚\n",  # the labels out of the template's order
        "70753\n行政处罚\n1\n行政许可\n0\n行政强制\n",
    ],
)
def test_table_2_values_printed_apart_from_their_labels_go_to_the_rows_in_the_template_s_order(printed):
    """pdftotext's default order of a Chromium-printed block: each value a line above its label
    (`本年处理决定数量` / `22` / `行政处罚` / `0` / `行政强制`), and the labels, each a block of its
    own, not always in the rows' order; the values are, from the top. Was: 行政处罚 read as 0."""
    assert T2_DECISIONS in SAMPLE
    report = parse_text(SAMPLE.replace(T2_DECISIONS, "信息内容\n本年处理决定数量\n" + printed))
    assert _decisions(report) == [70753, 1, 0]
    assert not misread(report)


def test_table_2_values_on_both_sides_of_every_label_stay_null():
    """Values before the first label and after the last too: which are whose cannot be told."""
    printed = "信息内容\n本年处理决定数量\n70753\n行政许可\n1\n行政处罚\n0\n行政强制\n5\n"
    report = parse_text(SAMPLE.replace(T2_DECISIONS, printed))
    assert _decisions(report)[1:] == [None, None]
    assert not misread(report)
    assert any("both before and after its label" in d for d in issues(report, "row_misaligned"))


def test_a_wrapped_row_label_with_its_first_value_on_its_first_line():
    """Layout text (pdftotext -layout) of a row whose label wraps: the first column's value level
    with the label's first line, the others beside its second, right of it. Was: one value for
    seven, the row NULL. The same value at the line's far right is the row's 总计."""
    row = "(二) 部分公开（区分处理的，只计这一情形，不计其他情形）"
    line = next(ln for ln in SAMPLE.splitlines() if row in ln)
    first, *rest = line.split("\t")[2:]
    head = f"(二) 部分公开（区分处理的，只计这一情形，   {first}"
    tail = "不计其他情形）"
    wrapped = f"{head}\n{tail}{' ' * (len(head) - len(tail) + 3)}" + "   ".join(rest)  # the rest right of the first
    report = parse_text(SAMPLE.replace(line, wrapped))
    assert not wrong_cells(report), wrong_cells(report)[:5]
    total = f"{tail}   " + "   ".join([first, *rest[:-1]])
    report = parse_text(SAMPLE.replace(line, f"{head[: -len(first)]}{' ' * len(total)}{rest[-1]}\n{total}"))
    assert not wrong_cells(report), wrong_cells(report)[:5]


def _table4_one_a_line(printed: list[int]) -> str:
    """The sample with table 4's header and values each a cell a paragraph (pdftotext's default
    text of a browser's print), the values in the order given."""
    head, rest = SAMPLE.split("四、政府信息公开行政复议、行政诉讼情况", 1)
    table, tail = rest.split("五、存在的主要问题及改进情况", 1)
    row = "3\t0\t1\t0\t4\t0\t0\t0\t0\t0\t0\t0\t2\t0\t2"
    assert row in table
    table = table.replace(row, "\t".join(map(str, printed)))
    return f"{head}四、政府信息公开行政复议、行政诉讼情况\n\n{_cells_a_line(table.strip())}\n\n五、存在的主要问题及改进情况{tail}"


def _table4(report) -> list:
    return [count for _, _, count, _ in report.review_litigation]


def test_table_4_one_a_line_with_values_printed_out_of_place_is_refused():
    """pdftotext prints the values under headings it set side by side after the others: 1 | 0 | 2 |
    0 | 3 and 2 | 0 | 0 | 0 | 2 come out `0 2 0 3` `0 0 0 2` `1 2`, their 维持 last. In order the
    litigation rows' totals fail, and were landed as the report's own slip (5 wrong cells); one
    value put back mends a row, so nothing is placed. A report whose totals print 0 (as
    Hongze's) mends nowhere: landed as printed."""
    truth = [3, 0, 1, 0, 4, 1, 0, 2, 0, 3, 2, 0, 0, 0, 2]
    moved = [3, 0, 1, 0, 4, 0, 2, 0, 3, 0, 0, 0, 2, 1, 2]
    report = parse_text(_table4_one_a_line(moved))
    assert _table4(report) == [None] * 15
    assert any("moved a value" in d for d in issues(report, "row_misaligned"))
    assert _table4(parse_text(_table4_one_a_line(truth))) == truth
    zero_totals = [10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0]
    assert _table4(parse_text(_table4_one_a_line(zero_totals))) == zero_totals


def test_table_3_s_last_values_printed_after_part_4_s_heading_are_its_own():
    """pdftotext prints the national template's table 3 last values after part 四's heading, among
    table 4's header words and before its first column's (`行政诉讼 / 0 / 0 / 0 / … / 结果维持`).
    Fewer than a row of table 4 there, numbers alone: they end table 3 (was: set aside as another
    part's, 四、结转下年度继续办理 NULL)."""
    head, rest = SAMPLE.split("三、收到和处理政府信息公开申请情况", 1)
    table3, rest = rest.split("\n四、政府信息公开行政复议、行政诉讼情况", 1)
    table4, tail = rest.split("五、存在的主要问题及改进情况", 1)
    cells3 = _cells_a_line(table3.strip()).split("\n\n")
    assert cells3[-9:] == ["四、结转下年度继续办理", "", "7", "0", "0", "0", "0", "0", "7"]
    cells4 = _cells_a_line(table4.strip()).split("\n\n")
    at = cells4.index("结果维持")
    cells4[at:at] = cells3[-3:]
    text = (
        f"{head}三、收到和处理政府信息公开申请情况\n\n"
        + "\n\n".join(cells3[:-3])
        + "\n\n四、政府信息公开行政复议、行政诉讼情况\n\n"
        + "\n\n".join(cells4)
        + f"\n\n五、存在的主要问题及改进情况{tail}"
    )
    report = parse_text(text)
    assert not wrong_cells(report), wrong_cells(report)[:5]


def test_table4_not_read_from_table3_s_cells_when_part_four_is_missing():
    """A page cut off inside table 3 (a search engine's copy of a city office's report, its cells
    a line each with a bar, a blank one the bar alone), part 四 and table 4 not printed: table 4,
    placed by order and not by labels, is NULL, never table 3's first fifteen cells (was: 56, 56,
    0, 0 and 18 landed in table 4)."""
    cells = ["56 |", *["|"] * 5, "56 |", "0 |", *["|"] * 5, "0 |", "18 |"]
    text = "2022年某某区某某办公室政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n" + "\n".join(cells) + "\n"
    report = parse_text(text)
    assert [c for _, _, c, _ in report.review_litigation] == [None] * 15
    with_heading = parse_text(
        text.replace("18 |", "18 |\n四、政府信息公开行政复议、行政诉讼情况\n结果维持\n" + "\n".join(["0"] * 15))
    )
    assert [c for _, _, c, _ in with_heading.review_litigation] == [0] * 15  # the table after its heading still lands


@pytest.mark.parametrize(
    "printed, as_pages_print_it",
    [
        ("信息内容\t本年制发件数\t本年废止件数\t现行有效件数", "信息内容\t本年(2023)制发件数\t本年(2023)废止件数\t现行有效件数"),
        ("信息内容\t本年收费金额（单位：元）", "信息内容本年收费金额（单位：元，保留4位小数）"),
    ],
)
def test_table2_headings_as_some_bodies_print_them(printed, as_pages_print_it):
    """Headings a county's pages print: the year in brackets inside 本年制发件数, and the fee's
    heading with its rounding, run into 信息内容 by a crawler: the same table 2 (was: NULL)."""
    assert printed in SAMPLE
    report = parse_text(SAMPLE.replace(printed, as_pages_print_it))
    assert not wrong_cells(report), wrong_cells(report)[:5]


@pytest.mark.parametrize("cell_a_line", [False, True])
def test_an_item_printing_rows_under_it_and_no_values_of_its_own(cell_a_line):
    """A township's 2019 page prints `其他对外管理服务事项` alone, then `行政检查` and `行政确认` with
    values of their own: the item is NULL, its sub-rows' values unplaced, and why said (was: the
    first sub-row's values landed as the item's). Every other cell of table 2 lands as printed."""
    import random

    from scripts.make_corpus import build_reports, gold_of, render

    report = next(
        r for r in build_reports(random.Random(5), 40, 0.0, share_2019=1.0) if (r.version, r.layout) == ("2019", "tabs_typo")
    )
    text, want = render(report, random.Random(1)), gold.expected_cells(gold_of(report))
    row = re.search(r"其他对外管理服务事项\t[^\n]*\n", text)
    text = text.replace(row.group(0), "其他对外管理服务事项\n行政检查\t5\t6\t7\n行政确认\t1\t2\t3\n")
    if cell_a_line:
        text = text.replace("\t", "\n")
    parsed = parse_text(text)
    got = gold.report_cells(parsed)
    table2 = {k: v for k, v in want.items() if k[0] != "applications" and k[0] != "review_litigation"}
    assert [k for k in table2 if "other_external_services" in str(k)]
    for key, value in table2.items():
        assert got.get(key) == (None if "other_external_services" in str(key) else value), key
    assert [i for i in parsed.issues if i.check_name == "row_misaligned" and "行政检查" in i.detail]


def test_a_2019_amount_heading_naming_its_unit_in_brackets():
    """`采购总金额（万元）`, a town's 2019 page: the heading gives the amount's unit as `（单位：万元）`
    does (was: the amount NULL, no unit read)."""
    import random

    from scripts.make_corpus import build_reports, render

    report = next(
        r for r in build_reports(random.Random(5), 40, 0.0, share_2019=1.0) if (r.version, r.layout) == ("2019", "tabs_typo")
    )
    text = render(report, random.Random(1))
    assert "采购总金额\n政府集中采购\t3\t30810元\n" in text.replace("\t采购总金额", "采购总金额")
    text = text.replace("\t采购总金额\n政府集中采购\t3\t30810元\n", "\t采购总金额（万元）\n政府集中采购\t3\t3.081\n")
    amounts = {(i, m): (v, unit) for i, m, v, unit, _ in parse_text(text).active_disclosure if i == "government_procurement"}
    assert amounts[("government_procurement", "amount_wan_yuan")] == (3.081, "万元")


def test_one_digit_under_three_headings_is_no_run_of_cells():
    """`行政许可 | 0 | |||` (one cell across three, a town's 2019 page): one value for three columns,
    said so, not `'0' is 3 cells run together` (a single digit cannot be three cells)."""
    import random

    from scripts.make_corpus import build_reports, render

    report = next(
        r for r in build_reports(random.Random(5), 40, 0.0, share_2019=1.0) if (r.version, r.layout) == ("2019", "tabs_typo")
    )
    text = render(report, random.Random(1))
    row = re.search(r"\n行政许可\t[^\n]*\n", text)
    parsed = parse_text(text.replace(row.group(0), "\n行政许可\t0\n"))
    found = {i.check_name: i.detail for i in parsed.issues if "administrative_licensing" in i.detail}
    assert "glued_digits_unresolved" not in found and "1 values for 3 columns" in found["row_misaligned"]


@pytest.mark.parametrize(
    "title",
    [
        "2024年政府信息公开工作年度报告\n来源：重庆市通信管理局",
        "2024年政府信息公开工作年度报告\n2025年1月20日\n重庆市通信管理局",
        # a town's page: its title, the page's date and source, then the title again naming no body
        "重庆市通信管理局2024年政府信息公开工作年度报告\n发布时间：2025-01-31   录入：重庆市通信管理局\n关于2024年政府信息公开工作年度报告",
        "重庆市通信管理局2024年政府信息公开工作年度报告\n来源：重庆市通信管理局\n2024年政府信息公开工作年度报告",
    ],
)
def test_a_line_after_a_title_that_is_no_name_alone_is_not_its_body(title):
    """A source label or a date between a title naming no body and the body's name, or above such a
    title: not part of the body (was: `来源：重庆市通信管理局`, `年1月20日重庆市通信管理局`,
    `发布时间：2025-01-31录入：重庆市通信管理局`); the title above or the opening sentence names it."""
    report = parse_text(SAMPLE.replace(TITLE, title))
    assert (report.agency, report.year) == ("重庆市通信管理局", 2024)


@pytest.mark.parametrize("above", ["", "更新时间:\n", "发布时间：\n", "来源:\n", "标题：\n"])
def test_a_title_naming_no_body_gives_its_year_and_no_body(above):
    """A page whose title names no body (`2021年政府信息公开工作年度报告`), alone or under a page's
    label left empty (`更新时间:`, a township's page): no body, the title's year (was: the label
    taken for the body, `更新时间`; or no year at all where nothing stood above the title)."""
    opening = re.search(r"根据《中华人民共和国政府信息公开条例》[^\n]*\n", SAMPLE).group(0)  # it names the body
    report = parse_text(SAMPLE.replace(opening, "").replace(TITLE, above + "2021年政府信息公开工作年度报告"))
    assert (report.agency, report.year) == (None, 2021)


@pytest.mark.parametrize("item", ["（二）收到和处理政府信息公开申请情况。", "(三)行政复议、行政诉讼情况"])
def test_an_item_of_the_overview_named_as_a_later_part_is_no_heading(item):
    """一、总体情况 telling its items under the parts' names (`（二）收到和处理政府信息公开申请情况。`, a
    district's page): an item numbered as another part is not that part's heading, and every cell
    lands (was: it opened part 三 or 四 before part 二, and table 2 was lost or read as table 4)."""
    head = "一、总体情况\n"
    assert SAMPLE.count(head) == 1
    report = parse_text(SAMPLE.replace(head, head + item + "\n本年度依法受理申请。\n"))
    assert not wrong_cells(report)


def test_a_link_to_another_year_s_report_above_the_title_gives_no_year():
    """A page listing a link to another year's report (`2022年政府信息公开工作年度报告`) above its own
    title, which prints no year: the year is the publication date's, not the link's (a title naming
    no body gives its year only as the last line before part 一)."""
    opening = re.search(r"根据《中华人民共和国政府信息公开条例》[^\n]*\n", SAMPLE).group(0)
    head = "2022年政府信息公开工作年度报告\n重庆市通信管理局政府信息公开工作年度报告\n发布时间：2025-01-20"
    report = parse_text(SAMPLE.replace(opening, "").replace(TITLE, head))
    assert (report.agency, report.year) == ("重庆市通信管理局", 2024)


def test_parts_numbered_in_brackets_one_short_are_still_the_parts():
    """A report numbering its parts （一）…（五） after an unnumbered 总体情况, each a number short of
    the template's: its headings are the parts' (none is followed by the part's own `三、…`), and
    every cell lands (an item numbered as another part is no heading only where that part's own
    heading follows)."""
    text = SAMPLE.replace("\n一、总体情况\n", "\n总体情况\n")
    for old, new in zip("二三四五六", "一二三四五"):
        text = re.sub(
            f"(?m)^{old}、(主动公开|收到和处理|政府信息公开行政复议|存在的主要问题|其他需要报告)", f"（{new}）\\1", text
        )
    assert "（二）收到和处理政府信息公开申请情况" in text
    assert not wrong_cells(parse_text(text))


def test_the_tables_alone_are_read_as_a_report_naming_no_body():
    """A site's copy of a report's tables alone, with no title and none of the parts' headings (a
    mirror of a district's page): every cell lands, the body and year NULL (was: refused as
    `not_a_report`, every cell lost)."""
    tables = SAMPLE.split("四、政府信息公开行政复议")[0]  # (table 4's heading word 行政复议 would name part 四)
    text = "\n".join(line for line in tables.split("\n") if "\t" in line)
    assert "年度报告" not in text and "一、总体情况" not in text
    report = parse_text(text)
    assert (report.agency, report.year) == (None, None)
    assert not [w for w in wrong_cells(report) if not w.startswith("review_litigation")]
    assert "not_a_report" not in {i.check_name for i in report.issues}


def test_a_first_page_ending_with_a_value_and_no_footer_keeps_it():
    """pdftotext's text of a report whose first page prints no page number and ends on a table's
    `1`, the next page ending with its footer's `2`: the `1` is the table's (was: taken out as a
    page number, the row left NULL). Bare numbers go as page numbers only where three pages or more
    each print theirs and two end with it."""
    sample = SAMPLES[1].read_text(encoding="utf-8")
    lines = sample.split("\n")
    at = next(k for k, line in enumerate(lines) if line.startswith("\t一、本年新收")) + 1
    assert lines[at] == "\t1"
    text = "\n".join(lines[: at + 1]) + "\n\f" + "\n".join(lines[at + 1 :]) + "\n2\n\f"
    want = {(r, c): v for r, c, v, _ in parse_text(sample).applications}
    got = {(r, c): v for r, c, v, _ in parse_text(text).applications}
    assert got == want and want[("new_received", "natural_person")] == 1


@pytest.mark.parametrize("form", ["markdown", "tabs"])
def test_two_rows_a_tool_merged_into_one_leave_both_null(form):
    """pymupdf4llm prints two rows of table 3 as one when a row between them lost its rule: both
    labels in one cell (`1.本机关不掌握…<br>2.没有现成信息…`), then one row's values. Whose they
    are, the text does not say: both rows NULL, said so (was: the values landed as the second
    row's). Every other cell lands as printed."""
    first, second = "\t1. 本机关不掌握相关政府信息\t22\t0\t0\t0\t0\t22\n", "\t2. 没有现成信息需要另行制作\t2\t0\t0\t0\t0\t2\n"
    assert first + second in SAMPLE
    joined = "<br>" if form == "markdown" else "\t"
    text = SAMPLE.replace(
        first + second, f"\t1. 本机关不掌握相关政府信息{joined}2. 没有现成信息需要另行制作\t22\t0\t0\t0\t0\t22\n"
    )
    report = parse_text(markdown(text) if form == "markdown" else text)
    merged = {"unavailable_not_held", "unavailable_needs_creation"}
    assert {r for r, _, v, _ in report.applications if r in merged and v is not None} == set()
    assert any("two rows a tool merged" in d for d in issues(report, "row_misaligned"))
    wrong = [w for w in wrong_cells(report) if not w.startswith(tuple(f"applications.{r}." for r in merged))]
    assert not wrong, wrong[:5]


@pytest.mark.parametrize("separator", ["\t", " | "])
def test_2019_headings_a_page_cut_to_their_first_characters(separator):
    """A town's 2019 page prints each heading cell's first three characters: `本年新 | 本年新 |
    对外公开总数量`. The same start twice, and the template has two headings starting so: those two,
    in its order (was: the header read as 对外公开总数量 alone, 规章's and 规范性文件's rows NULL)."""
    import random

    from scripts.make_corpus import build_reports, gold_of, render

    report = next(
        r for r in build_reports(random.Random(5), 40, 0.0, share_2019=1.0) if (r.version, r.layout) == ("2019", "tabs_typo")
    )
    text, want = render(report, random.Random(1)), gold.expected_cells(gold_of(report))
    header = "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量"
    assert header in text
    text = text.replace(header, separator.join(["信息内容", "本年新", "本年新", "对外公开总数量"]))
    got = gold.report_cells(parse_text(text))
    cells = [k for k in want if k[:2] in (("active_disclosure", "regulations"), ("active_disclosure", "normative_documents"))]
    assert len(cells) == 6 and {k: got.get(k) for k in cells} == {k: want[k] for k in cells}


def test_2019_item_labels_with_the_notes_a_province_prints_after_them():
    """A province's 2019 form prints notes in brackets after some items' labels (`规范性文件(指各
    行政机关印发的有正式文号的文件)`, `规章（设区的市、自治州人民政府应提供相关数据）`): the item's row
    all the same (was: its values unplaced, the row NULL)."""
    import random

    from scripts.make_corpus import build_reports, gold_of, render

    report = next(
        r for r in build_reports(random.Random(5), 40, 0.0, share_2019=1.0) if (r.version, r.layout) == ("2019", "tabs_typo")
    )
    text, want = render(report, random.Random(1)), gold.expected_cells(gold_of(report))
    notes = {
        "规章": "（设区的市、自治州人民政府应提供相关数据）",
        "规范性文件": "(指各行政机关印发的有正式文号的文件)",
        "其他对外管理服务事项": "（指行政许可以外的政务服务事项，含行政确认、行政给付、行政奖励）",
    }
    for label, note in notes.items():
        assert f"\n{label}\t" in text
        text = text.replace(f"\n{label}\t", f"\n{label}{note}\t", 1)
    got = gold.report_cells(parse_text(text))
    cells = [k for k in want if k[0] == "active_disclosure"]
    assert {k: got.get(k) for k in cells} == {k: want[k] for k in cells}


def test_a_row_whose_label_a_tool_merged_with_the_next_rows_leaves_both_null():
    """pymupdf4llm's Markdown, a row's label cut over two table rows: `2. 没有现成信息需要另行` alone,
    then its rest and the next row's label in one cell (`制作<br>3. 补正后申请内容仍不明确`) before one
    row's values. Whose they are, the text does not say: both NULL, said so (was: the values
    landed as 3.补正后…'s)."""
    second, third = "\t2. 没有现成信息需要另行制作\t2\t0\t0\t0\t0\t2\n", "\t3. 补正后申请内容仍不明确\t0\t0\t0\t0\t0\t0\n"
    assert second + third in SAMPLE
    cut = "\t2. 没有现成信息需要另行\t\t\t\t\t\t\n\t制作<br>3. 补正后申请内容仍不明确\t2\t0\t0\t0\t0\t2\n"
    report = parse_text(markdown(SAMPLE.replace(second + third, cut)))
    merged = {"unavailable_needs_creation", "unavailable_unclear_after_correction"}
    assert {r for r, _, v, _ in report.applications if r in merged and v is not None} == set()
    assert any("two rows a tool merged" in d for d in issues(report, "row_misaligned"))
    wrong = [w for w in wrong_cells(report) if not w.startswith(tuple(f"applications.{r}." for r in merged))]
    assert not wrong, wrong[:5]


@pytest.mark.parametrize(
    "opening",
    [
        "本年报是根据重庆市政府信息公开工作规定有关要求,由重庆市通信管理局编制的2024年度政府信息公开年度报告。",
        "由重庆市通信管理局编制的2024年度政府信息公开年度报告。",
        "本报告是重庆市通信管理局2024年度政府信息公开工作年度报告。",
    ],
)
def test_a_page_opening_with_a_sentence_about_the_report_and_no_title(opening):
    """A county bureau's page prints no title, its first line a sentence naming the report: no
    part of the sentence is the body (was: `本年报是根据…由重庆市通信管理局编制的`); the body from the
    prose that names the report, or none."""
    report = parse_text(SAMPLE.replace(TITLE, opening))
    assert report.agency in (None, "重庆市通信管理局"), report.agency


def test_cuts_and_notes_that_say_nothing_of_a_column_leave_it_null():
    """Headings cut to a start two variants share in the catalogue (`本年度 | 本年度`: 本年度止件数 is a
    misprint of 本年废止件数, listed before 本年度制发数) say nothing of which column is which: NULL (the
    template's own headings only are read by their start); a fee's unit in brackets after the item
    (`行政事业性收费（元）`) is its unit, no note: the amount in 万元 (was: 1474450 万元)."""
    header = "信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t0\t1\n行政规范性文件\t0\t0\t8\n"
    fee = "信息内容\t本年收费金额（单位：元）\n行政事业性收费\t1474450\n"
    assert header in SAMPLE and fee in SAMPLE
    cut = "信息内容\t本年度\t本年度\t现行有效件数\n规章\t3\t1\t9\n行政规范性文件\t5\t2\t8\n"
    cells = {(i, m): v for i, m, v, *_ in parse_text(SAMPLE.replace(header, cut)).active_disclosure}
    assert cells[("regulations", "issued")] is None and cells[("regulations", "repealed")] is None
    unit = "信息内容\t本年收费金额\n行政事业性收费（元）\t1474450\n"
    cells = {(i, m): v for i, m, v, *_ in parse_text(SAMPLE.replace(fee, unit)).active_disclosure}
    assert cells[("administrative_fees", "amount_wan_yuan")] in (None, 147.445)


def test_a_sentence_naming_the_report_with_its_situation_is_no_title():
    """`现将` / `XX区2024年度政府信息公开工作情况报告如下。` is prose, not a title (`…情况报告` reads as a title
    only as a whole line): the body stays the title's (was: `綦江区`)."""
    report = parse_text(
        SAMPLE.replace(TITLE, TITLE + "\n依据条例相关要求，现将\n通信管理局2024年度政府信息公开工作情况报告如下。")
    )
    assert (report.agency, report.year) == ("重庆市通信管理局", 2024)


def test_a_sentence_wrapped_before_a_part_s_words_is_no_heading():
    """Text wrapped at a fixed width (w3m's dump, pdftotext) can set a sentence's rest at a line's
    start, `、行政诉讼、举报投诉等情况。`: it goes on the sentence above, and is not part 四's heading
    (was: taken for it, parts 二 and 三 after it were never found and every table was lost)."""
    prose = "（二）依申请公开。全年未收到依申请公开，没有发生行政复议\n、行政诉讼、举报投诉等情况。\n"
    head, rest = SAMPLE.split("二、主动公开政府信息情况", 1)
    report = parse_text(head + prose + "二、主动公开政府信息情况" + rest)
    assert not wrong_cells(report), wrong_cells(report)[:5]
