"""Ruled tables and words from a page's characters and ruling edges.

The rules are pdfplumber's (its "lines" table strategy and its word and text extraction with
default tolerances), which the PDF reader used before it read pages with PDFium: edges within
3 points snap together and join, their crossings make cells, cells sharing a corner make a
table, and a cell's text is the characters whose centre falls inside it. Written on plain
tuples, with characters bucketed by row, so a page costs milliseconds.

A character is (text, x0, x1, top, bottom, size, upright); an edge is
(orientation, x0, top, x1, bottom); a word is (text, x0, x1, top, bottom, size); y grows downwards.
"""

from __future__ import annotations

import bisect
import itertools
from typing import NamedTuple

from .. import settings

Char = tuple  # (text, x0, x1, top, bottom, size, upright)

SNAP = settings.value("lattice_snap")  # points: parallel edges this close are one ruling
JOIN = settings.value("lattice_join")  # points: collinear edges with a gap this small are one ruling
MIN_EDGE = settings.value("lattice_min_edge")  # points: shorter rulings (after joining) are not table lines
MIN_EDGE_BEFORE = settings.value("lattice_min_edge_before")  # points: shorter strokes are dropped before snapping
CROSSING = settings.value("lattice_crossing")  # points: how far an edge may stop short of another and still cross it
PAGE_BREAK_EDGES = settings.value("lattice_page_break_edges")  # vertical edges ending together at a page break
ROW_ENDS_EDGES = settings.value("lattice_row_ends_edges")  # horizontal edges ending together where no border stands
TOUCHING = settings.value("lattice_touching")  # points: characters this close on a line are one run of text
CHARS_TOLERANCE = settings.value(
    "lattice_chars_tolerance"
)  # points: x gap that starts a new word, y difference that starts a new line


def outside(chars: list[Char], boxes: list[tuple[float, float, float, float]]) -> list[Char]:
    """The characters whose centre is in none of the boxes (edges count as inside)."""
    kept = []
    for ch in chars:
        x = (ch[1] + ch[2]) / 2
        y = (ch[3] + ch[4]) / 2
        for x0, top, x1, bottom in boxes:
            if x0 <= x <= x1 and top <= y <= bottom:
                break
        else:
            kept.append(ch)
    return kept


# ------------------------------------------------------------------ words and text
def _clusters(items: list, key, tolerance: float) -> list[list]:
    """Items grouped by a key whose sorted distinct values chain within tolerance; groups in
    key order, items in their original order inside a group."""
    if not items:
        return []
    keys = [key(it) for it in items]
    low, high = min(keys), max(keys)
    if high - low <= tolerance:  # one group: the common case of a cell or a line
        return [list(items)]
    values = sorted(set(keys))
    index: dict = {}
    group = -1
    last = None
    for v in values:
        if last is None or v > last + tolerance:
            group += 1
        index[v] = group
        last = v
    keyed = sorted((index[k], n) for n, k in enumerate(keys))
    return [[items[n] for _, n in grp] for _, grp in itertools.groupby(keyed, key=lambda t: t[0])]


def _top(item) -> float:
    return item[3]


def _x0(item) -> float:
    return item[1]


def group_words(chars: list[Char], by_size: bool = False) -> list[tuple]:
    """Words in pdfplumber's way: runs of characters with the same orientation (and size),
    each split into lines, each line into words at blanks, gaps over 3 points or line jumps."""
    words: list[tuple] = []
    key = (lambda ch: (ch[6], ch[5])) if by_size else (lambda ch: ch[6])
    tol = CHARS_TOLERANCE
    runs = [chars] if not by_size and all(ch[6] for ch in chars) else (list(r) for _, r in itertools.groupby(chars, key=key))
    for run in runs:
        upright = run[0][6]
        if upright:
            lines = _clusters(run, _top, tol)
            lines = [sorted(line, key=_x0) for line in lines]
        else:  # rotated text reads top to bottom, lines left to right
            lines = _clusters(run, _x0, tol)
            lines = [sorted(line, key=lambda ch: (ch[3], ch[4])) for line in lines]
        for line in lines:
            current: list[Char] = []
            for ch in line:
                if ch[0].isspace():
                    if current:
                        words.append(_word(current))
                    current = []
                    continue
                if current:
                    prev = current[-1]
                    if upright:
                        new = ch[1] < prev[1] or ch[1] > prev[2] + tol or abs(ch[3] - prev[3]) > tol
                    else:
                        new = ch[3] < prev[3] or ch[3] > prev[4] + tol or abs(ch[1] - prev[1]) > tol
                    if new:
                        words.append(_word(current))
                        current = []
                current.append(ch)
            if current:
                words.append(_word(current))
    return words


