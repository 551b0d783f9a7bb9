"""Blank cells a converter keeps (`二、上年结转… | | | | | | | 0 |`, tabs, a cell a line): a
report that prints its zeros blank, as many bodies' pages do, made from a rendering by the
crawler of scripts/text_variants.py (a table row a line, every cell followed by ` | `) with
each 0 of table 3 left out of its cell. An empty cell at either end of a row is a blank cell
where the table's other rows show where its values stand; where nothing shows it (a label's
empty cell and a blank 自然人 read alike) the row stays NULL, never shifted: the generated
corpora's reports leaving zeros blank (tests/test_corpus.py) hold such rows."""

from __future__ import annotations

import json
import re

from parsers.parse import parse_bytes
from scripts import make_corpus, text_variants

from . import gold
from .helpers import RENDERINGS


STEM = "000_77fdd4e7ff0578bb"  # its table 3 prints 其他 under a header without it: six cells a row, seven in 其他处理's


def _zeros_blank(text: str) -> str:
    """Table 3's zeros as blank cells, the 总计 kept as printed."""
    head, rest = text.split("三、收到和处理政府信息公开申请情况", 1)
    table, tail = rest.split("四、政府信息公开行政复议", 1)
    rows = []
    for line in table.splitlines():
        cells = line[: -len(" |")].split(" | ") if line.endswith(" |") else None
        if cells and cells[-1].isdigit():
            line = " | ".join(["" if c == "0" else c for c in cells[:-1]] + cells[-1:]) + " |"
        rows.append(line)
    return head + "三、收到和处理政府信息公开申请情况" + "\n".join(rows) + "四、政府信息公开行政复议" + tail


def _gold_zeros_blank() -> dict:
    want = gold.load(gold.GOLDEN / f"{STEM}.json")
    apps = {row: [None if v == 0 else v for v in values[:-1]] + values[-1:] for row, values in want["applications"].items()}
    return {**want, "applications": apps}


def test_crawler_rows_with_zeros_blank_land_as_printed():
    text = text_variants.HTML_VARIANTS["crawler_rows"]((RENDERINGS / f"{STEM}.html").read_bytes())
    blank = _zeros_blank(text)
    assert "二、上年结转政府信息公开申请数量 |  |  |  |  |  |  | 0 |" in blank  # six blank cells, then 总计
    _, report = parse_bytes(blank.encode("utf-8"), "x.txt")
    assert not gold.differences(gold.expected_cells(_gold_zeros_blank()), gold.report_cells(report))


def test_a_table_2_row_s_blank_last_cell_is_null():
    """`| 规章 | 0 | 0 | |` (a county bureau's page): its cells kept by their bars, the last one
    blank: 现行有效件数 is NULL and the others land (was: the row left NULL as two glued cells)."""
    text = text_variants.HTML_VARIANTS["crawler_rows"]((RENDERINGS / f"{STEM}.html").read_bytes())
    row = "规章 | 0 | 0 | 1 |"
    assert row in text
    want = gold.load(gold.GOLDEN / f"{STEM}.json")
    want["active_disclosure"]["regulations"]["in_force"] = None
    for blank in ("规章 | 0 | 0 |  |", "| 规章 | 0 | 0 | |"):
        _, report = parse_bytes(text.replace(row, blank).encode("utf-8"), "x.txt")
        assert not gold.differences(gold.expected_cells(want), gold.report_cells(report)), blank


def _with_table4(page: str, values: list[int | None]) -> str:
    """The page with table 4's row of values (its last table's last row) printing these, None
    as an empty cell (`&nbsp;`)."""
    start = page.rindex("<tr>", 0, page.rindex("</table>"))
    end = page.index("</tr>", start)
    cells = page[start:end].split("<span>")
    assert len(cells) == 16
    row = cells[0] + "".join(
        f"<span>{'&nbsp;' if v is None else v}</span>" + c[c.index("</span>") + 7 :] for v, c in zip(values, cells[1:])
    )
    return page[:start] + row + page[end:]


