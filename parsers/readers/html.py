"""Web pages: the report's paragraphs and tables in document order, site chrome left out.

A <td>/<th> is one cell however many <p>/<span>/<font> it is built from, and a merged cell is
emitted once, where it starts: the matcher reads a label and the values after it, so repeating
a rowspan label would invent rows. Paragraphs outside tables are one cell per block or line.

The page is parsed by lexbor (selectolax) and copied in one walk into a small tree of tags and
strings that already knows, for every element, its text length, its text outside links, its
tables and whether it holds blocks; chrome, comments and scripts are left out as it is made.
Finding the article and reading it are then plain list walks.
"""
from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

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
MAX_CELLS = 200_000  # table cells per page once rowspan/colspan are spread over the grid
_MAX_SPAN = 1000


def cell_limit() -> int:
    """How many grid positions the tables of one page may cover after rowspan/colspan: a page
    claiming more is malformed or hostile (a 'colspan bomb'), not a report."""
    return MAX_CELLS


def read(data: bytes) -> Document:
    text, encoding = _decode(data)
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        raise ReadError("unreadable HTML: Document is empty")
    tree = LexborHTMLParser(text)
    title = _page_title(tree)
    node = tree.body if tree.body is not None else tree.root
    if node is None:
        raise ReadError("unreadable HTML: no document")
    body = _build(node, _hidden_ids(tree), False, False)
    _drop_hidden(body)
    content, tail = _content_root(body)
    walker = _Walker()
    heading = _report_title(_heading_before(body, content), title)
    if heading:
        walker.cells.append(Cell(heading, 0, "page title"))
    walker.walk(content)
    walker.buffer += tail
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


def _page_title(tree) -> str | None:
    """The <title> segment that names the report (site names follow '_' or ' - ')."""
    node = tree.css_first("title")
    text = node.text(deep=True) if node is not None else ""
    if not text.strip():
        return None
    parts = [p for p in _TITLE_SEPARATORS.split(tidy(text)) if p]
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


# ------------------------------------------------------------------ the page as a small tree
class _El:
    """An element: its tag, its children (elements and strings), and what the reader asks of
    its subtree, counted as the tree is made."""

    __slots__ = ("tag", "kids", "attrs", "hidden", "chars", "weight", "tables", "blocks", "links")

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.kids: list = []
        self.attrs: dict | None = None  # only for table cells: rowspan, colspan
        self.hidden = False
        self.chars = 0  # text length without white space
        self.weight = 0  # the same outside links
        self.tables = 0  # <table> elements in the subtree, itself included
        self.blocks = 0  # block elements below it
        self.links = 0  # <a> elements below it

    def text(self) -> str:
        parts: list[str] = []
        self._text(parts)
        return "".join(parts)

    def _text(self, parts: list[str]) -> None:
        for kid in self.kids:
            if kid.__class__ is str:
                parts.append(kid)
            else:
                kid._text(parts)


def _hidden_ids(tree) -> set[int]:
    """Elements hidden by an inline style or the hidden attribute (menus, pop-ups, tabs)."""
    hidden = set()
    for node in tree.css("[style], [hidden]"):
        attrs = node.attributes
        style = (attrs.get("style") or "").replace(" ", "").lower()
        if "display:none" in style or "hidden" in attrs:
            hidden.add(node.mem_id)
    return hidden


_TEXT, _COMMENT = 2, 4  # lexbor's ids for text and comment nodes


def _build(node, hidden: set[int], in_link: bool, in_article: bool) -> _El:
    """Copy the subtree, leaving out comments, scripts, forms and page chrome (an article's own
    <header> stays), and count as it goes."""
    tag = node.tag
    el = _El(tag)
    in_link = in_link or tag == "a"
    in_article = in_article or tag == "article" or tag == "main"
    if tag == "td" or tag == "th":
        el.attrs = node.attributes
    if hidden and node.mem_id in hidden:
        el.hidden = True
    kids = el.kids
    chars = weight = blocks = links = 0
    tables = 1 if tag == "table" else 0
    space = _SPACE.sub
    child = node.child
    while child is not None:
        kind = child.tag_id
        if kind == _TEXT:
            t = child.text_content
            if t:
                kids.append(t)
                if not t.isspace():
                    n = len(space("", t))
                    chars += n
                    if not in_link:
                        weight += n
        elif kind != _COMMENT:
            ctag = child.tag
            if ctag in _DROP and (not in_article or (ctag != "header" and ctag != "footer")):
                pass
            elif ctag[0] != "-" and ctag != "!doctype":
                kid = _build(child, hidden, in_link, in_article)
                kids.append(kid)
                chars += kid.chars
                weight += kid.weight
                tables += kid.tables
                blocks += kid.blocks + (kid.tag in _BLOCK)
                links += kid.links + (kid.tag == "a")
        child = child.next
    el.chars, el.weight, el.tables, el.blocks, el.links = chars, weight, tables, blocks, links
    return el


def _drop_hidden(body: _El) -> None:
    """Hidden menus and pop-ups go; but an article in a tab that script reveals stays, so they
    go only while they hold less than half of the page's text."""
    outer: list[tuple[_El, int]] = []

    def find(el: _El) -> None:
        for k, kid in enumerate(el.kids):
            if kid.__class__ is str:
                continue
            if kid.hidden:
                outer.append((el, k))
            else:
                find(kid)

    find(body)
    if not outer:
        return
    if sum(parent.kids[k].chars for parent, k in outer) >= body.chars / 2:
        return
    for parent, k in reversed(outer):  # later first, so earlier positions hold
        del parent.kids[k]
    _recount(body, False)


