"""Template matching: one parser for every layout. A Document's cells are placed onto the
catalogue's sections, rows and columns; what cannot be placed with certainty becomes an Issue."""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache
from pathlib import Path

from . import bodies, catalogue, runs, settings, tables
from . import rows as line_rows
from .numbers import parse_number
from .memo import Memo
from .readers import Cell, Document, furniture
from .report import ParsedReport

# A title's pieces, which the patterns of titles.csv are written in: the body, the year (digits,
# or 二〇二四 as formal titles write it), the disclosure it reports on (政府信息公开, or 政务公开 as
# some bodies title it), and the report (年度报告, 报告, 年报).
_TITLE_PIECES = {
    "agency": r"(?P<agency>.{2,60}?)",
    "year": r"(?P<year>(?:19|20)\d{2}|二[〇○零][〇○零一二三四五六七八九]{2})",
    "disclosure": r"(?:(?:政府)?信息公开|政务(?:信息)?公开)",
    "report": r"(?:年度)?(?:工作)?(?:开展)?的?(?:(?:年度)?报告|年报)",
}
TITLES_PATH = Path(__file__).with_name("titles.csv")
_DISCLOSURE = re.compile(_TITLE_PIECES["disclosure"])
# a title inside what would be the body: a title line printed twice under the body's name
# (`五常市民意乡` / `2021年…年度报告` / `2021年…年度报告`) is no body of its own
_A_TITLE = re.compile(_TITLE_PIECES["disclosure"] + _TITLE_PIECES["report"])


@cache
def _title_patterns() -> list[tuple[re.Pattern, bool]]:
    """The ways a title names body and year (titles.csv), tried in order, each with whether what it
    reads as the body must name one by its ending (a title without a year, or whose body stands
    after it, is surer so)."""
    with TITLES_PATH.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [(re.compile(row["pattern"].format(**_TITLE_PIECES)), row["body_named"] == "yes") for row in rows]


_CN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")
_NOTICE = re.compile(r"^关于(?:印发|公布|发布|公开)?")  # 关于印发XX局2024年…年度报告的通知: the body follows
# What files put before a title: crawler metadata, Markdown's, AsciiDoc's, Textile's, Jira's and LaTeX's
# heading marks (`#`, `==`, `h1(#id).`, `h1. {anchor:…}`, `\section{`), a site's breadcrumb, brackets.
_TITLE_NOISE = re.compile(
    r"^(?:#+|h[1-6](?:\([^()]*\))?\.|\{anchor:[^{}]*\}|\\(?:sub)*section\*?(?:\[[^\]]*\])?\{|[*_]+|>+|(?:标题|题名|名称|文章标题|正文标题|(?i:title))[:：]|标题|题名|[【《「“\"']|(?i:page)\d+[-–—:：]+"
    r"|[-–—]\d+[-–—]|[-+•·●▪■◆](?!\d)|\d{1,2}[.、)）](?!\d)"
    r"|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?(?:上午|下午|AM|PM)?\d{1,2}:\d{2}(?::\d{2})?(?:AM|PM|上午|下午)?)+"
)  # … a flipbook's page mark (`Page 8 - XX局2022年…`, `-1-`), a list's bullet or number (`- XX局…`, `1. XX局…`),
# the date and time a browser prints atop a page it prints, before the page's title (`12/2/26, 4:48 AM`,
# `2026/12/2 04:48`)
# A page's <title> or breadcrumb before the title proper: 站点名_… · 首页>政务公开>… · 【标题】…
_SITE_PREFIX = re.compile(r"^.*[_>＞|｜»›】]")
# Prose naming the report, where no line is its title (a crawler keeps the text, not the page's
# heading): 现公布区统计局2023年政府信息公开工作年度报告 · 现发布《重庆两江新区2024年…年度报告》
_NAMING = re.compile(r"(?:公布|发布|编制|印发|现将|向社会公开)(?:了|的)?[《“]?")
_PRONOUN = re.compile(
    r"^(?:我|本|全|该)(?:局|委|办|院|厅|署|会|站|所|单位|机关|部门|中心|区|市|县|镇|乡|街道|公司)的?$"
)  # not a name
_SENTENCE = re.compile(
    r"[，。；、《》]|^(?:根据|按照|依据|依照|现将|现发布|现公布|现印发|特编制|由|本报告|本年报|本年度报告)|编制的$"
)  # prose that mentions a report, not its title (`由XX局编制的2024年度…报告`)
_MARKUP = re.compile(r"\*\*|__|\\(?=[_*#\\-])")
_PUBLISHED = re.compile(r"(?:发布|成文|印发|公开)(?:时间|日期)[:：]\s*(?P<year>(?:19|20)\d{2})\s*[-年/.]")
_SPACES = re.compile(r"\s+")
_WRAP_SLACK = 2  # a wrapped title's first line is full: as long as the next, give or take a character or two
_TITLE_LENGTH = settings.value("title_length")  # a longer cell is prose, not (a line of) the title
_TITLE_WINDOW = settings.value(
    "title_window"
)  # cells before the first heading searched for the title (a saved page's chrome comes first)
_HEADING_SLACK = settings.value("heading_slack")
_KEYWORD_HEADING = settings.value("keyword_heading")  # a heading found by its keyword (a misprinted one) is at most this long
_NUMBER_CELL = settings.value("number_cell")
_TABLE_NUMBERS = settings.value("table_numbers")  # a cell this long is prose that mentions numbers, not a table row
_GARBLED_MIN_TEXT = settings.value("garbled_min_text")  # a shorter text is said nothing of
_GARBLED_SHARE = settings.value("garbled_share")  # ... nor one with more ideographs than this share
FIRST_TEMPLATE_YEAR = 2019  # reports on earlier years have no national tables (国办公开办函〔2019〕60号)