def _words_of_line(line: list[Char]) -> list[str]:
    """The words of one upright line, left to right (as group_words splits them)."""
    words: list[str] = []
    current: list[str] = []
    prev = None
    tol = CHARS_TOLERANCE
    for ch in line:
        text = ch[0]
        if text.isspace():
            if current:
                words.append("".join(current))
            current, prev = [], None
            continue
        if prev is not None and (ch[1] < prev[1] or ch[1] > prev[2] + tol or abs(ch[3] - prev[3]) > tol):
            words.append("".join(current))
            current = []
        current.append(text)
        prev = ch
    if current:
        words.append("".join(current))
    return words


def _word(chars: list[Char]) -> tuple:
    if len(chars) == 1:
        ch = chars[0]
        return (ch[0], ch[1], ch[2], ch[3], ch[4], ch[5])
    texts, x0s, x1s, tops, bottoms, _, _ = zip(*chars)
    return ("".join(texts), min(x0s), max(x1s), min(tops), max(bottoms), chars[0][5])


def extract_text(chars: list[Char]) -> str:
    """A cell's text: its words in lines (top to bottom), words joined by a space."""
    if not chars:
        return ""
    tops = [ch[3] for ch in chars]
    if max(tops) - min(tops) <= CHARS_TOLERANCE and all(ch[6] for ch in chars):
        return " ".join(_words_of_line(sorted(chars, key=_x0)))  # one line: most cells
    words = group_words(chars)
    lines = _clusters(words, _top, CHARS_TOLERANCE)
    return "\n".join(" ".join(w[0] for w in line) for line in lines)


# ------------------------------------------------------------------ rulings to tables
def _merged_edges(edges: list[tuple]) -> list[tuple]:
    """Snap parallel edges to their mean position, join collinear ones, drop short ones."""
    vertical = [e for e in edges if e[0] == "v" and e[4] - e[2] >= MIN_EDGE_BEFORE]
    horizontal = [e for e in edges if e[0] == "h" and e[3] - e[1] >= MIN_EDGE_BEFORE]
    snapped = []
    for cluster in _clusters(vertical, lambda e: e[1], SNAP):
        avg = sum(e[1] for e in cluster) / len(cluster)
        for e in cluster:
            shift = avg - e[1]
            snapped.append(("v", e[1] + shift, e[2], e[3] + shift, e[4]))
    for cluster in _clusters(horizontal, lambda e: e[2], SNAP):
        avg = sum(e[2] for e in cluster) / len(cluster)
        for e in cluster:
            shift = avg - e[2]
            snapped.append(("h", e[1], e[2] + shift, e[3], e[4] + shift))

    def group(e: tuple) -> tuple:
        return (e[0], e[2]) if e[0] == "h" else (e[0], e[1])

    merged = []
    for (orientation, _), items in itertools.groupby(sorted(snapped, key=group), key=group):
        if orientation == "h":  # along x: (x0, x1) are fields 1 and 3
            items = sorted(items, key=lambda e: e[1])
            joined = [items[0]]
            for e in items[1:]:
                last = joined[-1]
                if e[1] <= last[3] + JOIN:
                    if e[3] > last[3]:
                        joined[-1] = (last[0], last[1], last[2], e[3], last[4])
                else:
                    joined.append(e)
        else:  # along y: (top, bottom) are fields 2 and 4
            items = sorted(items, key=lambda e: e[2])
            joined = [items[0]]
            for e in items[1:]:
                last = joined[-1]
                if e[2] <= last[4] + JOIN:
                    if e[4] > last[4]:
                        joined[-1] = (last[0], last[1], last[2], last[3], e[4])
                else:
                    joined.append(e)
        merged += joined
    return [e for e in merged if (e[4] - e[2] if e[0] == "v" else e[3] - e[1]) >= MIN_EDGE]


