"""PDF text layer: ruled tables cell by cell, the rest line by line, page furniture dropped.

Table cells come from the ruling lines (pdfplumber), so a label printed over several lines
or one character per line (三、本年度办理结果 down a merged cell) is still one cell, and a
merged cell is emitted once. Outside ruled tables a line is split into cells at gaps of a
character or more (how columns of an unruled table are set apart) and between numbers.
"""
from __future__ import annotations

import io
import re
import statistics

import pdfplumber

from . import Cell, Document, ReadError, tidy

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|page\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$",
    re.I,
)
_BARE_NUMBER = re.compile(r"^\d{1,4}$")
_MARGIN = 0.08  # top and bottom share of a page where a bare number is a page number
_COLUMN_GAP = 1.0  # a gap this many font sizes wide separates two cells of a line
_NUMBER = re.compile(r"^[+\-−]?\d[\d,]*(?:\.\d+)?%?$")
_LINE_TOLERANCE = 3  # points: words whose tops differ less share a line
_MIN_TEXT = 20  # fewer characters than this in the whole file: there is no text layer


def read(data: bytes) -> Document:
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as e:  # pdfminer raises many unrelated types for bad files
        raise ReadError(_open_error(e)) from None
    cells: list[Cell] = []
    with pdf:
        try:
            pages = list(pdf.pages)
        except Exception as e:
            raise ReadError(_open_error(e)) from None
        if not pages:
            raise ReadError("PDF has no pages (truncated or damaged file)")
        layout = _Layout(cells)
        chars = 0
        confidence: dict[str, float] = {}  # of cells read by OCR
        for number, page in enumerate(pages, start=1):
            try:
                chars += len(page.chars)
                if not page.chars and page.images and chars + sum(len(p.chars) for p in pages[number:]) >= _MIN_TEXT:
                    from .scan import scanned_page  # a scanned page inside a digital PDF

                    layout.line = scanned_page(data, number, cells, confidence, layout.line)
                    continue
                layout.page(page, number)
            except ReadError:
                raise
            except Exception as e:
                raise ReadError(f"PDF page {number} cannot be read: {_reason(e)}") from None
    if chars < _MIN_TEXT or not any(c.text for c in cells):
        from .scan import read_pdf  # a scan: every page is an image, read by OCR

        return read_pdf(data)
    return Document(format="pdf", cells=cells, confidence=confidence)


def _reason(e: Exception) -> str:
    inner = e.args[0] if e.args and isinstance(e.args[0], Exception) else e
    return f"{type(inner).__name__}: {inner}".rstrip(": ")


def _open_error(e: Exception) -> str:
    inner = e.args[0] if e.args and isinstance(e.args[0], Exception) else e
    name = type(inner).__name__
    if "Password" in name or "Encryption" in name:
        return f"encrypted PDF: a password is needed to read it ({name})"
    return f"damaged or truncated PDF: {_reason(e)}"


class _Layout:
    """Turns pages into cells; line numbers run across the whole document."""

    def __init__(self, cells: list[Cell]) -> None:
        self.cells = cells
        self.line = 0
        self.tables = 0

    def page(self, page, number: int) -> None:
        tables = page.find_tables()
        boxes = [t.bbox for t in tables]
        blocks: list[tuple[float, int, object]] = [(t.bbox[1], 0, t) for t in tables]
        outside = page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes))
        lines = _lines(outside.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=["size"]))
        lines = _without_page_numbers(lines, page.height)
        blocks += [(ln[0]["top"], 1, ln) for ln in lines]
        blocks.sort(key=lambda b: (b[0], b[1]))
        for _, kind, block in blocks:
            if kind == 0:
                self.table(block, number)
            else:
                self.text_line(block, number)

    def table(self, table, number: int) -> None:
        self.tables += 1
        for r, row in enumerate(table.extract(), start=1):
            texts = [None if text is None else tidy(text) for text in row]
            if all(not t for t in texts):
                continue  # a ruled row with nothing in it: layout, not a row of blanks
            self.line += 1
            for c, text in enumerate(texts, start=1):
                if text is not None:
                    ref = f"page {number} table {self.tables} row {r} col {c}"
                    self.cells.append(Cell(text, self.line, ref))

    def text_line(self, words: list[dict], number: int) -> None:
        self.line += 1
        for text in _split_columns(words):
            self.cells.append(Cell(text, self.line, f"page {number} line {self.line}"))


def _inside(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _lines(words: list[dict]) -> list[list[dict]]:
    lines: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(w["top"] - lines[-1][0]["top"]) <= _LINE_TOLERANCE:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def _without_page_numbers(lines: list[list[dict]], height: float) -> list[list[dict]]:
    """Page furniture: '- 4 -', '第 4 页', '4/5' anywhere; a bare number only at the very top or
    bottom of the page, where no table row can be."""
    kept = []
    for k, line in enumerate(lines):
        text = tidy(" ".join(w["text"] for w in line))
        if _PAGE_NUMBER.match(text):
            continue
        edge = k in (0, len(lines) - 1)
        in_margin = line[0]["top"] < height * _MARGIN or line[0]["bottom"] > height * (1 - _MARGIN)
        if edge and in_margin and _BARE_NUMBER.match(text):
            continue
        kept.append(line)
    return kept


def _split_columns(words: list[dict]) -> list[str]:
    size = statistics.median(w.get("size") or (w["bottom"] - w["top"]) for w in words)
    parts: list[list[str]] = [[words[0]["text"]]]
    for prev, w in zip(words, words[1:]):
        if w["x0"] - prev["x1"] > _COLUMN_GAP * size:
            parts.append([w["text"]])
        else:
            parts[-1].append(w["text"])
    out: list[str] = []
    for part in parts:
        if len(part) > 1 and all(_NUMBER.match(t) for t in part):
            out += part  # a run of numbers is a row's values, whatever the spacing
        else:
            out.append(tidy(" ".join(part)))
    return out
