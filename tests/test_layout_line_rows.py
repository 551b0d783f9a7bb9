"""Table 3 as pdfplumber's plain text prints it: one line of numbers per row, but a wrapped
label's number line stands at the row's middle, so it comes before the label (or between its
pieces). When every number of the table is on lines of seven, as many lines as rows printed,
the lines are read as the rows in order, kept only when every identity holds.
"""

from __future__ import annotations

import pytest

from parsers import catalogue

from .test_text_forms import SAMPLE, issues, parse_text

TABLE = {  # a table whose row totals and column identities hold
    "new_received": [5, 2, 0, 1, 0, 0, 8],
    "carried_over": [1, 0, 0, 0, 0, 0, 1],
    "granted": [3, 1, 0, 0, 0, 0, 4],
    "partially_granted": [1, 0, 0, 1, 0, 0, 2],
    "denied_third_party_rights": [1, 0, 0, 0, 0, 0, 1],
    "unavailable_not_held": [1, 1, 0, 0, 0, 0, 2],
    "total_processed": [6, 2, 0, 1, 0, 0, 9],
}
GROUPS = {"granted": "三、本年度办理结果", "denied_state_secret": "（三）不予公开", "unavailable_not_held": "（四）无法提供"}
GROUPS |= {"not_processed_petition": "（五）不予处理", "other_no_correction": "（六）其他处理"}


def label(code: str) -> str:
    return next(lab.label for lab in catalogue.load().labels if lab.kind == "t3_row" and lab.code == code)


def plumber_table(before: set[str], table: dict = TABLE) -> str:
    """Table 3 with a header naming 其他; the rows in `before` print their numbers a line above their label."""
    out = ["自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计"]
    for code in catalogue.table3_rows():
        if code == "other_handling":
            continue
        if code in GROUPS:
            out.append(GROUPS[code])
        numbers = " ".join(map(str, table.get(code, [0] * 7)))
        out.extend([numbers, label(code)] if code in before else [f"{label(code)} {numbers}"])
    return "\n".join(out)


def with_table3(table_text: str) -> str:
    head, rest = SAMPLE.split("三、收到和处理政府信息公开申请情况", 1)
    _, tail = rest.split("四、政府信息公开行政复议", 1)
    return f"{head}三、收到和处理政府信息公开申请情况\n{table_text}\n四、政府信息公开行政复议{tail}"


def cells(report) -> dict[str, list]:
    out: dict[str, list] = {}
    for code, _, count, _ in report.applications:
        out.setdefault(code, []).append(count)
    return out


WRAPPED = {"partially_granted", "denied_third_party_rights", "unavailable_not_held", "not_processed_excessive", "carried_forward"}


def test_number_lines_before_their_labels_read_in_order():
    report = parse_text(with_table3(plumber_table(WRAPPED)))
    got = cells(report)
    for code in catalogue.table3_rows():
        if code != "other_handling":
            assert got[code] == TABLE.get(code, [0] * 7), code
    assert issues(report, "recovered_reading_order")


def test_a_total_that_does_not_add_up_reads_nothing_in_order():
    broken = {**TABLE, "unavailable_not_held": [1, 1, 0, 0, 0, 0, 3]}
    report = parse_text(with_table3(plumber_table(WRAPPED, broken)))
    got = cells(report)
    assert not issues(report, "recovered_reading_order")
    for code, values in TABLE.items():  # a row is right or NULL, never another row's numbers
        assert all(g is None or g == v for g, v in zip(got[code], values)), code
    beside = [code for code in TABLE if code not in WRAPPED]  # rows printed on their labels' lines
    assert beside and all(got[code] == TABLE[code] for code in beside), [(c, got[c]) for c in beside]


def test_a_row_without_its_number_line_reads_nothing_in_order():
    text = plumber_table(WRAPPED).replace("\n0 0 0 0 0 0 0\n" + label("carried_forward"), "\n" + label("carried_forward"))
    report = parse_text(with_table3(text))
    assert not issues(report, "recovered_reading_order")
    assert all(v is None for v in cells(report)["carried_forward"])


AMBIGUOUS = {  # other_no_correction: its 总计 beside its label's first line, `0 0 0 0 0 1` below
    **TABLE,
    "new_received": [5, 2, 0, 1, 0, 1, 9],
    "other_no_correction": [0, 0, 0, 0, 0, 1, 1],
    "total_processed": [6, 2, 0, 1, 0, 1, 10],
}


def total_beside_wrapped_label(table: dict, code: str = "other_no_correction") -> str:
    """The table with `code`'s label wrapped over two lines, its 总计 level with the first half and
    its other values on a line between the halves (the national template as pdfplumber prints it)."""
    whole = label(code)
    *values, total = table[code]
    lines = plumber_table(set(), table).splitlines()
    at = next(k for k, line in enumerate(lines) if line.startswith(whole))
    half = len(whole) // 2
    lines[at : at + 1] = [f"{whole[:half]} {total}", " ".join(map(str, values)), whole[half:]]
    return "\n".join(lines)


