"""Every text in tests/regressions/ against its gold: no number misread, body and year right."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers import catalogue
from parsers.checks import OUTCOME_ROWS_2021
from parsers.parse import parse_bytes
from scripts import score_corpus

from . import gold

REGRESSIONS = Path(__file__).parent / "regressions"


@pytest.mark.parametrize("path", score_corpus.reports(REGRESSIONS), ids=lambda p: p.name)
def test_regression_reads_no_number_wrong(path):
    result = score_corpus.score(path, gold.load(path.with_suffix(".json")))
    assert not result.misread, result.misread[:5]
    assert result.title is None, result.title


def test_table4_printed_before_its_heading_lands():
    path = REGRESSIONS / "pymupdf4llm_table4_before_heading.md"
    _, report = parse_bytes(path.read_bytes(), path.name)
    want = gold.load(path.with_suffix(".json"))["review_litigation"]
    got = {(p, o): count for p, o, count, _ in report.review_litigation}
    assert [[got[(p, o)] for o in catalogue.outcomes()] for p in catalogue.proceedings()] == list(want.values())
    assert [i.check_name for i in report.issues if i.check_name.startswith("table4")] == ["table4_before_heading"]
    assert not report.failed


def test_pandoc_line_breaks_are_no_blank_cells():
    """pandoc's own Markdown writes an empty paragraph's line break as a backslash alone on a line:
    no cell, so not four blank marks after table 4's row of values, whose last four empty cells
    with them made the row look whole (was: its values placed as the first ten columns, 5 cells
    wrong). Its five leading empty cells lost, the row is one the text cannot place: NULL."""
    from parsers.readers import text

    path = REGRESSIONS / "pandoc_md_line_breaks_after_table4.md"
    assert not [c for c in text.read(path.read_bytes()).cells if c.text == "\\"]
    _, report = parse_bytes(path.read_bytes(), path.name)
    want = gold.load(path.with_suffix(".json"))["review_litigation"]
    got = {(p, o): count for p, o, count, _ in report.review_litigation}
    wrong = [
        (p, o)
        for k, p in enumerate(catalogue.proceedings())
        for j, o in enumerate(catalogue.outcomes())
        if got[(p, o)] is not None and got[(p, o)] != list(want.values())[k][j]
    ]
    assert wrong == []


def test_the_national_template_as_pdftotext_prints_it_lands_every_cell():
    """Table 2's headers after their items' labels, table 4's last 总计 after part 六's heading,
    and table 3's numbers away from their labels with 部分公开's 总计 printed rows further down."""
    path = REGRESSIONS / "template_pdftotext.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    want = gold.load(path.with_suffix(".json"))
    assert gold.differences(gold.expected_cells(want), gold.report_cells(report)) == []
    assert sorted({i.check_name for i in report.issues}) == ["recovered_reading_order", "table4_continued"]


@pytest.mark.parametrize(
    "name, row",
    [
        ("template_pymupdf4llm.md", "partially_granted"),  # a label cut across cells, known by its keyword
        ("pymupdf4llm_numbering_mark_moved.md", "unavailable_needs_creation"),  # `2没有现成…` | `.<br>制作`
        ("template_pymupdf4llm_label_cut_by_empty_cell.md", "granted"),  # `（一）予||以公开`
        ("template_pymupdf4llm_label_cut_by_empty_cell.md", "total_processed"),  # `（七）总||计`
        ("template_pymupdf4llm_heading_piece_over_label.md", "granted"),  # `三、本<br>（一）予` | `以` | `公开`
    ],
)
def test_a_label_an_extractor_cut_up_is_recognised(name, row):
    path = REGRESSIONS / name
    _, report = parse_bytes(path.read_bytes(), path.name)
    want = gold.load(path.with_suffix(".json"))["applications"][row]
    got = {(code, col): count for code, col, count, _ in report.applications}
    assert [got[(row, col)] for col in catalogue.applicants()] == want
    assert not report.failed


@pytest.mark.parametrize("name", ["template_font_pdfplumber.txt", "template_font_pdftotext_layout.txt"])
def test_values_printed_above_their_labels_land_as_their_labels(name):
    """Layout text of the template in another font size: values a line above their labels. Read
    as the next label's where the table reads that way; a row the two ways read differently and
    nothing decides stays NULL (test_regression_reads_no_number_wrong: none is misread)."""
    path = REGRESSIONS / name
    _, report = parse_bytes(path.read_bytes(), path.name)
    want = gold.load(path.with_suffix(".json"))["applications"]
    got = {(row, col): count for row, col, count, _ in report.applications}
    landed = {row for row in want if all(got[(row, col)] is not None for col in catalogue.applicants())}
    assert {"new_received", "granted", "denied_prohibited_by_law", "total_processed"} <= landed


@pytest.mark.parametrize(
    "name",
    [
        "template_page_html2text.md",  # rows broken inside blank cells (`… |    ` / `|` / `|  0`)
        "template_page_trafilatura.txt",  # blank cells of tabs between bars
        "template_page_markdownify.md",  # rows whose only printed cell is 总计, a label's colspan before it
        "template_page_get_text.txt",  # a cell a line, blank lines between: rows of zeros in a report breaking an identity
    ],
)
def test_the_template_saved_as_a_web_page_lands_every_cell(name):
    """The national template filled, saved as a web page by LibreOffice (blank cells hold an empty
    paragraph, zeros left blank in the 2019 layout's 其他 column), and turned into text by a
    converter: every cell lands, blank cells NULL."""
    path = REGRESSIONS / name
    _, report = parse_bytes(path.read_bytes(), path.name)
    want = gold.load(path.with_suffix(".json"))
    assert gold.differences(gold.expected_cells(want), gold.report_cells(report)) == []
    assert not {i.check_name for i in report.issues} & {"row_misaligned", "unplaced_numbers", "values_above_labels"}


def test_a_copied_page_whose_table_ends_in_blank_cells_lands_every_cell():
    """Text copied from a page in Chromium whose table 4 ends in blank cells: its last tab stands
    as near part 五's heading as cells stand to each other (a table's last row ends with no line
    break of its own). The heading is no cell of the row (was: 7 cells of table 4 unplaced)."""
    path = REGRESSIONS / "tabs_pdf_copied_table4_ending_blank.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    want = gold.load(path.with_suffix(".json"))
    assert gold.differences(gold.expected_cells(want), gold.report_cells(report)) == []
    assert [s[0] for s in report.sections] == [1, 2, 3, 4, 5, 6]


def test_a_fee_heading_cut_before_its_unit_takes_the_unit_after_it():
    """pymupdf4llm cut `本年收费金额（单位：元）` into two cells: the unit is read from the next one
    (63449 元 is 6.3449 万元), never assumed to be the template's 万元."""
    path = REGRESSIONS / "template_pymupdf4llm_unit_cut.md"
    _, report = parse_bytes(path.read_bytes(), path.name)
    fee = {(item, measure): value for item, measure, value, *_ in report.active_disclosure}
    assert fee[("administrative_fees", "amount_wan_yuan")] == pytest.approx(6.3449)
    printed = path.read_text(encoding="utf-8")
    text = printed.replace("|元）|", "||")  # the same table with no cell giving the unit
    assert text != printed
    _, unread = parse_bytes(text.encode("utf-8"), path.name)
    fee = {(item, measure): value for item, measure, value, *_ in unread.active_disclosure}
    assert fee[("administrative_fees", "amount_wan_yuan")] is None
    assert [i.check_name for i in unread.issues if i.check_name == "unit_unread"] == ["unit_unread"]


