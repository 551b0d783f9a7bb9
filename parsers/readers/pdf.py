"""PDF text layer: ruled tables cell by cell, the rest line by line, page furniture dropped.

PDFium (pypdfium2) gives the characters and the ruling lines; parsers.readers.lattice turns the
lines into table cells, so a label printed over several lines or one character per line
(三、本年度办理结果 down a merged cell) is still one cell, and a merged cell is emitted once.
Outside ruled tables a line is split into cells at gaps of a character or more (how columns of
an unruled table are set apart) and between numbers.

Geometry follows the conventions of pdfminer/pdfplumber, which earlier versions read with:
top-down coordinates, a character's box from its origin up one font size, paths split into
lines, rectangles and polylines the same way, so tables and `source_ref`s stay where they were.
"""

from __future__ import annotations

import ctypes
import re
import statistics
import struct
import threading
from typing import NamedTuple

import pypdfium2.raw as pdfium

from .. import settings
from . import Cell, Document, ReadError, furniture, tidy
from .lattice import Char, find_tables, group_words, outside

_BARE_NUMBER = re.compile(r"^\d{1,4}$")
_MARGIN = settings.value("pdf_page_margin")  # top and bottom share of a page where a bare number is a page number
_COLUMN_GAP = settings.value("pdf_column_gap")  # a gap this many font sizes wide separates two cells of a line
_NUMBER = re.compile(r"^[+\-−]?\d[\d,]*(?:\.\d+)?%?$")
_LINE_TOLERANCE = settings.value("pdf_line_tolerance")  # points: words whose tops differ less share a line
_MIN_TEXT = settings.value("pdf_min_text")  # fewer characters than this in the whole file: there is no text layer
_UNMAPPED_SHARE = settings.value("pdf_unmapped_share")  # a page with more unmapped characters is read by OCR
_HIDDEN_SHARE = settings.value("pdf_hidden_share")  # a page with more of its characters drawn invisibly is read by OCR
SCANNED = "scanned PDF: no text layer"
# A character whose font gives no Unicode for its glyph. PDFium then prints the glyph's code: the
# character itself where the writer used Unicode as its codes (Tesseract's text layer maps every
# code by one range, <0000> <FFFF>, that PDFium reads only to <00FF>), else the glyph's place in a
# subset font, a small number (`!"#$`, or a digit that is not the one drawn).
UNMAPPED = "\ufffd"
_UNICODE_AS_CODE = "\u2000"  # a glyph code this high is no place in a subset: Unicode used as the code

_PASSWORD = 4  # FPDF_ERR_PASSWORD
_TEXT, _PATH, _FORM = 1, 2, 5  # FPDF_PAGEOBJ_TEXT, FPDF_PAGEOBJ_PATH, FPDF_PAGEOBJ_FORM
_LINETO, _MOVETO = 0, 2  # FPDF_SEGMENT_LINETO, FPDF_SEGMENT_MOVETO (1 is a Bézier point)
_LOCK = threading.Lock()  # PDFium is not thread-safe; workers are processes, this is for threads
_started = False


def read(data: bytes) -> Document:
    pages = extract(data)
    cells: list[Cell] = []
    layout = _Layout(cells)
    confidence: dict[str, float] = {}  # of cells read by OCR
    text_layer = sum(len(p.chars) for p in pages) >= _MIN_TEXT
    doubtful = _doubtful_pages(pages)
    notes = [("pdf_read_by_ocr", _doubtful_note(doubtful))] if doubtful else []
    if doubtful and all(n in doubtful or not p.chars for n, p in enumerate(pages, start=1)):
        from .scan import read_pdf  # no page's text layer says what it prints: read as a scan

        doc = read_pdf(data)
        doc.notes.extend(notes)
        return doc
    for number, page in enumerate(pages, start=1):
        try:
            if (not page.chars and text_layer) or number in doubtful:
                from .scan import scanned_page  # a page of a digital PDF whose text is an image

                layout.line = scanned_page(data, number, cells, confidence, layout.line)
                continue
            layout.page(page.height, page.chars, page.edges, number)
        except ReadError:
            raise
        except Exception as e:  # a page no table or line rule expected: the file fails, not the run
            raise ReadError(f"PDF page {number} cannot be read: {_reason(e)}") from None
    if no_text_layer(pages, cells):
        from .scan import read_pdf  # a scan: every page is an image, read by OCR

        return read_pdf(data)
    return Document(format="pdf", cells=cells, confidence=confidence, notes=notes)


