"""Web pages: the report's paragraphs and tables in document order, site chrome left out.

A <td>/<th> is one cell however many <p>/<span>/<font> it is built from, and a merged cell is
emitted once, where it starts: the matcher reads a label and the values after it, so repeating
a rowspan label would invent rows. Paragraphs outside tables are one cell per block or line.

The page is parsed by lexbor (selectolax); scripts, forms and page chrome are stripped and the
article is found with lexbor's own text and selector functions, so Python walks the tree once:
over the article, making paragraphs and table cells as it goes.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from .. import settings
from .. import limits
from . import Cell, Document, ReadError, tidy
from .text import decode

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_GB = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "hz-gb-2312"}

_DROP = {
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "nav",
    "header",
    "footer",
    "aside",
    "select",
    "option",
    "button",
    "input",
    "textarea",
    "iframe",
    "object",
    "embed",
    "svg",
    "canvas",
    "map",
    "audio",
    "video",
}
_BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "center",
    "address",
    "figure",
    "figcaption",
    "table",
    "tr",
    "td",
    "th",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "hr",
    "form",
    "fieldset",
    "body",
    "html",
}
_STARTS_WITH_YEAR = re.compile(r"^\W*(?:19|20)\d{2}")
_TITLE_SEPARATORS = re.compile(r"\s*(?:[_|｜]|\s[-–—]\s)\s*")
# A layout cell holding a whole article is a container, not a value cell: no template cell
# (the longest label is under 60 characters) is this long and made of several blocks.
_CONTAINER_TEXT = settings.value("html_container_text")
_CONTENT_SHARE = settings.value("html_content_share")  # the content root holds at least this share of the page's non-link text
_MAX_WRAPPERS = settings.value("html_max_wrappers")  # containers looked through for the article (real pages: under 30)
_MAX_SPAN = settings.value("html_max_span")


def cell_limit() -> int:
    """How many grid positions the tables of one page may cover after rowspan/colspan: a page
    claiming more is malformed or hostile (a 'colspan bomb'), not a report. One setting with the
    other per-file limits (parsers/limits.py: XXGK_MAX_TABLE_CELLS, --max-table-cells)."""
    return limits.active().table_cells


def read(data: bytes) -> Document:
    try:
        return _read(data)
    except RecursionError:
        raise ReadError("unreadable HTML: elements nested too deeply") from None


def _read(data: bytes) -> Document:
    text, encoding = _decode(data)
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        raise ReadError("unreadable HTML: Document is empty")
    tree = LexborHTMLParser(text)
    title = _page_title(tree)
    body = tree.body if tree.body is not None else tree.root
    if body is None:
        raise ReadError("unreadable HTML: no document")
    _drop_chrome(tree, body, text)
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


# ------------------------------------------------------------------ chrome and the article
_TEXT, _COMMENT = 2, 4  # lexbor's ids for text and comment nodes
_LAST_SPECIAL = 5  # lexbor's ids above this are elements (below: text, comment, document, doctype)


def _tag_ids(tags: set[str]) -> dict[str, int]:
    """lexbor's id of each tag name, read off a parsed page that holds them all."""
    page = (
        "<html><head></head><body><table><caption></caption><thead><tr><th></th><td></td></tr></thead>"
        "<tbody></tbody><tfoot></tfoot></table>"
        + "".join(f"<{t}></{t}>" for t in sorted(tags - {"html", "head", "body"}))
        + "</body></html>"
    )
    ids = {node.tag: node.tag_id for node in LexborHTMLParser(page).root.traverse()}
    missing = tags - ids.keys()
    if missing:
        raise RuntimeError(f"lexbor has no id for {sorted(missing)}")
    return {t: ids[t] for t in tags}


_IDS = _tag_ids(_BLOCK | {"br"})
_BOUNDARY_IDS = frozenset(_IDS.values())  # blocks and <br>: a space on either side inside a cell
_TD_ID, _TH_ID, _TABLE_ID, _BR_ID = _IDS["td"], _IDS["th"], _IDS["table"], _IDS["br"]
_BLOCKS = ", ".join(sorted(_BLOCK))
_STRIPPED = sorted(_DROP - {"header", "footer"})


def _spaceless(text: str) -> int:
    """Length without white space, zero-width spaces and byte-order marks (as tidy drops them)."""
    return sum(map(len, text.split())) - text.count("\u200b") - text.count("\ufeff")


