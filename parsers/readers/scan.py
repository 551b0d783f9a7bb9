"""Scanned pages (an image-only PDF, a scanned page inside a PDF, a PNG/JPEG/TIFF) read by offline
OCR into the same cells the PDF reader gives.

What the template needs is read, not the prose: every ruled table cell by cell, the line just
above each table (its part's heading) and the title at the top of the first page. Table cells come
from the ruling lines found in the image (the white regions the lines enclose), so a blank cell
stays a blank cell and a merged cell is read once, as the PDF reader does from a text layer. A
page without ruling lines is read only when no page of the document has any: then every word is
read and a line is split into cells at wide gaps.

Each cell keeps the recogniser's lowest character confidence (Document.confidence, by the cell's
ref, `page 3 ocr x,y,w,h` in the page image's pixels); parsers.ocr turns doubtful cells and broken
identities into findings. The recogniser is RapidOCR (PP-OCR models shipped inside its wheel,
onnxruntime): nothing is downloaded at run time.
"""

from __future__ import annotations

import io
import os
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np

from .. import settings
from . import Cell, Document, ReadError, tidy

_DPI = settings.value("ocr_dpi")  # a PDF page is rendered at this resolution
_LARGE_PAGE = settings.value("ocr_large_page")  # a page this much wider than it is read at is rendered at that size
_PAGE_SIDE = settings.value("ocr_page_side")  # an image's short side is scaled to this: the sizes below are in those pixels
_MAX_SKEW = settings.value("ocr_max_skew")  # degrees a page may be turned
_HORIZONTAL_LINE = settings.value("ocr_horizontal_line")  # a run of ink this long and one pixel high is a ruling line
_VERTICAL_LINE = settings.value("ocr_vertical_line")  # ... and this tall, one pixel wide
_FAINT = settings.value("ocr_faint")  # a ruling line may be this little darker than the paper round it
_LINE_REACH = settings.value("ocr_line_reach")  # ruling lines are lengthened this much at each end
_BORDER_SPAN = settings.value("ocr_border_span")  # a table's top and bottom lines run across this share of its width
_TABLE_MIN = (settings.value("ocr_table_min_width"), settings.value("ocr_table_min_height"))  # a smaller grid is not a table
_CELL_MIN = (
    settings.value("ocr_cell_min_width"),
    settings.value("ocr_cell_min_height"),
)  # a smaller region is a gap between double lines
_RED = settings.value("ocr_red")  # a pixel this much redder than green and blue is under red ink
_SPECK = settings.value("ocr_speck")  # ink blobs with fewer pixels than this are noise, not text
_TALLEST_CHARACTER = settings.value("ocr_tallest_character")  # a taller blob outside a table is a rule or the scan's rim
_DARK = settings.value("ocr_dark")  # ink is a blob with a pixel at least this much darker than the paper
_EDGE = settings.value("ocr_edge")  # a thin stroke this close to a cell's edge is left of its ruling line
_LINE_MIN_HEIGHT = settings.value("ocr_line_min_height")  # a band of ink lower than this is not a line of text
_MARK = (
    settings.value("ocr_mark_width"),
    settings.value("ocr_mark_height"),
)  # a blob narrower and lower than these shares of its line's height ...
_DASH = settings.value("ocr_dash")  # a mark this many times as wide as thick, mid-line, before a number is its minus sign
_APART = settings.value("ocr_apart")  # ... standing this share of the height apart at the line's end is a speck
_HEADING_GAP = settings.value("ocr_heading_gap")  # a line at most this many line heights above a table (or its heading) ...
_HEADING_LINES = settings.value("ocr_heading_lines")  # ... up to this many lines, are the table's heading
_TITLE_LINES = settings.value("ocr_title_lines")  # lines read from the top of the first page to find the title
_LEXICON_MIN = settings.value("ocr_lexicon_min")  # a table label this long or longer is matched against the template's labels ...
_LEXICON_LONG = settings.value("ocr_lexicon_long")  # ... a label this long or longer ...
_LEXICON_DISTANCE = (
    settings.value("ocr_lexicon_distance_short"),
    settings.value("ocr_lexicon_distance_long"),
)  # ... this many edits away
_DOUBT = settings.value("ocr_doubt")  # confidence given to a cell read as a number only after dropping a mark or reading O as 0
_STRIP_WIDTH = settings.value("ocr_strip_width")  # crops are read side by side in strips this wide (at the model's height of 48)
_STRIP_GAP = settings.value("ocr_strip_gap")  # white between two crops of a strip
_BATCH = settings.value("ocr_batch")  # strips recognised together
_LONG_LINE = settings.value("ocr_long_line")  # a table cell's line this many times as wide as high is a label ...
_LONG_SCALE = settings.value("ocr_long_scale")  # ... read this much smaller (a number in it is read again at full size)
_SMALL_SURE = settings.value("ocr_small_sure")  # a line read small less surely than this is read again at full size
_MARK_CONFIDENCE = settings.value("ocr_mark_confidence")  # marks alone (no letter, no digit) read less surely are nothing
_THREADS = int(os.environ.get("XXGK_OCR_THREADS", "1"))  # onnxruntime threads per process


