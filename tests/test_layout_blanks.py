"""A blank cell in text that keeps the page's layout (`pdftotext -layout`, pdfplumber's
layout=True): the row prints one value fewer than the table has columns, and where the blank
stands the gap between two values is about twice the others. Placed only when exactly one gap
between values is that wide and the row's 总计 is the sum of the others; otherwise NULL.
"""

from __future__ import annotations

import re

import pytest

from parsers import catalogue, rows

from . import gold
from .test_text_forms import GOLD, SAMPLE, issues, misread, parse_text, wrong_cells

APPLICANTS = catalogue.applicants()
PITCH = [0, 6, 10, 16, 20, 26, 30]  # where each of table 3's seven columns starts, as an extractor lays them out
HEADER = "自然人  商业企业  科研机构  社会公益组织  法律服务机构  其他  总计"
_VALUES = re.compile(r"^(?P<label>.*?)((?:\t[^\t]*)+)$")


def laid_out(values: list[str | None], pitch: list[int] = PITCH) -> str:
    """Values at their columns' positions, None left blank: the text a layout-keeping extractor prints."""
    line = ""
    for at, v in zip(pitch, values):
        if v is not None:
            line = line.ljust(at if not line else max(at, len(line) + 1)) + v
    return line


def layout_sample(
    blank_column: int = 5,
    pitch: list[int] = PITCH,
    label_gap: int = 8,
    column: int = 0,
    left: dict | None = None,
    zeros_blank: int | None = None,
    label_width: int = 0,
    text: str | None = None,
) -> str:
    """The sample's table 3 as a layout-keeping extractor prints it: a header naming 其他, each
    six-value row with its blank in `blank_column`, columns at `pitch`; with `column`, the
    numbers start that far along the line, a row named in `left` printed that much further left
    (its first number only, or the whole row when the shift is negative); rows of zeros with
    their blank in `zeros_blank` when given; every label padded to `label_width`, if given;
    `text`: the sample as tab-separated text, changed or not."""
    head, rest = (SAMPLE if text is None else text).split("三、收到和处理政府信息公开申请情况", 1)
    table, tail = rest.split("四、政府信息公开行政复议", 1)
    out = []
    for line in table.splitlines():
        cells = [c.strip() for c in line.split("\t")]
        numbers = [c for c in cells if re.fullmatch(r"\d+", c)]
        if not numbers:
            out.append("   ".join(c for c in cells if c))
            if "自然人" in line:
                out.append(HEADER)
            continue
        label = " ".join(c for c in cells if c and c not in numbers)
        if len(numbers) == len(PITCH) - 1:
            at = zeros_blank if zeros_blank is not None and set(numbers) == {"0"} else blank_column
            numbers = numbers[:at] + [None] + numbers[at:]
        if not column:
            out.append(label.ljust(label_width) + " " * label_gap + laid_out(numbers, pitch))
            continue
        shift = next((k for name, k in (left or {}).items() if name in label), 0)
        values = laid_out(numbers, pitch)
        if shift > 0:  # the first number stands left of its column, the others in theirs
            first = numbers[0]
            line = label.ljust(column - shift) + first + values[len(first) :].rjust(len(values) - len(first) + shift)
        else:
            line = label.ljust(column + shift) + values
        out.append(line)
    return head + "三、收到和处理政府信息公开申请情况" + "\n".join(out) + "\n四、政府信息公开行政复议" + tail


def gold_with_blank(column: int) -> dict:
    """The sample's gold with its six-value rows' blank in `column` (the sample's blank is 其他)."""
    want = {**GOLD, "applications": {}}
    for row, values in GOLD["applications"].items():
        if values[5] is None:
            values = values[:5] + values[6:]
            values = values[:column] + [None] + values[column:]
        want["applications"][row] = values
    return want


def test_gaps_kept_from_the_line_split():
    line = "一、本年 新收政府信息公开申请数量        64    6   0     0   0         70"
    pieces, gaps, starts = rows.split_line_gaps(line, lambda t: False)
    assert pieces == ["一、本年新收政府信息公开申请数量", "64", "6", "0", "0", "0", "70"]
    assert gaps == [0, 8, 4, 3, 5, 3, 9]
    assert starts == [-1, 25, 31, 35, 41, 45, 55]  # on the line as printed (the label's space counted)
    assert [line[k] for k in starts[1:]] == ["6", "6", "0", "0", "0", "7"]
    assert rows.split_line("一、本年新收 64 6", lambda t: False) == ["一、本年新收", "64", "6"]