def _elements(node):
    child = node.child
    while child is not None:
        if child.is_element_node:
            yield child
        child = child.next


def _outermost(nodes: list) -> list:
    """Those of the nodes not inside another of them."""
    ids = {n.mem_id for n in nodes}
    out = []
    for n in nodes:
        parent = n.parent
        while parent is not None and parent.mem_id not in ids:
            parent = parent.parent
        if parent is None:
            out.append(n)
    return out


def _inside(node, tags: tuple[str, ...]) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag in tags:
            return True
        parent = parent.parent
    return False


_MAY_HIDE = ("isplay", "ISPLAY", "idden", "IDDEN")  # display:none, the hidden attribute (as written)


def _drop_chrome(tree, body, text: str) -> None:
    """Scripts, forms and page chrome go (an article's own <header> stays); then hidden menus
    and pop-ups, unless they hold half the page's text (an article in a tab script reveals)."""
    tree.strip_tags(_STRIPPED, recursive=True)
    for node in _outermost([n for n in body.css("header, footer") if not _inside(n, ("article", "main"))]):
        node.decompose()
    if not any(word in text for word in _MAY_HIDE):
        return  # nothing on the page can be hidden: spare the search through every style
    hidden = []
    for node in body.css('[style*="display" i], [hidden]'):
        attrs = node.attributes
        style = (attrs.get("style") or "").replace(" ", "").lower()
        if "display:none" in style or "hidden" in attrs:
            hidden.append(node)
    if not hidden:
        return
    hidden = _outermost(hidden)
    if sum(_spaceless(n.text(deep=True)) for n in hidden) < _spaceless(body.text(deep=True)) / 2:
        for node in hidden:
            node.decompose()


def _weight(node, chars: int | None = None) -> int:
    """Text outside links: navigation and link lists weigh nothing."""
    if chars is None:
        chars = _spaceless(node.text(deep=True))
    return chars - sum(_spaceless(a.text(deep=True)) for a in node.css("a"))


def _holds_blocks(node) -> bool:
    """A block element anywhere below the node (a direct child is the usual case: no search)."""
    children = list(_elements(node))
    if any(child.tag in _BLOCK for child in children):
        return True
    return any(child.css_first(_BLOCKS) is not None for child in children)


def _content_root(body):
    """The deepest container that still holds most of the page's own text and every table of
    the page: the article. A single paragraph is never the root, however long. With it, the
    text right after it, up to the next element (which ends its last paragraph)."""
    links = sum(_spaceless(a.text(deep=True)) for a in body.css("a"))
    total = _spaceless(body.text(deep=True)) - links
    node, descended = body, False
    holders = []  # for every table: itself and the elements around it
    for table in body.css("table"):
        chain, parent = {table.mem_id}, table.parent
        while parent is not None:
            chain.add(parent.mem_id)
            parent = parent.parent
        holders.append(chain)
    for _ in range(_MAX_WRAPPERS if total else 0):
        heavy = []
        for c in _elements(node):
            chars = _spaceless(c.text(deep=True))
            if chars < _CONTENT_SHARE * total:
                continue  # its text outside links is less still
            if chars - links >= _CONTENT_SHARE * total or _weight(c, chars) >= _CONTENT_SHARE * total:
                if all(c.mem_id in chain for chain in holders) and _holds_blocks(c):  # every table
                    heavy.append(c)
                break  # two children cannot both hold 70% of the text
        if len(heavy) != 1:
            break
        node, descended = heavy[0], True
    tail: list[str] = []
    sibling = node.next if descended else None
    while sibling is not None and not sibling.is_element_node:
        if sibling.tag_id == _TEXT:
            tail.append(sibling.text_content or "")
        sibling = sibling.next
    return node, tail