def _table4_lands(path, values: list[int | None]) -> None:
    want = gold.load(gold.GOLDEN / f"{path.stem}.json")
    rl = {p: values[k * 5 : k * 5 + 5] for k, p in enumerate(want["review_litigation"])}
    _, report = parse_bytes(_with_table4(path.read_text(encoding="utf-8"), values).encode("utf-8"), "x.html")
    assert not gold.differences(gold.expected_cells({**want, "review_litigation": rl}), gold.report_cells(report)), path
    assert not report.issues, (path.name, values, report.issues)


def test_table4_s_blank_cells_in_a_real_table_are_null():
    """A page leaving table 4's zeros blank, 总计 too (as a provincial office's page does): each
    empty cell NULL in its place, every printed one landed, no finding; a 复议后起诉 left blank
    throughout, and every cell of a body with no case (was: the empty cells at the row's end
    dropped, 10 of 15 values and none placed; all 15 empty, the report failed with no_table4)."""
    for path in sorted(RENDERINGS.glob("*.html")):
        want = gold.load(gold.GOLDEN / f"{path.stem}.json")
        _table4_lands(path, [v or None for p in want["review_litigation"] for v in want["review_litigation"][p]])
    path = RENDERINGS / f"{STEM}.html"
    _table4_lands(path, [5, None, None, 2, 7, 8, None, None, 1, 9, None, None, None, None, None])
    _table4_lands(path, [None] * 15)


def test_table4_s_row_of_values_after_a_row_of_empty_cells_keeps_its_blank_cells():
    """Table 4's row of values after a row of empty cells (the rest of a header a page break cut,
    in the next page's table, as Chrome prints it; a Word page's empty row), its first eight cells
    blank: the row's fifteen cells are the values, each blank one NULL in its place (was: the
    empty cells at the row's start dropped with the empty row's, 7 of 15 values, none placed)."""
    values = [None] * 8 + [17, 17, 1, 1, None, None, 2]
    path = RENDERINGS / f"{STEM}.html"
    page = _with_table4(path.read_text(encoding="utf-8"), values)
    start = page.rindex("<tr>", 0, page.rindex("</table>"))
    page = page[:start] + "<tr>" + "<td><span>&nbsp;</span></td>" * 15 + "</tr>" + page[start:]
    want = gold.load(gold.GOLDEN / f"{path.stem}.json")
    rl = {p: values[k * 5 : k * 5 + 5] for k, p in enumerate(want["review_litigation"])}
    _, report = parse_bytes(page.encode("utf-8"), "x.html")
    assert not gold.differences(gold.expected_cells({**want, "review_litigation": rl}), gold.report_cells(report))
    assert not report.issues, report.issues


def test_table4_s_blank_cells_kept_by_a_converter_are_null():
    """The same page as text whose converter keeps empty cells (a row a line with bars, Markdown,
    a cell a line): table 4 lands as printed, its trailing blanks NULL; with every cell empty it
    is said to be printed without numbers, not failed (no_table4 is for a table not found), or,
    where each empty cell is a bar on a line of its own, read as the page: fifteen cells, NULL."""
    page = (RENDERINGS / f"{STEM}.html").read_text(encoding="utf-8")
    shanghai = [5, None, None, 2, 7, 8, None, None, 1, 9, None, None, None, None, None]
    for name in ("crawler_rows", "crawler_cell_lines", "markdownify_md"):
        text = text_variants.HTML_VARIANTS[name](_with_table4(page, shanghai).encode("utf-8"))
        _, report = parse_bytes(text.encode("utf-8"), "x.txt")
        assert [c for _, _, c, _ in report.review_litigation] == shanghai, name
        assert "table4_misaligned" not in {i.check_name for i in report.issues}, name
    for name, convert in text_variants.HTML_VARIANTS.items():
        _, report = parse_bytes(convert(_with_table4(page, [None] * 15).encode("utf-8")).encode("utf-8"), "x.txt")
        assert not report.failed and [c for _, _, c, _ in report.review_litigation] == [None] * 15, name
        if name == "crawler_bar_lines":  # each empty cell a bar of its own line: fifteen cells, as the page prints them
            assert not report.issues, name
        else:
            assert "table 4 is printed without numbers" in str(report.issues), name


