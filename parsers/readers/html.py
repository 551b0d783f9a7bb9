"""Web pages: the report's paragraphs and tables in document order, site chrome left out.

A <td>/<th> is one cell however many <p>/<span>/<font> it is built from, and a merged cell is
emitted once, where it starts: the matcher reads a label and the values after it, so repeating
a rowspan label would invent rows. Paragraphs outside tables are one cell per block or line.

The page is parsed by lexbor (selectolax); scripts, forms and page chrome are stripped and the
article is found with lexbor's own walks, text and selector functions, so Python walks the tree
once: over the article, making paragraphs and table cells as it goes. Real pages are mostly site
chrome around Word-made tables, so the work is kept in lexbor's calls, not in Python per node:
chrome is found in one pass, each level of wrappers is counted once, and a cell or a paragraph
is read in one call wherever the walk could not read it differently (see _Walker).
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser

from .. import settings
from .. import limits
from . import _CJK, Cell, Document, ReadError, in_traditional, simplified, tidy
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
    "rt",  # a ruby annotation (the pinyin over a character) and its fallback brackets: not the text
    "rp",
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
    declared = len(text)
    if in_traditional(text):  # a mirror's copy in traditional characters: its headings read as the report's
        text, declared = simplified(text), 0  # lexbor reads the text, not the bytes
    text = _XML_DECL.sub("", text, count=1)
    if not text or text.isspace():  # as text.strip() is empty, without copying the page
        raise ReadError("unreadable HTML: Document is empty")
    # UTF-8 as it came is what lexbor reads: encoding the text back costs a third of the parse
    tree = LexborHTMLParser(data if encoding == "utf-8" and len(text) == declared else text)
    title = _page_title(tree)
    body = tree.body if tree.body is not None else tree.root
    if body is None:
        raise ReadError("unreadable HTML: no document")
    chars = _drop_chrome(body, text)
    content, tail, holders, nesting = _content_root(body, chars)
    walker = _Walker(holders, nesting)
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


_IDS = _tag_ids(_BLOCK | {"br", "a", "article", "main"})
_BLOCK_IDS = frozenset(_IDS[t] for t in _BLOCK)
_BOUNDARY_IDS = _BLOCK_IDS | {_IDS["br"]}  # blocks and <br>: a space on either side inside a cell
_TD_ID, _TH_ID, _TR_ID, _TABLE_ID = _IDS["td"], _IDS["th"], _IDS["tr"], _IDS["table"]
_BR_ID, _A_ID = _IDS["br"], _IDS["a"]
_ARTICLE_IDS = frozenset((_IDS["article"], _IDS["main"]))
_DROP_IDS = frozenset(_tag_ids(_DROP - {"header", "footer"}).values())
_EDGE_IDS = frozenset(_tag_ids({"header", "footer"}).values())  # site chrome unless in the article
_PIECES = "\x00"  # between the text nodes of one element (lexbor keeps no NUL in text): one piece, or several
_SPACES = "\\s\u200b\ufeff"  # what tidy makes a space of
# A mark between two text nodes where a space would stay a space: neither side white space,
# and not Chinese on both sides (tidy rejoins Chinese, as _CJK_GAP in readers/__init__.py).
_MARK_THAT_COUNTS = re.compile(f"(?<![{_SPACES}{_CJK}]){_PIECES}(?![{_SPACES}])|(?<![{_SPACES}]){_PIECES}(?![{_SPACES}{_CJK}])")


def _spaceless(text: str) -> int:
    """Length without white space, zero-width spaces and byte-order marks (as tidy drops them).
    It adds up: the count of an element's text is the sum over its children's."""
    return sum(map(len, text.split())) - text.count("\u200b") - text.count("\ufeff")


def _elements(node) -> list:
    """The node's child elements (lexbor steps over the text between them)."""
    return [child for child in node.iter() if child.is_element_node]


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


def _inside(node, ids: frozenset[int] | set[int], mem_ids: bool = False) -> bool:
    """An ancestor of one of these tags (or, with mem_ids, one of these nodes)."""
    parent = node.parent
    while parent is not None:
        if (parent.mem_id if mem_ids else parent.tag_id) in ids:
            return True
        parent = parent.parent
    return False


