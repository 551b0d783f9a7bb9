"""Cells whose separators were lost (`21710000218` for 217 1 0 0 0 0 218), cut back into
cells by the template's arithmetic, never by a guess.

A row's printed values are digit runs; each run is cut into one or more numbers as reports
print them (no leading zeros), so that the row has its template width. Every cut is tried;
the identities keep the ones that can be true. Exactly one left: that is what was printed.
None or several: the cells stay NULL and the candidates are reported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache

from . import settings

MAX_CUTS = settings.value("glued_max_cuts")  # more ways than this to cut one row: too ambiguous to search
MAX_DIGITS = settings.value("glued_max_digits")


def cuts(runs: list[str], width: int, viable: Callable[[tuple[int, ...]], bool] | None = None) -> Iterator[tuple[int, ...]]:
    """Every way to cut the digit runs, in order, into `width` numbers; with `viable`, only the
    cuts whose every start (the numbers so far) it accepts, the others not made at all."""
    if sum(len(r) for r in runs) > MAX_DIGITS:
        return
    if not runs:
        if width == 0:
            yield ()
        return
    last = len(runs) - 1

    def go(k: int, pos: int, prefix: tuple[int, ...], most: int) -> Iterator[tuple[int, ...]]:
        """Cuts of runs[k][pos:] into at most `most` numbers, then of the runs after it."""
        if most < 1:
            return
        run = runs[k]
        rest = run[pos:]
        if _number(rest):  # the rest of the run as one number, then the next run
            head = (*prefix, int(rest))
            if viable is None or viable(head):
                if k == last:
                    if len(head) == width:
                        yield head
                else:
                    yield from go(k + 1, 0, head, width - len(head) - (last - k - 1))  # each later run gives one at least
        if most < 2:
            return
        for i in range(pos + 1, len(run)):
            piece = run[pos:i]
            if not _number(piece):
                break  # a leading 0 is a whole number on its own: '0' then the rest
            head = (*prefix, int(piece))
            if viable is None or viable(head):
                yield from go(k, i, head, most - 1)

    yield from go(0, 0, (), width - last)


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


@lru_cache(maxsize=4096)
def _pieces(run: str, most: int) -> tuple[int, ...]:
    """(ways to split the run into j numbers for j in 0..most); kept, as runs of zeros recur."""
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
    return tuple(at[0])


def candidates(
    runs: list[str],
    widths: list[int],
    holds: Callable[[int, tuple[int, ...]], bool],
    viable: Callable[[tuple[int, ...]], bool] | None = None,
) -> tuple[int, list[tuple[int, tuple[int, ...]]] | None]:
    """How many cuts there are, and (width, numbers) of those for which `holds(width, numbers)`.
    None: too many cuts to decide. A cut is kept only when the arithmetic holds, even when it is
    the only one: the run may be a fragment of the row, and a wrong number is worse than none.
    `viable` (numbers so far -> whether some cut starting so can hold) spares making the rest."""
    ways = sum(count(runs, width) for width in widths)  # counted, not made: giving up is cheap
    if ways > MAX_CUTS:
        return MAX_CUTS + 1, None
    return ways, [(w, n) for w in widths for n in cuts(runs, w, viable) if holds(w, n)]


def is_glued(texts: list[str]) -> bool:
    """Plain digit runs only: a value with a sign, a comma or a decimal point was printed whole."""
    return bool(texts) and all(t.isascii() and t.isdigit() for t in texts)
