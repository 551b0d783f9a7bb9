"""Results of a pure function of one text, kept: a report's cells are the same few hundred labels
and numbers as every other report's, asked for several times each."""

from __future__ import annotations

from collections.abc import Callable


class Memo(dict):
    """fn(key), computed once per key. A hit is one dict lookup (`memo[key]`), about a third of
    what functools.lru_cache's bookkeeping costs; when full, the memo starts afresh."""

    def __init__(self, fn: Callable, size: int = 65536) -> None:
        super().__init__()
        self.fn = fn
        self.size = size

    def __missing__(self, key):
        value = self.fn(key)
        if len(self) >= self.size:
            self.clear()
        self[key] = value
        return value