_MAY_HIDE = ("isplay", "ISPLAY", "idden", "IDDEN")  # display:none, the hidden attribute (as written)


def _drop_chrome(body, text: str) -> int | None:
    """Scripts, forms and page chrome go (an article's own <header> stays); then hidden menus
    and pop-ups, unless they hold half the page's text (an article in a tab script reveals).
    The dropped tags, headers and footers are found in one pass over the body's elements (lexbor
    walks, Python only compares ids; nothing outside the body is read); the dropped ones are
    removed innermost first, so no node is removed after the subtree holding it, and a header
    inside one of them is forgotten before it goes.
    The body's text count if it was taken (what the article search starts from), else None."""
    dropped, edges = [], []
    for node in body.traverse():
        kind = node.tag_id
        if kind in _DROP_IDS:
            dropped.append(node)
        elif kind in _EDGE_IDS:
            edges.append(node)
    if edges and dropped:
        gone = {n.mem_id for n in dropped}
        edges = [n for n in edges if not _inside(n, gone, mem_ids=True)]
    for node in reversed(dropped):
        node.decompose()
    for node in _outermost([n for n in edges if not _inside(n, _ARTICLE_IDS)]):
        node.decompose()
    if not any(word in text for word in _MAY_HIDE):
        return None  # nothing on the page can be hidden: spare the search through every style
    hidden = []
    for node in body.css('[style*="display" i], [hidden]'):
        attrs = node.attributes
        style = (attrs.get("style") or "").replace(" ", "").lower()
        if "display:none" in style or "hidden" in attrs:
            hidden.append(node)
    if not hidden:
        return None
    hidden = _outermost(hidden)
    gone = sum(_spaceless(n.text(deep=True)) for n in hidden)
    chars = _spaceless(body.text(deep=True))
    if gone < chars / 2:
        for node in hidden:
            node.decompose()
        chars -= gone  # the hidden nodes are apart: their text was part of the body's, once
    return chars


def _weight(node, chars: int | None = None) -> int:
    """Text outside links: navigation and link lists weigh nothing."""
    if chars is None:
        chars = _spaceless(node.text(deep=True))
    return chars - sum(_spaceless(a.text(deep=True)) for a in node.css("a"))


def _holds_blocks(node) -> bool:
    """A block element anywhere below the node."""
    return _below(node, _BLOCK_IDS)


def _below(node, tag_ids: frozenset[int]) -> bool:
    """An element of one of these tags below the node: lexbor walks the elements, in document
    order (a direct child first), Python compares ids. Cheaper than a selector of every block
    tag, which lexbor compiles on each call."""
    below = node.traverse()
    next(below)  # the node itself
    return any(el.tag_id in tag_ids for el in below)


