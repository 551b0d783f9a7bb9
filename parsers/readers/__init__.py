"""One reader per format. Each turns raw bytes into a Document: an ordered list of cells.

A cell is one piece of text as the layout gives it (a table cell, a tab- or |-separated
field, a line). Readers know nothing of the template; parsers.template does the matching.
"""

from __future__ import annotations

import csv
import importlib
import re
import unicodedata
from functools import cache
from dataclasses import dataclass, field
from pathlib import Path

from ..memo import Memo


FURNITURE_PATH = Path(__file__).parent.parent / "furniture.csv"
RADICALS_PATH = Path(__file__).parent.parent / "radicals.csv"
WORDS_PATH = Path(__file__).parent.parent / "traditional_words.csv"


@cache
def furniture() -> re.Pattern:
    """Page marks (`- 4 -`, `第 4 页`, `4/5`): dropped by the PDF reader, and by the template where
    a text extractor left them between a table's lines (furniture.csv: one pattern a line)."""
    with FURNITURE_PATH.open(encoding="utf-8") as f:
        patterns = [row["pattern"] for row in csv.DictReader(f)]
    return re.compile("^(?:" + "|".join(patterns) + ")$", re.I)


# Characters that print as others: radicals and compatibility ideographs where a PDF's font maps
# an ideograph to one of them (`⼈⺠政府`, `⼯作年度报告`), full-width digits (`２０２４年`), and
# zero-width spaces a page or an editor leaves inside words and numbers (`20\u200b24`). Read as
# what is printed, so that labels, titles, bodies and numbers compare as printed. The search looks
# in the BMP only (a range beyond it slows every search); where it finds one, the supplement's
# compatibility ideographs are read as ideographs along with the rest.
_ALIKE = re.compile("[\u2e80-\u2fdf\uf900-\ufaff\uff10-\uff19\u200b-\u200d\u2060\ufeff]")


@cache
def _as_printed() -> dict[int, str | None]:
    """str.translate's table from each such character to what it prints as: Kangxi radicals,
    compatibility ideographs and full-width digits by NFKC, the radicals supplement (which NFKC
    leaves alone) by Unicode's Equivalent_Unified_Ideograph (radicals.csv); zero-width ones to
    nothing."""
    table: dict[int, str | None] = dict.fromkeys((0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF))
    for cp in (*range(0x2F00, 0x2FE0), *range(0xF900, 0xFB00), *range(0xFF10, 0xFF1A), *range(0x2F800, 0x2FA20)):
        folded = unicodedata.normalize("NFKC", chr(cp))
        if len(folded) == 1 and folded != chr(cp):
            table[cp] = folded
    with RADICALS_PATH.open(encoding="utf-8") as f:
        table.update((int(row["radical"], 16), chr(int(row["ideograph"], 16))) for row in csv.DictReader(f))
    return table


_RADICAL = re.compile("[\u2e80-\u2fdf]")


@cache
def _radicals_read() -> dict[int, str | None]:
    return {cp: to for cp, to in _as_printed().items() if 0x2E80 <= cp <= 0x2FDF}


def radicals_read(text: str) -> str:
    """The text with each radical a PDF's font printed for an ideograph read as that ideograph
    (_as_printed): a text extractor's copy of such a PDF (`（⼀）予以`), before its lines are read
    as a table's rows, whose numbering and labels the reader looks for."""
    return text.translate(_radicals_read()) if _RADICAL.search(text) else text


def unify(cells: list[Cell]) -> list[Cell]:
    """The cells with every character that prints as another read as that one (_ALIKE), and a
    text in traditional characters read in simplified ones; one look at the whole text decides
    whether any cell needs either."""
    joined = "".join([cell.text for cell in cells])
    if in_traditional(joined):
        for cell in cells:
            cell.text = simplified(cell.text)
    if _ALIKE.search(joined):
        table = _as_printed()
        for cell in cells:
            cell.text = cell.text.translate(table)
    return cells


# The template's 公开 as traditional characters print it: a mirror site's or a converter's copy of a
# report (`政府信息公開工作年度報告`) prints it so throughout, a report itself never does.
SIMPLIFIED, TRADITIONAL = "公开", "公開"
# Pinyin in brackets after a character (`根據(jù)`, `報(bào)告`), as some mirror sites print the characters
# their conversion changed: known by a tone mark, it is no part of the text.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN = re.compile(rf"(?<=[\u3400-\u9fff])[(（](?=[a-zü]*[{_TONED}])[a-zü{_TONED}]{{1,7}}[)）]")


def in_traditional(text: str) -> bool:
    """The text prints the template's 公开 in traditional characters more often than in simplified."""
    return TRADITIONAL in text and text.count(TRADITIONAL) > text.count(SIMPLIFIED)


def simplified(text: str) -> str:
    """The text in simplified characters, by OpenCC's conversion of traditional ones (phrases,
    then characters), without a mirror's pinyin, the template's words as the mainland prints them
    (traditional_words.csv); digits and marks as they are."""
    if not text:
        return text
    words, pattern = _mainland_words()
    return pattern.sub(lambda m: words[m.group()], _converted(_PINYIN.sub("", text)))


_SURROGATE = re.compile("([\ud800-\udfff])")