def test_a_pictures_text_is_read_line_by_line():
    """pymupdf4llm prints a table it took for a picture as text whose lines are joined by `<br>`,
    each row's 总计 a line above its label: read line by line, those rows land as the rest of the
    table reads (values_above_labels), each number's reference the line it was printed on."""
    path = REGRESSIONS / "template_pymupdf4llm_picture_text.md"
    _, report = parse_bytes(path.read_bytes(), path.name)
    want = gold.load(path.with_suffix(".json"))["applications"]
    got = {(row, col): (count, ref) for row, col, count, ref in report.applications}
    for row in ("new_received", "carried_over"):
        assert [got[(row, col)][0] for col in catalogue.applicants()] == want[row]
    assert got[("new_received", "total")][1] == "line 40"
    assert "values_above_labels" in {i.check_name for i in report.issues}
    assert not any(i.detail.startswith("table 3 row new_received (") for i in report.issues)


def test_a_row_whose_first_value_and_total_stand_after_the_table_lands():
    path = REGRESSIONS / "template_pdftotext_split_row.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    want = gold.load(path.with_suffix(".json"))
    got = gold.report_cells(report)
    assert [d for d in gold.differences(gold.expected_cells(want), got) if d.startswith("applications")] == []
    assert "recovered_reading_order" in {i.check_name for i in report.issues}


def test_table4_whose_totals_all_fail_in_every_order_is_refused():
    """Table 4 one value a line under a header in pieces, a number of table 3 among its values: no
    order an extractor prints it in makes every 总计 hold, and in the template's order none holds, so
    no cell is placed (one failing 总计 would be the report's own slip, landed as printed). The
    report's own text now drops that number, printed before the first column's heading; the values
    as they were read then are refused by the orders alone."""
    from parsers.readers import Cell
    from parsers.report import ParsedReport
    from parsers.tables import _table4_order
    from parsers.numbers import parse_number

    path = REGRESSIONS / "template_table4_foreign_number.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    assert [count for _, _, count, _ in report.review_litigation] == [None] * 15
    assert any(i.check_name.startswith(("row_misaligned", "table4")) and "table 4" in i.detail for i in report.issues)
    printed = [7, 0, 10, 0, 1, 0, 0, 1, 1, 0, 1, 0, 0, 10, 2]  # the fifteen numbers as they were read
    values = [(parse_number(str(v)), Cell(str(v), 2 * k)) for k, v in enumerate(printed)]
    alone = ParsedReport()
    assert _table4_order(alone, values, 3, 5, lambda: True) is None
    assert [i.check_name for i in alone.issues] == ["row_misaligned"]
    one_slip = [10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 5]  # one 总计 failing: the report's own, landed
    values = [(parse_number(str(v)), Cell(str(v), 2 * k)) for k, v in enumerate(one_slip)]
    assert _table4_order(ParsedReport(), values, 3, 5, lambda: True) == list(range(15))


def test_rows_a_wider_gap_ends_are_their_own():
    """A crawler's text of the template's page: a row's cells parted by two blank lines, rows by
    four. Each row ends where the gap widens, so a row of zeros is its own even where blank cells
    dropped elsewhere leave the table short; a row short of its blank cells stays NULL."""
    path = REGRESSIONS / "template_page_get_text_blanks.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    want = gold.load(path.with_suffix(".json"))["applications"]
    got = {(row, col): count for row, col, count, _ in report.applications}
    for row in ("carried_over", "partially_granted", "denied_state_secret"):
        assert [got[(row, col)] for col in catalogue.applicants()] == want[row] == [0] * 7
    short = [row for row, values in want.items() if None in values]
    assert short and all(got[(row, "total")] is None for row in short)


def test_a_number_before_table4_s_first_column_heading_is_not_its():
    path = REGRESSIONS / "template_table4_number_before_header.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    assert ("administrative_review", "upheld") not in {(p, o) for p, o, count, _ in report.review_litigation if count == 14}
    # it ends table 3 (whose last values pdftotext prints there), where no row takes it: listed
    assert any(
        i.check_name == "unplaced_numbers" and i.detail.startswith("table 3") and "14 (line" in i.detail for i in report.issues
    )


def test_a_row_on_two_lines_whose_total_fails_in_every_order_is_refused():
    """A wrapped row's 总计 on its label's first line and its six other values on the next
    (`1.申请人无正当理由逾期不补正、行政 2` / `0 0 0 0 0 0`), in a report whose row breaks its total
    as printed: no order of the two lines adds up, so which number is the 总计 the text does not
    say. Read as printed, 自然人 took the 2; now the row is NULL, and the other rows stay as read
    (no second reading moves values between rows to make it add up)."""
    path = REGRESSIONS / "word_blanks_total_on_label_line_pdfplumber.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    got = {(row, col): count for row, col, count, _ in report.applications}
    assert [got[("other_no_correction", col)] for col in catalogue.applicants()] == [None] * 7
    assert any(
        i.check_name == "row_misaligned" and i.detail.startswith("table 3 row other_no_correction (") and "no order" in i.detail
        for i in report.issues
    )
    want = gold.load(path.with_suffix(".json"))["applications"]
    assert [got[("new_received", col)] for col in catalogue.applicants()] == want["new_received"]


def test_numbers_on_lines_of_their_own_are_never_cut_as_glued_digits():
    """pdftotext read this table column by column, the 总计 column's values one a line
    (`190` `0` `60` `16`) after a row's label: four cells, not a row's digits run together, so
    they are never cut into seven (`1 | 9 | 0 | 0 | 6 | 0 | 16` held every identity). Read in the
    template's order, rows printing their 总计s together after their other values, the row lands
    as printed."""
    path = REGRESSIONS / "word_cells_totals_column_pdftotext.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    got = {(row, col): count for row, col, count, _ in report.applications}
    want = gold.load(path.with_suffix(".json"))["applications"]
    assert [got[("not_processed_publication", col)] for col in catalogue.applicants()] == want["not_processed_publication"]
    assert "recovered_glued_digits" not in {i.check_name for i in report.issues}


def test_rows_printing_their_totals_together_after_their_other_values_land():
    """pdftotext's text of a PDF table whose 总计 cells it set in blocks of their own: 上年结转's and
    予以公开's six values, then their 总计s (`1 0 0 0 0 0 | 18 0 0 0 0 0 | 1 18`), and the last three
    rows' so again, the labels all after the numbers. Read in the template's order, every cell of
    table 3 lands."""
    path = REGRESSIONS / "tabs_typo_pdftotext_totals_together.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    got = {(row, col): count for row, col, count, _ in report.applications}
    want = gold.load(path.with_suffix(".json"))["applications"]
    assert {row: [got[(row, col)] for col in catalogue.applicants()] for row in want} == want
    assert "recovered_reading_order" in {i.check_name for i in report.issues}