def parse_document(doc: Document) -> ParsedReport:
    report = ParsedReport()
    cells = doc.cells
    if not any(c.text for c in cells):
        report.error("no_text", "the file holds no text")
        return report
    cells = cut_run_together(cells, report)
    starts = find_sections(cells)
    first = min(starts.values(), default=len(cells))
    report.agency, report.year = find_title(cells[: max(first, 1)] if starts else cells[:_TITLE_WINDOW])
    if report.year is None and (published := publication_year(cells, first if starts else 0)) is not None:
        report.year = published
        report.warn(
            "year_from_publication_date", f"no year in the title; {published}, the year before the publication date, is taken"
        )
    if report.year is None and starts and (alone := bodiless_year(cells[:first])) is not None:
        report.year = alone
    report.sections = section_bodies(cells, starts)

    if not starts and report.year is None and not _holds_table3(cells):
        report.error(
            "not_a_report",
            "no report title (…年政府信息公开工作年度报告) and none of the six template parts found" + _garbled(cells),
        )
        return report

    region2 = _table_region(cells, starts, 2)
    region3, region4, aside = _regions_3_and_4(cells, starts, report, doc)
    if 3 not in starts:
        region2, region3 = _tables_2_and_3_apart(region2, region3)
    if 2 not in starts:
        region2 = _table2_from_its_rows(region2)
    t2 = tables.parse_table2(region2, report, doc.page_ends, doc.footers)
    tables.parse_table3(region3, report, doc.page_ends, doc.indents, doc.footers)
    tables.parse_table4(region4, report, _region(cells, starts, 5) if 5 in starts else [], doc.footers, doc.indents, aside)

    report.template_version = t2.version or _version_from_year(report.year)
    if report.year is not None and report.year < FIRST_TEMPLATE_YEAR and report.failed:
        _free_form(report)
    tables.fill_table2_absent(report, t2)
    if report.agency is None:
        report.warn("no_agency", "the title naming the publishing body was not found")
    if report.year is None:
        report.warn("no_year", "the report year was not found in the title")
    return report


def cut_run_together(cells: list[Cell], report: ParsedReport) -> list[Cell]:
    """Lines holding a table (or a whole report) run together, cut at the template's labels
    (parsers/runs.py); every other cell as it is. Numbers a cut leaves in doubt are reported."""
    out: list[Cell] | None = None
    last: tuple[int, int | None] = (0, None)  # the last line cut, and the part it ended in
    shortest = runs.MIN_LENGTH
    for k, cell in enumerate(cells):
        text = cell.text
        found = None if len(text) < shortest else runs.cut(text, lambda: _part_before(cells, k, last))
        if found is None:
            if out is not None:
                out.append(cell)
            continue
        pieces, doubts, part = found
        last = (k, part)
        if out is None:
            out = cells[:k]
        out.extend((line_rows.Run if p.kind == "value" else Cell)(p.text, cell.line, cell.where) for p in pieces)
        for doubt in doubts:
            report.warn(
                "unplaced_numbers",
                f"a table run together on one line ({cell.ref}): after {doubt} the numbers cannot be told "
                "from the next label's; not read",
            )
    return cells if out is None else out


def _part_before(cells: list[Cell], k: int, last: tuple[int, int | None]) -> int | None:
    """The part cell k stands in: the nearest heading before it, or where the last line cut ended."""
    stop, part = last
    for cell in reversed(cells[stop + 1 if part is not None else 0 : k]):
        if len(cell.text) <= 40:
            numbers = _HEADINGS[cell.text] if cell.text else ()
            if numbers:
                return numbers[0]
    return part


def _free_form(report: ParsedReport) -> None:
    """A report from before the national tables: its parts are kept as text; not finding the
    tables is expected, so it is said once, and no number is read out of the prose."""
    report.issues = [i for i in report.issues if i.severity != "error" and i.check_name != "unplaced_numbers"]
    report.warn(
        "pre_template_report",
        f"a report on {report.year}, before the national template of 2019: its parts are kept as text, its tables are not read",
    )
    report.template_version = None


