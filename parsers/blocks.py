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

from . import settings

Numbers = list[int]
MAX_READINGS = settings.value("reading_order_max")
AHEAD = settings.value("reading_order_ahead")


class _TooMany(Exception):
    pass


def adds_up(row: Sequence[float | None]) -> bool:
    """A row's last cell (its 总计) is the sum of the others, every cell known."""
    return None not in row and row[-1] == sum(row[:-1])


def paragraphs(lines: list[tuple[int, int]]) -> list[Numbers]:
    """(line, value) in document order, grouped where a line is not the one after the last."""
    out: list[Numbers] = []
    last = None
    for line, value in lines:
        if last is None or line > last + 1:
            out.append([])
        out[-1].append(value)
        last = line
    return out


def readings(paras: list[Numbers], width: int) -> Iterator[list[Numbers]]:
    """Every way to read the paragraphs as rows of `width` values, in order."""

    def go(k: int) -> Iterator[list[Numbers]]:
        if k == len(paras):
            yield []
            return
        size = len(paras[k])
        if size == width:  # a row, one value a line
            for rest in go(k + 1):
                yield [paras[k], *rest]
        run = paras[k : k + width]
        if len(run) == width and all(len(p) == size for p in run):
            block = [[p[i] for p in run] for i in range(size)]  # printed column by column
            for rest in go(k + width):
                yield [*block, *rest]

    yield from go(0)


def read(
    lines: list[tuple[int, int]], codes: list[str], width: int, holds: Callable[[dict[str, Numbers]], bool]
) -> dict[str, Numbers] | None:
    """The one reading of the numbers as the rows `codes` (in template order) that keeps every
    identity (`holds`), or None."""
    paras = paragraphs(lines)
    found: list[dict[str, Numbers]] = []
    for k, rows in enumerate(readings(paras, width)):
        if k >= MAX_READINGS:
            return None
        if len(rows) != len(codes):
            continue
        table = dict(zip(codes, rows))
        if all(adds_up(row) for row in rows) and holds(table):
            if table not in found:
                found.append(table)
    try:
        tables = first_apart([value for _, value in lines], len(codes), width)
    except _TooMany:
        return None
    for table in (dict(zip(codes, map(list, rows))) for rows in tables):
        if table not in found and holds(table):
            found.append(table)
    return found[0] if len(found) == 1 else None


def first_apart(values: Numbers, rows: int, width: int) -> set[tuple[tuple[int, ...], ...]]:
    """Every table of `rows` rows whose values, row after row, are `values`, except that a row's
    first value may stand apart from its other values, up to AHEAD rows ahead or behind them
    (pdftotext prints a wrapped label's first cell beside the label); each row adds up.
    Readings that give the same numbers are one table (rows of zeros read alike either way)."""
    if len(values) != rows * width:
        return set()
    rest = width - 1

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
        if pos + rest <= len(values):  # values[pos:pos + rest] are the rest of a row
            run = tuple(values[pos : pos + rest])
            if firsts:
                cells = (firsts[0], *run)
                if adds_up(cells):
                    out.update((cells, *tail) for tail in go(pos + rest, row + 1, firsts[1:], ()))
            elif len(others) < AHEAD and row + len(others) < rows:
                out.update(go(pos + rest, row, (), (*others, run)))
        if len(out) > MAX_READINGS:
            raise _TooMany
        return frozenset(out)

    return set(go(0, 0, (), ()))