def _doubtful_pages(pages: list[Page]) -> dict[int, tuple[str, str]]:
    """Page number -> (why its text layer is not what it prints, how much), for the pages read by
    OCR instead: text drawn invisibly over the page's image (a scan another program read: its OCR,
    unchecked), or glyphs whose font does not say which characters they are (a font embedded
    without its ToUnicode map: every extractor prints other characters)."""
    out = {}
    for number, page in enumerate(pages, start=1):
        unmapped = sum(c[0] == UNMAPPED for c in page.chars)
        if page.hidden > _HIDDEN_SHARE * (page.hidden + len(page.chars)):
            out[number] = (_WHY_HIDDEN, f"{page.hidden} characters")
        elif unmapped > _UNMAPPED_SHARE * len(page.chars):
            out[number] = (_WHY_UNMAPPED, f"{unmapped} of {len(page.chars)} characters")
    return out


_WHY_HIDDEN = "text drawn invisibly over an image of the page (a scan another program read)"
_WHY_UNMAPPED = "glyphs whose font does not say which characters they are (embedded without a ToUnicode map)"


def _doubtful_note(doubtful: dict[int, tuple[str, str]]) -> str:
    """`read by OCR: page 1 (935 characters), page 2 (329 characters): text drawn invisibly …`"""
    by_reason: dict[str, list[str]] = {}
    for number, (why, how_much) in doubtful.items():
        by_reason.setdefault(why, []).append(f"page {number} ({how_much})")
    return "read by OCR: " + "; ".join(f"{', '.join(pages)}: {why}" for why, pages in by_reason.items())


def no_text_layer(pages: list[Page], cells: list[Cell]) -> bool:
    """A scan: (almost) no characters, or none that made a cell. The hook where a reader of
    images would take over."""
    chars = sum(len(p.chars) for p in pages)
    return chars < _MIN_TEXT or not any(c.text for c in cells)


class Page(NamedTuple):
    height: float
    chars: list[Char]  # as printed: text drawn invisibly left out
    edges: list[tuple]  # ruling edges
    hidden: int  # characters drawn invisibly (over a scan's image, by the program that read it)


def extract(data: bytes) -> list[Page]:
    """Every page, in top-down coordinates."""
    global _started
    with _LOCK:
        if not _started:
            pdfium.FPDF_InitLibrary()
            _started = True
        buf = ctypes.create_string_buffer(data, len(data))  # PDFium reads it until the document closes
        doc = pdfium.FPDF_LoadMemDocument64(buf, len(data), None)
        if not doc:
            if pdfium.FPDF_GetLastError() == _PASSWORD:
                raise ReadError("encrypted PDF: a password is needed to read it")
            raise ReadError("damaged or truncated PDF: PDFium cannot open it")
        try:
            fonts = _Fonts(zero_descent_fonts(data))
            count = pdfium.FPDF_GetPageCount(doc)
            if count <= 0:
                raise ReadError("PDF has no pages (truncated or damaged file)")
            pages = []
            for index in range(count):
                page = pdfium.FPDF_LoadPage(doc, index)
                if not page:
                    raise ReadError(f"PDF page {index + 1} cannot be read (damaged file)")
                try:
                    box = _media_box(page)
                    top = box[3]
                    turn = _Turn.of(page, box)  # a page shown turned is read as shown, as pdfminer did
                    edges, text_objects, forms, invisible = _edges(page, top)
                    chars, hidden = _chars(page, top, fonts, text_objects, forms, invisible, turn)
                    if turn is None:
                        pages.append(Page(box[3] - box[1], chars, edges, hidden))
                    else:
                        pages.append(Page(turn.height, chars, turn.edges(edges), hidden))
                except ReadError:
                    raise
                except Exception as e:
                    raise ReadError(f"PDF page {index + 1} cannot be read: {_reason(e)}") from None
                finally:
                    pdfium.FPDF_ClosePage(page)
            return pages
        finally:
            pdfium.FPDF_CloseDocument(doc)