def test_blank_other_column_lands_as_null():
    report = parse_text(layout_sample())
    assert not wrong_cells(report), wrong_cells(report)[:5]
    assert not issues(report, "row_misaligned")


def three_after_blank(column: int) -> tuple[str, dict]:
    """The sample with 3 of its 自然人 requests moved to the column right of a blank in `column`, in
    new_received, granted and total_processed alike (every identity holds), and its gold."""
    text, want = SAMPLE, gold_with_blank(column)
    for label, six in (("一、本年新收", 64), ("予以公开", 17)):
        numbers = [six, 6, 0, 0, 0, six + 6]
        moved = [six - 3, *[3 if k == column else n for k, n in enumerate(numbers[1:-1], start=1)], six + 6]
        old_line = next(line for line in text.splitlines() if label in line)
        text = text.replace(old_line, old_line.replace("\t".join(map(str, numbers)), "\t".join(map(str, moved))))
    total = "\t57\t6\t0\t0\t0\t0\t63"
    printed = [54, 6, 0, 0, 0, 0, 63]
    printed[column + 1] = 3
    text = text.replace(total, "\t" + "\t".join(map(str, printed)))
    apps = dict(want["applications"])
    for code in ("new_received", "granted"):
        row = list(apps[code])
        row[0] -= 3
        row[column + 1] = 3
        apps[code] = row
    apps["total_processed"] = printed
    return text, {**want, "applications": apps}


@pytest.mark.parametrize("column", [2, 3, 4])
def test_blank_in_an_inner_column_lands_where_the_gap_is(column):
    """A gap twice the others shows the blank where the value right after it is not 0: a blank one
    column further right would move that value, which the column identities check."""
    text, want = three_after_blank(column)
    report = parse_text(layout_sample(blank_column=column, text=text))
    assert not misread(report, want), misread(report, want)[:3]
    got = gold.report_cells(report)
    for code in ("new_received", "granted"):
        assert [got[("applications", code, a)] for a in APPLICANTS] == want["applications"][code]


@pytest.mark.parametrize("column", [2, 3, 4])
def test_a_gap_between_zeros_places_no_blank(column):
    """The sample's rows hold zeros right of an inner blank (`64 6   0 0 0 70`): the blank one
    column further right would only move a 0, which no identity checks, and a wide column leaves
    a gap after its value as wide as a blank (pdftotext's 商业企业). Never a 0 under the blank's
    column: the gaps place no blank, and read as a column left blank in the run of six-value rows
    (every other row whole) only what every column the identities allow agrees on lands: 自然人,
    商业企业 and 总计; the columns of zeros, the blank's among them, stay NULL."""
    want = gold_with_blank(column)
    report = parse_text(layout_sample(blank_column=column))
    assert not misread(report, want), misread(report, want)[:3]
    got = gold.report_cells(report)
    assert [got[("applications", "new_received", a)] for a in APPLICANTS] == [64, 6, None, None, None, None, 70]
    assert any("a column left blank" in d for d in issues(report, "recovered_blank_cells"))


def test_a_wider_column_s_gap_is_no_blank():
    """Columns of unequal widths (a browser sizes them by their headings): the rows' six values
    stand in the first six columns, the widest gap the wide 社会公益组织 column's, not a whole
    column (the narrowest gap and a digit) wider than the others. Which cell is blank, the line
    does not show: never a 0 under 其他 (the sample prints 其他 blank); read as a column left blank
    in the run of six-value rows, only the cells every allowed column agrees on land."""
    report = parse_text(layout_sample(blank_column=6, pitch=[0, 4, 8, 12, 18, 22, 26]))
    assert not misread(report), misread(report)[:3]
    got = gold.report_cells(report)
    assert [got[("applications", "new_received", a)] for a in APPLICANTS] == [64, 6, None, None, None, None, 70]
    total = [got[("applications", "total_processed", a)] for a in APPLICANTS]
    assert total == GOLD["applications"]["total_processed"] == [57, 6, 0, 0, 0, 0, 63]  # printed whole: as printed