_TITLE = re.compile(r"(?:19|20)\d{2}.*报告|报告.*(?:19|20)\d{2}")


@dataclass(slots=True)
class _Box:
    x: int
    y: int
    w: int
    h: int


@dataclass
class _Region:
    """A table cell or a line of text, with where it stands and what was read in it."""

    box: _Box
    lines: list[np.ndarray]  # crops of its lines of text, top to bottom; none: nothing printed
    text: str = ""
    confidence: float = 1.0
    in_table: bool = False
    word_confidence: float = 1.0  # the lowest of its letters' and digits' (not punctuation's)


# ------------------------------------------------------------------------------------ entry points
def read_image(data: bytes, fmt: str) -> Document:
    """A PNG/JPEG/TIFF file: every frame is a page."""
    from PIL import Image, ImageSequence

    try:
        image = Image.open(io.BytesIO(data))
        pages = [_array(frame) for frame in ImageSequence.Iterator(image)]
    except Exception as e:  # Pillow raises many types for a damaged image
        raise ReadError(f"damaged {fmt} image: {type(e).__name__}: {e}") from None
    return read_pages(((n, page, 1.0) for n, page in enumerate(pages, start=1)), fmt)


def read_pdf(data: bytes, pages: list[int] | None = None) -> Document:
    """A PDF without a text layer: its pages rendered (pdfium, which pdfplumber brings) and read."""
    return read_pages(_rendered(data, pages), "pdf")


def render_pdf(data: bytes, pages: list[int] | None = None) -> dict[int, np.ndarray]:
    """Page number (from 1) -> the page as an RGB array at _DPI, or smaller (_rendered)."""
    return {number: image for number, image, _ in _rendered(data, pages)}


def _rendered(data: bytes, pages: list[int] | None = None) -> Iterator[tuple[int, np.ndarray, float]]:
    """(page number, the page as an RGB array, its size against _DPI's), one page at a time: a
    page's image (12 MB at A4) is let go once the page is prepared. A page much larger than A4 is
    rendered no larger than it is read (its short side _PAGE_SIDE pixels): a scan whose PDF
    states a wrong resolution (72 dpi for 300) has pages of 1.7 m, 100 MB each at _DPI."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data)
    except Exception as e:
        raise ReadError(f"damaged or truncated PDF: {type(e).__name__}: {e}") from None
    try:
        for number in pages or range(1, len(pdf) + 1):
            page = pdf[number - 1]
            scale = _DPI / 72
            if min(page.get_size()) * scale > _PAGE_SIDE * _LARGE_PAGE:
                scale = _PAGE_SIDE / min(page.get_size())
            yield number, _array(page.render(scale=scale).to_pil()), scale / (_DPI / 72)
    finally:
        pdf.close()


def scanned_page(data: bytes, number: int, cells: list[Cell], confidence: dict[str, float], line: int) -> int:
    """A page of a digital PDF that is only an image: read into the PDF reader's cells after
    line `line`; returns the last line used."""
    doc = Document("pdf", cells, confidence=confidence)
    return append_pages(doc, _rendered(data, [number]), line)


def read_pages(pages: Iterable[tuple[int, np.ndarray, float]], fmt: str) -> Document:
    doc = Document(format=fmt)
    append_pages(doc, pages, first_line=0)
    if not any(c.text for c in doc.cells):
        what = "scanned PDF: no text layer" if fmt == "pdf" else f"{fmt} image"
        raise ReadError(f"{what}, and OCR found no text in it")
    return doc


def append_pages(doc: Document, pages: Iterable[tuple[int, np.ndarray, float]], first_line: int) -> int:
    """Reads the pages, (number, image, its size against _DPI's) each, into doc (cells and their
    confidences) after line `first_line`; returns the last line used, so a scanned page inside a
    digital PDF keeps the document's order."""
    prepared = [_Page(image, number, size) for number, image, size in pages]
    ruled = any(p.tables for p in prepared)
    every = [page.blocks() if ruled else page.all_words() for page in prepared]
    _recognise([r for blocks in every for _, rows in blocks for row in rows for r in row])  # all pages in one pass: full strips
    line = first_line
    title_found = bool(doc.cells)
    for page, blocks in zip(prepared, every):
        if ruled and not title_found:
            blocks += _read_title(page, {top for top, _ in blocks})
            blocks.sort(key=lambda b: b[0])
        for _, rows in blocks:
            for row in rows:
                if all(not r.text for r in row):
                    continue  # a ruled row with nothing in it: layout, not a row of blanks
                line += 1
                for r in row:
                    ref = f"page {page.number} ocr {page.ref_box(r.box)}"
                    doc.cells.append(Cell(r.text, line, ref))
                    doc.confidence[ref] = r.confidence
        title_found = title_found or any(c.text for c in doc.cells)
    return line