def find_sections(cells: list[Cell]) -> dict[int, int]:
    """Index of the heading cell of each of the six parts found, in document order."""
    starts: dict[int, int] = {}
    current = 0
    headings = _HEADINGS
    numbered: dict[int, int] | None = None  # asked only where an item numbered as another part stands
    for i, cell in enumerate(cells):
        text = cell.text
        if not text or len(text) > 40:
            continue
        for number in headings[text]:
            if number <= current:
                continue  # (a part already found, or one before it: table 4's `行政复议` heading is no part's)
            item = _ITEM_NUMBER.match(_HEADING_MARKS.sub("", text))
            if item and item.group(1) != catalogue.NUMERALS[number - 1]:
                numbered = _numbered_headings(cells) if numbered is None else numbered
                if _later(numbered, number, i):
                    continue  # `（二）收到和处理…` under 一、总体情况, `二、主动公开…` after it: an item of part 一
            elif not item and not _numbered(text, number):
                numbered = _numbered_headings(cells) if numbered is None else numbered
                if _later(numbered, number - 1, i):
                    # a line found by its words alone (`行政复议、提起行政诉讼的情况、…`, a sentence wrapped at
                    # 40 columns) before an earlier part's numbered heading: prose (the part's own numbered
                    # heading after it may be one an extractor printed after the part's table)
                    continue
            starts[number] = i
            current = number
            break
    return starts


def _later(numbered: dict[int, int], number: int, i: int) -> bool:
    """A heading numbered as the template numbers it (二、…), of this part or one before it, stands
    after cell i."""
    return any(at > i for part, at in numbered.items() if part <= number)


def _numbered_headings(cells: list[Cell]) -> dict[int, int]:
    """Each part's last heading numbered as the template numbers it (三、…), by index."""
    found: dict[int, int] = {}
    for i, cell in enumerate(cells):
        if cell.text and len(cell.text) <= 40:
            for number in _HEADINGS[cell.text]:
                if _numbered(cell.text, number):
                    found[number] = i
    return found


def _heading_numbers(text: str) -> tuple[int, ...]:
    """The parts (1–6) whose heading this text can be, best first."""
    text = _HEADING_MARKS.sub("", text)
    if text.lstrip()[:1] in _GOES_ON:
        return ()  # `、行政诉讼、举报投诉等情况。`: a sentence wrapped at a line's end goes on, no heading
    key = catalogue.label_key(text)
    found = []
    for lab in catalogue.load().matcher("section").candidates(key):
        number = int(lab.code)
        if not key.startswith(lab.key) and not _numbered(text, number):
            continue  # a cut-off or misprinted heading must keep its 一、…六、: '政府信息公开' alone is a menu item
        if len(key) <= (_KEYWORD_HEADING if lab.match == "contains" else len(lab.key) + _HEADING_SLACK):
            found.append(number)
    return tuple(found)


# a heading's marks in the markups converters write, which the text reader keeps: AsciiDoc's
# `=== 五、…`, MediaWiki's `== 五、… ==`, Textile's `h2. 五、…`, Org's `** 五、…`
_HEADING_MARKS = re.compile(r"^\s*(?:=+|\*+|h[1-6]\.)\s+|\s+=+\s*$")
_GOES_ON = frozenset("、，。；：！？）》」』,.;:!?)")  # what opens the rest of a sentence, never a heading
_ITEM_NUMBER = re.compile(f"\\s*[（(]\\s*([{catalogue.NUMERALS}])\\s*[)）]")  # an item's number, (二)
_HEADINGS = Memo(_heading_numbers, 16384)  # _heading_numbers per text: find_sections asks it of every short cell


def _numbered(text: str, number: int) -> bool:
    """Numbered as part `number` is: 四、 or 四. — not 四是… of a sentence."""
    text = unicodedata.normalize("NFKC", _HEADING_MARKS.sub("", text))
    return re.match(f"\\s*{catalogue.NUMERALS[number - 1]}\\s*{catalogue.NUMBER_MARK}", text) is not None


def _annex(cells: list[Cell], starts: dict[int, int]) -> dict[int, int]:
    """Parts printed again after the last one, as an annex of tables whose own numbering
    restarts (一、主动公开… 二、收到和处理… 三、…行政复议…): their heading indexes."""
    if not starts:
        return {}
    base = max(starts.values()) + 1
    return {part: base + i for part, i in find_sections(cells[base:]).items()}


def _numbers_in(region: list[tuple[int, Cell]], enough: int = 1 << 30) -> int:
    """Cells holding digits that are not prose, counted up to `enough`."""
    n = 0
    has_digit = _DIGITS
    for _, c in region:
        if len(c.text) < _NUMBER_CELL and has_digit[c.text]:
            n += 1
            if n >= enough:
                break
    return n


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


_DIGITS = Memo(_has_digit)  # kept per text: a table's cells are the same few numbers and labels in every report


def _holds_table3(cells: list[Cell]) -> bool:
    """Table 3's rows printed by their labels, at least `tables_alone_rows` of them: a page of the
    tables alone (a site's copy that left off the title and the parts' headings) is read as a report
    that names no body or year, not refused as no report."""
    matcher = catalogue.load().matcher("t3_row")
    codes = set()
    for c in cells:
        if c.text and len(c.text) <= _NUMBER_CELL:
            key = catalogue.label_key(c.text)
            codes.update(lab.code for lab in matcher.candidates(key) if lab.match != "contains" and key.startswith(lab.key))
    return len(codes) >= _TABLES_ALONE_ROWS