def test_a_page_number_printed_as_a_value_too_is_left_out_where_the_reading_says_so():
    """pdftotext's text of the national template: page 2 prints `2` as a table value and as its
    footer, the last line before the form feed, so the text alone does not say which is the page's
    number. Read in the template's order without either, only leaving out the footer holds every
    identity: every cell of table 3 lands, the warning naming the line left out."""
    path = REGRESSIONS / "template_pdftotext_page_number_twice.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    got = {(row, col): count for row, col, count, _ in report.applications}
    want = gold.load(path.with_suffix(".json"))["applications"]
    assert {row: [got[(row, col)] for col in catalogue.applicants()] for row in want} == want
    assert any(
        i.check_name == "recovered_reading_order" and "the page number alone on line 173 left out" in i.detail
        for i in report.issues
    )


def test_radicals_a_pdf_font_printed_read_as_ideographs_before_the_table_is_read():
    """pymupdf4llm's Markdown of a PDF whose font prints radicals for ideographs (`（⼀）予以` | `公开`,
    `（七）总`): the radicals are read as the ideographs before the text's rows are, so the cut labels
    of 予以公开 and 总计 are found and land as printed (was: both rows missing, the report failed)."""
    path = REGRESSIONS / "chromium_pymupdf4llm_blank_row_before_cut_label.md"
    assert "⼀" in path.read_text(encoding="utf-8")
    _, report = parse_bytes(path.read_bytes(), path.name)
    got = {(row, col): count for row, col, count, _ in report.applications}
    want = gold.load(path.with_suffix(".json"))["applications"]
    for row in ("granted", "total_processed"):
        assert [got[(row, col)] for col in catalogue.applicants()] == want[row]
    assert not report.failed


def test_a_row_read_row_by_row_whose_total_fails_keeps_its_own_values():
    """html-text's text of a page, a cell a paragraph, every row with its seven values after its
    label: a row whose total fails as printed is left NULL, and no reading moves another row's
    总计 into it to make the identities hold."""
    path = REGRESSIONS / "html_text_broken_rows.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    got = {(row, col): count for row, col, count, _ in report.applications}
    for row in ("denied_security_stability", "unavailable_not_held"):
        assert [got[(row, col)] for col in catalogue.applicants()] == [None] * 7
    assert "recovered_reading_order" not in {i.check_name for i in report.issues}
    want = gold.load(path.with_suffix(".json"))["applications"]
    assert [got[("new_received", col)] for col in catalogue.applicants()] == want["new_received"]


def test_six_numbers_two_a_single_space_apart_whose_total_fails_are_refused():
    """`2 35   2   4   2 41` under a header without 其他: 235 and 241 printed with a space inside,
    blank cells dropped. Read as six numbers the total fails: the row is NULL, never 2, 35, …"""
    path = REGRESSIONS / "spans_inscriptis_six_columns.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    got = {(row, col): count for row, col, count, _ in report.applications}
    assert [got[("new_received", col)] for col in catalogue.applicants()] == [None] * 7
    assert any(
        i.detail.startswith("table 3 row new_received (") and "single space apart" in i.detail
        for i in report.issues
        if i.check_name == "row_misaligned"
    )


def test_a_spaced_number_beside_a_blank_first_cell_keeps_the_blank():
    """`|  | 1 4 |  |  |  | 1 4 |` under a header without 其他: the first empty cell is the blank
    自然人, so the cells read with 14 as one number are _ | 14 | _ | _ | _ | 14, the total holding."""
    path = REGRESSIONS / "spans_crawler_rows_blank_first.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    got = {(row, col): count for row, col, count, _ in report.applications}
    want = gold.load(path.with_suffix(".json"))["applications"]["unavailable_not_held"]
    assert [got[("unavailable_not_held", col)] for col in catalogue.applicants()] == want
    assert any("unavailable_not_held" in i.detail for i in report.issues if i.check_name == "recovered_spaced_digits")


def test_table2_values_printed_a_line_above_their_labels_land_in_the_rows_order():
    path = REGRESSIONS / "chromium_pdftotext_values_before_labels.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    got = {(item, measure): value for item, measure, value, *_ in report.active_disclosure}
    assert [got[(item, "decisions")] for item in ("administrative_penalty", "administrative_coercion")] == [22, 0]


def test_rows_printed_whole_under_their_labels_keep_their_own_failing_totals():
    path = REGRESSIONS / "chromium_pdftotext_broken_totals.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    got = {(row, col): count for row, col, count, _ in report.applications}
    assert got[("denied_prohibited_by_law", "total")] in (None, 0)
    assert got[("denied_internal_affairs", "total")] in (None, 3)
    assert "recovered_reading_order" not in {i.check_name for i in report.issues}


@pytest.mark.parametrize(
    ("name", "moved"),
    [
        ("word_cells_pdftotext_table4_last_total_ending_the_page.txt", 1),
        ("word_blanks_pdftotext_table4_last_row_ending_the_page.txt", 6),
    ],
)
def test_table4_values_ending_the_page_after_part_6(name, moved):
    """pdftotext sets table 4's last cells at the end of the page the table ends on, after part
    六's prose (and the page's footer): read from there where every 总计 holds (was: the table
    one value or a row short, every cell NULL)."""
    path = REGRESSIONS / name
    _, report = parse_bytes(path.read_bytes(), path.name)
    want = gold.load(path.with_suffix(".json"))["review_litigation"]
    got = {(p, o): count for p, o, count, _ in report.review_litigation}
    assert [[got[(p, o)] for o in catalogue.outcomes()] for p in catalogue.proceedings()] == list(want.values())
    continued = [i.detail for i in report.issues if i.check_name == "table4_continued"]
    assert len(continued) == 1 and continued[0].startswith(f"table 4's last {moved} values stand at the end of its page")


def test_table4_values_after_part_5_s_heading():
    """Read from there where every 总计 holds; where one fails as printed, nothing of table 4 is
    taken for empty cells a tool dropped."""
    read = REGRESSIONS / "chromium_pdftotext_table4_after_heading.txt"
    _, report = parse_bytes(read.read_bytes(), read.name)
    want = gold.load(read.with_suffix(".json"))["review_litigation"]
    got = {(p, o): count for p, o, count, _ in report.review_litigation}
    assert [[got[(p, o)] for o in catalogue.outcomes()] for p in catalogue.proceedings()] == list(want.values())
    assert "table4_continued" in {i.check_name for i in report.issues}
    broken = REGRESSIONS / "chromium_pdftotext_table4_broken_after_heading.txt"
    _, report = parse_bytes(broken.read_bytes(), broken.name)
    assert all(count is None for *_, count, _ in report.review_litigation)


