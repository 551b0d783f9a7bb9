"""Web pages: the report's paragraphs and tables in document order, site chrome left out.

A <td>/<th> is one cell however many <p>/<span>/<font> it is built from, and a merged cell is
emitted once, where it starts: the matcher reads a label and the values after it, so repeating
a rowspan label would invent rows. Paragraphs outside tables are one cell per block or line.
"""
from __future__ import annotations

import re

import lxml.html
from lxml import etree

from . import Cell, Document, ReadError, tidy
from .text import decode

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_GB = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "hz-gb-2312"}

_DROP = {
    "script", "style", "noscript", "template", "head", "nav", "header", "footer", "aside",
    "select", "option", "button", "input", "textarea", "iframe", "object", "embed", "svg",
    "canvas", "map", "audio", "video",
}
_BLOCK = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
    "ol", "dl", "dt", "dd", "blockquote", "pre", "center", "address", "figure", "figcaption",
    "table", "tr", "td", "th", "thead", "tbody", "tfoot", "caption", "hr", "form", "fieldset",
    "body", "html",
}
_CELL_TAGS = {"td", "th"}
_SPACE = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
_STARTS_WITH_YEAR = re.compile(r"^\W*(?:19|20)\d{2}")
_TITLE_SEPARATORS = re.compile(r"\s*(?:[_|｜]|\s[-–—]\s)\s*")
# A layout cell holding a whole article is a container, not a value cell: no template cell
# (the longest label is under 60 characters) is this long and made of several blocks.
_CONTAINER_TEXT = 120
_CONTENT_SHARE = 0.7  # the content root holds at least this share of the page's non-link text


def read(data: bytes) -> Document:
    text, encoding = _decode(data)
    try:
        root = lxml.html.document_fromstring(_XML_DECL.sub("", text, count=1))
    except (etree.ParserError, ValueError) as e:
        raise ReadError(f"unreadable HTML: {e}") from None
    title = _page_title(root)
    body = root.find("body")
    if body is None:
        body = root
    _drop_chrome(body)
    content = _content_root(body)
    walker = _Walker()
    heading = _report_title(_heading_before(body, content), title)
    if heading:
        walker.cells.append(Cell(heading, 0, "page title"))
    walker.walk(content)
    walker.flush()
    return Document(format="html", cells=walker.cells, encoding=encoding)


def _decode(data: bytes) -> tuple[str, str]:
    """The charset a <meta> declares wins over guessing; GB2312 and GBK are read as GB18030,
    their superset, because pages labelled GB2312 routinely use GBK-only characters."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode(data)
    m = _META_CHARSET.search(data[:4096])
    if m:
        declared = m.group(1).decode("ascii", "replace").lower()
        encoding = "gb18030" if declared in _GB else declared
        if encoding == "gb18030" and _is_utf8(data):
            encoding = "utf-8"  # re-saved as UTF-8 by a crawler, the old <meta> left in place
        try:
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return decode(data)
    except ReadError:
        return data.decode("gb18030", errors="replace"), "gb18030"


def _is_utf8(data: bytes) -> bool:
    """Multi-byte UTF-8 that decodes strictly: GBK text almost never does."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return any(b >= 0x80 for b in data)


def _page_title(root) -> str | None:
    """The <title> segment that names the report (site names follow '_' or ' - ')."""
    node = root.find(".//title")
    if node is None or not node.text_content().strip():
        return None
    parts = [p for p in _TITLE_SEPARATORS.split(tidy(node.text_content())) if p]
    for part in parts:
        if "报告" in part:
            return part
    return None


def _report_title(heading: str | None, title: str | None) -> str | None:
    """The article heading, unless it leaves out the publisher (starts with the year) and the
    <title> names one."""
    for candidate in (heading, title):
        if candidate and not _STARTS_WITH_YEAR.match(candidate):
            return candidate
    return heading or title


def _heading_before(body, content) -> str | None:
    """The article heading sites print above the article's own container, if it names a report.
    Link text is a list of other pages (other years' reports), never this page's heading."""
    if content is body:
        return None
    found = None
    for el in body.iter():
        if el is content:
            break
        if not isinstance(el.tag, str) or el.tag not in _BLOCK:
            continue
        if next(el.iterdescendants(*_BLOCK), None) is not None:
            continue
        if el.find(".//a") is not None or next(el.iterancestors("a"), None) is not None:
            continue
        t = tidy(el.text_content())
        if "报告" in t and 6 <= len(t) <= 80:
            found = t
    return found


def _drop_chrome(body) -> None:
    for el in list(body.iter(etree.Comment, etree.ProcessingInstruction)):
        _remove(el)
    for el in [e for e in body.iter() if isinstance(e.tag, str) and _chrome(e)]:
        _remove(el)
    hidden = [e for e in body.iter() if isinstance(e.tag, str) and _hidden(e)]
    outer = set(hidden)
    hidden = [e for e in hidden if not any(a in outer for a in e.iterancestors())]
    hidden_text = sum(len(_SPACE.sub("", e.text_content())) for e in hidden)
    if hidden_text < len(_SPACE.sub("", body.text_content())) / 2:
        for el in hidden:  # menus and pop-ups; but an article in a tab that script reveals stays
            _remove(el)