_TABLES_ALONE_ROWS = settings.value("tables_alone_rows")


def _table_region(cells: list[Cell], starts: dict[int, int], part: int) -> list[tuple[int, Cell]]:
    """A table's cells: in its part, or in the annex when the part only refers to it."""
    region = _region(cells, starts, part)
    if _numbers_in(region, _TABLE_NUMBERS) >= _TABLE_NUMBERS:
        return region  # the table is in its part, as the template prints it
    annex = _annex(cells, starts)
    if part in annex:
        tail = [(i, c) for i, c in _region(cells, annex, part) if i >= annex[part]]
        if _numbers_in(tail) > _numbers_in(region):
            return tail
    return region


def _regions_3_and_4(cells: list[Cell], starts: dict[int, int], report: ParsedReport, doc: Document) -> tuple[list, list, list]:
    """Tables 3 and 4's cells, and numbers after table 4 that may be its last cells but were not
    taken for them (_with_table4_spill). When part 四 holds no number and table 4's header (an outcome's
    label) stands in table 3's region, after its rows (an extractor that printed the table before
    its heading: pymupdf4llm), table 4 is read from its header on, with a warning. Numbers alone
    before table 4's first column's heading go back to table 3 (tables.table3_spill)."""
    region3, region4 = _table_region(cells, starts, 3), _table_region(cells, starts, 4)
    if region3 and region4 and region4[0][0] <= region3[-1][0]:
        region3, region4 = _without_heading_4(region3, region4)
    if _numbers_in(region4, 1):
        if spill := tables.table3_spill(region4):
            region3, region4 = region3 + spill, [item for item in region4 if item not in spill]
        return region3, *_with_table4_spill(region4, cells, starts, report, doc)
    at = next((k for k, (_, c) in enumerate(region3) if _table4_header(_SPACES.sub("", c.text))), None)
    if at is None or not _numbers_in(region3[at:], 1):
        return region3, region4, []
    report.warn(
        "table4_before_heading",
        f"table 4's numbers stand before its heading, after table 3's rows ({region3[at][1].ref} on): read from there",
    )
    return region3[:at], region3[at:], []


def _tables_2_and_3_apart(region2: list, region3: list) -> tuple[list, list]:
    """Part 三's heading not found (a converter that drops headings: trafilatura), so table 2's
    region runs on into table 3 and table 3's holds table 2: they part where table 3 begins, at its
    first label (or a wrapped label's first line) that no label of table 2 follows, with the lines
    before it that may be its header (_header_line). Regions that do not hold both tables in that
    order, or where table 3's values may stand above its labels (more cells with a digit after table
    2's last item, a page mark among them, than the template's versions give that item together),
    are kept."""
    t2, t3 = catalogue.load().matcher("t2_item", "t2_measure"), catalogue.load().matcher("t3_row", "t3_group")
    first = next((k for k, (_, c) in enumerate(region3) if _labelled(c.text, t3, True) and not _labelled(c.text, t2)), None)
    last_item = next((k for k in range(first - 1, -1, -1) if _t2_item(region3[k][1].text)), None) if first else None
    if last_item is None or any(_labelled(c.text, t2) for _, c in region3[first:]):
        return region2, region3
    item_text = region3[last_item][1].text
    beside = len(_NUMBER_TOKEN.findall(item_text.strip()[len(_label_part(item_text)) :]))  # a layout line's values
    between = sum(1 for _, c in region3[last_item + 1 : first] if _DIGITS[c.text])  # long lines and page marks too
    if beside + between > sum(code == _t2_item(item_text) for code, _ in catalogue.table2_cells()):
        return region2, region3
    while first and _header_line(region3[first - 1][1].text, t2):
        first -= 1
    at = region3[first][0]
    return [item for item in region2 if item[0] < at], region3[first:]


def _table2_from_its_rows(region2: list) -> list:
    """Part 二's heading not found: table 2 begins at its first label, with the lines before it
    that hold no digit or only a page mark (its 第二十条 headings, and prose without a number), so
    part 一's prose is not read
    as its rows (a sentence a line ends in a number: `…政务新媒体发布信息 237`). Kept whole where a
    line of numbers alone stands before it (table 2's values printed above its labels)."""
    t2 = catalogue.load().matcher("t2_item", "t2_measure")
    first = next((k for k, (_, c) in enumerate(region2) if _labelled(c.text, t2)), None)
    if not first or any(_NUMBER_TOKEN.fullmatch(_label_part(c.text)) for _, c in region2[:first] if c.text):
        return region2
    while first and _no_number(region2[first - 1][1].text):
        first -= 1
    return region2[first:]


def _header_line(text: str, t2: catalogue.LabelMatcher) -> bool:
    """A line that may be table 3's header, walking back from its first label: no number (or only a
    page mark), no label of table 2, and not a unit alone (`元`, the end of table 2's last value)."""
    return _no_number(text) and not _labelled(text, t2) and tables.BARE_UNIT.match(text) is None


def _no_number(text: str) -> bool:
    """A line with no digit, or a page mark (`- 1 -`) between a table's header and its rows."""
    return not _DIGITS[text] or furniture().match(text.strip()) is not None


