"""Table 3 as `pdftotext` without -layout prints it: the numbers in the table's order, but merged
label cells break the rows into blocks printed column by column, with the labels elsewhere.

The numbers alone, in document order, are read as the template's rows in order: a paragraph of
numbers one to a line is a row, seven paragraphs of one number each are a row, and seven
paragraphs of equal length m are a block of m rows printed column by column. Every way of
cutting the paragraphs so is tried; a reading is kept only when it gives exactly the rows the
table's labels name and every row total and every column identity holds. One such reading:
that is the table. None or several: nothing is read this way.

The numbers are also read as the rows in order with each row's first value allowed to stand a
little apart, ahead of or behind the rest of its row (a wrapped label's first cell, which
pdftotext prints beside the label): `14 0 | 0 0 0 0 0 14 | 0 0 0 0 0 0` is the rows
14 0 0 0 0 0 14 and 0 0 0 0 0 0 0. Readings of both kinds count alike: one table, every identity
holding, or nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from functools import cache
from itertools import accumulate, combinations, islice
from typing import TypeVar

from . import settings

Numbers = list[int]
T = TypeVar("T")
MAX_READINGS = settings.value("reading_order_max")
AHEAD = settings.value("reading_order_ahead")
MAX_BLANKS = settings.value("reading_blanks_max")
MAX_STATES = settings.value("reading_blanks_max_states")
MAX_APART = settings.value("reading_totals_apart")
WITHIN = settings.value("reading_apart_within")
TOGETHER = settings.value("reading_totals_together")
KINDS_IN_RUNS = settings.value("reading_apart_kinds_in_runs")


class _TooMany(Exception):
    pass


class _OutOfStates(_TooMany):
    pass


_NOTHING_HELD: frozenset[int] = frozenset()


def adds_up(row: Sequence[float | None]) -> bool:
    """A row's last cell (its 总计) is the sum of the others, every cell known."""
    return None not in row and row[-1] == sum(row[:-1])


def paragraphs(lines: list[tuple[int, T]]) -> list[list[T]]:
    """(line, value) in document order, grouped where a line is not the one after the last."""
    out: list[list[T]] = []
    last = None
    for line, value in lines:
        if last is None or line > last + 1:
            out.append([])
        out[-1].append(value)
        last = line
    return out


def readings(paras: list[Numbers], widths: Sequence[int]) -> Iterator[list[Numbers]]:
    """Every way to read the paragraphs as rows of `widths` values each, in order."""

    def go(k: int, row: int) -> Iterator[list[Numbers]]:
        if k == len(paras):
            yield []
            return
        if row >= len(widths):
            return  # more rows than the table's
        size, width = len(paras[k]), widths[row]
        if size == width:  # a row, one value a line
            for rest in go(k + 1, row + 1):
                yield [paras[k], *rest]
        run = paras[k : k + width]
        if len(run) == width and all(len(p) == size for p in run) and set(widths[row : row + size]) == {width}:
            block = [[p[i] for p in run] for i in range(size)]  # printed column by column
            for rest in go(k + width, row + size):
                yield [*block, *rest]

    yield from go(0, 0)


def read(
    lines: list[tuple[int, int]], codes: list[str], width: int, holds: Callable[[dict[str, Numbers]], bool]
) -> dict[str, Numbers] | None:
    """The one reading of the numbers as the rows `codes` (in template order) that keeps every
    identity (`holds`), or None."""
    found = read_all(lines, codes, [width] * len(codes), holds)
    return found[0] if found is not None and len(found) == 1 else None