def _cut_by_page_break(edges: list[tuple]) -> list[tuple]:
    """The border a page break left off: a table row cut across two pages is drawn without its
    top border on the second page (and its bottom one on the first), its cells' vertical edges
    ending at the page's first (or last) ruled height with no horizontal edge joining them
    (Chrome prints a long table so). Where at least PAGE_BREAK_EDGES of them end together there
    and none joins them, a horizontal edge across them closes the row."""
    vertical = [e for e in edges if e[0] == "v"]
    if len(vertical) < PAGE_BREAK_EDGES:
        return []
    horizontal = [e for e in edges if e[0] == "h"]
    closing = []
    for y, end in ((min(e[2] for e in vertical), 2), (max(e[4] for e in vertical), 4)):
        xs = sorted(e[1] for e in vertical if abs(e[end] - y) <= SNAP)
        if len(xs) < PAGE_BREAK_EDGES:
            continue
        if edge := _closing_rule(horizontal, y, xs[0], xs[-1]):
            closing.append(edge)
    return closing


def _closing_rule(horizontal: list[tuple], y: float, x0: float, x1: float) -> tuple | None:
    """A horizontal edge from x0 to x1 at height y, on a rule drawn at that height if one is (rows'
    tops alike); None where a rule at that height already joins them (runs half the way or more)."""
    if any(abs(h[2] - y) <= SNAP and min(h[3], x1) - max(h[1], x0) >= (x1 - x0) / 2 for h in horizontal):
        return None
    y = next((h[2] for h in horizontal if abs(h[2] - y) <= SNAP), y)
    return ("h", x0, y, x1, y)


def _top_left_off(edges: list[tuple], chars: list[Char]) -> list[tuple]:
    """A row's top border left off below the page's first ruled height: at least
    PAGE_BREAK_EDGES vertical rules begin together, no horizontal rule joins them and no text
    runs across that height (Chrome, a table's header cut by a page break, paints the next row's
    sides from its top but not its top across the cells the header's rest spans: the row's label
    and its 总计 fell into one cell). A horizontal edge across them, on a rule at that height if
    one stands there, closes the row. The page's first and last ruled heights are
    _cut_by_page_break's."""
    vertical = [e for e in edges if e[0] == "v"]
    if len(vertical) < PAGE_BREAK_EDGES:
        return []
    horizontal = [e for e in edges if e[0] == "h"]
    first = min(e[2] for e in vertical)
    closing = []
    for group in _clusters([e for e in vertical if e[2] > first + SNAP], lambda e: e[2], SNAP):
        if len(group) < PAGE_BREAK_EDGES:
            continue
        x0, x1 = min(e[1] for e in group), max(e[1] for e in group)
        edge = _closing_rule(horizontal, sum(e[2] for e in group) / len(group), x0, x1)
        if edge and not any(ch[3] < edge[2] < ch[4] and ch[2] > x0 and ch[1] < x1 for ch in chars):
            closing.append(edge)  # (text across that height: the cells go on through it)
    return closing


def _border_left_off(edges: list[tuple], chars: list[Char]) -> list[tuple]:
    """A column's border left off: the horizontal rules of a column's rows all begin (or end) at
    an x where no vertical rule stands, with a vertical rule along most of those rows on their
    side of it (Chrome, a table's rows continued on the next page, leaves the left border of a
    column beside a cell that spans rows unpainted, the table's own left border too). Where at
    least ROW_ENDS_EDGES of them end together so, a vertical edge through their ends, up and
    down to the rules across it, closes those rows' cells; not into a row above or below whose
    text runs across that x (a label spanning the columns, 四、结转下年度继续办理, is one cell).
    A table ruled with horizontal lines only has no vertical rule beside them: it gets none."""
    vertical = [e for e in edges if e[0] == "v"]
    if not vertical:
        return []
    horizontal = [e for e in edges if e[0] == "h"]
    columns = sorted({v[1] for v in vertical})
    closing = []
    for end in (1, 3):
        for group in _clusters(horizontal, lambda e, end=end: e[end], SNAP):
            if len(group) < ROW_ENDS_EDGES:
                continue
            x = sum(e[end] for e in group) / len(group)
            top, bottom = min(e[2] for e in group), max(e[2] for e in group)

            def along(v: tuple) -> bool:  # a vertical rule along most of those rows
                return min(v[4], bottom) - max(v[2], top) >= (bottom - top) / 2

            standing = next((v for v in vertical if abs(v[1] - x) <= SNAP and along(v)), None)
            if standing and end == 1 and (gap := _cut_row_above(standing, top, horizontal, chars, columns)):
                closing.append(gap)
            inner = (
                any(v[1] > x + SNAP and along(v) for v in vertical)
                if end == 1
                else any(v[1] < x - SNAP and along(v) for v in vertical)
            )
            if not standing and inner:
                x = next((v[1] for v in vertical if abs(v[1] - x) <= SNAP), x)  # on a rule at that x elsewhere: no sliver cell
                across = _rules_across(horizontal, x)
                above = max((y for y in across if y < top - SNAP), default=top)  # up to the rows' first rule
                below = min((y for y in across if y > bottom + SNAP), default=bottom)  # and their last
                top = top if _text_across(chars, x, above, top) else above
                bottom = bottom if _text_across(chars, x, bottom, below) else below
                closing.append(("v", x, top, x, bottom))
    return closing