def _content_root(body, chars: int | None = None):
    """The deepest container that still holds most of the page's own text and every table of
    the page: the article. A single paragraph is never the root, however long. With it, the
    text right after it, up to the next element (which ends its last paragraph), the elements
    with a table at or below them and the tables with one below them (the walk needs them).

    Each level's children are counted once: the one that may be the article (the one holding
    every table) is counted as its parent's count less its siblings' and its parent's own
    text, so the article's text is not read again at every level of wrappers around it."""
    anchors, tables = [], []
    for el in body.css("a, table"):  # one search for both
        (tables if el.tag_id == _TABLE_ID else anchors).append(el)
    links = _spaceless("".join(a.text(deep=True) for a in anchors))
    if chars is None:
        chars = _spaceless(body.text(deep=True))
    total = chars - links
    node, descended = body, False
    every: set[int] | None = None  # the elements around every table (and the tables)
    holders: set[int] = set()  # the elements around any table
    nesting: set[int] = set()  # the tables around a table
    for table in tables:
        chain, parent = {table.mem_id}, table.parent
        while parent is not None:
            mem_id = parent.mem_id
            chain.add(mem_id)
            if parent.tag_id == _TABLE_ID:
                nesting.add(mem_id)
            parent = parent.parent
        holders |= chain
        every = chain if every is None else every & chain
    share = _CONTENT_SHARE * total
    for _ in range(_MAX_WRAPPERS if total else 0):
        children = _elements(node)
        if not children:
            break
        guess = len(children) - 1  # counted by difference: the one holding the tables, else the last
        if every is not None:
            guess = next((i for i, c in enumerate(children) if c.mem_id in every), -1)
            if guess < 0:
                break  # the tables are in different children: none of them is the article
        counts = [0] * len(children)
        rest = chars - _spaceless(node.text(deep=False))
        for i, c in enumerate(children):
            if i != guess:
                counts[i] = _spaceless(c.text(deep=True))
                rest -= counts[i]
        counts[guess] = rest
        heavy = None
        for c, count in zip(children, counts):
            if count < share:
                continue  # its text outside links is less still
            if count - links >= share or _weight(c, count) >= share:
                if (every is None or c.mem_id in every) and _holds_blocks(c):  # every table
                    heavy = c
                break  # two children cannot both hold 70% of the text
        if heavy is None:
            break
        node, chars, descended = heavy, count, True
    tail: list[str] = []
    sibling = node.next if descended else None
    while sibling is not None and not sibling.is_element_node:
        if sibling.tag_id == _TEXT:
            tail.append(sibling.text_content or "")
        sibling = sibling.next
    return node, tail, holders, nesting


def _heading_before(body, content) -> str | None:
    """The article heading sites print above the article's own container, if it names a report.
    Link text is a list of other pages (other years' reports), never this page's heading.
    A block whose text has no 报 or 告 has no heading below it either: its subtree is skipped."""
    if content.mem_id == body.mem_id:
        return None
    found = None
    stop = content.mem_id
    around = set()  # the article's ancestors hold blocks: never a heading
    parent = content.parent
    while parent is not None:
        around.add(parent.mem_id)
        parent = parent.parent
    stack = [body]  # document order: the next element on top
    while stack:
        el = stack.pop()
        mem_id = el.mem_id
        if mem_id == stop:
            break
        if mem_id not in around and el.tag_id in _BLOCK_IDS:
            raw = el.text(deep=True)
            if "报" not in raw or "告" not in raw:
                continue  # nor any element below it
            if not _holds_blocks(el):  # only the innermost blocks are headings: none below it
                t = tidy(raw)
                if "报告" in t and 6 <= len(t) <= 80 and el.css_first("a") is None and not _inside(el, {_A_ID}):
                    found = t
                continue
        stack += _elements(el)[::-1]
    return found