def read_all(
    lines: list[tuple[int, int]],
    codes: list[str],
    widths: Sequence[int],
    holds: Callable[[dict[str, Numbers]], bool],
    firsts: Sequence[int | None] = (),
) -> list[dict[str, Numbers]] | None:
    """Every reading of the numbers as the rows `codes` (in template order), of `widths` values
    each, in which every row adds up and every identity holds (`holds`); None when there are too
    many to tell. `firsts`: for each row, a first value read elsewhere (beside its label), put
    before the `widths` values read here; a row's first value apart is then not looked for."""
    paras = paragraphs(lines)
    found: list[dict[str, Numbers]] = []
    for k, rows in enumerate(readings(paras, widths)):
        if k >= MAX_READINGS:
            return None
        if len(rows) != len(codes):
            continue
        rows = [row if first is None else [first, *row] for row, first in zip(rows, [*firsts] or [None] * len(rows))]
        table = dict(zip(codes, rows))
        if all(adds_up(row) for row in rows) and holds(table):
            if table not in found:
                found.append(table)
    if any(first is not None for first in firsts):
        return found
    try:
        tables = first_apart([value for _, value in lines], widths)
    except _TooMany:
        return None
    for table in (dict(zip(codes, map(list, rows))) for rows in tables):
        if table not in found and holds(table):
            found.append(table)
    return found


def first_apart(values: Numbers, widths: Sequence[int]) -> set[tuple[tuple[int, ...], ...]]:
    """Every table of rows of `widths` values each whose values, row after row, are `values`,
    except that a row's first value may stand apart from its other values, up to AHEAD rows ahead
    or behind them (pdftotext prints a wrapped label's first cell beside the label); each row adds
    up. Readings that give the same numbers are one table (rows of zeros read alike either way)."""
    rows = len(widths)
    if len(values) != sum(widths):
        return set()

    @cache
    def go(pos: int, row: int, firsts: tuple[int, ...], others: tuple[tuple[int, ...], ...]) -> frozenset:
        """firsts: first values read before the rest of their rows; others: the rest of rows
        read before their first values (one of the two is empty)."""
        if row == rows:
            return frozenset({()}) if pos == len(values) else frozenset()
        out: set = set()
        if pos < len(values):  # values[pos] is a first value
            if others:
                cells = (values[pos], *others[0])
                if adds_up(cells):
                    out.update((cells, *tail) for tail in go(pos + 1, row + 1, (), others[1:]))
            elif len(firsts) < AHEAD and row + len(firsts) < rows:
                out.update(go(pos + 1, row, (*firsts, values[pos]), ()))
        # values[pos:pos + rest] are the rest of a row: this one's, or with rests read before, the next's
        rest = widths[row + (0 if firsts else len(others))] - 1 if row + len(others) < rows else 0
        if rest and pos + rest <= len(values):
            run = tuple(values[pos : pos + rest])
            if firsts:
                cells = (firsts[0], *run)
                if adds_up(cells):
                    out.update((cells, *tail) for tail in go(pos + rest, row + 1, firsts[1:], ()))
            elif len(others) < AHEAD:
                out.update(go(pos + rest, row, (), (*others, run)))
        if len(out) > MAX_READINGS:
            raise _TooMany
        return frozenset(out)

    return set(go(0, 0, (), ()))


def totals_apart(
    values: Numbers,
    rows: int,
    width: int | Sequence[int],
    holds: Callable[[list[Numbers]], bool],
    held: Sequence[int | None] = (),
    wrapped: frozenset[int] = frozenset(),
    may_wrap: frozenset[int] = frozenset(),
    kinds: int | None = None,
) -> list[int] | None:
    """The values read row after row, but for rows whose 总计 stands apart: among the row's own
    values (a wrapped label's row, its first value and its 总计 printed beside the label), or, for
    up to MAX_APART rows, later in the text (pdftotext prints the 总计 of the national template's
    部分公开 row, whose label wraps, after rows further down), or, for up to TOGETHER rows one after
    another, together after all their other values (pdftotext sets the 总计 column's cells of such
    rows in a block of its own: `1 0 0 | 18 0 0 | 1 18`; such rows are not counted as apart). A row
    reads so only where its values in order do not add up; when no reading is found so, a row may
    also read with its first value printed after its middle ones, beside its 总计 (`0 0 0 0 0 1 1`
    for 1 | 0 … 0 | 1, which in order
    adds up with the 1 under 其他). Among the readings with the fewest rows whose 总计 stands further
    down, the one where every row adds up and the table's identities hold (`holds`), as the order
    of the values' indexes; None when there is none or more than one. No reading takes a 总计
    apart from amid a later row's other values (_total_amid_a_later_row). `held`: for each value, the
    row (its index) it stands in, if any (a number printed inside a wrapped label's lines). Where
    the search finds no reading, a reading whose row lacks such a value, or cannot tell one
    reading, it is run again with each such value forced into its row, though the row's values in
    order add up (rows of zeros read in order whatever zero they take, and the forced search is far
    longer: it is run only then).
    `wrapped`: the rows whose labels wrap, which alone may print their first value among the row
    above's; `may_wrap`: the rows whose labels as printed may go on (a wrapped label, or one the
    template prints longer), which alone may print their first value beside their 总计. `width`:
    the values a row has, or each row's (a column left blank in some rows); `kinds`: how many of
    _KINDS to try (all by default)."""
    widths = (width,) * rows if isinstance(width, int) else tuple(width)
    if len(values) != sum(widths) or len(widths) != rows:
        return None
    tried = _KINDS[:kinds]
    found = _fewest_apart(values, widths, holds, [None] * len(values), wrapped, may_wrap, tried)
    if not any(r is not None for r in held):
        return found or None
    read = [values[i] for i in found or ()]
    starts = _starts(widths)
    if found and all(values[i] in read[starts[r] : starts[r + 1]] for i, r in enumerate(held) if r is not None):
        return found
    return _fewest_apart(values, widths, holds, held, wrapped, may_wrap, tried) or None