@pytest.mark.parametrize(
    "name",
    [
        "template_pdftotext_first_beside_total.txt",
        "template_pdftotext_text_inside_a_run.txt",
        "template_pdftotext_first_value_beside_row_above.txt",
        # 部分公开's 1 between its label's two lines, its 总计 after the next rows' labels: both 1s are
        # 部分公开's, not a later row of zeros' (Chromium's PDF)
        "chromium_pdftotext_value_inside_wrapped_label.txt",
    ],
)
def test_national_template_rows_pdftotext_prints_out_of_order_land(name):
    path = REGRESSIONS / name
    _, report = parse_bytes(path.read_bytes(), path.name)
    want = gold.load(path.with_suffix(".json"))
    differences = gold.differences(gold.expected_cells(want), gold.report_cells(report))
    assert [d for d in differences if d.startswith("applications")] == []
    assert "recovered_reading_order" in {i.check_name for i in report.issues}


def test_a_report_s_own_failing_row_keeps_a_value_that_may_be_a_page_s_number():
    """PyMuPDF's pages joined without a form feed: a `2` among 予以公开's values may be page 2's
    number, but the row's failing 总计 (5) is the report's own and stands among its values: the
    row lands as printed."""
    path = REGRESSIONS / "pymupdf_page_numbers_own_failing_total.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    got = {(row, col): count for row, col, count, _ in report.applications}
    want = gold.load(path.with_suffix(".json"))["applications"]["granted"]
    assert [got[("granted", col)] for col in catalogue.applicants()] == want == [0, 2, 0, 0, 0, 2, 5]


def test_a_table3_row_ending_a_page_is_refused_where_no_identity_vouches_for_it():
    path = REGRESSIONS / "chromium_pdftotext_page_end_row.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    got = {(row, col): count for row, col, count, _ in report.applications}
    assert [got[("carried_over", col)] for col in catalogue.applicants()] == [None] * len(catalogue.applicants())
    assert any("the last its page prints" in i.detail for i in report.issues if i.check_name == "row_misaligned")


def test_values_beside_a_label_s_rest_stay_with_it_when_others_print_above_their_labels():
    """Layout text where wrapped rows print their values both ways: above their label (4.无正当理由
    大量反复申请), and beside their label's first line and its rest below it (1.申请人无正当理由…,
    2.申请人逾期未按收费…). Both rows' kinds land."""
    path = REGRESSIONS / "template_pdfplumber_layout_label_rest_and_values_above.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    got = {(row, col): count for row, col, count, _ in report.applications}
    want = gold.load(path.with_suffix(".json"))["applications"]
    for code in ("not_processed_excessive", "not_processed_confirmation", "other_no_correction", "other_fee_unpaid"):
        assert [got[(code, col)] for col in catalogue.applicants()] == want[code], code


def test_six_zeros_under_a_header_without_other_in_a_real_table_are_null():
    """The 2019 tab text whose header lost 其他 (`（六）其他处理→0→0→0→0→0→0→`, the other rows five
    zeros and an empty cell) set as a web page's table, a tab a cell: a real table's six zeros and
    an empty cell are five columns and a 总计, or 其他 and a blank 总计 — NULL, never either guess."""
    path = REGRESSIONS / "tabs_2019_six_zeros_header_without_other.txt"
    head, rest = path.read_text(encoding="utf-8").split("三、收到和处理政府信息公开申请情况", 1)
    table, tail = rest.split("四、政府信息公开行政复议", 1)
    rows = "".join(
        "<tr>" + "".join(f"<td>{c.strip()}</td>" for c in line.split("\t")) + "</tr>"
        for line in table.splitlines()
        if line.strip()
    )
    paragraphs = lambda text: "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())  # noqa: E731
    page = f"<html><body>{paragraphs(head)}<p>三、收到和处理政府信息公开申请情况</p><table>{rows}</table><p>四、政府信息公开行政复议{paragraphs(tail)}</body></html>"
    _, report = parse_bytes(page.encode("utf-8"), "x.html")
    want = gold.load(path.with_suffix(".json"))
    got = gold.report_cells(report)
    assert [k for k, v in gold.expected_cells(want).items() if got.get(k) is not None and got[k] != v] == []
    assert [got[("applications", "other_handling", col)] for col in catalogue.applicants()] == [None] * 7


def test_a_split_column_s_empty_half_is_dropped_where_every_line_shows_it():
    """pymupdf4llm split a column on the table's second page (`|0|0|0|0|0||0||`, `|8|1|0|0|0||0|9|`):
    the place where every such line has an empty cell is the split column's other half; dropped, a
    row reads as the table's columns, its 其他 0 and its 总计 blank as printed."""
    path = REGRESSIONS / "chromium_pymupdf4llm_split_column.md"
    _, report = parse_bytes(path.read_bytes(), path.name)
    want = gold.load(path.with_suffix(".json"))["applications"]
    got = {(code, col): count for code, col, count, _ in report.applications}
    for code in ("not_processed_petition", "not_processed_duplicate", "other_handling"):
        assert (
            [got[(code, col)] for col in ("natural_person", "other_org", "total")]
            == [0, 0, None]
            == [
                want[code][0],
                want[code][5],
                want[code][6],
            ]
        ), code


def test_a_split_column_read_two_ways_lands_only_the_cells_both_ways_agree_on():
    """Every line of the split table leaves two places empty (`|0|0|0|0|0||0||`): the split may be
    either, so 其他 and 总计 (0 and blank, or blank and 0) are NULL; the cells before them land."""
    path = REGRESSIONS / "pymupdf4llm_split_column_blank_total.md"
    _, report = parse_bytes(path.read_bytes(), path.name)
    got = {(code, col): count for code, col, count, _ in report.applications}
    for code in ("not_processed_duplicate", "other_no_correction"):
        assert [got[(code, col)] for col in ("natural_person", "legal_service_agency", "other_org", "total")] == [
            0,
            0,
            None,
            None,
        ], code


def _row(report, code):
    return [count for c, _, count, _ in report.applications if c == code]


def test_values_after_a_block_of_labels_with_a_blank_row_s_are_no_row_s():
    """pdftotext prints `二、上年结转…` / `三、本年 （一）予以公开` / `（二）部分公开…` as one block, then
    `5` / `0` … / `5`, a line each: 予以公开's values (部分公开 printed blank), which were read as
    部分公开's. Whose they are, the text does not say, and the outcome rows add up either way: both
    NULL. 上年结转 is no candidate only where the balance identity, every row of it read, says so."""
    from parsers import tables

    path = REGRESSIONS / "word_cells_chromium_pdftotext_values_after_block_of_labels.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    assert _row(report, "partially_granted") == [None] * 7 and _row(report, "granted") == [None] * 7
    (warning,) = [i.detail for i in report.issues if "block of labels" in i.detail]
    assert warning.startswith("table 3 row partially_granted") and "granted" in warning.split("holds")[1]

    read = {"new_received": {"total": 12}, "total_processed": {"total": 5}, "carried_forward": {"total": 7}}
    read["granted"] = {"total": 5}
    assert tables._only_as_read("granted", "carried_over", read)  # 12 + 5 ≠ 5 + 7
    assert not tables._only_as_read("granted", "partially_granted", read)  # the outcome rows add up either way
    del read["total_processed"]
    assert not tables._only_as_read("granted", "carried_over", read)  # the balance not all read: no say