def _cut_row_above(v: tuple, top: float, horizontal: list[tuple], chars: list[Char], columns: list[float]) -> tuple | None:
    """The border a page break left off beside a page's first row: a column's rule standing along
    its rows from their first rule down, the row above them the page's first (its top the first
    rule across the rule's x), text in the column right of it, none across it. Chrome paints that
    row's cut cell without its side."""
    x = v[1]
    across = _rules_across(horizontal, x)
    above = [y for y in across if y < top - SNAP]
    if len(above) != 1 or abs(v[2] - top) > SNAP or _text_across(chars, x, above[0], top):
        return None
    if not _text_beside(chars, x, above[0], top, columns)[1]:
        return None  # nothing in the column right of it: a label spanning the columns, left of x
    return ("v", x, above[0], x, v[4])  # the whole rule, so that cells below it close on it too


def _rules_across(horizontal: list[tuple], x: float) -> list[float]:
    """The heights of the horizontal rules that run across x, past it on both sides."""
    return [h[2] for h in horizontal if h[1] < x - SNAP and h[3] > x + SNAP]


def _text_beside(chars: list[Char], x: float, top: float, bottom: float, columns: list[float]) -> tuple[bool, bool]:
    """Whether text between those heights (by centre) stands in the column just left of x, and
    in the one just right of it (up to the nearest vertical rules either side)."""
    k = bisect.bisect_left(columns, x - SNAP)
    left = columns[k - 1] if k > 0 else float("-inf")
    k = bisect.bisect_right(columns, x + SNAP)
    right = columns[k] if k < len(columns) else float("inf")
    centres = [(ch[1] + ch[2]) / 2 for ch in chars if top < (ch[3] + ch[4]) / 2 < bottom]
    return any(left < c < x for c in centres), any(x < c < right for c in centres)


def _text_across(chars: list[Char], x: float, top: float, bottom: float) -> bool:
    """Whether text between those heights (by centre) runs across x: two characters of a line
    touching, one centred left of it and the other right (a cell's text may begin a little left
    of its rule's x, so a character across x alone does not say)."""
    row = [ch for ch in chars if top < (ch[3] + ch[4]) / 2 < bottom]
    left = [ch for ch in row if (ch[1] + ch[2]) / 2 < x]
    right = [ch for ch in row if (ch[1] + ch[2]) / 2 > x]
    return any(abs(b[1] - a[2]) <= TOUCHING and abs(b[3] - a[3]) <= CHARS_TOLERANCE for a in left for b in right)


def _border_broken(edges: list[tuple], chars: list[Char]) -> list[tuple]:
    """A column's border broken off for one row: the same vertical rule above and below it, the
    row's own rules running across it (none between), and the row's text on both sides of it,
    none across (Chrome leaves a wrapped row's column borders unpainted; a heading spanning the
    columns runs across them, or stands on one side). A vertical edge across the gap closes the
    row's cells. Once one gap of a row is so closed, the row's gaps right of it with no text
    across are closed too: its borders were left unpainted, and a blank cell among or after its
    values (a total left blank) is a cell of its own, not the one before it spanning two columns;
    left of it a gap with text on one side only may be a label spanning columns. A page's last
    row, cut by the page, has the rule above it only: there the text must stand in the columns
    either side of the gap (`（七）总计` spans the item column, nothing right of its rule before
    the values)."""
    horizontal = [e for e in edges if e[0] == "h"]
    columns = sorted({e[1] for e in edges if e[0] == "v"})
    gaps = []  # (x, top, bottom, text on both sides)
    for group in _clusters([e for e in edges if e[0] == "v"], lambda e: e[1], SNAP):
        group.sort(key=lambda e: e[2])
        x = group[0][1]
        ruled = _rules_across(horizontal, x)
        spans = [(a[4], b[2], True) for a, b in zip(group, group[1:])]
        below = [y for y in ruled if y > group[-1][4] + SNAP]
        if len(below) == 1:
            spans.append((group[-1][4], below[0], False))
        for top, bottom, between in spans:
            if bottom - top <= JOIN:
                continue
            inside = [y for y in ruled if top + SNAP < y < bottom - SNAP]
            if inside or not (any(abs(y - top) <= SNAP for y in ruled) and any(abs(y - bottom) <= SNAP for y in ruled)):
                continue  # one row's gap, between the rules of that row
            if _text_across(chars, x, top, bottom):
                continue  # one cell
            if between:
                row = [ch for ch in chars if top < (ch[3] + ch[4]) / 2 < bottom]
                both = any(ch[2] <= x for ch in row) and any(ch[1] >= x for ch in row)
            else:
                both = all(_text_beside(chars, x, top, bottom, columns))
            gaps.append((x, top, bottom, both))
    broken = [(x, top, bottom) for x, top, bottom, both in gaps if both]

    def after_a_broken_one(x: float, top: float, bottom: float) -> bool:  # right of a gap closed in its row
        return any(x > bx and abs(top - t) <= SNAP and abs(bottom - b) <= SNAP for bx, t, b in broken)

    return [("v", x, top, x, bottom) for x, top, bottom, both in gaps if both or after_a_broken_one(x, top, bottom)]