def _starts(widths: Sequence[int]) -> list[int]:
    """Where each row's values begin in a reading, and where the last ends."""
    return list(accumulate(widths, initial=0))


def _rows_of(read: list, widths: Sequence[int]) -> list[list]:
    """A reading's values cut into rows of `widths` values."""
    starts = _starts(widths)
    return [read[a:b] for a, b in zip(starts, starts[1:])]


# the kinds of reading _fewest_apart tries, one stage after another, each with the kinds before it:
# (rows split, a block of 总计s together at the table's start or end after rows adding up in order,
# first values beside their 总计s, first values among the row above's)
_KINDS = (
    (False, False, False, False),
    (True, False, False, False),
    (True, True, False, False),
    (True, True, True, False),
    (True, True, True, True),
)


def _fewest_apart(
    values: Numbers,
    widths: tuple[int, ...],
    holds,
    held: Sequence[int | None],
    wrapped: frozenset[int],
    may_wrap: frozenset[int],
    tried: tuple = _KINDS,
) -> list[int] | tuple[()] | None:
    """totals_apart's search, one kind of reading after another (_KINDS), each only when no reading
    is found without it: a row's first value apart too; a block of 总计s at the table's start or end
    from a row adding up in order too; a first value beside its 总计; a first value among the row
    above's. A reading with rows printing their 总计s together stands only where no other is found
    with up to MAX_APART rows apart (as far as that search goes before it runs out of states).
    None: several readings, or too many to tell; (): no reading of any kind."""
    for split, ends, beside, leads in tried:
        if leads and not wrapped:
            break
        kinds = (split, ends, beside and may_wrap, leads and wrapped)
        for most in range(MAX_APART + 1):  # the fewest rows whose 总计 stands further down that explain the text
            found = _totals_apart(values, widths, holds, most, kinds, held)
            if found != {}:
                if found is None or len(found) != 1:
                    return None
                read, (order, together) = next(iter(found.items()))
                if together and most < MAX_APART:  # 总计s together, not counted as apart: no reading with rows apart may differ
                    wider = _totals_apart(values, widths, holds, MAX_APART, kinds, held, partial=True)
                    if wider is None or wider.keys() - {read}:
                        return None
                return order
    return ()