def test_a_wrapped_row_that_adds_up_in_two_orders_is_read_as_the_column_identities_say():
    """`1` / `0 0 0 0 0 1` adds up read in order (1 | 0 … 0 | 1) and with the 1 as 总计 (0 … 0 | 1 | 1):
    the order printed says nothing (was: read in order, 自然人 1 and 其他 0). The column identities
    pick the one that holds."""
    report = parse_text(with_table3(total_beside_wrapped_label(AMBIGUOUS)))
    got = cells(report)
    for code in catalogue.table3_rows():
        if code != "other_handling":
            assert got[code] == AMBIGUOUS.get(code, [0] * 7), code
    assert any("other_no_correction" in d and "column identities" in d for d in issues(report, "recovered_reading_order"))


def test_a_wrapped_row_that_adds_up_in_two_orders_stays_null_when_no_identity_decides():
    text = total_beside_wrapped_label(AMBIGUOUS).replace(f"{label('total_processed')} 6 2 0 1 0 1 10", label("total_processed"))
    report = parse_text(with_table3(text))
    got = cells(report)
    assert got["other_no_correction"] == [None] * 7
    assert got["granted"] == AMBIGUOUS["granted"]
    assert any("more than one order of them adds up" in d for d in issues(report, "row_misaligned"))


@pytest.mark.parametrize("own_line", [False, True], ids=["beside", "own_line"])
def test_a_group_heading_wrapped_beside_a_wrapped_row_label_keeps_the_row(own_line):
    """The national template as pdfplumber prints it: （六）其他处理 written down the table's left
    wraps beside 2.申请人逾期未按收费…'s wrapped label (`（六）其 2.申请人…缴纳费 0` / `他处理 用、行政机关…
    0 0 0 0 0 0` / `申请`), or on a line of its own between the label's lines. Was: `他处理` ended
    the row and its values stood under an unknown label, the row NULL (unless the whole table, read
    in the template's order, held: here a row of the report's own breaks its 总计)."""
    whole = label("other_fee_unpaid")
    cut = whole.index("用、")
    printed = {**TABLE, "carried_forward": [0, 0, 0, 0, 0, 0, 1]}
    lines = plumber_table(set(), printed).replace("（六）其他处理\n", "").splitlines()
    at = next(k for k, line in enumerate(lines) if line.startswith(whole))
    rest = f"{whole[cut:-2]} 0 0 0 0 0 0"
    lines[at : at + 1] = [f"（六）其 {whole[:cut]} 0", *(["他处理", rest] if own_line else [f"他处理 {rest}"]), whole[-2:]]
    got = cells(parse_text(with_table3("\n".join(lines))))
    assert got["other_fee_unpaid"] == [0] * 7
    for code, values in printed.items():  # every other row as printed
        assert got[code] == values, code


def test_a_numbering_mark_printed_between_a_wrapped_label_s_lines_keeps_the_row():
    """A label's numbering centred in its cell prints between the label's lines (a browser's PDF
    through pdftotext -layout: `本机关不掌握相关政府 0` / `1.` / `信息   0   0 …`). Was: `1.` ended the
    row, whose values then went to the next row's label, read as above it (a wrong number where
    that row had a blank)."""
    whole = label("unavailable_not_held")
    printed = {**TABLE, "unavailable_not_held": [0] * 7, "carried_forward": [0, 0, 0, 0, 0, 0, 1]}
    lines = plumber_table(set(), printed).splitlines()
    at = next(k for k, line in enumerate(lines) if line.startswith(whole))
    lines[at : at + 1] = [f"{whole[2:-2]} 0", whole[:2], f"{whole[-2:]} 0 0 0 0 0 0"]
    got = cells(parse_text(with_table3("\n".join(lines))))
    for code, values in printed.items():
        assert got[code] == values, code


def test_a_label_s_numbering_printed_below_it_with_the_row_s_values_keeps_the_row():
    """A browser's PDF through pdftotext -layout: the label's first line without its numbering and
    the row's first value, the numbering on the next line with the other values, the label's rest
    below (`要求行政机关确认或重新出具已获 0` / `5.   0   0 …` / `取信息`). Was: the mark ended the
    row, and its values went to the next row's label as printed above it."""
    whole = label("not_processed_confirmation")
    printed = {**TABLE, "carried_forward": [0, 0, 0, 0, 0, 0, 1]}
    lines = plumber_table(set(), printed).splitlines()
    at = next(k for k, line in enumerate(lines) if line.startswith(whole))
    lines[at : at + 1] = [f"{whole[2:-3]} 0", f"{whole[:2]} 0 0 0 0 0 0", whole[-3:]]
    got = cells(parse_text(with_table3("\n".join(lines))))
    for code, values in printed.items():
        assert got[code] == values, code
    assert got["not_processed_confirmation"] == [0] * 7