def _labelled(text: str, matcher: catalogue.LabelMatcher, opening: bool = False) -> bool:
    """A cell whose label part is one of the matcher's labels: the whole label (exact) or its
    opening (prefix); with `opening`, also a wrapped label's first line (`一、本年新收政府信息`: as
    long as the matcher offers partial keys, LabelMatcher.MIN_PARTIAL)."""
    key = _label_key(text)
    for lab in matcher.candidates(key) if key else ():
        if key == lab.key if lab.match == "exact" else lab.match == "prefix" and key.startswith(lab.key):
            return True
        if opening and lab.match == "prefix" and lab.key.startswith(key):
            return True
    return False


def _label_key(text: str) -> str | None:
    """The key of a cell's label part, None where it is too long to be a label."""
    part = _label_part(text) if text else ""
    return catalogue.label_key(part) if part and len(part) <= _NUMBER_CELL else None


def _label_part(text: str) -> str:
    """A line's label without the values after it (`规章      0    0    1`: layout text keeps a row
    on one line): what stands before a tab, a run of spaces, or a space before a digit."""
    return _VALUES_AFTER.split(text.strip(), maxsplit=1)[0]


_VALUES_AFTER = re.compile(r"\t|\s{2,}|\s(?=\d)")
_NUMBER_TOKEN = re.compile(r"\d+(?:[.,]\d+)*")


def _t2_item(text: str) -> str | None:
    """The table 2 item whose whole label the cell's label part is."""
    key = _label_key(text)
    return (
        next((lab.code for lab in catalogue.load().matcher("t2_item").candidates(key) if key == lab.key), None) if key else None
    )


def _without_heading_4(region3: list, region4: list) -> tuple[list, list]:
    """Tables 3 and 4 in one region, part 四's heading not found: table 4, whose numbers are placed
    by their order and not by labels, only from its header's first word on (结果维持 …), table 3
    before it; no such word, no table 4 (table 3's numbers are no table 4's, a page cut off after
    table 3)."""
    at = next((i for i, c in region4 if _table4_header(_SPACES.sub("", c.text))), None)
    if at is None:
        return region3, []
    return [item for item in region3 if item[0] < at], [item for item in region4 if item[0] >= at]


def _with_table4_spill(
    region4: list, cells: list[Cell], starts: dict[int, int], report: ParsedReport, doc: Document
) -> tuple[list, list]:
    """Table 4's region, with its last cells where a text extractor printed them after part 五's
    heading (pdftotext reads the national template's right-hand columns after the heading, or
    after part 五's prose: `五、存在的主要问题… / 复议后起诉 / 总计 / 0 / 结果 …`): the numbers of
    parts 五 and 六 that follow table 4's header words or part 五's heading (a browser's PDF:
    `五、存在的主要问题… / 0 / 0 / 1 / 1`), or else those ending the page table 4 ends on
    (pdftotext sets the table's last cell there, after part 六's prose and the page's footer),
    taken only when with them the table has its 15 values and each proceeding's 总计 is the sum
    of its outcomes. Those that give it 15 values but a 总计 that fails are set aside (second): a
    report whose own 总计 fails prints them there as well, so the table's numbers are not known to
    be all it prints, and no missing one may be taken for an empty cell a tool dropped."""
    width = len(catalogue.outcomes())
    expected = width * len(catalogue.proceedings())
    if 5 not in starts or _numbers_in(region4, expected) >= expected:
        return region4, []  # the common case, at the cost of a count
    have = _values(region4)
    if not 0 < len(have) < expected:
        return region4, []
    later = [*_region(cells, starts, 5), *_region(cells, starts, 6)]
    aside: list = []
    for spill, where in (
        (_after_heading_5(later), "after the next part's heading"),
        (_ending_the_page(region4, later, expected - len(have), doc), "at the end of its page, after the parts that follow it"),
    ):
        values = have + _values(spill)
        if spill and len(values) == expected and tables.table4_holds(values, width):
            report.warn(
                "table4_continued",
                f"table 4's last {len(values) - len(have)} values stand {where} ({spill[0][1].ref} on): "
                "read from there, every proceeding's 总计 the sum of its outcomes",
            )
            return region4 + spill, []
        if spill and len(values) == expected:
            aside = aside or spill
    return region4, aside


def _after_heading_5(later: list) -> list:
    """The numbers (and table 4's header words among them) that parts 五 and 六 print before any
    other text."""
    spill, after_words = [], True  # the heading itself may be what pdftotext printed before them
    for i, c in later:
        text = _SPACES.sub("", c.text)
        if after_words and (n := parse_number(text)) is not None and n.value is not None:
            spill.append((i, c))
            continue
        after_words = bool(text) and set(text) <= _table4_characters()
        if after_words:
            spill.append((i, c))
    return spill