def test_table4_s_empty_end_cells_a_converter_dropped_are_put_back_by_its_totals():
    """A row of cells whose empty ones at its start a converter dropped (`|  |  | 1 | 2 | 3 |…`
    read from its first value: a bar-led row's empty cells read as indentation) is put back where
    the one placement whose every 总计 holds puts it, and said so; a number a page printed over two
    spans (`2 6`) is one cell. Where two placements hold, nothing is placed."""
    page = (RENDERINGS / f"{STEM}.html").read_text(encoding="utf-8")
    printed = [None, None, 1, 2, 3, 26, None, None, None, 26, 1, None, 1, 1, 3]
    spans = make_corpus._NUMBER_SPAN.sub(r"\1\2\4\1\3\4", _with_table4(page, printed))
    for html in (_with_table4(page, printed), spans):
        text = text_variants.HTML_VARIANTS["crawler_rows"](html.encode("utf-8"))
        assert " |  | 1 | 2 | 3 | 2" in text
        _, report = parse_bytes(text.encode("utf-8"), "x.txt")
        assert [c for _, _, c, _ in report.review_litigation] == printed
        assert "recovered_blank_cells" in {i.check_name for i in report.issues}
    both = [None] * 5 + [None, None, 2, 7, 9, 1, 1, None, 11, 13]  # 2 7 9 | 1 1 _ 11 13 fits two places
    text = text_variants.HTML_VARIANTS["crawler_rows"](_with_table4(page, both).encode("utf-8"))
    _, report = parse_bytes(text.encode("utf-8"), "x.txt")
    assert [c for _, _, c, _ in report.review_litigation] == [None] * 15


# the converters that keep a table's empty cells as cells: a row a line parted by bars, Markdown
CELL_KEEPERS = (
    "crawler_rows",
    "crawler_cell_lines",
    "markdownify_md",
    "html2text_md",
    "trafilatura",
    "trafilatura_md",
)


def test_outcome_rows_printed_without_their_totals_land_as_printed(tmp_path):
    """Pages printing the outcome rows' 总计 blank, only 一、二、（七）and 四、 with one, as a
    provincial office's page of 2019 does (make_corpus --totals-blank): the page and every
    converter that keeps empty cells land each table 3 cell as printed, the blank 总计 NULL, where
    the header prints 其他 (was: every such row NULL in converted text, html2text's blank last cell
    dropped, and a real table's empty last cell refused under a header without 其他). Every other
    tool's text never misreads them."""
    made = [
        (p, json.loads(p.with_suffix(".json").read_text(encoding="utf-8")))
        for p in make_corpus.generate(tmp_path, 10, seed=77, formats=("html",), variants=("tools",), totals_blank=1.0)
    ]
    assert all(g["totals_blank"] for _, g in made)
    checked = 0
    for path, g in made:
        want = gold.expected_cells(g)
        _, report = parse_bytes(path.read_bytes(), path.name)
        got = gold.report_cells(report)
        assert not [k for k in want if got.get(k) is not None and got[k] != want[k]], path.name
        kept = g.get("variant") is None or (g["variant"] in CELL_KEEPERS and not make_corpus.LAYOUTS[g["layout"]].six_columns)
        if kept:
            assert not gold.differences(
                {k: v for k, v in want.items() if k[0] == "applications"},
                {k: v for k, v in got.items() if k[0] == "applications"},
            ), path.name
            checked += 1
    assert checked >= 40