def _total_amid_a_later_row(order: list[int], widths: Sequence[int]) -> bool:
    """Whether a reading (its values' indexes, `widths` values a row) gives a row a 总计 printed
    apart (alone, or beside its first value) amid a later row's other values: pdftotext prints a
    总计 apart after whole rows or beside other 总计s, and a report whose own totals fail is not
    made to add up by taking numbers out of a row below."""
    starts = _starts(widths)
    row_at = [r for r, w in enumerate(widths) for _ in range(w)]  # a place in the reading -> its row
    place = [0] * len(order)
    for k, i in enumerate(order):
        place[i] = k
    rows = [row_at[k] for k in place]

    def last(k: int) -> bool:
        return k == starts[row_at[k] + 1] - 1

    for row in range(len(widths)):
        start = end = order[starts[row + 1] - 1]
        while start > 0 and rows[start - 1] == row:
            start -= 1
        while end + 1 < len(order) and rows[end + 1] == row:
            end += 1
        if (
            any(place[i] != starts[row] and not last(place[i]) for i in range(start, end + 1))
            or start == 0
            or end + 1 == len(order)
        ):
            continue  # beside its row's middle values, or at the text's either end
        before, after = place[start - 1], place[end + 1]
        if row_at[before] == row_at[after] > row and not (last(before) or last(after)):
            return True
    return False