def _reason(e: Exception) -> str:
    return f"{type(e).__name__}: {e}".rstrip(": ")


def _media_box(page) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) of the page's media box, the frame pdfminer measured in."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if pdfium.FPDFPage_GetMediaBox(page, left, bottom, right, top):
        return left.value, bottom.value, right.value, top.value
    return 0.0, 0.0, pdfium.FPDF_GetPageWidthF(page), pdfium.FPDF_GetPageHeightF(page)


class _Turn:
    """A page with /Rotate: coordinates as the page is shown (pdfminer's page matrix), so lines
    and table rows run the way a reader sees them."""

    _MATRICES = {1: (0, -1, 1, 0), 2: (-1, 0, 0, -1), 3: (0, 1, -1, 0)}  # 90, 180, 270 degrees

    def __init__(self, quarter: int, box: tuple[float, float, float, float]) -> None:
        self.quarter, self.box = quarter, box
        x0, y0, x1, y1 = box
        self.height = x1 - x0 if quarter % 2 else y1 - y0

    @classmethod
    def of(cls, page, box: tuple[float, float, float, float]) -> _Turn | None:
        quarter = pdfium.FPDFPage_GetRotation(page)
        return cls(quarter, box) if quarter in cls._MATRICES else None

    def point(self, x: float, y: float) -> tuple[float, float]:
        """Unturned top-down (x, y) to turned top-down."""
        x0, y0, x1, y1 = self.box
        user_y = y1 - y
        if self.quarter == 1:
            tx, ty = user_y - y0, x1 - x
        elif self.quarter == 2:
            tx, ty = x1 - x, y1 - user_y
        else:
            tx, ty = y1 - user_y, x - x0
        return tx, self.height - ty

    def _bbox(self, x0: float, top: float, x1: float, bottom: float) -> tuple[float, float, float, float]:
        (ax, ay), (bx, by) = self.point(x0, top), self.point(x1, bottom)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)

    def edges(self, edges: list[tuple]) -> list[tuple]:
        out = []
        for _, x0, top, x1, bottom in edges:
            nx0, ntop, nx1, nbottom = self._bbox(x0, top, x1, bottom)
            out.append(("h" if ntop == nbottom else "v", nx0, ntop, nx1, nbottom))
        return out

    def char(self, ch: Char, a: float, b: float, c: float, d: float) -> Char:
        """A character's box turned; upright and size as pdfminer has them on the turned page
        (from the character's matrix times the page's)."""
        ra, rb, rc, rd = self._MATRICES[self.quarter]
        a2, b2, c2, d2 = a * ra + b * rc, a * rb + b * rd, c * ra + d * rc, c * rb + d * rd
        x0, top, x1, bottom = self._bbox(ch[1], ch[3], ch[2], ch[4])
        return (ch[0], x0, x1, top, bottom, bottom - top, a2 * d2 > 0 and b2 * c2 <= 0)


_TYPE3 = re.compile(rb"/Subtype\s*/Type3(?![\w#])")  # fonts whose glyphs the file draws (Chrome's CJK text)
_DESCRIPTOR = re.compile(rb"/Type\s*/FontDescriptor(?![\w#])")
_FONT_NAME = re.compile(rb"/FontName\s*/([^\s/<>\[\]()]+)")
_DESCENT = re.compile(rb"/Descent\s+(-?(?:\d+\.?\d*|\.\d+))")
_HEX = re.compile(rb"#([0-9a-fA-F]{2})")


