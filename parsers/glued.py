"""Cells whose separators were lost (`21710000218` for 217 1 0 0 0 0 218), cut back into
cells by the template's arithmetic, never by a guess.

A row's printed values are digit runs; each run is cut into one or more numbers as reports
print them (no leading zeros), so that the row has its template width. Every cut is tried;
the identities keep the ones that can be true. Exactly one left: that is what was printed.
None or several: the cells stay NULL and the candidates are reported.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator

from . import settings

MAX_CUTS = settings.value("glued_max_cuts")  # more ways than this to cut one row: too ambiguous to search
MAX_DIGITS = settings.value("glued_max_digits")


def cuts(runs: list[str], width: int) -> Iterator[tuple[int, ...]]:
    """Every way to cut the digit runs, in order, into `width` numbers."""
    if sum(len(r) for r in runs) > MAX_DIGITS:
        return

    def go(k: int, left: int) -> Iterator[tuple[int, ...]]:
        if k == len(runs):
            if left == 0:
                yield ()
            return
        later = len(runs) - k - 1  # each later run gives at least one number
        for parts in _cut_run(runs[k], 1, left - later):
            for rest in go(k + 1, left - len(parts)):
                yield parts + rest

    yield from go(0, width)


def _cut_run(run: str, lo: int, hi: int) -> Iterator[tuple[int, ...]]:
    """Ways to cut one digit run into between lo and hi numbers."""
    if hi < 1:
        return
    if lo <= 1 and _number(run):
        yield (int(run),)
    if hi < 2:
        return
    for i in range(1, len(run)):
        head = run[:i]
        if not _number(head):
            break  # a leading 0 is a whole number on its own: '0' then the rest
        for rest in _cut_run(run[i:], max(lo - 1, 1), hi - 1):
            yield (int(head), *rest)


def _number(text: str) -> bool:
    return text == "0" or not text.startswith("0")


def count(runs: list[str], width: int) -> int:
    """How many cuts `cuts(runs, width)` yields, counted without making them: the number of ways
    to split each run into pieces (each a number as printed), `width` pieces in all."""
    if sum(len(r) for r in runs) > MAX_DIGITS:
        return 0
    ways = {0: 1}  # pieces so far -> ways
    for run in runs:
        pieces = _pieces(run, width)
        nxt: dict[int, int] = {}
        for have, w in ways.items():
            for j, c in enumerate(pieces):
                if c and have + j <= width:
                    nxt[have + j] = nxt.get(have + j, 0) + w * c
        ways = nxt
    return ways.get(width, 0)


def _pieces(run: str, most: int) -> list[int]:
    """[ways to split the run into j numbers for j in 0..most]."""
    n = len(run)
    # at[i][j]: ways to split run[i:] into j numbers
    at = [[0] * (most + 1) for _ in range(n + 1)]
    at[n][0] = 1
    for i in range(n - 1, -1, -1):
        for end in range(i + 1, n + 1):
            if not _number(run[i:end]):
                break  # a leading 0 stands alone: no longer piece starts here
            for j in range(1, most + 1):
                at[i][j] += at[end][j - 1]
    return at[0]


def candidates(runs: list[str], widths: list[int], holds: Callable[[int, tuple[int, ...]], bool]) -> tuple[int, list[tuple[int, tuple[int, ...]]] | None]:
    """How many cuts there are, and (width, numbers) of those for which `holds(width, numbers)`.
    None: too many cuts to decide. A cut is kept only when the arithmetic holds, even when it is
    the only one: the run may be a fragment of the row, and a wrong number is worse than none."""
    if sum(count(runs, width) for width in widths) > MAX_CUTS:
        return MAX_CUTS + 1, None  # counted first: making that many cuts only to give up is the cost
    every: list[tuple[int, tuple[int, ...]]] = []
    for width in widths:
        for numbers in cuts(runs, width):
            every.append((width, numbers))
            if len(every) > MAX_CUTS:
                return len(every), None
    return len(every), [(w, n) for w, n in every if holds(w, n)]


def is_glued(texts: list[str]) -> bool:
    """Plain digit runs only: a value with a sign, a comma or a decimal point was printed whole."""
    return bool(texts) and all(t.isascii() and t.isdigit() for t in texts)