def _converted(text: str) -> str:
    """The text in simplified characters (_t2s); a lone surrogate (a PDF font's broken mapping), which OpenCC cannot take,
    is kept as it stands and the text around it converted."""
    try:
        return _t2s()(text)
    except UnicodeEncodeError:
        return "".join(p if _SURROGATE.fullmatch(p) else _t2s()(p) for p in _SURROGATE.split(text) if p)


@cache
def _mainland_words() -> tuple[dict[str, str], re.Pattern]:
    """The template's words as Taiwan's phrasing prints them (OpenCC's s2twp: 資訊 for 信息, 檔案
    for 文件, 專案 for 项目), after _t2s, and the words they stand for (traditional_words.csv): only
    words the template prints, read so wherever they stand."""
    with WORDS_PATH.open(encoding="utf-8") as f:
        words = {row["printed"]: row["read_as"] for row in csv.DictReader(f)}
    return words, re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


@cache
def _t2s():
    """OpenCC's traditional-to-simplified conversion, loaded when a text first needs it: the one
    that also reads Hong Kong's variants (hk2s: 衞生 as 卫生, which t2s leaves as it is)."""
    from opencc import OpenCC

    return OpenCC("hk2s").convert


class ReadError(Exception):
    """The file cannot be turned into text; the message is the reason users see."""


@dataclass(slots=True)
class Cell:
    text: str
    line: int  # position of the cell's line (or table row) in the document
    where: str | None = None  # "table 3 row 4 col 2", "page 3 line 7"; None: the line is enough

    @property
    def ref(self) -> str:
        """Where a person finds the cell in the source."""
        return self.where or LINE_REFS[self.line]


@dataclass(slots=True)
class Ruled(Cell):
    """A cell of a Markdown table's row (a rule line under its first): such a table prints every
    row's every cell, an empty one too, so its rows end alike."""


class Padded(Cell):
    """A cell of a row a crawler padded with bars to its table's widest (`| 0 | ||`), or of a table
    w3m drew in box lines (every row to the grid's width): a row one cell short gets an empty
    cell after it, which reads as a blank 总计."""


LINE_REFS = Memo(lambda line: f"line {line}")  # 'line 12', made once: every report asks for the same few hundred


@dataclass
class Document:
    format: str
    cells: list[Cell] = field(default_factory=list)
    encoding: str | None = None
    confidence: dict[str, float] = field(default_factory=dict)  # OCR'd cells: ref -> lowest character confidence
    notes: list[tuple[str, str]] = field(default_factory=list)  # (finding, detail) about the reading itself
    page_ends: frozenset[int] = frozenset()  # lines that are the last a page prints (a form feed follows)
    indents: dict[int, int] = field(default_factory=dict)  # text lines set in by spaces: line -> spaces (layout text)
    footers: frozenset[int] = frozenset()  # lines printing alone a number that may be its page's (which, the text does not say)


_SPACE = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_GAP = re.compile(f"(?<=[{_CJK}]) (?=[{_CJK}])")


def tidy(text: str) -> str:
    """One cell's text on one line: a label wrapped inside its cell (or justified with spaces
    between characters) reads as typed, Chinese characters rejoined without the break."""
    if text.isalnum():  # no space of any kind: most cells (a number, a label)
        return text
    text = _SPACE.sub(" ", text).strip()
    return _CJK_GAP.sub("", text) if " " in text else text


_UNSUPPORTED = {
    "xls": "spreadsheet (.xls): not a report document",
    "xlsx": "spreadsheet (.xlsx): not a report document",
    "pptx": "presentation (.pptx): not a report document",
    "zip": "ZIP archive: unpack it and ingest the report inside",
    "ofd": "OFD (GB/T 33190 fixed-layout document): not read; print or convert it to PDF and ingest that",
    "archive": "compressed archive: unpack it and ingest the report inside",
}
_IMAGES = {"png", "jpeg", "gif", "bmp", "tiff"}
_SCANS = {"png", "jpeg", "tiff"}  # images read as scanned pages (readers.scan)


_READERS = {"txt": "text", "html": "html", "mhtml": "mhtml", "pdf": "pdf", "docx": "docx"}  # format: its reader module


def read(data: bytes, name: str = "") -> Document:
    """The file's cells, by the one reader of its format, each character as printed (unify)."""
    doc = _read(data, name)
    doc.cells = unify(doc.cells)
    return doc


def _read(data: bytes, name: str) -> Document:
    """The one reader of the file's format (imported when first needed: a run of text reports
    never loads PDFium or lxml)."""
    from .detect import sniff

    fmt = sniff(data, name)
    module = _READERS.get(fmt)
    if module is not None:
        return importlib.import_module(f"{__name__}.{module}").read(data)
    if fmt in ("doc", "wps", "rtf"):
        from . import office

        return office.read(data, fmt)
    if fmt in _SCANS:
        from .scan import read_image

        return read_image(data, fmt)
    if fmt in _IMAGES:
        raise ReadError(f"unsupported format: {fmt} image (scans are read as PNG, JPEG or TIFF)")
    reason = _UNSUPPORTED.get(fmt, "xxgk reads text, HTML, PDF and DOCX reports")
    raise ReadError(f"unsupported format: {fmt} ({reason})")