def _cells(edges: list[tuple]) -> list[tuple]:
    """The smallest rectangles whose four corners are crossings joined by the same edges."""
    vertical = sorted((e for e in edges if e[0] == "v"), key=lambda e: (e[1], e[2]))
    horizontal = sorted((e for e in edges if e[0] == "h"), key=lambda e: (e[2], e[1]))
    tol = CROSSING
    crossings: dict[tuple, tuple[set, set]] = {}
    h_tops = [h[2] for h in horizontal]
    for v in vertical:
        x, vt, vb = v[1], v[2], v[4]
        for h in horizontal[bisect.bisect_left(h_tops, vt - tol) : bisect.bisect_right(h_tops, vb + tol)]:
            y = h[2]
            if vt <= y + tol and vb >= y - tol and h[1] - tol <= x <= h[3] + tol:
                entry = crossings.get((x, y))
                if entry is None:
                    entry = crossings[(x, y)] = (set(), set())
                entry[0].add(v[1:])
                entry[1].add(h[1:])
    points = sorted(crossings)
    columns: dict[float, list] = {}
    rows: dict[float, list] = {}
    for p in points:
        columns.setdefault(p[0], []).append(p)
        rows.setdefault(p[1], []).append(p)

    def joined(p: tuple, q: tuple, axis: int) -> bool:
        return not crossings[p][axis].isdisjoint(crossings[q][axis])

    cells = []
    in_column = {p: k for column in columns.values() for k, p in enumerate(column)}
    in_row = {p: k for row in rows.values() for k, p in enumerate(row)}
    for pt in points:
        below = columns[pt[0]][in_column[pt] + 1 :]
        right = rows[pt[1]][in_row[pt] + 1 :]
        found = None
        for b in below:
            if not joined(pt, b, 0):
                continue
            for r in right:
                if not joined(pt, r, 1):
                    continue
                corner = (r[0], b[1])
                if corner in crossings and joined(corner, r, 0) and joined(corner, b, 1):
                    found = (pt[0], pt[1], corner[0], corner[1])
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def _corners(cell: tuple) -> tuple:
    x0, top, x1, bottom = cell
    return ((x0, top), (x0, bottom), (x1, top), (x1, bottom))


def _group_cells(cells: list[tuple]) -> list[list[tuple]]:
    """Cells sharing a corner, transitively, are one table (pdfplumber's greedy order kept)."""
    remaining = list(cells)
    corners: set = set()
    current: list[tuple] = []
    tables = []
    while remaining:
        before = len(current)
        for cell in list(remaining):
            cc = _corners(cell)
            if not current or any(c in corners for c in cc):
                corners.update(cc)
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            tables.append(current)
            corners = set()
            current = []
    if current:
        tables.append(current)
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


def _box(cells: list[tuple], horizontal: list[tuple]) -> tuple[float, float, float, float]:
    """The cells' box, widened to the horizontal rules at its rows' heights that run beyond it
    (a row whose side border was left off has its rules but no cell there: its text is the
    table's, not a line of its own)."""
    x0, top = min(c[0] for c in cells), min(c[1] for c in cells)
    x1, bottom = max(c[2] for c in cells), max(c[3] for c in cells)
    heights = sorted({c[1] for c in cells} | {c[3] for c in cells})
    for h in horizontal:
        k = bisect.bisect_left(heights, h[2] - SNAP)
        if k < len(heights) and heights[k] <= h[2] + SNAP and h[1] < x1 and h[3] > x0:
            x0, x1 = min(x0, h[1]), max(x1, h[3])
    return (x0, top, x1, bottom)