def test_a_row_printing_one_value_in_a_table_leaving_totals_blank():
    """A page printing table 3's zeros and its outcome rows' 总计 blank (make_corpus
    --zeros-blank --totals-blank: seed 9393's fourth report), whose （二）部分公开 prints one value,
    its 其他, and whose label spans columns: as the converters that keep empty cells print it, that
    lone value is not taken for the row's 总计, nor does it set where other rows of as many cells
    have their values (was: 部分公开's 其他 read as its 总计, 予以公开's 商业企业 as 科研机构)."""
    import random

    from scripts import render_samples

    rng = random.Random(9393)
    reports = make_corpus.build_reports(rng, 60, 0.05, 0.2, 0.2, 0.2, 0.3)
    for report in reports[:4]:
        text = make_corpus.render(report, rng)
    g = make_corpus.gold_of(report)
    assert g["zeros_blank"] and g["totals_blank"] and g["applications"]["partially_granted"] == [None] * 5 + [1, None]
    page = render_samples.page(text.encode("utf-8"), g).encode("utf-8")
    want = gold.expected_cells(g)
    for name in CELL_KEEPERS:
        if not text_variants.available(name):
            continue
        _, parsed = parse_bytes(
            text_variants.HTML_VARIANTS[name](page).encode("utf-8"), f"x.{'md' if name.endswith('_md') else 'txt'}"
        )
        got = gold.report_cells(parsed)
        assert not [k for k in want if got.get(k) is not None and got[k] != want[k]], name


def test_a_crawler_s_cells_a_paragraph_each_land_blank_cells_where_printed(tmp_path):
    """Pages printing zeros (or table 3's rows of zeros, or its outcome rows' 总计) blank, as a
    crawler stores a table a paragraph a cell: a filled cell its line and an empty line, an empty
    cell one empty line (a county bureau's page reads so). Every table 3 row whose 总计 is printed
    lands as printed, the blank cells NULL, under headers with and without 其他 (was: every row
    holding a blank cell NULL, `has 4 values, expected 7`); a row whose 总计 is blank stays NULL (an
    empty line more or less, a spacer cell or one dropped, would read alike). Text dropping empty
    cells (html-text) never misreads them."""
    made = [
        (p, json.loads(p.with_suffix(".json").read_text(encoding="utf-8")))
        for p in make_corpus.generate(
            tmp_path, 12, seed=2626, broken_share=0, formats=("html",), zeros_blank=0.5, totals_blank=0.3, rows_blank=0.3
        )
    ]
    blanks = 0
    for path, g in made:
        want = gold.expected_cells(g)
        totalled = {k: v for k, v in want.items() if k[0] == "applications" and want[(k[0], k[1], "total")] is not None}
        blanks += sum(v is None for v in totalled.values())
        for name in ("crawler_paragraphs", "html_text"):
            _, report = parse_bytes(text_variants.HTML_VARIANTS[name](path.read_bytes()).encode("utf-8"), "x.txt")
            got = gold.report_cells(report)
            assert not [k for k in want if got.get(k) is not None and got[k] != want[k]], (path.name, name)
            if name == "crawler_paragraphs":
                assert not gold.differences(totalled, {k: got.get(k) for k in totalled}), path.name
    assert blanks > 300


def test_placeholders_in_cells_a_paragraph_each_land_as_printed(tmp_path):
    """Pages printing `/` in every empty cell of their tables (zeros left blank; a township's page
    prints them so), as html-text leaves them, a cell a paragraph: every cell of tables 3 and 4
    lands, each `/` NULL (was: every row holding one refused, `its 总计 is not the sum of the
    others`, a printed `/` read as an unknown cell, not as the nothing it prints)."""
    made = make_corpus.generate(tmp_path, 6, seed=2727, broken_share=0, formats=("html",), zeros_blank=1.0)
    slashes = 0
    for path in made:
        g = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        page = _EMPTY_TD.sub(r"\1/\2", path.read_text(encoding="utf-8"))
        slashes += page.count(">/<")
        _, report = parse_bytes(text_variants.HTML_VARIANTS["html_text"](page.encode("utf-8")).encode("utf-8"), "x.txt")
        want = {k: v for k, v in gold.expected_cells(g).items() if k[0] != "active_disclosure"}
        got = {k: v for k, v in gold.report_cells(report).items() if k in want}
        assert not gold.differences(want, got), path.name
    assert slashes > 500