def _totals_apart(
    values: Numbers, widths: tuple[int, ...], holds, most: int, kinds: tuple, held: Sequence[int | None], partial: bool = False
) -> dict[tuple[int, ...], tuple[list[int], bool]] | None:
    """Every reading of totals_apart with at most `most` rows apart, by its values, with whether
    rows print their 总计s together in it (None: too many; with `partial`, those found before the
    search ran out of states, where it did). `kinds`: with the first, a row apart may also print its
    first value and 总计 both further down; with the second, a row whose values in order add up may
    also begin a block of 总计s printed together, where the block begins or ends the table; the
    third, the rows (indexes) that may print their first value after their middle ones, beside
    their 总计; the fourth, the rows (indexes) that may print their first value after the first of
    the row above (`13 4 0 0 0 0 0 13` for 13 | 0 … | 13, then 4 | …: pdftotext prints a wrapped
    label's first value beside the row above's), a row apart too."""
    split, ends, beside, leads = kinds
    n, rows = len(values), len(widths)
    found: dict[tuple[int, ...], tuple[list[int], bool]] = {}
    steps = [0]
    held_by: dict[int, frozenset[int]] = {}
    for i, r in enumerate(held):
        if r is not None:
            held_by[r] = held_by.get(r, frozenset()) | {i}

    def go(
        r: int, pos: int, taken: frozenset[int], apart: int, order: list[int], lead: int | None = None, together: bool = False
    ) -> None:
        steps[0] += 1
        if len(found) > 1:
            raise _TooMany
        if steps[0] > MAX_STATES:
            raise _OutOfStates
        if r == rows:
            read = [values[i] for i in order]
            if holds(_rows_of(read, widths)) and not _total_amid_a_later_row(order, widths):
                found.setdefault(tuple(read), (list(order), together))
            return
        width = widths[r]
        following = (i for i in range(pos, n) if i not in taken)
        ahead = list(islice(following, width)) if lead is None else [lead, *islice(following, width - 1)]
        if len(ahead) < width:
            return
        own = held_by[r] - taken if r in held_by else _NOTHING_HELD  # printed inside its label: read in this row

        def go_on(next_pos: int, more: frozenset[int], cells: list[int]) -> None:
            if not _keeps_held(r, cells, taken):
                return
            go(r + 1, next_pos, more, apart + (more != taken), order + cells, None, together)

        if lead is not None:  # its first value printed among the row above's: the rest in order, or its 总计 further down
            if adds_up([values[i] for i in ahead]):
                go_on(ahead[-1] + 1, taken, ahead)
            else:  # its 总计 further down too, not bounded by `most` (its lead was)
                _total_further_down(ahead, taken, go_on)
            return

        first = [ahead[-2], *ahead[:-2], ahead[-1]]  # its first value beside its 总计, after its middle ones
        other = (
            beside
            and r in beside
            and [values[i] for i in first] != [values[i] for i in ahead]
            and adds_up([values[i] for i in first])
        )
        if adds_up([values[i] for i in ahead]) and (not own or own <= set(ahead)):
            go_on(ahead[-1] + 1, taken, ahead)
            if other and not any(values[i] for i in ahead[:-2]):  # `0 … 0 1 1`: the 1 under 其他, or first
                go_on(ahead[-1] + 1, taken, first)
            if ends and (r == 0 or r + TOGETHER >= rows):  # or its 总计 in a block beginning or ending the table
                _totals_together(r, pos, taken, apart, order, True)
            return
        if other:
            go_on(ahead[-1] + 1, taken, first)
        for j in range(width - 1):  # its 总计 among its own values
            cells = ahead[:j] + ahead[j + 1 :] + [ahead[j]]
            if adds_up([values[i] for i in cells]):
                go_on(ahead[-1] + 1, taken, cells)
        _totals_together(r, pos, taken, apart, order)
        if apart == most:
            return
        if leads:
            _leading(r, taken, ahead, apart, order, together)
        _total_further_down(ahead, taken, go_on)
        if not split:
            return
        middle = ahead[: width - 2]  # its first value and 总计 both further down (a label wrapped over three lines)
        later = [i for i in range(middle[-1] + 1, n) if i not in taken][: WITHIN * width]
        inner = sum(values[i] for i in middle)
        where: dict[float, list[int]] = {}
        for i in later:
            where.setdefault(values[i], []).append(i)
        for q1 in later:
            for q2 in where.get(values[q1] + inner, ()):
                if q2 > q1:
                    go_on(middle[-1] + 1, taken | {q1, q2}, [q1, *middle, q2])

    def _totals_together(r: int, pos: int, taken: frozenset[int], apart: int, order: list[int], at_ends: bool = False) -> None:
        # this row and the next ones, up to TOGETHER, each printing its other values in order, then their 总计s in
        # order; `at_ends`: only a block beginning or ending the table (rows of one width)
        width = widths[r]
        following = (i for i in range(pos, n) if i not in taken)
        free = list(islice(following, width))
        first = sum(values[i] for i in free[: width - 1])
        for k in range(2, min(TOGETHER, rows - r) + 1):
            if widths[r + k - 1] != width:
                return
            free += islice(following, k * width - len(free))
            if len(free) < k * width:
                return
            if values[free[k * (width - 1)]] != first or (at_ends and r and r + k < rows):
                continue  # this row's 总计 is not the first of the block's, or the block is not where it may be
            block = [free[j * (width - 1) : (j + 1) * (width - 1)] + [free[k * (width - 1) + j]] for j in range(k)]
            if all(adds_up([values[i] for i in cells]) and _keeps_held(r + j, cells, taken) for j, cells in enumerate(block)):
                go(r + k, free[k * width - 1] + 1, taken, apart, order + [i for cells in block for i in cells], None, True)

    def _keeps_held(r: int, cells: list[int], taken: frozenset[int]) -> bool:
        """Row r reading `cells` takes every value printed inside its label, none inside another's."""
        own = held_by[r] - taken if r in held_by else _NOTHING_HELD
        return not held_by or (own <= set(cells) and all(held[i] in (None, r) for i in cells))

    def _total_further_down(ahead: list[int], taken: frozenset[int], go_on) -> None:
        six, total = ahead[:-1], sum(values[i] for i in ahead[:-1])
        for q in (i for i in range(ahead[-1] + 1, n) if i not in taken):
            if values[q] == total:
                go_on(ahead[-1], taken | {q}, six + [q])

    def _leading(r: int, taken: frozenset[int], ahead: list[int], apart: int, order: list[int], together: bool) -> None:
        # this row in order but for its second value: the next row's first, printed beside this row's first
        more = next((i for i in range(ahead[-1] + 1, n) if i not in taken), None)
        if more is None or r + 1 not in leads or not values[ahead[1]]:
            return  # a 0 there reads as this row's, its 总计 the next value: the same numbers
        cells = [ahead[0], *ahead[2:], more]
        if not adds_up([values[i] for i in cells]):
            return
        if _keeps_held(r, cells, taken) and (not held_by or held[ahead[1]] in (None, r + 1)):
            go(r + 1, more + 1, taken | {ahead[1]}, apart + 1, order + cells, ahead[1], together)

    try:
        go(0, 0, frozenset(), 0, [])
    except _OutOfStates:
        return found if partial else None
    except _TooMany:
        return None
    return found


Reading = dict[str, list[tuple[int | None, int | None]]]  # row code -> (value, its index) a cell; (None, None) unknown


