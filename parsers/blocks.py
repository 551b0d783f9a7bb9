"""Table 3 as `pdftotext` without -layout prints it: the numbers in the table's order, but merged
label cells break the rows into blocks printed column by column, with the labels elsewhere.

The numbers alone, in document order, are read as the template's rows in order: a paragraph of
numbers one to a line is a row, seven paragraphs of one number each are a row, and seven
paragraphs of equal length m are a block of m rows printed column by column. Every way of
cutting the paragraphs so is tried; a reading is kept only when it gives exactly the rows the
table's labels name and every row total and every column identity holds. One such reading:
that is the table. None or several: nothing is read this way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from . import settings

Numbers = list[int]
MAX_READINGS = settings.value("reading_order_max")


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
        if all(row[-1] == sum(row[:-1]) for row in rows) and holds(table):
            if table not in found:
                found.append(table)
    return found[0] if len(found) == 1 else None