def _read_title(page: "_Page", read: set[int]) -> list[tuple[int, list[list[_Region]]]]:
    """The page's first lines, one at a time until one names a year and a report: prose after
    the title is not read."""
    out = []
    for top, rows in page.title_lines():
        if top in read:
            break  # a table's heading: the title, if any, stood above it
        _recognise(rows[0])
        out.append((top, rows))
        if _TITLE.search("".join(r.text for _, rs in out for r in rs[0])):
            break
    return out


# ---------------------------------------------------------------------------------- page layout
def _array(image) -> np.ndarray:
    """An RGB array; a red seal is dropped later by reading the red channel."""
    return np.asarray(image.convert("RGB"))


def _without_red(rgb: np.ndarray) -> np.ndarray:
    """Grey page with red ink (a seal, a red heading) taken away. Red ink multiplies the paper
    under it: black print under a seal stays dark in the red channel, the seal alone is light
    there, so dividing the red channel by the seal's own red level gives back the print."""
    if rgb.ndim == 2:
        return rgb
    r = rgb[:, :, 0]
    red = r.astype(np.int16) - np.maximum(rgb[:, :, 1], rgb[:, :, 2]) > _RED
    if not red.any():
        return np.ascontiguousarray(r)
    level = max(0.9 * _median(r[red]), 1.0)  # most red pixels are the seal alone
    grey = r.astype(np.float32)
    grey[red] = np.minimum(grey[red] * (255.0 / level), 255.0)
    return grey.astype(np.uint8)


def _cv2():
    import cv2

    cv2.setNumThreads(1)
    return cv2