class _Search:
    """The state of one search of with_blanks: the values, the rows' roles in the identities, and
    for each cell every value a consistent reading gives it."""

    def __init__(self, values: Numbers, codes: list[str], width: int, outcome: set[str], anchors: list, fixed: dict, floor: list):
        self.values, self.codes, self.width, self.anchors = values, codes, width, anchors
        self.fixed = [fixed.get(code) for code in codes]
        self.anchored = [codes.index(a) if a in codes else None for a in anchors]  # row index, for the search's prune
        self.home = [-1 if a is not None and h is None else h for a, h in zip(anchors, self.anchored)]  # -1: no row here
        self.earliest = [codes.index(a) if a in codes else 0 for a in floor]  # the first row a value may stand in
        self.blanks = len(codes) * width - len(values)
        self.roles = [("outcome" if c in outcome else c) for c in codes]
        self.places = [list(combinations(range(width - 1), k)) for k in range(width)]
        self.seen: dict = {}
        self.cells: list[list[set]] = [[set() for _ in range(width)] for _ in codes]

    def row(self, r: int, first: int | None, start: int, k: int, place: tuple[int, ...]) -> tuple[int | None, ...] | None:
        """Row r's cells as indexes into the values (None: blank), when its total holds, none of
        them stands on another row's label line, and a row already landed keeps its values."""
        cells: list[int | None] = [first] + [None] * (self.width - 1)
        for j, col in enumerate(place):
            cells[col + 1] = start + j
        home, earliest, last = self.home, self.earliest, len(cells) - 1
        for k, c in enumerate(cells):
            if c is not None and ((h := home[c]) is not None and h != r or (k < last and earliest[c] > r)):
                return None  # printed on another row's label line, or after a later row's label (but a 总计)
        if self.fixed[r] is not None and [None if c is None else self.values[c] for c in cells] != self.fixed[r]:
            return None  # the row landed by its label with other values
        got = [0 if c is None else self.values[c] for c in cells]
        return tuple(cells) if got[-1] == sum(got[:-1]) else None

    def account(self, r: int, cells: tuple, acc: tuple) -> tuple | None:
        """The column sums after row r, or None where a column identity breaks: the outcome rows
        sum to 办理总计, and 新收 + 结转 = 办理总计 + 结转下年, so the outcome rows never pass 新收 +
        结转 (a blank counts as 0 throughout: pdftotext drops a printed 0 no more than a blank)."""
        got = [0 if c is None else self.values[c] for c in cells]
        need, outcome, total = acc
        role = self.roles[r]
        if role == "outcome":
            outcome = tuple(s + v for s, v in zip(outcome, got))
            return None if any(s > a for s, a in zip(outcome, need)) else (need, outcome, total)
        if role in ("new_received", "carried_over"):
            return tuple(a + v for a, v in zip(need, got)), outcome, total
        if role == "total_processed":
            return None if tuple(got) != outcome else (need, outcome, tuple(got))
        if role == "carried_forward":
            return None if any(a != t + v for a, t, v in zip(need, total, got)) else acc
        return acc

    def may(self, start: int, k: int, r: int) -> bool:
        """Whether values[start:start + k] may stand in row r: none is on another row's label line."""
        return all(a is None or a == r for a in self.anchored[start : start + k])

    def live(self, i: int, r: int, firsts: tuple, others: tuple, acc: tuple) -> bool:
        """Whether some reading goes on from here to the table's end; every row completed on the
        way there adds its cells' values to the cells' sets."""
        v = self.values  # states that differ only in where equal values stand are one state
        key = (i, r, tuple(v[f] for f in firsts), tuple(tuple(v[s : s + k]) for s, k in others), acc)
        if key in self.seen:
            return self.seen[key]
        if len(self.seen) > MAX_STATES:
            raise _TooMany
        self.seen[key] = False
        n, rows = len(self.values), len(self.codes)
        if i < n and self.anchored[i] is not None and self.anchored[i] < r:
            return False  # the next number stands on the label line of a row already read
        pending = sum(self.width - 1 - k for _, k in others)  # blanks of rests read before their first values
        used = r * self.width - (i - len(firsts) - sum(k for _, k in others)) + pending
        if used > self.blanks or n - i > (rows - r) * self.width:
            return False
        if r == rows:
            self.seen[key] = ok = i == n and not firsts and not others
            return ok
        ok = False
        if i < n and others:  # values[i] is the first value of the row whose rest came before it
            ok |= self.complete(r, i, *others[0], (i + 1, others[1:], firsts), acc)
        elif i < n and not others and len(firsts) < AHEAD and r + len(firsts) < rows and self.may(i, 1, r + len(firsts)):
            ok |= self.live(i + 1, r, (*firsts, i), (), acc)
        spare = self.blanks - used
        for k in range(max(0, self.width - 1 - spare), min(self.width - 1, n - i) + 1):  # values[i:i + k]: a row's rest
            if firsts:
                ok |= self.complete(r, firsts[0], i, k, (i + k, (), firsts[1:]), acc)
            else:
                if not others:  # a row whose first cell is blank
                    ok |= self.complete(r, None, i, k, (i + k, (), ()), acc)
                if len(others) < AHEAD and r + len(others) < rows and self.may(i, k, r + len(others)):
                    ok |= self.live(i + k, r, (), (*others, (i, k)), acc)
        self.seen[key] = ok
        return ok

    def complete(self, r: int, first: int | None, start: int, k: int, then: tuple, acc: tuple) -> bool:
        """Row r read as `first` and values[start:start + k] in any columns after the first: each
        placement whose row total and column identities hold, and from which a reading goes on."""
        i, others, firsts = then
        ok = False
        for place in self.places[k]:
            cells = self.row(r, first, start, k, place)
            after = None if cells is None else self.account(r, cells, acc)
            if after is not None and self.live(i, r + 1, firsts, others, after):
                ok = True
                for col, c in enumerate(cells):
                    self.cells[r][col].add(c)
        return ok