def test_a_row_s_values_adding_up_in_several_orders_are_no_other_row_s():
    """`要求行政机关确认或重新出具已 0` / `5.` / `获取信息 0 1 0 0 0 1`: the row's seven values add up in
    more than one order, so it is NULL; read as the next label's, the line after `获取信息` went to
    1.申请人无正当理由逾期不补正 (printed blank), 0 | 1 | 0 … | 1 where the report prints nothing.
    The row's values are its own, whichever their order: no other row takes them."""
    path = REGRESSIONS / "word_cells_chromium_pdftotext_layout_held_row_s_line_taken.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    assert _row(report, "other_no_correction") == [None] * 7
    assert _row(report, "not_processed_confirmation") == [None] * 7
    assert _row(report, "not_processed_excessive") == [0] * 7


def test_a_split_column_shows_on_lines_whose_label_a_line_break_cut():
    """pymupdf4llm's table on the page after a break has a column more than the header's page, a
    column split: `||（五）<br>不予处|3.要求…|0|0|0|0|0||0||`, its label cell cut into pieces by
    the `<br>`. The empty cell among the values may be a blank 其他 or the split column's other half:
    其他 and 总计 NULL (was: 其他 blank and 总计 0, the report printing 其他 0 and 总计 blank)."""
    path = REGRESSIONS / "tabs_typo_pymupdf4llm_split_column_after_label_pieces.md"
    _, report = parse_bytes(path.read_bytes(), path.name)
    for code in ("not_processed_publication", "not_processed_excessive"):
        assert _row(report, code) == [0] * 5 + [None, None]


def test_rows_of_zeros_either_label_s_are_no_row_s():
    """`pdftotext -layout` of an HTML page's PDF whose table prints most rows blank and the rest as
    zeros: every line of zeros stands between two labels. Read as the label's before them, five
    rows take zeros the report prints blank; read as the label's after, others do. Both readings add
    up everywhere (zeros do, whatever their row), each places rows the other does not: the rows
    they differ on are NULL (was: the first reading, 35 zeros where the report prints nothing)."""
    path = REGRESSIONS / "html_pipes_pdftotext_layout_rows_of_zeros_either_label.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    for code in ("partially_granted", "denied_third_party_rights", "denied_process_info", "not_processed_publication"):
        assert _row(report, code) == [None] * 7
    assert any("rows of zeros the other does not" in i.detail for i in report.issues)


def test_a_table_read_either_way_is_in_doubt_only_where_each_places_rows_the_other_does_not():
    """Both ways adding up and every row they differ on zeros: the table is in doubt (`zeros`) only
    where each way places a row the other does not. Where the second only leaves out a row the
    first places (a subset, not a rival reading), the first stands."""
    from parsers import tables

    def zeros(line):
        return {col: (0, f"line {line}") for col in catalogue.applicants()}

    first = tables._Table3(lines=[])
    placed = {"granted": zeros(1), "denied_state_secret": zeros(3)}
    rival = {"granted": zeros(1), "denied_prohibited_by_law": zeros(3)}
    ways = tables._row_ways(placed, rival)
    assert ways == {"denied_state_secret": "alone"}
    assert tables._table_way(placed, rival, ways, first) == "zeros"
    subset = {"granted": zeros(1)}
    assert tables._table_way(placed, subset, tables._row_ways(placed, subset), first) == "first"


def test_a_value_alone_right_above_the_next_label_is_that_row_s():
    """pdftotext sets a row's first value in its label's block: `2.重复申请` / `1` … `0` / (blank) /
    `1` / `（五） 3.要求提供公开出版物`, the outcome rows printing their 总计 blank. The `1` is 3.要求提供
    公开出版物's, and was read as 2.重复申请's 总计, which it adds up to; the row is one value short,
    which cell blank the text does not say: NULL."""
    path = REGRESSIONS / "html_pipes_pdftotext_first_value_above_next_label.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    assert _row(report, "not_processed_duplicate") == [None] * 7
    (warning,) = [i.detail for i in report.issues if "right above" in i.detail]
    assert warning.startswith("table 3 row not_processed_duplicate") and "not_processed_publication" in warning


def test_values_between_a_label_and_the_next_label_without_values_are_no_row_s():
    """pdftotext may print a row's values before its wrapped label: `属于行政查询事项` / `7` … `9` /
    `（四）无法 1.本机关不掌握相关政府` / `提供` / `信息`, 8.属于行政查询事项 printed blank. Read as
    8's (was: 7 cells where the report prints nothing); whose they are, the text does not say: NULL."""
    path = REGRESSIONS / "word_cells_chromium_pdftotext_colspacing_values_before_wrapped_label.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    assert _row(report, "denied_inquiry_matters") == [None] * 7
    (warning,) = [i.detail for i in report.issues if "printed without values after it" in i.detail]
    assert warning.startswith("table 3 row denied_inquiry_matters") and "unavailable_not_held" in warning


def test_values_before_a_one_line_label_without_values_stay_their_row_s():
    """`（七）总计` / `1` … `2` / `四、结转下年度继续办理` (printed blank, its label on one line): the
    values stand between two labels, but only a wrapped label is set lower than its values, so
    they are （七）总计's."""
    path = REGRESSIONS / "tabs_pdf_pdftotext_total_before_one_line_blank_label.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    assert _row(report, "total_processed") == [1, 1, 0, 0, 0, 0, 2]
    assert _row(report, "carried_forward") == [None] * 7
    assert not [i for i in report.issues if "printed without values after it" in i.detail]


def test_a_table_printing_only_zeros_one_for_every_cell_is_zeros():
    """pdftotext sets table 3's 175 zeros a line each and cuts its labels: no row could be placed
    (a row of zeros adds up whatever cells it took in). As many zeros as cells: every cell is 0."""
    path = REGRESSIONS / "tabs_typo_chromium_radicals_pdftotext_table3_all_zeros.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    assert [count for _, _, count, _ in report.applications if count is not None] == [0] * 175
    assert all(ref for _, _, count, ref in report.applications if count is not None)
    assert [i.check_name for i in report.issues if "table 3" in i.detail] == ["table3_zeros_by_count"]


def test_zeros_one_short_of_the_cells_are_not_a_table_of_zeros():
    """174 zeros for 175 cells, one printed blank: which cell, the text does not say."""
    path = REGRESSIONS / "word_blanks_chromium_pdftotext_zeros_but_one_blank.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    assert not [i for i in report.issues if i.check_name == "table3_zeros_by_count"]
    assert sum(count is not None for _, _, count, _ in report.applications) < 175


def test_rows_left_unplaced_are_zeros_when_every_cell_is_printed_and_the_values_left_are_zeros():
    """175 values for 175 cells, 一、本年新收 (0 0 0 0 1 0 1) placed by its label, every other row
    refused, and not read as printed (rows printed whole under their labels stand elsewhere): the
    168 values no row took are all 0, so the 24 rows left are 0."""
    path = REGRESSIONS / "word_cells_pdftotext_rows_left_all_zeros.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    assert _row(report, "new_received") == [0, 0, 0, 0, 1, 0, 1]
    assert _row(report, "carried_forward") == [0] * 7
    (warning,) = [i.detail for i in report.issues if i.check_name == "table3_zeros_by_count"]
    assert "new_received" not in warning and "carried_over" in warning


