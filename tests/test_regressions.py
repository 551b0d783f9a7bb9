"""Every text in tests/regressions/ against its gold: no number misread, body and year right."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts import score_corpus

from . import gold

REGRESSIONS = Path(__file__).parent / "regressions"


@pytest.mark.parametrize("path", score_corpus.reports(REGRESSIONS), ids=lambda p: p.name)
def test_regression_reads_no_number_wrong(path):
    result = score_corpus.score(path, gold.load(path.with_suffix(".json")))
    assert not result.misread, result.misread[:5]
    assert result.title is None, result.title