def with_blanks(
    values: Numbers,
    codes: list[str],
    width: int,
    outcome: set[str],
    anchors: list[str | None],
    fixed: dict[str, list],
    floor: list[str | None],
) -> Reading | None:
    """Table 3 from its numbers in the template's order where an extractor dropped blank cells
    (pdftotext prints nothing for them): every way to place the values, in order, with the blanks
    anywhere and a row's first value up to AHEAD rows apart, that keeps every row total and column
    identity (a blank counting as 0), puts no number printed on a row label's line (`anchors`, a
    row code or None for each value) in another row nor a number printed after a row's label
    in a row above it but as its 总计 (`floor`: for each value, the lowest row it may stand in, or
    None), and gives the rows already landed by their labels (`fixed`: code -> values, None for a blank) the values they landed with. In a row that
    _vouched, a cell lands where every such reading gives it the same value (with its place,
    where that is one; readings that differ only in where equal values stand are searched once);
    elsewhere it is (None, None). None: no reading, more blanks than MAX_BLANKS, or too many
    states to search."""
    known = sum(row.count(None) for code, row in fixed.items() if code in codes)  # blanks of rows already landed
    if not 0 < len(codes) * width - len(values) - known <= MAX_BLANKS:
        return None
    search = _Search(values, codes, width, outcome, anchors, fixed, floor)
    try:
        if not search.live(0, 0, (), (), ((0,) * width, (0,) * width, (0,) * width)):
            return None
    except _TooMany:
        return None
    return {
        code: [_agreed(values, places) for places in row] if _vouched(values, row[-1]) else [(None, None)] * width
        for code, row in zip(codes, search.cells)
    }


def _vouched(values: Numbers, totals: set[int | None]) -> bool:
    """A row whose 总计 every reading gives the same non-zero value: its cells rest on its sum.
    A row of zeros rests on nothing but where the extractor is taken to have dropped the blanks,
    which a reading order the search does not know would put elsewhere: it is not landed."""
    return None not in totals and len({values[p] for p in totals}) == 1 and values[next(iter(totals))] != 0


def _agreed(values: Numbers, places: set[int | None]) -> tuple[int | None, int | None]:
    """A cell's value where every reading gives it the same one (never blank), with its place
    where that is the same too."""
    if None in places or len({values[p] for p in places}) != 1:
        return None, None
    place = next(iter(places))
    return values[place], place if len(places) == 1 else None