def _void_p(function, restype, *argtypes):
    """A PDFium function taking and returning plain addresses: no pointer objects per call."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(function, ctypes.c_void_p).value)


_VOID, _INT = ctypes.c_void_p, ctypes.c_int
_text_object = _void_p(pdfium.FPDFText_GetTextObject, _VOID, _VOID, _INT)
_font_size = _void_p(pdfium.FPDFTextObj_GetFontSize, _INT, _VOID, ctypes.POINTER(ctypes.c_float))
_object_matrix = _void_p(pdfium.FPDFPageObj_GetMatrix, _INT, _VOID, ctypes.POINTER(pdfium.FS_MATRIX))
_object_font = _void_p(pdfium.FPDFTextObj_GetFont, _VOID, _VOID)
_font_name = _void_p(pdfium.FPDFFont_GetBaseFontName, ctypes.c_size_t, _VOID, ctypes.c_char_p, ctypes.c_size_t)
_loose_box = _void_p(pdfium.FPDFText_GetLooseCharBox, _INT, _VOID, _INT, _VOID)
_char_origin = _void_p(pdfium.FPDFText_GetCharOrigin, _INT, _VOID, _INT, _VOID, _VOID)
_char_size = _void_p(pdfium.FPDFText_GetFontSize, ctypes.c_double, _VOID, _INT)
_char_matrix = _void_p(pdfium.FPDFText_GetMatrix, _INT, _VOID, _INT, _VOID)
_unmapped = _void_p(pdfium.FPDFText_HasUnicodeMapError, _INT, _VOID, _INT)
_RECT = struct.Struct("4f")  # FS_RECTF: left, top, right, bottom
_MATRIX = struct.Struct("6f")  # FS_MATRIX: a, b, c, d, e, f


def zero_descent_fonts(data: bytes) -> tuple[frozenset[bytes], bool]:
    """Fonts whose descriptor gives /Descent 0 (LibreOffice writes that) or none at all, and whether
    every font is to be placed so: every descriptor is such, or the file draws glyphs of its own
    (Type3 fonts: Chrome's PDFs draw their CJK text so). pdfminer's box then starts at the
    baseline, while PDFium falls back on the font program's descent, or for a Type3 glyph on its
    ink (`一` a thin bar above the line); these fonts are placed from the baseline so that they
    land where they always did."""
    names, seen = set(), 0
    for m in _DESCRIPTOR.finditer(data):
        start, end = data.rfind(b" obj", 0, m.start()), data.find(b"endobj", m.end())
        body = data[max(start, 0) : end if end >= 0 else len(data)]
        name = _FONT_NAME.search(body)
        if name is None:
            continue
        seen += 1
        descent = _DESCENT.search(body)
        if descent is None or float(descent.group(1)) == 0:
            names.add(_HEX.sub(lambda h: bytes([int(h.group(1), 16)]), name.group(1)))
    if _TYPE3.search(data):
        # every font from the baseline: a Type3 glyph's box is its ink, and pdfminer gives it no
        # descent; the digits of another font beside the ideographs then share their line
        return frozenset(names), True
    return frozenset(names), bool(names) and len(names) == seen


def _chars(
    page, page_top: float, fonts: _Fonts, text_objects: int, forms: bool, invisible: set[int], turn: _Turn | None = None
) -> tuple[list[Char], int]:
    """Every character PDFium reads, in content order, without the spaces and line breaks it
    infers: (text, x0, x1, top, bottom, size, upright); with the number of characters drawn
    invisibly, which are left out. As pdfminer drew it: the box spans the
    advance across and one font size up from the font's descent below the baseline.

    Size and orientation come from the character's text object, asked once per object, when
    objects hold runs of text (Word); from the character itself when most objects hold one or
    two characters (WPS, LibreOffice) or sit in forms, and always when only the object can tell
    whether its font is placed from the baseline."""
    text_page = pdfium.FPDFText_LoadPage(page)
    if not text_page:
        return [], 0
    try:
        n = pdfium.FPDFText_CountChars(text_page)
        if n <= 0:
            return [], 0
        buf = (ctypes.c_ushort * (n + 1))()
        written = pdfium.FPDFText_GetText(text_page, 0, n, buf)
        text = bytes(buf)[: 2 * max(written - 1, 0)].decode("utf-16-le", "surrogatepass")
        if len(text) != n:  # characters outside the BMP: one call per character instead
            text = "".join(chr(pdfium.FPDFText_GetUnicode(text_page, i) or 0xFFFD) for i in range(n))
        handle = ctypes.cast(text_page, ctypes.c_void_p).value
        box, x, y = pdfium.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
        box_at, x_at, y_at = ctypes.addressof(box), ctypes.addressof(x), ctypes.addressof(y)
        unpack = _RECT.unpack_from
        fonts.objects.clear()  # addresses are reused once a page is closed
        font_of = fonts.of
        by_object = (fonts.zero_descent and not fonts.all_zero) or (not forms and 3 * text_objects < n and turn is None)
        matrix = pdfium.FS_MATRIX()
        matrix_at, unpack_matrix = ctypes.addressof(matrix), _MATRIX.unpack_from
        chars: list[Char] = []
        hidden = 0
        for i, ch in enumerate(text):
            if invisible and _text_object(handle, i) in invisible:
                hidden += ch not in " \r\n\ufffe\x00"
                continue
            if by_object:
                obj = _text_object(handle, i)
                if obj is None or (ch in " \r\n\ufffe" and pdfium.FPDFText_IsGenerated(text_page, i)):
                    continue  # a space or line break PDFium inferred, not printed
                raw, size, upright, from_baseline, up = font_of(obj)
            else:
                if ch in " \r\n\ufffe\x00" and pdfium.FPDFText_IsGenerated(text_page, i):
                    continue
                raw = _char_size(handle, i)
                _char_matrix(handle, i, matrix_at)
                a, b, c, d, _, _ = unpack_matrix(matrix)
                size = raw * (abs(d) if not (b or c) else (c * c + d * d) ** 0.5)
                upright = a * d > 0 and b * c <= 0
                from_baseline = fonts.all_zero
                up = _UP.get((c > 0) - (c < 0), {}).get((d > 0) - (d < 0))
            if ch < _UNICODE_AS_CODE and _unmapped(handle, i) == 1:
                ch = UNMAPPED  # the font does not say which character its glyph is: not a guess
            _loose_box(handle, i, box_at)
            left, top, right, bottom = unpack(box)
            if (abs(right - left - raw) < 1e-3 or abs(top - bottom - raw) < 1e-3) and abs(raw - size) > 1e-3:
                # vertical writing: PDFium's box is in unscaled units; its origin is the glyph's
                # lower left corner, where pdfminer's box (one font size square) starts too
                _char_origin(handle, i, x_at, y_at)
                _char_matrix(handle, i, matrix_at)
                a, b, c, d, _, _ = unpack_matrix(matrix)
                scale = (c * c + d * d) ** 0.5 or 1.0
                xs = [x.value + size * dx / scale for dx in (0.0, a, c, a + c)]
                ys = [y.value + size * dy / scale for dy in (0.0, b, d, b + d)]
                char = (ch, min(xs), max(xs), page_top - max(ys), page_top - min(ys), size, upright)
            elif up == "left" or up == "right":  # a glyph turned a quarter: its height runs across
                if from_baseline:
                    _char_origin(handle, i, x_at, y_at)
                    edge = x.value
                else:
                    edge = right if up == "left" else left  # the descent side
                x0, x1 = (edge - size, edge) if up == "left" else (edge, edge + size)
                char = (ch, x0, x1, page_top - top, page_top - bottom, top - bottom, upright)
            elif up == "down":  # upside down: the descent side is above
                if from_baseline:
                    _char_origin(handle, i, x_at, y_at)
                    high = page_top - y.value
                else:
                    high = page_top - top
                char = (ch, left, right, high, high + size, size, upright)
            else:
                if from_baseline:
                    _char_origin(handle, i, x_at, y_at)
                    low = page_top - y.value
                else:
                    low = page_top - bottom
                char = (ch, left, right, low - size, low, size, upright)
            if turn is not None:
                if by_object:
                    _char_matrix(handle, i, matrix_at)
                    a, b, c, d, _, _ = unpack_matrix(matrix)
                char = turn.char(char, a, b, c, d)
            chars.append(char)
        return chars, hidden
    finally:
        pdfium.FPDFText_ClosePage(text_page)


class _Fonts:
    """(font size as set, size on the page, upright, placed from the baseline, which way up) of
    each text object, asked of PDFium once per object and once per font."""

    def __init__(self, zero_descent: tuple[frozenset[bytes], bool]) -> None:
        self.zero_descent, self.all_zero = zero_descent
        self.objects: dict[int, tuple[float, float, bool, bool, str | None]] = {}
        self.fonts: dict[int, bool] = {}
        self.raw, self.matrix = ctypes.c_float(), pdfium.FS_MATRIX()
        self.name = ctypes.create_string_buffer(256)

    def of(self, obj: int) -> tuple[float, float, bool, bool, str | None]:
        found = self.objects.get(obj)
        if found is None:
            found = self.objects[obj] = self._read(obj)
        return found

    def _read(self, obj: int) -> tuple[float, float, bool, bool, str | None]:
        raw, matrix = self.raw, self.matrix
        _font_size(obj, raw)
        _object_matrix(obj, matrix)
        a, b, c, d = matrix.a, matrix.b, matrix.c, matrix.d
        size = raw.value * (abs(d) if not (b or c) else (c * c + d * d) ** 0.5)
        from_baseline = self.all_zero
        if self.zero_descent and not from_baseline:
            font = _object_font(obj)
            from_baseline = self.fonts.get(font)
            if from_baseline is None:
                _font_name(font, self.name, 256)
                from_baseline = self.fonts[font] = self.name.value in self.zero_descent
        up = _UP.get((c > 0) - (c < 0), {}).get((d > 0) - (d < 0))
        return raw.value, size, a * d > 0 and b * c <= 0, from_baseline, up


# which way a glyph's top points, from the signs of (c, d) in its matrix; None: at an angle
_UP = {0: {1: "up", -1: "down"}, -1: {0: "left"}, 1: {0: "right"}}


_page_object = _void_p(pdfium.FPDFPage_GetObject, _VOID, _VOID, _INT)
_render_mode = _void_p(pdfium.FPDFTextObj_GetTextRenderMode, _INT, _VOID)
# FPDF_TEXTRENDERMODE_INVISIBLE (what a scan's OCR layer lays over the page's image) and _CLIP:
# text that paints nothing
_UNPAINTED = (3, 7)
_form_object = _void_p(pdfium.FPDFFormObj_GetObject, _VOID, _VOID, ctypes.c_ulong)
_form_count = _void_p(pdfium.FPDFFormObj_CountObjects, _INT, _VOID)
_object_type = _void_p(pdfium.FPDFPageObj_GetType, _INT, _VOID)
_segments = _void_p(pdfium.FPDFPath_CountSegments, _INT, _VOID)
_segment = _void_p(pdfium.FPDFPath_GetPathSegment, _VOID, _VOID, _INT)
_segment_point = _void_p(pdfium.FPDFPathSegment_GetPoint, _INT, _VOID, _VOID, _VOID)
_segment_type = _void_p(pdfium.FPDFPathSegment_GetType, _INT, _VOID)
_segment_closes = _void_p(pdfium.FPDFPathSegment_GetClose, _INT, _VOID)


def _edges(page, page_top: float) -> tuple[list[tuple], int, bool, set[int]]:
    """Ruling edges from the page's paths (forms included), as pdfplumber derives them from
    pdfminer's lines, rectangles and curves: (orientation, x0, top, x1, bottom); with the
    number of text objects, whether there are forms, and the text objects drawn invisibly."""
    edges: list[tuple] = []
    text_objects, forms, invisible = 0, False, set()
    handle = ctypes.cast(page, ctypes.c_void_p).value
    stack = [(_page_object(handle, k), None) for k in range(pdfium.FPDFPage_CountObjects(page) - 1, -1, -1)]
    matrix = pdfium.FS_MATRIX()
    x, y = ctypes.c_float(), ctypes.c_float()
    x_at, y_at = ctypes.addressof(x), ctypes.addressof(y)
    while stack:  # content order: the stack holds what comes next on top
        obj, outer = stack.pop()
        kind = _object_type(obj)
        if kind != _PATH and kind != _FORM:
            if kind == _TEXT:
                text_objects += 1
                if _render_mode(obj) in _UNPAINTED:
                    invisible.add(obj)
            continue
        _object_matrix(obj, matrix)
        m = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
        if outer is not None:
            m = _compose(m, outer)
        if kind == _FORM:
            forms = True
            stack += [(_form_object(obj, k), m) for k in range(_form_count(obj) - 1, -1, -1)]
            continue
        a, b, c, d, e, f = m
        subpath: list[tuple[str, float, float]] = []
        for x_, y_, kind_, closes in _path_points(obj, x_at, y_at, x, y):
            px, py = a * x_ + c * y_ + e, page_top - (b * x_ + d * y_ + f)
            if kind_ == _MOVETO:
                _path_edges(subpath, edges)
                subpath = [("m", px, py)]
            elif kind_ == _LINETO:
                subpath.append(("l", px, py))
            else:
                subpath.append(("c", px, py))  # three segments per curve: the last one counts
            if closes and subpath:
                subpath.append(("h", subpath[0][1], subpath[0][2]))
        _path_edges(subpath, edges)
    return edges, text_objects, forms, invisible


# PDFium keeps a path's segments in one array of (x: float, y: float, type: uint8, closes: bool)
# records, 12 bytes each, and hands out pointers into it. Read in one go, a path costs two calls
# instead of four a segment; the layout is checked against the API on the first path with two
# segments, and the API is used if it ever differs.
_SEGMENT = struct.Struct("=ffBB2x")
_layout_checked: bool | None = None  # None: not yet seen; True: records readable; False: use the API


def _path_points(obj: int, x_at: int, y_at: int, x, y) -> list[tuple[float, float, int, bool]]:
    global _layout_checked
    count = _segments(obj)
    if count <= 0:
        return []
    if _layout_checked is None and count >= 2:
        first, second = _segment(obj, 0), _segment(obj, 1)
        by_api = [_segment_by_api(_segment(obj, k), x_at, y_at, x, y) for k in range(count)]
        by_memory = None
        if second - first == _SEGMENT.size:
            by_memory = [
                (px, py, t, bool(c)) for px, py, t, c in _SEGMENT.iter_unpack(ctypes.string_at(first, count * _SEGMENT.size))
            ]
        _layout_checked = by_memory == by_api
        return by_api
    if _layout_checked:
        records = ctypes.string_at(_segment(obj, 0), count * _SEGMENT.size)
        return [(px, py, t, bool(c)) for px, py, t, c in _SEGMENT.iter_unpack(records)]
    return [_segment_by_api(_segment(obj, k), x_at, y_at, x, y) for k in range(count)]


def _segment_by_api(seg: int, x_at: int, y_at: int, x, y) -> tuple[float, float, int, bool]:
    _segment_point(seg, x_at, y_at)
    return x.value, y.value, _segment_type(seg), bool(_segment_closes(seg))


def _compose(inner: tuple, outer: tuple) -> tuple:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _path_edges(path: list[tuple[str, float, float]], edges: list[tuple]) -> None:
    """One subpath as pdfminer classifies it: a line, a rectangle (four edges) or a polyline
    (its axis-parallel segments)."""
    if not path or path[0][0] != "m":
        return
    if any(op == "c" for op, _, _ in path):  # a Bézier curve is three PDFium segments, one end point
        kept, run = [], 0
        for op, px, py in path:
            run = run + 1 if op == "c" else 0
            if op != "c" or run % 3 == 0:
                kept.append((op, px, py))
        path = kept
    shape = "".join(op for op, _, _ in path)
    pts = [(px, py) for _, px, py in path]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("ml", "mlh"):
        (x0, y0), (x1, y1) = pts[0], pts[1]
        orientation = "h" if y0 == y1 else "v"  # pdfplumber's rule: anything not flat is vertical
        edges.append((orientation, min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
        return
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        if pts[0] == pts[4] and (
            (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        ):
            left, right, top, bottom = min(x0, x2), max(x0, x2), min(y0, y2), max(y0, y2)
            edges += [
                ("h", left, top, right, top),
                ("h", left, bottom, right, bottom),
                ("v", left, top, left, bottom),
                ("v", right, top, right, bottom),
            ]
            return
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        if x0 == x1:
            edges.append(("v", x0, min(y0, y1), x1, max(y0, y1)))
        elif y0 == y1:
            edges.append(("h", min(x0, x1), y0, max(x0, x1), y1))


class _Layout:
    """Turns pages into cells; line numbers run across the whole document."""

    def __init__(self, cells: list[Cell]) -> None:
        self.cells = cells
        self.line = 0
        self.tables = 0

    def page(self, height: float, chars: list[Char], edges: list[tuple], number: int) -> None:
        tables = find_tables(edges, chars)
        boxes = [t.bbox for t in tables]
        blocks: list[tuple[float, int, object]] = [(t.bbox[1], 0, t) for t in tables]
        lines = _lines(group_words(outside(chars, boxes) if boxes else chars, by_size=True))
        lines = _without_page_numbers(lines, height)
        blocks += [(ln[0][3], 1, ln) for ln in lines]
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

    def text_line(self, words: list[tuple], number: int) -> None:
        self.line += 1
        for text in _split_columns(words):
            self.cells.append(Cell(text, self.line, f"page {number} line {self.line}"))


# words: (text, x0, x1, top, bottom, size)
def _lines(words: list[tuple]) -> list[list[tuple]]:
    lines: list[list[tuple]] = []
    for w in sorted(words, key=lambda w: (round(w[3]), w[1])):
        if lines and abs(w[3] - lines[-1][0][3]) <= _LINE_TOLERANCE:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w[1]) for line in lines]


def _without_page_numbers(lines: list[list[tuple]], height: float) -> list[list[tuple]]:
    """Page furniture: '- 4 -', '第 4 页', '4/5' anywhere; a bare number only at the very top or
    bottom of the page, where no table row can be."""
    kept = []
    marks = furniture()
    for k, line in enumerate(lines):
        text = tidy(" ".join(w[0] for w in line))
        if marks.match(text):
            continue
        edge = k in (0, len(lines) - 1)
        in_margin = line[0][3] < height * _MARGIN or line[0][4] > height * (1 - _MARGIN)
        if edge and in_margin and _BARE_NUMBER.match(text):
            continue
        kept.append(line)
    return kept


def _split_columns(words: list[tuple]) -> list[str]:
    size = statistics.median(w[5] or (w[4] - w[3]) for w in words)
    parts: list[list[str]] = [[words[0][0]]]
    for prev, w in zip(words, words[1:]):
        if w[1] - prev[2] > _COLUMN_GAP * size:
            parts.append([w[0]])
        else:
            parts[-1].append(w[0])
    out: list[str] = []
    for part in parts:
        if len(part) > 1 and all(_NUMBER.match(t) for t in part):
            out += part  # a run of numbers is a row's values, whatever the spacing
        else:
            out.append(tidy(" ".join(part)))
    return out
