"""Word (.docx): body paragraphs and tables in document order; headers and footers left out.

The main document part (word/document.xml) is read with lxml directly. A merged cell is
emitted once, where it starts: a horizontal merge (gridSpan) covers several grid columns, a
vertical merge (vMerge) continues the cell above, and the matcher reads a label and then its
values, so repeating either would invent cells. Text is what Word shows in the flow of a
paragraph: its runs and hyperlinks, with tabs, breaks and non-breaking hyphens.
"""
from __future__ import annotations

import io
import posixpath
import zipfile

from lxml import etree

from . import Cell, Document, ReadError, tidy

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _R, _HYPERLINK = (f"{_W}{t}" for t in ("p", "tbl", "tr", "tc", "r", "hyperlink"))
_SDT, _CUSTOM_XML, _SDT_CONTENT = f"{_W}sdt", f"{_W}customXml", f"{_W}sdtContent"
_T, _TAB, _BR, _CR, _PTAB, _NB_HYPHEN = (f"{_W}{t}" for t in ("t", "tab", "br", "cr", "ptab", "noBreakHyphen"))
_TC_PR, _TR_PR, _GRID_SPAN, _V_MERGE, _GRID_BEFORE = (
    f"{_W}{t}" for t in ("tcPr", "trPr", "gridSpan", "vMerge", "gridBefore")
)
_VAL, _TYPE = f"{_W}val", f"{_W}type"
_BODY = f"{_W}body"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, collect_ids=False)


def read(data: bytes) -> Document:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            xml = package.read(_main_part(package))
        root = etree.fromstring(xml, _PARSER)
    except (zipfile.BadZipFile, KeyError) as e:
        raise ReadError(f"damaged DOCX: {e}") from None
    except Exception as e:  # lxml and zip errors of a truncated package
        raise ReadError(f"damaged DOCX: {type(e).__name__}: {e}") from None
    body = root.find(_BODY)
    walker = _Walker()
    if body is not None:
        try:
            walker.blocks(body)
        except RecursionError:
            raise ReadError("damaged DOCX: tables nested too deeply") from None
    return Document(format="docx", cells=walker.cells)


def _main_part(package: zipfile.ZipFile) -> str:
    """The document part the package's relationships name (word/document.xml as Word writes it)."""
    try:
        rels = etree.fromstring(package.read("_rels/.rels"), _PARSER)
    except KeyError:
        return "word/document.xml"
    for rel in rels:
        if rel.get("Type") == _OFFICE_DOCUMENT and rel.get("TargetMode") != "External":
            return posixpath.normpath(rel.get("Target", "").lstrip("/"))
    return "word/document.xml"


def _paragraph_text(p) -> str:
    """The runs and hyperlinks directly in the paragraph, as Word shows them."""
    parts: list[str] = []
    for child in p:
        tag = child.tag
        if tag == _R:
            _run_text(child, parts)
        elif tag == _HYPERLINK:
            for run in child:
                if run.tag == _R:
                    _run_text(run, parts)
    return "".join(parts)


def _run_text(run, parts: list[str]) -> None:
    for el in run:
        tag = el.tag
        if tag == _T:
            if el.text:
                parts.append(el.text)
        elif tag == _TAB or tag == _PTAB:
            parts.append("\t")
        elif tag == _BR:
            if el.get(_TYPE, "textWrapping") == "textWrapping":
                parts.append("\n")  # a line break; page and column breaks are not text
        elif tag == _CR:
            parts.append("\n")
        elif tag == _NB_HYPHEN:
            parts.append("-")


def _cell_layout(props) -> tuple[int, bool]:
    """(grid columns the cell spans, whether it continues the cell above: vMerge without
    'restart'), from the cell's <w:tcPr>."""
    span, continues = 1, False
    if props is not None:
        for prop in props:
            tag = prop.tag
            if tag == _GRID_SPAN:
                try:
                    span = int(prop.get(_VAL))
                except (TypeError, ValueError):
                    span = 1
            elif tag == _V_MERGE:
                continues = prop.get(_VAL, "continue") == "continue"
    return span, continues


def _cell_parts(tc) -> tuple[object, list, bool]:
    """The cell's properties, its paragraphs, and whether it holds a table: one look at its
    children."""
    props, paragraphs, nested = None, [], False
    for el in tc:
        tag = el.tag
        if tag == _P:
            paragraphs.append(el)
        elif tag == _TC_PR:
            props = el
        elif tag == _TBL:
            nested = True
    return props, paragraphs, nested


def _grid_before(tr) -> int:
    for pr in tr:
        if pr.tag == _TR_PR:
            for prop in pr:
                if prop.tag == _GRID_BEFORE:
                    try:
                        return int(prop.get(_VAL))
                    except (TypeError, ValueError):
                        return 0
        return 0
    return 0


class _Walker:
    def __init__(self) -> None:
        self.cells: list[Cell] = []
        self.line = 0
        self.paragraphs = 0
        self.tables = 0

    def blocks(self, element) -> None:
        for child in element:
            tag = child.tag
            if tag == _P:
                self.paragraph(child)
            elif tag == _TBL:
                self.table(child)
            elif tag == _SDT or tag == _CUSTOM_XML:
                content = child.find(_SDT_CONTENT)
                self.blocks(content if content is not None else child)

    def paragraph(self, p) -> None:
        self.paragraphs += 1
        for text in _paragraph_text(p).splitlines():
            text = tidy(text)
            if text:
                self.line += 1
                self.cells.append(Cell(text, self.line, f"paragraph {self.paragraphs}"))

    def table(self, tbl) -> None:
        self.tables += 1
        number = self.tables
        seen: set = set()  # the <w:tc> elements already emitted
        above: dict[int, tuple] = {}  # grid offset -> (cell holding it, its span), last row
        for r, tr in enumerate((el for el in tbl if el.tag == _TR), start=1):
            self.line += 1
            offset = _grid_before(tr)
            here: dict[int, tuple] = {}
            c = 0  # position among the row's grid cells, as Word lays them out
            for tc in tr:
                if tc.tag != _TC:
                    continue
                props, paragraphs, nested = _cell_parts(tc)
                span, continues = _cell_layout(props)
                origin = (tc, span)
                if continues and offset in above:
                    origin = above[offset]  # the cell above, itself followed up to where it starts
                here[offset] = origin
                offset += span
                first = c + 1
                c += origin[1]
                cell = origin[0]
                if cell in seen:
                    continue
                seen.add(cell)
                if cell is not tc:
                    _, paragraphs, nested = _cell_parts(cell)
                if nested:
                    self.blocks(cell)  # a layout cell around a nested table
                    self.line += 1
                    continue
                text = tidy(" ".join(_paragraph_text(p) for p in paragraphs))
                self.cells.append(Cell(text, self.line, f"table {number} row {r} col {first}"))
            above = here