def test_a_table_reading_as_the_2019_format_may_be_the_2021_format_with_cut_labels():
    """其他处理 a row of its own reads as the 2019 format, but pdftotext may have cut the labels of
    the 2021 format's three 其他处理 rows: rows left are then not counted as zeros where 其他处理
    took more values than a row has, a label was not read, or numbers follow an unknown label."""
    from parsers import tables

    def table(other_values: int, stray: bool = False, without: str = "") -> tuple:
        t = tables._Table3(lines=[])
        order = [code for code in tables._row_shapes()[1] if code != without]
        for code in order:
            n = other_values if code == "other_handling" else 7
            t.rows[code] = tables._Row(code=code, label=code, ref="line 1", values=[None] * n)
        if stray:
            t.stray["after 'x'"] = [None]
        return t, tables._template_order(t)

    assert not tables._unsure_2019(*table(7))
    assert tables._unsure_2019(*table(21))
    assert tables._unsure_2019(*table(7, stray=True))
    assert tables._unsure_2019(*table(7, without="granted"))
    t2021 = tables._Table3(lines=[])
    t2021.rows = {"other_handling": tables._Row(code="other_handling", label="", ref="", values=[None] * 21)}
    t2021.rows["other_other"] = tables._Row(code="other_other", label="", ref="")
    assert not tables._unsure_2019(t2021, tables._template_order(t2021))


@pytest.mark.parametrize(
    "name",
    [
        "word_cells_centred_pdftotext_fixed.txt",
        "word_cells_centred_pdfplumber_layout.txt",
        "tabs_pdf_centred_chromium_pdftotext_fixed_headings_a_character_a_line.txt",
        "word_blanks_centred_chromium_pdftotext_fixed_header_without_other.txt",
    ],
)
def test_values_set_in_their_cells_middle_land_under_their_headings(name):
    """Most offices set a table's cells in their middle. Layout text in one pitch then starts a value
    under the middle of its heading, not where the heading starts, and rows whose 总计 the report
    leaves blank gave no sum to place them by: every cell lands (was: 117 of 219, 123 with
    `其` / `他` and `总` / `计` set a character a line; 172 of 200 under a header without 其他, whose
    headings were all read but 其他's)."""
    path = REGRESSIONS / name
    result = score_corpus.score(path, gold.load(path.with_suffix(".json")))
    assert (result.landed, result.misread) == (result.cells, [])


def test_a_table2_header_printed_before_its_block_heading_places_no_value():
    """pdftotext of a 2019-format table 2 set in its cells' middle prints 本年增/减 and 处理决定数量
    before the block's heading `第二十条第（六）项`, 上一年项目数量 after it: read on as one header,
    out of the columns' order, 行政强制's 7 | 0 | 0 landed 7 as its change (was: two cells wrong).
    A block's heading starts its header: one heading for three values, none is placed."""
    path = REGRESSIONS / "word_cells_centred_pdftotext_table2_headings_out_of_order.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    got = {(item, m): v for item, m, v, *_ in report.active_disclosure}
    assert got[("administrative_coercion", "items_prior_year")] is None
    assert got[("administrative_coercion", "items_change")] is None
    assert any(i.check_name == "row_misaligned" and "administrative_coercion" in i.detail for i in report.issues)


def test_labels_then_values_two_on_a_line_leave_a_blank_row_unread():
    """pdftotext prints 一、本年新收… and 二、上年结转… one under the other, then 新收's values a line
    each but the last two on one line (`0 44`: 其他 and 总计 set in their middle, close together):
    上年结转, printed blank, took them (was: 7 cells wrong). Whose they are, nothing says: NULL."""
    path = REGRESSIONS / "word_cells_centred_chromium_pdftotext_labels_then_values_on_shared_lines.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    assert _row(report, "carried_over") == [None] * 7
    assert _row(report, "new_received") == [None] * 7


def test_a_value_before_its_label_and_a_page_number_after_it_is_no_fee():
    """`本年收费金额（单位：万元）` / `9.8` / `行政事业性收费` / `2`, the 2 page 2's number at its foot:
    which is the fee, the text does not say (was: 2, a footer's line looked up by its place in the
    text with the page numbers taken out, not by the line it is printed on)."""
    path = REGRESSIONS / "template_centred_pdftotext_fee_before_label_page_number_after.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    (fee,) = [v for item, _, v, *_ in report.active_disclosure if item == "administrative_fees"]
    assert fee is None
    assert any(i.check_name == "row_misaligned" and "administrative_fees" in i.detail for i in report.issues)


@pytest.mark.parametrize(
    "name",
    [
        "tabs_typo_centred_chromium_pdftotext_fixed_table4_cells_blank.txt",
        "html_pipes_centred_chromium_pdfplumber_layout_table4_cells_blank.txt",
    ],
)
def test_table4_leaving_cells_blank_lands_under_its_headings(name):
    """Table 4 set in its cells' middle, some cells blank, in layout text of one pitch: eight of
    fifteen values on one line (`1  1  2  1  3  4  4  8`), which count alone cannot place (was:
    every cell NULL). Each stands under its heading's middle (`结果` / `维持` over two lines): every
    cell lands, the blank ones NULL."""
    path = REGRESSIONS / name
    _, report = parse_bytes(path.read_bytes(), path.name)
    want = gold.load(path.with_suffix(".json"))["review_litigation"]
    got = {(p, o): (count, ref) for p, o, count, ref in report.review_litigation}
    assert [[got[(p, o)][0] for o in catalogue.outcomes()] for p in catalogue.proceedings()] == list(want.values())
    assert sum(ref is not None for _, ref in got.values()) == sum(v is not None for row in want.values() for v in row)


def test_values_a_column_s_gap_apart_in_layout_text_are_never_glued():
    """Layout text keeps the page's spacing, which parts two cells' digits too: a row one value
    short there (`（七）总计   0   0   0   0   0   11`, its 自然人 blank) lost a blank cell, not a
    separator, and is never cut as glued digits (was: 0 | 0 | 0 | 0 | 0 | 1 | 1, its printed 总计
    11 landed as 1, in 3 of 5,592 rows of the layout texts of a generated corpus with values blanked
    at random). Digits run together, or one run alone on its line, may still be."""
    from parsers import rows, tables
    from parsers.numbers import parse_number

    def line(*texts: str, gap: int) -> list:
        return [(parse_number(t), rows.Piece(t, 7, None, gap, 40 + 12 * k)) for k, t in enumerate(texts)]

    assert not tables._glued(line("0", "0", "0", "0", "0", "11", gap=9))
    assert tables._glued(line("0", "0", "0", "0", "0", "11", gap=1))  # a space or none: separators may be lost
    assert tables._glued(line("21710000218", gap=3))


_TOTALS_BLANK = REGRESSIONS / "word_cells_pdftotext_layout_totals_blank_beside_wrapped_labels.txt"