# ------------------------------------------------------------------ reading the article
class _Walker:
    """Document-order walk: inline text gathers into a paragraph until a block boundary.

    A block that holds no table is read by lexbor in one call when the walk could not cut it:
    no block or line break below it, or its text is one piece (one text node besides white
    space only ones), which the cuts could only trim of white space that tidy drops anyway.
    Table cells likewise (_short_cell_text)."""

    def __init__(self, holders: set[int] | frozenset[int], nesting: set[int] | frozenset[int]) -> None:
        self.cells: list[Cell] = []
        self.line = 0
        self.paragraphs = 0
        self.tables = 0
        self.buffer: list[str] = []
        self.grid = 0  # grid positions covered by table cells so far
        self.holders = holders  # the elements with a table at or below them
        self.nesting = nesting  # the tables with a table below them

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
        kind = node.tag_id
        if kind == _TABLE_ID:
            self.flush()
            self.table(node)
        elif kind == _BR_ID:
            self.flush()
        elif kind in _BLOCK_IDS:
            self.flush()
            if node.mem_id not in self.holders:
                if not _below(node, _BOUNDARY_IDS):  # one paragraph however many pieces
                    self.buffer.append(node.text(True))
                    self.flush()
                    return
                text = node.text(True, _PIECES, False, True)
                if _PIECES not in text:
                    self.buffer.append(text)
                    self.flush()
                    return
            self.inline(node)
            self.flush()
        else:
            self.inline(node)

    def inline(self, node) -> None:
        for child in node.iter(include_text=True):
            kind = child.tag_id
            if kind == _TEXT:
                self.buffer.append(child.text_content or "")
            elif kind != _COMMENT and child.is_element_node:
                self.walk(child)

    def table(self, table) -> None:
        self.tables += 1
        number = self.tables
        limit = cell_limit()
        cells = self.cells
        holders = self.holders
        pending: dict[int, int] = {}  # grid column -> rows its rowspan still covers
        spanned = {n.mem_id for n in table.css("[colspan], [rowspan]")}  # the rest span one
        nested = table.mem_id in self.nesting  # a table in one of its cells: look for it cell by cell
        for r, tr in enumerate(_rows(table), start=1):
            self.line += 1
            line = self.line
            where = f"table {number} row {r} col "
            col = 0
            for td in tr.iter():
                kind = td.tag_id
                if kind != _TD_ID and kind != _TH_ID:
                    continue
                if pending:
                    while pending.get(col, 0) > 0:
                        col += 1
                mem_id = td.mem_id if spanned or nested else 0
                if spanned and mem_id in spanned:
                    attrs = td.attributes
                    span, rows = attrs.get("colspan"), attrs.get("rowspan")
                    span = _span(span) if span else 1
                    rows = _span(rows) if rows else 1
                    self.grid += span * rows
                else:
                    span = rows = 1
                    self.grid += 1
                if self.grid > limit:
                    raise limits.LimitExceeded("table_cells", f"over {limit:,} cells by table {number} row {r}", limit)
                if nested and mem_id in holders:
                    text = None  # a table below it
                else:
                    text = _short_cell_text(td)
                    if text is None:
                        text = _cell_text(td)
                if text is None:  # a layout cell around an article or a nested table
                    self.walk_children(td)
                    self.line += 1
                    line = self.line
                else:
                    cells.append(Cell(text, line, where + str(col + 1)))
                if rows > 1:  # a one-row cell covers nothing below it
                    for c in range(col, col + span):
                        if pending.get(c, 0) < rows:
                            pending[c] = rows
                col += span
            if pending:
                pending = {c: n - 1 for c, n in pending.items() if n > 1}

    def walk_children(self, node) -> None:
        self.flush()
        self.inline(node)
        self.flush()


def _rows(table):
    """The table's own rows, not those of tables nested in its cells."""
    stack = _elements(table)[::-1]
    while stack:
        el = stack.pop()
        kind = el.tag_id
        if kind == _TR_ID:
            yield el  # a row holds cells, never rows
        elif kind != _TABLE_ID:
            stack += _elements(el)[::-1]


def _span(value: str | None) -> int:
    if not value:
        return 1
    try:
        return max(1, min(int(value.strip()), _MAX_SPAN))
    except ValueError:
        return 1


def _short_cell_text(td) -> str | None:
    """The cell's text in one lexbor call when the spaces _cell_text puts around blocks and
    line breaks could not change it: lexbor gives the text nodes (white space only ones left
    out) with a mark between them, and where a mark has white space on either side, or
    Chinese on both, tidy makes the same of a space there as of none. None when a mark
    needs _cell_text, or when the text is long enough for a container (the caller has
    ruled out a table below the cell)."""
    text = td.text(True, _PIECES, False, True)
    if _PIECES in text:
        if _MARK_THAT_COUNTS.search(text):
            return None
        text = _tidy(text.replace(_PIECES, ""))
    elif not text.isalnum():  # letters and digits alone: tidy would leave them as they are
        text = _tidy(text)
    return text if len(text) <= _CONTAINER_TEXT else None


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


def _tidy(text: str) -> str:
    """tidy, skipped for the text it leaves as it is: no white space, zero-width space or
    byte-order mark in it (most cells are a number or a label: letters and digits only)."""
    if not text or text.isalnum():
        return text
    if "\u200b" not in text and "\ufeff" not in text:
        words = text.split()
        if len(words) == 1 and len(words[0]) == len(text):
            return text
    return tidy(text)


def _cell_parts(node, parts: list[str], counts: list) -> None:
    """The text below the node, a space on either side of every block and line break. Tags
    are told apart by lexbor's ids: no tag name is made into a string."""
    child = node.first_child
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