def _ending_the_page(region4: list, later: list, missing: int, doc: Document) -> list:
    """The last `missing` numbers of the page table 4 ends on, when that page ends with them
    (table 4's header characters among them aside). One on a line that may print the page's number
    is taken only after another such line printing the same number: one of the two is the footer,
    and the value is that number either way."""
    last = region4[-1][1].line
    end = min((n for n in doc.page_ends if n >= last), default=None)
    page = [(i, c) for i, c in later if c.line > last and (end is None or c.line <= end)]
    taken: list = []
    for k in range(len(page) - 1, -1, -1):
        text = _SPACES.sub("", page[k][1].text)
        if not text or set(text) <= _table4_characters():
            continue
        n = parse_number(text)
        if n is None or n.value is None or len(taken) == missing:
            break
        cell = page[k][1]
        if tables.on_footer_line(cell.ref, doc.footers) and not any(
            tables.on_footer_line(c.ref, doc.footers) and c.text.strip() == cell.text.strip() for _, c in page[:k]
        ):
            return []
        taken.append(page[k])
    return taken[::-1] if len(taken) == missing else []


def _values(region: list) -> list[float]:
    out = []
    for _, c in line_rows.table_cells(region, line_rows.no_label):
        n = parse_number(c.text)
        if n is not None and n.value is not None:
            out.append(n.value)
    return out


@cache
def _table4_characters() -> frozenset[str]:
    """The characters of table 4's header words (its outcomes and proceedings), which a text
    extractor prints in pieces: 结果 / 维持, 复议后起诉, 总 / 计."""
    cat = catalogue.load()
    return frozenset("".join([*cat.canonical("outcome").values(), *cat.canonical("proceeding").values()]))


@cache
def _table4_words() -> tuple[str, ...]:
    """Table 4's outcome labels that no label of table 3 is (结果维持 …, not 总计)."""
    cat = catalogue.load()
    return tuple(set(cat.canonical("outcome").values()) - set(cat.canonical("applicant").values()))


def _table4_header(text: str) -> bool:
    return any(word in text for word in _table4_words())


def _region(cells: list[Cell], starts: dict[int, int], part: int) -> list[tuple[int, Cell]]:
    """The cells of one part, with their document index; the whole document when the part's
    heading is missing but the table may still be there (rows are matched by label anyway)."""
    if part in starts:
        begin = starts[part] + 1
        later = [s for n, s in starts.items() if n > part]
        end = min(later) if later else len(cells)
    else:
        earlier = [s for n, s in starts.items() if n < part]
        later = [s for n, s in starts.items() if n > part]
        begin = max(earlier) + 1 if earlier else 0
        end = min(later) if later else len(cells)
    return list(enumerate(cells[begin:end], begin))


def find_title(cells: list[Cell]) -> tuple[str | None, int | None]:
    """Body and year from the title: the last title before the first part (a page lists other
    years' reports in its chrome before the report itself), over up to three cells; else over
    up to three lines, each line's cells joined (a title a layout extractor set out in columns:
    `XX办公室      2024      年政府` / `信息公开工作年度报告`); else from the opening prose."""
    marks = furniture()
    kept = [c for c in cells[-_TITLE_WINDOW:] if _short(c.text) and not marks.match(c.text.strip())]
    texts = [_title_text(t) for t in _year_put_back([c.text for c in kept])]
    found = _last_title(texts)
    if found is None:
        lines: dict[int, str] = {}
        for c in kept:
            lines[c.line] = lines.get(c.line, "") + _title_text(c.text)
        found = _last_title(list(lines.values()))
    found = found or _title_opening(cells[-_TITLE_WINDOW:]) or _title_in_prose(cells[-_TITLE_WINDOW:])
    return found if found[0] else _last_title(texts, dated=False) or found


def bodiless_year(cells: list[Cell]) -> int | None:
    """The year of a title that names no body (`2021年政府信息公开工作年度报告` alone, a page that
    prints its body elsewhere or not at all), where it is the last line before the report: a
    page's links to other years' reports stand above its own title, not there."""
    texts = [t for t in (_title_text(c.text) for c in cells[-_TITLE_WINDOW:] if _short(c.text)) if t]
    m = _BODILESS.match(texts[-1]) if texts else None
    return int(m.group("year").translate(_CN_DIGITS)) if m else None


_BODILESS = re.compile("^{year}年度?{disclosure}{report}$".format(**_TITLE_PIECES))
_YEAR_ALONE = re.compile(r"^\s*((?:19|20)\d\d)\s*$")
_GAP_BEFORE_NIAN = re.compile(r"(?<=\S)\s+(?=年)")


def _year_put_back(texts: list[str]) -> list[str]:
    """A title whose year a text tool set on a line of its own, leaving a gap before 年 (pdfminer
    on a PDF whose digits are in another font than the ideographs, their boxes a few points
    apart: `XX局 年政府信息公开工作` / `2019` / `年度报告`), or before a line that opens with 年
    (pdfplumber on a page Chromium printed: `XX办公室` / `年政府信息公开工作年度报告` / `2023`):
    the year back in the gap beside it."""
    out = list(texts)
    for i, text in enumerate(texts):
        if (year := _YEAR_ALONE.match(text)) is None:
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(out) and _GAP_BEFORE_NIAN.search(out[j]):
                out[j], out[i] = _GAP_BEFORE_NIAN.sub(year.group(1), out[j], count=1), ""
                break
            if 0 <= j < len(out) and out[j].lstrip().startswith("年"):
                out[j], out[i] = year.group(1) + out[j].lstrip(), ""
                break
    return out