def _heading_before(body, content) -> str | None:
    """The article heading sites print above the article's own container, if it names a report.
    Link text is a list of other pages (other years' reports), never this page's heading."""
    if content.mem_id == body.mem_id:
        return None
    found = None
    stop = content.mem_id
    around = set()  # the article's ancestors hold blocks: never a heading
    parent = content.parent
    while parent is not None:
        around.add(parent.mem_id)
        parent = parent.parent
    for el in body.traverse():
        mem_id = el.mem_id
        if mem_id == stop:
            break
        if mem_id in around or el.tag not in _BLOCK:
            continue
        raw = el.text(deep=True)
        if "报" not in raw or "告" not in raw or _holds_blocks(el):
            continue  # only the innermost blocks are headings
        t = tidy(raw)
        if "报告" in t and 6 <= len(t) <= 80 and el.css_first("a") is None and not _inside(el, ("a",)):
            found = t
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

    def walk(self, node) -> None:
        tag = node.tag
        if tag == "table":
            self.flush()
            self.table(node)
        elif tag == "br":
            self.flush()
        elif tag in _BLOCK:
            self.flush()
            self.inline(node)
            self.flush()
        else:
            self.inline(node)

    def inline(self, node) -> None:
        child = node.child
        while child is not None:
            kind = child.tag_id
            if kind == _TEXT:
                self.buffer.append(child.text_content or "")
            elif kind != _COMMENT and child.is_element_node:
                self.walk(child)
            child = child.next

    def table(self, table) -> None:
        self.tables += 1
        number = self.tables
        limit = cell_limit()
        cells = self.cells
        pending: dict[int, int] = {}  # grid column -> rows its rowspan still covers
        for r, tr in enumerate(_rows(table), start=1):
            self.line += 1
            line = self.line
            col = 0
            td = tr.child
            while td is not None:
                kind = td.tag_id
                if kind != _TD_ID and kind != _TH_ID:
                    td = td.next
                    continue
                while pending and pending.get(col, 0) > 0:
                    col += 1
                attrs = td.attributes
                span, rows = attrs.get("colspan"), attrs.get("rowspan")
                span = _span(span) if span else 1
                rows = _span(rows) if rows else 1
                self.grid += span * rows
                if self.grid > limit:
                    raise limits.LimitExceeded("table_cells", f"over {limit:,} cells by table {number} row {r}", limit)
                text = _cell_text(td)
                if text is None:  # a layout cell around an article or a nested table
                    self.walk_children(td)
                    self.line += 1
                    line = self.line
                else:
                    cells.append(Cell(text, line, f"table {number} row {r} col {col + 1}"))
                if rows > 1:  # a one-row cell covers nothing below it
                    for c in range(col, col + span):
                        if pending.get(c, 0) < rows:
                            pending[c] = rows
                col += span
                td = td.next
            if pending:
                pending = {c: n - 1 for c, n in pending.items() if n > 1}

    def walk_children(self, node) -> None:
        self.flush()
        self.inline(node)
        self.flush()


def _rows(table):
    """The table's own rows, not those of tables nested in its cells."""
    stack = list(_elements(table))[::-1]
    while stack:
        el = stack.pop()
        tag = el.tag
        if tag == "tr":
            yield el  # a row holds cells, never rows
        elif tag != "table":
            stack += list(_elements(el))[::-1]


def _span(value: str | None) -> int:
    if not value:
        return 1
    try:
        return max(1, min(int(value.strip()), _MAX_SPAN))
    except ValueError:
        return 1


def _cell_text(td) -> str | None:
    """Inner text of a cell; block and line breaks inside it join its pieces with a space,
    which tidy removes again between Chinese characters. None for a container: a cell holding
    a table, or several blocks of more text than any template cell."""
    parts: list[str] = []
    counts = [0, False]  # block elements below the cell, a table among them
    _cell_parts(td, parts, counts)
    if counts[1]:
        return None
    text = tidy("".join(parts))
    if counts[0] > 1 and len(text) > _CONTAINER_TEXT:
        plain = tidy(td.text(deep=True))
        if len(plain) > _CONTAINER_TEXT:
            return None
    return text


def _cell_parts(node, parts: list[str], counts: list) -> None:
    """The text below the node, a space on either side of every block and line break. Tags
    are told apart by lexbor's ids: no tag name is made into a string."""
    child = node.child
    while child is not None:
        kind = child.tag_id
        if kind == _TEXT:
            parts.append(child.text_content or "")
        elif kind > _LAST_SPECIAL:  # an element
            if kind in _BOUNDARY_IDS:
                if kind != _BR_ID:
                    counts[0] += 1
                    if kind == _TABLE_ID:
                        counts[1] = True
                parts.append(" ")
                _cell_parts(child, parts, counts)
                parts.append(" ")
            else:
                _cell_parts(child, parts, counts)
        child = child.next