class Table(NamedTuple):
    cells: list[tuple]
    chars: list[Char]
    centred: list[tuple]  # (vertical centre, horizontal centre, index) of the page's chars, by centre
    bbox: tuple[float, float, float, float]  # its cells' box, widened to its rows' rules

    def rows(self) -> list[list[tuple | None]]:
        """Cells by row (same top), placed on the table's columns (distinct left edges);
        None where a merged cell covers the position."""
        xs = sorted({c[0] for c in self.cells})
        out = []
        for _, row in itertools.groupby(sorted(self.cells, key=lambda c: (c[1], c[0])), key=lambda c: c[1]):
            by_x = {c[0]: c for c in row}
            out.append([by_x.get(x) for x in xs])
        return out

    def extract(self) -> list[list[str | None]]:
        """Text of every cell, row by row; None for a position a merged cell covers. Text in the
        table's box that no cell holds (a cell whose border was left off) is not lost: it fills
        the empty position of its row where it stands."""
        centred = self.centred  # characters by vertical centre: a row looks at its own band only
        ys = [c[0] for c in centred]
        left, _, right, _ = self.bbox
        lefts = sorted({c[0] for c in self.cells})
        out = []
        for row in self.rows():
            present = [c for c in row if c is not None]
            top = min(c[1] for c in present)
            bottom = max(c[3] for c in present)
            band = centred[bisect.bisect_left(ys, top) : bisect.bisect_left(ys, bottom)]
            band = [c for c in band if left <= c[1] < right]
            found = _by_cell(row, band)
            texts = [None if cell is None else extract_text([self.chars[n] for n in sorted(f)]) for cell, f in zip(row, found)]
            self._orphans(texts, band, {n for f in found for n in f}, lefts)
            out.append(texts)
        return out

    def _orphans(self, texts: list, band: list[tuple], held: set[int], lefts: list[float]) -> None:
        """The band's characters that no cell of the table holds, as one text at the empty
        position of the column where the first of them stands; left of every column with no
        empty position there (a row's label whose cell Chrome drew no border for, after a page
        break), as a cell before the row's first."""
        loose = [c for c in band if c[2] not in held and not any(_inside(cell, c) for cell in self.cells)]
        if not loose:
            return
        text = extract_text([self.chars[n] for n in sorted(c[2] for c in loose)])
        k = bisect.bisect_right(lefts, min(c[1] for c in loose)) - 1
        if texts[max(k, 0)] is None:
            texts[max(k, 0)] = text
        elif k < 0:
            texts.insert(0, text)


def _inside(cell: tuple, centre: tuple) -> bool:
    x0, top, x1, bottom = cell
    return x0 <= centre[1] < x1 and top <= centre[0] < bottom


def _by_cell(row: list[tuple | None], band: list[tuple]) -> list[list[int]]:
    """Indexes of the band's characters whose centre is in each cell of the row (left edge and
    top included, right and bottom not). Cells side by side: each character is looked up."""
    found: list[list[int]] = [[] for _ in row]
    present = sorted((cell[0], k) for k, cell in enumerate(row) if cell is not None)
    lefts = [x for x, _ in present]
    side_by_side = all(row[a][2] <= row[b][0] for (_, a), (_, b) in zip(present, present[1:]))
    for y, x, n in band:
        if side_by_side:
            i = bisect.bisect_right(lefts, x) - 1
            candidates = present[i : i + 1] if i >= 0 else []
        else:
            candidates = present
        for _, k in candidates:
            x0, top, x1, bottom = row[k]
            if x0 <= x < x1 and top <= y < bottom:
                found[k].append(n)
    return found


def find_tables(edges: list[tuple], chars: list[Char]) -> list[Table]:
    """Ruled tables of a page, top to bottom."""
    if not edges:
        return []
    merged = _merged_edges(edges)
    merged += _cut_by_page_break(merged)
    merged += _top_left_off(merged, chars)
    merged += _border_left_off(merged, chars)
    groups = _group_cells(_cells(merged + _border_broken(merged, chars)))
    if not groups:
        return []
    centred = sorted(((ch[3] + ch[4]) / 2, (ch[1] + ch[2]) / 2, n) for n, ch in enumerate(chars))
    horizontal = [e for e in merged if e[0] == "h"]
    return [Table(group, chars, centred, _box(group, horizontal)) for group in groups]