def _title_opening(cells: list[Cell]) -> tuple[str, int] | None:
    """The title that opens a long cell, run into the text after it (a crawler's get_text() of a
    page whose title, date and first paragraph are one line: `2019年XX办公厅政府信息公开工作年度报告
    发布日期：…本年度报告根据…`)."""
    for c in cells:
        if not _short(c.text) and (found := _title_match(_title_text(c.text[: 2 * _TITLE_LENGTH])[:_TITLE_LENGTH])):
            return found
    return None


def _short(text: str) -> bool:
    """Short enough for (a line of) a title, the spaces a layout pads it with not counted."""
    return len(text) <= _TITLE_LENGTH or len(_SPACES.sub("", text)) <= _TITLE_LENGTH


def _last_title(texts: list[str], dated: bool = True) -> tuple[str, int | None] | None:
    """The last title among the lines (over up to three), by the patterns that read a year, or
    those that read none (`驼峰路街道办事处政府信息公开工作年度报告`: the body alone, only where no
    title names a year)."""
    for i in range(len(texts) - 1, -1, -1):  # the last title wins: search from the end
        if not texts[i]:
            continue
        for width in (1, 2, 3):  # a title may be broken over lines
            m = _title_match("".join(texts[i : i + width]), dated)
            if m and _sentence_goes_on(texts[i - 1] if i else "") and not bodies.names_a_body(m[0]):
                break  # `…办公厅关于编` / `制公布2021年…年度报告有关事项`: a sentence wrapped at 50 columns, no title
            if m:
                return _wrapped_body(texts, i, width, m, dated)
    return None


def _sentence_goes_on(text: str) -> bool:
    """A line of a sentence that goes on to the next (parted inside by `，`, `、` or `；`, no end of
    its own): the next line is its rest."""
    return bool(text) and _INSIDE_SENTENCE.search(text) is not None and text[-1] not in _SENTENCE_ENDS


_INSIDE_SENTENCE = re.compile("[，、；]")
_SENTENCE_ENDS = frozenset("。！？；：”’）》」』)")


def _wrapped_body(texts: list[str], i: int, width: int, found: tuple, dated: bool = True) -> tuple[str, int | None]:
    """The title found at line i, or the one that opens a line earlier where the line before is
    the first line of a title wrapped inside the body's name, no sentence and no title of its own,
    and it makes a body that names its region of one that does not: a full line, at least as long
    as the line after it (`中国人民政治协商会议重庆市梁平区委员会办` / `公室2024年…`), or a department
    that names its region, the title's body one of its offices (`武汉市东湖生态旅游风景区管理委员会` /
    `卫生健康办公室2023年…`). A site's name above the title (`重庆市人民政府`, a portal's) is
    shorter than the title and no department, and is left out."""
    before = texts[i - 1] if i > 0 else ""
    if not before or _DISCLOSURE.search(before) or _SENTENCE.search(before):
        return found
    full_line = len(before) >= len(texts[i]) - _WRAP_SLACK
    if not full_line and not _parent_department(before, found[1]):
        return found
    joined = _title_match(before + "".join(texts[i : i + width]), dated)
    if joined and not bodies.normalize(found[0], found[1]).placed and bodies.normalize(joined[0], joined[1]).placed:
        return joined
    return found


def _parent_department(text: str, year: int | None) -> bool:
    """A line that names a department or a development zone's administration and its region
    (`武汉市东湖生态旅游风景区管理委员会`), not a government (a portal bears its government's name)."""
    body = bodies.normalize(text, year)
    return body.placed and body.kind in _PARENT_KINDS


_PARENT_KINDS = ("department", "development_zone")


def _title_in_prose(cells: list[Cell]) -> tuple[str | None, int | None]:
    """The title as the opening prose names it (`…，现公布XX局2023年政府信息公开工作年度报告。`):
    the first sentence that names a report of one body and year (not `我局…`, not a notice
    `关于编制公布…的通知` cited)."""
    for c in cells:
        text = _SPACES.sub("", c.text)
        if not _DISCLOSURE.search(text):
            continue
        for m in _NAMING.finditer(text):
            found = _title_match(text[m.end() : m.end() + _TITLE_LENGTH])
            if found and not (_PRONOUN.match(found[0]) or _NAMING.search(found[0])):
                return found
    return None, None


def _title_text(text: str) -> str:
    return _TITLE_NOISE.sub("", _MARKUP.sub("", _SPACES.sub("", _ASCIIDOC_HEADING.sub("", text))))


_ASCIIDOC_HEADING = re.compile(r"^\s*={1,6}\s+")  # `== 标题`; a title that opens `=HYPERLINK(…` keeps it