def _recount(el: _El, in_link: bool) -> None:
    in_link = in_link or el.tag == "a"
    chars = weight = blocks = links = 0
    tables = 1 if el.tag == "table" else 0
    for kid in el.kids:
        if kid.__class__ is str:
            n = len(_SPACE.sub("", kid))
            chars += n
            weight += 0 if in_link else n
            continue
        _recount(kid, in_link)
        chars += kid.chars
        weight += kid.weight
        tables += kid.tables
        blocks += kid.blocks + (kid.tag in _BLOCK)
        links += kid.links + (kid.tag == "a")
    el.chars, el.weight, el.tables, el.blocks, el.links = chars, weight, tables, blocks, links


def _content_root(body: _El) -> tuple[_El, list[str]]:
    """The deepest container that still holds most of the page's own text and every table of
    the page: the article. A single paragraph is never the root, however long. With it, the
    text right after it, up to the next element (which ends its last paragraph)."""
    total = body.weight
    node, parent = body, None
    while total:
        heavy = [
            c for c in node.kids
            if c.__class__ is not str
            and c.weight >= _CONTENT_SHARE * total
            and c.tables == node.tables
            and c.blocks
        ]
        if len(heavy) != 1:
            break
        node, parent = heavy[0], node
    tail: list[str] = []
    if parent is not None:
        for kid in parent.kids[parent.kids.index(node) + 1:]:
            if kid.__class__ is not str:
                break
            tail.append(kid)
    return node, tail


def _heading_before(body: _El, content: _El) -> str | None:
    """The article heading sites print above the article's own container, if it names a report.
    Link text is a list of other pages (other years' reports), never this page's heading."""
    if content is body:
        return None
    found = None
    stack: list[tuple[_El, bool]] = [(body, False)]
    while stack:
        el, in_link = stack.pop()
        if el is content:
            break
        if el.tag in _BLOCK and not el.blocks and not el.links and not in_link:
            t = tidy(el.text())
            if "报告" in t and 6 <= len(t) <= 80:
                found = t
        in_link = in_link or el.tag == "a"
        stack += [(k, in_link) for k in reversed(el.kids) if k.__class__ is not str]
    return found


# ------------------------------------------------------------------ reading the article
class _Walker:
    """Document-order walk: inline text gathers into a paragraph until a block boundary."""

    def __init__(self) -> None:
        self.cells: list[Cell] = []
        self.line = 0
        self.paragraphs = 0
        self.tables = 0
        self.buffer: list[str] = []
        self.grid = 0  # grid positions covered by table cells so far

    def flush(self) -> None:
        if not self.buffer:
            return
        text = tidy("".join(self.buffer))
        self.buffer = []
        if text:
            self.line += 1
            self.paragraphs += 1
            self.cells.append(Cell(text, self.line, f"paragraph {self.paragraphs}"))

    def walk(self, el: _El) -> None:
        tag = el.tag
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

    def inline(self, el: _El) -> None:
        for kid in el.kids:
            if kid.__class__ is str:
                self.buffer.append(kid)
            else:
                self.walk(kid)

    def table(self, table: _El) -> None:
        self.tables += 1
        number = self.tables
        limit = cell_limit()
        pending: dict[int, int] = {}  # grid column -> rows its rowspan still covers
        for r, tr in enumerate(_rows(table), start=1):
            self.line += 1
            line = self.line
            col = 0
            for td in tr.kids:
                if td.__class__ is str or td.tag not in _CELL_TAGS:
                    continue
                while pending.get(col, 0) > 0:
                    col += 1
                span, rows = _span(td, "colspan"), _span(td, "rowspan")
                self.grid += span * rows
                if self.grid > limit:
                    raise ReadError(
                        f"HTML tables too large: over {limit:,} cells once rowspan/colspan are spread "
                        f"(table {number} row {r}); a malformed page, not a report"
                    )
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

    def walk_children(self, el: _El) -> None:
        self.flush()
        self.inline(el)
        self.flush()


def _rows(table: _El):
    """The table's own rows, not those of tables nested in its cells."""
    stack = [k for k in reversed(table.kids) if k.__class__ is not str]
    while stack:
        el = stack.pop()
        if el.tag == "tr":
            yield el  # a row holds cells, never rows
        elif el.tag != "table":
            stack += [k for k in reversed(el.kids) if k.__class__ is not str]


def _span(td: _El, attr: str) -> int:
    value = td.attrs.get(attr)
    if not value:
        return 1
    try:
        return max(1, min(int(value.strip()), _MAX_SPAN))
    except ValueError:
        return 1


def _is_container(td: _El) -> bool:
    if td.tables:
        return True
    return td.blocks > 1 and len(tidy(td.text())) > _CONTAINER_TEXT


def _cell_text(td: _El) -> str:
    """Inner text of a cell; block and line breaks inside it join its pieces with a space,
    which tidy removes again between Chinese characters."""
    parts: list[str] = []
    _boundary_text(td, parts)
    return tidy("".join(parts))


def _boundary_text(el: _El, parts: list[str]) -> None:
    boundary = el.tag in _BLOCK or el.tag == "br"
    if boundary:
        parts.append(" ")
    for kid in el.kids:
        if kid.__class__ is str:
            parts.append(kid)
        else:
            _boundary_text(kid, parts)
    if boundary:
        parts.append(" ")
