"""How a generated corpus reads, form by form: cells landed, cells misread, bodies and years wrong.

    python scripts/score_corpus.py CORPUS_DIR [--workers 2] [--show 10]

CORPUS_DIR is what scripts/make_corpus.py wrote (every report beside its gold JSON, the variants
too). Each report is parsed as `xxgk parse` would (nothing written) and compared cell by cell with
its gold; the table groups reports by how they travel (the gold's `variant`, else the format) and
layout. A misread cell (a number other than the printed one) is the figure that must stay 0; a
cell left NULL is a loss, not an error. Prints the misreads and wrong titles found, first --show.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from parsers.parse import parse_bytes  # noqa: E402
from tests import gold  # noqa: E402


@dataclass
class Score:
    """One report against its gold."""

    name: str
    form: str
    layout: str
    cells: int = 0
    landed: int = 0
    misread: list[str] = field(default_factory=list)
    title: str | None = None  # `body year` as read, when either is wrong
    failed: bool = False
    warnings: int = 0


def score(path: Path, expected: dict) -> Score:
    """The report at path, parsed, against its gold."""
    _, report = parse_bytes(path.read_bytes(), path.name)
    got = gold.report_cells(report)
    s = Score(path.name, expected.get("variant") or expected.get("format", path.suffix[1:]), expected.get("layout", ""))
    for key, want in gold.expected_cells(expected).items():
        have = got.get(key)
        s.cells += 1
        if have is None:
            s.landed += want is None
        elif want is None or abs(float(have) - float(want)) > 1e-9 * max(1.0, abs(float(want))):
            s.misread.append(f"{path.name} {'.'.join(key)}: want {want}, got {have}")
        else:
            s.landed += 1
    if (report.agency, report.year) != (expected["agency"], expected["year"]):
        s.title = f"{path.name}: {report.agency} {report.year} (want {expected['agency']} {expected['year']})"
    s.failed = report.failed
    s.warnings = sum(i.severity == "warning" for i in report.issues)
    return s


def _score_file(path: Path) -> Score:
    expected = gold.load(path.with_suffix(".json"))
    try:
        return score(path, expected)
    except Exception as e:  # a parser error is a finding of this run, not its end
        s = Score(path.name, expected.get("variant") or expected.get("format", ""), expected.get("layout", ""), failed=True)
        s.misread.append(f"{path.name}: {type(e).__name__}: {e}")
        return s


def reports(corpus: Path) -> list[Path]:
    """Every report of the corpus: a file beside a gold JSON of the same stem."""
    return sorted(p for p in corpus.iterdir() if p.suffix != ".json" and p.with_suffix(".json").exists())


def table(scores: list[Score]) -> list[str]:
    groups: dict[tuple[str, str], list[Score]] = defaultdict(list)
    for s in scores:
        groups[(s.form, s.layout)].append(s)
        groups[(s.form, "*")].append(s)
    groups[("*", "*")] = scores
    lines = [f"{'form':<28} {'layout':<16} {'reports':>7} {'cells':>8} {'landed':>7} {'misread':>7} {'title':>5} {'failed':>6}"]
    for (form, layout), group in sorted(groups.items(), key=lambda kv: (kv[0][0] == "*", kv[0])):
        cells = sum(s.cells for s in group)
        lines.append(
            f"{form:<28} {layout:<16} {len(group):>7} {cells:>8} {100 * sum(s.landed for s in group) / max(cells, 1):>6.1f}% "
            f"{sum(len(s.misread) for s in group):>7} {sum(s.title is not None for s in group):>5} {sum(s.failed for s in group):>6}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("corpus", type=Path)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--show", type=int, default=10, help="misreads and wrong titles printed, at most")
    args = p.parse_args(argv)
    if not args.corpus.is_dir():
        p.error(f"{args.corpus}: not a folder")
    paths = reports(args.corpus)
    if not paths:
        p.error(f"{args.corpus}: no report beside a gold JSON (write one with scripts/make_corpus.py)")
    with ProcessPoolExecutor(args.workers) as pool:
        scores = list(pool.map(_score_file, paths, chunksize=16))
    print("\n".join(table(scores)))
    for line in [m for s in scores for m in s.misread][: args.show] + [s.title for s in scores if s.title][: args.show]:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