def zeros_blank_at(column: int) -> dict:
    """The sample's gold with the blank of its rows of zeros (six zeros and a blank) in `column`."""
    zeros = [0, 0, 0, 0, 0, None, 0]
    moved = [0] * (len(zeros) - 1)
    moved.insert(column, None)
    return {**GOLD, "applications": {r: moved if v == zeros else v for r, v in GOLD["applications"].items()}}


def test_rows_of_zeros_need_their_values_to_show_their_blank():
    """0 = 0 + 0 + …: a row of zeros holds its total wherever its blank goes, so its gap alone
    does not place it (here no row with numbers has its blank where the zeros' gap is). Rows
    whose labels differ in length stand their values elsewhere on the line than any row printed
    in full, and stay NULL; those whose values stand exactly where such a row's do are read as
    printed: a 0 under 其他, the blank under 社会公益组织."""
    report = parse_text(layout_sample(zeros_blank=3))
    assert not misread(report, zeros_blank_at(3)), misread(report, zeros_blank_at(3))[:3]
    got = gold.report_cells(report)
    assert got[("applications", "carried_over", "natural_person")] is None
    assert got[("applications", "new_received", "total")] == 70
    row = [got[("applications", "denied_inquiry_matters", a)] for a in APPLICANTS]
    assert row == [0, 0, 0, None, 0, 0, 0]


@pytest.mark.parametrize("zeros_blank", [1, 3, 5])
def test_columns_aligned_on_every_line_place_every_blank(zeros_blank):
    """What a layout-keeping extractor (inscriptis, pdftotext -layout) prints when it pads every
    label to one width: each column's values start at one place on every line, so the rows
    printed in full show where each column stands, and a row one value short (zeros too, and a
    blank the gaps cannot show) has its blank in the one column none of its values stands in."""
    want = zeros_blank_at(zeros_blank)
    report = parse_text(layout_sample(zeros_blank=zeros_blank, label_width=60))
    assert not wrong_cells(report, want), wrong_cells(report, want)[:3]
    assert not issues(report, "row_misaligned")


def test_a_row_of_zeros_without_its_total_is_not_filled():
    """Six zeros and the 总计 left blank: no gap is clearly the widest and the zeros do not stand
    where a row's with its blank shown do, so the row stays NULL rather than move a zero into 总计."""
    row = "2. 重复申请" + " " * 8 + laid_out(["0", "0", "0", "0", "0", None, "0"])
    text = layout_sample()
    assert row in text
    report = parse_text(text.replace(row, "2. 重复申请" + " " * 8 + laid_out(["0", "0", "0", "0", "0", "0", None])))
    assert not misread(report), misread(report)[:3]
    assert any("not_processed_duplicate" in d for d in issues(report, "row_misaligned"))


@pytest.mark.parametrize("column", [0, 1])
def test_blank_in_the_first_two_columns_is_not_guessed(column):
    """Between the label and the first value every gap is wide, so nothing tells a blank 自然人;
    and a first number printed left of its column widens the gap after it as a blank 商业企业 would."""
    want = gold_with_blank(column)
    report = parse_text(layout_sample(blank_column=column))
    assert not misread(report, want), misread(report, want)[:3]
    assert issues(report, "row_misaligned")


def test_two_wide_gaps_leave_the_row_null():
    """A wide first column (a number printed left of its column): two gaps as wide as a blank's."""
    wide_first = [0, 12, 16, 20, 24, 28, 36]
    report = parse_text(layout_sample(pitch=wide_first))
    assert not misread(report), misread(report)[:3]
    assert wrong_cells(report) and issues(report, "row_misaligned")


def test_evenly_spread_columns_show_the_blank():
    report = parse_text(layout_sample(pitch=[0, 8, 16, 24, 32, 40, 48]))
    assert not wrong_cells(report), wrong_cells(report)[:5]