@pytest.mark.parametrize(
    "name", [_TOTALS_BLANK.name, "html_pipes_html_text_totals_blank_a_cell_a_line.txt"], ids=["layout", "cell_a_line"]
)
def test_rows_leaving_their_total_blank_land_where_every_column_adds_up(name):
    """The outcome rows' 总计 blank. `pdftotext -layout` prints a row beside a wrapped label on a
    line of its own (`0        1    0       0   0   0`), away from where the full rows' values
    stand, so no column placed it; html-text prints a cell a line, so no line's spacing could
    (was: every row one value short NULL). A row whose last value is not the sum of the others
    can only have left its 总计 blank; each applicant column of the outcome rows then adds up to
    （七）总计's: every such row lands, noted. Rows of zeros one short stay NULL (their blank may
    be any cell)."""
    path = REGRESSIONS / name
    _, report = parse_bytes(path.read_bytes(), path.name)
    want = gold.load(path.with_suffix(".json"))["applications"]
    got = {(r, a): count for r, a, count, _ in report.applications}
    applicants = catalogue.applicants()
    left = [r for r, cells in want.items() if cells[-1] is None and any(cells[:-1]) and None not in cells[:-1]]
    assert len(left) >= 6
    for row in left:
        assert [got[(row, a)] for a in applicants] == want[row], row
    zeros = [r for r, cells in want.items() if cells == [0] * 6 + [None]]
    assert zeros and all(got[(r, a)] is None for r in zeros for a in applicants)
    wrong = [(r, a, n) for (r, a), n in got.items() if n is not None and want[r][applicants.index(a)] != n]
    assert wrong == []
    assert any(i.check_name == "recovered_blank_cells" and left[0] in i.detail for i in report.issues)


def test_rows_leaving_their_total_blank_stay_null_where_a_column_fails():
    """The same text with （二）部分公开 printing `0 1 0 0 0 2` (a report's own slip: a 总计 that
    fails beside a blank cell elsewhere): read as leaving its 总计 blank, its 2 would stand under
    其他, whose column then fails. None of the rows short of their 总计 is placed."""
    text = _TOTALS_BLANK.read_text(encoding="utf-8")
    (line,) = [n for n in text.splitlines() if "只计这一情形" in n]  # its values: `0        1    0       0   0   0`
    broken = text.replace(line, line.rstrip()[:-1] + "2", 1)
    _, report = parse_bytes(broken.encode("utf-8"), _TOTALS_BLANK.name)
    got = {(r, a): count for r, a, count, _ in report.applications}
    for row in ("partially_granted", "denied_prohibited_by_law", "denied_third_party_rights"):
        assert [got[(row, a)] for a in catalogue.applicants()] == [None] * 7
    assert not any(i.check_name == "recovered_blank_cells" for i in report.issues)


def test_values_after_a_row_label_cut_too_short_are_no_other_row_s():
    """elinks 50 columns wide cuts the template's labels a few characters a line: `3.要求提供` (its
    values on that line) is too short a piece to tell which row it opens. Its values are that row's
    (NULL, listed), never moved under the next row read nor taken by the row above: no cell is
    misread (was: 21 cells, rows printed blank taking the values of rows whose labels went unread;
    then 7, 5.要求行政机关确认… taking 3.'s)."""
    path = REGRESSIONS / "template_elinks_50_row_label_cut_short.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    want, got = gold.expected_cells(gold.load(path.with_suffix(".json"))), gold.report_cells(report)
    assert [k for k, v in got.items() if v is not None and want.get(k) != v] == []
    assert all(got.get(("applications", "not_processed_confirmation", a)) is None for a in catalogue.applicants())
    assert got[("applications", "not_processed_duplicate", "total")] == 0


def test_a_text_keeping_blank_cells_prints_its_cells_a_line_each():
    """LibreOffice's text of a Word table: a cell a line, an empty cell an empty line. （一）予以公开
    `1` / `0` / `0` / `0` / `1` / `0` / `` (总计 blank) lands as printed: read without its blank
    cell its total would fail and hold with `1` `0` joined twice, which in a text dropping blank
    cells tells a number's pieces (a crawler's get_text("\n", strip=True), the regression beside
    it), never in one keeping them."""
    path = REGRESSIONS / "tabs_typo_office_text_total_blank_a_value_a_line.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    got = gold.report_cells(report)
    assert [got.get(("applications", "granted", a)) for a in catalogue.applicants()] == [1, 0, 0, 0, 1, 0, None]
    assert not [k for k, v in gold.expected_cells(gold.load(path.with_suffix(".json"))).items() if got.get(k) != v]


def test_a_row_of_a_value_a_line_dropping_blank_cells_whose_total_fails_is_refused():
    """A crawler's get_text("\n", strip=True) of a page splitting numbers over spans: 一、本年新收…
    printed `1` / `1` / `2` / `1` / `6` / `2` / `9` (11 2 16 _ _ _ 29) is refused, NULL and listed,
    never read as seven cells (was: 14 cells wrong, with （七）总计)."""
    path = REGRESSIONS / "word_blanks_spans_crawler_stripped_lines_failing_row_of_pieces.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    got = gold.report_cells(report)
    for row in ("new_received", "total_processed"):
        assert [got.get(("applications", row, a)) for a in catalogue.applicants()] == [None] * 7
    assert any(i.check_name == "row_misaligned" and "new_received" in i.detail for i in report.issues)


def test_values_after_a_label_s_rest_are_not_the_next_label_s():
    """pdftotext of a page Chromium printed on A5 paper: `要求行政机关` / `确认或重新出具 4` /
    `已获取信息` / `0` … `0 4`, each row's other values after the rest of its label. Read as the next
    label's (a table printing values above their labels), 1.申请人无正当理由…, 2.申请人逾期未按…
    and 3.其他 each took the row above's values (was: 8 cells wrong); now NULL."""
    path = REGRESSIONS / "tabs_typo_chromium_a5_pdftotext_values_after_label_rests.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    got = gold.report_cells(report)
    for row in ("other_no_correction", "other_fee_unpaid", "other_other"):
        assert [got.get(("applications", row, a)) for a in catalogue.applicants()] == [None] * 7
    assert not any(i.check_name == "values_above_labels" for i in report.issues)
    want = gold.expected_cells(gold.load(path.with_suffix(".json")))
    assert not [k for k, v in got.items() if v is not None and k in want and want[k] != v]


def test_a_markdown_row_s_cells_are_its_label_s_whatever_stands_before():
    """pymupdf4llm's Markdown of a page Chromium printed on A5 paper: `|⼀、本年<br>量|新收政府信息公开
    申请数|13|||||13|` (the label cut over two cells) is no row read, so 13 … 13 stand before the
    first row; read as values printed above their labels, （一）予以公开 took them for its own row's
    `|（⼀）予以公开|5|||||5|` (was: 2 cells wrong)."""
    path = REGRESSIONS / "html_pipes_chromium_a5_pymupdf4llm_values_of_the_label_s_own_row.md"
    _, report = parse_bytes(path.read_bytes(), path.name)
    got = gold.report_cells(report)
    assert [got.get(("applications", "granted", a)) for a in catalogue.applicants()] == [5, None, None, None, None, None, 5]