class _Page:
    def __init__(self, rgb: np.ndarray, number: int, size: float = 1.0) -> None:
        cv2 = _cv2()
        self.number = number
        grey = _without_red(rgb)
        self.scale = _PAGE_SIDE / min(grey.shape)
        self.ref_scale = self.scale * size  # from the pixels of a PDF page at _DPI, or of an image as given
        if abs(self.scale - 1) > 0.02:
            grey = cv2.resize(
                grey, None, fx=self.scale, fy=self.scale, interpolation=cv2.INTER_AREA if self.scale < 1 else cv2.INTER_CUBIC
            )
        self.grey = _deskew(grey)
        self.tables = _tables(self.grey)

    @cached_property
    def ink(self) -> np.ndarray:
        """Made only for a page that is read: a page of prose after the title never is."""
        return _ink(self.grey)

    @cached_property
    def text_bands(self) -> list[tuple[int, int, int, int]]:
        """Lines of text outside the tables (headings, the title), once for both uses."""
        return _bands(self._outside_tables(), 0, self.grey.shape[1], split_characters=True)

    def ref_box(self, b: _Box) -> str:
        """The box in the pixels of the image as given, or of the PDF's page at _DPI."""
        s = self.ref_scale
        return f"{round(b.x / s)},{round(b.y / s)},{round(b.w / s)},{round(b.h / s)}"

    def blocks(self) -> list[tuple[int, list[list[_Region]]]]:
        """(top, rows of regions) for each table and the lines just above it (its heading)."""
        out: list[tuple[int, list[list[_Region]]]] = []
        if not self.tables:
            return out
        bands = self.text_bands
        taken: set[int] = set()
        for table in self.tables:
            out.append((table.y, self._cells(table)))
            edge = table.y
            for k in reversed([k for k, band in enumerate(bands) if band[1] <= table.y + 2][-_HEADING_LINES:]):
                top, bottom, _, _ = bands[k]
                if edge - bottom > _HEADING_GAP * (bottom - top):
                    break
                taken.add(k)
                edge = top
        for k in sorted(taken):
            top, bottom, x0, x1 = bands[k]
            out.append((top, [[self._line_region(_Box(x0, top, x1 - x0, bottom - top))]]))
        return sorted(out, key=lambda b: b[0])

    def title_lines(self) -> list[tuple[int, list[list[_Region]]]]:
        """The first lines of the page outside its tables, where the title is."""
        bands = self.text_bands[:_TITLE_LINES]
        return [(top, [[self._line_region(_Box(x0, top, x1 - x0, bottom - top))]]) for top, bottom, x0, x1 in bands]

    def all_words(self) -> list[tuple[int, list[list[_Region]]]]:
        """A page without ruling lines: every line, split into cells at gaps wider than its height."""
        out = []
        for top, bottom, x0, x1 in _bands(self.ink, 0, self.grey.shape[1]):
            band = self.ink[top:bottom, x0:x1]
            cols = np.flatnonzero(band.any(axis=0))
            gap = max(bottom - top, 10)
            parts, start = [], cols[0]
            for a, b in zip(cols, cols[1:]):
                if b - a > gap:
                    parts.append((start, a + 1))
                    start = b
            parts.append((start, cols[-1] + 1))
            row = [self._line_region(_Box(x0 + a, top, b - a, bottom - top)) for a, b in parts]
            out.append((top, [row]))
        return out

    def _outside_tables(self) -> np.ndarray:
        """Ink outside the tables that can be text: no blob touching the page's edge (the dark
        rim of a scan) and none taller than any character. Only above the last table's top: what
        is read outside tables (headings, the title) stands above a table."""
        cv2 = _cv2()
        ink = self.ink[: max(t.y for t in self.tables) + 3].copy() if self.tables else self.ink.copy()
        for t in self.tables:
            ink[max(t.y - 3, 0) : t.y + t.h + 3, max(t.x - 3, 0) : t.x + t.w + 3] = 0
        n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
        x, y, w, h = (stats[:, k] for k in range(4))
        H, W = ink.shape
        drop = (h > _TALLEST_CHARACTER) | (x <= 1) | (y <= 1) | (x + w >= W - 1) | (y + h >= H - 1)
        drop[0] = False
        return np.where(drop, 0, 255).astype(np.uint8)[labels] & ink if drop.any() else ink

    def _line_region(self, b: _Box) -> _Region:
        pad = max(4, b.h // 4)
        return _Region(b, [self._crop(b.x, b.y, b.w, b.h, pad)])

    def _crop(self, x: int, y: int, w: int, h: int, pad: int) -> np.ndarray:
        H, W = self.grey.shape
        return self.grey[max(y - pad, 0) : min(y + h + pad, H), max(x - pad, 0) : min(x + w + pad, W)]

    def _cells(self, table: "_Table") -> list[list[_Region]]:
        """The table's cells in rows: a cell belongs to the row its top edge is on."""
        cv2 = _cv2()
        rows: dict[int, list[_Region]] = {}
        tops = sorted({c.y for c in table.cells})
        bands: list[int] = []
        for t in tops:
            if not bands or t - bands[-1] > _CELL_MIN[1]:
                bands.append(t)
        for c in table.cells:
            row = max(i for i, t in enumerate(bands) if t <= c.y + _CELL_MIN[1])
            y, x = c.y - table.y, c.x - table.x
            inside = (table.labels[y : y + c.h, x : x + c.w] == c.label).astype(np.uint8)
            inside = cv2.erode(inside, np.ones((5, 5), np.uint8)).astype(bool)  # off the borders
            grey = np.where(inside, self.grey[c.y : c.y + c.h, c.x : c.x + c.w], 255).astype(np.uint8)
            ink = _without_borders(np.where(inside, self.ink[c.y : c.y + c.h, c.x : c.x + c.w], 0).astype(np.uint8))
            lines = []
            for top, bottom, x0, x1 in _bands(ink, 0, c.w):
                pad = max(4, (bottom - top) // 4)
                lines.append(_pad(grey[top:bottom, x0:x1], pad, max(3, pad // 2)))
            rows.setdefault(row, []).append(_Region(_Box(c.x, c.y, c.w, c.h), lines, in_table=True))
        return [sorted(rows[r], key=lambda reg: reg.box.x) for r in sorted(rows)]


def _pad(crop: np.ndarray, pad: int, side: int) -> np.ndarray:
    """White paper round a line of text, as the recogniser was trained on; little at the sides,
    where every column costs recognition time."""
    return np.pad(crop, ((pad, pad), (side, side)), constant_values=255)


@dataclass
class _Cellbox:
    x: int
    y: int
    w: int
    h: int
    label: int


@dataclass
class _Table:
    x: int
    y: int
    w: int
    h: int
    labels: np.ndarray  # the table's box: each cell's pixels carry its label
    cells: list[_Cellbox]


def _deskew(grey: np.ndarray) -> np.ndarray:
    """Turns the page so its lines run level: the angle whose rows of ink are sharpest."""
    cv2 = _cv2()
    small = cv2.resize(grey, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    ink = (cv2.adaptiveThreshold(small, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 15, 12)).astype(np.float32)
    h, w = ink.shape
    centre = (w / 2, h / 2)

    def sharpness(angle: float) -> float:
        m = cv2.getRotationMatrix2D(centre, angle, 1.0)
        rows = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_LINEAR).sum(axis=1)
        return float(np.square(rows).sum())

    limit = _MAX_SKEW
    # coarse to fine: the sharpness peak is about a degree wide (a line's height across the page)
    best = max(np.arange(-limit, limit + 1e-6, 0.3), key=sharpness)
    best = max(np.arange(best - 0.2, best + 0.201, 0.1), key=sharpness)
    best = max(np.arange(best - 0.08, best + 0.081, 0.04), key=sharpness)
    if abs(best) < 0.04:
        return grey
    H, W = grey.shape
    m = cv2.getRotationMatrix2D((W / 2, H / 2), float(best), 1.0)
    return cv2.warpAffine(grey, m, (W, H), flags=cv2.INTER_CUBIC, borderValue=255)


def _ink(grey: np.ndarray) -> np.ndarray:
    """Ink as 255 on 0, against the local paper (a grey photocopy or a shaded cell is still
    paper): blobs with a pixel well darker than the page's paper, not specks, not the faint
    traces a removed seal or a dirty glass leaves."""
    cv2 = _cv2()
    ink = cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 41, 18)
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    paper = _median(grey)
    keep = np.bincount(labels[grey < paper - _DARK], minlength=n) > 0
    keep &= stats[:, cv2.CC_STAT_AREA] >= _SPECK
    keep[0] = False
    return np.where(keep, 255, 0).astype(np.uint8)[labels]  # looked up per blob, not per pixel


def _median(grey: np.ndarray) -> float:
    """np.median of a grey image, from its histogram (no sort of a whole page)."""
    counts = np.cumsum(np.bincount(grey.ravel(), minlength=256))
    n = int(counts[-1])
    low = int(np.searchsorted(counts, (n - 1) // 2, side="right"))
    high = int(np.searchsorted(counts, n // 2, side="right"))
    return (low + high) / 2


def _without_borders(ink: np.ndarray) -> np.ndarray:
    """A cell's ink without what is left of its ruling lines: thin strokes along its edges."""
    cv2 = _cv2()
    n, labels, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    h, w = ink.shape
    edge = _EDGE
    drop = np.zeros(n, dtype=bool)
    for k in range(1, n):
        x, y, bw, bh, _ = stats[k]
        flat = bh <= edge and bw >= 3 * bh and (y <= edge or y + bh >= h - edge)
        upright = bw <= edge and bh >= 3 * bw and (x <= edge or x + bw >= w - edge)
        drop[k] = flat or upright
    return np.where(drop[labels], 0, ink) if drop.any() else ink


def _tables(grey: np.ndarray) -> list[_Table]:
    """Ruled grids on the page, each with the regions its lines enclose (its cells). Lines are
    looked for in faint ink too (a line faded under a seal): only long straight runs count."""
    cv2 = _cv2()
    ink = cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 41, _FAINT)
    hl, vl = _HORIZONTAL_LINE, _VERTICAL_LINE
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((1, hl), np.uint8))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, np.ones((vl, 1), np.uint8))
    horizontal = cv2.morphologyEx(horizontal, cv2.MORPH_CLOSE, np.ones((1, 15), np.uint8))
    vertical = cv2.morphologyEx(vertical, cv2.MORPH_CLOSE, np.ones((15, 1), np.uint8))
    reach = _LINE_REACH  # a line stopping short of the one it meets (faded under a seal) still meets it
    horizontal = cv2.dilate(horizontal, np.ones((3, 2 * reach + 1), np.uint8))
    vertical = cv2.dilate(vertical, np.ones((2 * reach + 1, 3), np.uint8))
    grid = horizontal | vertical
    n, labels, stats, _ = cv2.connectedComponentsWithStats(grid, connectivity=8)
    tables = []
    min_w, min_h = _TABLE_MIN
    for k in range(1, n):
        x, y, w, h, _ = stats[k]
        if w < min_w or h < min_h:
            continue
        lines = (labels[y : y + h, x : x + w] == k).astype(np.uint8) * 255
        if not _has_grid(lines):
            continue
        cv2.rectangle(lines, (0, 0), (w - 1, h - 1), 255, 3)  # an open side (no outer border) closed
        m, cell_labels, cstats, _ = cv2.connectedComponentsWithStats(255 - lines, connectivity=4)
        cells = []
        for j in range(1, m):
            cx, cy, cw, ch, _ = cstats[j]
            if cw >= _CELL_MIN[0] and ch >= _CELL_MIN[1]:
                cells.append(_Cellbox(x + cx, y + cy, cw, ch, j))
        if len(cells) >= 2:
            tables.append(_Table(x, y, w, h, cell_labels, cells))
    return sorted(tables, key=lambda t: t.y)


def _has_grid(lines: np.ndarray) -> bool:
    """At least two horizontal lines across (nearly) its whole width and two vertical lines: a
    table, not an underline, a box, or the strokes of a large title run together."""
    rows = (lines > 0).mean(axis=1) > _BORDER_SPAN
    cols = (lines > 0).mean(axis=0) > 0.3
    return _runs(rows) >= 2 and _runs(cols) >= 2


def _runs(flags: np.ndarray) -> int:
    return int(np.count_nonzero(flags[1:] & ~flags[:-1]) + int(flags[0])) if len(flags) else 0


def _bands(ink: np.ndarray, x0: int, x1: int, split_characters: bool = False) -> list[tuple[int, int, int, int]]:
    """Lines of text in an ink image: (top, bottom, left, right) of each run of inked rows,
    without a stray mark at either end (a speck is not a digit or a full stop). With
    split_characters, a character standing alone on its line whose parts stand apart (告 at the
    end of a title) is one line; not in table cells, where 结果/维持 on two lines look the same."""
    rows = ink[:, x0:x1].any(axis=1)
    runs: list[list[int]] = []
    y, H = 0, len(rows)
    while y < H:
        if not rows[y]:
            y += 1
            continue
        start = y
        while y < H and rows[y]:
            y += 1
        runs.append([start, y])
    merged: list[list[int]] = []
    for run in runs:
        if merged and split_characters:
            top, bottom = merged[-1][0], run[1]
            cols = np.flatnonzero(ink[top:bottom, x0:x1].any(axis=0))
            one_character = cols[-1] - cols[0] < 1.5 * (bottom - top)
            if (
                one_character
                and run[0] - merged[-1][1] <= 0.4 * (bottom - top)
                and _flat(ink, merged[-1], x0, x1)
                and _flat(ink, run, x0, x1)
            ):
                merged[-1][1] = bottom
                continue
        merged.append(run)
    out = []
    for start, end in merged:
        if end - start >= _LINE_MIN_HEIGHT:
            left, right = _trim(ink[start:end, x0:x1])
            if right > left:
                out.append((start, end, x0 + left, x0 + right))
    return out


def _flat(ink: np.ndarray, run: list[int], x0: int, x1: int) -> bool:
    """Wider than tall: a part of a character (the 士 of 告), not a whole one."""
    cols = np.flatnonzero(ink[run[0] : run[1], x0:x1].any(axis=0))
    return cols[-1] - cols[0] > 1.2 * (run[1] - run[0])


def _trim(band: np.ndarray) -> tuple[int, int]:
    """The columns a line's text spans: groups of inked columns, less small marks standing
    apart at either end."""
    h = band.shape[0]
    inked = band.any(axis=0)
    cols = np.flatnonzero(inked)
    if not len(cols):
        return 0, 0
    breaks = np.flatnonzero(np.diff(cols) > max(2, _APART * h))
    groups = [(int(cols[a]), int(cols[b]) + 1) for a, b in zip(np.r_[0, breaks + 1], np.r_[breaks, len(cols) - 1])]

    def mark(g: tuple[int, int], leading: bool = False) -> bool:
        rows = np.flatnonzero(band[:, g[0] : g[1]].any(axis=1))
        wide, tall = _MARK
        small = g[1] - g[0] < wide * h and rows[-1] - rows[0] + 1 < tall * h
        return small and not (leading and _minus(g[1] - g[0], rows, h))

    while len(groups) > 1 and mark(groups[0], leading=True):
        groups.pop(0)
    while len(groups) > 1 and mark(groups[-1]):
        groups.pop()
    if len(groups) == 1 and mark(groups[0]) and h < 2 * _LINE_MIN_HEIGHT:
        return 0, 0
    return groups[0][0], groups[-1][1]


def _minus(width: int, rows: np.ndarray, h: int) -> bool:
    """A blob before a line's text that is a minus sign, not a speck: a bar several times wider
    than thick, standing in the middle of the line's height (a speck is round, a full stop low)."""
    thick = rows[-1] - rows[0] + 1
    return width >= _DASH * thick and rows[0] > h / 4 and rows[-1] < 3 * h / 4


# ---------------------------------------------------------------------------------- recognition
_LOCK = threading.Lock()
_HEIGHT = 48  # the recogniser's input height
_MODEL = "PP-OCRv6_rec_small.onnx"


class _Recogniser:
    """PP-OCR's recognition model (shipped inside the rapidocr wheel) on onnxruntime, fed strips
    of many short crops side by side: the model's cost is its input's width, and a cell's one
    digit would otherwise be padded to a line of 320 pixels. CTC decoding keeps each character's
    position, so every character goes back to the crop it was read in."""

    def __init__(self) -> None:
        import importlib.util
        from pathlib import Path

        import onnxruntime

        spec = importlib.util.find_spec("rapidocr")
        if spec is None or not spec.submodule_search_locations:
            raise ReadError("OCR models are not installed (the rapidocr package); run scripts/setup")
        path = Path(list(spec.submodule_search_locations)[0]) / "models" / _MODEL
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = _THREADS
        options.inter_op_num_threads = 1
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")  # no busy waiting on shared cores
        options.enable_cpu_mem_arena = False  # an arena keeps its peak: strips of every width would hold 150 MB
        options.log_severity_level = 3
        self.session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.input = self.session.get_inputs()[0].name
        characters = self.session.get_modelmeta().custom_metadata_map["character"].splitlines()
        self.characters = ["", *characters, " "]  # CTC blank first, space last, as the model was trained

    def __call__(self, crops: list[np.ndarray], scales: list[float] | None = None) -> list[list[tuple[str, float]]]:
        """Each crop's characters with their confidence. A crop with a scale below 1 is read that
        much smaller, centred in the model's height: fewer columns, so less time."""
        cv2 = _cv2()
        gap, width = _STRIP_GAP, _STRIP_WIDTH
        scaled = []
        for c, f in zip(crops, scales or [1.0] * len(crops)):
            h = max(1, round(_HEIGHT * f))
            img = cv2.resize(
                c,
                (max(1, round(c.shape[1] * h / c.shape[0])), h),
                interpolation=cv2.INTER_AREA if c.shape[0] > h else cv2.INTER_CUBIC,
            )
            if h < _HEIGHT:
                top = (_HEIGHT - h) // 2
                img = np.pad(img, ((top, _HEIGHT - h - top), (0, 0)), constant_values=255)
            scaled.append(img)
        # in reading order, as a page is read: the model sees a crop among its row's neighbours
        # (sorted by width, a row of narrow 1s would stand together and run into one)
        strips: list[list[tuple[int, int]]] = [[]]  # per strip: (crop index, x where it starts)
        used = [0]
        for k, img in enumerate(scaled):
            if strips[-1] and used[-1] + gap + img.shape[1] > width:
                strips.append([])
                used.append(0)
            x = used[-1] + gap if strips[-1] else gap // 2  # white before the first crop too
            strips[-1].append((k, x))
            used[-1] = x + img.shape[1]
        out: list[list[tuple[str, float]]] = [[] for _ in crops]
        order = sorted(range(len(strips)), key=lambda s: used[s])
        for b in range(0, len(order), _BATCH):
            batch = [strips[s] for s in order[b : b + _BATCH]]
            w = -(-max(used[s] for s in order[b : b + _BATCH]) // 8) * 8  # no wider than needed (the model's step is 8)
            x = np.ones((len(batch), 3, _HEIGHT, w), dtype=np.float32)
            for n, strip in enumerate(batch):
                for k, at in strip:
                    x[n, :, :, at : at + scaled[k].shape[1]] = scaled[k].astype(np.float32) / 127.5 - 1.0
            with _LOCK:
                probs = self.session.run(None, {self.input: x})[0]
            self._decode(probs, batch, scaled, w, out)
        return out

    def _decode(self, probs: np.ndarray, batch, scaled, width: int, out) -> None:
        gap = _STRIP_GAP
        frames = probs.shape[1]
        best, conf = probs.argmax(axis=2), probs.max(axis=2)
        for n, strip in enumerate(batch):
            spans = [(at - gap / 2, at + scaled[k].shape[1] + gap / 2, k) for k, at in strip]
            previous = 0
            for f in range(frames):
                c = int(best[n, f])
                if c != 0 and c != previous:
                    x = (f + 0.5) * width / frames
                    for lo, hi, k in spans:
                        if lo <= x < hi:
                            out[k].append((self.characters[c], float(conf[n, f])))
                            break
                previous = c


@lru_cache(maxsize=1)
def _recogniser() -> _Recogniser:
    return _Recogniser()


def _recognise(regions: list[_Region]) -> None:
    """Reads every line crop of the regions in one pass; a region's text is its lines joined, its
    confidence the lowest of its characters' (0 when ink was there but nothing was read). A table
    cell's long line (most likely a label) is read smaller, and read again at full size unless what
    it reads is surely a label (_kept_small): every number is read at full size."""
    crops = [(r, line) for r in regions for line in r.lines]
    if not crops:
        return
    scales = [_LONG_SCALE if r.in_table and line.shape[1] >= _LONG_LINE * line.shape[0] else 1.0 for r, line in crops]
    _assign(crops, _recogniser()([line for _, line in crops], scales))
    small = {id(r) for (r, _), f in zip(crops, scales) if f < 1}
    again = [(r, line) for r, line in crops if id(r) in small and not _kept_small(r)]
    if again:
        _assign(again, _recogniser()([line for _, line in again]))
    for region in regions:
        if region.lines and region.confidence < _MARK_CONFIDENCE and not any(ch.isalnum() for ch in region.text):
            region.text = ""  # marks alone, read unsurely (a ruled box read as `_`): nothing printed
        if region.lines and region.in_table:
            _as_number(region)
            _as_label(region)


def _assign(crops: list[tuple[_Region, np.ndarray]], read: list[list[tuple[str, float]]]) -> None:
    texts: dict[int, list[str]] = {}
    for region, _ in crops:
        region.confidence = region.word_confidence = 1.0
    for (region, _), chars in zip(crops, read):
        texts.setdefault(id(region), []).append("".join(ch for ch, _ in chars))
        confs = [p for ch, p in chars if ch.strip()]
        region.confidence = min(region.confidence, *confs) if confs else 0.0
        words = [p for ch, p in chars if ch.isalnum()]
        region.word_confidence = min(region.word_confidence, *words) if words else 0.0
    for region, _ in crops:
        region.text = tidy(" ".join(texts[id(region)]))


def _kept_small(region: _Region) -> bool:
    """A label read small is kept when its letters are read surely, not as a number, and either as
    one of the template's table labels (or the start of one matched by its start) three or more
    edits from every label of another meaning, or as text three or more edits from every label (a
    header such as 信息内容): a near miss is read again, as it may be a label misread."""
    if region.word_confidence < _SMALL_SURE or _numeric(region.text):
        return False
    from .. import catalogue

    return _sure_key(catalogue.label_key(region.text))


@lru_cache(maxsize=4096)
def _sure_key(key: str) -> bool:
    exact, sure_prefixes, keys, prefixes = _sure_labels()
    if key in exact or any(key.startswith(p) for p in sure_prefixes):
        return True
    if any(_near(key[: len(p) + d], p) for p in prefixes for d in range(-2, 3)):
        return False  # the start of a label matched by its start, a character or two off (年收费金额 for 本年收费金额)
    return not any(_near(key, k) for k in keys)


def _near(a: str, b: str) -> bool:
    """At most two edits apart (each character of one missing from the other takes an edit)."""
    return abs(len(a) - len(b)) <= 2 and len(set(a) ^ set(b)) <= 4 and _distance(a, b, 2) <= 2


@lru_cache(maxsize=1)
def _sure_labels() -> tuple[frozenset[str], tuple[str, ...], frozenset[str], tuple[str, ...]]:
    """(label keys three edits or more from every label of another meaning, the prefix labels
    among them, all label keys, all prefix labels)"""
    from .. import catalogue

    labels = [lab for lab in catalogue.load().labels if lab.kind in _LABEL_KINDS and lab.match != "contains"]
    keys = {lab.key for lab in labels}
    near = {
        a.key
        for a in labels
        for b in labels
        if (a.kind, a.code) != (b.kind, b.code) and abs(len(a.key) - len(b.key)) <= 2 and _distance(a.key, b.key, 2) <= 2
    }
    prefixes = {lab.key for lab in labels if lab.match == "prefix" and len(lab.key) >= 4}
    return frozenset(keys - near), tuple(sorted(prefixes - near)), frozenset(keys), tuple(sorted(prefixes))


def _numeric(text: str) -> bool:
    """Mostly digits (or what a digit is misread as): maybe a number."""
    chars = [ch for ch in text.translate(_CONFUSABLE) if not ch.isspace() and ch not in _STRAY]
    return bool(chars) and 2 * sum(ch.isdigit() for ch in chars) >= len(chars)


_LABEL_KINDS = ("t3_row", "t3_group", "applicant", "t2_item", "t2_measure", "section", "proceeding", "outcome")


def _as_label(region: _Region) -> None:
    """A table label the recogniser got one or two characters wrong (申请入 for 申请人, 二上年
    without its 、): the template's label it is nearest to, when it is unique. The template's
    labels are the lexicon of its tables; numbers are never touched here."""
    from .. import catalogue

    key = catalogue.label_key(region.text)
    if len(key) < _LEXICON_MIN or any(ch.isdigit() for ch in key):
        return
    cat = catalogue.load()
    if cat.matcher("t3_row", "t3_group", "applicant").candidates(key) or cat.matcher("t2_item", "t2_measure").candidates(key):
        return
    best, found = _LEXICON_DISTANCE[len(key) >= _LEXICON_LONG], []
    for lab in catalogue.load().labels:
        if lab.kind in _LABEL_KINDS and abs(len(lab.key) - len(key)) <= best:
            d = _distance(key, lab.key, best)
            if d < best or not found and d == best:
                best, found = d, [lab]
            elif d == best and lab.label not in {f.label for f in found}:
                found.append(lab)
    if len({lab.key for lab in found}) == 1:
        region.text = found[0].label


def _distance(a: str, b: str, limit: int) -> int:
    """Edit distance when it is at most limit, else limit + 1 (given up early)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


_CONFUSABLE = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "〇": "0", "l": "1", "I": "1", "|": "1"})
_STRAY = ".,·'`_~-:;。，、"
_DIGITS = re.compile(r"^-?\d[\d,]*(?:\.\d+)?$")  # a minus sign is read: table 2's 本年增/减 prints one


def _as_number(region: _Region) -> None:
    """A table cell that is a number but for a mark beside it (0.) or a letter shaped like a
    digit (O): the number, with its confidence capped so that the cell is reported as doubtful."""
    text = region.text.replace(" ", "")
    if _DIGITS.match(text):
        return
    candidate = text.strip(_STRAY).translate(_CONFUSABLE)
    if candidate and _DIGITS.match(candidate) and (any(ch.isdigit() for ch in text) or len(text) == 1):
        region.text = candidate
        region.confidence = min(region.confidence, _DOUBT)