def test_a_row_whose_total_does_not_add_up_is_not_filled():
    text = layout_sample().replace(
        laid_out(["64", "6", "0", "0", "0", None, "70"]), laid_out(["64", "6", "0", "0", "0", None, "71"])
    )
    report = parse_text(text)
    assert not misread(report), misread(report)[:3]
    assert any("new_received" in d for d in issues(report, "row_misaligned"))


def test_full_rows_with_a_wide_first_gap_are_untouched():
    report = parse_text(layout_sample(label_gap=30))
    assert not wrong_cells(report), wrong_cells(report)[:5]


ROW = "予以公开"  # (一) 予以公开: 17 6 0 0 0 23


def test_first_number_left_of_its_column_takes_the_blank_of_rows_aligned_with_it():
    """`17        6   0     0   0         23`: two wide gaps, but every number after the first
    stands where those of rows whose gap showed the blank do."""
    text = layout_sample(column=40, left={ROW: 4})
    assert "予以公开                  17        6   0     0   0         23" in text
    report = parse_text(text)
    assert not wrong_cells(report), wrong_cells(report)[:5]


def test_a_row_printed_off_the_columns_is_not_aligned():
    """The whole row further left (its line's indent lost): its numbers stand nowhere another
    row's do, so nothing says where its blank is. The table's arithmetic places what every
    reading agrees on (17, 6 and 23); the zeros, any of which may be the blank, stay NULL."""
    row = "予以公开                  17        6   0     0   0         23"
    text = layout_sample(column=40, left={ROW: 4}).replace(row, row.replace("  17", "17"))
    report = parse_text(text)
    assert not misread(report), misread(report)[:3]
    got = gold.report_cells(report)
    assert [got[("applications", "granted", col)] for col in APPLICANTS] == [17, 6, None, None, None, None, 23]
    assert issues(report, "recovered_blank_cells")


def test_a_gap_the_column_identities_contradict_places_no_blank(monkeypatch):
    """pdftotext -layout squeezing a table's columns unevenly: every short row shows its widest gap
    after 商业企业 while its blank is 其他 (a real PDF's `9     0        0   3   0    12` for 9 0 0
    3 0 _ 12). The rows agree with each other, but 社会公益组织's 新收 + 结转 = 办理总计 + 结转下年
    fails read so and holds with the blank under 其他: the gaps told wrong, and the rows are not
    read by them (were: 2 read under 法律服务机构, 0 under 其他). Read as a column left blank in the
    run of six-value rows, the identities allow no blank column that moves the 2: it lands under
    社会公益组织, the columns of zeros NULL."""
    moved = {
        "一、本年新收政府信息公开申请数量\t64\t6\t0\t0\t0\t70": "一、本年新收政府信息公开申请数量\t64\t6\t0\t2\t0\t72",
        "(一) 予以公开\t17\t6\t0\t0\t0\t23": "(一) 予以公开\t17\t6\t0\t2\t0\t25",
        "(七) 总计\t\t57\t6\t0\t0\t0\t0\t63": "(七) 总计\t\t57\t6\t0\t2\t0\t0\t65",
    }
    text = SAMPLE
    for old, new in moved.items():
        assert old in text
        text = text.replace(old, new)
    monkeypatch.setattr(f"{__name__}.SAMPLE", text)
    want = {**GOLD, "applications": {**GOLD["applications"]}}
    want["applications"]["new_received"] = [64, 6, 0, 2, 0, None, 72]
    want["applications"]["granted"] = [17, 6, 0, 2, 0, None, 25]
    want["applications"]["total_processed"] = [57, 6, 0, 2, 0, 0, 65]
    report = parse_text(layout_sample(blank_column=2))
    assert not misread(report, want), misread(report, want)[:3]
    got = gold.report_cells(report)
    assert got[("applications", "new_received", "legal_service_agency")] is None  # never the 2 read by the gaps
    assert got[("applications", "new_received", "social_welfare_org")] == 2
    assert got[("applications", "total_processed", "social_welfare_org")] == 2
    assert any("a column left blank" in d for d in issues(report, "recovered_blank_cells"))
    # the same text with the gaps where the blanks are: every cell lands
    report = parse_text(layout_sample(blank_column=5))
    assert not wrong_cells(report, want), wrong_cells(report, want)[:3]
