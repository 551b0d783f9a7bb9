"""Word (.docx): body paragraphs and tables in document order; headers and footers left out.

The main document part (word/document.xml) is read with lxml directly, once the paragraph,
run and border properties (most of its bytes, none of them read) are cut out of it; an XSLT
stylesheet, run by libxslt, writes the tree's paragraphs and table cells out as one marked-up
string, so Python touches a few strings per cell instead of a dozen elements. A merged cell is
emitted once, where it starts: a horizontal merge (gridSpan) covers several grid columns, a
vertical merge (vMerge) continues the cell above, and the matcher reads a label and then its
values, so repeating either would invent cells. Text is what Word shows in the flow of a
paragraph: its runs and hyperlinks, with tabs, breaks and non-breaking hyphens.
"""

from __future__ import annotations

import functools
import io
import posixpath
import re
import zipfile

from lxml import etree

from . import Cell, Document, ReadError, tidy

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _R, _HYPERLINK = (f"{_W}{t}" for t in ("p", "tbl", "tr", "tc", "r", "hyperlink"))
_SDT, _CUSTOM_XML, _SDT_CONTENT = f"{_W}sdt", f"{_W}customXml", f"{_W}sdtContent"
_T, _TAB, _BR, _CR, _PTAB, _NB_HYPHEN = (f"{_W}{t}" for t in ("t", "tab", "br", "cr", "ptab", "noBreakHyphen"))
_TC_PR, _TR_PR, _GRID_SPAN, _V_MERGE, _GRID_BEFORE = (f"{_W}{t}" for t in ("tcPr", "trPr", "gridSpan", "vMerge", "gridBefore"))
_VAL, _TYPE = f"{_W}val", f"{_W}type"
_BODY = f"{_W}body"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, collect_ids=False)


def read(data: bytes) -> Document:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            xml = package.read(_main_part(package))
        root, plain = _parsed(xml, _plain(xml))
    except (zipfile.BadZipFile, KeyError) as e:
        raise ReadError(f"damaged DOCX: {e}") from None
    except Exception as e:  # lxml and zip errors of a truncated package
        raise ReadError(f"damaged DOCX: {type(e).__name__}: {e}") from None
    body = root.find(_BODY)
    walker = _Walker()
    if body is not None:
        try:
            marks = _marked(root) if plain else None
            if marks is None:
                walker.blocks(body)
            else:
                walker.marked(marks, 1)
        except RecursionError:
            raise ReadError("damaged DOCX: tables nested too deeply") from None
    return Document(format="docx", cells=walker.cells)


def _parsed(xml: bytes, plain: bool):
    """The part's tree, and whether it is read by its marks: a plain part's without the
    properties, unless its text holds a mark (looked for in what is left, a sixth of the bytes;
    no mark in a property is ever read). A damaged part is parsed again whole, so its error
    names the line and column of the file."""
    if plain:
        cut = _without_properties(xml)
        if b"\xef\xb7" in cut:  # UTF-8 of U+FDC0...U+FDFF, the marks among them
            plain = False
        else:
            try:
                return etree.fromstring(cut, _PARSER), True
            except etree.XMLSyntaxError:
                pass
    return etree.fromstring(xml, _PARSER), plain


def _main_part(package: zipfile.ZipFile) -> str:
    """The document part the package's relationships name (word/document.xml as Word writes it)."""
    try:
        relationships = package.read("_rels/.rels")
    except KeyError:
        return "word/document.xml"
    if len(relationships) <= 4096:  # most packages of one producer share them, byte for byte
        return _known_main_part(relationships)
    return _main_part_named(relationships)


def _main_part_named(relationships: bytes) -> str:
    rels = etree.fromstring(relationships, _PARSER)
    for rel in rels:
        if rel.get("Type") == _OFFICE_DOCUMENT and rel.get("TargetMode") != "External":
            return posixpath.normpath(rel.get("Target", "").lstrip("/"))
    return "word/document.xml"