def test_values_in_the_template_s_order_only_where_their_lines_keep_the_columns_order():
    """`pdftotext -fixed` of a page Chromium printed on A5 paper: `（二）部分公开… 0      2` /
    `0  0  0  0  2` is 0 0 0 0 0 2 2, its 总计 level with the label's first line. In the order
    printed it reads 0 2 0 0 0 0 2, which adds up too: a table's values taken in the template's
    order of rows are taken only where each row's share one line or stand a line each."""
    path = REGRESSIONS / "tabs_typo_chromium_a5_pdftotext_fixed_row_over_two_lines_in_template_order.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    got = gold.report_cells(report)
    assert [got.get(("applications", "partially_granted", a)) for a in catalogue.applicants()] != [0, 2, 0, 0, 0, 0, 2]
    assert not any(i.check_name == "table3_in_template_order" for i in report.issues)


@pytest.mark.parametrize(
    "name, codes",
    [
        ("word_blanks_pdftotext_first_value_between_label_lines.txt", ["unavailable_not_held"]),
        (
            "word_cells_pdftotext_colspacing_first_values_between_label_lines.txt",
            [
                "denied_prohibited_by_law",
                "unavailable_needs_creation",
                "unavailable_unclear_after_correction",
                "not_processed_confirmation",
            ],
        ),
        ("word_cells_pdftotext_first_value_group_heading_pieces.txt", ["unavailable_needs_creation"]),
    ],
)
def test_a_wrapped_labels_first_value_between_its_lines_keeps_its_row(name, codes):
    """pdftotext's default order of a row whose label wraps: the label's first line, the row's
    first value (自然人), the label's rest, then its six other values a line each
    (`1.本机关不掌握相关政府` / `1` / `信息` / `0` … `1`), the pieces of its group's heading around
    the rest or not (`无法提` / `制作` / `供`). The row is those seven, in that order (was: ended at
    the rest, or at the group's piece, the row NULL and its six values unplaced)."""
    path = REGRESSIONS / name
    _, report = parse_bytes(path.read_bytes(), path.name)
    want = gold.load(path.with_suffix(".json"))["applications"]
    got = {(code, col): count for code, col, count, _ in report.applications}
    for code in codes:
        assert [got[(code, col)] for col in catalogue.applicants()] == want[code], code


@pytest.mark.parametrize(
    "name",
    [
        "tabs_typo_pdftotext_broken_column_read_as_printed.txt",
        "html_pipes_pdftotext_broken_column_read_as_printed.txt",
        "word_blanks_pdftotext_rows_left_all_zeros.txt",
        "html_pipes_pdftotext_broken_wrapped_row_read_as_printed.txt",
        "tabs_typo_chromium_pdftotext_broken_wrapped_row_read_as_printed.txt",
    ],
)
def test_a_table_failing_a_column_identity_lands_as_printed(name):
    """pdftotext's plain text of a report whose （七）总计 row fails a column identity of its own:
    no reading in the template's order holds, and every row adds up as printed, so the numbers
    land as printed (was: table 3 NULL), every cell as the report prints it, the slip reported."""
    path = REGRESSIONS / name
    _, report = parse_bytes(path.read_bytes(), path.name)
    want = gold.load(path.with_suffix(".json"))["applications"]
    got = {(code, col): count for code, col, count, _ in report.applications}
    assert {code: [got[(code, col)] for col in catalogue.applicants()] for code in want} == want
    assert any("every row adds up as printed" in i.detail for i in report.issues)


def _table3_none_misread(name: str) -> tuple:
    """A regression text read: its report, gold table 3, the cells landed, and every cell as
    (code, column, gold value); asserts no cell lands another number and every gold blank is NULL."""
    path = REGRESSIONS / name
    _, report = parse_bytes(path.read_bytes(), path.name)
    want = gold.load(path.with_suffix(".json"))["applications"]
    got = {(code, col): count for code, col, count, _ in report.applications}
    cells = [(code, col, want[code][k]) for code in want for k, col in enumerate(catalogue.applicants())]
    assert [(code, col) for code, col, value in cells if got.get((code, col)) not in (None, value)] == []
    assert all(got.get((code, col)) is None for code, col, value in cells if value is None)
    return report, want, got, cells


@pytest.mark.parametrize(
    "name, landed",
    [
        ("tabs_pdf_pdftotext_column_blank_in_a_run.txt", 135),
        ("tabs_pdf_chromium_pdftotext_column_blank_in_a_run.txt", 75),
        ("tabs_pdf_pdftotext_total_apart_column_blank_in_a_run.txt", 95),
    ],
)
def test_a_column_left_blank_in_a_run_of_rows_away_from_their_labels(name, landed):
    """pdftotext's plain text of a table printing 其他 only from （六） down (as sample 000 does),
    its numbers away from their labels: twenty rows a value short, which column the text does not
    say. Read in the template's order with each column but 总计 tried as the blank in each run of
    rows, the cells every reading that holds agrees on land, each as printed, and the columns
    printing only zeros in those rows stay NULL with the blank one (was: table 3 NULL). One text
    prints 部分公开's 总计 nine rows further down, beside （四）'s heading: read there."""
    report, _, got, cells = _table3_none_misread(name)
    assert sum(got.get((code, col)) is not None for code, col, _ in cells) == landed
    assert any("a column left blank in a run of 20 rows" in i.detail for i in report.issues)


def test_a_first_value_beside_its_label_after_the_table_s_last_row():
    """Chromium's print through pdftotext: 2.申请人逾期未按收费通知…'s first 0 beside its label's
    second line, after （七）总计's and 四、结转下年度's values, its other six among the rows above.
    No reading in order holds every identity with it where it stands; read with each number alone
    beside a row's label as that row's first, every cell lands as printed (was: table 3 NULL)."""
    path = REGRESSIONS / "word_cells_chromium_pdftotext_first_value_rows_late.txt"
    _, report = parse_bytes(path.read_bytes(), path.name)
    want = gold.load(path.with_suffix(".json"))["applications"]
    got = {(code, col): count for code, col, count, _ in report.applications}
    assert {code: [got.get((code, col)) for col in catalogue.applicants()] for code in want} == want
    assert any("a number beside a row's label read as its first" in i.detail for i in report.issues)


@pytest.mark.parametrize(
    "name, rows",
    [
        ("word_blanks_pdftotext_rows_whole_under_labels.txt", ["denied_process_info", "not_processed_petition"]),
        (
            "word_blanks_chromium_pdftotext_rows_whole_under_labels.txt",
            [*OUTCOME_ROWS_2021[2:10], "not_processed_excessive"],  # （三）'s eight rows
        ),
    ],
)
def test_a_row_of_zeros_printed_whole_under_its_label_has_no_blank(name, rows):
    """pdftotext's plain text of reports of zeros leaving one cell blank, most rows' labels away
    from their numbers: which row the blank is in, only the rows printed whole under their labels
    say (seven numbers, then the next row's label with numbers of its own). Read in the template's
    order with those rows holding their seven, the rows land as printed; the rows the blank may be
    in stay NULL (was: no row of zeros landed, each the same in every reading but where the blank
    went)."""
    report, want, got, _ = _table3_none_misread(name)
    assert all([got.get((code, col)) for col in catalogue.applicants()] == want[code] for code in rows)
    assert any("blank cell the text does not show" in i.detail for i in report.issues)