def _chrome(el) -> bool:
    """Scripts, forms and page chrome; an article's own <header> (its title) is kept."""
    tag = el.tag.lower()
    if tag in ("header", "footer"):
        return next(el.iterancestors("article", "main"), None) is None
    return tag in _DROP


def _hidden(el) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or el.get("hidden") is not None


def _remove(el) -> None:
    """Drop an element but keep the text that follows it (its tail belongs to the parent)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _weights(body) -> dict:
    """Non-link text length of every element, in one pass: navigation and link lists weigh nothing."""
    weights: dict = {}

    def visit(el, in_link: bool) -> int:
        in_link = in_link or el.tag == "a"
        own = 0 if in_link else len(_SPACE.sub("", el.text or ""))
        for child in el:
            if not isinstance(child.tag, str):
                continue
            own += visit(child, in_link)
            if not in_link:
                own += len(_SPACE.sub("", child.tail or ""))
        weights[el] = own
        return own

    visit(body, False)
    return weights


def _content_root(body):
    """The deepest container that still holds most of the page's own text and every table of
    the page: the article. A single paragraph is never the root, however long."""
    weights = _weights(body)
    total = weights[body]
    node = body
    while total:
        tables = sum(1 for _ in node.iter("table"))
        heavy = [
            c for c in node
            if isinstance(c.tag, str)
            and weights.get(c, 0) >= _CONTENT_SHARE * total
            and sum(1 for _ in c.iter("table")) == tables
            and next(c.iterdescendants(*_BLOCK), None) is not None
        ]
        if len(heavy) != 1:
            break
        node = heavy[0]
    return node


class _Walker:
    """Document-order walk: inline text gathers into a paragraph until a block boundary."""

    def __init__(self) -> None:
        self.cells: list[Cell] = []
        self.line = 0
        self.paragraphs = 0
        self.tables = 0
        self.buffer: list[str] = []

    def flush(self) -> None:
        text = tidy("".join(self.buffer))
        self.buffer = []
        if text:
            self.line += 1
            self.paragraphs += 1
            self.cells.append(Cell(text, self.line, f"paragraph {self.paragraphs}"))

    def walk(self, el) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag == "table":
            self.flush()
            self.table(el)
        elif tag == "br":
            self.flush()
        elif tag in _BLOCK:
            self.flush()
            self.inline(el)
            self.flush()
        else:
            self.inline(el)
        if el.tail:
            self.buffer.append(el.tail)

    def inline(self, el) -> None:
        if el.text:
            self.buffer.append(el.text)
        for child in el:
            if isinstance(child.tag, str):
                self.walk(child)
            elif child.tail:
                self.buffer.append(child.tail)

    def table(self, table) -> None:
        self.tables += 1
        number = self.tables
        pending: dict[int, int] = {}  # grid column -> rows its rowspan still covers
        for r, tr in enumerate(_rows(table), start=1):
            self.line += 1
            line = self.line
            col = 0
            for td in [c for c in tr if isinstance(c.tag, str) and c.tag.lower() in _CELL_TAGS]:
                while pending.get(col, 0) > 0:
                    col += 1
                span, rows = _span(td, "colspan"), _span(td, "rowspan")
                if _is_container(td):
                    self.walk_children(td)
                    self.line += 1
                    line = self.line
                else:
                    self.cells.append(Cell(_cell_text(td), line, f"table {number} row {r} col {col + 1}"))
                for c in range(col, col + span):
                    pending[c] = max(pending.get(c, 0), rows)
                col += span
            pending = {c: n - 1 for c, n in pending.items() if n > 1}

    def walk_children(self, el) -> None:
        self.flush()
        self.inline(el)
        self.flush()


def _rows(table):
    """The table's own rows, not those of tables nested in its cells."""
    for el in table.iter("tr"):
        if next((a for a in el.iterancestors("table")), None) is table:
            yield el


def _span(td, attr: str) -> int:
    try:
        return max(1, min(int(td.get(attr, "1").strip()), 1000))
    except ValueError:
        return 1


def _is_container(td) -> bool:
    if td.find(".//table") is not None:
        return True
    blocks = [c for c in td.iter() if isinstance(c.tag, str) and c.tag.lower() in _BLOCK and c is not td]
    return len(blocks) > 1 and len(tidy(td.text_content())) > _CONTAINER_TEXT


def _cell_text(td) -> str:
    """Inner text of a cell; block and line breaks inside it join its pieces with a space,
    which _clean removes again between Chinese characters."""
    parts: list[str] = []

    def visit(el) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        boundary = tag in _BLOCK or tag == "br"
        if boundary:
            parts.append(" ")
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            visit(child)
        if boundary:
            parts.append(" ")
        if el.tail and el is not td:
            parts.append(el.tail)

    visit(td)
    return tidy("".join(parts))