_EMPTY_TD = re.compile(r"(<td[^>]*>(?:<p>)?(?:<span>)?)((?:</span>)?(?:</p>)?</td>)")  # an empty cell of a page


def test_numbers_over_two_spans_in_cells_a_paragraph_each_are_never_misread(tmp_path):
    """The same pages with each number printed over two spans (make_corpus --variants spans), as a
    crawler storing a cell a paragraph leaves them (`1 5`): no cell lands a number other than the
    printed one (was: table 4's `1 5` placed as its last piece, 5 for 15, and its 总计 so)."""
    made = make_corpus.generate(
        tmp_path, 30, seed=11, formats=("html",), variants=("spans",), zeros_blank=0.5, totals_blank=0.3, rows_blank=0.3
    )
    pages = [p for p in made if "__spans" in p.name]
    for path in pages:
        want = gold.expected_cells(json.loads(path.with_suffix(".json").read_text(encoding="utf-8")))
        text = text_variants.HTML_VARIANTS["crawler_paragraphs"](path.read_bytes())
        got = gold.report_cells(parse_bytes(text.encode("utf-8"), "x.txt")[1])
        assert not [k for k in want if got.get(k) is not None and got[k] != want[k]], path.name
    assert len(pages) >= 10


def _blank_other_lost(page: str, merged: bool) -> tuple[str, int]:
    """The page with each table-3 row whose 其他 is blank printing it merged into the 总计 beside it
    (one cell, colspan 2), as some offices' pages do, or leaving it out; and how many rows were so."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page, "html.parser")
    changed = 0
    for table in soup.find_all("table"):
        rows = table.find_all("tr")
        if "上年结转" not in table.get_text() or len(rows) < 3 or "其他" not in rows[2].get_text():
            continue
        for tr in rows[3:]:
            cells = tr.find_all(["td", "th"], recursive=False)
            if len(cells) >= 7 and not cells[-2].get_text(strip=True):
                cells[-2].decompose()
                if merged:
                    cells[-1]["colspan"] = "2"
                changed += 1
    return str(soup), changed


def test_a_row_that_lost_its_blank_cell_is_never_read_a_column_off(tmp_path):
    """Pages whose table-3 rows print a blank 其他 merged into the 总计 (one cell where the others
    print two) or leave it out, as the page itself reads, as a crawler that pads each row to the
    table's widest leaves them (`| （一）予以公开 | 5 |  |  |  |  | 5 | |`) and as w3m draws them (every
    row to the grid's width): no number misread (was: a row one cell short read from its start
    wherever no row of its count showed its places, or padded to as many cells as whole rows, its
    总计 landed as 其他). Where a row may be one short, it is NULL."""
    forms = {"padded": text_variants.HTML_VARIANTS["crawler_padded_rows"]}
    if text_variants.available("w3m"):
        forms["w3m"] = text_variants.HTML_VARIANTS["w3m"]
    changed_rows = 0
    for path in make_corpus.generate(tmp_path, 40, seed=3033, formats=("html",), zeros_blank=0.5, totals_blank=0.2):
        want = gold.expected_cells(json.loads(path.with_suffix(".json").read_text(encoding="utf-8")))
        for merged in (True, False):
            page, changed = _blank_other_lost(path.read_text(encoding="utf-8"), merged)
            changed_rows += changed
            if not changed:
                continue
            texts = {"page": page, **{name: convert(page.encode("utf-8")) for name, convert in forms.items()}}
            for name, text in texts.items():
                _, report = parse_bytes(text.encode("utf-8"), "x.html" if name == "page" else "x.txt")
                got = gold.report_cells(report)
                assert not [k for k in want if got.get(k) is not None and got[k] != want[k]], (path.name, merged, name)
    assert changed_rows >= 200


def test_markdown_rows_of_six_cells_printing_their_last_alone_land_it_as_the_total(tmp_path):
    """Pages printing zeros blank under a header without 其他, as Markdown converters leave them:
    a row of six cells printing only its last (`1.属于国家秘密 |  |  |  |  |  | 0`) has its 总计 there,
    the five before it blank, whether the row is six columns or one that lost an empty cell (was:
    `has 1 values`, NULL). Rows of other counts are not placed by it: pandas sets some rows' value a
    cell before an empty last one. markitdown lands 208 of the 250 totals (75 before), none wrong."""
    made = make_corpus.generate(tmp_path, 10, seed=2929, broken_share=0, formats=("html",), zeros_blank=1.0)
    pages = [(p, json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))) for p in made]
    for name in ("markitdown_html_md", "pandas_md", "tabulate_grid_md", "prettytable_md"):
        if not text_variants.available(name):
            continue
        landed = 0
        for path, g in pages:
            want = gold.expected_cells(g)
            _, report = parse_bytes(text_variants.HTML_VARIANTS[name](path.read_bytes()).encode("utf-8"), "x.md")
            got = gold.report_cells(report)
            assert not [k for k in want if got.get(k) is not None and got[k] != want[k]], (path.name, name)
            landed += sum(
                v is not None and got.get(k) == v for k, v in want.items() if k[0] == "applications" and k[2] == "total"
            )
        assert landed >= {"markitdown_html_md": 208}.get(name, 50), name


def test_a_bar_alone_opening_each_row_repeats_no_blank_cell():
    """A district's archived page opens each table row with a bar alone on its line, then a cell a
    line (`规章 |` / `0 |` / `0 |` / `|`), so a row whose last cell is blank is followed by two bars
    alone: the blank cell, and the next row's opening. No cell lands wrong; an empty cell read
    again for a cell already placed repeats nothing (was: `duplicate_cell` where the row lands),
    while a second value is still said to be printed twice."""
    from parsers import tables
    from parsers.numbers import parse_number
    from parsers.readers import Cell
    from parsers.report import ParsedReport

    page = (RENDERINGS / f"{STEM}.html").read_text(encoding="utf-8")
    row = "<span>规章</span></p></td>"
    start = page.index(row)
    last = page.index("<span>", page.index("<span>", page.index("<span>", start + len(row)) + 1) + 1)
    page = page[:last] + "<span>&nbsp;" + page[page.index("</span>", last) :]
    text = text_variants.HTML_VARIANTS["crawler_opened_rows"](page.encode("utf-8"))
    assert "规章 |\n0 |\n0 |\n|\n|\n行政规范性文件 |" in text
    _, report = parse_bytes(text.encode("utf-8"), "x.txt")
    want = gold.expected_cells(gold.load(gold.GOLDEN / f"{STEM}.json"))
    want[("active_disclosure", "regulations", "in_force")] = None
    got = gold.report_cells(report)
    assert [k for k, v in got.items() if v is not None and want[k] != v] == []
    assert "duplicate_cell" not in {i.check_name for i in report.issues}

    placed, result = ParsedReport(), tables.Table2()
    for text in ("0", "", "3"):
        tables._place_table2(placed, result, "regulations", "in_force", None, parse_number(text), Cell(text, 9))
    assert result.cells[("regulations", "in_force")][0] == 0
    assert [i.check_name for i in placed.issues] == ["duplicate_cell"]