_known_main_part = functools.lru_cache(maxsize=64)(_main_part_named)
_MAIN_PREFIX = f'xmlns:w="{_W[1:-1]}"'.encode()
_DECLARATION = re.compile(rb"<\?xml([^>]*)\?>")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([^"']*)""")


def _plain(xml: bytes) -> bool:
    """Whether the part can be read by its literal tags: UTF-8, `w` naming Word's namespace
    once, nothing that could hold a tag's text or a character in disguise (no comment, CDATA,
    DOCTYPE, processing instruction or character reference), and no tracked property change (a
    property element inside another). The marks below are looked for once it is cut down."""
    declaration = _DECLARATION.match(xml)
    if declaration is not None:
        encoding = _ENCODING.search(declaration.group(1))
        if encoding is not None and encoding.group(1).lower() not in (b"utf-8", b"utf8"):
            return False
    first = xml.find(b"xmlns:w=")
    after = declaration.end() if declaration else 0
    return not (  # a rare byte first: one byte is looked for at memory speed, two much slower
        first < 0
        or not xml.startswith(_MAIN_PREFIX, first)
        or xml.find(b"xmlns:w=", first + 8) >= 0
        or xml.find(b"?", after) >= 0
        and xml.find(b"<?", after) >= 0
        or b"!" in xml
        and b"<!" in xml
        or b"&" in xml
        and b"&#" in xml
        or b"PrChange" in xml
    )


# From each opening tag to the first closing tag (exact in a plain part, where none holds
# another; the search stops at the next opening tag of its kind, so a damaged part costs linear
# time); and a cell's width and vertical alignment where the text around them shows they are
# the cell's properties (right after <w:tcPr>, right before </w:tcPr>).
# Two patterns, two passes: each has one literal start, which the regex engine looks for at
# memory speed; one pattern of alternatives tries every `<` in the part.
_UNREAD = re.compile(rb"<w:(pPr|rPr|tcBorders)>[^<]*(?:<(?!/?w:\1>)[^<]*)*</w:\1>")
_UNREAD_EMPTY = re.compile(rb"<w:tcW(?<=<w:tcPr><w:tcW) [^<>]*/>|<w:vAlign [^<>]*/>(?=</w:tcPr>)")


def _without_properties(xml: bytes) -> bytes:
    """A plain part without its <w:pPr>, <w:rPr>, <w:tcBorders>, <w:tcW> and <w:vAlign>
    elements: the reader never looks inside them, and they are most of the elements lxml would
    build."""
    return _UNREAD_EMPTY.sub(b"", _UNREAD.sub(b"", xml))


# The marks: noncharacters (U+FDD0...), reserved for a program's own use, never in a plain part.
_PARA, _TABLE, _TABLE_END, _ROW, _CELL, _PROPS, _SPAN, _CONTINUES, _NESTED, _CELL_PARA, _NESTED_END = (
    chr(0xFDD0 + k) for k in range(11)
)
_MARKS = re.compile("([\ufdd0-\ufdda])")
_STYLESHEET = f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:w="{_W[1:-1]}">
<xsl:output method="text" encoding="UTF-8"/>
<xsl:template match="/"><xsl:apply-templates select="*/w:body[1]/*" mode="block"/></xsl:template>
<xsl:template match="*" mode="block"/>
<xsl:template match="w:p" mode="block">{_PARA}<xsl:apply-templates select="*" mode="inline"/></xsl:template>
<xsl:template match="w:sdt|w:customXml" mode="block"><xsl:apply-templates select="*" mode="block"/></xsl:template>
<xsl:template match="w:sdt[w:sdtContent]|w:customXml[w:sdtContent]" mode="block"><xsl:apply-templates select="w:sdtContent[1]/*" mode="block"/></xsl:template>
<xsl:template match="w:tbl" mode="block">{_TABLE}<xsl:apply-templates select="w:tr" mode="row"/>{_TABLE_END}</xsl:template>
<xsl:template match="w:tr" mode="row">{_ROW}<xsl:value-of select="*[1][self::w:trPr]/w:gridBefore[1]/@w:val"/><xsl:apply-templates select="w:tc" mode="cell"/></xsl:template>
<xsl:template match="w:tc" mode="cell">{_CELL}<xsl:apply-templates select="w:tcPr" mode="props"/><xsl:for-each select="w:p">{_CELL_PARA}<xsl:apply-templates select="*" mode="inline"/></xsl:for-each></xsl:template>
<xsl:template match="w:tc[w:tbl]" mode="cell">{_CELL}<xsl:apply-templates select="w:tcPr" mode="props"/>{_NESTED}<xsl:apply-templates select="*" mode="block"/>{_NESTED_END}</xsl:template>
<xsl:template match="w:tcPr" mode="props">{_PROPS}<xsl:apply-templates select="w:gridSpan|w:vMerge" mode="prop"/></xsl:template>
<xsl:template match="w:gridSpan" mode="prop">{_SPAN}<xsl:value-of select="@w:val"/></xsl:template>
<xsl:template match="w:vMerge" mode="prop">{_CONTINUES}<xsl:if test="not(@w:val) or @w:val='continue'">1</xsl:if></xsl:template>
<xsl:template match="*" mode="inline"/>
<xsl:template match="w:r" mode="inline"><xsl:apply-templates select="*" mode="run"/></xsl:template>
<xsl:template match="w:hyperlink" mode="inline"><xsl:apply-templates select="w:r" mode="inline"/></xsl:template>
<xsl:template match="*" mode="run"/>
<xsl:template match="w:t" mode="run"><xsl:value-of select="node()[1][self::text()]"/></xsl:template>
<xsl:template match="w:tab|w:ptab" mode="run"><xsl:text>&#9;</xsl:text></xsl:template>
<xsl:template match="w:br" mode="run"><xsl:text>&#10;</xsl:text></xsl:template>
<xsl:template match="w:br[@w:type and @w:type!='textWrapping']" mode="run"/>
<xsl:template match="w:cr" mode="run"><xsl:text>&#10;</xsl:text></xsl:template>
<xsl:template match="w:noBreakHyphen" mode="run">-</xsl:template>
</xsl:stylesheet>"""
_TRANSFORM = etree.XSLT(etree.XML(_STYLESHEET.encode()))


def _marked(root) -> list[str] | None:
    """The body of a plain part as [text, mark, text, mark, text, ...] (each mark followed by
    what it carries), or None where libxslt gives up (nesting past its depth)."""
    try:
        return _MARKS.split(str(_TRANSFORM(root)))
    except etree.XSLTApplyError:
        return None


_LAYOUT = frozenset((_PROPS, _SPAN, _CONTINUES))


def _number(text: str, default: int) -> int:
    try:
        return int(text)
    except ValueError:
        return default


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

    def marked(self, marks: list[str], k: int) -> int:
        """The blocks of the marked-up body from marks[k] (a mark) to the end or to the end of a
        nested cell; the index after them."""
        while k < len(marks):
            mark = marks[k]
            if mark == _PARA:
                self.paragraph_text(marks[k + 1])
                k += 2
            elif mark == _TABLE:
                k = self.marked_table(marks, k + 2)
            else:  # _NESTED_END
                return k + 2
        return k

    def marked_table(self, marks: list[str], k: int) -> int:
        """The table as in `table`, from its marks: each cell its grid span, whether it
        continues the cell above, then its paragraphs or its own blocks (a nested table)."""
        self.tables += 1
        number = self.tables
        seen: set = set()
        above: dict[int, tuple] = {}
        r = 0
        while marks[k] == _ROW:
            r += 1
            self.line += 1
            offset = _number(marks[k + 1], 0)
            k += 2
            here: dict[int, tuple] = {}
            c = 0
            while marks[k] == _CELL:
                tc = k  # the cell's position stands for the cell
                span, continues = 1, False
                k += 2
                while marks[k] in _LAYOUT:  # the last <w:tcPr> counts, and its last of each
                    mark = marks[k]
                    if mark == _PROPS:
                        span, continues = 1, False
                    elif mark == _SPAN:
                        span = _number(marks[k + 1], 1)
                    else:
                        continues = marks[k + 1] == "1"
                    k += 2
                origin = (tc, span)
                if continues and offset in above:
                    origin = above[offset]
                here[offset] = origin
                offset += span
                first = c + 1
                c += origin[1]
                cell = origin[0]
                emit = cell not in seen
                seen.add(cell)
                if marks[k] == _NESTED:
                    if emit:
                        k = self.marked(marks, k + 2)
                        self.line += 1
                    else:
                        k = _after_nested(marks, k + 2)
                    continue
                texts = []
                while marks[k] == _CELL_PARA:
                    texts.append(marks[k + 1])
                    k += 2
                if emit:
                    self.cells.append(Cell(tidy(" ".join(texts)), self.line, f"table {number} row {r} col {first}"))
            above = here
        return k + 2  # past _TABLE_END

    def paragraph(self, p) -> None:
        self.paragraph_text(_paragraph_text(p))

    def paragraph_text(self, paragraph: str) -> None:
        self.paragraphs += 1
        for text in paragraph.splitlines():
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


def _after_nested(marks: list[str], k: int) -> int:
    """The index past the _NESTED_END that closes the nested cell whose blocks start at k."""
    depth = 1
    while True:
        mark = marks[k]
        if mark == _NESTED:
            depth += 1
        elif mark == _NESTED_END:
            depth -= 1
            if depth == 0:
                return k + 2
        k += 2
