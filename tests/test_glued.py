"""Cutting glued digit runs (parsers/glued.py): every cut, counted without making them, and a
cut abandoned early only when its numbers so far cannot hold."""

from __future__ import annotations

import itertools
import random

from parsers import glued


def every_cut(runs: list[str], width: int) -> list[tuple[int, ...]]:
    """Plainly: each run split at every set of positions, pieces printed as numbers are (no
    leading 0 but 0 itself), `width` numbers in all."""

    def splits(run: str) -> list[tuple[int, ...]]:
        out = []
        for k in range(len(run)):
            for points in itertools.combinations(range(1, len(run)), k):
                bounds = (0, *points, len(run))
                pieces = [run[a:b] for a, b in itertools.pairwise(bounds)]
                if all(p == "0" or not p.startswith("0") for p in pieces):
                    out.append(tuple(int(p) for p in pieces))
        return out

    found = [sum(parts, ()) for parts in itertools.product(*(splits(r) for r in runs))]
    return [c for c in found if len(c) == width]


def _runs(rng: random.Random) -> list[str]:
    return [
        "".join(rng.choice("0123456789" if rng.random() < 0.7 else "0") for _ in range(rng.randint(1, 6)))
        for _ in range(rng.randint(1, 3))
    ]


def test_cuts_are_every_cut_and_count_counts_them():
    rng = random.Random(7)
    for _ in range(300):
        runs = _runs(rng)
        for width in range(1, 9):
            made = list(glued.cuts(runs, width))
            assert sorted(made) == sorted(every_cut(runs, width)), (runs, width)
            assert len(set(made)) == len(made)
            assert glued.count(runs, width) == len(made), (runs, width)


def test_a_cut_is_abandoned_only_when_its_start_cannot_hold():
    rng = random.Random(11)
    for _ in range(300):
        runs = _runs(rng)
        for width in range(1, 9):

            def viable(numbers):
                return sum(numbers) % 3 != 1

            kept = [c for c in glued.cuts(runs, width) if all(viable(c[:k]) for k in range(1, len(c) + 1))]
            assert list(glued.cuts(runs, width, viable)) == kept, (runs, width)


def test_too_many_cuts_are_refused_before_any_is_made(monkeypatch):
    runs = ["1234567891234567891234"]
    assert glued.count(runs, 7) > glued.MAX_CUTS
    monkeypatch.setattr(glued, "cuts", lambda *a, **k: (_ for _ in ()).throw(AssertionError("cuts made")))
    assert glued.candidates(runs, [7], lambda w, n: True) == (glued.MAX_CUTS + 1, None)