def _title_match(joined: str, dated: bool = True) -> tuple[str, int | None] | None:
    """Body and year by the first pattern of titles.csv that reads a year (dated), or that reads
    none; where the pattern says so, only a body named as bodies are (not a column's heading,
    `部门政府信息公开年度报告`, nor `政府` out of a title that names no body)."""
    if not _DISCLOSURE.search(joined) or not ("报告" in joined or "年报" in joined):
        return None  # words every title pattern holds: most lines are ruled out before any regex runs
    for pattern, body_named in _title_patterns():
        if ("year" in pattern.groupindex) != dated or not (m := pattern.match(joined)):
            continue
        if m.group("agency").endswith((":", "：")):
            continue  # a label whose value the title is (`更新时间:` above it, `标题：`): no body
        agency = _NOTICE.sub("", _SITE_PREFIX.sub("", m.group("agency")).strip("《》【】“”\"'：:，,"))
        agency = _YEAR_BEFORE.sub("", agency)  # the year printed twice: `2025XX乡2025年度…`
        if agency.startswith("年") and bodies.normalize(agency[1:]).placed:
            agency = agency[1:]  # `年XX市人民政府办公厅政府信息公开…`: the year's digits set elsewhere (lost)
        if agency.endswith("人民"):
            agency += "政府"  # `2024年合水镇人民政府信息公开…`: the body's 政府 is the title's too
        if not agency or _SENTENCE.search(agency) or _A_TITLE.search(agency) or "关于" in agency or _LABELLED.search(agency):
            continue  # (a page's line above the title joined to it, `发布时间：2020-01-31 录入：XX镇`: no body)
        if _year_lost_before(agency):
            continue  # `首页年XX局`: a lost year's 年 between a line above and the body
        if body_named and (_NOT_A_NAME.search(bodies.without_alias(agency)) or not bodies.names_a_body(agency)):
            continue  # a line joined after the title that is no name alone (`来源：XX局`, a date before it)
        return agency, int(m.group("year").translate(_CN_DIGITS)) if dated else None
    return None


_YEAR_BEFORE = re.compile(r"^(?:19|20)\d\d(?:年度?(?=\D)|(?=[^\d年]))")  # not `2025` of `2025年1月`
_NOT_A_NAME = re.compile(r"[\d:：]|(?:网站|门户)$")  # a label's colon, a date's digits or a site: no body's name
# in any title no body's: a label's colon (not a link's), a date, or a 年 opening it (`年政府`: a year
# whose digits a PDF's font lost, the body on the line above)
_LABELLED = re.compile(r"：|:(?!//)|\d{4}[-/.年]\d|^年")


def _year_lost_before(agency: str) -> bool:
    """A 年 before a body named with its region (`首页年成都市交通运输局`, `成都市人民政府年XX局`):
    a title's year whose digits a PDF's font lost, joined to the line above it; the body is what
    follows, and what stands before is no part of it (not `万年县`, `新年街道`: no body after 年)."""
    at = agency.find("年")
    return at > 0 and bodies.normalize(agency[at + 1 :]).placed


_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")


def _garbled(cells: list[Cell]) -> str:
    """What to say of a long text with hardly an ideograph in it: most often a PDF's text taken
    without its fonts' Unicode maps (`!"#$%&'()*`), which only the PDF itself can still give."""
    text = "".join(c.text for c in cells)
    if len(text) < _GARBLED_MIN_TEXT or len(_IDEOGRAPH.findall(text)) > _GARBLED_SHARE * len(text):
        return ""
    return (
        f"; the text holds almost no Chinese characters ({len(_IDEOGRAPH.findall(text))} of {len(text)}): text a PDF "
        "gave without its fonts' Unicode maps reads so; ingest the PDF itself, which is then read by OCR"
    )


def publication_year(cells: list[Cell], first_part: int = 0) -> int | None:
    """The year a report is on, from its publication date (发布时间：2025-01-20 → 2024), or from a
    date on a line of its own before the first part (`2026年1月8日` under the title): reports are
    published early in the year after the one they cover."""
    for c in cells[:_TITLE_WINDOW]:
        m = _PUBLISHED.search(c.text)
        if m:
            return int(m.group("year")) - 1
    for c in cells[: min(first_part, _TITLE_WINDOW)]:
        m = _DATE_LINE.match(c.text)
        if m:
            return int(m.group("year")) - 1
    return None


_DATE_LINE = re.compile(r"^\s*(?P<year>(?:19|20)\d{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$")


def section_bodies(cells: list[Cell], starts: dict[int, int]) -> list[tuple[int, str, str]]:
    out = []
    ordered = sorted(starts.items(), key=lambda kv: kv[1])
    for k, (number, begin) in enumerate(ordered):
        end = ordered[k + 1][1] if k + 1 < len(ordered) else len(cells)
        out.append((number, _HEADING_MARKS.sub("", cells[begin].text), join_cells(cells[begin + 1 : end])))
    return out


def join_cells(cells: list[Cell]) -> str:
    lines: list[str] = []
    last = None
    for c in cells:
        if c.line != last:
            lines.append(c.text)
            last = c.line
        else:
            lines[-1] += "\t" + c.text
    return "\n".join([line for line in map(str.rstrip, lines) if line])


def _version_from_year(year: int | None) -> str | None:
    if year is None:
        return None
    return "2021" if year >= 2021 else "2019" if year >= 2019 else None
