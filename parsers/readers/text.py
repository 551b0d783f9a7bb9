"""Plain text as pasted or extracted: tab-separated rows, |-separated cells, or one cell per line."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
import csv
from collections.abc import Callable
from itertools import accumulate
import re
from typing import NamedTuple

from .. import settings
from ..catalogue import NUMERALS
from ..memo import Memo
from . import LINE_REFS, SIMPLIFIED, TRADITIONAL, Cell, Document, Padded, ReadError, Ruled, furniture, radicals_read

# Markdown as converters write it: headings, emphasis, escapes, and the rule under a table's header.
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_EMPHASIS = re.compile(r"\*\*|__|(?<=\S)\*(?=\S)|\\(?=[\\`*_{}\[\]()#+\-.!|<>~])")
_MD_BREAK = re.compile(r"<br\s*/?>")  # a line break inside a cell: it parts the cell's numbers (`3<br>0<br>3` is 3, 0, 3)
# a line break before a bracketed numeral inside a table cell (`三、本<br>（一）予以` | `公开`): a tool
# put a group heading's piece and the next row's label in one cell; the row's label starts a cell
_MD_BREAK_ROW = re.compile(rf"<br\s*/?>\s*(?=[（(][{NUMERALS}]+[）)])")
# Inline HTML a converter keeps (pymupdf4llm prints `<sup>结果</sup>` for a raised word): the tag
# goes, its content stays, so a label inside reads as printed. A raised or lowered piece parts
# what is beside it (a footnote mark `12<sup>1</sup>` is not 121); other tags join.
_MD_SCRIPT = re.compile(r"</?su[pb](?:\s[^<>]*)?>", re.IGNORECASE)
# (Org's text of an empty anchor, `<<>>`, is nothing: a blank cell holding one is blank.)
_MD_INLINE = re.compile(r"</?(?:b|i|u|em|strong|span|small|font|s|del|ins|mark)(?:\s[^<>]*)?>", re.IGNORECASE)
_MD_HINT = re.compile(r"[#*\\]|--|<|\]\{")  # one scan decides whether a line may hold any of them
_MD_MARKS = ("#", "*", "\\", "--", "<br", "</", "]{")  # the same, as plain substrings: a text without any is no Markdown
# pandoc's own Markdown of a page keeps an element's attributes: `[三、收到…]{style="…"}` is its text
_HARD_BREAK = re.compile(r"(?<!\\)\\[ \t]*$")  # pandoc's line break: a backslash ending a line
_MD_SPAN = re.compile(r"\[([^\[\]]*)\]\{[^{}]*\}")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
# `0 | ||`: after a row's last cell, the cells its colspans cover, as crawlers print them (a cell
# of its own is padded, `|  |`); dropped, so that a row does not end in blanks it never printed
_COVERED = re.compile(r"\|\s?\|{2,}\s*$")
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding it was in: UTF-8 (with or without BOM), UTF-16 (with a BOM, or
    without one as pdftotext writes it), GB18030 (a superset of GB2312 and GBK), or Big5. Binary
    content is refused rather than decoded into noise."""
    if not data.strip():
        raise ReadError("empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc, errors="strict"), enc
    sample = data[:65536]
    if b"\x00" in sample:
        encoding = _utf16_without_bom(sample)
        if encoding is None:
            raise ReadError("binary content: not a text report (NUL bytes)")
        try:
            return _text_not_binary(data.decode(encoding)), encoding
        except UnicodeDecodeError:
            raise ReadError("binary content: not a text report (NUL bytes, and not UTF-16)") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as e:
        if (big5 := _big5(data)) is not None:
            return big5
        raise ReadError(f"undecodable text: neither UTF-8 nor GB18030 (byte {e.start})") from None
    if SIMPLIFIED not in text and (big5 := _big5(data)) is not None:
        return big5
    return _text_not_binary(text), "gb18030"


def _big5(data: bytes) -> tuple[str, str] | None:
    """Big5 text (a Taiwan or Hong Kong mirror's copy, in traditional characters) decodes as GB18030
    too, into other characters: it is Big5 (Windows' cp950, else Hong Kong's HKSCS) when that
    gives the template's 公開 and GB18030 gave no 公开."""
    for encoding in ("cp950", "big5hkscs"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if TRADITIONAL in text:
            return _text_not_binary(text), encoding
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 written without a byte-order mark (`pdftotext -enc UTF-16` writes big-endian so):
    the zero high bytes of digits, spaces and line ends stand at even offsets (big-endian) or odd
    ones (little-endian), far more often than a character's low byte is zero at the other."""
    n = len(sample) // 2
    even, odd = sample[0 : 2 * n : 2].count(0), sample[1 : 2 * n : 2].count(0)
    if even >= 0.05 * n and even > 3 * odd:
        return "utf-16-be"
    if odd >= 0.05 * n and odd > 3 * even:
        return "utf-16-le"
    return None


_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # control characters but tab, line breaks and form feed


def _text_not_binary(text: str) -> str:
    controls = len(_CONTROL.findall(text, 0, 20000))
    if controls > 0.01 * min(len(text), 20000):
        raise ReadError("binary content: not a text report (control characters)")
    return text


def read(data: bytes) -> Document:
    text, encoding = decode(data)
    text = radicals_read(text)
    shown_on = None
    if "<" in text and (spans := _markup_tables(text)):
        text, shown_on = _tables_as_rows(text, spans)
    if "</" in text and _INLINE_TAG.search(text):
        text = _INLINE_TAG.sub(_tag_line_breaks, text)
    if ("|_." in text or "|<." in text or "|>." in text or "|=." in text) and _TEXTILE_CELL.search(text):
        text = _TEXTILE_CELL.sub("| ", text)
    if sum(map(text.count, _BOX_SIDES)) >= _BOXED:
        text = _box_grids(text)
        if (rows := _box_rows(text, _DRAWN)) is not None:
            text, shown_on = rows[0], _through(shown_on, rows[1])
    if (("---" in text or "===" in text or "{|" in text or "||" in text) and _RULES.search(text) or _csv_lines(text)) and (
        spaced := _spaced_tables(text)
    ) is not None:
        text, on = spaced
        shown_on = _through(shown_on, on)
    if "|--" in text and "-+-" in text and (rows := _box_rows(text, _ASCII)) is not None:
        text, shown_on = rows[0], _through(shown_on, rows[1])
    lines = text.splitlines()
    if ("|--" in text or "|:-" in text) and _NUMBERED_HEADER.search(text):  # (a Markdown table's rule)
        lines = _markdown_numbering_dropped(lines)
    if "\n1  " in text and _NUMBERED_ROWS.search(text):
        lines = _row_numbers_dropped(lines)
    boxed = sum(map(text.count, _BOX_SIDES)) >= _BOXED
    if boxed:
        lines = [_unboxed(line) for line in lines]
    marks = _furniture_lines(lines)
    numbers, footers = _page_number_lines(text) if "\f" in text else _joined_page_numbers(lines)
    marks |= numbers
    page_ends = _page_ends(text, marks) if "\f" in text else frozenset()
    printed_on = None
    if marks:
        lines, printed_on = _without_lines(lines, marks)
        page_ends = frozenset(k for k, n in enumerate(printed_on, start=1) if n in page_ends)
    markdown = any(mark in text for mark in _MD_MARKS)
    if "]{" in text and "\\" in text:
        lines = _pandoc_breaks(lines)
    if "\n\t" in text and (margin := _cell_margin(text)):
        cells = _copied_cells(lines, margin)
    elif markdown or boxed or "|" in text:
        cells = cells_of_lines(lines, markdown)
    else:
        cells = _tab_cells(lines)
    if boxed:  # a terminal browser draws every row to the grid's width, as a padding crawler does
        cells = [Padded(c.text, c.line, c.where) if type(c) is Cell else c for c in cells]
    if printed_on is not None:
        _refer_to_printed_lines(cells, printed_on)
    if shown_on is not None:
        _refer_to_printed_lines(cells, shown_on)
    indents = (
        {n: len(line) - len(line.lstrip(" ")) for n, line in enumerate(lines, start=1) if line[:1] == " "} if "  " in text else {}
    )
    return Document(format="txt", cells=cells, encoding=encoding, page_ends=page_ends, indents=indents, footers=footers)


def _through(shown_on: list[int] | None, on: list[int]) -> list[int]:
    """Each line's number in the text as it came, after a rewrite that moved lines (`on`: each new
    line's number in the text it rewrote, itself rewritten where `shown_on` says)."""
    return on if shown_on is None else [shown_on[k - 1] for k in on]


# an inline tag a converter kept in the text (pandoc's MediaWiki of a saved page: `<span style="…
# font-size:16.0000pt;">规章</span>`): none of the text, its attributes' numbers no values
_INLINE_TAG = re.compile(r"</?(?:span|font|b|i|u|s|em|strong|small|big|sup|sub|mark|o:p|a)\b[^<>]*>", re.IGNORECASE)


# a Textile table cell's marks before its text (`|_. 申请人情况`, a header cell; `|<. 0`, aligned left; spans `\\2`, `/3`)
_TEXTILE_CELL = re.compile(r"\|(?:[_<>=^~]|<>|\\\d+|/\d+)+\. ")


def _tag_line_breaks(m: re.Match) -> str:
    """A tag's line breaks (attributes over two lines) stay, so every line keeps its number."""
    return "\n" * m.group().count("\n")


_TABLE_TAG = re.compile(r"<(/?)table\b[^>]*>", re.IGNORECASE)
_ROW_TAG = re.compile(r"<tr\b", re.IGNORECASE)


def _markup_tables(text: str) -> list[tuple[int, int]]:
    """Where the text holds HTML tables (start, end): outermost ones, a table nested in a cell
    inside its own. A text that only speaks of a table's markup has none."""
    spans: list[tuple[int, int]] = []
    depth, start = 0, 0
    for m in _TABLE_TAG.finditer(text):
        if not m.group(1):
            if depth == 0:
                start = m.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0 and "<t" in text[start : m.end()].lower().replace("<table", ""):
                spans.append((start, m.end()))
    return spans


def _tables_as_rows(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[int]]:
    """HTML tables inside text (a Markdown converter's way with merged cells: pandoc's CommonMark,
    MinerU's Markdown; a crawler that kept a table's markup) as rows parted by bars, a row a line,
    its cells as the HTML reader reads them (merged cells once, blank ones kept); and each line's
    number in the text as it came, a row's that of its `<tr>`."""
    from .html import read as read_html  # only for a text that holds a table's markup

    starts = [0]  # where each line of the text starts
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    pieces: list[str] = []
    shown_on: list[int] = []
    pos = 0
    for start, end in spans:
        for line in text[pos:start].splitlines(keepends=True) if start > pos else ():
            shown_on.append(bisect_right(starts, pos))
            pieces.append(line)
            pos += len(line)
        if pieces and pieces[-1][-1:] not in _LINE_ENDS:
            pieces.append("\n")
        block = text[start:end]
        tr_lines = [bisect_right(starts, start + m.start()) for m in _ROW_TAG.finditer(block)]
        for row, cells in _markup_rows(read_html(block.encode("utf-8")).cells):
            pieces.append(_bar_row(cells))
            shown_on.append(tr_lines[row - 1] if 0 < row <= len(tr_lines) else bisect_right(starts, start))
        pos = end
        if text[pos : pos + 1] in _LINE_ENDS and pos < len(text):  # the table's own line end
            pos += 2 if text[pos : pos + 2] == "\r\n" else 1
    for line in text[pos:].splitlines(keepends=True):
        shown_on.append(bisect_right(starts, pos))
        pieces.append(line)
        pos += len(line)
    return "".join(pieces), shown_on


# a run of dashes (or `=`) over each column: pandoc's tables, tabulate's and reStructuredText's simple ones
_COLUMN_RULE = re.compile(r"^( *)(-{3,}(?: +-{2,})+|={3,}(?: +={2,})+) *$")
_FULL_RULE = re.compile(r"^ *(?:-{3,}|={3,}) *$")
_GRID_RULE = re.compile(r"^ *\+(?:[-=:]{3,}\+)+ *$")  # `+------+----+`: a grid table's rule (reStructuredText, pandoc)
_DOUBLED_ROW = re.compile(r"^ *\|\|(?:[^|\n]*\|\|)+ *$")  # `|| a || b ||`: MoinMoin's rows, Jira's header
_RULES = re.compile(
    r"^ *(?:-{3,}(?: +-{2,})+|={3,}(?: +={2,})+|\+(?:[-=:]{3,}\+)+|\|===|\{\|.*|\|\|(?:[^|\n]*\|\|)+) *$",
    re.MULTILINE,
)


def _spaced_tables(text: str) -> tuple[str, list[int]] | None:
    """Tables drawn with rules of dashes as rows parted by bars, under a Markdown rule (such a
    table prints every row's every cell: a blank one is a cell too); and each line's number in
    the text as it came. Two kinds: columns of spaces under a rule of a run of dashes per column
    (pandoc's plain text and Markdown: `----- ------`, a row wrapped over lines parted from the
    next by an empty line), grid tables (`+----+----+` between rows, `|` between cells, a
    cell wrapped over the lines between two rules: reStructuredText, pandoc's grid tables), and
    AsciiDoc's (between `|===` lines, each cell led by a bar: `|一、… |38 |0 |` ends in an empty
    cell, and a row may wrap over lines up to the empty line after it); and, as rows the same way,
    MediaWiki's tables (`{|` … `|}`), rows parted by `||` (MoinMoin's) and comma-separated records.
    A header of column numbers and a column numbering the rows are dropped. None when the text has
    no such table."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    shown_on: list[int] = []
    n = 0
    found = False
    starts = _table_starts(lines)
    csv_tried = 0  # a comma-separated block tried from its first line is not tried again from the next
    while n < len(lines):
        at = bisect_left(starts, n)
        if (ahead := starts[at] if at < len(starts) else len(lines)) > n:  # no table starts before `ahead`
            out.extend(lines[n:ahead])
            shown_on.extend(range(n + 1, ahead + 1))
            n = ahead
            continue
        line = lines[n].rstrip()
        if rule := _COLUMN_RULE.match(line):
            table = _spaced_table(lines, n, rule)
        elif line == "|===":
            table = _asciidoc_table(lines, n)
        elif line.startswith("{|"):
            table = _wiki_table(lines, n)
        elif _DOUBLED_ROW.match(line):
            table = _doubled_bar_table(lines, n)
        elif line.count(",") >= _CSV_COMMAS:
            table, csv_tried = (_csv_table(lines, n), _block_end(lines, n)) if n >= csv_tried else (None, csv_tried)
        else:
            table = _grid_table(lines, n) if _GRID_RULE.match(line) else None
        if table is None:
            out.append(lines[n])
            shown_on.append(n + 1)
            n += 1
            continue
        found = True
        head, end, rows = table
        rows = _numbering_dropped(rows)
        del out[len(out) - head :], shown_on[len(shown_on) - head :]
        width = max(len(cells) for _, cells in rows)
        out.append("|" + "---|" * width + "\n")
        shown_on.append(n + 1)
        for at, cells in rows:
            out.append(_bar_row(cells + [""] * (width - len(cells))))
            shown_on.append(at)
        n = end
    return ("".join(out), shown_on) if found else None


def _table_starts(lines: list[str]) -> list[int]:
    """The lines (from 0) a table of `_spaced_tables` may start on: the rest are copied as they are."""
    return [
        n
        for n, line in enumerate(lines)
        if "," in line and line.count(",") >= _CSV_COMMAS or line.lstrip(" ")[:1] in _RULE_OPENS and _RULES.match(line)
    ]


_RULE_OPENS = frozenset("-=+|{")  # what a line `_RULES` matches opens with, after spaces


def _block_end(lines: list[str], n: int) -> int:
    """The line after the run of lines with commas that line n (from 0) opens."""
    end = n
    while end < len(lines) and "," in lines[end]:
        end += 1
    return end


def _spaced_table(lines: list[str], n: int, rule: re.Match) -> tuple[int, int, list[tuple[int, list[str]]]] | None:
    """The table whose column rule is line n (from 0): how many lines above it are its header
    (a full rule above them too), the line after its end, and its rows (the line each starts on,
    its cells). A rule closes it; without one (a table of a line a row under a header) an empty
    line does, and a line that sets text left of the first column is never its. A table with a
    header and no full rule above it (a simple table: pandoc's, tabulate's, reStructuredText's
    between `===  ===` rules) sets a row a line, and ends at an empty line or a rule."""
    runs = [(m.start() + len(rule.group(1)), m.end() + len(rule.group(1))) for m in re.finditer(r"[-=]+", rule.group(2))]
    head: list[int] = []
    k = n - 1
    while k >= 0 and lines[k].strip() and not _FULL_RULE.match(lines[k]) and not _COLUMN_RULE.match(lines[k]):
        head.insert(0, k)
        k -= 1
    full_above = bool(head and k >= 0 and _FULL_RULE.match(lines[k]))
    above = len(head) + (1 if head and k >= 0 and (full_above or _COLUMN_RULE.match(lines[k])) else 0)
    simple = bool(head) and not full_above  # a row a line under its header, up to an empty line or a rule
    end, closed = n + 1, False
    while end < len(lines):
        line = lines[end].rstrip()
        if closed := bool(_COLUMN_RULE.match(line) or not simple and _FULL_RULE.match(line)):
            break
        if simple and not line:
            break
        if line and _width(line[: len(line) - len(line.lstrip())]) < runs[0][0]:
            break
        end += 1
    if closed:
        body = list(range(n + 1, end))
        end += 1
    else:  # no rule closes it: rows a line each up to an empty line
        end = next((k for k in range(n + 1, end) if not lines[k].strip()), end)
        body = list(range(n + 1, end))
    groups = _row_groups(head, body, lines)
    if len(groups) < 2:
        return None
    step = _step(runs, [lines[k] for k in head + body])
    rows = [(group[0] + 1, _cells_under(runs, [lines[k] for k in group], step)) for group in groups]
    return above, end, rows


def _grid_table(lines: list[str], n: int) -> tuple[int, int, list[tuple[int, list[str]]]] | None:
    """The grid table whose first rule is line n (from 0): no header line above it, the line after
    its end, and its rows (the line each starts on, its cells). Where rules part three or more runs
    of lines, each run is a row, its cells' pieces joined (a grid table wraps a cell over the lines
    between two rules); where they part fewer (a rule under the header alone, as prettytable and
    tabulate draw a table), each line is a row."""
    blocks: list[tuple[int, list[list[str]]]] = []
    block: list[list[str]] = []
    end = n + 1
    while end < len(lines):
        line = lines[end].strip()
        if _GRID_RULE.match(line):
            if block:
                blocks.append((end - len(block) + 1, block))
            block = []
        elif line.startswith("|") and line.endswith("|"):
            pieces = [p.strip() for p in line[1:-1].split("|")]
            if block and len(pieces) != len(block[0]):
                return None  # a cell spanning rows or columns: not read as a grid
            block.append(pieces)
        else:
            break
        end += 1
    if block or not blocks:
        return None
    if len(blocks) >= 3:
        rows = [(at, [_joined(parts) for parts in zip(*pieces)]) for at, pieces in blocks]
    else:
        rows = [(at + k, cells) for at, pieces in blocks for k, cells in enumerate(pieces)]
    return (0, end, rows) if len(rows) >= 2 else None


def _asciidoc_table(lines: list[str], n: int) -> tuple[int, int, list[tuple[int, list[str]]]] | None:
    """The AsciiDoc table that line n (from 0, `|===`) opens: no header line above it, the line
    after its end (`|===` again), and its rows: each run of lines between empty ones, its cells
    what follows each bar (a cell's spec before its bar, `2+|`, is none of its text)."""
    end = next((k for k in range(n + 1, len(lines)) if lines[k].strip() == "|==="), None)
    if end is None:
        return None
    rows: list[tuple[int, list[str]]] = []
    for group in _row_groups([], list(range(n + 1, end)), lines):
        text = " ".join(lines[k].strip() for k in group)
        if not text.startswith("|") and rows:
            continue  # the table's options are above it; text inside that no bar opens is none of its
        cells = [_ASCIIDOC_SPEC.sub("", piece).strip() for piece in text.split("|")[1:]]
        rows.append((group[0] + 1, cells))
    return (0, end + 1, rows) if len(rows) >= 2 else None


def _wiki_table(lines: list[str], n: int) -> tuple[int, int, list[tuple[int, list[str]]]] | None:
    """The MediaWiki table that line n (from 0, `{|`) opens: no header line above it, the line
    after its end (`|}`), and its rows, parted by `|-` lines: cells after `|` or `!` at a line's
    start and after `||` or `!!` within it, a line without either the rest of the cell above
    (pandoc sets each cell on a line of its own, an empty one a bar alone). A cell's attributes
    (`rowspan="2" | text`), markup tags and bold quotes are none of its text."""
    rows: list[tuple[int, list[str]]] = []
    cells: list[str] = []
    at = 0
    for k in range(n + 1, len(lines)):
        line = lines[k].strip()
        if line.startswith("|}"):
            if cells:
                rows.append((at, [_wiki_cell(c) for c in cells]))
            return (0, k + 1, rows) if len(rows) >= 2 else None
        if line.startswith(("|-", "|+", "{|")):
            if cells:
                rows.append((at, [_wiki_cell(c) for c in cells]))
            cells = []
            continue
        if line[:1] in ("|", "!"):
            at = at if cells else k + 1
            cells.extend(_WIKI_CELLS.split(line[1:]))
        elif cells:  # a cell's text wrapped to a line of its own, the row's next cells after it
            rest, *more = _WIKI_CELLS.split(line)
            cells[-1] += rest
            cells.extend(more)
    return None


_WIKI_CELLS = re.compile(r"\|\||!!")
_WIKI_ATTRIBUTES = re.compile(r"""^\s*(?:[a-z-]+\s*=\s*(?:"[^"]*"|'[^']*'|\S+)\s*)+\|(?!\|)""")
_MARKUP = re.compile(r"<[^<>]*>|'{2,}")


def _wiki_cell(text: str) -> str:
    return _MARKUP.sub("", _WIKI_ATTRIBUTES.sub("", text)).strip()


def _doubled_bar_table(lines: list[str], n: int) -> tuple[int, int, list[tuple[int, list[str]]]] | None:
    """The table of bar rows whose first line (n, from 0) parts its cells by `||`: MoinMoin's rows
    (`|| a || b ||`, an empty cell `||  ||`), or Jira's header above rows of single bars. No header
    line above it, the line after its end, its rows (bold quotes are none of a cell's text). A
    Markdown rule in the run, or a crawler's trailing `||` after single bars, makes it none."""
    rows: list[tuple[int, list[str]]] = []
    end = n
    while end < len(lines) and (line := lines[end].strip()).startswith("|"):
        if _MD_RULE.match(line) or not _DOUBLED_ROW.match(line) and line.endswith("||"):
            return None
        pieces = line[2:-2].split("||") if _DOUBLED_ROW.match(line) else line.strip("|").split("|")
        rows.append((end + 1, [_MARKUP.sub("", piece).strip() for piece in pieces]))
        end += 1
    return (0, end, rows) if len(rows) >= 2 else None


def _csv_table(lines: list[str], n: int) -> tuple[int, int, list[tuple[int, list[str]]]] | None:
    """The comma-separated table whose first record is line n (from 0): tabula's and camelot's
    CSV, pandas' `to_csv` (a quoted field may hold commas and line breaks). No header line above
    it, the line after its end, its records: three or more, most of one count of fields, four or
    more (prose with a few commas is none)."""
    end = _block_end(lines, n)
    if end - n < 3:
        return None
    reader = csv.reader(lines[n:end])
    rows: list[tuple[int, list[str]]] = []
    at = n + 1
    try:
        for record in reader:
            rows.append((at, [field.strip() for field in record]))
            at = n + 1 + reader.line_num
    except csv.Error:
        return None
    counts = Counter(len(cells) for _, cells in rows)
    width, most = counts.most_common(1)[0] if counts else (0, 0)
    if len(rows) < 3 or width < _CSV_FIELDS or most < _CSV_SHARE * len(rows):
        return None
    if any(_THOUSANDS_THEN_SPACE.search(line) for line in lines[n:end]):
        return None  # `一、本年新收… 12,345 1,234 0 …`: a row of spaced numbers with thousands' commas
    if not any(all(not field or _BARE_NUMBER.match(field) for field in cells[1:]) for _, cells in rows):
        return None  # prose with commas: a table has a record of numbers (or blank cells) after its label
    return 0, end, rows


_CSV_COMMAS = 3  # commas on a line that may open a comma-separated table


def _csv_lines(text: str) -> bool:
    """Whether three lines in a row hold as many commas each, enough to part four fields: a
    comma-separated table may be there (prose with commas seldom counts alike three times)."""
    if text.count(",") < 3 * _CSV_COMMAS:
        return False
    counts = [line.count(",") for line in text.splitlines()]
    return any(c >= _CSV_COMMAS and c == counts[k + 1] == counts[k + 2] for k, c in enumerate(counts[:-2]))


_CSV_FIELDS = 4  # ... and fields its records hold
_CSV_SHARE = 0.8  # ... the share of records with that count
_THOUSANDS_THEN_SPACE = re.compile(r"\d,\d{3}[ \t]")
_BARE_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


# a header of column numbers (pandas' `0 | 1 | 2`, prettytable's `Field 1 | Field 2`) in a bar row
_COLUMN_NAME = "(?:Field |Column |Unnamed: ?)?"  # what a printer puts before a column's number, when any
_NUMBERED_HEADER = re.compile(rf"\|\s*{_COLUMN_NAME}[01]\s*\|\s*{_COLUMN_NAME}[12]\s*\|")
_NUMBERING = re.compile(rf"^{_COLUMN_NAME}(\d+)$")


def _counting(texts: list[str]) -> bool:
    """Cells that count 0, 1, 2… or 1, 2, 3… (a frame's column or row numbers, `Field 1` …), three or more."""
    numbers = []
    for text in texts:
        if (m := _NUMBERING.match(text)) is None:
            return False
        numbers.append(int(m.group(1)))
    return len(numbers) >= 3 and numbers[0] in (0, 1) and numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _numbering_dropped(rows: list[tuple[int, list[str]]]) -> list[tuple[int, list[str]]]:
    """A table as pandas or prettytable print one without names: a header of column numbers
    (`0 | 1 | 2`, `Field 1 | Field 2`) is no row of it, and a first column numbering the rows (`0`,
    `1` … under an empty corner) no column: their numbers are no values."""
    if len(rows) < 3:
        return rows
    head = rows[0][1]
    corner = bool(head) and not head[0]
    numbered_head = _counting(head[1:] if corner else head)
    numbered_rows = corner and _counting([cells[0] for _, cells in rows[1:] if cells])
    if numbered_head:
        rows = rows[1:]
    if numbered_rows:
        rows = [(at, cells[1:]) for at, cells in rows]
    return rows


def _markdown_numbering_dropped(lines: list[str]) -> list[str]:
    """Markdown tables (a run of bar rows, the second a rule) without a header of column numbers
    or a column numbering the rows (`_numbering_dropped`): such a header becomes an empty line, so
    every line keeps its number."""
    out = list(lines)
    n = 0
    while n < len(lines):
        end = n
        while end < len(lines) and lines[end].lstrip().startswith("|"):
            end += 1
        if end - n >= 4 and _MD_RULE.match(lines[n + 1]):
            run = [(k, _bar_cells(lines[k])) for k in range(n, end) if k != n + 1]
            kept = _numbering_dropped(run)
            if kept != run:
                body = kept if kept[0][0] != n else kept[1:]
                if kept[0][0] != n:
                    out[n] = ""
                else:
                    out[n] = _bar_row(kept[0][1]).rstrip("\n")
                out[n + 1] = "|" + "---|" * len(kept[0][1])
                for k, cells in body:
                    out[k] = _bar_row(cells).rstrip("\n")
        n = max(end, n + 1)
    return out


def _bar_cells(line: str) -> list[str]:
    """A bar row's cells (`| a | b |`)."""
    stripped = line.strip()[1:]
    return [cell.strip() for cell in (stripped[:-1] if stripped.endswith("|") else stripped).split("|")]


_ROW_NUMBER = re.compile(r"^(\d+)( {2,})\S")  # `3    一、本年新收…`: pandas' `to_string` numbering its rows
_NUMBERED_ROWS = re.compile(r"^0 {2,}\S.*\n1 {2,}\S.*\n2 {2,}\S", re.MULTILINE)


def _row_numbers_dropped(lines: list[str]) -> list[str]:
    """A table printed by pandas' `to_string` (columns of spaces): each line led by the row's number,
    0, 1, 2… in a run of three or more, under a header of the column numbers. The numbers become
    spaces (the columns keep their places) and the header an empty line: no values."""
    out = list(lines)
    n = 0
    while n < len(lines):
        end, count = n, 0
        while end < len(lines) and (
            (m := _ROW_NUMBER.match(lines[end]))
            and int(m.group(1)) == count
            or count >= 3
            and lines[end].strip() == str(count)  # a row of blank cells: its number alone
        ):
            end, count = end + 1, count + 1
        if count >= 3:
            for k in range(n, end):
                digits = len(str(k - n))
                out[k] = " " * digits + lines[k][digits:]
            if n and _counting(lines[n - 1].split()):
                out[n - 1] = ""
        n = max(end, n + 1)
    return out


_ASCIIDOC_SPEC = re.compile(r"\s(?:\d+(?:\.\d+)?|\.\d+)[+*][<^>.]*[adehlmsv]?$")  # `2+`, `.3+`, `2.3+^`


def _row_groups(head: list[int], body: list[int], lines: list[str]) -> list[list[int]]:
    """The lines of each row: the header one row; in the body a row a line, or where empty lines
    part them (a table of wrapped rows), each run of lines between them."""
    groups = [head] if head else []
    filled = [k for k in body if lines[k].strip()]
    if len(filled) == len(body) or len(filled) == len(body) - 1 and not lines[body[-1]].strip():
        return groups + [[k] for k in filled]
    run: list[int] = []
    for k in body:
        if lines[k].strip():
            run.append(k)
        elif run:
            groups.append(run)
            run = []
    return groups + ([run] if run else [])


def _step(runs: list[tuple[int, int]], lines: list[str]) -> Callable[[str], int]:
    """How the table's writer counted columns: by display width (a Chinese character two: pandoc,
    tabulate with wcwidth) or a character one (tabulate without it, pandas' `to_string`), the one
    that sets fewer characters in the gaps between the rule's runs."""
    strays = {}
    for step in (_columns, _one):
        strays[step] = 0
        for line in lines:
            line = line.rstrip()
            at = _starts(line, step)
            for (_, end), (start, _) in zip(runs, runs[1:]):  # the gap between two runs
                gap = line[bisect_left(at, end) : bisect_left(at, start)]
                strays[step] += len(gap) - gap.count(" ")
    return _one if strays[_one] < strays[_columns] else _columns


def _starts(line: str, step: Callable[[str], int]) -> list[int]:
    """The column each character of the line starts at, counted by `step`."""
    return list(range(len(line))) if step is _one else list(accumulate(map(step, line), initial=0))[:-1]


def _one(ch: str) -> int:
    return 1


def _cells_under(runs: list[tuple[int, int]], lines: list[str], step: Callable[[str], int]) -> list[str]:
    """Each column's text in the lines of one row: a character belongs to the run it starts in
    (or the last one before it), by the columns `step` gives it."""
    cells: list[list[str]] = [[] for _ in runs]
    for line in lines:
        line = line.rstrip()
        at = _starts(line, step)
        cuts = [0, *(bisect_left(at, start) for start, _ in runs[1:]), len(line)]
        for cell, lo, hi in zip(cells, cuts, cuts[1:]):
            text = line[lo:hi].strip()
            if text:
                cell.append(text)
    return [_joined(parts) for parts in cells]


def _joined(parts) -> str:
    """A wrapped cell's lines as one text: Chinese joins without a space, and so do digits and
    a sign or point before them (a number wrapped in a narrow cell: `3` / `63` is 363, `-` / `15`
    is -15)."""
    out = ""
    for part in parts:
        if not part:
            continue
        glued = not out or _WIDE.match(out[-1]) or _WIDE.match(part[0]) or out[-1] in _BEFORE_DIGITS and part[0].isdigit()
        out += part if glued else " " + part
    return out


_BEFORE_DIGITS = frozenset("0123456789-−+.")
_WIDE = re.compile("[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")


def _width(text: str) -> int:
    """Columns a terminal or pandoc gives the text: two for a wide (East Asian) character."""
    return sum(2 if _WIDE.match(ch) else 1 for ch in text)


_columns = Memo(_width).__getitem__  # one character's columns, looked up: a table's every character asks


_LINE_ENDS = ("\n", "\r", "\f", "\v", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


_TABLE_ROW = re.compile(r"table 1 row (\d+) ")


def _markup_rows(cells: list[Cell]) -> list[tuple[int, list[str]]]:
    """The HTML reader's cells of one table, row by row, each row with its number among the
    table's `<tr>`s (0 where the reader does not say)."""
    rows: dict[int, tuple[int, list[str]]] = {}
    for cell in cells:
        if cell.line:  # line 0: a heading the reader took for the page's title
            m = _TABLE_ROW.match(cell.where or "")
            rows.setdefault(cell.line, (int(m.group(1)) if m else 0, []))[1].append(cell.text)
    return list(rows.values())


def _bar_row(cells: list[str]) -> str:
    """A table row as a line of cells parted by bars (a bar inside a cell is no cell's end)."""
    return "| " + " | ".join(cell.replace("|", "｜") for cell in cells) + " |\n"


_BOXED = 10  # box-drawn table borders (`│`) that make a text one of tables so (w3m's, a terminal's)
_BOX_SIDES = "│┃║"  # light, heavy and double (tabulate's and rich's heavy and double grids)
_BOX_RULE = re.compile("[─━═]")
_BOX_PART = re.compile("[─━═│┃║├┤┼┬┴┌┐└┘┣┫╋┳┻┏┓┗┛╠╣╬╦╩╔╗╚╝╞╡╪╤╧╒╕╘╛╟╢╫╥╨╓╖╙╜┝┥┿┯┷┍┑┕┙┠┨╂┰┸┎┒┖┚]+")
_BOX_SIDE = re.compile(f"[{_BOX_SIDES}]")


_BOX_JUNCTIONS = "├┤┼┬┴┌┐└┘┣┫╋┳┻┏┓┗┛╠╣╬╦╩╔╗╚╝╞╡╪╤╧╒╕╘╛╟╢╫╥╨╓╖╙╜┝┥┿┯┷┍┑┕┙┠┨╂┰┸┎┒┖┚"
_AS_GRID = str.maketrans({**dict.fromkeys(_BOX_JUNCTIONS, "+"), "─": "-", "━": "-", "═": "=", **dict.fromkeys(_BOX_SIDES, "|")})


def _box_grids(text: str) -> str:
    """Box-drawn tables that are grids as the `+----+` grid tables they are drawn like, read as
    such (_grid_table): every rule alike, every row as many cells (tabulate's and rich's heavy and
    double grids, a rule between rows). Boxes whose cells span rows or columns (w3m's dump of a
    page) stay as they are."""
    lines = text.split("\n")
    out: list[str] = []
    n = 0
    while n < len(lines):
        end = n
        while end < len(lines) and (lead := lines[end].lstrip()[:1]) and (lead in _BOX_JUNCTIONS or lead in _BOX_SIDES):
            end += 1
        if end == n:
            out.append(lines[n])
            n += 1
            continue
        block = [line.translate(_AS_GRID) for line in lines[n:end]]
        rules = {line.strip() for line in block if line.lstrip()[:1] == "+"}
        grid = (
            block[0].lstrip()[:1] == "+"
            and len(rules) == 1
            and _GRID_RULE.match(rules.pop())
            and (table := _grid_table(block, 0))
            and table[1] == len(block)
        )
        out.extend(block if grid else lines[n:end])
        n = end
    return "\n".join(out)


class _Boxes(NamedTuple):
    """How a text draws a table's boxes: what a cell's side is, what a rule line is, and what the
    lines of a box table open with."""

    side: re.Pattern
    rule: Callable[[str], object]
    opens: str


_DRAWN = _Boxes(_BOX_SIDE, _BOX_RULE.search, _BOX_JUNCTIONS + _BOX_SIDES)  # w3m's: `├───┼───┤`
_ASCII = _Boxes(re.compile(r"\|"), re.compile(r"^\s*[+|]-[-+]*[+|]\s*$").match, "+|")  # links2's: `|----+----|`


def _box_rows(text: str, boxes: _Boxes) -> tuple[str, list[int]] | None:
    """A box-drawn row wrapped over lines between two rules (a terminal browser's dump of a table
    whose cells wrap: w3m's `│本年新  │` / `│制作数量│`, links2's `| 本年新 |` / `| 制作数量 |`) as
    one line of its cells, their pieces joined, on the row's first line holding a value; and each
    line's number in the text as it came. Only in a table whose rules part three runs of lines or
    more (one whose rule stands under its header alone draws its rows without rules between them),
    a row of a few lines (box_row_lines), every line as many cells, no cell a value on two lines;
    None when no row is wrapped."""
    lines = text.split("\n")
    out: list[str] = []
    shown_on: list[int] = []
    n, found = 0, False
    while n < len(lines):
        end = n
        while end < len(lines) and (lead := lines[end].lstrip()[:1]) and lead in boxes.opens:
            end += 1
        kept = _box_table(lines[n:end], boxes) if end - n > 3 else None
        if kept is None:
            out.extend(lines[n : max(end, n + 1)])
            shown_on.extend(range(n + 1, max(end, n + 1) + 1))
            n = max(end, n + 1)
            continue
        for at, line in kept:
            out.append(line)
            shown_on.append(n + at + 1)
        found, n = True, end
    return ("\n".join(out), shown_on) if found else None


def _box_table(region: list[str], boxes: _Boxes) -> list[tuple[int, str]] | None:
    """The lines of one box-drawn table (_box_rows), each row wrapped between two rules as one
    line, with where each stands in the region; None when no row is joined."""
    runs: list[tuple[int, int]] = []
    k = 0
    while k < len(region):
        if boxes.rule(region[k]):
            k += 1
            continue
        start = k
        while k < len(region) and not boxes.rule(region[k]):
            k += 1
        runs.append((start, k))
    if len(runs) < 3:
        return None
    kept = list(enumerate(region))
    joined = False
    for start, end in reversed(runs):
        if end - start > 1 and start and end < len(region) and (row := _box_row(region[start:end], boxes)) is not None:
            kept[start:end] = [(start + row[0], row[1])]
            joined = True
    return kept if joined else None


def _box_row(block: list[str], boxes: _Boxes) -> tuple[int, str] | None:
    """The lines of one box-drawn row (_box_rows) as one line, and which of them it stands on."""
    if len(block) > _BOX_ROW_LINES:
        return None
    pieces = [[part.strip() for part in boxes.side.split(line.strip())] for line in block]
    if len({len(parts) for parts in pieces}) != 1 or len(pieces[0]) < 3:
        return None
    columns = list(zip(*pieces))
    if any(sum(bool(_BOX_VALUE.match(part)) for part in column) > 1 for column in columns):
        return None
    at = next((k for k, parts in enumerate(pieces) if any(_BOX_VALUE.match(part) for part in parts)), 0)
    bar = block[at].strip()[0]
    return at, bar.join(_joined(column) for column in columns)


_BOX_ROW_LINES = settings.value("box_row_lines")
_BOX_VALUE = re.compile(r"^[-−+]?[\d,.]+(?:万元|元)?$")


def _unboxed(line: str) -> str:
    """A line of a table drawn with box characters (w3m's dump of a page) as a row parted by bars:
    `│规章  │0  │72  │` is `|规章  |0  |72  |`; a rule line (`├───┼───┤`) is no row, but for the
    text of a cell that spans it (a group heading beside the rows it heads: `│三、本年度办理结果├──┼`),
    which stays a cell of its own line."""
    if _BOX_RULE.search(line):
        texts = [part.strip() for part in _BOX_PART.split(line) if part.strip()]
        return "| " + " | ".join(texts) + " |" if texts else ""
    return _BOX_SIDE.sub("|", line)


def _furniture_lines(lines: list[str]) -> frozenset[int]:
    """The lines (from 1) that are page marks alone (`- 4 -`, `-4-`, `第 4 页`, furniture.csv)."""
    marks, starts, ends = furniture(), _MARK_STARTS, _MARK_ENDS
    found = []
    for n, line in enumerate(lines, start=1):
        if len(line) <= _MARK_LENGTH and (text := line.strip()) and text[0] in starts and text[-1] in ends and not text.isdigit():
            if marks.match(text) is not None:
                found.append(n)
    return frozenset(found)


_MARK_LENGTH = 40  # longer lines are no page mark: the pattern is not tried on them
_MARK_STARTS = frozenset("-—–－第0123456789０１２３４５６７８９Pp")  # how furniture.csv's marks open and close
_MARK_ENDS = frozenset("-—–－页0123456789０１２３４５６７８９")


def _without_lines(lines: list[str], marks: frozenset[int]) -> tuple[list[str], list[int]]:
    """The lines without the page marks, and each kept line's number in the text. A mark between
    two empty lines goes with the one after it, so text that parts every line by an empty one
    keeps one there (a cell's place, for the tables, is its line among the others)."""
    kept: list[str] = []
    printed_on: list[int] = []
    skip = False
    for n, line in enumerate(lines, start=1):
        if skip:
            skip = False
            if not line.strip():
                continue
        if n in marks:
            skip = n > 1 and not lines[n - 2].strip()
            continue
        kept.append(line)
        printed_on.append(n)
    return kept, printed_on


def _refer_to_printed_lines(cells: list[Cell], printed_on: list[int]) -> None:
    """Each cell's ref as the line the text prints it on, where marks taken out moved it."""
    for cell in cells:
        at = int(cell.where[5:]) if cell.where and cell.where.startswith("line ") else cell.line if cell.where is None else 0
        if at and printed_on[at - 1] != at:
            cell.where = LINE_REFS[printed_on[at - 1]]


def _page_number_lines(text: str) -> tuple[frozenset[int], frozenset[int]]:
    """The lines (from 1) that print their page's number alone, as a footer Word sets (`3`) reads
    in pdftotext's text: on its own line, anywhere on its page (its reading order can put it inside
    a table). Only where every page of three or more prints its number so, and two as their last
    line or the one before a last line of words (where a footer stands: the reading order may set a
    heading after it), the number on each page that prints it once. A page printing it twice (a
    table's value too) keeps both: which one is the footer's, the text does not say (the second
    set: lines that may be a footer)."""
    pages: list[list[int]] = [[]]  # per page, the lines that print its number alone
    tail: list[list[str]] = [[]]  # per page, its last two lines with text
    for n, line in enumerate(text.splitlines(keepends=True), start=1):
        stripped = line.strip()
        if stripped:
            tail[-1] = [*tail[-1][-1:], stripped]
            if stripped == str(len(pages)):
                pages[-1].append(n)
        if line.endswith("\f"):
            pages.append([])
            tail.append([])
    numbered = [(lines, _ends_with(ends, str(k))) for k, (lines, ends) in enumerate(zip(pages, tail), start=1) if ends]
    if len(numbered) < _NUMBERED_PAGES or not all(lines for lines, _ in numbered):
        return frozenset(), frozenset()  # two pages may print their numbers as a table's values by chance
    if sum(at_end for _, at_end in numbered) < 2:  # every page prints it, but the reading order set them
        return frozenset(), frozenset(n for lines, _ in numbered for n in lines)  # inside: each may be a footer
    once = frozenset(lines[0] for lines, _ in numbered if len(lines) == 1)
    return once, frozenset(n for lines, _ in numbered if len(lines) > 1 for n in lines)


def _ends_with(tail: list[str], number: str) -> bool:
    """A page's last two lines with text end with its number, or with it and then words (not a
    number: a table's values end a page as well)."""
    return tail[-1] == number or (tail[0] == number and not _page_number(tail[-1]))


def _joined_page_numbers(lines: list[str]) -> tuple[frozenset[int], frozenset[int]]:
    """The lines (from 1) printing page numbers alone in text whose pages were joined without a
    form feed (pdfplumber, pypdfium2 and PyMuPDF read page by page): where the text's last line is
    a number N of three or more (the last page's footer) and every number from 2 to N-1 stands
    alone on a line before it, in order, each on one line only (a table's value between two
    footers printing the number of either: which one is the footer's, the text does not say, and
    every number stays; the second set: the lines that may be a footer; so too where the number
    before the last is N-1, a last page printing its footer alone, or a table's last values). The first page's, which
    may print none, is kept, each `1` alone before page 2's footer in the second set; so is a text's
    last number after another (a table's last values, one a line, not a footer)."""
    filled = [n for n in range(len(lines) - 1, -1, -1) if lines[n].strip()][:2]
    last = lines[filled[0]].strip() if filled else ""
    if not _page_number(last) or (pages := int(last)) < _NUMBERED_PAGES:
        return _NONE
    if len(filled) < 2:
        return _NONE
    # two numbers alone ending the text: a table's last values (one a line), or a last page printing
    # nothing but its footer after the page before's; where they count on, the lines may be footers
    unsure = _page_number(before := lines[filled[1]].strip())
    if unsure and int(before) != pages - 1:
        return _NONE
    at: dict[int, list[int]] = {}  # each page's number: the lines printing it alone, in order
    for n, line in enumerate(lines, start=1):
        if _page_number(text := line.strip()) and 0 < int(text) <= pages:
            at.setdefault(int(text), []).append(n)
    if any(k not in at for k in range(2, pages + 1)):
        return _NONE
    earliest = [0] * (pages + 2)  # the first line each number can stand on, its pages before it in order
    for k in range(2, pages + 1):
        earliest[k] = next((n for n in at[k] if n > earliest[k - 1]), 0)
        if not earliest[k]:
            return _NONE
    latest = [0] * (pages + 2)
    latest[pages] = at[pages][-1]
    for k in range(pages - 1, 1, -1):  # the last line each can stand on, its pages after it in order
        latest[k] = next((n for n in reversed(at[k]) if n < latest[k + 1]), 0)
    if not all(latest[2 : pages + 1]):
        return _NONE
    between = [[n for n in at[k] if earliest[k] <= n <= latest[k]] for k in range(2, pages + 1)]
    if unsure or any(len(lines_of) != 1 for lines_of in between):
        return frozenset(), frozenset(n for lines_of in between for n in lines_of)
    first = frozenset(n for n in at.get(1, ()) if n < between[0][0])  # page 1's, if it prints one
    return frozenset(lines_of[0] for lines_of in between), first


_NONE: tuple[frozenset[int], frozenset[int]] = (frozenset(), frozenset())


def _page_number(text: str) -> bool:
    """Digits alone, as a footer prints a page's number (`3`; not `①`, which isdigit() also takes)."""
    return text.isascii() and text.isdigit() and len(text) <= 3


_NUMBERED_PAGES = settings.value("text_numbered_pages")


def _page_ends(text: str, marks: frozenset[int] = frozenset()) -> frozenset[int]:
    """The lines (from 1, as splitlines counts them) that end a page: the last one printing
    anything before a form feed (pdftotext ends each page with one), but a page mark (`marks`:
    the page's footer is not where its table stops)."""
    ends: set[int] = set()
    last = 0
    for n, line in enumerate(text.splitlines(keepends=True), start=1):
        if line.strip() and n not in marks:
            last = n
        if line.endswith("\f") and last:
            ends.add(last)
    return frozenset(ends)


_COPIED_TABS = settings.value("text_copied_tabs")


def _cell_margin(text: str) -> int:
    """A browser's copy of a page (`innerText`: what select-all and copy leave) parts a table's cells
    by a tab, and sets each cell's paragraphs apart by line breaks: a cell held in a `<p>` prints
    `0` / `` / a lone tab / `` / `0`. The line breaks a lone tab stands apart from the next cell's
    text by (2 for a `<p>`, 1 for a `<div>`: the most usual run), where many do so; else 0. (Word's
    text sets a cell a line after a tab, `\t0`, a blank cell a lone tab: no such text.)"""
    runs = Counter(m.group(1).count("\n") + 1 for m in _LONE_TAB.finditer(text))
    return runs.most_common(1)[0][0] if runs.total() >= _COPIED_TABS else 0


_LONE_TAB = re.compile(r"^\t\r?\n((?:\r?\n){0,2})(?=[^\t\r\n])", re.M)  # a lone tab, then a cell's text


def _copied_cells(lines: list[str], margin: int) -> list[Cell]:
    """_tab_cells of a browser's copy of a page (_cell_margin): the line breaks of `margin` or fewer
    beside a tab are a cell's paragraph, so the cells they part stand on one row, the line the row
    starts on (each cell's reference naming the line it was printed on); more are the row's end
    (a last or first cell left blank beside them), but between two tabs, where they are a blank
    cell's own (`<p><br></p>`)."""
    rows: list[list[tuple[str, int]]] = []  # each row's cells: (text, line), tabs as ("\t", line)
    row: list[tuple[str, int]] = []
    blank = 0  # empty lines since the last cell or tab
    for n, line in enumerate(lines, start=1):
        if "\t" not in line and not line.strip():
            blank += 1
            continue
        parts = line.split("\t")
        tab = len(parts) > 1 and not parts[0].strip()
        after_tab = bool(row) and row[-1][0] == "\t"
        joined = tab and after_tab or blank < margin and (tab or after_tab and not _after_table(lines, n, margin))
        if row and not joined:
            rows.append(row)
            row = []
        blank = 0
        for k, part in enumerate(parts):
            if k:
                row.append(("\t", n))
            if part.strip():
                row.append((part.strip(), n))
    if row:
        rows.append(row)
    return [cell for row in rows for cell in _row_cells(row)]


def _after_table(lines: list[str], n: int, margin: int) -> bool:
    """Line n (from 1), words without a digit after a row's last tab, is the text after the table,
    not the row's last cell: its own paragraph follows it as closely as a cell's (a table's last
    row ends with no line break of its own, so a last cell left blank stands as near the next
    paragraph as cells stand to each other). A row's last cell is followed by a tab, by the
    row's end (more line breaks) or, ending a table, is a value (`20`, `73802895.90元`)."""
    line = lines[n - 1]
    if "\t" in line or any(ch.isdigit() for ch in line):
        return False
    k = n
    while k < len(lines) and "\t" not in lines[k] and not lines[k].strip():
        k += 1
    return k < len(lines) and k - n < margin and lines[k][:1] != "\t"


def _row_cells(row: list[tuple[str, int]]) -> list[Cell]:
    """The cells of one row of _copied_cells, tab-separated: a tab before the first is a first cell
    left blank (a copy indents nothing)."""
    first = row[0][1]
    if len(row) == 1 and row[0][0] != "\t":
        return [Cell(row[0][0], first)]
    cells: list[Cell] = []
    text, at = "", first
    for item, n in [*row, ("\t", first)]:
        if item == "\t":
            cells.append(Cell(text, first, None if at == first else LINE_REFS[at]))
            text, at = "", first
        else:
            text, at = item, n
    return cells


def _tab_cells(lines: list[str]) -> list[Cell]:
    """cells_of_lines of a text with no bar and no Markdown (most pasted and extracted text), in
    one short loop: a line is a cell, or its tab-separated fields (leading tabs indent); a line of
    only tabs is one blank cell."""
    cells: list[Cell] = []
    append = cells.append
    for n, line in enumerate(lines, start=1):
        stripped = line.strip()
        if "\t" in stripped:
            cells.extend([Cell(part.strip(), n) for part in line.lstrip("\t ").split("\t")])
        elif stripped:
            append(Cell(stripped, n))
        elif "\t" in line:
            append(Cell("", n))
    return cells


def _pandoc_breaks(lines: list[str]) -> list[str]:
    """pandoc's own Markdown (its `[…]{…}` spans) writes a line break as a backslash ending the
    line, an empty paragraph's as a backslash alone on a line: no text (a `\\` in a table's cell,
    before its bar, is a blank mark); every line keeps its number."""
    return [_HARD_BREAK.sub("", line) for line in lines]


def cells_of_lines(lines: list[str], markdown: bool = True) -> list[Cell]:
    """Each line is one cell, or several where tabs or | separate them; blank lines add nothing.
    Markdown's marks are read through: a heading is its text, a table's rule line is no row; a
    `<br>` outside a table row is a line break (pymupdf4llm's text of a picture prints its lines
    so), each cell's reference naming the line it was printed on."""
    if markdown and any("<br" in line and "|" not in line for line in lines):
        broken, printed_on = _broken_lines(lines)
        return [_on_printed_line(c, printed_on) for c in _cells_of_lines(broken, markdown)]
    return _cells_of_lines(lines, markdown)


def _broken_lines(lines: list[str]) -> tuple[list[str], list[int]]:
    """The lines with each `<br>` outside a table row made a line break, and the line (from 1)
    each came from."""
    out: list[str] = []
    printed_on: list[int] = []
    for n, line in enumerate(lines, start=1):
        parts = _MD_BREAK.split(line) if "<br" in line and "|" not in line else (line,)
        out.extend(parts)
        printed_on.extend([n] * len(parts))
    return out, printed_on


def _on_printed_line(cell: Cell, printed_on: list[int]) -> Cell:
    at = int(cell.where[5:]) if cell.where else cell.line  # `line K`
    return cell if printed_on[at - 1] == at else type(cell)(cell.text, cell.line, f"line {printed_on[at - 1]}")


def _cells_of_lines(lines: list[str], markdown: bool) -> list[Cell]:
    cells: list[Cell] = []
    append = cells.append
    bars: list[int] = []  # lines that only close the cell above
    before = ""  # "text": the line before held one cell's text and no bar (a lone `|` next closes
    # it); "bar": the line before was such a bar
    continued = 0  # the line a row broke inside a cell started on (its next line goes on with it)
    unclosed = _unclosed_rows(lines)
    ruled = _ruled_rows(lines) if markdown else set()
    led = _cells_led_by_bars(lines)
    for n, line in enumerate(lines, start=1):
        if markdown and _MD_HINT.search(line):
            if _MD_RULE.match(line):
                continue
            line = _MD_EMPHASIS.sub("", _MD_HEADING.sub("", line))
            if "]{" in line:
                line = _MD_SPAN.sub(r"\1", line)
            if "<" in line:
                if "|" in line:
                    line = _MD_BREAK_ROW.sub("|", line)
                line = _MD_INLINE.sub("", _MD_SCRIPT.sub(" ", _MD_BREAK.sub(" ", line))).replace("<<>>", "")
        stripped = line.strip()
        if continued or (
            stripped[-1:] == "|" and n < len(lines) and lines[n][:1] in "| " and _breaks_in_cell(stripped, lines, n, False)
        ):
            inside, continued = continued, 0
            row_line = inside or n  # the cells stand on the line the row began on
            parts = _parts(stripped)
            if inside:
                parts.pop(0)  # what stands before the first bar ends the cell the last line left open
            if _breaks_in_cell(stripped, lines, n, True):
                continued = row_line  # the last cell goes on: blank, closed by the next line's bar
            elif stripped.endswith("|"):
                parts.pop()
            kind = Ruled if n in ruled else Cell
            for part in parts:
                append(kind(part.strip(), row_line, None if row_line == n else f"line {n}"))
            before = ""
            continue
        if not stripped:
            if "\t" in line:
                append(Cell("", n))  # a line of only tabs: one blank cell
            elif before == "bar" and n < len(lines) and lines[n].strip() == "|":
                append(Cell("", n))  # between two bars on lines of their own: a blank cell's line
                before = "text"
            continue
        if "\t" not in stripped and "|" not in stripped:
            append(Cell(stripped, n))
            before = "text"
            continue
        closes, before = before == "text" and stripped == "|" and not led, ""
        if closes:  # `0` then `|` on a line of its own: the bar ends the cell above, it is not one
            bars.append(n)
            before = "bar"
            continue
        if len(stripped) > 1 and not stripped.strip("|"):
            continue  # `||`, `|||`: what a crawler prints for the cells a colspan covers, not cells
        if led and stripped == "|" and _closes_led_row(lines, n):
            continue
        if stripped[-1] == "|" and "\t" not in line and stripped.count("|") == 1:
            append(Cell(stripped[:-1].strip(), n))  # one cell closed by '|', as HTML table text prints it
            continue
        kind = Ruled if n in ruled else Cell
        if stripped.endswith("||") and n not in ruled:
            line = _COVERED.sub("|", line)
            stripped = line.strip()
            kind = Padded
        rest = line.lstrip("\t ")  # leading tabs indent; they are not cells
        parts = _parts(rest)
        if stripped.endswith("|") and n not in unclosed:
            parts.pop()  # '0 |' closes a cell, it does not open an empty one
        if stripped.startswith("|"):  # a Markdown row: '|' opens its first cell; empty leading cells indent
            while len(parts) > 1 and not parts[0].strip():
                parts.pop(0)
        for part in parts:
            append(kind(part.strip(), n))
    if bars:  # a cell and its bar are one line of the table: blank lines still part rows
        cells = [type(c)(c.text, c.line - bisect_left(bars, c.line), c.where or f"line {c.line}") for c in cells]
    return cells


_LED_CELL = re.compile(r"^\s*\|\s*[^|\s][^|]*$")  # `| 0`: a cell led by a bar, none after it
_BAR_CLOSED = re.compile(r"[^|\s]\s*\|\s*$")  # `0 |`: a cell a bar closes
_LED_CELLS = 20  # cells led by a bar that make a text of them (html2text breaks a row into a few)
_LED_OVER_CLOSED = 3  # ... and how many times more of them than cells a bar closes


def _cells_led_by_bars(lines: list[str]) -> bool:
    """The text sets each table cell after a row's first on a line of its own led by a bar (`| 0`,
    `|` for an empty cell) and closes each row with a bar alone: many such cells, and few a bar
    closes (`0 |`: a page's metadata table a crawler printed as rows; html2text's `| 12` ends rows
    it broke, among many `a | 3 |`)."""
    led = closed = 0
    for line in lines:
        if "|" in line:
            if _BAR_CLOSED.search(line):
                closed += 1
            else:
                led += _LED_CELL.match(line) is not None
    return led >= _LED_CELLS and led > _LED_OVER_CLOSED * closed


def _closes_led_row(lines: list[str], n: int) -> bool:
    """A bar alone on line `n` (from 1) after a cell led by one (`| 0`, or `|` for an empty one)
    and before a line that opens with none (the next row's first cell): a crawler that sets each
    cell after a row's first on a line of its own led by a bar closes the row so; it is no cell."""
    before = lines[n - 2].strip() if n > 1 else ""
    if not before.startswith("|") or before.count("|") != 1:
        return False
    after = next((line.strip() for line in lines[n:] if line.strip()), "")
    return not after.startswith("|")


def _ruled_rows(lines: list[str]) -> set[int]:
    """The lines (from 1) of Markdown tables: runs of lines opening with a bar, one of them a rule
    (`|---|---|`). Such a table prints every row's cells, an empty one as `||`; a crawler's
    trailing `||` (the cells a colspan covers) is no Markdown row."""
    out: set[int] = set()
    run: list[int] = []
    ruled = False
    for n, line in enumerate([*lines, ""], start=1):
        if line.lstrip().startswith("|"):
            run.append(n)
            ruled |= _MD_RULE.match(line) is not None
        elif run:
            if ruled:
                out.update(run)
            run, ruled = [], False
    return out


def _unclosed_rows(lines: list[str]) -> set[int]:
    """The lines (from 1) of runs of lines with bars some of which (rows of three cells or more)
    end in a cell, not a bar: a table whose rows no bar closes (html2text's `数量| 821| 35| 859`),
    where a bar ending a line opens the row's last cell, an empty one (`予以公开| 258| 12| 1|`,
    its 总计 blank)."""
    out: set[int] = set()
    run: list[int] = []
    open_ended = False
    for n, line in enumerate([*lines, ""], start=1):
        if "|" in line:
            run.append(n)
            stripped = line.rstrip()
            open_ended |= stripped[-1] != "|" and stripped.count("|") > 1 and not _MD_RULE.match(line)
        elif run:
            if open_ended:
                out.update(run)
            run, open_ended = [], False
    return out


def _parts(rest: str) -> list[str]:
    """A line's cells: parted by `|` where it has bars (a cell of only tabs and spaces, as
    trafilatura prints an empty one, is one blank cell; tabs between text still part it), else
    by tabs."""
    if "|" not in rest:
        return rest.split("\t")
    if "\t" not in rest:
        return rest.split("|")
    parts: list[str] = []
    for part in rest.split("|"):
        parts.extend(part.split("\t") if "\t" in part and part.strip() else (part,))
    return parts


def _breaks_in_cell(stripped: str, lines: list[str], n: int, inside: bool) -> bool:
    """Whether a line ending in a bar leaves a cell open: html2text breaks a row where a cell holds
    a line break (an empty paragraph), so `a | 1 |` then `| 1` on the next line enclose one
    blank cell, and blank cells in a run print a lone `|` a line between (`a |`, `|`, `| 1 |`, `| 0`).
    Known by the line that ends the run: a bar, then text, and no bar after it (a crawler's
    `x |` cells end with their bar; a Markdown row opens and closes with one; `| |||` is a
    colspan's cells). A line opening with a bar leaves a cell open only inside such a run."""
    if not stripped.endswith("|") or (stripped.startswith("|") and not inside):
        return False
    for following in lines[n : n + _BROKEN_ROW_LINES]:
        following = following.strip()
        if not following.startswith("|") or following[1:].lstrip().startswith("|"):
            return False
        if not following.endswith("|"):
            return True  # `| 12`: the run's last cell
        # `|` or `| 1 |`: a blank cell, or a cell and the next one broken again
    return False


_BROKEN_ROW_LINES = settings.value("text_broken_row_lines")
